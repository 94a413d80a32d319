// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>

namespace vl {

enum class NavigationNodeKind;

/// The icon of a navigation node: the desktop theme's, else a small drawn one.
[[nodiscard]] QIcon navigationIcon(NavigationNodeKind kind);

} // namespace vl

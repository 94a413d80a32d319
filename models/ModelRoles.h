// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Qt>

namespace vl::models {

/// Roles shared by every VaultLens model.
enum ModelRole {
    /// The unformatted value of a cell, for sorting and filtering apart from its display text.
    RawValueRole = Qt::UserRole + 1,
};

} // namespace vl::models

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <array>
#include <optional>

namespace vl::access {

/// The four kinds of object an access policy grants permissions on.
enum class ObjectKind { Keys, Secrets, Certificates, Storage };

inline constexpr std::array<ObjectKind, 4> allObjectKinds{
    ObjectKind::Keys, ObjectKind::Secrets, ObjectKind::Certificates, ObjectKind::Storage};

/// The wire name used in access policies and in denial messages: keys, secrets, ...
[[nodiscard]] QString wireName(ObjectKind kind);
[[nodiscard]] std::optional<ObjectKind> objectKindFromWireName(const QString &name);

} // namespace vl::access

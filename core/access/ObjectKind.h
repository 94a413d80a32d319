// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace vl::arm {
struct Permissions;
}

namespace vl::access {

/// The four kinds of object an access policy grants permissions on.
enum class ObjectKind { Keys, Secrets, Certificates, Storage };

inline constexpr std::array<ObjectKind, 4> allObjectKinds{
    ObjectKind::Keys, ObjectKind::Secrets, ObjectKind::Certificates, ObjectKind::Storage};

/// The wire name used in access policies and in denial messages: keys, secrets, ...
[[nodiscard]] QString wireName(ObjectKind kind);
[[nodiscard]] std::optional<ObjectKind> objectKindFromWireName(const QString &name);

/// The permission list of @p kind in an access policy's @p permissions (unset: none named).
[[nodiscard]] const std::optional<QStringList> &permissionsOf(const arm::Permissions &permissions,
                                                              ObjectKind kind);
[[nodiscard]] std::optional<QStringList> &permissionsOf(arm::Permissions &permissions,
                                                        ObjectKind kind);

} // namespace vl::access

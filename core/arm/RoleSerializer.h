// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "arm/RoleTypes.h"

#include <QJsonObject>

namespace vl::arm::RoleSerializer {

/// Reads a role definition in the ARM shape (`{id, name, properties:{...}}`) or
/// in the flat shape the built-in-roles documentation prints (`{id, roleName, permissions}`).
[[nodiscard]] RoleDefinition definitionFromJson(const QJsonObject &o);
/// Writes the ARM shape.
[[nodiscard]] QJsonObject toJson(const RoleDefinition &definition);

/// One entry of a definition's `permissions`, or of a `.../permissions` listing.
[[nodiscard]] RolePermission permissionFromJson(const QJsonObject &o);

[[nodiscard]] RoleAssignment assignmentFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const RoleAssignment &assignment);

} // namespace vl::arm::RoleSerializer

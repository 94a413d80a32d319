// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "arm/ArmRequests.h"

#include <QJsonObject>

namespace vl::arm {

/// JSON mapping for the request bodies in ArmRequests.h (and the access-policy answer).
namespace ArmRequestSerializer {

[[nodiscard]] VaultPatchParameters vaultPatchFromJson(const QJsonObject &o);
/// Only the members that are set; `properties` is left out when none is.
[[nodiscard]] QJsonObject toJson(const VaultPatchParameters &patch);

[[nodiscard]] VaultAccessPolicyParameters accessPolicyParametersFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const VaultAccessPolicyParameters &parameters);

[[nodiscard]] RoleAssignmentCreateParameters roleAssignmentCreateFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const RoleAssignmentCreateParameters &parameters);

} // namespace ArmRequestSerializer
} // namespace vl::arm

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/RoleCatalogue.h"

#include <QString>

namespace vl {

/**
 * The built-in role of @p catalogue that allows @p action (a data action when
 * @p dataAction) and as little else as possible, or nullptr when none does.
 *
 * "As little else" is measured against every permission string the catalogue's
 * roles and the Key Vault operations name: the role allowing the fewest of them
 * wins, Key Vault roles first on a tie (Key Vault Secrets User for
 * `secrets/getSecret/action`, Key Vault Contributor for `vaults/write`, never
 * Owner when a narrower role will do).
 */
[[nodiscard]] const arm::RoleDefinition *
leastPrivilegedRole(const access::RoleCatalogue &catalogue, const QString &action, bool dataAction);

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/Caller.h"
#include "access/FirewallEvaluator.h"
#include "access/Operations.h"
#include "arm/Vault.h"

namespace vl::access {

/**
 * True when @p entry applies to @p caller: same tenant, and the entry's object id
 * is the caller's or one of the caller's groups; an entry with an applicationId
 * (a compound identity) applies only when the caller signed in through that
 * application. Source: Key Vault access policy documentation (secure-your-key-vault,
 * "Data plane and access policies"); Microsoft.KeyVault AccessPolicyEntry schema.
 */
[[nodiscard]] bool accessPolicyApplies(const arm::AccessPolicyEntry &entry, const Caller &caller);

/**
 * @brief The vault access policy model: the union of the permissions of every
 * entry that applies to the caller must include one of the operation's permissions.
 *
 * A denial is `403 Forbidden / ForbiddenByPolicy` with the service's text:
 * "The user, group or application '…' does not have secrets get permission on key
 * vault '…;location=…'. For help resolving this issue, please see
 * https://go.microsoft.com/fwlink/?linkid=2125287" (PROTOCOL.md §4.8).
 */
[[nodiscard]] StageResult evaluateAccessPolicies(const QList<arm::AccessPolicyEntry> &entries,
                                                 const Caller &caller,
                                                 const OperationInfo &operation,
                                                 const VaultLabel &label);

/// The permissions of @p kind that @p caller holds through every applicable entry.
[[nodiscard]] QStringList effectivePermissions(const QList<arm::AccessPolicyEntry> &entries,
                                               const Caller &caller, ObjectKind kind);

} // namespace vl::access

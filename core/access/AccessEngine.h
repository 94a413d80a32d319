// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/Caller.h"
#include "access/Operations.h"
#include "access/RbacEvaluator.h"
#include "access/Verdict.h"
#include "arm/Vault.h"

#include <optional>

namespace vl::access {

/// Everything about a vault that authorization reads.
struct VaultContext
{
    arm::Vault vault;      ///< id, name, location, properties (policies, firewall, model)
    QString authorityHost; ///< for the 401 challenge, e.g. https://login.microsoftonline.com
    RbacContext rbac;      ///< assignments that may apply (any scope) and role definitions
};

/// A data-plane request, and what the engine knows of the object it names.
struct OperationRequest
{
    DataOperation operation = DataOperation::ListSecrets;
    QString objectName;
    bool asymmetricKey = false; ///< the key named is RSA or EC (public-key operations)
    /// Facts for the operation stage; without them that stage is Unknown.
    std::optional<bool> objectEnabled;
    std::optional<QStringList> keyOperations; ///< the key's key_ops
};

/**
 * @brief The one model of Key Vault authorization: the sandbox enforces it, the
 * app explains and simulates with it.
 *
 * ```
 *  request ─► token present? ─no─► 401 AKV10000 (challenge; nothing else is looked at)
 *     │yes
 *     ▼
 *  firewall ─► token validation ─► access policy | RBAC ─► operation
 *  (403 ForbiddenByFirewall/     (401 AKV…)  (403 ForbiddenByPolicy/   (403 SecretDisabled,
 *   ForbiddenByConnection)                    ForbiddenByRbac)          KeyOperationForbidden)
 * ```
 * Stages after the first failure are Skipped.
 */
class AccessEngine
{
public:
    [[nodiscard]] static Verdict evaluate(const VaultContext &vault, const Caller &caller,
                                          const Arrival &arrival, const OperationRequest &request,
                                          qint64 nowSecs);

    /// The RBAC resource id a data-plane operation is authorized against: the
    /// object (`{vaultId}/secrets/{name}`) for object operations, else the vault.
    [[nodiscard]] static QString rbacResource(const arm::Vault &vault,
                                              const OperationRequest &request);

    /**
     * Resource Manager authorization of a management @p action at @p scope
     * (RBAC only; access policies never apply to the management plane).
     * Returns the 403 AuthorizationFailed answer, or nothing when allowed.
     */
    [[nodiscard]] static std::optional<Denial>
    authorizeManagement(const RbacContext &rbac, const Caller &caller, const QString &action,
                        const QString &scope, const ConditionAttributes &attributes = {});
};

} // namespace vl::access

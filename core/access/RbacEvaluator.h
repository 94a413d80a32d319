// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/Caller.h"
#include "access/FirewallEvaluator.h"
#include "access/RoleCatalogue.h"
#include "arm/RoleTypes.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace vl::access {

/// The role assignments and definitions an RBAC decision reads.
struct RbacContext
{
    QList<arm::RoleAssignment> assignments;
    const RoleCatalogue *catalogue = &RoleCatalogue::builtIn();
    /// Management group scopes above the subscription
    /// (`/providers/Microsoft.Management/managementGroups/{id}`), root first.
    QStringList managementGroupScopes;
};

/**
 * Attribute values for ABAC conditions, keyed `Request:{attribute}` or
 * `Resource:{attribute}`, e.g. `Request:Microsoft.Authorization/roleAssignments:RoleDefinitionId`.
 */
using ConditionAttributes = QHash<QString, QStringList>;

struct RbacDecision
{
    bool allowed = false;
    QString assignmentId; ///< the assignment that granted it
    QString roleName;
    QString scope;
    /// Assignments that applied to the principal and scope but carried a condition
    /// the engine could not evaluate; they are treated as not granting (fail closed).
    QStringList skippedConditional;
};

/**
 * @brief Azure RBAC, as Key Vault and Resource Manager evaluate it.
 *
 * An assignment applies when its principal is the caller or one of the caller's
 * groups and its scope is the resource or an ancestor of it (management group,
 * subscription, resource group, vault, or a single key, secret or certificate).
 * A role allows an action when some permission block of it matches the action in
 * `actions` (`dataActions`) and not in `notActions` (`notDataActions`); management
 * actions never grant data actions. Sources: Azure RBAC "Understand role
 * definitions" (effective permissions = Actions - NotActions, DataActions -
 * NotDataActions), "Understand scope", and the Key Vault RBAC guide (object scope).
 *
 * Conditions: the ABAC form used by Key Vault Data Access Administrator
 * (`ActionMatches{…}` OR `@Request|@Resource[…RoleDefinitionId] ForAnyOfAnyValues:GuidEquals{…}`,
 * joined by AND) is evaluated against @p attributes; any other condition makes
 * that block or assignment not grant.
 */
class RbacEvaluator
{
public:
    [[nodiscard]] static RbacDecision checkDataAction(const RbacContext &context,
                                                      const Caller &caller,
                                                      const QString &dataAction,
                                                      const QString &resourceId);
    [[nodiscard]] static RbacDecision checkAction(const RbacContext &context, const Caller &caller,
                                                  const QString &action, const QString &scope,
                                                  const ConditionAttributes &attributes = {});

    /// True when the role definition grants @p action (management, or data when @p data).
    [[nodiscard]] static bool roleAllows(const arm::RoleDefinition &role, const QString &action,
                                         bool data, const ConditionAttributes &attributes = {});
    /**
     * Evaluates a supported ABAC condition; nothing when it is not of a supported form.
     * @p action is the action being checked (for ActionMatches).
     */
    [[nodiscard]] static std::optional<bool>
    evaluateCondition(const QString &condition, const QString &action,
                      const ConditionAttributes &attributes);

    /// The 403 ForbiddenByRbac answer of the Key Vault data plane (PROTOCOL.md §4.8).
    [[nodiscard]] static Denial dataPlaneDenial(const Caller &caller, const QString &dataAction,
                                                const QString &resourceId, const VaultLabel &label);
    /// The 403 AuthorizationFailed answer of Resource Manager (PROTOCOL.md §5.6).
    [[nodiscard]] static Denial managementDenial(const Caller &caller, const QString &action,
                                                 const QString &scope);
};

} // namespace vl::access

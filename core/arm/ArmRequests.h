// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "arm/Vault.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

/**
 * @file
 * Bodies the client sends to Resource Manager for incremental changes: the
 * vault PATCH (Microsoft.KeyVault 2026-02-01 VaultPatchParameters), the
 * `accessPolicies/{add|replace|remove}` update and its answer
 * (VaultAccessPolicyParameters), and a role assignment to create
 * (Microsoft.Authorization 2022-04-01 RoleAssignmentCreateParameters).
 * JSON mapping is in ArmRequestSerializer.
 */
namespace vl::arm {

/**
 * @brief `properties` of a vault PATCH: every member optional, and only the
 * members that are set are sent, so the service changes only those.
 *
 * Note that `accessPolicies` here replaces the vault's whole list; use
 * VaultAccessPolicyParameters for incremental changes.
 */
struct VaultPatchProperties
{
    std::optional<QString> tenantId;
    std::optional<Sku> sku;
    std::optional<QList<AccessPolicyEntry>> accessPolicies;
    std::optional<bool> enabledForDeployment;
    std::optional<bool> enabledForDiskEncryption;
    std::optional<bool> enabledForTemplateDeployment;
    std::optional<bool> enableSoftDelete; ///< can only be set to true
    std::optional<bool> enableRbacAuthorization;
    std::optional<int> softDeleteRetentionInDays; ///< 7 to 90
    std::optional<QString> createMode;            ///< recover or default
    std::optional<bool> enablePurgeProtection;    ///< can only be set to true
    std::optional<NetworkRuleSet> networkAcls;
    std::optional<QString> publicNetworkAccess; ///< Enabled or Disabled
    QJsonObject extra;                          ///< further members to send verbatim

    /// True when no member is set.
    [[nodiscard]] bool isEmpty() const;

    friend bool operator==(const VaultPatchProperties &, const VaultPatchProperties &) = default;
};

/// The body of `PATCH .../vaults/{name}`.
struct VaultPatchParameters
{
    std::optional<QMap<QString, QString>> tags; ///< replaces every tag when set
    VaultPatchProperties properties;
    QJsonObject extra; ///< further top-level members to send verbatim

    friend bool operator==(const VaultPatchParameters &, const VaultPatchParameters &) = default;
};

/// The `{operationKind}` of `PUT .../vaults/{name}/accessPolicies/{operationKind}`.
enum class AccessPolicyOperation {
    Add,     ///< adds entries, or adds permissions to an existing entry
    Replace, ///< sets the permissions of the given entries
    Remove,  ///< removes the given permissions (the entry when none is left)
};

/// "add", "replace" or "remove": the path segment.
[[nodiscard]] QString accessPolicyOperationName(AccessPolicyOperation operation);
/// The operation named @p name (case-insensitive), if any.
[[nodiscard]] std::optional<AccessPolicyOperation>
accessPolicyOperationFromName(const QString &name);

/**
 * @brief The body of an access-policy update and the service's answer to it.
 *
 * The body carries only `properties.accessPolicies`; the answer adds the
 * read-only id, name and type, and echoes the entries sent (not the vault's
 * whole list: read the vault again for that).
 */
struct VaultAccessPolicyParameters
{
    std::optional<QString> id;
    std::optional<QString> name; ///< the operation kind
    std::optional<QString> type; ///< Microsoft.KeyVault/vaults/accessPolicies
    std::optional<QString> location;
    QList<AccessPolicyEntry> accessPolicies;
    QJsonObject extra;           ///< top-level members not modelled above
    QJsonObject extraProperties; ///< members of `properties` not modelled above

    friend bool operator==(const VaultAccessPolicyParameters &,
                           const VaultAccessPolicyParameters &) = default;
};

/// The body of `PUT {scope}/providers/Microsoft.Authorization/roleAssignments/{guid}`.
struct RoleAssignmentCreateParameters
{
    QString roleDefinitionId; ///< the full role definition id
    QString principalId;      ///< object id of the user, group or service principal
    /// User, Group, ServicePrincipal, ForeignGroup or Device. Setting it lets the
    /// service accept a principal it has not replicated yet.
    std::optional<QString> principalType;
    std::optional<QString> description;
    std::optional<QString> condition;
    std::optional<QString> conditionVersion; ///< "2.0" with a condition
    std::optional<QString> delegatedManagedIdentityResourceId;
    QJsonObject extraProperties; ///< further members of `properties` to send verbatim

    friend bool operator==(const RoleAssignmentCreateParameters &,
                           const RoleAssignmentCreateParameters &) = default;
};

} // namespace vl::arm

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/**
 * @file
 * Value types for Microsoft.Authorization role definitions and role
 * assignments (api-version 2022-04-01). JSON mapping is in RoleSerializer.
 */
namespace vl::arm {

struct RolePermission
{
    QStringList actions;
    QStringList notActions;
    QStringList dataActions;
    QStringList notDataActions;
    std::optional<QString> condition;
    std::optional<QString> conditionVersion;

    friend bool operator==(const RolePermission &, const RolePermission &) = default;
};

struct RoleDefinition
{
    QString id; ///< full id, `/providers/Microsoft.Authorization/roleDefinitions/{guid}` or scoped
    QString name; ///< the GUID
    QString roleName;
    QString roleType = QStringLiteral("BuiltInRole"); ///< BuiltInRole or CustomRole
    QString description;
    QStringList assignableScopes;
    QList<RolePermission> permissions;

    /// The GUID at the end of a role definition id (its `name`).
    [[nodiscard]] static QString guidFromId(const QString &roleDefinitionId);

    friend bool operator==(const RoleDefinition &, const RoleDefinition &) = default;
};

struct RoleAssignment
{
    QString id;
    QString name; ///< the assignment GUID
    QString scope;
    QString roleDefinitionId;
    QString principalId;
    QString principalType = QStringLiteral("User"); ///< User, Group, ServicePrincipal, ...
    std::optional<QString> description;
    std::optional<QString> condition;
    std::optional<QString> conditionVersion;
    std::optional<QString> createdOn;
    std::optional<QString> updatedOn;
    std::optional<QString> createdBy;
    std::optional<QString> updatedBy;
    std::optional<QString> delegatedManagedIdentityResourceId;

    friend bool operator==(const RoleAssignment &, const RoleAssignment &) = default;
};

} // namespace vl::arm

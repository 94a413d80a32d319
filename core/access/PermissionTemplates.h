// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "arm/Vault.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace vl::access {

/**
 * @brief The portal's access-policy templates, and the built-in roles Microsoft
 * maps each to when migrating a vault to Azure RBAC.
 *
 * Source: Key Vault documentation, "Migrate from vault access policy to an
 * Azure role-based access control permission model" (rbac-migration.md,
 * 2025-04-17), table "Access policy templates to Azure roles mapping". The
 * permission lists of the "Management" templates are the portal's: every
 * non-privileged permission of the kind (purge and release are never part of a
 * template), cryptographic key operations included in Key Management.
 */
struct PermissionTemplate
{
    QString id;              ///< stable identifier, e.g. "secret-management"
    const char *displayName; ///< untranslated
    arm::Permissions permissions;
    QStringList equivalentRoles; ///< built-in role names; empty when a custom role is needed
};

class PermissionTemplates
{
public:
    [[nodiscard]] static const QList<PermissionTemplate> &all();
    [[nodiscard]] static const PermissionTemplate *find(const QString &id);
};

} // namespace vl::access

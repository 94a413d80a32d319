// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/ObjectKind.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace vl::access {

/// How the portal groups access-policy permissions.
enum class PermissionGroup { Management, Cryptographic, Privileged, Rotation, Issuers, Sas, All };

struct PermissionInfo
{
    ObjectKind kind;
    QString name; ///< wire spelling, as in the ARM enum (lower case except wrapKey/unwrapKey)
    PermissionGroup group;
    const char *description; ///< untranslated; pass through QCoreApplication::translate
};

/**
 * @brief Every access-policy permission of Microsoft.KeyVault api-version 2026-02-01.
 *
 * Sources: the `KeyPermissions`, `SecretPermissions`, `CertificatePermissions`
 * and `StoragePermissions` enums of the Microsoft.KeyVault management API
 * (azure-rest-api-specs keyvault.json, 2023-07-01 through 2026-02-01, identical),
 * and the "Key access control", "Secret access control" and certificate access
 * control articles of the Key Vault documentation for the meanings.
 *
 * Comparisons are case-insensitive: the enums are `modelAsString` and tools
 * send `Get`, `List`, ...
 */
class PermissionCatalogue
{
public:
    /// All permissions of a kind, in the order of the ARM enum, `all` included.
    [[nodiscard]] static const QList<PermissionInfo> &permissions(ObjectKind kind);
    [[nodiscard]] static QStringList names(ObjectKind kind);
    /// The wire spelling of @p name, or nothing when it is not a permission of @p kind.
    [[nodiscard]] static std::optional<QString> canonical(ObjectKind kind, const QString &name);
    [[nodiscard]] static bool isKnown(ObjectKind kind, const QString &name)
    {
        return canonical(kind, name).has_value();
    }
    [[nodiscard]] static std::optional<PermissionInfo> info(ObjectKind kind, const QString &name);

    /**
     * True when the permissions @p held (as stored in an access policy) include
     * @p required. `all` grants every permission of the kind except `purge`:
     * purge has to be granted by name (inferred from the service's behaviour
     * reported in azure-resource-manager-schemas PR #397; not documented).
     */
    [[nodiscard]] static bool grants(ObjectKind kind, const QStringList &held,
                                     const QString &required);
};

} // namespace vl::access

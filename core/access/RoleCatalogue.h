// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "arm/RoleTypes.h"

#include <QList>
#include <QString>

namespace vl::access {

/// Well-known built-in role definition GUIDs (RBAC.md §1, §2).
namespace BuiltInRole {
inline constexpr QLatin1StringView KeyVaultAdministrator{"00482a5a-887f-4fb3-b363-3b7fe8e74483"};
inline constexpr QLatin1StringView KeyVaultCertificatesOfficer{
    "a4417e6f-fecd-4de8-b567-7b0420556985"};
inline constexpr QLatin1StringView KeyVaultCertificateUser{"db79e9a7-68ee-4b58-9aeb-b90e7c24fcba"};
inline constexpr QLatin1StringView KeyVaultContributor{"f25e0fa2-a7c8-4377-a976-54943a77a395"};
inline constexpr QLatin1StringView KeyVaultCryptoOfficer{"14b46e9e-c2b7-41b4-b07b-48a6ebf60603"};
inline constexpr QLatin1StringView KeyVaultCryptoServiceEncryptionUser{
    "e147488a-f6f5-4113-8e2d-b22465e65bf6"};
inline constexpr QLatin1StringView KeyVaultCryptoServiceReleaseUser{
    "08bbd89e-9f13-488c-ac41-acfcb10c90ab"};
inline constexpr QLatin1StringView KeyVaultCryptoUser{"12338af0-0e69-4776-bea7-57ae8d297424"};
inline constexpr QLatin1StringView KeyVaultDataAccessAdministrator{
    "8b54135c-b56d-4d72-a534-26097cfdc8d8"};
inline constexpr QLatin1StringView KeyVaultReader{"21090545-7ca7-4776-b22c-e363652d74d2"};
inline constexpr QLatin1StringView KeyVaultSecretsOfficer{"b86a8fe4-44ce-4948-aee5-eccb2c155cd7"};
inline constexpr QLatin1StringView KeyVaultSecretsUser{"4633458b-17de-408a-b874-0445c86b69e6"};
inline constexpr QLatin1StringView KeyVaultPurgeOperator{"a68e7c17-0ab2-4c09-9a58-125dae29748c"};
inline constexpr QLatin1StringView Owner{"8e3af657-a8ff-443c-a75c-2fe8c4bcb635"};
inline constexpr QLatin1StringView Contributor{"b24988ac-6180-42a0-ab88-20f7382dd24c"};
inline constexpr QLatin1StringView Reader{"acdd72a7-3385-48ef-bd42-f606fba81ae7"};
inline constexpr QLatin1StringView UserAccessAdministrator{"18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"};
inline constexpr QLatin1StringView RoleBasedAccessControlAdministrator{
    "f58310d9-a9f6-439a-9e8d-f62e7b41a168"};
} // namespace BuiltInRole

/**
 * @brief Role definitions known to the engine: the built-in ones, shipped as
 * data in `:/vaultlens/access/builtin-roles.json` (copied verbatim from the
 * Azure built-in roles documentation), plus any custom roles added at run time.
 */
class RoleCatalogue
{
public:
    /// A catalogue holding the built-in roles.
    RoleCatalogue();

    /// The shared catalogue of built-in roles.
    [[nodiscard]] static const RoleCatalogue &builtIn();

    [[nodiscard]] const QList<arm::RoleDefinition> &definitions() const { return m_definitions; }
    /// Looks a definition up by GUID or by any id that ends in the GUID (case-insensitive).
    [[nodiscard]] const arm::RoleDefinition *find(const QString &idOrGuid) const;
    [[nodiscard]] const arm::RoleDefinition *findByName(const QString &roleName) const;
    /// Adds or replaces (same GUID) a definition.
    void add(const arm::RoleDefinition &definition);

private:
    QList<arm::RoleDefinition> m_definitions;
};

} // namespace vl::access

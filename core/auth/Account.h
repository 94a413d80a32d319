// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace vl {

/// How an account signs in; it decides which secret the keychain keeps for it.
enum class CredentialKind {
    Browser,      ///< the browser sign-in; the keychain keeps a refresh token
    DeviceCode,   ///< the device code flow; the keychain keeps a refresh token
    ClientSecret, ///< a service principal; the keychain keeps its client secret
    /// A service principal with a certificate; the keychain keeps the certificate, its
    /// private key and the key's password (never the settings).
    ClientCertificate,
    ManagedIdentity, ///< the managed identity of the host; nothing is kept
    AzureCli,        ///< whoever is signed in to the Azure CLI; nothing is kept
};

/// A stable name for settings: "browser", "device-code", "client-secret",
/// "client-certificate", "managed-identity", "azure-cli".
[[nodiscard]] QString credentialKindName(CredentialKind kind);
/// The kind named @p name; Browser for an unknown name.
[[nodiscard]] CredentialKind credentialKindFromName(const QString &name, bool *ok = nullptr);

/// A tenant an account may use (Resource Manager's `/tenants` list).
struct TenantInfo
{
    QString id;
    QString displayName;
    QString defaultDomain;
    QString category; ///< `Home`, `ProjectedBy` (a guest), `ManagedBy`; empty when unknown
    friend bool operator==(const TenantInfo &, const TenantInfo &) = default;
};

/**
 * @brief A signed-in account, as the settings keep it: nothing secret.
 *
 * The refresh token (users), client secret or certificate (service principals)
 * is in the keychain under `<cloud>/<id>/<purpose>`; access tokens only in
 * memory. Managed identities and Azure CLI accounts keep nothing: their tokens
 * come from the host's identity endpoint or the CLI each time.
 */
struct Account
{
    /// Stable: `<oid>.<tenant>` for users, `<app id>.<tenant>` for apps (secret or
    /// certificate), `<oid>.<tenant>.managed-identity` and `<oid>.<tenant>.azure-cli`.
    QString id;
    QString cloud; ///< the CloudProfile's name
    CredentialKind credential = CredentialKind::Browser;
    QString userName;          ///< upn / preferred_username; the app id for a service principal
    QString displayName;       ///< `name`
    QString objectId;          ///< `oid`
    QString homeTenantId;      ///< the tenant signed in to first
    QString clientId;          ///< the app the account signs in with
    QList<TenantInfo> tenants; ///< every tenant it may use, the home tenant included

    /// True for a person signed in here (browser, device code): it holds a refresh token.
    [[nodiscard]] bool isUser() const
    {
        return credential == CredentialKind::Browser || credential == CredentialKind::DeviceCode;
    }
    /// True when the keychain keeps something for this account.
    [[nodiscard]] bool hasStoredSecret() const
    {
        return credential != CredentialKind::ManagedIdentity
               && credential != CredentialKind::AzureCli;
    }
    /// The keychain purpose of this account's secret; empty when it keeps none.
    [[nodiscard]] QString secretPurpose() const;
    /// The tenant with @p id, or nullptr.
    [[nodiscard]] const TenantInfo *tenant(const QString &id) const;
    /// The account's stable id for a sign-in of @p objectId in @p tenantId.
    [[nodiscard]] static QString makeId(const QString &objectId, const QString &tenantId);
    friend bool operator==(const Account &, const Account &) = default;
};

} // namespace vl

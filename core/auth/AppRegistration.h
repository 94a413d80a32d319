// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace vl {

/**
 * @brief The app registration VaultLens signs users in with on the Azure
 * clouds: where its client id comes from, and what a tenant's administrator
 * registers (PROTOCOL.md §1.9, §1.10).
 *
 * VaultLens is a public client (no secret). The sandbox brings its own
 * registration (CloudProfile::publicClientId) and never needs one of these.
 */
namespace AppRegistration {

/// The settings key of the client id.
inline constexpr QLatin1StringView SettingsKey{"auth/clientId"};
/// The environment variable of the client id.
inline constexpr QLatin1StringView EnvironmentVariable{"AZURE_CLIENT_ID"};
/// The Azure CLI's well-known public client id, which most tenants have consented to.
inline constexpr QLatin1StringView AzureCliClientId{"04b07795-8ddb-461a-bbee-02f9e1bf7b46"};

/**
 * The client id to sign in with. Precedence: @p commandLineValue (`--client-id`),
 * then `AZURE_CLIENT_ID` in @p environment, then @p settingsValue
 * (`auth/clientId`). Values are trimmed; empty when none is set.
 */
[[nodiscard]] QString resolveClientId(const QString &settingsValue, const QString &commandLineValue,
                                      const QProcessEnvironment &environment);

/// True when @p text is a GUID (a client id's shape), with or without braces.
[[nodiscard]] bool isValidClientId(const QString &text);

/// One delegated permission the registration asks for.
struct Permission
{
    QString resourceName;  ///< "Azure Service Management"
    QString resourceAppId; ///< the resource's application id
    QString scope;         ///< "user_impersonation"
    QString scopeId;       ///< the delegated permission's id
    bool optional = false; ///< an alternative (User.ReadBasic.All for Directory.Read.All)
};

/// The delegated permissions: Resource Manager, Key Vault, Graph.
[[nodiscard]] QList<Permission> permissions();
/**
 * The redirect URIs to register: `http://localhost` (what the portal accepts)
 * and `http://127.0.0.1` (what the browser sign-in sends, with the port it
 * listens on: Entra ID ignores a loopback URI's port).
 */
[[nodiscard]] QStringList redirectUris();
/// The `az ad app create ...` command that registers VaultLens (one line, for a shell).
[[nodiscard]] QString azAppCreateCommand();

} // namespace AppRegistration
} // namespace vl

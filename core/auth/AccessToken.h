// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace vl {

/// Where a token came from, as the journal shows it.
enum class TokenSource {
    None,
    MemoryCache,      ///< an access token already held in memory
    RefreshToken,     ///< redeemed from the account's refresh token
    Interactive,      ///< the browser sign-in (authorization code with PKCE)
    DeviceCode,       ///< the device code flow
    ClientCredential, ///< a client secret
    Certificate,      ///< a client certificate's signed assertion
    ManagedIdentity,  ///< IMDS or App Service
    AzureCli,         ///< `az account get-access-token`
};

/// A stable English name for @p source ("memory cache", "refresh token", ...).
[[nodiscard]] QString tokenSourceName(TokenSource source);

/**
 * @brief An access token and where it came from. The token bytes stay in
 * memory; they are never logged, journaled or written to disk.
 */
struct AccessToken
{
    QByteArray token;
    QDateTime expiresOn; ///< UTC
    TokenSource source = TokenSource::None;
    QString credential; ///< the credential's name ("client secret", "Azure CLI", ...)
};

/// What the caller asks a credential for.
struct TokenRequestContext
{
    QStringList scopes;        ///< e.g. "https://vault.azure.net/.default"
    QString tenantId;          ///< empty: the credential's own tenant
    QString claims;            ///< a claims challenge to pass on, if any
    bool forceRefresh = false; ///< skip any cached access token
};

/**
 * @brief A token's provenance and decoded claims, without the token: what
 * the journal keeps and the flow view shows.
 */
struct TokenInfo
{
    TokenSource source = TokenSource::None;
    QString credential;
    QStringList scopes; ///< what was asked for
    QString tenantId;   ///< what was asked for (empty: the credential's own)
    QDateTime expiresOn;
    QJsonObject claims; ///< the decoded JWT payload (empty when not a JWT)
};

} // namespace vl

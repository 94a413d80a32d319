// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Result.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace vl {

/**
 * @brief The claims of an Entra ID access token that VaultLens shows and
 * reasons about (PROTOCOL.md §1.8), and the whole payload as received.
 *
 * v1 and v2 names are folded together: `appId` is `appid` or `azp`,
 * `userName` is `upn`, `preferred_username` or `unique_name`.
 */
struct TokenClaims
{
    QString audience;                  ///< `aud` (the first one when it is an array)
    QStringList audiences;             ///< every `aud`
    QString issuer;                    ///< `iss`
    QString tenantId;                  ///< `tid`
    QString objectId;                  ///< `oid`
    QString appId;                     ///< `appid` (v1) or `azp` (v2)
    QString userName;                  ///< `upn`, `preferred_username` or `unique_name`
    QString name;                      ///< `name`
    QStringList scopes;                ///< `scp`, split on spaces (user tokens)
    QStringList roles;                 ///< `roles` (app permissions, app-only tokens)
    QString idType;                    ///< `idtyp`: "app", "user" or empty
    QString version;                   ///< `ver`: "1.0" or "2.0"
    QString managedIdentityResourceId; ///< `xms_mirid`
    QDateTime expiresOn;               ///< `exp` (UTC; invalid when absent)
    QDateTime notBefore;               ///< `nbf`
    QDateTime issuedAt;                ///< `iat`
    QJsonObject raw;                   ///< the decoded payload

    /// True for an application's own token (no user): `idtyp` app, or no `scp` and no user name.
    [[nodiscard]] bool isAppOnly() const;
};

/// A compact JWS split and decoded. The signature is kept but never checked.
struct DecodedJwt
{
    QJsonObject header; ///< `alg`, `kid`, `typ`, `x5t`, ...
    TokenClaims claims;
};

/**
 * @brief Reads JWTs without verifying them: VaultLens only looks at the
 * tokens it was given, it never trusts one it did not get from Entra ID.
 */
namespace Jwt {

/**
 * Splits @p token into header, payload and signature, base64url-decodes the
 * first two and parses their JSON. A Malformed error says which part is wrong.
 */
[[nodiscard]] Result<DecodedJwt> decode(QByteArrayView token);
/// decode() for callers that want only the claims.
[[nodiscard]] Result<TokenClaims> claims(QByteArrayView token);
/// The TokenClaims read from a payload object.
[[nodiscard]] TokenClaims claimsFromJson(const QJsonObject &payload);

} // namespace Jwt
} // namespace vl

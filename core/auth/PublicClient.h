// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/AccessToken.h"
#include "auth/Jwt.h"
#include "http/HttpPipeline.h"
#include "util/Clock.h"
#include "util/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QFuture>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace vl {

/// Who signed in, as the ID token (or, without one, client_info and the access token) tells.
struct SignedInIdentity
{
    QString objectId;    ///< `oid`
    QString tenantId;    ///< `tid`: the tenant that issued the tokens
    QString userName;    ///< `preferred_username` or `upn`
    QString displayName; ///< `name`
    /// `client_info` (`uid`, `utid`): the user's home object id and tenant, which stay the
    /// same when the user signs in to a tenant where they are a guest. Empty when absent.
    QString homeObjectId;
    QString homeTenantId;
};

/**
 * @brief What the token endpoint answered to a user's grant. The refresh token
 * is a secret: it goes to the keychain and nowhere else (never a log or a file).
 */
struct UserTokenAnswer
{
    AccessToken accessToken;
    QByteArray refreshToken;   ///< empty when none came (offline_access not granted)
    QStringList grantedScopes; ///< the answer's `scope`, split
    SignedInIdentity identity;
    TokenClaims idClaims; ///< the decoded ID token (empty when none came)
};

/// The device authorization answer (RFC 8628 §3.2). `deviceCode` is kept for polling only.
struct DeviceCodeGrant
{
    QByteArray deviceCode;
    QString userCode;
    QUrl verificationUri;
    QString message;     ///< the service's text for the user (names the URI and the code)
    QDateTime expiresOn; ///< UTC
    int intervalSeconds = 5;
};

/// The authorize request's parameters besides the client and the endpoint.
struct AuthorizeParameters
{
    QString tenant;           ///< tenant id, domain, `organizations` or `common`
    QUrl redirectUri;         ///< the loopback listener
    QStringList scopes;       ///< resource scope(s) and OpenID scopes, in order
    QByteArray state;         ///< random, checked when the redirect comes back
    QByteArray codeChallenge; ///< PKCE S256 challenge
    QString prompt;           ///< e.g. `select_account`; empty: none
    QString loginHint;        ///< pre-fills the user name
    QString domainHint;       ///< skips home realm discovery
};

/// Where a public client finds Entra ID.
struct PublicClientOptions
{
    std::shared_ptr<HttpPipeline> pipeline; ///< the journaled identity pipeline (no credential)
    QUrl authorityHost; ///< token and device code endpoints: `https://login.microsoftonline.com`
    QUrl authorizeHost; ///< the browser's authorize page host; empty: authorityHost
    QString clientId;   ///< the app registration VaultLens signs in with
    const Clock *clock = nullptr; ///< null: the system clock
};

/**
 * @brief The calls a public client (no secret) makes to Entra ID's v2.0
 * endpoints, through the identity pipeline, so that they are journaled and
 * their TLS is verified by the app's transport (PROTOCOL.md §1.2–1.6):
 *
 * ```
 *  authorize URL (browser)       GET  {authorizeHost}/{tenant}/oauth2/v2.0/authorize
 *  redeemAuthorizationCode       POST {authorityHost}/{tenant}/oauth2/v2.0/token
 * grant_type=authorization_code redeemRefreshToken            POST
 * {authorityHost}/{tenant}/oauth2/v2.0/token  grant_type=refresh_token requestDeviceCode POST
 * {authorityHost}/{tenant}/oauth2/v2.0/devicecode pollDeviceCode                POST
 * {authorityHost}/{tenant}/oauth2/v2.0/token  grant_type=device_code
 * ```
 *
 * Every form body is marked secret (it carries a code, a verifier or a refresh
 * token), so the journal never keeps it. Errors are AzureErrors parsed from the
 * OAuth error answer: `code` is the OAuth `error` (`invalid_grant`,
 * `authorization_pending`, ...), `innerCode` the AADSTS number.
 */
class PublicClient
{
public:
    explicit PublicClient(PublicClientOptions options);

    [[nodiscard]] const QString &clientId() const { return m_options.clientId; }
    [[nodiscard]] const QUrl &authorityHost() const { return m_options.authorityHost; }
    [[nodiscard]] const std::shared_ptr<HttpPipeline> &pipeline() const
    {
        return m_options.pipeline;
    }
    [[nodiscard]] const Clock &clock() const;

    [[nodiscard]] QUrl authorizeEndpoint(const QString &tenant) const;
    [[nodiscard]] QUrl tokenEndpoint(const QString &tenant) const;
    [[nodiscard]] QUrl deviceCodeEndpoint(const QString &tenant) const;

    /// The browser's authorize URL: code flow, PKCE S256, query response mode.
    [[nodiscard]] QUrl authorizeUrl(const AuthorizeParameters &parameters) const;

    [[nodiscard]] QFuture<Result<UserTokenAnswer>>
    redeemAuthorizationCode(const QString &tenant, const QString &code, const QUrl &redirectUri,
                            const QByteArray &codeVerifier, const QStringList &scopes) const;
    [[nodiscard]] QFuture<Result<UserTokenAnswer>>
    redeemRefreshToken(const QString &tenant, const QByteArray &refreshToken,
                       const QStringList &scopes, const QString &claims = {}) const;
    [[nodiscard]] QFuture<Result<DeviceCodeGrant>>
    requestDeviceCode(const QString &tenant, const QStringList &scopes) const;
    /// One poll; `authorization_pending` and `slow_down` come back as errors with that code.
    [[nodiscard]] QFuture<Result<UserTokenAnswer>> pollDeviceCode(const QString &tenant,
                                                                  const QByteArray &deviceCode,
                                                                  const QStringList &scopes) const;

    /// Reads a token answer received at @p now; @p source and @p credential label the token.
    [[nodiscard]] static Result<UserTokenAnswer> parseTokenAnswer(const QJsonObject &answer,
                                                                  const QDateTime &now,
                                                                  TokenSource source,
                                                                  const QString &credential);
    /// Reads a device authorization answer received at @p now.
    [[nodiscard]] static Result<DeviceCodeGrant> parseDeviceCodeAnswer(const QJsonObject &answer,
                                                                       const QDateTime &now);
    /// `application/x-www-form-urlencoded`, every reserved character percent-encoded.
    [[nodiscard]] static QByteArray formEncode(const QList<QPair<QString, QString>> &fields);

private:
    [[nodiscard]] QFuture<Result<UserTokenAnswer>>
    postTokenRequest(const QString &tenant, const QString &operation,
                     const QList<QPair<QString, QString>> &fields, TokenSource source,
                     const QString &credential) const;
    [[nodiscard]] QUrl endpoint(const QUrl &host, const QString &tenant, const QString &leaf) const;

    PublicClientOptions m_options;
};

/// The scopes of a user's sign-in: @p resourceScopes, then `offline_access openid profile`.
[[nodiscard]] QStringList withOpenIdScopes(const QStringList &resourceScopes);

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServiceContext.h"
#include "http/ServerTypes.h"

#include <QHash>
#include <QString>

#include <optional>

namespace vl::sandbox {

/**
 * @brief Microsoft Entra ID, v2.0 shapes, for one sandbox.
 *
 * API origin: OpenID discovery, JWKS, instance discovery, the token endpoint
 * (authorization code with PKCE, refresh token, client credentials with a secret
 * (in the form or HTTP Basic) or an RS256/PS256 client assertion, device code under
 * both grant-type spellings) and the device authorization endpoint; the same under the `adfs`
 * authority shape. Browser origin: the sign-in page (authorize), the device
 * login page, and the managed-identity endpoint (IMDS shape).
 *
 * ```
 *  app ─GET authorize (PKCE challenge, state)─► sign-in page ─POST account─► 302
 * redirect_uri?code&state app ─POST token (code, code_verifier)──────► access token + refresh token
 * + id_token
 * ```
 */
class IdentityService
{
public:
    explicit IdentityService(ServiceContext &context);

    /// Requests on the API origin whose first segment is a tenant, `common`,
    /// `organizations` or `adfs`; nothing when the path is not an identity path.
    [[nodiscard]] std::optional<HttpResponse> handleApi(const HttpRequest &request);
    /// Requests on the browser origin.
    [[nodiscard]] HttpResponse handleBrowser(const HttpRequest &request);

    /// Forgets pending codes (reset).
    void clearPending();

private:
    struct AuthorizationCode
    {
        QString clientId;
        QString redirectUri;
        QString challenge;
        QString challengeMethod; ///< S256 or plain
        QString principalId;
        QString tenantId;
        QString scope;
        qint64 expiresAt = 0;
    };
    struct DeviceCode
    {
        QString userCode;
        QString clientId;
        QString scope;
        QString tenant;      ///< as requested: a tenant id, domain, common or organizations
        QString principalId; ///< set once approved
        bool declined = false;
        qint64 expiresAt = 0;
    };

    HttpResponse openIdConfiguration(const QString &tenant, bool adfs);
    HttpResponse keys(const QString &tenant);
    HttpResponse instanceDiscovery(const HttpRequest &request);
    HttpResponse token(const QString &tenant, const HttpRequest &request);
    HttpResponse deviceCode(const QString &tenant, const HttpRequest &request);
    HttpResponse clientCredentials(const Tenant &tenant, const HttpRequest &request);
    HttpResponse authorizationCodeGrant(const HttpRequest &request);
    HttpResponse refreshTokenGrant(const QString &tenant, const HttpRequest &request);
    HttpResponse deviceCodeGrant(const HttpRequest &request);
    HttpResponse authorizePage(const QString &tenant, const HttpRequest &request);
    HttpResponse deviceLogin(const HttpRequest &request);
    HttpResponse managedIdentity(const HttpRequest &request);

    /// What a token answer carries besides the access token.
    struct AnswerOptions
    {
        bool delegated = false;    ///< a user's token: id_token and client_info may come
        bool refreshToken = false; ///< offline_access was asked for, or a refresh grant
        bool idToken = false;      ///< openid was asked for
        std::optional<TokenService::ClientAuthentication> authentication;
    };
    /// For a user's grant: refresh and ID tokens follow the scopes asked for (@p scopes:
    /// every scope the grant and the token request named).
    [[nodiscard]] static AnswerOptions delegatedAnswer(const QString &scopes);

    /// The token answer for a signed-in user or app; @p scope names the resource.
    HttpResponse tokenAnswer(const Tenant &tenant, const Principal &principal,
                             const QString &clientId, const QString &scope,
                             const AnswerOptions &options);
    /// Checks a client assertion (RS256/PS256 JWT signed with the app's registered
    /// certificate); the error answer, or nothing when it is valid.
    [[nodiscard]] std::optional<HttpResponse>
    checkClientAssertion(const Principal &app, const QString &clientId, const Tenant &tenant,
                         const HttpRequest &request, const QString &assertion) const;
    [[nodiscard]] const Tenant *resolveTenant(const QString &segment) const;

    ServiceContext &m_context;
    QHash<QString, AuthorizationCode> m_codes;
    QHash<QString, DeviceCode> m_deviceCodes; ///< keyed by device_code
    QHash<QString, qint64> m_redeemedCodes;   ///< codes already used, for AADSTS54005
};

/// The Entra ID error answer: `{"error","error_description":"AADSTSn: ...","error_codes":[n],...}`.
[[nodiscard]] HttpResponse aadError(int status, const QString &error, int code,
                                    const QString &description);

} // namespace vl::sandbox

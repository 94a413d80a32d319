// SPDX-License-Identifier: GPL-3.0-or-later
#include "identity/IdentityService.h"

#include "auth/Base64Url.h"
#include "crypto/Jwt.h"
#include "identity/SignInPages.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vl::sandbox {
namespace {

constexpr qint64 CodeLifetime = 600;       // authorization codes live about ten minutes
constexpr qint64 DeviceCodeLifetime = 900; // expires_in of the device authorization answer
constexpr int DevicePollInterval = 1;

QString randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), bytes / 4);
    return QString::fromLatin1(base64UrlEncode(raw));
}

QString userCode()
{
    static constexpr char alphabet[] = "BCDFGHJKLMNPQRSTVWXZ23456789";
    QString code;
    for (int i = 0; i < 9; ++i)
        code += QChar::fromLatin1(
            alphabet[QRandomGenerator::system()->bounded(int(sizeof alphabet) - 1)]);
    return code;
}

bool isLoopbackRedirect(const QString &uri)
{
    const QUrl url(uri, QUrl::StrictMode);
    return url.isValid() && url.scheme() == "http"_L1
           && (url.host() == "127.0.0.1"_L1 || url.host() == "localhost"_L1);
}

QString firstValue(const HttpRequest &r, const QString &name)
{
    if (auto v = r.formValue(name))
        return *v;
    return r.queryValue(name).value_or(QString());
}

/// The client's id and secret: form fields (client_secret_post) or an HTTP Basic
/// Authorization header (client_secret_basic, RFC 6749 §2.3.1: form-encoded, then base64).
struct ClientCredentials
{
    QString id;
    QString secret;
};

ClientCredentials clientCredentialsOf(const HttpRequest &r)
{
    ClientCredentials c{firstValue(r, u"client_id"_s), firstValue(r, u"client_secret"_s)};
    const QByteArray authorization = r.header("Authorization").trimmed();
    if (authorization.size() <= 6
        || authorization.first(6).compare("basic ", Qt::CaseInsensitive) != 0)
        return c;
    const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    if (colon <= 0)
        return c;
    auto formDecoded = [](QByteArray v) {
        v.replace('+', ' ');
        return QUrl::fromPercentEncoding(v);
    };
    if (c.id.isEmpty())
        c.id = formDecoded(decoded.left(colon));
    if (c.secret.isEmpty())
        c.secret = formDecoded(decoded.mid(colon + 1));
    return c;
}

/// A redirect to @p redirectUri with @p items added to its query. A redirect URI without a
/// path gets "/" (Entra ID answers `http://localhost:7071` at `http://localhost:7071/`).
HttpResponse redirectTo(const QString &redirectUri, const QList<QPair<QString, QString>> &items)
{
    QUrl target(redirectUri);
    if (target.path().isEmpty())
        target.setPath(u"/"_s);
    QUrlQuery q(target);
    for (const auto &[name, value] : items)
        if (!value.isEmpty())
            q.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    target.setQuery(q);
    HttpResponse r = HttpResponse::empty(302);
    r.setHeader("Location", target.toEncoded());
    return r;
}

QString isoTime(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

HttpResponse aadError(int status, const QString &error, int code, const QString &description)
{
    const QString now = QDateTime::currentDateTimeUtc().toString(u"yyyy-MM-dd hh:mm:ss'Z'"_s);
    const QString trace = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString correlation = QUuid::createUuid().toString(QUuid::WithoutBraces);
    HttpResponse r = HttpResponse::json(
        status,
        QJsonObject{
            {u"error"_s, error},
            {u"error_description"_s,
             u"AADSTS%1: %2\r\nTrace ID: %3\r\nCorrelation ID: %4\r\nTimestamp: %5"_s.arg(code).arg(
                 description, trace, correlation, now)},
            {u"error_codes"_s, QJsonArray{code}},
            {u"timestamp"_s, now},
            {u"trace_id"_s, trace},
            {u"correlation_id"_s, correlation},
            {u"error_uri"_s, u"https://login.microsoftonline.com/error?code=%1"_s.arg(code)}});
    r.setHeader("Cache-Control", "no-store, no-cache");
    return r;
}

IdentityService::IdentityService(ServiceContext &context)
    : m_context(context)
{}

void IdentityService::clearPending()
{
    m_codes.clear();
    m_deviceCodes.clear();
    m_redeemedCodes.clear();
}

const Tenant *IdentityService::resolveTenant(const QString &segment) const
{
    if (segment == "adfs"_L1)
        return m_context.state.directory.tenants.isEmpty()
                   ? nullptr
                   : &m_context.state.directory.tenants.first();
    return m_context.state.directory.tenant(segment);
}

std::optional<HttpResponse> IdentityService::handleApi(const HttpRequest &request)
{
    const QStringList parts = request.path.split(u'/', Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return std::nullopt;
    const QString tenant = parts[0];
    const bool generic = tenant == "common"_L1 || tenant == "organizations"_L1;
    const bool adfs = tenant == "adfs"_L1;
    if (!generic && !adfs && !resolveTenant(tenant)) {
        if (parts.size() >= 2
            && (parts[1] == "oauth2"_L1 || parts[1] == "v2.0"_L1 || parts[1] == "discovery"_L1))
            return aadError(
                400, u"invalid_request"_s, 90002,
                u"Tenant '%1' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."_s
                    .arg(tenant));
        return std::nullopt;
    }
    const QString rest = parts.mid(1).join(u'/');
    if (request.method == "GET") {
        if (rest == "v2.0/.well-known/openid-configuration"_L1
            || (adfs && rest == ".well-known/openid-configuration"_L1))
            return openIdConfiguration(tenant, adfs);
        if (rest == "discovery/v2.0/keys"_L1 || rest == "discovery/keys"_L1)
            return keys(tenant);
        if (tenant == "common"_L1 && rest == "discovery/instance"_L1)
            return instanceDiscovery(request);
    }
    if (request.method == "POST") {
        if (rest == "oauth2/v2.0/token"_L1 || rest == "oauth2/token"_L1)
            return token(tenant, request);
        if (rest == "oauth2/v2.0/devicecode"_L1 || rest == "oauth2/devicecode"_L1)
            return deviceCode(tenant, request);
    }
    return std::nullopt;
}

HttpResponse IdentityService::openIdConfiguration(const QString &tenant, bool adfs)
{
    const Tenant *t = resolveTenant(tenant);
    const QString api = m_context.apiOrigin();
    const QString segment = t && !adfs ? t->id : tenant;
    const QString base = api + u'/' + segment;
    const QString oauth = adfs ? base + u"/oauth2"_s : base + u"/oauth2/v2.0"_s;
    const QString issuer = adfs ? base
                           : t  ? QString(api + u'/' + t->id + u"/v2.0"_s)
                                : QString(api + u"/{tenantid}/v2.0"_s);
    QJsonObject o{
        {u"issuer"_s, issuer},
        {u"authorization_endpoint"_s,
         QString(m_context.browserOrigin() + u'/' + segment
                 + (adfs ? u"/oauth2/authorize"_s : u"/oauth2/v2.0/authorize"_s))},
        {u"token_endpoint"_s, QString(oauth + u"/token"_s)},
        {u"device_authorization_endpoint"_s, QString(oauth + u"/devicecode"_s)},
        {u"jwks_uri"_s, QString(base + (adfs ? u"/discovery/keys"_s : u"/discovery/v2.0/keys"_s))},
        {u"end_session_endpoint"_s, QString(oauth + u"/logout"_s)},
        {u"token_endpoint_auth_methods_supported"_s,
         QJsonArray{u"client_secret_post"_s, u"private_key_jwt"_s, u"client_secret_basic"_s}},
        {u"response_modes_supported"_s, QJsonArray{u"query"_s, u"fragment"_s, u"form_post"_s}},
        {u"response_types_supported"_s,
         QJsonArray{u"code"_s, u"id_token"_s, u"code id_token"_s, u"id_token token"_s}},
        {u"subject_types_supported"_s, QJsonArray{u"pairwise"_s}},
        {u"scopes_supported"_s,
         QJsonArray{u"openid"_s, u"profile"_s, u"email"_s, u"offline_access"_s}},
        {u"id_token_signing_alg_values_supported"_s, QJsonArray{u"RS256"_s}},
        {u"claims_supported"_s, QJsonArray{u"sub"_s, u"iss"_s, u"aud"_s, u"exp"_s, u"iat"_s,
                                           u"oid"_s, u"tid"_s, u"preferred_username"_s, u"name"_s}},
        {u"request_uri_parameter_supported"_s, false},
        {u"tenant_region_scope"_s, u"EU"_s},
        {u"cloud_instance_name"_s, u"sandbox.vaultlens"_s},
        {u"cloud_graph_host_name"_s, u"graph.windows.net"_s},
        {u"msgraph_host"_s, u"graph.microsoft.com"_s},
    };
    if (adfs)
        o.insert("grant_types_supported"_L1,
                 QJsonArray{u"authorization_code"_s, u"refresh_token"_s, u"client_credentials"_s,
                            u"urn:ietf:params:oauth:grant-type:device_code"_s});
    return HttpResponse::json(200, o);
}

HttpResponse IdentityService::keys(const QString &tenant)
{
    QJsonArray keys;
    for (const Tenant &t : m_context.state.directory.tenants) {
        if (const Tenant *only = resolveTenant(tenant); only && only->id != t.id)
            continue;
        QJsonObject jwk = t.signingKey.publicJwk();
        jwk.insert("use"_L1, u"sig"_s);
        jwk.insert("kid"_L1, t.keyId);
        jwk.insert("x5t"_L1, t.keyId);
        jwk.insert("issuer"_L1, QString(m_context.apiOrigin() + u'/' + t.id + u"/v2.0"_s));
        keys.append(jwk);
    }
    return HttpResponse::json(200, QJsonObject{{u"keys"_s, keys}});
}

HttpResponse IdentityService::instanceDiscovery(const HttpRequest &)
{
    const QString host = QUrl(m_context.apiOrigin()).authority();
    return HttpResponse::json(
        200,
        QJsonObject{
            {u"tenant_discovery_endpoint"_s,
             QString(m_context.apiOrigin() + u"/{tenant}/v2.0/.well-known/openid-configuration"_s)},
            {u"api-version"_s, u"1.1"_s},
            {u"metadata"_s, QJsonArray{QJsonObject{{u"preferred_network"_s, host},
                                                   {u"preferred_cache"_s, host},
                                                   {u"aliases"_s, QJsonArray{host}}}}}});
}

HttpResponse IdentityService::token(const QString &tenantSegment, const HttpRequest &request)
{
    const QString grant = firstValue(request, u"grant_type"_s);
    if (grant == "client_credentials"_L1) {
        const Tenant *tenant = resolveTenant(tenantSegment);
        if (!tenant)
            return aadError(
                400, u"invalid_request"_s, 50194,
                u"Application is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications."_s);
        return clientCredentials(*tenant, request);
    }
    if (grant == "authorization_code"_L1)
        return authorizationCodeGrant(request);
    if (grant == "refresh_token"_L1)
        return refreshTokenGrant(tenantSegment, request);
    if (grant == "device_code"_L1 || grant == "urn:ietf:params:oauth:grant-type:device_code"_L1)
        return deviceCodeGrant(request);
    if (grant.isEmpty())
        return aadError(400, u"invalid_request"_s, 900144,
                        u"The request body must contain the following parameter: 'grant_type'."_s);
    return aadError(400, u"unsupported_grant_type"_s, 70003,
                    u"The app requested an unsupported grant type '%1'."_s.arg(grant));
}

HttpResponse IdentityService::clientCredentials(const Tenant &tenant, const HttpRequest &request)
{
    const ClientCredentials credentials = clientCredentialsOf(request);
    const QString clientId = credentials.id;
    const QString scope = firstValue(request, u"scope"_s);
    const Principal *sp = m_context.state.directory.servicePrincipalByAppId(clientId);
    if (!sp || sp->tenantId.compare(tenant.id, Qt::CaseInsensitive) != 0)
        return aadError(
            400, u"unauthorized_client"_s, 700016,
            u"Application with identifier '%1' was not found in the directory '%2'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant."_s
                .arg(clientId, tenant.domain));
    if (scope.isEmpty())
        return aadError(400, u"invalid_request"_s, 900144,
                        u"The request body must contain the following parameter: 'scope'."_s);
    if (!scope.endsWith("/.default"_L1))
        return aadError(
            400, u"invalid_scope"_s, 1002012,
            u"The provided value for scope %1 is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI)."_s
                .arg(scope));
    const QString secret = credentials.secret;
    const QString assertion = firstValue(request, u"client_assertion"_s);
    AnswerOptions options;
    if (!assertion.isEmpty()) {
        if (auto failure = checkClientAssertion(*sp, clientId, tenant, request, assertion))
            return *failure;
        options.authentication = TokenService::ClientAuthentication::Certificate;
    } else if (secret.isEmpty()) {
        return aadError(
            401, u"invalid_client"_s, 7000218,
            u"The request body must contain the following parameter: 'client_assertion' or 'client_secret'."_s);
    } else if (sp->clientSecret.isEmpty() || secret != sp->clientSecret) {
        return aadError(
            401, u"invalid_client"_s, 7000215,
            u"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '%1'."_s
                .arg(clientId));
    }
    return tokenAnswer(tenant, *sp, clientId, scope, options);
}

std::optional<HttpResponse> IdentityService::checkClientAssertion(const Principal &app,
                                                                  const QString &clientId,
                                                                  const Tenant &tenant,
                                                                  const HttpRequest &request,
                                                                  const QString &assertion) const
{
    static const QString docs =
        u" Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials ."_s;
    const auto jwt = Jwt::decode(assertion.toLatin1());
    if (!jwt)
        return aadError(401, u"invalid_client"_s, 50027, u"JWT token is invalid or malformed."_s);
    // The certificate is found by the thumbprint in the header, when there is one.
    const QString x5t = jwt->header.value("x5t"_L1).toString();
    const auto key = app.certificatePublicKeyPem.isEmpty()
                         ? std::nullopt
                         : KeyPair::fromPublicKeyPem(app.certificatePublicKeyPem);
    if (!key || (!x5t.isEmpty() && x5t != app.certificateThumbprint))
        return aadError(
            401, u"invalid_client"_s, 700027,
            u"The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '%1', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '%2'.]"_s
                .arg(x5t, clientId));
    if (!Jwt::verify(*jwt, *key))
        return aadError(401, u"invalid_client"_s, 700027,
                        u"Client assertion contains an invalid signature."_s + docs);
    const QJsonObject &claims = jwt->claims;
    if (claims.value("iss"_L1).toString().compare(clientId, Qt::CaseInsensitive) != 0
        || claims.value("sub"_L1).toString().compare(clientId, Qt::CaseInsensitive) != 0)
        return aadError(
            401, u"invalid_client"_s, 700021,
            u"Client assertion application identifier doesn't match 'client_id' parameter."_s
                + docs);
    // The audience is the token endpoint: the one the request went to, or the tenant's
    // v2.0 or v1 endpoint.
    auto normalised = [](QString url) {
        while (url.endsWith(u'/'))
            url.chop(1);
        return url.toLower();
    };
    const QString tenantBase = m_context.apiOrigin() + u'/' + tenant.id;
    const QStringList accepted{normalised(request.origin + request.path),
                               normalised(tenantBase + u"/oauth2/v2.0/token"_s),
                               normalised(tenantBase + u"/oauth2/token"_s)};
    QStringList audiences;
    if (claims.value("aud"_L1).isArray()) {
        for (const QJsonValue &a : claims.value("aud"_L1).toArray())
            audiences.append(normalised(a.toString()));
    } else {
        audiences.append(normalised(claims.value("aud"_L1).toString()));
    }
    if (std::none_of(audiences.cbegin(), audiences.cend(),
                     [&](const QString &a) { return accepted.contains(a); }))
        return aadError(401, u"invalid_client"_s, 700023,
                        u"Client assertion audience claim does not match Realm issuer."_s + docs);
    // exp and nbf, with five minutes of clock skew.
    const qint64 now = m_context.clock.nowSecsSinceEpoch();
    const qint64 exp = qint64(claims.value("exp"_L1).toDouble());
    const qint64 nbf = qint64(claims.value("nbf"_L1).toDouble(double(now)));
    if (!claims.value("exp"_L1).isDouble() || now > exp + 300 || nbf > now + 300)
        return aadError(
            401, u"invalid_client"_s, 700024,
            u"Client assertion is not within its valid time range. Current time: %1, assertion valid from %2, expiry time of assertion %3."_s
                    .arg(isoTime(now), isoTime(nbf), isoTime(exp))
                + docs);
    return std::nullopt;
}

IdentityService::AnswerOptions IdentityService::delegatedAnswer(const QString &scopes)
{
    const QStringList list = scopes.split(u' ', Qt::SkipEmptyParts);
    AnswerOptions options;
    options.delegated = true;
    options.refreshToken = list.contains(u"offline_access"_s);
    options.idToken = list.contains(u"openid"_s);
    return options;
}

HttpResponse IdentityService::tokenAnswer(const Tenant &tenant, const Principal &principal,
                                          const QString &clientId, const QString &scope,
                                          const AnswerOptions &options)
{
    const bool delegated = options.delegated;
    const QString resource = TokenService::resourceFromScope(scope);
    const IssuedToken t =
        m_context.tokens.issue(tenant, principal, resource, clientId, {}, options.authentication);
    QJsonObject o{{u"token_type"_s, u"Bearer"_s},
                  {u"scope"_s, delegated ? resource + u"/user_impersonation"_s : scope},
                  {u"expires_in"_s, double(t.expiresIn())},
                  {u"ext_expires_in"_s, double(t.expiresIn())},
                  {u"access_token"_s, QString::fromLatin1(t.accessToken)}};
    if (delegated) {
        if (options.refreshToken) {
            const QString refresh = randomToken(48);
            m_context.state.refreshTokens.insert(
                refresh, RefreshGrant{principal.objectId, tenant.id, clientId, t.issuedAt});
            o.insert("refresh_token"_L1, refresh);
            m_context.persist();
        }
        const QJsonObject idClaims{
            {u"aud"_s, clientId},
            {u"iss"_s, QString(m_context.apiOrigin() + u'/' + tenant.id + u"/v2.0"_s)},
            {u"iat"_s, double(t.issuedAt)},
            {u"nbf"_s, double(t.issuedAt)},
            {u"exp"_s, double(t.expiresOn)},
            {u"oid"_s, principal.objectId},
            {u"sub"_s, principal.objectId},
            {u"tid"_s, tenant.id},
            {u"name"_s, principal.displayName},
            {u"preferred_username"_s, principal.userPrincipalName},
            {u"ver"_s, u"2.0"_s}};
        if (options.idToken)
            o.insert("id_token"_L1, QString::fromLatin1(
                                        Jwt::signRs256(idClaims, tenant.signingKey, tenant.keyId)));
        const QJsonObject clientInfo{{u"uid"_s, principal.objectId}, {u"utid"_s, tenant.id}};
        o.insert("client_info"_L1, QString::fromLatin1(base64UrlEncode(
                                       QJsonDocument(clientInfo).toJson(QJsonDocument::Compact))));
    }
    HttpResponse r = HttpResponse::json(200, o);
    r.setHeader("Cache-Control", "no-store, no-cache");
    return r;
}

HttpResponse IdentityService::authorizationCodeGrant(const HttpRequest &request)
{
    const QString code = firstValue(request, u"code"_s);
    if (m_redeemedCodes.contains(code))
        return aadError(
            400, u"invalid_grant"_s, 54005,
            u"OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token."_s);
    const auto it = m_codes.constFind(code);
    if (it == m_codes.constEnd())
        return aadError(
            400, u"invalid_grant"_s, 9002313,
            u"Invalid request. Request is malformed or invalid: the authorization code is not valid."_s);
    const AuthorizationCode grant = *it;
    m_codes.remove(code);
    m_redeemedCodes.insert(code, m_context.clock.nowSecsSinceEpoch());
    if (m_context.clock.nowSecsSinceEpoch() > grant.expiresAt)
        return aadError(
            400, u"invalid_grant"_s, 70008,
            u"The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource."_s);
    if (firstValue(request, u"client_id"_s) != grant.clientId)
        return aadError(400, u"invalid_grant"_s, 70000,
                        u"The provided authorization code was issued to another client."_s);
    if (firstValue(request, u"redirect_uri"_s) != grant.redirectUri)
        return aadError(
            400, u"invalid_grant"_s, 500112,
            u"The reply address does not match the reply address that was provided when requesting the authorization code."_s);
    if (!clientCredentialsOf(request).secret.isEmpty()
        || !firstValue(request, u"client_assertion"_s).isEmpty())
        return aadError(
            401, u"invalid_client"_s, 700025,
            u"Client is public so neither 'client_assertion' nor 'client_secret' should be presented."_s);
    const QString verifier = firstValue(request, u"code_verifier"_s);
    const QString computed = grant.challengeMethod == "plain"_L1
                                 ? verifier
                                 : QString::fromLatin1(base64UrlEncode(QCryptographicHash::hash(
                                     verifier.toUtf8(), QCryptographicHash::Sha256)));
    if (verifier.isEmpty() || computed != grant.challenge)
        return aadError(
            400, u"invalid_grant"_s, 501481,
            u"The Code_Verifier does not match the code_challenge supplied in the authorization request."_s);
    const Tenant *tenant = m_context.state.directory.tenant(grant.tenantId);
    const Principal *user = m_context.state.directory.principal(grant.principalId);
    if (!tenant || !user)
        return aadError(400, u"invalid_grant"_s, 50034, u"The user account does not exist."_s);
    const QString requested = firstValue(request, u"scope"_s);
    const QString scope = requested.isEmpty() ? grant.scope : requested;
    return tokenAnswer(*tenant, *user, grant.clientId, scope,
                       delegatedAnswer(grant.scope + u' ' + requested));
}

HttpResponse IdentityService::refreshTokenGrant(const QString &tenantSegment,
                                                const HttpRequest &request)
{
    const QString refresh = firstValue(request, u"refresh_token"_s);
    const auto it = m_context.state.refreshTokens.constFind(refresh);
    if (it == m_context.state.refreshTokens.constEnd())
        return aadError(
            400, u"invalid_grant"_s, 9002313,
            u"Invalid request. Request is malformed or invalid: the refresh token is not valid."_s);
    const RefreshGrant grant = *it;
    const Principal *principal = m_context.state.directory.principal(grant.principalId);
    if (!principal)
        return aadError(400, u"invalid_grant"_s, 50034, u"The user account does not exist."_s);
    // A refresh token from the home tenant gets tokens for any tenant where the user
    // may sign in (guest access), chosen by the path's tenant segment.
    const Tenant *tenant = resolveTenant(tenantSegment);
    if (!tenant)
        tenant = m_context.state.directory.tenant(grant.tenantId);
    if (!tenant || !m_context.state.directory.canSignIn(*principal, tenant->id))
        return aadError(
            400, u"invalid_grant"_s, 50020,
            u"User account '%1' from identity provider does not exist in tenant '%2' and cannot access the application."_s
                .arg(principal->userPrincipalName, tenantSegment));
    QString scope = firstValue(request, u"scope"_s);
    if (scope.isEmpty())
        scope = u"https://management.azure.com/.default"_s;
    // A refresh answers with a new refresh token (PROTOCOL.md §1.3), offline_access or not.
    AnswerOptions options = delegatedAnswer(scope);
    options.refreshToken = true;
    return tokenAnswer(*tenant, *principal, grant.clientId, scope, options);
}

HttpResponse IdentityService::deviceCode(const QString &tenant, const HttpRequest &request)
{
    const QString clientId = firstValue(request, u"client_id"_s);
    const Application *app = m_context.state.directory.application(clientId);
    if (!app || !app->publicClient)
        return aadError(
            400, u"unauthorized_client"_s, 700016,
            u"Application with identifier '%1' was not found in the directory."_s.arg(clientId));
    DeviceCode code;
    code.userCode = userCode();
    code.clientId = clientId;
    code.scope = firstValue(request, u"scope"_s);
    code.tenant = tenant;
    code.expiresAt = m_context.clock.nowSecsSinceEpoch() + DeviceCodeLifetime;
    const QString device = randomToken(48);
    m_deviceCodes.insert(device, code);
    const QString uri = m_context.browserOrigin() + u"/devicelogin"_s;
    return HttpResponse::json(
        200,
        QJsonObject{
            {u"user_code"_s, code.userCode},
            {u"device_code"_s, device},
            {u"verification_uri"_s, uri},
            {u"expires_in"_s, double(DeviceCodeLifetime)},
            {u"interval"_s, DevicePollInterval},
            {u"message"_s,
             u"To sign in, use a web browser to open the page %1 and enter the code %2 to authenticate."_s
                 .arg(uri, code.userCode)}});
}

HttpResponse IdentityService::deviceCodeGrant(const HttpRequest &request)
{
    QString device = firstValue(request, u"device_code"_s);
    if (device.isEmpty())
        device = firstValue(request, u"code"_s);
    const auto it = m_deviceCodes.constFind(device);
    if (it == m_deviceCodes.constEnd())
        return aadError(
            400, u"bad_verification_code"_s, 70018,
            u"Your request was not recognized. Please check your code and try again."_s);
    const DeviceCode code = *it;
    if (m_context.clock.nowSecsSinceEpoch() > code.expiresAt) {
        m_deviceCodes.remove(device);
        return aadError(400, u"expired_token"_s, 70019, u"Verification code expired."_s);
    }
    if (code.declined) {
        m_deviceCodes.remove(device);
        return aadError(400, u"authorization_declined"_s, 70020,
                        u"The user declined the authorization request."_s);
    }
    if (code.principalId.isEmpty())
        return aadError(
            400, u"authorization_pending"_s, 70016,
            u"OAuth 2.0 device flow error. Authorization is pending. Continue polling."_s);
    m_deviceCodes.remove(device);
    const Principal *user = m_context.state.directory.principal(code.principalId);
    const Tenant *tenant = resolveTenant(code.tenant);
    if (!tenant && user)
        tenant = m_context.state.directory.tenant(user->tenantId);
    if (!user || !tenant)
        return aadError(400, u"invalid_grant"_s, 50034, u"The user account does not exist."_s);
    if (!m_context.state.directory.canSignIn(*user, tenant->id))
        return aadError(
            400, u"invalid_grant"_s, 50020,
            u"User account '%1' from identity provider does not exist in tenant '%2' and cannot access the application."_s
                .arg(user->userPrincipalName, tenant->displayName));
    const QString requested = firstValue(request, u"scope"_s);
    const QString scope = requested.isEmpty() ? code.scope : requested;
    return tokenAnswer(*tenant, *user, code.clientId, scope,
                       delegatedAnswer(code.scope + u' ' + requested));
}

HttpResponse IdentityService::handleBrowser(const HttpRequest &request)
{
    const QStringList parts = request.path.split(u'/', Qt::SkipEmptyParts);
    if (parts.size() >= 3 && parts[0] == "metadata"_L1 && parts[1] == "identity"_L1)
        return managedIdentity(request);
    if (!parts.isEmpty() && parts[0] == "devicelogin"_L1)
        return deviceLogin(request);
    const QString rest = parts.mid(1).join(u'/');
    if (parts.size() >= 2 && (rest == "oauth2/v2.0/authorize"_L1 || rest == "oauth2/authorize"_L1))
        return authorizePage(parts[0], request);
    if (parts.isEmpty())
        return HttpResponse::html(200, SignInPages::home(m_context.state));
    return HttpResponse::html(
        404, SignInPages::message(u"Not found"_s, u"There is no page at this address."_s));
}

HttpResponse IdentityService::authorizePage(const QString &tenantSegment,
                                            const HttpRequest &request)
{
    const QString clientId = request.queryValue(u"client_id"_s).value_or(QString());
    const QString redirect = request.queryValue(u"redirect_uri"_s).value_or(QString());
    const QString state = request.queryValue(u"state"_s).value_or(QString());
    const Tenant *pinned = resolveTenant(tenantSegment);
    if (!pinned && tenantSegment != "common"_L1 && tenantSegment != "organizations"_L1)
        return HttpResponse::html(
            400,
            SignInPages::message(
                u"Sign-in failed"_s,
                u"AADSTS90002: Tenant '%1' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."_s
                    .arg(tenantSegment)));
    const Application *app = m_context.state.directory.application(clientId);
    if (!app)
        return HttpResponse::html(
            400,
            SignInPages::message(
                u"Sign-in failed"_s,
                u"AADSTS700016: Application with identifier '%1' was not found in the directory."_s
                    .arg(clientId)));
    if (!isLoopbackRedirect(redirect))
        return HttpResponse::html(
            400,
            SignInPages::message(
                u"Sign-in failed"_s,
                u"AADSTS50011: The redirect URI '%1' specified in the request does not match the redirect URIs configured for the application. Only loopback addresses (http://127.0.0.1 or http://localhost) are registered."_s
                    .arg(redirect)));
    auto redirectError = [&](const QString &error, const QString &description) {
        return redirectTo(
            redirect,
            {{u"error"_s, error}, {u"error_description"_s, description}, {u"state"_s, state}});
    };
    if (request.queryValue(u"response_type"_s).value_or(QString()) != "code"_L1)
        return redirectError(u"unsupported_response_type"_s,
                             u"AADSTS700054: response_type 'code' is required."_s);
    // PKCE is required here (SANDBOX.md); S256 is recommended, plain accepted (RFC 7636's
    // default when no method is named).
    const QString challenge = request.queryValue(u"code_challenge"_s).value_or(QString());
    const QString method = request.queryValue(u"code_challenge_method"_s).value_or(u"plain"_s);
    if (challenge.isEmpty() || (method != "S256"_L1 && method != "plain"_L1))
        return redirectError(
            u"invalid_request"_s,
            u"AADSTS9002325: Proof Key for Code Exchange (code_challenge with the S256 or plain method) is required for this client."_s);
    // There is no sign-in session to reuse: a silent request cannot succeed.
    if (request.queryValue(u"prompt"_s).value_or(QString()) == "none"_L1)
        return redirectError(
            u"login_required"_s,
            u"AADSTS50058: A silent sign-in request was sent but no user is signed in."_s);
    if (request.method == "GET")
        return HttpResponse::html(200, SignInPages::accountPicker(m_context.state, pinned, app));

    // POST: the form sends the original query plus account=<upn> (or cancel=1).
    if (!request.formValue(u"cancel"_s).value_or(QString()).isEmpty())
        return redirectError(u"access_denied"_s,
                             u"AADSTS65004: User declined to consent to access the app."_s);
    const QString account = request.formValue(u"account"_s).value_or(QString());
    const Principal *user = m_context.state.directory.userByName(account);
    if (!user)
        return HttpResponse::html(
            400, SignInPages::message(
                     u"Sign-in failed"_s,
                     u"AADSTS50034: The user account %1 does not exist."_s.arg(account)));
    const Tenant *tenant = pinned ? pinned : m_context.state.directory.tenant(user->tenantId);
    if (!tenant || !m_context.state.directory.canSignIn(*user, tenant->id))
        return redirectError(u"access_denied"_s,
                             u"AADSTS50020: User account '%1' does not exist in tenant '%2'."_s.arg(
                                 account, tenantSegment));
    const QString code = randomToken(64);
    m_codes.insert(code,
                   AuthorizationCode{clientId, redirect, challenge, method, user->objectId,
                                     tenant->id, request.queryValue(u"scope"_s).value_or(QString()),
                                     m_context.clock.nowSecsSinceEpoch() + CodeLifetime});
    return redirectTo(redirect, {{u"code"_s, code}, {u"state"_s, state}});
}

HttpResponse IdentityService::deviceLogin(const HttpRequest &request)
{
    if (request.method == "GET")
        return HttpResponse::html(200, SignInPages::deviceLogin(m_context.state, {}));
    const QString entered =
        request.formValue(u"user_code"_s).value_or(QString()).trimmed().toUpper();
    const QString account = request.formValue(u"account"_s).value_or(QString());
    for (auto it = m_deviceCodes.begin(); it != m_deviceCodes.end(); ++it) {
        if (it->userCode != entered || m_context.clock.nowSecsSinceEpoch() > it->expiresAt)
            continue;
        if (!request.formValue(u"cancel"_s).value_or(QString()).isEmpty()) {
            it->declined = true;
            return HttpResponse::html(
                200,
                SignInPages::message(u"Sign-in declined"_s,
                                     u"You declined the sign-in. You can close this window."_s));
        }
        const Principal *user = m_context.state.directory.userByName(account);
        if (!user)
            return HttpResponse::html(
                400, SignInPages::deviceLogin(m_context.state, u"Choose an account."_s));
        // The code was asked for at a tenant's endpoint: only its members and guests may
        // approve it.
        const Tenant *pinned = resolveTenant(it->tenant);
        if (pinned && !m_context.state.directory.canSignIn(*user, pinned->id))
            return HttpResponse::html(
                400,
                SignInPages::deviceLogin(
                    m_context.state,
                    u"AADSTS50020: User account '%1' from identity provider does not exist in tenant '%2' and cannot access the application."_s
                        .arg(user->userPrincipalName, pinned->displayName)));
        it->principalId = user->objectId;
        return HttpResponse::html(
            200,
            SignInPages::message(u"You're signed in"_s,
                                 u"%1 is signed in on the device. You can close this window."_s.arg(
                                     user->userPrincipalName)));
    }
    return HttpResponse::html(
        400, SignInPages::deviceLogin(
                 m_context.state,
                 u"That code wasn't recognized or has expired. Check it and try again."_s));
}

HttpResponse IdentityService::managedIdentity(const HttpRequest &request)
{
    const QString path = request.path.endsWith(u'/') ? request.path.chopped(1) : request.path;
    if (path != "/metadata/identity/oauth2/token"_L1 || request.method != "GET")
        return HttpResponse::json(404, QJsonObject{{u"error"_s, u"not_found"_s}});
    // IMDS's answers (PROTOCOL.md §3.1): the header check comes first (SSRF mitigation).
    if (request.header("Metadata") != "true")
        return HttpResponse::json(400, QJsonObject{{u"error"_s, u"bad_request_102"_s},
                                                   {u"error_description"_s,
                                                    u"Required metadata header not specified"_s}});
    const QString resource = request.queryValue(u"resource"_s).value_or(QString());
    if (resource.isEmpty())
        return HttpResponse::json(
            400,
            QJsonObject{{u"error"_s, u"invalid_request"_s},
                        {u"error_description"_s, u"Required audience parameter not specified"_s}});
    const Principal *mi = m_context.state.directory.managedIdentity(
        request.queryValue(u"client_id"_s).value_or(QString()),
        request.queryValue(u"object_id"_s).value_or(QString()));
    if (!mi)
        return HttpResponse::json(400,
                                  QJsonObject{{u"error"_s, u"invalid_request"_s},
                                              {u"error_description"_s, u"Identity not found"_s}});
    const Tenant *tenant = m_context.state.directory.tenant(mi->tenantId);
    if (!tenant)
        return HttpResponse::json(500, QJsonObject{{u"error"_s, u"unknown"_s}});
    const IssuedToken t = m_context.tokens.issue(*tenant, *mi, resource, mi->appId);
    return HttpResponse::json(200,
                              QJsonObject{{u"access_token"_s, QString::fromLatin1(t.accessToken)},
                                          {u"client_id"_s, mi->appId},
                                          {u"expires_in"_s, QString::number(t.expiresIn())},
                                          {u"expires_on"_s, QString::number(t.expiresOn)},
                                          {u"ext_expires_in"_s, QString::number(t.expiresIn())},
                                          {u"not_before"_s, QString::number(t.issuedAt)},
                                          {u"resource"_s, resource},
                                          {u"token_type"_s, u"Bearer"_s}});
}

} // namespace vl::sandbox

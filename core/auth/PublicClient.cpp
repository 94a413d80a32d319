// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/PublicClient.h"

#include "auth/Base64Url.h"
#include "http/ClientCall.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace vl {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("vl::PublicClient", text);
}

AzureError malformed(const QString &message)
{
    return AzureError::make(AzureError::Kind::Malformed, message);
}

/// A JSON number or a numeric string (IMDS-style answers use strings).
std::optional<qint64> seconds(const QJsonValue &v)
{
    if (v.isDouble())
        return qint64(v.toDouble());
    bool ok = false;
    const qint64 n = v.toString().toLongLong(&ok);
    return ok ? std::optional<qint64>(n) : std::nullopt;
}

SignedInIdentity identityFrom(const TokenClaims &claims)
{
    SignedInIdentity identity;
    identity.objectId = claims.objectId;
    identity.tenantId = claims.tenantId;
    identity.userName = claims.userName;
    identity.displayName = claims.name;
    return identity;
}

} // namespace

QStringList withOpenIdScopes(const QStringList &resourceScopes)
{
    QStringList scopes = resourceScopes;
    for (const QString &s : {u"offline_access"_s, u"openid"_s, u"profile"_s})
        if (!scopes.contains(s))
            scopes.append(s);
    return scopes;
}

PublicClient::PublicClient(PublicClientOptions options)
    : m_options(std::move(options))
{
    if (m_options.authorizeHost.isEmpty())
        m_options.authorizeHost = m_options.authorityHost;
}

const Clock &PublicClient::clock() const
{
    return m_options.clock ? *m_options.clock : SystemClock::instance();
}

QUrl PublicClient::endpoint(const QUrl &host, const QString &tenant, const QString &leaf) const
{
    QUrl url = host;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(tenant))
                    + u"/oauth2/v2.0/"_s + leaf,
                QUrl::StrictMode);
    url.setQuery(QString());
    return url;
}

QUrl PublicClient::authorizeEndpoint(const QString &tenant) const
{
    return endpoint(m_options.authorizeHost, tenant, u"authorize"_s);
}

QUrl PublicClient::tokenEndpoint(const QString &tenant) const
{
    return endpoint(m_options.authorityHost, tenant, u"token"_s);
}

QUrl PublicClient::deviceCodeEndpoint(const QString &tenant) const
{
    return endpoint(m_options.authorityHost, tenant, u"devicecode"_s);
}

QByteArray PublicClient::formEncode(const QList<QPair<QString, QString>> &fields)
{
    QByteArray body;
    for (const auto &[name, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

QUrl PublicClient::authorizeUrl(const AuthorizeParameters &p) const
{
    QUrl url = authorizeEndpoint(p.tenant);
    QList<QPair<QString, QString>> items{
        {u"client_id"_s, m_options.clientId},
        {u"response_type"_s, u"code"_s},
        {u"redirect_uri"_s, p.redirectUri.toString(QUrl::FullyEncoded)},
        {u"response_mode"_s, u"query"_s},
        {u"scope"_s, p.scopes.join(u' ')},
        {u"state"_s, QString::fromLatin1(p.state)},
        {u"code_challenge"_s, QString::fromLatin1(p.codeChallenge)},
        {u"code_challenge_method"_s, u"S256"_s},
    };
    if (!p.prompt.isEmpty())
        items.append({u"prompt"_s, p.prompt});
    if (!p.loginHint.isEmpty())
        items.append({u"login_hint"_s, p.loginHint});
    if (!p.domainHint.isEmpty())
        items.append({u"domain_hint"_s, p.domainHint});
    url.setQuery(QString::fromLatin1(formEncode(items)), QUrl::StrictMode);
    return url;
}

Result<UserTokenAnswer> PublicClient::parseTokenAnswer(const QJsonObject &o, const QDateTime &now,
                                                       TokenSource source,
                                                       const QString &credential)
{
    const QString access = o.value("access_token"_L1).toString();
    if (access.isEmpty())
        return malformed(tr("The token answer has no access_token."));
    const auto expiresIn = seconds(o.value("expires_in"_L1));
    if (!expiresIn || *expiresIn <= 0)
        return malformed(tr("The token answer has no valid expires_in."));
    const QString type = o.value("token_type"_L1).toString(u"Bearer"_s);
    if (type.compare("Bearer"_L1, Qt::CaseInsensitive) != 0)
        return malformed(tr("The token answer is of type \"%1\", not Bearer.").arg(type));

    UserTokenAnswer a;
    a.accessToken.token = access.toLatin1();
    a.accessToken.expiresOn = now.toUTC().addSecs(*expiresIn);
    a.accessToken.source = source;
    a.accessToken.credential = credential;
    a.refreshToken = o.value("refresh_token"_L1).toString().toLatin1();
    a.grantedScopes = o.value("scope"_L1).toString().split(u' ', Qt::SkipEmptyParts);

    const QByteArray idToken = o.value("id_token"_L1).toString().toLatin1();
    if (!idToken.isEmpty()) {
        auto claims = Jwt::claims(idToken);
        if (!claims.ok())
            return malformed(
                tr("The ID token of the answer cannot be read: %1").arg(claims.error().message));
        a.idClaims = *claims;
        a.identity = identityFrom(a.idClaims);
    }
    // Without an ID token, the access token (a JWT from Entra ID) names the user.
    if (a.identity.objectId.isEmpty()) {
        if (auto accessClaims = Jwt::claims(a.accessToken.token); accessClaims.ok())
            a.identity = identityFrom(*accessClaims);
    }
    // client_info names the user's home account (MSAL keys its cache with uid.utid).
    if (const auto info = base64UrlDecode(o.value("client_info"_L1).toString().toLatin1())) {
        const QJsonObject ci = QJsonDocument::fromJson(*info).object();
        a.identity.homeObjectId = ci.value("uid"_L1).toString();
        a.identity.homeTenantId = ci.value("utid"_L1).toString();
        if (a.identity.objectId.isEmpty())
            a.identity.objectId = a.identity.homeObjectId;
        if (a.identity.tenantId.isEmpty())
            a.identity.tenantId = a.identity.homeTenantId;
    }
    return a;
}

Result<DeviceCodeGrant> PublicClient::parseDeviceCodeAnswer(const QJsonObject &o,
                                                            const QDateTime &now)
{
    DeviceCodeGrant g;
    g.deviceCode = o.value("device_code"_L1).toString().toLatin1();
    g.userCode = o.value("user_code"_L1).toString();
    g.verificationUri = QUrl(o.value("verification_uri"_L1).toString(), QUrl::StrictMode);
    g.message = o.value("message"_L1).toString();
    const auto expiresIn = seconds(o.value("expires_in"_L1));
    if (g.deviceCode.isEmpty() || g.userCode.isEmpty() || !g.verificationUri.isValid()
        || g.verificationUri.isEmpty() || !expiresIn)
        return malformed(tr("The device code answer lacks device_code, user_code, "
                            "verification_uri or expires_in."));
    g.expiresOn = now.toUTC().addSecs(*expiresIn);
    g.intervalSeconds = int(seconds(o.value("interval"_L1)).value_or(5));
    if (g.intervalSeconds < 1)
        g.intervalSeconds = 1;
    if (g.message.isEmpty())
        g.message = tr("To sign in, open %1 in a browser and enter the code %2.")
                        .arg(g.verificationUri.toString(), g.userCode);
    return g;
}

QFuture<Result<UserTokenAnswer>>
PublicClient::postTokenRequest(const QString &tenant, const QString &operation,
                               const QList<QPair<QString, QString>> &fields, TokenSource source,
                               const QString &credential) const
{
    HttpRequest request =
        makeRequest("POST"_ba, tokenEndpoint(tenant), Service::EntraId, QString(), operation);
    request.setHeader("Content-Type"_ba, "application/x-www-form-urlencoded;charset=utf-8"_ba);
    request.body = formEncode(fields);
    request.context.bodyIsSecret = true;
    request.context.idempotent = false;
    const Clock *clock = &this->clock();
    return sendAndParse<UserTokenAnswer>(
        *m_options.pipeline, std::move(request),
        [clock, source, credential](const HttpResponse &response) -> Result<UserTokenAnswer> {
            auto body = jsonBody(response, tr("the token request"));
            if (!body.ok())
                return body.error();
            return parseTokenAnswer(*body, clock->now(), source, credential);
        });
}

QFuture<Result<UserTokenAnswer>>
PublicClient::redeemAuthorizationCode(const QString &tenant, const QString &code,
                                      const QUrl &redirectUri, const QByteArray &codeVerifier,
                                      const QStringList &scopes) const
{
    return postTokenRequest(tenant, tr("redeem the authorization code"),
                            {{u"client_id"_s, m_options.clientId},
                             {u"grant_type"_s, u"authorization_code"_s},
                             {u"code"_s, code},
                             {u"redirect_uri"_s, redirectUri.toString(QUrl::FullyEncoded)},
                             {u"code_verifier"_s, QString::fromLatin1(codeVerifier)},
                             {u"scope"_s, scopes.join(u' ')},
                             {u"client_info"_s, u"1"_s}},
                            TokenSource::Interactive, tr("browser sign-in"));
}

QFuture<Result<UserTokenAnswer>> PublicClient::redeemRefreshToken(const QString &tenant,
                                                                  const QByteArray &refreshToken,
                                                                  const QStringList &scopes,
                                                                  const QString &claims) const
{
    QList<QPair<QString, QString>> fields{{u"client_id"_s, m_options.clientId},
                                          {u"grant_type"_s, u"refresh_token"_s},
                                          {u"refresh_token"_s, QString::fromLatin1(refreshToken)},
                                          {u"scope"_s, withOpenIdScopes(scopes).join(u' ')},
                                          {u"client_info"_s, u"1"_s}};
    if (!claims.isEmpty())
        fields.append({u"claims"_s, claims});
    return postTokenRequest(tenant, tr("redeem the refresh token"), fields,
                            TokenSource::RefreshToken, tr("refresh token"));
}

QFuture<Result<DeviceCodeGrant>> PublicClient::requestDeviceCode(const QString &tenant,
                                                                 const QStringList &scopes) const
{
    HttpRequest request = makeRequest("POST"_ba, deviceCodeEndpoint(tenant), Service::EntraId,
                                      QString(), tr("request a device code"));
    request.setHeader("Content-Type"_ba, "application/x-www-form-urlencoded;charset=utf-8"_ba);
    request.body =
        formEncode({{u"client_id"_s, m_options.clientId}, {u"scope"_s, scopes.join(u' ')}});
    // The answer carries the device code, which redeems the sign-in.
    request.context.bodyIsSecret = true;
    const Clock *clock = &this->clock();
    return sendAndParse<DeviceCodeGrant>(
        *m_options.pipeline, std::move(request),
        [clock](const HttpResponse &response) -> Result<DeviceCodeGrant> {
            auto body = jsonBody(response, tr("the device code request"));
            if (!body.ok())
                return body.error();
            return parseDeviceCodeAnswer(*body, clock->now());
        });
}

QFuture<Result<UserTokenAnswer>> PublicClient::pollDeviceCode(const QString &tenant,
                                                              const QByteArray &deviceCode,
                                                              const QStringList &scopes) const
{
    return postTokenRequest(tenant, tr("poll for the device code sign-in"),
                            {{u"client_id"_s, m_options.clientId},
                             {u"grant_type"_s, u"urn:ietf:params:oauth:grant-type:device_code"_s},
                             {u"device_code"_s, QString::fromLatin1(deviceCode)},
                             {u"scope"_s, scopes.join(u' ')},
                             {u"client_info"_s, u"1"_s}},
                            TokenSource::DeviceCode, tr("device code"));
}

} // namespace vl

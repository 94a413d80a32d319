// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeClock.h"
#include "SandboxFixture.h"
#include "auth/Base64Url.h"
#include "crypto/Jwt.h"
#include "crypto/KeyPair.h"
#include "state/Seed.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using namespace vl::sandbox::DemoIds;

using Form = QList<QPair<QString, QString>>;

namespace {

const QString Redirect = u"http://127.0.0.1:53682/callback"_s;
const QString VaultScope = u"https://vault.azure.net/.default"_s;
const QString UserScope = u"https://vault.azure.net/.default openid profile offline_access"_s;

struct Pkce
{
    QString verifier;
    QString challenge;
};

Pkce makePkce()
{
    const QByteArray verifier = vl::base64UrlEncode(
        QByteArray(QUuid::createUuid().toRfc4122() + QUuid::createUuid().toRfc4122()));
    return {QString::fromLatin1(verifier),
            QString::fromLatin1(vl::base64UrlEncode(
                QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)))};
}

QJsonObject claimsOf(const QByteArray &jwt)
{
    const auto decoded = sandbox::Jwt::decode(jwt);
    return decoded ? decoded->claims : QJsonObject{};
}

QJsonObject headerOf(const QByteArray &jwt)
{
    const auto decoded = sandbox::Jwt::decode(jwt);
    return decoded ? decoded->header : QJsonObject{};
}

QByteArray accessToken(const HttpReply &r)
{
    return r.json().value("access_token"_L1).toString().toLatin1();
}

QList<int> errorCodes(const HttpReply &r)
{
    QList<int> codes;
    for (const QJsonValue &v : r.json().value("error_codes"_L1).toArray())
        codes.append(v.toInt());
    return codes;
}

QString queryItem(const QUrl &url, const QString &name)
{
    return QUrlQuery(url).queryItemValue(name, QUrl::FullyDecoded);
}

QUrl location(const HttpReply &r)
{
    return QUrl(QString::fromUtf8(r.header("Location")));
}

/// Replaces (or adds) @p name in @p form; an empty value removes it.
Form with(Form form, const QString &name, const QString &value)
{
    form.removeIf([&](const QPair<QString, QString> &f) { return f.first == name; });
    if (!value.isEmpty())
        form.append({name, value});
    return form;
}

QUrl tokenUrl(const SandboxFixture &s, const QString &tenant)
{
    return s.apiUrl(u"/"_s + tenant + u"/oauth2/v2.0/token"_s);
}

QString browserOrigin(const SandboxFixture &s)
{
    return s.config().value("browserOrigin"_L1).toString();
}

/// The query of an authorize request as VaultLens sends it.
Form authorizeQuery(const Pkce &pkce, const QString &scope = UserScope)
{
    return {{u"client_id"_s, PublicClient},
            {u"response_type"_s, u"code"_s},
            {u"redirect_uri"_s, Redirect},
            {u"scope"_s, scope},
            {u"state"_s, u"st-4711"_s},
            {u"code_challenge"_s, pkce.challenge},
            {u"code_challenge_method"_s, u"S256"_s}};
}

QUrl authorizeUrl(const SandboxFixture &s, const QString &tenant, const Form &query)
{
    QUrl url(browserOrigin(s) + u"/"_s + tenant + u"/oauth2/v2.0/authorize"_s);
    QUrlQuery q;
    for (const auto &[k, v] : query)
        q.addQueryItem(k, QString::fromLatin1(QUrl::toPercentEncoding(v)));
    url.setQuery(q);
    return url;
}

/// Plays the browser: posts the account picker; the code of the redirect, or empty.
QString signIn(SandboxFixture &s, const QString &tenant, const QString &upn, const Pkce &pkce,
               const QString &scope = UserScope)
{
    const HttpReply r = s.http().postForm(authorizeUrl(s, tenant, authorizeQuery(pkce, scope)),
                                          {{u"account"_s, upn}});
    if (r.status != 302)
        return {};
    return queryItem(location(r), u"code"_s);
}

Form redeemForm(const QString &code, const Pkce &pkce, const QString &scope = UserScope)
{
    return {{u"grant_type"_s, u"authorization_code"_s},
            {u"client_id"_s, PublicClient},
            {u"code"_s, code},
            {u"redirect_uri"_s, Redirect},
            {u"code_verifier"_s, pkce.verifier},
            {u"scope"_s, scope}};
}

/// A full browser sign-in; the token answer.
HttpReply signInAndRedeem(SandboxFixture &s, const QString &tenant, const QString &upn,
                          const QString &scope = UserScope)
{
    const Pkce pkce = makePkce();
    const QString code = signIn(s, tenant, upn, pkce, scope);
    return s.http().postForm(tokenUrl(s, u"organizations"_s), redeemForm(code, pkce, scope));
}

Form secretForm(const QString &scope = VaultScope)
{
    return {{u"grant_type"_s, u"client_credentials"_s},
            {u"client_id"_s, CiPipelineApp},
            {u"client_secret"_s, u"demo-ci-pipeline-secret-do-not-use"_s},
            {u"scope"_s, scope}};
}

/// The Entra ID error shape of PROTOCOL.md §1.6, with the expected `error` and code.
void verifyAadError(const HttpReply &r, int status, const QString &error, int code)
{
    QCOMPARE(r.status, status);
    QVERIFY(r.header("Content-Type").startsWith("application/json"));
    const QJsonObject o = r.json();
    QCOMPARE(o.value("error"_L1).toString(), error);
    QCOMPARE(errorCodes(r), QList<int>{code});
    const QString description = o.value("error_description"_L1).toString();
    QVERIFY2(description.startsWith(u"AADSTS%1: "_s.arg(code)), qPrintable(description));
    const QString trace = o.value("trace_id"_L1).toString();
    const QString correlation = o.value("correlation_id"_L1).toString();
    QVERIFY(!QUuid::fromString(trace).isNull());
    QVERIFY(!QUuid::fromString(correlation).isNull());
    QVERIFY(description.contains(u"\r\nTrace ID: "_s + trace));
    QVERIFY(description.contains(u"\r\nCorrelation ID: "_s + correlation));
    static const QRegularExpression timestamp(u"^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$"_s);
    QVERIFY2(timestamp.match(o.value("timestamp"_L1).toString()).hasMatch(),
             qPrintable(o.value("timestamp"_L1).toString()));
    QCOMPARE(o.value("error_uri"_L1).toString(),
             u"https://login.microsoftonline.com/error?code=%1"_s.arg(code));
    QVERIFY(r.header("Cache-Control").contains("no-store"));
}

} // namespace

/// The sandbox's Microsoft Entra ID and managed-identity endpoints, over real HTTP(S).
class TestSandboxIdentity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // Discovery
    void openIdConfiguration_data();
    void openIdConfiguration();
    void adfsAuthority();
    void unknownTenant_data();
    void unknownTenant();
    void jwksPublishesTheSigningKey_data();
    void jwksPublishesTheSigningKey();
    void instanceDiscovery();

    // Client credentials
    void clientCredentials_data();
    void clientCredentials();
    void clientCredentialsErrors_data();
    void clientCredentialsErrors();
    void unknownFieldsAreIgnored_data();
    void unknownFieldsAreIgnored();
    void clientSecretBasic();
    void clientAssertion_data();
    void clientAssertion();
    void clientAssertionWithoutACertificate_data();
    void clientAssertionWithoutACertificate();

    // Authorization code with PKCE
    void authorizePageListsTheTenantsAccounts_data();
    void authorizePageListsTheTenantsAccounts();
    void authorizationCode();
    void tokenAnswerFollowsTheScopes_data();
    void tokenAnswerFollowsTheScopes();
    void authorizationCodeErrors_data();
    void authorizationCodeErrors();
    void codeUsedTwice();
    void expiredCode();
    void authorizePageRefusals_data();
    void authorizePageRefusals();
    void authorizeRedirectErrors_data();
    void authorizeRedirectErrors();
    void loopbackRedirects_data();
    void loopbackRedirects();
    void plainPkce();

    // Refresh tokens
    void refreshToken();
    void refreshAcrossTenants_data();
    void refreshAcrossTenants();
    void invalidRefreshToken();

    // Device code
    void deviceCodeAnswer();
    void deviceCodeFlow_data();
    void deviceCodeFlow();
    void deviceCodeDeclined();
    void deviceCodeUnknown();
    void deviceCodeExpired();
    void deviceCodeForAConfidentialClient();
    void deviceLoginChecksTheTenant();

    // Managed identity (IMDS)
    void managedIdentity_data();
    void managedIdentity();
    void managedIdentityErrors_data();
    void managedIdentityErrors();

private:
    [[nodiscard]] SandboxFixture &s() { return *m_sandbox; }
    [[nodiscard]] const sandbox::Tenant *tenant(const QString &id)
    {
        return s().sandbox().state().directory.tenant(id);
    }
    [[nodiscard]] HttpReply requestDeviceCode(SandboxFixture &f, const QString &tenant,
                                              const QString &clientId = PublicClient);
    [[nodiscard]] HttpReply approveDeviceCode(SandboxFixture &f, const QString &userCode,
                                              const QString &upn);
    [[nodiscard]] HttpReply pollDeviceCode(SandboxFixture &f, const QString &tenant,
                                           const QString &deviceCode);

    std::unique_ptr<SandboxFixture> m_sandbox;
};

void TestSandboxIdentity::initTestCase()
{
    m_sandbox = std::make_unique<SandboxFixture>();
    QVERIFY2(m_sandbox->isRunning(), qPrintable(m_sandbox->startError()));
}

// ---------------------------------------------------------------------------------------
// Discovery

void TestSandboxIdentity::openIdConfiguration_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("issuerSegment"); ///< the issuer's tenant segment
    QTest::addColumn<QString>("endpointSegment");
    QTest::newRow("tenant id") << ContosoTenant << ContosoTenant << ContosoTenant;
    QTest::newRow("upper-case tenant id")
        << ContosoTenant.toUpper() << ContosoTenant << ContosoTenant;
    QTest::newRow("verified domain") << u"contoso.example"_s << ContosoTenant << ContosoTenant;
    QTest::newRow("second tenant") << FabrikamTenant << FabrikamTenant << FabrikamTenant;
    QTest::newRow("second tenant's domain")
        << u"fabrikam.example"_s << FabrikamTenant << FabrikamTenant;
    QTest::newRow("common") << u"common"_s << u"{tenantid}"_s << u"common"_s;
    QTest::newRow("organizations") << u"organizations"_s << u"{tenantid}"_s << u"organizations"_s;
}

void TestSandboxIdentity::openIdConfiguration()
{
    QFETCH(QString, tenant);
    QFETCH(QString, issuerSegment);
    QFETCH(QString, endpointSegment);
    const HttpReply r =
        s().http().get(s().apiUrl(u"/"_s + tenant + u"/v2.0/.well-known/openid-configuration"_s));
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    const QString api = s().api();
    const QString browser = browserOrigin(s());

    // MSAL validates the issuer against the authority: same scheme, host and port.
    const QString issuer = o.value("issuer"_L1).toString();
    QCOMPARE(issuer, api + u"/"_s + issuerSegment + u"/v2.0"_s);
    const QUrl apiUrl(api);
    for (const char *field : {"issuer", "token_endpoint", "jwks_uri"}) {
        const QUrl url(o.value(QLatin1StringView(field)).toString());
        QCOMPARE(url.scheme(), u"https"_s);
        QCOMPARE(url.host(), apiUrl.host());
        QCOMPARE(url.port(), apiUrl.port());
    }
    QCOMPARE(o.value("token_endpoint"_L1).toString(),
             api + u"/"_s + endpointSegment + u"/oauth2/v2.0/token"_s);
    QCOMPARE(o.value("device_authorization_endpoint"_L1).toString(),
             api + u"/"_s + endpointSegment + u"/oauth2/v2.0/devicecode"_s);
    QCOMPARE(o.value("jwks_uri"_L1).toString(),
             api + u"/"_s + endpointSegment + u"/discovery/v2.0/keys"_s);
    // The sign-in page is on the plain-HTTP browser origin.
    QCOMPARE(o.value("authorization_endpoint"_L1).toString(),
             browser + u"/"_s + endpointSegment + u"/oauth2/v2.0/authorize"_s);
    // MSAL swaps the tenant segment it finds in authorization_endpoint: the same /{tid}/
    // must head the three URLs.
    QSet<QString> segments;
    for (const char *field : {"authorization_endpoint", "token_endpoint", "jwks_uri"})
        segments.insert(
            QUrl(o.value(QLatin1StringView(field)).toString()).path().section(u'/', 1, 1));
    QCOMPARE(segments, QSet<QString>{endpointSegment});

    QVERIFY(o.value("response_types_supported"_L1).toArray().contains(u"code"_s));
    QVERIFY(o.value("id_token_signing_alg_values_supported"_L1).toArray().contains(u"RS256"_s));
    QVERIFY(o.value("scopes_supported"_L1).toArray().contains(u"offline_access"_s));
    QVERIFY(o.value("token_endpoint_auth_methods_supported"_L1)
                .toArray()
                .contains(u"private_key_jwt"_s));

    // The keys it names are there.
    const HttpReply keys = s().http().get(QUrl(o.value("jwks_uri"_L1).toString()));
    QCOMPARE(keys.status, 200);
    QVERIFY(!keys.json().value("keys"_L1).toArray().isEmpty());
}

void TestSandboxIdentity::adfsAuthority()
{
    // The AD FS shape the Azure CLI (MSAL Python) signs in to without instance discovery.
    const HttpReply r = s().http().get(s().apiUrl(u"/adfs/.well-known/openid-configuration"_s));
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    const QString api = s().api();
    QCOMPARE(o.value("issuer"_L1).toString(), api + u"/adfs"_s);
    QCOMPARE(o.value("token_endpoint"_L1).toString(), api + u"/adfs/oauth2/token"_s);
    QCOMPARE(o.value("device_authorization_endpoint"_L1).toString(),
             api + u"/adfs/oauth2/devicecode"_s);
    QCOMPARE(o.value("jwks_uri"_L1).toString(), api + u"/adfs/discovery/keys"_s);
    QCOMPARE(o.value("authorization_endpoint"_L1).toString(),
             browserOrigin(s()) + u"/adfs/oauth2/authorize"_s);
    QVERIFY(o.value("grant_types_supported"_L1)
                .toArray()
                .contains(u"urn:ietf:params:oauth:grant-type:device_code"_s));

    // The endpoints it names work: the CLI's service-principal sign-in with its v1 scope.
    const HttpReply token =
        s().http().postForm(QUrl(o.value("token_endpoint"_L1).toString()),
                            secretForm(u"https://management.core.windows.net//.default"_s));
    QCOMPARE(token.status, 200);
    const QJsonObject claims = claimsOf(accessToken(token));
    QCOMPARE(claims.value("aud"_L1).toString(), u"https://management.core.windows.net/"_s);
    QCOMPARE(claims.value("tid"_L1).toString(), ContosoTenant);
    const HttpReply keys = s().http().get(QUrl(o.value("jwks_uri"_L1).toString()));
    QCOMPARE(keys.status, 200);
    const QString kid = headerOf(accessToken(token)).value("kid"_L1).toString();
    bool published = false;
    for (const QJsonValue &k : keys.json().value("keys"_L1).toArray())
        published = published || k.toObject().value("kid"_L1).toString() == kid;
    QVERIFY(published);
}

void TestSandboxIdentity::unknownTenant_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    const QString unknown = u"00000000-1111-4222-8333-444444444444"_s;
    QTest::newRow("openid-configuration")
        << QByteArray("GET")
        << QString(u"/"_s + unknown + u"/v2.0/.well-known/openid-configuration"_s);
    QTest::newRow("keys") << QByteArray("GET")
                          << QString(u"/"_s + unknown + u"/discovery/v2.0/keys"_s);
    QTest::newRow("token") << QByteArray("POST")
                           << QString(u"/"_s + unknown + u"/oauth2/v2.0/token"_s);
    QTest::newRow("devicecode") << QByteArray("POST")
                                << QString(u"/"_s + unknown + u"/oauth2/v2.0/devicecode"_s);
    QTest::newRow("unverified domain")
        << QByteArray("GET") << u"/nowhere.example/v2.0/.well-known/openid-configuration"_s;
}

void TestSandboxIdentity::unknownTenant()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    const HttpReply r = method == "POST" ? s().http().postForm(s().apiUrl(path), secretForm())
                                         : s().http().get(s().apiUrl(path));
    verifyAadError(r, 400, u"invalid_request"_s, 90002);
}

void TestSandboxIdentity::jwksPublishesTheSigningKey_data()
{
    QTest::addColumn<QString>("tenantId");
    QTest::addColumn<QString>("otherTenantId");
    QTest::addColumn<bool>("user");
    QTest::newRow("app token, Contoso") << ContosoTenant << FabrikamTenant << false;
    QTest::newRow("user token, Contoso") << ContosoTenant << FabrikamTenant << true;
    QTest::newRow("user token, Fabrikam") << FabrikamTenant << ContosoTenant << true;
}

void TestSandboxIdentity::jwksPublishesTheSigningKey()
{
    QFETCH(QString, tenantId);
    QFETCH(QString, otherTenantId);
    QFETCH(bool, user);
    const QByteArray token = !user ? s().automationToken()
                             : tenantId == FabrikamTenant
                                 ? s().userToken(u"carol@fabrikam.example"_s)
                                 : s().userToken(u"alice@contoso.example"_s);
    QVERIFY(!token.isEmpty());
    const auto jwt = sandbox::Jwt::decode(token);
    QVERIFY(jwt);
    QCOMPARE(jwt->header.value("alg"_L1).toString(), u"RS256"_s);
    QCOMPARE(jwt->header.value("typ"_L1).toString(), u"JWT"_s);
    QCOMPARE(jwt->claims.value("tid"_L1).toString(), tenantId);
    const QString kid = jwt->header.value("kid"_L1).toString();
    QVERIFY(!kid.isEmpty());

    const sandbox::Tenant *t = tenant(tenantId);
    QVERIFY(t);
    const HttpReply r = s().http().get(s().apiUrl(u"/"_s + tenantId + u"/discovery/v2.0/keys"_s));
    QCOMPARE(r.status, 200);
    QJsonObject published;
    for (const QJsonValue &k : r.json().value("keys"_L1).toArray())
        if (k.toObject().value("kid"_L1).toString() == kid)
            published = k.toObject();
    QVERIFY2(!published.isEmpty(), "the token's kid is not in the JWKS");
    const QJsonObject expected = t->signingKey.publicJwk();
    QCOMPARE(published.value("kty"_L1).toString(), u"RSA"_s);
    QCOMPARE(published.value("use"_L1).toString(), u"sig"_s);
    QCOMPARE(published.value("n"_L1).toString(), expected.value("n"_L1).toString());
    QCOMPARE(published.value("e"_L1).toString(), u"AQAB"_s);
    QCOMPARE(published.value("e"_L1).toString(), expected.value("e"_L1).toString());
    QCOMPARE(published.value("issuer"_L1).toString(), s().api() + u"/"_s + tenantId + u"/v2.0"_s);

    // The signature verifies with the published key, and not with the other tenant's.
    QVERIFY(sandbox::Jwt::verify(*jwt, t->signingKey));
    QVERIFY(!sandbox::Jwt::verify(*jwt, tenant(otherTenantId)->signingKey));
    // The other tenant's JWKS does not publish this key.
    const HttpReply other =
        s().http().get(s().apiUrl(u"/"_s + otherTenantId + u"/discovery/v2.0/keys"_s));
    QCOMPARE(other.status, 200);
    for (const QJsonValue &k : other.json().value("keys"_L1).toArray())
        QVERIFY(k.toObject().value("kid"_L1).toString() != kid);
}

void TestSandboxIdentity::instanceDiscovery()
{
    const HttpReply r = s().http().get(s().apiUrl(
        u"/common/discovery/instance?api-version=1.1&authorization_endpoint=https%3A%2F%2Flogin.microsoftonline.com%2Fcommon%2Foauth2%2Fv2.0%2Fauthorize"_s));
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    const QString host = QUrl(s().api()).authority();
    QCOMPARE(o.value("api-version"_L1).toString(), u"1.1"_s);
    const QString discovery = o.value("tenant_discovery_endpoint"_L1).toString();
    QVERIFY2(discovery.startsWith(s().api() + u"/"_s), qPrintable(discovery));
    QVERIFY(discovery.endsWith(u"/v2.0/.well-known/openid-configuration"_s));
    const QJsonArray metadata = o.value("metadata"_L1).toArray();
    QCOMPARE(metadata.size(), 1);
    const QJsonObject entry = metadata.first().toObject();
    QCOMPARE(entry.value("preferred_network"_L1).toString(), host);
    QCOMPARE(entry.value("preferred_cache"_L1).toString(), host);
    QVERIFY(entry.value("aliases"_L1).toArray().contains(host));
}

// ---------------------------------------------------------------------------------------
// Client credentials

void TestSandboxIdentity::clientCredentials_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("scope");
    QTest::addColumn<QString>("audience");
    QTest::newRow("Key Vault") << ContosoTenant << VaultScope << u"https://vault.azure.net"_s;
    QTest::newRow("Resource Manager") << ContosoTenant << u"https://management.azure.com/.default"_s
                                      << u"https://management.azure.com"_s;
    QTest::newRow("v1 resource with a double slash")
        << ContosoTenant << u"https://management.core.windows.net//.default"_s
        << u"https://management.core.windows.net/"_s;
    QTest::newRow("Graph") << ContosoTenant << u"https://graph.microsoft.com/.default"_s
                           << u"https://graph.microsoft.com"_s;
    QTest::newRow("verified domain in the path")
        << u"contoso.example"_s << VaultScope << u"https://vault.azure.net"_s;
}

void TestSandboxIdentity::clientCredentials()
{
    QFETCH(QString, tenant);
    QFETCH(QString, scope);
    QFETCH(QString, audience);
    const HttpReply r = s().http().postForm(tokenUrl(s(), tenant), secretForm(scope));
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("Cache-Control").contains("no-store"));
    const QJsonObject o = r.json();
    QCOMPARE(o.value("token_type"_L1).toString(), u"Bearer"_s);
    QVERIFY(o.value("expires_in"_L1).isDouble()); // a number in v2 answers, not a string
    QCOMPARE(o.value("expires_in"_L1).toInt(), 3599);
    QCOMPARE(o.value("ext_expires_in"_L1).toInt(), 3599);
    QVERIFY(!o.contains("refresh_token"_L1));
    QVERIFY(!o.contains("id_token"_L1));

    const QJsonObject c = claimsOf(accessToken(r));
    QCOMPARE(c.value("aud"_L1).toString(), audience);
    QCOMPARE(c.value("appid"_L1).toString(), CiPipelineApp);
    QCOMPARE(c.value("oid"_L1).toString(), CiPipeline);
    QCOMPARE(c.value("tid"_L1).toString(), ContosoTenant);
    QCOMPARE(c.value("iss"_L1).toString(), u"https://sts.windows.net/"_s + ContosoTenant + u"/"_s);
    QCOMPARE(c.value("idtyp"_L1).toString(), u"app"_s);
    QCOMPARE(c.value("appidacr"_L1).toString(), u"1"_s); // a client secret
    QCOMPARE(c.value("ver"_L1).toString(), u"1.0"_s);
    QVERIFY(!c.contains("scp"_L1));
    QVERIFY(!c.contains("upn"_L1));
    const qint64 iat = qint64(c.value("iat"_L1).toDouble());
    QCOMPARE(qint64(c.value("exp"_L1).toDouble()) - iat, 3599);
    QCOMPARE(qint64(c.value("nbf"_L1).toDouble()), iat);
    QVERIFY(qAbs(iat - QDateTime::currentSecsSinceEpoch()) < 60);
}

void TestSandboxIdentity::clientCredentialsErrors_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<Form>("form");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("code");
    const Form good = secretForm();
    QTest::newRow("wrong secret") << ContosoTenant
                                  << with(good, u"client_secret"_s, u"not-the-secret"_s) << 401
                                  << u"invalid_client"_s << 7000215;
    QTest::newRow("secret of another app")
        << ContosoTenant << with(good, u"client_secret"_s, u"demo-reporting-secret-do-not-use"_s)
        << 401 << u"invalid_client"_s << 7000215;
    QTest::newRow("unknown client")
        << ContosoTenant << with(good, u"client_id"_s, u"00000000-0000-4000-8000-00000000abcd"_s)
        << 400 << u"unauthorized_client"_s << 700016;
    QTest::newRow("client of another tenant")
        << FabrikamTenant << good << 400 << u"unauthorized_client"_s << 700016;
    QTest::newRow("managed identity client id")
        << ContosoTenant << with(good, u"client_id"_s, WebAppClient) << 400
        << u"unauthorized_client"_s << 700016;
    QTest::newRow("missing scope")
        << ContosoTenant << with(good, u"scope"_s, {}) << 400 << u"invalid_request"_s << 900144;
    QTest::newRow("scope without /.default")
        << ContosoTenant << with(good, u"scope"_s, u"https://vault.azure.net/user_impersonation"_s)
        << 400 << u"invalid_scope"_s << 1002012;
    QTest::newRow("no secret and no assertion")
        << ContosoTenant << with(good, u"client_secret"_s, {}) << 401 << u"invalid_client"_s
        << 7000218;
    QTest::newRow("unsupported grant")
        << ContosoTenant << with(good, u"grant_type"_s, u"password"_s) << 400
        << u"unsupported_grant_type"_s << 70003;
    QTest::newRow("missing grant_type") << ContosoTenant << with(good, u"grant_type"_s, {}) << 400
                                        << u"invalid_request"_s << 900144;
    QTest::newRow("client credentials at /common")
        << u"common"_s << good << 400 << u"invalid_request"_s << 50194;
}

void TestSandboxIdentity::clientCredentialsErrors()
{
    QFETCH(QString, tenant);
    QFETCH(Form, form);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(int, code);
    const HttpReply r = s().http().postForm(tokenUrl(s(), tenant), form);
    verifyAadError(r, status, error, code);
    QVERIFY(!r.json().contains("access_token"_L1));
}

void TestSandboxIdentity::unknownFieldsAreIgnored_data()
{
    QTest::addColumn<Form>("extra");
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("MSAL JS telemetry and CAE claims")
        << Form{{u"client-request-id"_s, u"0b0ae2ce-6d59-4c1e-9b5c-0a4f3e0c9d11"_s},
                {u"x-client-SKU"_s, u"msal.js.node"_s},
                {u"x-client-VER"_s, u"5.6.0"_s},
                {u"x-client-OS"_s, u"linux"_s},
                {u"x-client-CPU"_s, u"x64"_s},
                {u"x-ms-lib-capability"_s, u"retry-after, h429"_s},
                {u"x-client-current-telemetry"_s, u"5|771,2,,,|,"_s},
                {u"x-client-last-telemetry"_s, u"5|0|||0,0"_s},
                {u"claims"_s,
                 u"{\"id_token\":{\"signin_state\":{\"essential\":false},\"login_hint\":{\"essential\":false}},\"access_token\":{\"xms_cc\":{\"values\":[\"cp1\"]}}}"_s}}
        << QByteArray("application/x-www-form-urlencoded;charset=utf-8");
    QTest::newRow("Azure CLI claims")
        << Form{{u"claims"_s, u"{\"access_token\": {\"xms_cc\": {\"values\": [\"CP1\"]}}}"_s},
                {u"client_info"_s, u"1"_s}}
        << QByteArray("application/x-www-form-urlencoded");
}

void TestSandboxIdentity::unknownFieldsAreIgnored()
{
    QFETCH(Form, extra);
    QFETCH(QByteArray, contentType);
    QByteArray body;
    for (const auto &[k, v] : secretForm() + extra)
        body += (body.isEmpty() ? "" : "&") + QUrl::toPercentEncoding(k) + '='
                + QUrl::toPercentEncoding(v);
    QUrl url = tokenUrl(s(), ContosoTenant);
    url.setQuery(u"client-request-id=0b0ae2ce-6d59-4c1e-9b5c-0a4f3e0c9d11"_s);
    const HttpReply r = s().http().send("POST", url, body, {{"Content-Type", contentType}});
    QCOMPARE(r.status, 200);
    QCOMPARE(claimsOf(accessToken(r)).value("oid"_L1).toString(), CiPipeline);
}

void TestSandboxIdentity::clientSecretBasic()
{
    // The OpenID configuration advertises client_secret_basic: the client id and secret
    // in an Authorization header (RFC 6749 §2.3.1: form-encoded, then base64).
    auto basic = [](const QString &id, const QString &secret) -> QByteArray {
        const QByteArray raw = QUrl::toPercentEncoding(id) + ':' + QUrl::toPercentEncoding(secret);
        return "Basic " + raw.toBase64();
    };
    const QByteArray body =
        "grant_type=client_credentials&scope=" + QUrl::toPercentEncoding(VaultScope);
    const QList<QPair<QByteArray, QByteArray>> form{
        {"Content-Type", "application/x-www-form-urlencoded"}};
    HttpReply r = s().http().send(
        "POST", tokenUrl(s(), ContosoTenant), body,
        form
            + QList<QPair<QByteArray, QByteArray>>{
                {"Authorization", basic(CiPipelineApp, u"demo-ci-pipeline-secret-do-not-use"_s)}});
    QCOMPARE(r.status, 200);
    QCOMPARE(claimsOf(accessToken(r)).value("appid"_L1).toString(), CiPipelineApp);
    r = s().http().send("POST", tokenUrl(s(), ContosoTenant), body,
                        form
                            + QList<QPair<QByteArray, QByteArray>>{
                                {"Authorization", basic(CiPipelineApp, u"wrong"_s)}});
    verifyAadError(r, 401, u"invalid_client"_s, 7000215);
}

void TestSandboxIdentity::clientAssertion_data()
{
    QTest::addColumn<bool>("registeredKey");
    QTest::addColumn<QString>("audience"); ///< "endpoint", "v1 endpoint" or a URL
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<qint64>("expiresIn");
    QTest::addColumn<bool>("ownThumbprint");
    QTest::addColumn<int>("code"); ///< 0: a token; the AADSTS code of the 401 otherwise
    QTest::newRow("valid") << true << u"endpoint"_s << CiPipelineApp << qint64(600) << true << 0;
    QTest::newRow("v1 token endpoint as audience")
        << true << u"v1 endpoint"_s << CiPipelineApp << qint64(600) << true << 0;
    QTest::newRow("expired a minute ago, within the clock skew")
        << true << u"endpoint"_s << CiPipelineApp << qint64(-60) << true << 0;
    QTest::newRow("signed with another key")
        << false << u"endpoint"_s << CiPipelineApp << qint64(600) << true << 700027;
    QTest::newRow("expired") << true << u"endpoint"_s << CiPipelineApp << qint64(-3600) << true
                             << 700024;
    QTest::newRow("issued by another app")
        << true << u"endpoint"_s << ReportingApp << qint64(600) << true << 700021;
    QTest::newRow("audience is another token endpoint")
        << true
        << QString(u"https://login.microsoftonline.com/"_s + ContosoTenant
                   + u"/oauth2/v2.0/token"_s)
        << CiPipelineApp << qint64(600) << true << 700023;
    QTest::newRow("thumbprint of another certificate")
        << true << u"endpoint"_s << CiPipelineApp << qint64(600) << false << 700027;
}

void TestSandboxIdentity::clientAssertion()
{
    QFETCH(bool, registeredKey);
    QFETCH(QString, audience);
    QFETCH(QString, issuer);
    QFETCH(qint64, expiresIn);
    QFETCH(bool, ownThumbprint);
    QFETCH(int, code);

    // Register a certificate's key on ci-pipeline, as an app registration would hold it.
    static const std::optional<sandbox::KeyPair> key = sandbox::KeyPair::generateRsa(2048);
    static const std::optional<sandbox::KeyPair> other = sandbox::KeyPair::generateRsa(2048);
    QVERIFY(key && other);
    const QString thumbprint = QString::fromLatin1(vl::base64UrlEncode(
        QCryptographicHash::hash(key->publicKeyDer(), QCryptographicHash::Sha1)));
    for (sandbox::Principal &p : s().sandbox().state().directory.principals) {
        if (p.objectId == CiPipeline) {
            p.certificatePublicKeyPem = key->publicKeyPem();
            p.certificateThumbprint = thumbprint;
        }
    }

    const QUrl endpoint = tokenUrl(s(), ContosoTenant);
    const QString aud = audience == "endpoint"_L1 ? endpoint.toString()
                        : audience == "v1 endpoint"_L1
                            ? s().api() + u"/"_s + ContosoTenant + u"/oauth2/token"_s
                            : audience;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject claims{{u"aud"_s, aud},
                             {u"iss"_s, issuer},
                             {u"sub"_s, issuer},
                             {u"jti"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)},
                             {u"nbf"_s, double(now - 900)},
                             {u"iat"_s, double(now - 900)},
                             {u"exp"_s, double(now + expiresIn)}};
    const QString x5t = ownThumbprint
                            ? thumbprint
                            : QString::fromLatin1(vl::base64UrlEncode(QCryptographicHash::hash(
                                other->publicKeyDer(), QCryptographicHash::Sha1)));
    const QByteArray assertion =
        sandbox::Jwt::signRs256(claims, registeredKey ? *key : *other, x5t);
    QVERIFY(!assertion.isEmpty());
    const HttpReply r = s().http().postForm(
        endpoint,
        {{u"grant_type"_s, u"client_credentials"_s},
         {u"client_id"_s, CiPipelineApp},
         {u"scope"_s, VaultScope},
         {u"client_assertion_type"_s, u"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"_s},
         {u"client_assertion"_s, QString::fromLatin1(assertion)}});
    if (code == 0) {
        QCOMPARE(r.status, 200);
        const QJsonObject c = claimsOf(accessToken(r));
        QCOMPARE(c.value("oid"_L1).toString(), CiPipeline);
        QCOMPARE(c.value("appid"_L1).toString(), CiPipelineApp);
        QCOMPARE(c.value("appidacr"_L1).toString(), u"2"_s); // a certificate
        QCOMPARE(c.value("aud"_L1).toString(), u"https://vault.azure.net"_s);
    } else {
        verifyAadError(r, 401, u"invalid_client"_s, code);
    }
}

void TestSandboxIdentity::clientAssertionWithoutACertificate_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QByteArray>("assertion");
    QTest::addColumn<int>("code");
    const std::optional<sandbox::KeyPair> key = sandbox::KeyPair::generateRsa(2048);
    QVERIFY(key);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject claims{{u"aud"_s, tokenUrl(s(), ContosoTenant).toString()},
                             {u"iss"_s, ReportingApp},
                             {u"sub"_s, ReportingApp},
                             {u"exp"_s, double(now + 600)}};
    QTest::newRow("not a JWT") << ReportingApp << QByteArray("not-a-jwt") << 50027;
    QTest::newRow("app without a certificate")
        << ReportingApp << sandbox::Jwt::signRs256(claims, *key, u"thumbprint"_s) << 700027;
    // "alg":"none" with a made-up signature: never accepted.
    const QByteArray unsignedJwt =
        vl::base64UrlEncode(R"({"alg":"none","typ":"JWT"})"_ba) + '.'
        + vl::base64UrlEncode(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + ".c2ln";
    QTest::newRow("alg none") << ReportingApp << unsignedJwt << 700027;
}

void TestSandboxIdentity::clientAssertionWithoutACertificate()
{
    QFETCH(QString, clientId);
    QFETCH(QByteArray, assertion);
    QFETCH(int, code);
    const HttpReply r = s().http().postForm(
        tokenUrl(s(), ContosoTenant),
        {{u"grant_type"_s, u"client_credentials"_s},
         {u"client_id"_s, clientId},
         {u"scope"_s, VaultScope},
         {u"client_assertion_type"_s, u"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"_s},
         {u"client_assertion"_s, QString::fromLatin1(assertion)}});
    verifyAadError(r, 401, u"invalid_client"_s, code);
}

// ---------------------------------------------------------------------------------------
// Authorization code with PKCE

void TestSandboxIdentity::authorizePageListsTheTenantsAccounts_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QStringList>("listed");
    QTest::addColumn<QStringList>("absent");
    QTest::addColumn<bool>("guestMarked");
    const QStringList contoso{u"alice@contoso.example"_s, u"dave@contoso.example"_s,
                              u"erin@contoso.example"_s, u"carol@fabrikam.example"_s};
    QTest::newRow("Contoso by id") << ContosoTenant << contoso << QStringList{} << true;
    QTest::newRow("Contoso by domain") << u"contoso.example"_s << contoso << QStringList{} << true;
    QTest::newRow("Fabrikam") << FabrikamTenant << QStringList{u"carol@fabrikam.example"_s}
                              << QStringList{u"alice@contoso.example"_s, u"dave@contoso.example"_s,
                                             u"erin@contoso.example"_s}
                              << false;
    QTest::newRow("organizations") << u"organizations"_s << contoso << QStringList{} << false;
}

void TestSandboxIdentity::authorizePageListsTheTenantsAccounts()
{
    QFETCH(QString, tenant);
    QFETCH(QStringList, listed);
    QFETCH(QStringList, absent);
    QFETCH(bool, guestMarked);
    const HttpReply r = s().http().get(authorizeUrl(s(), tenant, authorizeQuery(makePkce())));
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("Content-Type").startsWith("text/html"));
    const QString page = QString::fromUtf8(r.body);
    QVERIFY(page.contains(u"<form method=\"post\""_s));
    for (const QString &upn : listed)
        QVERIFY2(page.contains(u"name=\"account\" value=\""_s + upn + u"\""_s), qPrintable(upn));
    for (const QString &upn : absent)
        QVERIFY2(!page.contains(upn), qPrintable(upn));
    // Carol is a guest in Contoso; nobody is a guest in her home tenant.
    static const QRegularExpression carolGuest(
        u"carol@fabrikam\\.example[^<]*&middot; guest</span>"_s);
    QCOMPARE(carolGuest.match(page).hasMatch(), guestMarked);
    QCOMPARE(page.count(u"&middot; guest"_s), guestMarked ? 1 : 0);
}

void TestSandboxIdentity::authorizationCode()
{
    const Pkce pkce = makePkce();
    const QUrl authorize = authorizeUrl(s(), ContosoTenant, authorizeQuery(pkce));
    const HttpReply picker = s().http().get(authorize);
    QCOMPARE(picker.status, 200);
    // The page's form posts to the same URL with account=<upn>.
    const HttpReply signedIn =
        s().http().postForm(authorize, {{u"account"_s, u"dave@contoso.example"_s}});
    QCOMPARE(signedIn.status, 302);
    const QUrl back = location(signedIn);
    QCOMPARE(back.adjusted(QUrl::RemoveQuery).toString(), Redirect);
    QCOMPARE(queryItem(back, u"state"_s), u"st-4711"_s);
    const QString code = queryItem(back, u"code"_s);
    QVERIFY(!code.isEmpty());
    QVERIFY(queryItem(back, u"error"_s).isEmpty());

    const HttpReply r = s().http().postForm(
        tokenUrl(s(), ContosoTenant), redeemForm(code, pkce) + Form{{u"client_info"_s, u"1"_s}});
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("Cache-Control").contains("no-store"));
    const QJsonObject o = r.json();
    QCOMPARE(o.value("token_type"_L1).toString(), u"Bearer"_s);
    QCOMPARE(o.value("expires_in"_L1).toInt(), 3599);
    QVERIFY(!o.value("scope"_L1).toString().isEmpty());
    QVERIFY(!o.value("refresh_token"_L1).toString().isEmpty());

    const QJsonObject c = claimsOf(accessToken(r));
    QCOMPARE(c.value("aud"_L1).toString(), u"https://vault.azure.net"_s);
    QCOMPARE(c.value("upn"_L1).toString(), u"dave@contoso.example"_s);
    QCOMPARE(c.value("oid"_L1).toString(), Dave);
    QCOMPARE(c.value("tid"_L1).toString(), ContosoTenant);
    QCOMPARE(c.value("appid"_L1).toString(), PublicClient);
    QCOMPARE(c.value("appidacr"_L1).toString(), u"0"_s); // a public client
    QCOMPARE(c.value("idtyp"_L1).toString(), u"user"_s);
    QVERIFY(!c.value("scp"_L1).toString().isEmpty());
    QCOMPARE(qint64(c.value("exp"_L1).toDouble()) - qint64(c.value("iat"_L1).toDouble()), 3599);

    // The ID token: signed by the tenant, for the client, naming the user.
    const QByteArray idToken = o.value("id_token"_L1).toString().toLatin1();
    const auto id = sandbox::Jwt::decode(idToken);
    QVERIFY(id);
    QVERIFY(sandbox::Jwt::verify(*id, tenant(ContosoTenant)->signingKey));
    QCOMPARE(id->claims.value("aud"_L1).toString(), PublicClient);
    QCOMPARE(id->claims.value("iss"_L1).toString(),
             s().api() + u"/"_s + ContosoTenant + u"/v2.0"_s);
    QCOMPARE(id->claims.value("oid"_L1).toString(), Dave);
    QCOMPARE(id->claims.value("preferred_username"_L1).toString(), u"dave@contoso.example"_s);

    // client_info: base64url JSON {"uid": oid, "utid": tid}, MSAL's account key.
    const auto info = vl::base64UrlDecode(o.value("client_info"_L1).toString().toLatin1());
    QVERIFY(info);
    const QJsonObject clientInfo = QJsonDocument::fromJson(*info).object();
    QCOMPARE(clientInfo.value("uid"_L1).toString(), Dave);
    QCOMPARE(clientInfo.value("utid"_L1).toString(), ContosoTenant);
}

void TestSandboxIdentity::tokenAnswerFollowsTheScopes_data()
{
    QTest::addColumn<QString>("scope");
    QTest::addColumn<QString>("audience");
    QTest::addColumn<bool>("refresh");
    QTest::addColumn<bool>("idToken");
    QTest::newRow("resource, openid, offline_access")
        << UserScope << u"https://vault.azure.net"_s << true << true;
    QTest::newRow("no offline_access: no refresh token")
        << u"https://vault.azure.net/.default openid profile"_s << u"https://vault.azure.net"_s
        << false << true;
    QTest::newRow("no openid: no ID token")
        << u"https://management.azure.com/.default offline_access"_s
        << u"https://management.azure.com"_s << true << false;
    QTest::newRow("named delegated scope")
        << u"https://management.azure.com/user_impersonation openid"_s
        << u"https://management.azure.com"_s << false << true;
    QTest::newRow("the CLI's v1 resource")
        << u"https://management.core.windows.net//.default offline_access openid profile"_s
        << u"https://management.core.windows.net/"_s << true << true;
    QTest::newRow("Graph scope without a resource URI")
        << u"User.Read openid profile offline_access"_s << u"https://graph.microsoft.com"_s << true
        << true;
    QTest::newRow("OpenID scopes only: a Graph token")
        << u"openid profile offline_access"_s << u"https://graph.microsoft.com"_s << true << true;
}

void TestSandboxIdentity::tokenAnswerFollowsTheScopes()
{
    QFETCH(QString, scope);
    QFETCH(QString, audience);
    QFETCH(bool, refresh);
    QFETCH(bool, idToken);
    const HttpReply r = signInAndRedeem(s(), ContosoTenant, u"alice@contoso.example"_s, scope);
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    QCOMPARE(claimsOf(accessToken(r)).value("aud"_L1).toString(), audience);
    QCOMPARE(o.contains("refresh_token"_L1), refresh);
    QCOMPARE(o.contains("id_token"_L1), idToken);
}

void TestSandboxIdentity::authorizationCodeErrors_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("code");
    QTest::newRow("wrong code_verifier")
        << u"code_verifier"_s << u"not-the-verifier-but-long-enough-to-look-like-one"_s << 400
        << u"invalid_grant"_s << 501481;
    QTest::newRow("no code_verifier")
        << u"code_verifier"_s << QString() << 400 << u"invalid_grant"_s << 501481;
    QTest::newRow("redirect_uri mismatch") << u"redirect_uri"_s << u"http://127.0.0.1:53682/other"_s
                                           << 400 << u"invalid_grant"_s << 500112;
    QTest::newRow("client secret from a public client")
        << u"client_secret"_s << u"some-secret"_s << 401 << u"invalid_client"_s << 700025;
    QTest::newRow("client assertion from a public client")
        << u"client_assertion"_s << u"eyJhbGciOiJSUzI1NiJ9.e30.c2ln"_s << 401 << u"invalid_client"_s
        << 700025;
    QTest::newRow("code issued to another client")
        << u"client_id"_s << AzureCli << 400 << u"invalid_grant"_s << 70000;
    QTest::newRow("unknown code") << u"code"_s << u"bm90LWEtY29kZQ"_s << 400 << u"invalid_grant"_s
                                  << 9002313;
}

void TestSandboxIdentity::authorizationCodeErrors()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(int, code);
    const Pkce pkce = makePkce();
    const QString authCode = signIn(s(), ContosoTenant, u"alice@contoso.example"_s, pkce);
    QVERIFY(!authCode.isEmpty());
    const HttpReply r = s().http().postForm(tokenUrl(s(), ContosoTenant),
                                            with(redeemForm(authCode, pkce), field, value));
    verifyAadError(r, status, error, code);
}

void TestSandboxIdentity::codeUsedTwice()
{
    const Pkce pkce = makePkce();
    const QString code = signIn(s(), ContosoTenant, u"alice@contoso.example"_s, pkce);
    QVERIFY(!code.isEmpty());
    HttpReply r = s().http().postForm(tokenUrl(s(), ContosoTenant), redeemForm(code, pkce));
    QCOMPARE(r.status, 200);
    r = s().http().postForm(tokenUrl(s(), ContosoTenant), redeemForm(code, pkce));
    verifyAadError(r, 400, u"invalid_grant"_s, 54005);
}

void TestSandboxIdentity::expiredCode()
{
    FakeClock clock(QDateTime::currentDateTimeUtc());
    SandboxFixture timed({}, clock);
    QVERIFY2(timed.isRunning(), qPrintable(timed.startError()));
    const Pkce pkce = makePkce();
    const QString late = signIn(timed, ContosoTenant, u"alice@contoso.example"_s, pkce);
    const QString early = signIn(timed, ContosoTenant, u"alice@contoso.example"_s, pkce);
    QVERIFY(!late.isEmpty() && !early.isEmpty());
    clock.advance(9 * 60); // codes live about ten minutes
    QCOMPARE(timed.http().postForm(tokenUrl(timed, ContosoTenant), redeemForm(early, pkce)).status,
             200);
    clock.advance(2 * 60);
    const HttpReply r =
        timed.http().postForm(tokenUrl(timed, ContosoTenant), redeemForm(late, pkce));
    verifyAadError(r, 400, u"invalid_grant"_s, 70008);
}

void TestSandboxIdentity::authorizePageRefusals_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("aadsts");
    QTest::newRow("unknown client")
        << ContosoTenant << u"client_id"_s << u"00000000-0000-4000-8000-00000000abcd"_s
        << u"AADSTS700016"_s;
    QTest::newRow("redirect to another host")
        << ContosoTenant << u"redirect_uri"_s << u"https://attacker.example/callback"_s
        << u"AADSTS50011"_s;
    QTest::newRow("http redirect to a non-loopback host")
        << ContosoTenant << u"redirect_uri"_s << u"http://192.0.2.1:8080/callback"_s
        << u"AADSTS50011"_s;
    QTest::newRow("IPv6 loopback") << ContosoTenant << u"redirect_uri"_s
                                   << u"http://[::1]:8080/callback"_s << u"AADSTS50011"_s;
    QTest::newRow("no redirect_uri")
        << ContosoTenant << u"redirect_uri"_s << QString() << u"AADSTS50011"_s;
    QTest::newRow("unknown tenant")
        << u"00000000-1111-4222-8333-444444444444"_s << QString() << QString() << u"AADSTS90002"_s;
}

void TestSandboxIdentity::authorizePageRefusals()
{
    QFETCH(QString, tenant);
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, aadsts);
    Form query = authorizeQuery(makePkce());
    if (!field.isEmpty())
        query = with(query, field, value);
    const QUrl url = authorizeUrl(s(), tenant, query);
    // Nothing is sent to a redirect URI that cannot be trusted: the page says why.
    for (const QByteArray &method : {QByteArray("GET"), QByteArray("POST")}) {
        const HttpReply r =
            method == "GET"
                ? s().http().get(url)
                : s().http().postForm(url, {{u"account"_s, u"alice@contoso.example"_s}});
        QCOMPARE(r.status, 400);
        QVERIFY(r.header("Content-Type").startsWith("text/html"));
        QVERIFY(r.header("Location").isEmpty());
        QVERIFY2(QString::fromUtf8(r.body).contains(aadsts), r.body.constData());
    }
}

void TestSandboxIdentity::authorizeRedirectErrors_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<Form>("query");
    QTest::addColumn<Form>("post"); ///< empty: a GET of the page
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("aadsts");
    const Form good = authorizeQuery(makePkce());
    const Form pickAlice{{u"account"_s, u"alice@contoso.example"_s}};
    QTest::newRow("no PKCE") << ContosoTenant << with(good, u"code_challenge"_s, {}) << Form{}
                             << u"invalid_request"_s << QString();
    QTest::newRow("no PKCE, posted") << ContosoTenant << with(good, u"code_challenge"_s, {})
                                     << pickAlice << u"invalid_request"_s << QString();
    QTest::newRow("unknown challenge method")
        << ContosoTenant << with(good, u"code_challenge_method"_s, u"S512"_s) << Form{}
        << u"invalid_request"_s << QString();
    QTest::newRow("implicit grant") << ContosoTenant << with(good, u"response_type"_s, u"token"_s)
                                    << Form{} << u"unsupported_response_type"_s << QString();
    QTest::newRow("cancel") << ContosoTenant << good << Form{{u"cancel"_s, u"1"_s}}
                            << u"access_denied"_s << QString();
    QTest::newRow("Contoso user at the Fabrikam page")
        << FabrikamTenant << good << Form{{u"account"_s, u"dave@contoso.example"_s}}
        << u"access_denied"_s << u"AADSTS50020"_s;
    QTest::newRow("Contoso user at the Fabrikam page, by domain")
        << u"fabrikam.example"_s << good << pickAlice << u"access_denied"_s << u"AADSTS50020"_s;
    QTest::newRow("prompt=none without a session")
        << ContosoTenant << good + Form{{u"prompt"_s, u"none"_s}} << Form{} << u"login_required"_s
        << u"AADSTS50058"_s;
}

void TestSandboxIdentity::authorizeRedirectErrors()
{
    QFETCH(QString, tenant);
    QFETCH(Form, query);
    QFETCH(Form, post);
    QFETCH(QString, error);
    QFETCH(QString, aadsts);
    const QUrl url = authorizeUrl(s(), tenant, query);
    const HttpReply r = post.isEmpty() ? s().http().get(url) : s().http().postForm(url, post);
    QCOMPARE(r.status, 302);
    const QUrl back = location(r);
    QCOMPARE(back.adjusted(QUrl::RemoveQuery).toString(), Redirect);
    QCOMPARE(queryItem(back, u"error"_s), error);
    QCOMPARE(queryItem(back, u"state"_s), u"st-4711"_s);
    QVERIFY(queryItem(back, u"code"_s).isEmpty());
    const QString description = queryItem(back, u"error_description"_s);
    QVERIFY(description.startsWith(u"AADSTS"_s));
    if (!aadsts.isEmpty())
        QVERIFY2(description.startsWith(aadsts + u":"_s), qPrintable(description));
}

void TestSandboxIdentity::loopbackRedirects_data()
{
    QTest::addColumn<QString>("redirect");
    QTest::addColumn<QString>("base"); ///< what the 302 goes to, before the query
    QTest::newRow("127.0.0.1 with a path") << Redirect << Redirect;
    QTest::newRow("localhost, another port")
        << u"http://localhost:61234/auth"_s << u"http://localhost:61234/auth"_s;
    // Redirect URIs without a path get a trailing slash (PROTOCOL.md §1.9).
    QTest::newRow("no path") << u"http://127.0.0.1:40123"_s << u"http://127.0.0.1:40123/"_s;
    QTest::newRow("localhost without a port") << u"http://localhost"_s << u"http://localhost/"_s;
}

void TestSandboxIdentity::loopbackRedirects()
{
    QFETCH(QString, redirect);
    QFETCH(QString, base);
    const Pkce pkce = makePkce();
    const HttpReply r = s().http().postForm(
        authorizeUrl(s(), ContosoTenant, with(authorizeQuery(pkce), u"redirect_uri"_s, redirect)),
        {{u"account"_s, u"erin@contoso.example"_s}});
    QCOMPARE(r.status, 302);
    const QUrl back = location(r);
    QCOMPARE(back.adjusted(QUrl::RemoveQuery).toString(), base);
    const QString code = queryItem(back, u"code"_s);
    QVERIFY(!code.isEmpty());
    // The code is redeemed with the redirect URI as the app sent it.
    const HttpReply token = s().http().postForm(
        tokenUrl(s(), ContosoTenant), with(redeemForm(code, pkce), u"redirect_uri"_s, redirect));
    QCOMPARE(token.status, 200);
    QCOMPARE(claimsOf(accessToken(token)).value("oid"_L1).toString(), Erin);
}

void TestSandboxIdentity::plainPkce()
{
    // PROTOCOL.md §1.2: S256 recommended, plain accepted (the challenge is the verifier).
    const QString verifier = u"plain-verifier-0123456789-0123456789-0123456789"_s;
    const Pkce plain{verifier, verifier};
    const Form query = with(authorizeQuery(plain), u"code_challenge_method"_s, u"plain"_s);
    const HttpReply signedIn = s().http().postForm(authorizeUrl(s(), ContosoTenant, query),
                                                   {{u"account"_s, u"alice@contoso.example"_s}});
    QCOMPARE(signedIn.status, 302);
    const QString code = queryItem(location(signedIn), u"code"_s);
    QVERIFY(!code.isEmpty());
    HttpReply r = s().http().postForm(tokenUrl(s(), ContosoTenant), redeemForm(code, plain));
    QCOMPARE(r.status, 200);

    // A plain challenge is not taken for an S256 one: the S256 form of the verifier fails.
    const QString code2 =
        queryItem(location(s().http().postForm(authorizeUrl(s(), ContosoTenant, query),
                                               {{u"account"_s, u"alice@contoso.example"_s}})),
                  u"code"_s);
    r = s().http().postForm(
        tokenUrl(s(), ContosoTenant),
        redeemForm(code2, Pkce{u"another-verifier-0123456789-0123456789"_s, {}}));
    verifyAadError(r, 400, u"invalid_grant"_s, 501481);
}

// ---------------------------------------------------------------------------------------
// Refresh tokens

void TestSandboxIdentity::refreshToken()
{
    const HttpReply first = signInAndRedeem(s(), ContosoTenant, u"alice@contoso.example"_s);
    QCOMPARE(first.status, 200);
    const QString refresh = first.json().value("refresh_token"_L1).toString();
    QVERIFY(!refresh.isEmpty());

    // One refresh token mints tokens for the other resources, as MSAL asks for them.
    const Form graph{
        {u"grant_type"_s, u"refresh_token"_s},
        {u"client_id"_s, PublicClient},
        {u"refresh_token"_s, refresh},
        {u"scope"_s, u"https://graph.microsoft.com/.default openid profile offline_access"_s},
        {u"client_info"_s, u"1"_s},
        {u"claims"_s, u"{\"id_token\":{\"signin_state\":{\"essential\":false}}}"_s}};
    HttpReply r = s().http().postForm(tokenUrl(s(), ContosoTenant), graph);
    QCOMPARE(r.status, 200);
    const QJsonObject c = claimsOf(accessToken(r));
    QCOMPARE(c.value("aud"_L1).toString(), u"https://graph.microsoft.com"_s);
    QCOMPARE(c.value("oid"_L1).toString(), Alice);
    QCOMPARE(c.value("upn"_L1).toString(), u"alice@contoso.example"_s);
    QCOMPARE(c.value("idtyp"_L1).toString(), u"user"_s);
    const QString second = r.json().value("refresh_token"_L1).toString();
    QVERIFY(!second.isEmpty());
    QVERIFY(second != refresh);

    // The new refresh token works; the old one is not revoked (PROTOCOL.md §1.3).
    r = s().http().postForm(tokenUrl(s(), ContosoTenant), with(graph, u"refresh_token"_s, second));
    QCOMPARE(r.status, 200);
    // Without offline_access in the scope, a refresh still answers with a new refresh token.
    r = s().http().postForm(tokenUrl(s(), u"organizations"_s),
                            with(with(graph, u"refresh_token"_s, refresh), u"scope"_s,
                                 u"https://management.azure.com/.default"_s));
    QCOMPARE(r.status, 200);
    QCOMPARE(claimsOf(accessToken(r)).value("aud"_L1).toString(),
             u"https://management.azure.com"_s);
    QVERIFY(!r.json().value("refresh_token"_L1).toString().isEmpty());
    QVERIFY(!r.json().contains("id_token"_L1)); // no openid asked
}

void TestSandboxIdentity::refreshAcrossTenants_data()
{
    QTest::addColumn<QString>("upn");
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("expectedTenant"); ///< empty: refused with AADSTS50020
    QTest::addColumn<QString>("oid");
    QTest::newRow("guest: Fabrikam token to Contoso")
        << u"carol@fabrikam.example"_s << ContosoTenant << ContosoTenant << Carol;
    QTest::newRow("guest: by domain")
        << u"carol@fabrikam.example"_s << u"contoso.example"_s << ContosoTenant << Carol;
    QTest::newRow("guest: organizations means home")
        << u"carol@fabrikam.example"_s << u"organizations"_s << FabrikamTenant << Carol;
    QTest::newRow("member: home tenant")
        << u"dave@contoso.example"_s << ContosoTenant << ContosoTenant << Dave;
    QTest::newRow("member: not in Fabrikam")
        << u"dave@contoso.example"_s << FabrikamTenant << QString() << Dave;
    QTest::newRow("member: not in Fabrikam, by domain")
        << u"alice@contoso.example"_s << u"fabrikam.example"_s << QString() << Alice;
}

void TestSandboxIdentity::refreshAcrossTenants()
{
    QFETCH(QString, upn);
    QFETCH(QString, tenant);
    QFETCH(QString, expectedTenant);
    QFETCH(QString, oid);
    const HttpReply first = signInAndRedeem(s(), u"organizations"_s, upn);
    QCOMPARE(first.status, 200);
    const HttpReply r = s().http().postForm(
        tokenUrl(s(), tenant),
        {{u"grant_type"_s, u"refresh_token"_s},
         {u"client_id"_s, PublicClient},
         {u"refresh_token"_s, first.json().value("refresh_token"_L1).toString()},
         {u"scope"_s, u"https://vault.azure.net/.default offline_access"_s}});
    if (expectedTenant.isEmpty()) {
        verifyAadError(r, 400, u"invalid_grant"_s, 50020);
        return;
    }
    QCOMPARE(r.status, 200);
    const auto jwt = sandbox::Jwt::decode(accessToken(r));
    QVERIFY(jwt);
    QCOMPARE(jwt->claims.value("tid"_L1).toString(), expectedTenant);
    QCOMPARE(jwt->claims.value("oid"_L1).toString(), oid);
    QCOMPARE(jwt->claims.value("iss"_L1).toString(),
             u"https://sts.windows.net/"_s + expectedTenant + u"/"_s);
    // Signed by the tenant it is for.
    QVERIFY(sandbox::Jwt::verify(*jwt, this->tenant(expectedTenant)->signingKey));
}

void TestSandboxIdentity::invalidRefreshToken()
{
    const HttpReply r = s().http().postForm(tokenUrl(s(), ContosoTenant),
                                            {{u"grant_type"_s, u"refresh_token"_s},
                                             {u"client_id"_s, PublicClient},
                                             {u"refresh_token"_s, u"not-a-refresh-token"_s},
                                             {u"scope"_s, VaultScope}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value("error"_L1).toString(), u"invalid_grant"_s);
    QVERIFY(!errorCodes(r).isEmpty());
    QVERIFY(!r.json().contains("access_token"_L1));
}

// ---------------------------------------------------------------------------------------
// Device code

HttpReply TestSandboxIdentity::requestDeviceCode(SandboxFixture &f, const QString &tenant,
                                                 const QString &clientId)
{
    return f.http().postForm(f.apiUrl(u"/"_s + tenant + u"/oauth2/v2.0/devicecode"_s),
                             {{u"client_id"_s, clientId}, {u"scope"_s, UserScope}});
}

HttpReply TestSandboxIdentity::approveDeviceCode(SandboxFixture &f, const QString &userCode,
                                                 const QString &upn)
{
    return f.http().postForm(QUrl(browserOrigin(f) + u"/devicelogin"_s),
                             {{u"user_code"_s, userCode}, {u"account"_s, upn}});
}

HttpReply TestSandboxIdentity::pollDeviceCode(SandboxFixture &f, const QString &tenant,
                                              const QString &deviceCode)
{
    return f.http().postForm(tokenUrl(f, tenant), {{u"grant_type"_s, u"device_code"_s},
                                                   {u"client_id"_s, PublicClient},
                                                   {u"device_code"_s, deviceCode},
                                                   {u"scope"_s, UserScope},
                                                   {u"client_info"_s, u"1"_s}});
}

void TestSandboxIdentity::deviceCodeAnswer()
{
    const HttpReply r = requestDeviceCode(s(), ContosoTenant);
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    const QString userCode = o.value("user_code"_L1).toString();
    const QString uri = o.value("verification_uri"_L1).toString();
    QVERIFY(userCode.size() >= 8);
    QVERIFY(!o.value("device_code"_L1).toString().isEmpty());
    QCOMPARE(uri, browserOrigin(s()) + u"/devicelogin"_s);
    QVERIFY(o.value("expires_in"_L1).isDouble());
    QCOMPARE(o.value("expires_in"_L1).toInt(), 900);
    QCOMPARE(o.value("interval"_L1).toInt(), 1);
    const QString message = o.value("message"_L1).toString();
    QVERIFY(message.contains(uri));
    QVERIFY(message.contains(userCode));
    QVERIFY(!o.contains("verification_uri_complete"_L1)); // Entra does not send it

    // The code is the one the device login page knows; before approval: pending.
    const HttpReply pending =
        pollDeviceCode(s(), ContosoTenant, o.value("device_code"_L1).toString());
    verifyAadError(pending, 400, u"authorization_pending"_s, 70016);
}

void TestSandboxIdentity::deviceCodeFlow_data()
{
    QTest::addColumn<QString>("grantType");
    QTest::addColumn<QStringList>("codeFields");
    QTest::newRow("MSAL JS: grant_type=device_code")
        << u"device_code"_s << QStringList{u"device_code"_s};
    QTest::newRow("MSAL Python: the URN, device_code and code")
        << u"urn:ietf:params:oauth:grant-type:device_code"_s
        << QStringList{u"device_code"_s, u"code"_s};
    QTest::newRow("the URN with code only")
        << u"urn:ietf:params:oauth:grant-type:device_code"_s << QStringList{u"code"_s};
}

void TestSandboxIdentity::deviceCodeFlow()
{
    QFETCH(QString, grantType);
    QFETCH(QStringList, codeFields);
    const QJsonObject answer = requestDeviceCode(s(), ContosoTenant).json();
    const QString device = answer.value("device_code"_L1).toString();
    const QString userCode = answer.value("user_code"_L1).toString();
    QVERIFY(!device.isEmpty());
    Form poll{{u"grant_type"_s, grantType},
              {u"client_id"_s, PublicClient},
              {u"scope"_s, UserScope},
              {u"client_info"_s, u"1"_s}};
    for (const QString &field : codeFields)
        poll.append({field, device});
    verifyAadError(s().http().postForm(tokenUrl(s(), ContosoTenant), poll), 400,
                   u"authorization_pending"_s, 70016);

    // The page a person opens: a code field and the accounts.
    const QUrl deviceLogin(browserOrigin(s()) + u"/devicelogin"_s);
    const HttpReply page = s().http().get(deviceLogin);
    QCOMPARE(page.status, 200);
    QVERIFY(page.header("Content-Type").startsWith("text/html"));
    QVERIFY(page.body.contains("name=\"user_code\""));
    QVERIFY(page.body.contains("value=\"erin@contoso.example\""));
    // A wrong code: the page again, with the problem.
    const HttpReply wrong = approveDeviceCode(s(), u"WRONGCODE"_s, u"erin@contoso.example"_s);
    QCOMPARE(wrong.status, 400);
    QVERIFY(wrong.body.contains("wasn't recognized"));
    verifyAadError(s().http().postForm(tokenUrl(s(), ContosoTenant), poll), 400,
                   u"authorization_pending"_s, 70016);
    // The right code, typed in lower case as people do.
    const HttpReply approved =
        approveDeviceCode(s(), userCode.toLower(), u"erin@contoso.example"_s);
    QCOMPARE(approved.status, 200);

    const HttpReply r = s().http().postForm(tokenUrl(s(), ContosoTenant), poll);
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    const QJsonObject c = claimsOf(accessToken(r));
    QCOMPARE(c.value("upn"_L1).toString(), u"erin@contoso.example"_s);
    QCOMPARE(c.value("oid"_L1).toString(), Erin);
    QCOMPARE(c.value("tid"_L1).toString(), ContosoTenant);
    QCOMPARE(c.value("idtyp"_L1).toString(), u"user"_s);
    QCOMPARE(c.value("aud"_L1).toString(), u"https://vault.azure.net"_s);
    QVERIFY(!c.value("scp"_L1).toString().isEmpty());
    QVERIFY(!o.value("refresh_token"_L1).toString().isEmpty());
    QVERIFY(!o.value("id_token"_L1).toString().isEmpty());
    QVERIFY(!o.value("client_info"_L1).toString().isEmpty());
    // The device code is spent.
    verifyAadError(s().http().postForm(tokenUrl(s(), ContosoTenant), poll), 400,
                   u"bad_verification_code"_s, 70018);
}

void TestSandboxIdentity::deviceCodeDeclined()
{
    const QJsonObject answer = requestDeviceCode(s(), ContosoTenant).json();
    const HttpReply declined = s().http().postForm(
        QUrl(browserOrigin(s()) + u"/devicelogin"_s),
        {{u"user_code"_s, answer.value("user_code"_L1).toString()}, {u"cancel"_s, u"1"_s}});
    QCOMPARE(declined.status, 200);
    const HttpReply r =
        pollDeviceCode(s(), ContosoTenant, answer.value("device_code"_L1).toString());
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value("error"_L1).toString(), u"authorization_declined"_s);
    QVERIFY(r.json().value("error_description"_L1).toString().startsWith(u"AADSTS"_s));
    QVERIFY(!r.json().contains("access_token"_L1));
}

void TestSandboxIdentity::deviceCodeUnknown()
{
    verifyAadError(pollDeviceCode(s(), ContosoTenant, u"bm90LWEtZGV2aWNlLWNvZGU"_s), 400,
                   u"bad_verification_code"_s, 70018);
}

void TestSandboxIdentity::deviceCodeExpired()
{
    FakeClock clock(QDateTime::currentDateTimeUtc());
    SandboxFixture timed({}, clock);
    QVERIFY2(timed.isRunning(), qPrintable(timed.startError()));
    const QJsonObject answer = requestDeviceCode(timed, ContosoTenant).json();
    const QString device = answer.value("device_code"_L1).toString();
    QVERIFY(!device.isEmpty());
    clock.advance(14 * 60);
    verifyAadError(pollDeviceCode(timed, ContosoTenant, device), 400, u"authorization_pending"_s,
                   70016);
    clock.advance(2 * 60); // 16 minutes: past expires_in (900 s)
    // Too late to approve it on the page, and the device is told so.
    const HttpReply late = approveDeviceCode(timed, answer.value("user_code"_L1).toString(),
                                             u"alice@contoso.example"_s);
    QCOMPARE(late.status, 400);
    verifyAadError(pollDeviceCode(timed, ContosoTenant, device), 400, u"expired_token"_s, 70019);
}

void TestSandboxIdentity::deviceCodeForAConfidentialClient()
{
    // The device code flow is for public clients; ci-pipeline is a confidential one.
    const HttpReply r = requestDeviceCode(s(), ContosoTenant, CiPipelineApp);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value("error"_L1).toString(), u"unauthorized_client"_s);
    QVERIFY(!r.json().contains("device_code"_L1));
    // The Azure CLI's public client id is accepted (az login --use-device-code).
    QCOMPARE(requestDeviceCode(s(), u"adfs"_s, AzureCli).status, 200);
}

void TestSandboxIdentity::deviceLoginChecksTheTenant()
{
    // A device code requested for Fabrikam cannot be approved by a Contoso-only user.
    const QJsonObject answer = requestDeviceCode(s(), FabrikamTenant).json();
    const QString userCode = answer.value("user_code"_L1).toString();
    const QString device = answer.value("device_code"_L1).toString();
    const HttpReply refused = approveDeviceCode(s(), userCode, u"dave@contoso.example"_s);
    QCOMPARE(refused.status, 400);
    QVERIFY2(refused.body.contains("AADSTS50020"), refused.body.constData());
    verifyAadError(pollDeviceCode(s(), FabrikamTenant, device), 400, u"authorization_pending"_s,
                   70016);
    // Carol, at home in Fabrikam, can.
    QCOMPARE(approveDeviceCode(s(), userCode, u"carol@fabrikam.example"_s).status, 200);
    const HttpReply r = pollDeviceCode(s(), FabrikamTenant, device);
    QCOMPARE(r.status, 200);
    QCOMPARE(claimsOf(accessToken(r)).value("tid"_L1).toString(), FabrikamTenant);
    QCOMPARE(claimsOf(accessToken(r)).value("oid"_L1).toString(), Carol);
}

// ---------------------------------------------------------------------------------------
// Managed identity (IMDS shape, browser origin)

void TestSandboxIdentity::managedIdentity_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("selector");
    QTest::addColumn<QString>("resource");
    QTest::newRow("trailing slash, client_id (MSAL)")
        << u"/metadata/identity/oauth2/token/"_s << QString(u"client_id="_s + WebAppClient)
        << u"https://vault.azure.net"_s;
    QTest::newRow("no trailing slash, client_id")
        << u"/metadata/identity/oauth2/token"_s << QString(u"client_id="_s + WebAppClient)
        << u"https://vault.azure.net"_s;
    QTest::newRow("object_id") << u"/metadata/identity/oauth2/token"_s
                               << QString(u"object_id="_s + WebApp)
                               << u"https://management.azure.com/"_s;
    QTest::newRow("upper-case client_id")
        << u"/metadata/identity/oauth2/token/"_s
        << QString(u"client_id="_s + WebAppClient.toUpper()) << u"https://graph.microsoft.com"_s;
    QTest::newRow("the only identity, no selector")
        << u"/metadata/identity/oauth2/token"_s << QString() << u"https://vault.azure.net"_s;
}

void TestSandboxIdentity::managedIdentity()
{
    QFETCH(QString, path);
    QFETCH(QString, selector);
    QFETCH(QString, resource);
    QUrl url(s().config().value("imdsEndpoint"_L1).toString() + path);
    QCOMPARE(url.toString(QUrl::RemovePath), browserOrigin(s()));
    url.setQuery(u"api-version=2018-02-01&resource="_s
                 + QString::fromLatin1(QUrl::toPercentEncoding(resource))
                 + (selector.isEmpty() ? QString() : QString(u"&"_s + selector)));
    const HttpReply r = s().http().send(
        "GET", url, {},
        {{"Metadata", "true"}, {"x-ms-client-request-id", "0b0ae2ce-6d59-4c1e-9b5c-0a4f3e0c9d11"}});
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    // IMDS answers numbers as strings.
    for (const char *field : {"expires_in", "expires_on", "not_before"}) {
        QVERIFY2(o.value(QLatin1StringView(field)).isString(), field);
        bool ok = false;
        o.value(QLatin1StringView(field)).toString().toLongLong(&ok);
        QVERIFY2(ok, field);
    }
    const qint64 expiresOn = o.value("expires_on"_L1).toString().toLongLong();
    QCOMPARE(expiresOn - o.value("not_before"_L1).toString().toLongLong(),
             o.value("expires_in"_L1).toString().toLongLong());
    QVERIFY(expiresOn > QDateTime::currentSecsSinceEpoch() + 3000);
    QCOMPARE(o.value("resource"_L1).toString(), resource);
    QCOMPARE(o.value("token_type"_L1).toString(), u"Bearer"_s);
    QCOMPARE(o.value("client_id"_L1).toString(), WebAppClient);
    const QJsonObject c = claimsOf(accessToken(r));
    QCOMPARE(c.value("oid"_L1).toString(), WebApp);
    QCOMPARE(c.value("appid"_L1).toString(), WebAppClient);
    QCOMPARE(c.value("aud"_L1).toString(), resource);
    QCOMPARE(c.value("tid"_L1).toString(), ContosoTenant);
    QCOMPARE(c.value("idtyp"_L1).toString(), u"app"_s);
    QCOMPARE(c.value("appidacr"_L1).toString(), u"2"_s); // managed identities: a certificate
    QCOMPARE(qint64(c.value("exp"_L1).toDouble()), expiresOn);
    QVERIFY(!c.contains("scp"_L1));
}

void TestSandboxIdentity::managedIdentityErrors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QByteArray>("metadata"); ///< the Metadata header; empty: none
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("description");
    const QString good = u"api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net"_s;
    QTest::newRow("no Metadata header") << good << QByteArray() << u"bad_request_102"_s
                                        << u"Required metadata header not specified"_s;
    QTest::newRow("Metadata: false") << good << QByteArray("false") << u"bad_request_102"_s
                                     << u"Required metadata header not specified"_s;
    QTest::newRow("no resource") << u"api-version=2018-02-01"_s << QByteArray("true")
                                 << u"invalid_request"_s
                                 << u"Required audience parameter not specified"_s;
    QTest::newRow("unknown client_id")
        << QString(good + u"&client_id=00000000-0000-4000-8000-00000000abcd"_s)
        << QByteArray("true") << u"invalid_request"_s << u"Identity not found"_s;
    QTest::newRow("unknown object_id")
        << QString(good + u"&object_id=00000000-0000-4000-8000-00000000abcd"_s)
        << QByteArray("true") << u"invalid_request"_s << u"Identity not found"_s;
    QTest::newRow("a service principal's app id is no managed identity")
        << QString(good + u"&client_id="_s + CiPipelineApp) << QByteArray("true")
        << u"invalid_request"_s << u"Identity not found"_s;
}

void TestSandboxIdentity::managedIdentityErrors()
{
    QFETCH(QString, query);
    QFETCH(QByteArray, metadata);
    QFETCH(QString, error);
    QFETCH(QString, description);
    QUrl url(browserOrigin(s()) + u"/metadata/identity/oauth2/token"_s);
    url.setQuery(query);
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!metadata.isEmpty())
        headers.append({"Metadata", metadata});
    const HttpReply r = s().http().send("GET", url, {}, headers);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value("error"_L1).toString(), error);
    QCOMPARE(r.json().value("error_description"_L1).toString(), description);
    QVERIFY(!r.json().contains("access_token"_L1));
    // The API origin does not serve it: IMDS is plain HTTP, like 169.254.169.254.
    QCOMPARE(s().http()
                 .send("GET", s().apiUrl(u"/metadata/identity/oauth2/token?"_s + query), {},
                       {{"Metadata", "true"}})
                 .status,
             404);
}

QTEST_GUILESS_MAIN(TestSandboxIdentity)
#include "tst_sandboxidentity.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountsTestSupport.h"
#include "FakeClock.h"
#include "auth/PublicClient.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

/// The public client's Entra ID calls: URLs, form fields and answers.
class TestPublicClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void endpoints();
    void authorizeUrlCarriesPkceAndState();
    void authorizeUrlOptionalParameters_data();
    void authorizeUrlOptionalParameters();
    void formEncodingEscapesReserved();
    void parseTokenAnswer_data();
    void parseTokenAnswer();
    void identityFromClientInfoWithoutIdToken();
    void parseDeviceCodeAnswer();
    void redeemAuthorizationCode();
    void redeemRefreshTokenAtTheGivenTenant();
    void tokenEndpointErrorBecomesAzureError();

private:
    std::shared_ptr<ScriptedTransport> m_transport;
    std::unique_ptr<PublicClient> m_client;
    FakeClock m_clock;
};

void TestPublicClient::init()
{
    m_transport = std::make_shared<ScriptedTransport>();
    PublicClientOptions o;
    o.pipeline =
        std::make_shared<HttpPipeline>(std::vector<std::shared_ptr<HttpPolicy>>{}, m_transport);
    o.authorityHost = QUrl(u"https://login.example.test"_s);
    o.authorizeHost = QUrl(u"http://127.0.0.1:8400"_s);
    o.clientId = u"client-1"_s;
    o.clock = &m_clock;
    m_client = std::make_unique<PublicClient>(o);
}

void TestPublicClient::endpoints()
{
    QCOMPARE(m_client->tokenEndpoint(u"contoso.example"_s),
             QUrl(u"https://login.example.test/contoso.example/oauth2/v2.0/token"_s));
    QCOMPARE(m_client->deviceCodeEndpoint(u"organizations"_s),
             QUrl(u"https://login.example.test/organizations/oauth2/v2.0/devicecode"_s));
    QCOMPARE(m_client->authorizeEndpoint(u"72f988bf"_s),
             QUrl(u"http://127.0.0.1:8400/72f988bf/oauth2/v2.0/authorize"_s));
    // Without a separate browser host, the authority's.
    PublicClient plain(PublicClientOptions{
        nullptr, QUrl(u"https://login.microsoftonline.com/"_s), {}, u"c"_s, nullptr});
    QCOMPARE(plain.authorizeEndpoint(u"common"_s),
             QUrl(u"https://login.microsoftonline.com/common/oauth2/v2.0/authorize"_s));
}

void TestPublicClient::authorizeUrlCarriesPkceAndState()
{
    AuthorizeParameters p;
    p.tenant = u"contoso.example"_s;
    p.redirectUri = QUrl(u"http://127.0.0.1:51234/"_s);
    p.scopes = withOpenIdScopes({u"https://management.azure.com/.default"_s});
    p.state = "state-abc";
    p.codeChallenge = "challenge-xyz";
    p.prompt = u"select_account"_s;
    const QUrl url = m_client->authorizeUrl(p);
    QCOMPARE(url.path(), u"/contoso.example/oauth2/v2.0/authorize"_s);
    const QUrlQuery q(url);
    auto value = [&q](const QString &name) {
        return q.queryItemValue(name, QUrl::FullyDecoded);
    };
    QCOMPARE(value(u"client_id"_s), u"client-1"_s);
    QCOMPARE(value(u"response_type"_s), u"code"_s);
    QCOMPARE(value(u"response_mode"_s), u"query"_s);
    QCOMPARE(value(u"redirect_uri"_s), u"http://127.0.0.1:51234/"_s);
    QCOMPARE(value(u"scope"_s),
             u"https://management.azure.com/.default offline_access openid profile"_s);
    QCOMPARE(value(u"state"_s), u"state-abc"_s);
    QCOMPARE(value(u"code_challenge"_s), u"challenge-xyz"_s);
    QCOMPARE(value(u"code_challenge_method"_s), u"S256"_s);
    QCOMPARE(value(u"prompt"_s), u"select_account"_s);
    QVERIFY(!q.hasQueryItem(u"login_hint"_s));
    QVERIFY(!q.hasQueryItem(u"domain_hint"_s));
    QVERIFY(!q.hasQueryItem(u"client_secret"_s));
}

void TestPublicClient::authorizeUrlOptionalParameters_data()
{
    QTest::addColumn<QString>("prompt");
    QTest::addColumn<QString>("loginHint");
    QTest::addColumn<QString>("domainHint");
    QTest::newRow("none") << QString() << QString() << QString();
    QTest::newRow("login hint") << u"select_account"_s << u"carol+test@fabrikam.example"_s
                                << QString();
    QTest::newRow("domain hint") << u"login"_s << QString() << u"contoso.example"_s;
}

void TestPublicClient::authorizeUrlOptionalParameters()
{
    QFETCH(QString, prompt);
    QFETCH(QString, loginHint);
    QFETCH(QString, domainHint);
    AuthorizeParameters p;
    p.tenant = u"organizations"_s;
    p.redirectUri = QUrl(u"http://127.0.0.1:1/"_s);
    p.prompt = prompt;
    p.loginHint = loginHint;
    p.domainHint = domainHint;
    const QUrlQuery q(m_client->authorizeUrl(p));
    QCOMPARE(q.hasQueryItem(u"prompt"_s), !prompt.isEmpty());
    QCOMPARE(q.queryItemValue(u"prompt"_s, QUrl::FullyDecoded), prompt);
    QCOMPARE(q.queryItemValue(u"login_hint"_s, QUrl::FullyDecoded), loginHint);
    QCOMPARE(q.queryItemValue(u"domain_hint"_s, QUrl::FullyDecoded), domainHint);
}

void TestPublicClient::formEncodingEscapesReserved()
{
    const QByteArray body = PublicClient::formEncode(
        {{u"a"_s, u"x y+z&w=v"_s}, {u"redirect_uri"_s, u"http://127.0.0.1:9/cb"_s}});
    QCOMPARE(body, QByteArray("a=x%20y%2Bz%26w%3Dv&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb"));
}

void TestPublicClient::parseTokenAnswer_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("lifetime");
    QTest::addColumn<QString>("userName");
    QTest::newRow("full") << userTokenAnswer(u"oid-1"_s, u"tid-1"_s, u"alice@contoso.example"_s,
                                             "rt-1")
                          << true << qint64(3599) << u"alice@contoso.example"_s;
    QTest::newRow("expires_in as string")
        << QByteArray(R"({"access_token":"x.y.z","expires_in":"120","token_type":"Bearer"})")
        << true << qint64(120) << QString();
    QTest::newRow("no access token")
        << QByteArray(R"({"expires_in":3599})") << false << qint64(0) << QString();
    QTest::newRow("no expiry") << QByteArray(R"({"access_token":"x.y.z"})") << false << qint64(0)
                               << QString();
    QTest::newRow("not bearer") << QByteArray(
        R"({"access_token":"x","expires_in":5,"token_type":"pop"})")
                                << false << qint64(0) << QString();
    QTest::newRow("broken id token")
        << QByteArray(R"({"access_token":"x","expires_in":5,"id_token":"not-a-jwt"})") << false
        << qint64(0) << QString();
}

void TestPublicClient::parseTokenAnswer()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    QFETCH(qint64, lifetime);
    QFETCH(QString, userName);
    const auto answer =
        PublicClient::parseTokenAnswer(QJsonDocument::fromJson(json).object(), m_clock.now(),
                                       TokenSource::Interactive, u"browser sign-in"_s);
    QCOMPARE(answer.ok(), ok);
    if (!ok) {
        QCOMPARE(answer.error().kind, AzureError::Kind::Malformed);
        return;
    }
    QCOMPARE(answer->accessToken.expiresOn, m_clock.now().addSecs(lifetime));
    QCOMPARE(answer->accessToken.source, TokenSource::Interactive);
    QCOMPARE(answer->accessToken.credential, u"browser sign-in"_s);
    QCOMPARE(answer->identity.userName, userName);
}

void TestPublicClient::identityFromClientInfoWithoutIdToken()
{
    const QByteArray info = base64UrlEncode(R"({"uid":"home-oid","utid":"home-tid"})");
    const QJsonObject o{{u"access_token"_s, u"opaque"_s},
                        {u"expires_in"_s, 60},
                        {u"refresh_token"_s, u"rt"_s},
                        {u"client_info"_s, QString::fromLatin1(info)}};
    const auto answer =
        PublicClient::parseTokenAnswer(o, m_clock.now(), TokenSource::DeviceCode, u"dc"_s);
    QVERIFY(answer.ok());
    QCOMPARE(answer->identity.objectId, u"home-oid"_s);
    QCOMPARE(answer->identity.tenantId, u"home-tid"_s);
    QCOMPARE(answer->identity.homeObjectId, u"home-oid"_s);
    QCOMPARE(answer->identity.homeTenantId, u"home-tid"_s);
    QCOMPARE(answer->refreshToken, QByteArray("rt"));
}

void TestPublicClient::parseDeviceCodeAnswer()
{
    const QJsonObject o{{u"device_code"_s, u"dev-123"_s},
                        {u"user_code"_s, u"BCDFGH"_s},
                        {u"verification_uri"_s, u"https://microsoft.com/devicelogin"_s},
                        {u"expires_in"_s, 900},
                        {u"interval"_s, 5},
                        {u"message"_s, u"To sign in, ..."_s}};
    const auto grant = PublicClient::parseDeviceCodeAnswer(o, m_clock.now());
    QVERIFY(grant.ok());
    QCOMPARE(grant->deviceCode, QByteArray("dev-123"));
    QCOMPARE(grant->userCode, u"BCDFGH"_s);
    QCOMPARE(grant->verificationUri, QUrl(u"https://microsoft.com/devicelogin"_s));
    QCOMPARE(grant->expiresOn, m_clock.now().addSecs(900));
    QCOMPARE(grant->intervalSeconds, 5);
    QJsonObject broken = o;
    broken.remove("user_code"_L1);
    QVERIFY(!PublicClient::parseDeviceCodeAnswer(broken, m_clock.now()).ok());
}

void TestPublicClient::redeemAuthorizationCode()
{
    m_transport->answer(200, jsonHeaders(),
                        userTokenAnswer(u"oid-1"_s, u"tid-1"_s, u"a@b.example"_s, "rt-1"));
    const auto answer = waitFor(m_client->redeemAuthorizationCode(
        u"tid-1"_s, u"code+/="_s, QUrl(u"http://127.0.0.1:4000/"_s), "verifier-1",
        withOpenIdScopes({u"https://management.azure.com/.default"_s})));
    QVERIFY2(answer.ok(), qPrintable(answer.error().summary()));
    QCOMPARE(answer->refreshToken, QByteArray("rt-1"));
    QCOMPARE(answer->identity.objectId, u"oid-1"_s);
    QCOMPARE(answer->identity.tenantId, u"tid-1"_s);
    QCOMPARE(answer->identity.displayName, u"Test User"_s);

    QCOMPARE(m_transport->requests().size(), 1);
    const HttpRequest &r = m_transport->requests().first();
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.url, QUrl(u"https://login.example.test/tid-1/oauth2/v2.0/token"_s));
    QCOMPARE(r.context.service, Service::EntraId);
    QVERIFY(r.context.bodyIsSecret);
    QVERIFY(r.context.scopes.isEmpty()); // the identity call itself is not authenticated
    QVERIFY(r.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
    QCOMPARE(formValue(r, u"grant_type"_s), u"authorization_code"_s);
    QCOMPARE(formValue(r, u"code"_s), u"code+/="_s);
    QCOMPARE(formValue(r, u"code_verifier"_s), u"verifier-1"_s);
    QCOMPARE(formValue(r, u"redirect_uri"_s), u"http://127.0.0.1:4000/"_s);
    QCOMPARE(formValue(r, u"client_id"_s), u"client-1"_s);
    QVERIFY(!formOf(r).hasQueryItem(u"client_secret"_s));
}

void TestPublicClient::redeemRefreshTokenAtTheGivenTenant()
{
    m_transport->answer(200, jsonHeaders(),
                        userTokenAnswer(u"oid-1"_s, u"guest"_s, u"a@b.example"_s, "rt-2"));
    const auto answer = waitFor(
        m_client->redeemRefreshToken(u"guest"_s, "rt-1", {u"https://vault.azure.net/.default"_s}));
    QVERIFY(answer.ok());
    QCOMPARE(answer->accessToken.source, TokenSource::RefreshToken);
    const HttpRequest &r = m_transport->requests().first();
    QCOMPARE(r.url.path(), u"/guest/oauth2/v2.0/token"_s);
    QCOMPARE(formValue(r, u"grant_type"_s), u"refresh_token"_s);
    QCOMPARE(formValue(r, u"refresh_token"_s), u"rt-1"_s);
    QCOMPARE(formValue(r, u"scope"_s),
             u"https://vault.azure.net/.default offline_access openid profile"_s);
}

void TestPublicClient::tokenEndpointErrorBecomesAzureError()
{
    m_transport->answer(400, jsonHeaders(), oauthError(u"invalid_grant"_s, 70008));
    const auto answer = waitFor(m_client->redeemRefreshToken(u"t"_s, "old", {u"s"_s}));
    QVERIFY(!answer.ok());
    QCOMPARE(answer.error().code, u"invalid_grant"_s);
    QCOMPARE(answer.error().status, 400);
    QCOMPARE(answer.error().kind, AzureError::Kind::Unauthenticated);
}

QTEST_GUILESS_MAIN(TestPublicClient)
#include "tst_publicclient.moc"

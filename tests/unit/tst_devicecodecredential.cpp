// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountsTestSupport.h"
#include "FakeClock.h"
#include "auth/DeviceCodeCredential.h"

#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

namespace {

QByteArray deviceCodeAnswer(int expiresIn = 900, int interval = 1)
{
    return QJsonDocument(
               QJsonObject{{u"device_code"_s, u"dev-code-1"_s},
                           {u"user_code"_s, u"BCDF2345"_s},
                           {u"verification_uri"_s, u"https://login.example.test/devicelogin"_s},
                           {u"expires_in"_s, expiresIn},
                           {u"interval"_s, interval},
                           {u"message"_s, u"Open the page and enter BCDF2345."_s}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

/// The device code flow's polling, against a scripted Entra ID.
class TestDeviceCodeCredential : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void pendingThenSignedIn();
    void slowDownAddsFiveSeconds();
    void terminalErrors_data();
    void terminalErrors();
    void expiresOnThisSideToo();
    void cancelStopsPolling();
    void deviceCodeRequestFails();
    void credentialIsSilentAfterSignIn();

private:
    DeviceCodeOptions options();

    FakeClock m_clock;
    std::shared_ptr<ScriptedTransport> m_transport;
    std::shared_ptr<const PublicClient> m_client;
    QList<DeviceCodeMessage> m_messages;
    QList<std::chrono::milliseconds> m_waits;
};

void TestDeviceCodeCredential::init()
{
    m_clock.set(QDateTime(QDate(2026, 1, 15), QTime(9, 0), Qt::UTC));
    m_transport = std::make_shared<ScriptedTransport>();
    PublicClientOptions o;
    o.pipeline =
        std::make_shared<HttpPipeline>(std::vector<std::shared_ptr<HttpPolicy>>{}, m_transport);
    o.authorityHost = QUrl(u"https://login.example.test"_s);
    o.clientId = u"client-1"_s;
    o.clock = &m_clock;
    m_client = std::make_shared<const PublicClient>(o);
    m_messages.clear();
    m_waits.clear();
}

DeviceCodeOptions TestDeviceCodeCredential::options()
{
    DeviceCodeOptions o;
    o.tenant = u"contoso.example"_s;
    o.scopes = {u"https://management.azure.com/.default"_s};
    o.onMessage = [this](const DeviceCodeMessage &m) {
        m_messages.append(m);
    };
    // Time passes on the fake clock; the poll runs from the event loop at once.
    o.schedule = [this](std::chrono::milliseconds delay, std::function<void()> callback) {
        m_waits.append(delay);
        m_clock.advance(std::chrono::duration_cast<std::chrono::seconds>(delay).count());
        QTimer::singleShot(0, QCoreApplication::instance(), std::move(callback));
    };
    return o;
}

void TestDeviceCodeCredential::pendingThenSignedIn()
{
    m_transport->answer(200, jsonHeaders(), deviceCodeAnswer());
    m_transport->answer(400, jsonHeaders(), oauthError(u"authorization_pending"_s, 70016));
    m_transport->answer(400, jsonHeaders(), oauthError(u"authorization_pending"_s, 70016));
    m_transport->answer(200, jsonHeaders(),
                        userTokenAnswer(u"oid-d"_s, u"tid-c"_s, u"dave@contoso.example"_s, "rt-d"));
    DeviceCodeSignIn signIn(m_client, options());
    const auto result = waitFor(signIn.start());
    QVERIFY2(result.ok(), qPrintable(result.error().summary()));
    QCOMPARE(result->identity.userName, u"dave@contoso.example"_s);
    QCOMPARE(result->refreshToken, QByteArray("rt-d"));
    QCOMPARE(result->accessToken.source, TokenSource::DeviceCode);
    QCOMPARE(signIn.polls(), 3);

    QCOMPARE(m_messages.size(), 1);
    QCOMPARE(m_messages.first().userCode, u"BCDF2345"_s);
    QCOMPARE(m_messages.first().verificationUri, QUrl(u"https://login.example.test/devicelogin"_s));
    QCOMPARE(m_messages.first().message, u"Open the page and enter BCDF2345."_s);

    const auto &requests = m_transport->requests();
    QCOMPARE(requests.size(), 4);
    QCOMPARE(requests[0].url.path(), u"/contoso.example/oauth2/v2.0/devicecode"_s);
    QCOMPARE(formValue(requests[0], u"scope"_s),
             u"https://management.azure.com/.default offline_access openid profile"_s);
    for (int i = 1; i < 4; ++i) {
        QCOMPARE(requests[i].url.path(), u"/contoso.example/oauth2/v2.0/token"_s);
        QCOMPARE(formValue(requests[i], u"grant_type"_s),
                 u"urn:ietf:params:oauth:grant-type:device_code"_s);
        QCOMPARE(formValue(requests[i], u"device_code"_s), u"dev-code-1"_s);
        QVERIFY(requests[i].context.bodyIsSecret);
    }
    QCOMPARE(m_waits, (QList<std::chrono::milliseconds>(3, std::chrono::seconds(1))));
}

void TestDeviceCodeCredential::slowDownAddsFiveSeconds()
{
    m_transport->answer(200, jsonHeaders(), deviceCodeAnswer(900, 2));
    m_transport->answer(400, jsonHeaders(), oauthError(u"slow_down"_s, 70016));
    m_transport->answer(400, jsonHeaders(), oauthError(u"authorization_pending"_s, 70016));
    m_transport->answer(200, jsonHeaders(),
                        userTokenAnswer(u"oid-d"_s, u"tid-c"_s, u"dave@contoso.example"_s, "rt"));
    DeviceCodeSignIn signIn(m_client, options());
    QVERIFY(waitFor(signIn.start()).ok());
    using std::chrono::seconds;
    QCOMPARE(m_waits, (QList<std::chrono::milliseconds>{seconds(2), seconds(7), seconds(7)}));
    QCOMPARE(signIn.interval(), seconds(7));
}

void TestDeviceCodeCredential::terminalErrors_data()
{
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("aadsts");
    QTest::addColumn<AzureError::Kind>("kind");
    QTest::newRow("declined") << u"authorization_declined"_s << 70020
                              << AzureError::Kind::Cancelled;
    QTest::newRow("expired") << u"expired_token"_s << 70019 << AzureError::Kind::Unauthenticated;
    QTest::newRow("bad code") << u"bad_verification_code"_s << 70018
                              << AzureError::Kind::Unauthenticated;
    QTest::newRow("other") << u"invalid_grant"_s << 50020 << AzureError::Kind::Unauthenticated;
}

void TestDeviceCodeCredential::terminalErrors()
{
    QFETCH(QString, error);
    QFETCH(int, aadsts);
    QFETCH(AzureError::Kind, kind);
    m_transport->answer(200, jsonHeaders(), deviceCodeAnswer());
    m_transport->answer(400, jsonHeaders(), oauthError(u"authorization_pending"_s, 70016));
    m_transport->answer(400, jsonHeaders(), oauthError(error, aadsts));
    m_transport->answer(200, jsonHeaders(), userTokenAnswer(u"o"_s, u"t"_s, u"u"_s, "rt"));
    DeviceCodeSignIn signIn(m_client, options());
    const auto result = waitFor(signIn.start());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, error);
    QCOMPARE(result.error().kind, kind);
    QCOMPARE(result.error().innerCode, u"AADSTS"_s + QString::number(aadsts));
    QCOMPARE(signIn.polls(), 2);
    QCOMPARE(m_transport->pending(), 1); // no poll after the error
}

void TestDeviceCodeCredential::expiresOnThisSideToo()
{
    m_transport->answer(200, jsonHeaders(), deviceCodeAnswer(3, 1));
    for (int i = 0; i < 5; ++i)
        m_transport->answer(400, jsonHeaders(), oauthError(u"authorization_pending"_s, 70016));
    DeviceCodeSignIn signIn(m_client, options());
    const auto result = waitFor(signIn.start());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, u"expired_token"_s);
    QCOMPARE(signIn.polls(), 2); // at +1 s and +2 s; at +3 s the code is dead
}

void TestDeviceCodeCredential::cancelStopsPolling()
{
    m_transport->answer(200, jsonHeaders(), deviceCodeAnswer());
    for (int i = 0; i < 50; ++i)
        m_transport->answer(400, jsonHeaders(), oauthError(u"authorization_pending"_s, 70016));
    DeviceCodeOptions o = options();
    o.schedule = [](std::chrono::milliseconds, std::function<void()> callback) {
        QTimer::singleShot(20, QCoreApplication::instance(), std::move(callback));
    };
    DeviceCodeSignIn signIn(m_client, o);
    const auto answer = signIn.start();
    QTRY_VERIFY(signIn.polls() >= 2);
    signIn.cancel();
    const auto result = waitFor(answer);
    QCOMPARE(result.error().kind, AzureError::Kind::Cancelled);
    const int polls = signIn.polls();
    QTest::qWait(50);
    QCOMPARE(signIn.polls(), polls);
}

void TestDeviceCodeCredential::deviceCodeRequestFails()
{
    m_transport->answer(400, jsonHeaders(), oauthError(u"unauthorized_client"_s, 700016));
    DeviceCodeSignIn signIn(m_client, options());
    const auto result = waitFor(signIn.start());
    QCOMPARE(result.error().code, u"unauthorized_client"_s);
    QVERIFY(m_messages.isEmpty());
}

void TestDeviceCodeCredential::credentialIsSilentAfterSignIn()
{
    m_transport->answer(200, jsonHeaders(), deviceCodeAnswer());
    m_transport->answer(200, jsonHeaders(),
                        userTokenAnswer(u"oid-d"_s, u"tid-c"_s, u"dave@contoso.example"_s, "rt-1"));
    m_transport->answer(200, jsonHeaders(),
                        userTokenAnswer(u"oid-d"_s, u"tid-c"_s, u"dave@contoso.example"_s, "rt-2"));
    DeviceCodeCredential credential(m_client, options());
    QList<QByteArray> kept;
    credential.setOnRefreshToken([&kept](const QByteArray &rt) { kept.append(rt); });
    const auto signedIn = waitFor(credential.authenticate());
    QVERIFY(signedIn.ok());
    QCOMPARE(credential.identity()->objectId, u"oid-d"_s);
    TokenRequestContext request{{u"https://vault.azure.net/.default"_s}, {}, {}, false};
    const auto token = waitFor(credential.getToken(request));
    QVERIFY(token.ok());
    QCOMPARE(token->source, TokenSource::RefreshToken);
    QCOMPARE(token->credential, credential.name());
    // The home tenant (from the sign-in) is asked when the request names none.
    QCOMPARE(m_transport->requests().last().url.path(), u"/tid-c/oauth2/v2.0/token"_s);
    QCOMPARE(kept, (QList<QByteArray>{"rt-1", "rt-2"}));
    QCOMPARE(m_messages.size(), 1);
}

QTEST_GUILESS_MAIN(TestDeviceCodeCredential)
#include "tst_devicecodecredential.moc"

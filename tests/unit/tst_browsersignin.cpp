// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountsTestSupport.h"
#include "auth/BrowserSignIn.h"
#include "auth/InteractiveBrowserCredential.h"
#include "auth/Pkce.h"

#include <QNetworkInterface>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

/**
 * The browser sign-in against a scripted token endpoint: the test plays the
 * browser and writes the loopback redirect itself.
 */
class TestBrowserSignIn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void authorizeUrlHasPkceS256AndStrongState();
    void listensOnLoopbackOnly();
    void codeIsRedeemedWithTheVerifier();
    void wrongOrMissingStateIsIgnored_data();
    void wrongOrMissingStateIsIgnored();
    void secondRedirectIsRejected();
    void errorRedirectFails_data();
    void errorRedirectFails();
    void tokenEndpointErrorFails();
    void timesOut();
    void cancelStopsListening();
    void noBrowserFails();
    void credentialIsSilentAfterSignIn();

private:
    std::unique_ptr<BrowserSignIn> makeSignIn(BrowserSignInOptions options = {});
    QByteArray redirectFor(const QByteArray &query) const;

    std::shared_ptr<ScriptedTransport> m_transport;
    std::shared_ptr<const PublicClient> m_client;
    QList<QUrl> m_opened;
};

void TestBrowserSignIn::init()
{
    m_transport = std::make_shared<ScriptedTransport>();
    PublicClientOptions o;
    o.pipeline =
        std::make_shared<HttpPipeline>(std::vector<std::shared_ptr<HttpPolicy>>{}, m_transport);
    o.authorityHost = QUrl(u"https://login.example.test"_s);
    o.clientId = u"client-1"_s;
    m_client = std::make_shared<const PublicClient>(o);
    m_opened.clear();
}

std::unique_ptr<BrowserSignIn> TestBrowserSignIn::makeSignIn(BrowserSignInOptions options)
{
    if (options.scopes.isEmpty())
        options.scopes = {u"https://management.azure.com/.default"_s};
    if (!options.openBrowser)
        options.openBrowser = [this](const QUrl &url) {
            m_opened.append(url);
        };
    return std::make_unique<BrowserSignIn>(m_client, options);
}

namespace {

QString queryValue(const QUrl &url, const QString &name)
{
    return QUrlQuery(url).queryItemValue(name, QUrl::FullyDecoded);
}

QByteArray stateOf(const QUrl &authorize)
{
    return queryValue(authorize, u"state"_s).toLatin1();
}

} // namespace

void TestBrowserSignIn::authorizeUrlHasPkceS256AndStrongState()
{
    BrowserSignInOptions o;
    o.tenant = u"contoso.example"_s;
    o.loginHint = u"alice@contoso.example"_s;
    o.domainHint = u"contoso.example"_s;
    auto signIn = makeSignIn(o);
    const auto answer = signIn->start();
    QCOMPARE(m_opened.size(), 1);
    const QUrl url = m_opened.first();
    QCOMPARE(url, signIn->authorizeUrl());
    QCOMPARE(url.path(), u"/contoso.example/oauth2/v2.0/authorize"_s);
    QCOMPARE(queryValue(url, u"code_challenge_method"_s), u"S256"_s);
    QCOMPARE(queryValue(url, u"code_challenge"_s).size(), 43); // base64url of 32 bytes
    QCOMPARE(queryValue(url, u"prompt"_s), u"select_account"_s);
    QCOMPARE(queryValue(url, u"login_hint"_s), u"alice@contoso.example"_s);
    QCOMPARE(queryValue(url, u"domain_hint"_s), u"contoso.example"_s);
    QCOMPARE(queryValue(url, u"scope"_s),
             u"https://management.azure.com/.default offline_access openid profile"_s);
    QCOMPARE(QUrl(queryValue(url, u"redirect_uri"_s)), signIn->redirectUri());
    QCOMPARE(signIn->redirectUri().host(), u"127.0.0.1"_s);
    // At least 128 bits: 32 random bytes give 43 base64url characters.
    const QByteArray state = stateOf(url);
    QVERIFY(state.size() >= 22);
    QVERIFY(base64UrlDecode(state).has_value());
    // Each sign-in has its own state and challenge.
    auto other = makeSignIn(o);
    (void)other->start();
    QVERIFY(stateOf(m_opened.last()) != state);
    QVERIFY(queryValue(m_opened.last(), u"code_challenge"_s)
            != queryValue(url, u"code_challenge"_s));
    QVERIFY(!answer.isFinished());
}

void TestBrowserSignIn::listensOnLoopbackOnly()
{
    auto signIn = makeSignIn();
    (void)signIn->start();
    QVERIFY(signIn->isListening());
    const quint16 port = quint16(signIn->redirectUri().port());
    QVERIFY(port > 0);
    QTcpSocket loopback;
    loopback.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    QVERIFY(loopback.waitForConnected(3000));
    loopback.abort();
    // Not on the machine's other addresses.
    int tried = 0;
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.isLoopback() || address.protocol() != QAbstractSocket::IPv4Protocol)
            continue;
        QTcpSocket outside;
        outside.connectToHost(address, port);
        QVERIFY2(!outside.waitForConnected(1000), qPrintable(address.toString()));
        ++tried;
    }
    if (tried == 0)
        qInfo("no non-loopback IPv4 address to try");
}

QByteArray TestBrowserSignIn::redirectFor(const QByteArray &query) const
{
    return "/?" + query;
}

void TestBrowserSignIn::codeIsRedeemedWithTheVerifier()
{
    m_transport->answer(200, jsonHeaders(),
                        userTokenAnswer(u"oid-1"_s, u"tid-1"_s, u"a@contoso.example"_s, "rt-1"));
    BrowserSignInOptions o;
    o.tenant = u"tid-1"_s;
    auto signIn = makeSignIn(o);
    const auto answer = signIn->start();
    const QUrl url = m_opened.first();
    const quint16 port = quint16(signIn->redirectUri().port());
    const LoopbackReply reply = followRedirect(
        port, redirectFor("code=the%2Bcode&state="
                          + QUrl::toPercentEncoding(QString::fromLatin1(stateOf(url)))));
    QVERIFY(reply.connected);
    QVERIFY2(reply.bytes.contains("Sign-in received"), reply.bytes.constData());
    const auto result = waitFor(answer);
    QVERIFY2(result.ok(), qPrintable(result.error().summary()));
    QCOMPARE(result->refreshToken, QByteArray("rt-1"));
    QCOMPARE(result->identity.userName, u"a@contoso.example"_s);
    QCOMPARE(result->accessToken.source, TokenSource::Interactive);

    QCOMPARE(m_transport->requests().size(), 1);
    const HttpRequest &r = m_transport->requests().first();
    QCOMPARE(r.url.path(), u"/tid-1/oauth2/v2.0/token"_s);
    QCOMPARE(formValue(r, u"code"_s), u"the+code"_s);
    QCOMPARE(QUrl(formValue(r, u"redirect_uri"_s)), signIn->redirectUri());
    const QByteArray verifier = formValue(r, u"code_verifier"_s).toLatin1();
    QVERIFY(Pkce::isValidVerifier(verifier));
    QCOMPARE(Pkce::challengeFor(verifier), queryValue(url, u"code_challenge"_s).toLatin1());
    QVERIFY(!signIn->isListening());
}

void TestBrowserSignIn::wrongOrMissingStateIsIgnored_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::newRow("wrong state") << QByteArray("code=evil&state=not-the-state");
    QTest::newRow("no state") << QByteArray("code=evil");
    QTest::newRow("error with wrong state")
        << QByteArray("error=access_denied&state=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
}

void TestBrowserSignIn::wrongOrMissingStateIsIgnored()
{
    QFETCH(QByteArray, query);
    m_transport->answer(200, jsonHeaders(),
                        userTokenAnswer(u"oid-1"_s, u"tid-1"_s, u"a@b.example"_s, "rt-1"));
    auto signIn = makeSignIn();
    QSignalSpy rejected(signIn.get(), &BrowserSignIn::redirectRejected);
    const auto answer = signIn->start();
    const quint16 port = quint16(signIn->redirectUri().port());
    const LoopbackReply noise = followRedirect(port, redirectFor(query));
    QVERIFY(noise.connected);
    QVERIFY2(noise.bytes.contains("Unexpected sign-in answer"), noise.bytes.constData());
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(signIn->rejectedRedirects(), 1);
    QVERIFY(!answer.isFinished());
    QVERIFY(signIn->isListening());
    QVERIFY(m_transport->requests().isEmpty()); // nothing was redeemed

    // The real answer still works.
    const LoopbackReply real =
        followRedirect(port, redirectFor("code=good&state=" + stateOf(m_opened.first())));
    QVERIFY(real.bytes.contains("Sign-in received"));
    QVERIFY(waitFor(answer).ok());
    QCOMPARE(formValue(m_transport->requests().first(), u"code"_s), u"good"_s);
}

void TestBrowserSignIn::secondRedirectIsRejected()
{
    m_transport->answer(200, jsonHeaders(),
                        userTokenAnswer(u"oid-1"_s, u"tid-1"_s, u"a@b.example"_s, "rt-1"));
    auto signIn = makeSignIn();
    const auto answer = signIn->start();
    const quint16 port = quint16(signIn->redirectUri().port());
    const QByteArray redirect = redirectFor("code=once&state=" + stateOf(m_opened.first()));
    QVERIFY(followRedirect(port, redirect).connected);
    QVERIFY(waitFor(answer).ok());
    // One use: nobody listens any more, and nothing else is redeemed.
    const LoopbackReply again = followRedirect(port, redirect);
    QVERIFY(!again.connected);
    QCOMPARE(m_transport->requests().size(), 1);
}

void TestBrowserSignIn::errorRedirectFails_data()
{
    QTest::addColumn<QByteArray>("error");
    QTest::addColumn<AzureError::Kind>("kind");
    QTest::addColumn<QString>("innerCode");
    QTest::newRow("declined") << QByteArray("access_denied") << AzureError::Kind::Cancelled
                              << u"AADSTS65004"_s;
    QTest::newRow("consent") << QByteArray("consent_required") << AzureError::Kind::Unauthenticated
                             << u"AADSTS65004"_s;
}

void TestBrowserSignIn::errorRedirectFails()
{
    QFETCH(QByteArray, error);
    QFETCH(AzureError::Kind, kind);
    QFETCH(QString, innerCode);
    auto signIn = makeSignIn();
    const auto answer = signIn->start();
    const quint16 port = quint16(signIn->redirectUri().port());
    const LoopbackReply reply =
        followRedirect(port, redirectFor("error=" + error
                                         + "&error_description=AADSTS65004%3A+User+declined&state="
                                         + stateOf(m_opened.first())));
    QVERIFY(reply.bytes.contains("Sign-in failed"));
    const auto result = waitFor(answer);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QString::fromLatin1(error));
    QCOMPARE(result.error().kind, kind);
    QCOMPARE(result.error().innerCode, innerCode);
    QCOMPARE(result.error().message, u"AADSTS65004: User declined"_s); // form-decoded
    QVERIFY(m_transport->requests().isEmpty());
    QVERIFY(!signIn->isListening());
}

void TestBrowserSignIn::tokenEndpointErrorFails()
{
    m_transport->answer(400, jsonHeaders(), oauthError(u"invalid_grant"_s, 501481));
    auto signIn = makeSignIn();
    const auto answer = signIn->start();
    followRedirect(quint16(signIn->redirectUri().port()),
                   redirectFor("code=c&state=" + stateOf(m_opened.first())));
    const auto result = waitFor(answer);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, u"invalid_grant"_s);
    QCOMPARE(result.error().innerCode, u"AADSTS501481"_s);
}

void TestBrowserSignIn::timesOut()
{
    BrowserSignInOptions o;
    o.timeout = std::chrono::milliseconds(200);
    auto signIn = makeSignIn(o);
    const auto answer = signIn->start();
    const quint16 port = quint16(signIn->redirectUri().port());
    const auto result = waitFor(answer, 5000);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, u"sign_in_timeout"_s);
    QVERIFY(!signIn->isListening());
    QVERIFY(!followRedirect(port, redirectFor("code=late&state=" + stateOf(m_opened.first())))
                 .connected);
}

void TestBrowserSignIn::cancelStopsListening()
{
    auto signIn = makeSignIn();
    const auto answer = signIn->start();
    QVERIFY(signIn->isListening());
    signIn->cancel();
    const auto result = waitFor(answer);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, AzureError::Kind::Cancelled);
    QVERIFY(!signIn->isListening());
    signIn->cancel(); // harmless
}

void TestBrowserSignIn::noBrowserFails()
{
    BrowserSignInOptions o;
    o.scopes = {u"s"_s};
    BrowserSignIn signIn(m_client, o);
    const auto result = waitFor(signIn.start());
    QVERIFY(!result.ok());
    QVERIFY(!signIn.isListening());
}

void TestBrowserSignIn::credentialIsSilentAfterSignIn()
{
    m_transport->answer(200, jsonHeaders(),
                        userTokenAnswer(u"oid-1"_s, u"tid-1"_s, u"a@b.example"_s, "rt-1"));
    m_transport->answer(200, jsonHeaders(),
                        userTokenAnswer(u"oid-1"_s, u"guest"_s, u"a@b.example"_s, "rt-2"));
    BrowserSignInOptions o;
    o.scopes = {u"https://management.azure.com/.default"_s};
    o.openBrowser = [this](const QUrl &url) {
        m_opened.append(url);
    };
    InteractiveBrowserCredential credential(m_client, o);
    QList<QByteArray> kept;
    credential.setOnRefreshToken([&kept](const QByteArray &rt) { kept.append(rt); });
    QSignalSpy signedIn(&credential, &InteractiveBrowserCredential::signedIn);

    TokenRequestContext request{{u"https://management.azure.com/.default"_s}, {}, {}, false};
    const auto first = credential.getToken(request); // nothing held: the browser
    QTRY_COMPARE(m_opened.size(), 1);
    followRedirect(quint16(credential.currentSignIn()->redirectUri().port()),
                   redirectFor("code=c&state=" + stateOf(m_opened.first())));
    QCOMPARE(waitFor(first)->source, TokenSource::Interactive);
    QCOMPARE(signedIn.size(), 1);
    QCOMPARE(credential.identity()->tenantId, u"tid-1"_s);

    // Afterwards silent, for another tenant too, with no new browser.
    request.tenantId = u"guest"_s;
    const auto second = waitFor(credential.getToken(request));
    QVERIFY(second.ok());
    QCOMPARE(second->source, TokenSource::RefreshToken);
    QCOMPARE(m_opened.size(), 1);
    QCOMPARE(m_transport->requests().last().url.path(), u"/guest/oauth2/v2.0/token"_s);
    QCOMPARE(formValue(m_transport->requests().last(), u"refresh_token"_s), u"rt-1"_s);
    QCOMPARE(kept, (QList<QByteArray>{"rt-1", "rt-2"})); // the rotated one too
}

QTEST_GUILESS_MAIN(TestBrowserSignIn)
#include "tst_browsersignin.moc"

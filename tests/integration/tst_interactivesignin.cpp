// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountsTestSupport.h"
#include "ClientFixture.h"
#include "auth/BrowserSignIn.h"
#include "auth/Jwt.h"
#include "http/NetworkTransport.h"
#include "http/Pipelines.h"

#include <QNetworkAccessManager>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

/**
 * The browser sign-in end to end against the sandbox: the test plays the
 * browser (it opens the sandbox's sign-in page, picks an account as a person
 * would, and follows the 302 to the loopback listener), the app's identity
 * pipeline redeems the code over verified TLS.
 */
class TestInteractiveSignIn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void signsInThroughTheSandboxPage();
    void tenantIsChosenBeforeThePrompt();
    void wrongStateIsIgnored();
    void secondUseOfTheRedirectIsRejected();
    void declinedOnThePage();
    void timesOut();
    void cancelBeforeTheRedirect();
    void tlsIsVerified_data();
    void tlsIsVerified();

private:
    std::unique_ptr<BrowserSignIn>
    makeSignIn(const QString &tenant = {},
               std::chrono::milliseconds timeout = std::chrono::minutes(1));
    /// Opens the page of the authorize URL and picks @p upn; answers the sign-in page's 302.
    QUrl pickAccount(const QString &upn, const QList<QPair<QString, QString>> &extra = {});

    std::unique_ptr<ClientFixture> m_fixture;
    std::shared_ptr<const PublicClient> m_client;
    QList<QUrl> m_opened;
};

void TestInteractiveSignIn::initTestCase()
{
    m_fixture = std::make_unique<ClientFixture>();
    QVERIFY2(m_fixture->isRunning(), qPrintable(m_fixture->sandbox().startError()));
    const CloudProfile &cloud = m_fixture->cloud();
    m_client = std::make_shared<const PublicClient>(
        PublicClientOptions{m_fixture->identityPipeline(), cloud.authorityHost, cloud.browserOrigin,
                            cloud.publicClientId, nullptr});
}

void TestInteractiveSignIn::init()
{
    m_opened.clear();
    m_fixture->journal().clear();
}

std::unique_ptr<BrowserSignIn> TestInteractiveSignIn::makeSignIn(const QString &tenant,
                                                                 std::chrono::milliseconds timeout)
{
    BrowserSignInOptions o;
    if (!tenant.isEmpty())
        o.tenant = tenant;
    o.scopes = {m_fixture->cloud().armScope()};
    o.timeout = timeout;
    o.openBrowser = [this](const QUrl &url) {
        m_opened.append(url);
    };
    return std::make_unique<BrowserSignIn>(m_client, o);
}

QUrl TestInteractiveSignIn::pickAccount(const QString &upn,
                                        const QList<QPair<QString, QString>> &extra)
{
    HttpClient &browser = m_fixture->sandbox().http();
    const QUrl authorize = m_opened.last();
    const HttpReply page = browser.get(authorize);
    if (page.status != 200 || !page.body.contains(upn.toUtf8()))
        return {};
    QList<QPair<QString, QString>> form = extra;
    if (!upn.isEmpty())
        form.append({u"account"_s, upn});
    const HttpReply picked = browser.postForm(authorize, form);
    if (picked.status != 302)
        return {};
    return QUrl::fromEncoded(picked.header("Location"));
}

void TestInteractiveSignIn::signsInThroughTheSandboxPage()
{
    auto signIn = makeSignIn();
    const auto answer = signIn->start();
    QCOMPARE(m_opened.size(), 1);
    QCOMPARE(m_opened.first().toString(QUrl::RemovePath | QUrl::RemoveQuery),
             m_fixture->cloud().browserOrigin.toString(QUrl::StripTrailingSlash));
    const QUrl redirect = pickAccount(u"alice@contoso.example"_s);
    QVERIFY(redirect.isValid());
    QCOMPARE(redirect.host(), u"127.0.0.1"_s);
    QCOMPARE(redirect.port(), signIn->redirectUri().port());

    const LoopbackReply page = followRedirect(quint16(redirect.port()), pathAndQueryOf(redirect));
    QVERIFY(page.connected);
    QVERIFY2(page.bytes.contains("Sign-in received"), page.bytes.constData());

    const auto result = waitFor(answer);
    QVERIFY2(result.ok(), qPrintable(result.error().summary()));
    QCOMPARE(result->identity.userName, u"alice@contoso.example"_s);
    QCOMPARE(result->identity.tenantId, m_fixture->sandbox().tenantId());
    QVERIFY(!result->identity.objectId.isEmpty());
    QVERIFY(!result->refreshToken.isEmpty());
    QCOMPARE(result->accessToken.source, TokenSource::Interactive);
    const auto claims = Jwt::claims(result->accessToken.token);
    QVERIFY(claims.ok());
    QCOMPARE(claims->audience, m_fixture->cloud().resourceManagerAudience);
    QCOMPARE(claims->userName, u"alice@contoso.example"_s);

    // The code went through the journaled identity pipeline, and nothing secret was kept.
    const auto records = m_fixture->journal().records();
    QCOMPARE(records.size(), 1);
    const RequestRecord &r = records.first();
    QCOMPARE(r.service, Service::EntraId);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.url.path(), u"/organizations/oauth2/v2.0/token"_s);
    QVERIFY(r.responseBody.isEmpty());
    QVERIFY(!r.url.toEncoded().contains(result->refreshToken));
    for (const auto &[name, value] : r.responseHeaders + r.requestHeaders)
        QVERIFY(!value.contains(result->refreshToken));
}

void TestInteractiveSignIn::tenantIsChosenBeforeThePrompt()
{
    // Carol's home is Fabrikam; she is a guest in Contoso, and signs in there directly.
    const QString contoso = m_fixture->sandbox().tenantId();
    auto signIn = makeSignIn(contoso);
    const auto answer = signIn->start();
    QCOMPARE(m_opened.first().path(), u"/"_s + contoso + u"/oauth2/v2.0/authorize"_s);
    const QUrl redirect = pickAccount(u"carol@fabrikam.example"_s);
    QVERIFY(redirect.isValid());
    followRedirect(quint16(redirect.port()), pathAndQueryOf(redirect));
    const auto result = waitFor(answer);
    QVERIFY2(result.ok(), qPrintable(result.error().summary()));
    QCOMPARE(result->identity.tenantId, contoso);
    QCOMPARE(Jwt::claims(result->accessToken.token)->tenantId, contoso);
    QCOMPARE(m_fixture->journal().records().first().url.path(),
             u"/"_s + contoso + u"/oauth2/v2.0/token"_s);
}

void TestInteractiveSignIn::wrongStateIsIgnored()
{
    auto signIn = makeSignIn();
    const auto answer = signIn->start();
    const QUrl redirect = pickAccount(u"dave@contoso.example"_s);
    QVERIFY(redirect.isValid());
    // A forged answer, with a code but another state, comes first.
    QUrl forged = redirect;
    QUrlQuery q(forged);
    q.removeQueryItem(u"state"_s);
    q.addQueryItem(u"state"_s, u"forged-state-0123456789abcdefghijk"_s);
    forged.setQuery(q);
    const LoopbackReply noise = followRedirect(quint16(redirect.port()), pathAndQueryOf(forged));
    QVERIFY(noise.bytes.contains("Unexpected sign-in answer"));
    QCOMPARE(signIn->rejectedRedirects(), 1);
    QTest::qWait(100);
    QVERIFY(!answer.isFinished());
    QVERIFY(m_fixture->journal().records().isEmpty()); // nothing redeemed

    followRedirect(quint16(redirect.port()), pathAndQueryOf(redirect));
    const auto result = waitFor(answer);
    QVERIFY2(result.ok(), qPrintable(result.error().summary()));
    QCOMPARE(result->identity.userName, u"dave@contoso.example"_s);
}

void TestInteractiveSignIn::secondUseOfTheRedirectIsRejected()
{
    auto signIn = makeSignIn();
    const auto answer = signIn->start();
    const QUrl redirect = pickAccount(u"erin@contoso.example"_s);
    QVERIFY(followRedirect(quint16(redirect.port()), pathAndQueryOf(redirect)).connected);
    QVERIFY(waitFor(answer).ok());
    const LoopbackReply again = followRedirect(quint16(redirect.port()), pathAndQueryOf(redirect));
    QVERIFY(!again.connected);
    QCOMPARE(m_fixture->journal().records().size(), 1); // the code was redeemed once
}

void TestInteractiveSignIn::declinedOnThePage()
{
    auto signIn = makeSignIn();
    const auto answer = signIn->start();
    const QUrl redirect = pickAccount(QString(), {{u"cancel"_s, u"1"_s}});
    QVERIFY(redirect.isValid());
    QVERIFY(QUrlQuery(redirect).hasQueryItem(u"error"_s));
    const LoopbackReply page = followRedirect(quint16(redirect.port()), pathAndQueryOf(redirect));
    QVERIFY(page.bytes.contains("Sign-in failed"));
    const auto result = waitFor(answer);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, u"access_denied"_s);
    QCOMPARE(result.error().kind, AzureError::Kind::Cancelled);
    QCOMPARE(result.error().innerCode, u"AADSTS65004"_s);
}

void TestInteractiveSignIn::timesOut()
{
    auto signIn = makeSignIn({}, std::chrono::milliseconds(300));
    const auto answer = signIn->start();
    const QUrl redirect = pickAccount(u"alice@contoso.example"_s);
    QVERIFY(redirect.isValid());
    const auto result = waitFor(answer, 10000); // the browser never comes back in time
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, u"sign_in_timeout"_s);
    QVERIFY(!followRedirect(quint16(redirect.port()), pathAndQueryOf(redirect)).connected);
    QVERIFY(m_fixture->journal().records().isEmpty());
}

void TestInteractiveSignIn::cancelBeforeTheRedirect()
{
    auto signIn = makeSignIn();
    const auto answer = signIn->start();
    const QUrl redirect = pickAccount(u"alice@contoso.example"_s);
    signIn->cancel();
    const auto result = waitFor(answer);
    QCOMPARE(result.error().kind, AzureError::Kind::Cancelled);
    QVERIFY(!followRedirect(quint16(redirect.port()), pathAndQueryOf(redirect)).connected);
    QVERIFY(m_fixture->journal().records().isEmpty());
}

void TestInteractiveSignIn::tlsIsVerified_data()
{
    QTest::addColumn<bool>("azureProfile");
    QTest::newRow("default TLS") << false;
    QTest::newRow("Azure profile's TLS") << true;
}

void TestInteractiveSignIn::tlsIsVerified()
{
    // A pipeline that does not trust the sandbox CA cannot redeem the code: the
    // exchange never goes out over an unverified connection.
    QFETCH(bool, azureProfile);
    QNetworkAccessManager manager;
    NetworkTransport::TlsFor tls;
    if (azureProfile)
        tls = [azure = CloudProfile::azurePublic()](const QUrl &url) {
            return azure.tlsFor(url);
        };
    PipelineOptions po;
    po.transport = std::make_shared<NetworkTransport>(&manager, tls);
    po.retry.maxAttempts = 1;
    const CloudProfile &cloud = m_fixture->cloud();
    auto untrusting = std::make_shared<const PublicClient>(PublicClientOptions{
        makePipeline(po), cloud.authorityHost, cloud.browserOrigin, cloud.publicClientId, nullptr});
    BrowserSignInOptions o;
    o.scopes = {cloud.armScope()};
    o.openBrowser = [this](const QUrl &url) {
        m_opened.append(url);
    };
    BrowserSignIn signIn(untrusting, o);
    const auto answer = signIn.start();
    const QUrl redirect = pickAccount(u"alice@contoso.example"_s);
    followRedirect(quint16(redirect.port()), pathAndQueryOf(redirect));
    const auto result = waitFor(answer);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, AzureError::Kind::Network);
    QCOMPARE(result.error().status, 0);
}

QTEST_GUILESS_MAIN(TestInteractiveSignIn)
#include "tst_interactivesignin.moc"

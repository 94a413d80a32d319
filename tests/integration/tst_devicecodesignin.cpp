// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountsTestSupport.h"
#include "ClientFixture.h"
#include "auth/DeviceCodeCredential.h"
#include "auth/Jwt.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

/**
 * The device code flow end to end against the sandbox: the test reads the
 * code the app shows and completes the sandbox's device login page as a user.
 */
class TestDeviceCodeSignIn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void approvedOnTheDeviceLoginPage();
    void declinedOnTheDeviceLoginPage();
    void cancelStopsPolling();
    void guestApprovesForTheTenantAskedFor();

private:
    DeviceCodeOptions options(const QString &tenant = {});
    /// Completes the device login page with the code shown and @p form.
    HttpReply completePage(const QList<QPair<QString, QString>> &form);

    std::unique_ptr<ClientFixture> m_fixture;
    std::shared_ptr<const PublicClient> m_client;
    QList<DeviceCodeMessage> m_messages;
};

void TestDeviceCodeSignIn::initTestCase()
{
    m_fixture = std::make_unique<ClientFixture>();
    QVERIFY2(m_fixture->isRunning(), qPrintable(m_fixture->sandbox().startError()));
    const CloudProfile &cloud = m_fixture->cloud();
    m_client = std::make_shared<const PublicClient>(
        PublicClientOptions{m_fixture->identityPipeline(), cloud.authorityHost, cloud.browserOrigin,
                            cloud.publicClientId, nullptr});
}

void TestDeviceCodeSignIn::init()
{
    m_messages.clear();
    m_fixture->journal().clear();
}

DeviceCodeOptions TestDeviceCodeSignIn::options(const QString &tenant)
{
    DeviceCodeOptions o;
    o.tenant = tenant.isEmpty() ? m_fixture->sandbox().tenantId() : tenant;
    o.scopes = {m_fixture->cloud().vaultScope()};
    o.onMessage = [this](const DeviceCodeMessage &m) {
        m_messages.append(m);
    };
    return o;
}

HttpReply TestDeviceCodeSignIn::completePage(const QList<QPair<QString, QString>> &form)
{
    HttpClient &browser = m_fixture->sandbox().http();
    const DeviceCodeMessage &m = m_messages.last();
    const HttpReply page = browser.get(m.verificationUri);
    if (page.status != 200)
        return page;
    QList<QPair<QString, QString>> fields{{u"user_code"_s, m.userCode}};
    fields.append(form);
    return browser.postForm(m.verificationUri, fields);
}

void TestDeviceCodeSignIn::approvedOnTheDeviceLoginPage()
{
    DeviceCodeSignIn signIn(m_client, options());
    const auto answer = signIn.start();
    QTRY_COMPARE(m_messages.size(), 1);
    const DeviceCodeMessage &m = m_messages.first();
    QCOMPARE(m.verificationUri.toString(),
             m_fixture->cloud().browserOrigin.toString(QUrl::StripTrailingSlash)
                 + u"/devicelogin"_s);
    QVERIFY(!m.userCode.isEmpty());
    QVERIFY(m.message.contains(m.userCode));
    QVERIFY(m.expiresOn > QDateTime::currentDateTimeUtc());
    // The app keeps polling while the user has not approved yet.
    QTRY_VERIFY_WITH_TIMEOUT(signIn.polls() >= 1, 5000);
    QVERIFY(!answer.isFinished());

    const HttpReply approved = completePage({{u"account"_s, u"dave@contoso.example"_s}});
    QCOMPARE(approved.status, 200);
    const auto result = waitFor(answer);
    QVERIFY2(result.ok(), qPrintable(result.error().summary()));
    QCOMPARE(result->identity.userName, u"dave@contoso.example"_s);
    QCOMPARE(result->accessToken.source, TokenSource::DeviceCode);
    QVERIFY(!result->refreshToken.isEmpty());
    QCOMPARE(Jwt::claims(result->accessToken.token)->audience, m_fixture->cloud().vaultAudience);

    // Every call went through the journal: the device code request, then the polls.
    const auto records = m_fixture->journal().records();
    QVERIFY(records.size() >= 3);
    QVERIFY(records.first().url.path().endsWith(u"/oauth2/v2.0/devicecode"_s));
    QCOMPARE(records.first().status, 200);
    QVERIFY(records.first().responseBody.isEmpty()); // it carried the device code
    QCOMPARE(records[1].status, 400);
    QCOMPARE(records[1].error.code, u"authorization_pending"_s);
    QCOMPARE(records.last().status, 200);
    for (const RequestRecord &r : records)
        QCOMPARE(r.service, Service::EntraId);
}

void TestDeviceCodeSignIn::declinedOnTheDeviceLoginPage()
{
    DeviceCodeSignIn signIn(m_client, options());
    const auto answer = signIn.start();
    QTRY_COMPARE(m_messages.size(), 1);
    QCOMPARE(completePage({{u"cancel"_s, u"1"_s}}).status, 200);
    const auto result = waitFor(answer);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, u"authorization_declined"_s);
    QCOMPARE(result.error().kind, AzureError::Kind::Cancelled);
}

void TestDeviceCodeSignIn::cancelStopsPolling()
{
    DeviceCodeSignIn signIn(m_client, options());
    const auto answer = signIn.start();
    QTRY_COMPARE(m_messages.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(signIn.polls() >= 1, 5000);
    signIn.cancel();
    QCOMPARE(waitFor(answer).error().kind, AzureError::Kind::Cancelled);
    const int polls = signIn.polls(); // a poll may still be on its way: it is answered, ignored
    QTest::qWait(2500);               // longer than the sandbox's interval
    QCOMPARE(signIn.polls(), polls);
    // The device code request and the polls sent before the cancel, nothing after.
    QCOMPARE(m_fixture->journal().records().size(), qsizetype(1 + polls));
    // Approving afterwards changes nothing for the app.
    QCOMPARE(completePage({{u"account"_s, u"dave@contoso.example"_s}}).status, 200);
}

void TestDeviceCodeSignIn::guestApprovesForTheTenantAskedFor()
{
    // Asked at Contoso's authority, Carol (a Fabrikam user, guest in Contoso) gets a
    // Contoso token.
    const QString contoso = m_fixture->sandbox().tenantId();
    DeviceCodeCredential credential(m_client, options(contoso));
    const auto answer = credential.authenticate();
    QTRY_COMPARE(m_messages.size(), 1);
    QCOMPARE(completePage({{u"account"_s, u"carol@fabrikam.example"_s}}).status, 200);
    const auto result = waitFor(answer);
    QVERIFY2(result.ok(), qPrintable(result.error().summary()));
    QCOMPARE(result->identity.tenantId, contoso);
    QCOMPARE(result->identity.userName, u"carol@fabrikam.example"_s);
    // Afterwards silent, from the refresh token.
    const auto token = waitFor(credential.getToken(
        TokenRequestContext{{m_fixture->cloud().armScope()}, contoso, {}, false}));
    QVERIFY2(token.ok(), qPrintable(token.error().summary()));
    QCOMPARE(token->source, TokenSource::RefreshToken);
    QCOMPARE(Jwt::claims(token->token)->tenantId, contoso);
}

QTEST_GUILESS_MAIN(TestDeviceCodeSignIn)
#include "tst_devicecodesignin.moc"

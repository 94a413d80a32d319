// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountsTestSupport.h"
#include "ClientFixture.h"
#include "TemporarySettings.h"
#include "auth/AccountManager.h"
#include "auth/Jwt.h"
#include "auth/KeychainStore.h"
#include "state/Seed.h"

#include <QFile>
#include <QSettings>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

/**
 * Accounts end to end: sign-in through the sandbox's pages, tenants from its
 * Resource Manager, a guest tenant's token from the refresh token, secrets in
 * the real gnome-keyring (the test command's private D-Bus session), restore
 * and sign-out.
 */
class TestAccountSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void guestSignsInAndUsesBothTenants();
    void restoreAndSignOut();
    void deviceCodeAccount();

private:
    std::unique_ptr<AccountManager> makeManager();
    Result<Account> signInWithBrowser(AccountManager &manager, const QString &upn);
    [[nodiscard]] QByteArray settingsBytes() const;

    std::unique_ptr<ClientFixture> m_fixture;
    std::shared_ptr<KeychainStore> m_keychain;
    std::unique_ptr<TemporarySettings> m_temp;
    std::unique_ptr<QSettings> m_settings;
    QList<QUrl> m_opened;
    QList<DeviceCodeMessage> m_codes;
    QString m_cloud;
};

void TestAccountSandbox::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QFAIL("No D-Bus session: run the tests through scripts/test.sh");
    m_fixture = std::make_unique<ClientFixture>();
    QVERIFY2(m_fixture->isRunning(), qPrintable(m_fixture->sandbox().startError()));
    m_cloud = m_fixture->cloud().name;
    KeychainOptions k;
    k.service = u"VaultLens test "_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_keychain = std::make_shared<KeychainStore>(k);
}

void TestAccountSandbox::init()
{
    m_temp = std::make_unique<TemporarySettings>();
    m_settings = m_temp->settings();
    m_opened.clear();
    m_codes.clear();
    m_fixture->journal().clear();
}

void TestAccountSandbox::cleanup()
{
    m_settings.reset();
    m_temp.reset();
}

std::unique_ptr<AccountManager> TestAccountSandbox::makeManager()
{
    AccountManagerOptions o;
    o.secrets = m_keychain;
    o.settings = m_settings.get();
    o.clouds = {m_fixture->cloud()};
    o.identityPipeline = [this](const CloudProfile &) {
        return m_fixture->identityPipeline();
    };
    o.listTenants = AccountManager::armTenantLister(
        [this](std::shared_ptr<TokenCredential> credential, const CloudProfile &) {
            return m_fixture->pipelineFor(std::move(credential));
        });
    o.openBrowser = [this](const QUrl &url) {
        m_opened.append(url);
    };
    o.onDeviceCode = [this](const DeviceCodeMessage &m) {
        m_codes.append(m);
    };
    return std::make_unique<AccountManager>(o);
}

Result<Account> TestAccountSandbox::signInWithBrowser(AccountManager &manager, const QString &upn)
{
    const auto answer = manager.signInWithBrowser(SignInRequest{});
    if (m_opened.isEmpty())
        return AzureError::make(AzureError::Kind::Malformed, u"no browser"_s);
    HttpClient &browser = m_fixture->sandbox().http();
    const HttpReply picked = browser.postForm(m_opened.last(), {{u"account"_s, upn}});
    const QUrl redirect = QUrl::fromEncoded(picked.header("Location"));
    followRedirect(quint16(redirect.port()), pathAndQueryOf(redirect));
    return waitFor(answer, 30000);
}

QByteArray TestAccountSandbox::settingsBytes() const
{
    m_settings->sync();
    QFile file(m_settings->fileName());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestAccountSandbox::guestSignsInAndUsesBothTenants()
{
    namespace DemoIds = sandbox::DemoIds;
    auto manager = makeManager();
    const auto account = signInWithBrowser(*manager, u"carol@fabrikam.example"_s);
    QVERIFY2(account.ok(), qPrintable(account.error().summary()));
    QCOMPARE(account->homeTenantId, DemoIds::FabrikamTenant);
    QCOMPARE(account->userName, u"carol@fabrikam.example"_s);
    QCOMPARE(account->displayName, u"Carol Chen"_s);
    // The tenants come from Resource Manager, asked with her own token.
    QCOMPARE(account->tenants.size(), 2);
    QCOMPARE(account->tenant(DemoIds::FabrikamTenant)->category, u"Home"_s);
    QCOMPARE(account->tenant(DemoIds::ContosoTenant)->category, u"ProjectedBy"_s);
    QCOMPARE(account->tenant(DemoIds::ContosoTenant)->displayName, u"Contoso"_s);

    // The refresh token is in the keychain, and nowhere else.
    const SecretKey key{m_cloud, account->id, u"refresh-token"_s};
    const auto saved = waitFor(m_keychain->read(key));
    QVERIFY2(saved.ok(), qPrintable(saved.error().summary()));
    const QByteArray refreshToken = *saved;
    QVERIFY(refreshToken.size() > 20);
    const QByteArray settings = settingsBytes();
    QVERIFY(settings.contains("carol@fabrikam.example"));
    QVERIFY(!settings.contains(refreshToken));

    // A guest tenant's token: the refresh token redeemed at Contoso's authority.
    m_fixture->journal().clear();
    const auto contoso = manager->credential(account->id, DemoIds::ContosoTenant);
    const auto token = waitFor(
        contoso->getToken(TokenRequestContext{{m_fixture->cloud().vaultScope()}, {}, {}, false}));
    QVERIFY2(token.ok(), qPrintable(token.error().summary()));
    QCOMPARE(token->source, TokenSource::RefreshToken);
    const auto claims = Jwt::claims(token->token);
    QCOMPARE(claims->tenantId, DemoIds::ContosoTenant);
    QCOMPARE(claims->audience, m_fixture->cloud().vaultAudience);
    QCOMPARE(claims->userName, u"carol@fabrikam.example"_s);
    const auto records = m_fixture->journal().records();
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().url.path(), u"/"_s + DemoIds::ContosoTenant + u"/oauth2/v2.0/token"_s);
    QCOMPARE(records.first().service, Service::EntraId);
    // The rotated refresh token replaced the old one in the keychain.
    QTRY_VERIFY(*waitFor(m_keychain->read(key)) != refreshToken);
    QVERIFY(!settingsBytes().contains(*waitFor(m_keychain->read(key))));

    // The home tenant's Resource Manager token was held since the sign-in.
    const auto home = waitFor(
        manager->credential(account->id)
            ->getToken(TokenRequestContext{{m_fixture->cloud().armScope()}, {}, {}, false}));
    QVERIFY(home.ok());
    QCOMPARE(home->source, TokenSource::MemoryCache);
    QCOMPARE(Jwt::claims(home->token)->tenantId, DemoIds::FabrikamTenant);
    // Held per tenant: asked again, Contoso's vault token comes from memory.
    QCOMPARE(waitFor(contoso->getToken(
                         TokenRequestContext{{m_fixture->cloud().vaultScope()}, {}, {}, false}))
                 ->source,
             TokenSource::MemoryCache);
    QVERIFY(waitFor(manager->signOut(account->id)).ok());
}

void TestAccountSandbox::restoreAndSignOut()
{
    QString id;
    {
        auto first = makeManager();
        const auto account = signInWithBrowser(*first, u"alice@contoso.example"_s);
        QVERIFY2(account.ok(), qPrintable(account.error().summary()));
        id = account->id;
    }
    // A new start: settings and keychain give the account back, signed in.
    auto manager = makeManager();
    QVERIFY2(waitFor(manager->restore()).ok(), "restore");
    QCOMPARE(manager->accounts().size(), 1);
    QVERIFY(!manager->needsSignIn(id));
    QCOMPARE(manager->account(id)->userName, u"alice@contoso.example"_s);
    const auto token = waitFor(manager->credential(id)->getToken(
        TokenRequestContext{{m_fixture->cloud().armScope()}, {}, {}, false}));
    QVERIFY2(token.ok(), qPrintable(token.error().summary()));
    QCOMPARE(token->source, TokenSource::RefreshToken);

    // Signing out removes the keychain entries and the settings.
    QVERIFY(!waitFor(m_keychain->purposes(m_cloud, id))->isEmpty());
    QVERIFY(waitFor(manager->signOut(id)).ok());
    QCOMPARE(*waitFor(m_keychain->purposes(m_cloud, id)), QStringList());
    const auto gone = waitFor(m_keychain->read({m_cloud, id, u"refresh-token"_s}));
    QCOMPARE(gone.error().kind, AzureError::Kind::NotFound);
    QVERIFY(!settingsBytes().contains("alice@contoso.example"));
    auto after = makeManager();
    QVERIFY(waitFor(after->restore()).ok());
    QVERIFY(after->accounts().isEmpty());
}

void TestAccountSandbox::deviceCodeAccount()
{
    auto manager = makeManager();
    SignInRequest request;
    request.tenant = sandbox::DemoIds::ContosoTenant;
    const auto answer = manager->signInWithDeviceCode(request);
    QTRY_COMPARE(m_codes.size(), 1);
    HttpClient &browser = m_fixture->sandbox().http();
    const HttpReply approved = browser.postForm(
        m_codes.first().verificationUri,
        {{u"user_code"_s, m_codes.first().userCode}, {u"account"_s, u"erin@contoso.example"_s}});
    QCOMPARE(approved.status, 200);
    const auto account = waitFor(answer, 30000);
    QVERIFY2(account.ok(), qPrintable(account.error().summary()));
    QCOMPARE(account->credential, CredentialKind::DeviceCode);
    QCOMPARE(account->userName, u"erin@contoso.example"_s);
    QVERIFY(waitFor(m_keychain->read({m_cloud, account->id, u"refresh-token"_s})).ok());
    QVERIFY(waitFor(manager->signOut(account->id)).ok());
}

QTEST_GUILESS_MAIN(TestAccountSandbox)
#include "tst_accountsandbox.moc"

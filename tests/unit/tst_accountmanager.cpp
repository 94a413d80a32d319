// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountsTestSupport.h"
#include "FakeClock.h"
#include "TemporarySettings.h"
#include "auth/AccountManager.h"
#include "auth/AccountStore.h"

#include <QFile>
#include <QSettings>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

namespace {

const QString Home = u"home-tenant"_s;
const QString Guest = u"guest-tenant"_s;
const QStringList Arm{CloudProfile::azurePublic().armScope()};

/// A service principal's credential that counts its calls.
class FakeAppCredential final : public TokenCredential
{
public:
    FakeAppCredential(const Clock &clock, QString tenant, QByteArray secret)
        : m_clock(clock)
        , m_tenant(std::move(tenant))
        , m_secret(std::move(secret))
    {}
    QString name() const override { return u"client secret"_s; }
    QFuture<Result<AccessToken>> getToken(const TokenRequestContext &) override
    {
        ++calls;
        if (m_secret != "right-secret")
            return readyFuture(Result<AccessToken>(
                AzureError::make(AzureError::Kind::Unauthenticated, u"invalid_client"_s)));
        const QByteArray jwt = unsignedJwt({{u"oid"_s, u"sp-oid"_s}, {u"tid"_s, m_tenant}});
        return readyFuture(Result<AccessToken>(
            AccessToken{jwt, m_clock.now().addSecs(3600), TokenSource::ClientCredential, name()}));
    }
    inline static int calls = 0;

private:
    const Clock &m_clock;
    QString m_tenant;
    QByteArray m_secret;
};

} // namespace

/// Several accounts, their secrets, metadata, tenants and credentials.
class TestAccountManager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void signInKeepsSecretsOutOfSettings();
    void credentialAnswersFromMemoryThenRefreshes();
    void guestTenantTokenComesFromTheRefreshToken();
    void tenantsAreListedAfterSignIn();
    void restoreFromSettingsAndKeychain();
    void restoreWithoutSavedSecretNeedsSignIn();
    void signOutRemovesEverything();
    void refusedRefreshAsksForSignIn();
    void noKeychainFailsTheSignIn();
    void twoAccountsAtOnce();
    void servicePrincipalSecretGoesToTheKeychain();

private:
    std::unique_ptr<AccountManager> makeManager(TenantLister lister = {});
    Result<Account> signIn(AccountManager &manager, const QString &oid, const QString &tenant,
                           const QString &upn, const QByteArray &refreshToken);
    [[nodiscard]] QByteArray settingsBytes() const;

    FakeClock m_clock;
    std::unique_ptr<TemporarySettings> m_temp;
    std::unique_ptr<QSettings> m_settings;
    std::shared_ptr<ScriptedTransport> m_transport;
    std::shared_ptr<MemorySecretStore> m_secrets;
    QList<QUrl> m_opened;
};

void TestAccountManager::init()
{
    m_clock.set(QDateTime(QDate(2026, 1, 15), QTime(9, 0), Qt::UTC));
    m_temp = std::make_unique<TemporarySettings>();
    m_settings = m_temp->settings();
    m_transport = std::make_shared<ScriptedTransport>();
    m_secrets = std::make_shared<MemorySecretStore>();
    m_opened.clear();
    FakeAppCredential::calls = 0;
}

void TestAccountManager::cleanup()
{
    m_settings.reset();
    m_temp.reset();
}

std::unique_ptr<AccountManager> TestAccountManager::makeManager(TenantLister lister)
{
    AccountManagerOptions o;
    o.secrets = m_secrets;
    o.settings = m_settings.get();
    o.clouds = CloudProfile::azureClouds();
    o.clientId = u"client-1"_s;
    o.identityPipeline = [this](const CloudProfile &) {
        return std::make_shared<HttpPipeline>(std::vector<std::shared_ptr<HttpPolicy>>{},
                                              m_transport);
    };
    o.clock = &m_clock;
    o.listTenants = std::move(lister);
    o.appCredential = [this](const Account &, const CloudProfile &, const QString &tenant,
                             const QByteArray &secret) {
        return std::make_shared<FakeAppCredential>(m_clock, tenant, secret);
    };
    o.openBrowser = [this](const QUrl &url) {
        m_opened.append(url);
    };
    return std::make_unique<AccountManager>(o);
}

Result<Account> TestAccountManager::signIn(AccountManager &manager, const QString &oid,
                                           const QString &tenant, const QString &upn,
                                           const QByteArray &refreshToken)
{
    m_transport->answer(200, jsonHeaders(), userTokenAnswer(oid, tenant, upn, refreshToken));
    SignInRequest request;
    request.tenant = tenant;
    const int opened = int(m_opened.size());
    const auto answer = manager.signInWithBrowser(request);
    if (m_opened.size() != opened + 1)
        return AzureError::make(AzureError::Kind::Malformed, u"no browser was opened"_s);
    const QUrl authorize = m_opened.last();
    const QUrlQuery q(authorize);
    const QUrl redirect(q.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded));
    followRedirect(quint16(redirect.port()),
                   "/?code=c&state=" + q.queryItemValue(u"state"_s, QUrl::FullyDecoded).toLatin1());
    return waitFor(answer);
}

QByteArray TestAccountManager::settingsBytes() const
{
    m_settings->sync();
    QFile file(m_settings->fileName());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

void TestAccountManager::signInKeepsSecretsOutOfSettings()
{
    auto manager = makeManager();
    QSignalSpy added(manager.get(), &AccountManager::accountAdded);
    const auto account = signIn(*manager, u"oid-a"_s, Home, u"alice@contoso.example"_s,
                                "refresh-token-of-alice-0123456789");
    QVERIFY2(account.ok(), qPrintable(account.error().summary()));
    QCOMPARE(account->id, Account::makeId(u"oid-a"_s, Home));
    QCOMPARE(account->cloud, u"AzureCloud"_s);
    QCOMPARE(account->userName, u"alice@contoso.example"_s);
    QCOMPARE(account->homeTenantId, Home);
    QCOMPARE(account->credential, CredentialKind::Browser);
    QCOMPARE(added.size(), 1);
    // The authority's tenant was chosen before the prompt.
    QCOMPARE(m_opened.last().path(), u"/home-tenant/oauth2/v2.0/authorize"_s);

    const QString key = u"AzureCloud/"_s + account->id + u"/refresh-token"_s;
    QCOMPARE(m_secrets->entries.value(key), QByteArray("refresh-token-of-alice-0123456789"));
    const QByteArray bytes = settingsBytes();
    QVERIFY(bytes.contains("alice@contoso.example"));
    QVERIFY(!bytes.contains("refresh-token-of-alice"));
    const QByteArray accessToken =
        waitFor(manager->credential(account->id)->getToken(TokenRequestContext{Arm, {}, {}, false}))
            ->token;
    QVERIFY(!accessToken.isEmpty());
    QVERIFY(!bytes.contains(accessToken));
    QVERIFY(!bytes.contains(accessToken.left(20)));
}

void TestAccountManager::credentialAnswersFromMemoryThenRefreshes()
{
    auto manager = makeManager();
    const auto account = signIn(*manager, u"oid-a"_s, Home, u"a@x.example"_s, "rt-1");
    QVERIFY(account.ok());
    const auto credential = manager->credential(account->id);
    QVERIFY(credential);
    const TokenRequestContext arm{Arm, {}, {}, false};
    // The sign-in's own access token is held: no request.
    QCOMPARE(waitFor(credential->getToken(arm))->source, TokenSource::MemoryCache);
    QCOMPARE(m_transport->requests().size(), 1);

    // With four minutes left it is refreshed silently, and the new refresh token kept.
    m_clock.advance(3599 - 240);
    m_transport->answer(
        200, jsonHeaders(),
        userTokenAnswer(u"oid-a"_s, Home, u"a@x.example"_s, "rt-2", 3599, "second"));
    const auto refreshed = waitFor(credential->getToken(arm));
    QVERIFY(refreshed.ok());
    QCOMPARE(refreshed->source, TokenSource::RefreshToken);
    QCOMPARE(refreshed->credential, u"browser sign-in"_s);
    const HttpRequest &r = m_transport->requests().last();
    QCOMPARE(r.url.path(), u"/home-tenant/oauth2/v2.0/token"_s);
    QCOMPARE(formValue(r, u"refresh_token"_s), u"rt-1"_s);
    QTRY_COMPARE(m_secrets->entries.value(u"AzureCloud/"_s + account->id + u"/refresh-token"_s),
                 QByteArray("rt-2"));
}

void TestAccountManager::guestTenantTokenComesFromTheRefreshToken()
{
    auto manager = makeManager();
    const auto account = signIn(*manager, u"oid-c"_s, Home, u"carol@x.example"_s, "rt-1");
    QVERIFY(account.ok());
    m_transport->answer(200, jsonHeaders(),
                        userTokenAnswer(u"oid-c"_s, Guest, u"carol@x.example"_s, "rt-2"));
    const auto guest = manager->credential(account->id, Guest);
    const auto token = waitFor(guest->getToken(TokenRequestContext{Arm, {}, {}, false}));
    QVERIFY(token.ok());
    QCOMPARE(token->source, TokenSource::RefreshToken);
    const HttpRequest &r = m_transport->requests().last();
    QCOMPARE(r.url.path(), u"/guest-tenant/oauth2/v2.0/token"_s);
    QCOMPARE(formValue(r, u"grant_type"_s), u"refresh_token"_s);
    // Held per tenant: the home tenant's token is a different one.
    QCOMPARE(waitFor(guest->getToken(TokenRequestContext{Arm, {}, {}, false}))->source,
             TokenSource::MemoryCache);
    const auto home = waitFor(
        manager->credential(account->id)->getToken(TokenRequestContext{Arm, {}, {}, false}));
    QVERIFY(home->token != token->token);
    // A request that names a tenant goes there, whatever the credential's tenant.
    m_transport->answer(200, jsonHeaders(),
                        userTokenAnswer(u"oid-c"_s, u"third"_s, u"carol@x.example"_s, "rt-3"));
    QVERIFY(waitFor(guest->getToken(TokenRequestContext{Arm, u"third"_s, {}, false})).ok());
    QCOMPARE(m_transport->requests().last().url.path(), u"/third/oauth2/v2.0/token"_s);
}

void TestAccountManager::tenantsAreListedAfterSignIn()
{
    QList<std::shared_ptr<TokenCredential>> given;
    auto manager = makeManager([&given](const Account &, const CloudProfile &,
                                        std::shared_ptr<TokenCredential> credential) {
        given.append(credential);
        return readyFuture(Result<QList<TenantInfo>>(
            QList<TenantInfo>{{Guest, u"Contoso"_s, u"contoso.example"_s, u"ProjectedBy"_s}}));
    });
    QSignalSpy changed(manager.get(), &AccountManager::accountChanged);
    const auto account = signIn(*manager, u"oid-c"_s, Home, u"carol@x.example"_s, "rt-1");
    QVERIFY(account.ok());
    QCOMPARE(given.size(), 1);
    QVERIFY(given.first());
    QCOMPARE(account->tenants.size(), 2);
    QCOMPARE(account->tenants.first().id, Home); // kept though the list left it out
    QVERIFY(account->tenant(Guest));
    QCOMPARE(account->tenant(Guest)->displayName, u"Contoso"_s);
    QVERIFY(changed.size() >= 1);
    // Saved with the account.
    AccountStore store(m_settings.get());
    QCOMPARE(store.load().first().tenants, account->tenants);
    // A caller's own list replaces it.
    manager->setTenants(account->id, {{Home, u"Fabrikam"_s, {}, u"Home"_s}});
    QCOMPARE(manager->account(account->id)->tenants.size(), 1);
}

void TestAccountManager::restoreFromSettingsAndKeychain()
{
    QString id;
    {
        auto first = makeManager();
        const auto account = signIn(*first, u"oid-a"_s, Home, u"a@x.example"_s, "rt-saved");
        QVERIFY(account.ok());
        id = account->id;
    }
    auto manager = makeManager();
    QVERIFY(manager->accounts().isEmpty());
    QSignalSpy added(manager.get(), &AccountManager::accountAdded);
    const auto restoring = manager->restore();
    QCOMPARE(added.size(), 1); // listed at once
    // A token asked for while the keychain is read waits for it.
    m_transport->answer(200, jsonHeaders(),
                        userTokenAnswer(u"oid-a"_s, Home, u"a@x.example"_s, "rt-next"));
    const auto token = manager->credential(id)->getToken(TokenRequestContext{Arm, {}, {}, false});
    QVERIFY(waitFor(restoring).ok());
    QVERIFY(!manager->needsSignIn(id));
    QCOMPARE(manager->accounts().size(), 1);
    QCOMPARE(manager->account(id)->userName, u"a@x.example"_s);
    QVERIFY(waitFor(token).ok());
    QCOMPARE(waitFor(token)->source, TokenSource::RefreshToken);
    QCOMPARE(formValue(m_transport->requests().last(), u"refresh_token"_s), u"rt-saved"_s);
    // Restoring again adds nothing.
    QVERIFY(waitFor(manager->restore()).ok());
    QCOMPARE(manager->accounts().size(), 1);
}

void TestAccountManager::restoreWithoutSavedSecretNeedsSignIn()
{
    QString id;
    {
        auto first = makeManager();
        id = signIn(*first, u"oid-a"_s, Home, u"a@x.example"_s, "rt").value().id;
    }
    m_secrets->entries.clear();
    auto manager = makeManager();
    QVERIFY(waitFor(manager->restore()).ok()); // a missing entry is not a keychain failure
    QVERIFY(manager->needsSignIn(id));
    const auto token =
        waitFor(manager->credential(id)->getToken(TokenRequestContext{Arm, {}, {}, false}));
    QVERIFY(!token.ok());
    QCOMPARE(token.error().code, u"interaction_required"_s);
    QCOMPARE(m_transport->requests().size(), 1); // only the first sign-in's

    // And with no keychain at all the restore says so.
    m_secrets->unavailable = true;
    auto blind = makeManager();
    const auto restored = waitFor(blind->restore());
    QVERIFY(!restored.ok());
    QCOMPARE(restored.error().code, u"KeychainUnavailable"_s);
    QCOMPARE(blind->accounts().size(), 1);
}

void TestAccountManager::signOutRemovesEverything()
{
    auto manager = makeManager();
    const auto a = signIn(*manager, u"oid-a"_s, Home, u"a@x.example"_s, "rt-a");
    const auto b = signIn(*manager, u"oid-b"_s, Home, u"b@x.example"_s, "rt-b");
    QVERIFY(a.ok() && b.ok());
    const auto credential = manager->credential(a->id);
    QSignalSpy removed(manager.get(), &AccountManager::accountRemoved);
    QVERIFY(waitFor(manager->signOut(a->id)).ok());
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().first().toString(), a->id);
    QCOMPARE(manager->accounts().size(), 1);
    QVERIFY(!manager->credential(a->id));
    for (const QString &key : m_secrets->entries.keys())
        QVERIFY2(!key.contains(a->id), qPrintable(key));
    QVERIFY(m_secrets->entries.contains(u"AzureCloud/"_s + b->id + u"/refresh-token"_s));
    const QByteArray bytes = settingsBytes();
    QVERIFY(!bytes.contains("a@x.example"));
    QVERIFY(bytes.contains("b@x.example"));
    // A credential handed out before fails now, without asking anybody.
    const int sent = int(m_transport->requests().size());
    const auto token = waitFor(credential->getToken(TokenRequestContext{Arm, {}, {}, false}));
    QVERIFY(!token.ok());
    QCOMPARE(m_transport->requests().size(), sent);
    QVERIFY(!waitFor(manager->signOut(a->id)).ok());
}

void TestAccountManager::refusedRefreshAsksForSignIn()
{
    auto manager = makeManager();
    const auto account = signIn(*manager, u"oid-a"_s, Home, u"a@x.example"_s, "rt");
    QVERIFY(account.ok());
    QSignalSpy required(manager.get(), &AccountManager::signInRequired);
    m_transport->answer(400, jsonHeaders(), oauthError(u"invalid_grant"_s, 70043));
    const auto token = waitFor(manager->credential(account->id)
                                   ->getToken(TokenRequestContext{
                                       {u"https://vault.azure.net/.default"_s}, {}, {}, false}));
    QVERIFY(!token.ok());
    QCOMPARE(token.error().code, u"invalid_grant"_s);
    QTRY_COMPARE(required.size(), 1);
    QCOMPARE(required.first().at(1).toString(), Home);
    QVERIFY(manager->needsSignIn(account->id));
    // Signing in again clears it, and the same account (not a new one) is updated.
    QVERIFY(signIn(*manager, u"oid-a"_s, Home, u"a@x.example"_s, "rt-new").ok());
    QVERIFY(!manager->needsSignIn(account->id));
    QCOMPARE(manager->accounts().size(), 1);
}

void TestAccountManager::noKeychainFailsTheSignIn()
{
    m_secrets->unavailable = true;
    auto manager = makeManager();
    const auto account = signIn(*manager, u"oid-a"_s, Home, u"a@x.example"_s, "rt-lost");
    QVERIFY(!account.ok());
    QCOMPARE(account.error().code, u"KeychainUnavailable"_s);
    QVERIFY(manager->accounts().isEmpty());
    QVERIFY(!settingsBytes().contains("a@x.example"));
    QVERIFY(!settingsBytes().contains("rt-lost"));
}

void TestAccountManager::twoAccountsAtOnce()
{
    auto manager = makeManager();
    const auto a = signIn(*manager, u"oid-a"_s, Home, u"a@x.example"_s, "rt-a");
    const auto c = signIn(*manager, u"oid-c"_s, Guest, u"c@y.example"_s, "rt-c");
    QVERIFY(a.ok() && c.ok());
    QCOMPARE(manager->accounts().size(), 2);
    m_clock.advance(3600);
    m_transport->answer(200, jsonHeaders(), userTokenAnswer(u"oid-a"_s, Home, u"a"_s, "rt-a2"));
    m_transport->answer(200, jsonHeaders(), userTokenAnswer(u"oid-c"_s, Guest, u"c"_s, "rt-c2"));
    QVERIFY(waitFor(manager->credential(a->id)->getToken({Arm, {}, {}, false})).ok());
    QCOMPARE(formValue(m_transport->requests().last(), u"refresh_token"_s), u"rt-a"_s);
    QVERIFY(waitFor(manager->credential(c->id)->getToken({Arm, {}, {}, false})).ok());
    QCOMPARE(formValue(m_transport->requests().last(), u"refresh_token"_s), u"rt-c"_s);
    QCOMPARE(m_transport->requests().last().url.path(), u"/guest-tenant/oauth2/v2.0/token"_s);
}

void TestAccountManager::servicePrincipalSecretGoesToTheKeychain()
{
    auto manager = makeManager();
    ServicePrincipalRequest wrong{u"AzureCloud"_s, Home, u"app-1"_s, "wrong-secret", {}};
    QVERIFY(!waitFor(manager->addServicePrincipal(wrong)).ok());
    QVERIFY(manager->accounts().isEmpty());
    QVERIFY(m_secrets->entries.isEmpty());

    ServicePrincipalRequest right{u"AzureCloud"_s, Home, u"app-1"_s, "right-secret",
                                  u"ci-pipeline"_s};
    const auto account = waitFor(manager->addServicePrincipal(right));
    QVERIFY2(account.ok(), qPrintable(account.error().summary()));
    QCOMPARE(account->credential, CredentialKind::ClientSecret);
    QCOMPARE(account->objectId, u"sp-oid"_s);
    QCOMPARE(account->displayName, u"ci-pipeline"_s);
    QCOMPARE(m_secrets->entries.value(u"AzureCloud/"_s + account->id + u"/client-secret"_s),
             QByteArray("right-secret"));
    QVERIFY(!settingsBytes().contains("right-secret"));
    const int calls = FakeAppCredential::calls;
    QCOMPARE(waitFor(manager->credential(account->id)->getToken({Arm, {}, {}, false}))->source,
             TokenSource::MemoryCache);
    QCOMPARE(FakeAppCredential::calls, calls);

    // Restored from the keychain in a new manager.
    auto again = makeManager();
    QVERIFY(waitFor(again->restore()).ok());
    const auto token = waitFor(again->credential(account->id)->getToken({Arm, {}, {}, false}));
    QVERIFY(token.ok());
    QCOMPARE(token->source, TokenSource::ClientCredential);
}

QTEST_GUILESS_MAIN(TestAccountManager)
#include "tst_accountmanager.moc"

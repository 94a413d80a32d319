// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/AccountManager.h"

#include "auth/AccountManagerPrivate.h"
#include "auth/AccountSerializer.h"
#include "auth/AccountStore.h"
#include "auth/CachingCredential.h"
#include "auth/InteractiveBrowserCredential.h"
#include "auth/SecretStore.h"
#include "http/ClientCall.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vl {

using detail::credentialName;

/// What credential() hands out: it asks the manager each time, so it follows the
/// account through new sign-ins and stops at sign-out.
class AccountCredential final : public TokenCredential
{
public:
    AccountCredential(AccountManager *manager, QString accountId, QString tenantId, QString name)
        : m_manager(manager)
        , m_accountId(std::move(accountId))
        , m_tenantId(std::move(tenantId))
        , m_name(std::move(name))
    {}
    [[nodiscard]] QString name() const override { return m_name; }
    [[nodiscard]] QFuture<Result<AccessToken>> getToken(const TokenRequestContext &request) override
    {
        if (!m_manager)
            return readyFuture(Result<AccessToken>(
                AzureError::make(AzureError::Kind::Unauthenticated,
                                 AccountManager::tr("The account is no longer available."))));
        return m_manager->tokenFor(m_accountId, m_tenantId, request);
    }

private:
    QPointer<AccountManager> m_manager;
    QString m_accountId;
    QString m_tenantId;
    QString m_name;
};

namespace {

bool needsInteraction(const AzureError &e)
{
    static const QStringList codes{u"invalid_grant"_s, u"interaction_required"_s,
                                   u"login_required"_s, u"consent_required"_s};
    return codes.contains(e.code);
}

void ensureTenant(Account &account, const QString &tenantId, const QString &category)
{
    if (!tenantId.isEmpty() && !account.tenant(tenantId))
        account.tenants.append(TenantInfo{tenantId, {}, {}, category});
}

template<typename T>
QFuture<Result<T>> failed(AzureError::Kind kind, const QString &message)
{
    return readyFuture(Result<T>(AzureError::make(kind, message)));
}

} // namespace

AccountManager::AccountManager(AccountManagerOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_store(std::make_unique<AccountStore>(m_options.settings))
    , m_cache(m_options.tokenCache
                  ? m_options.tokenCache
                  : std::make_shared<TokenCache>(m_options.clock ? *m_options.clock
                                                                 : SystemClock::instance()))
{
    Q_ASSERT(m_options.secrets);
    Q_ASSERT(m_options.identityPipeline);
}

AccountManager::~AccountManager() = default;

const Clock &AccountManager::clock() const
{
    return m_options.clock ? *m_options.clock : SystemClock::instance();
}

std::shared_ptr<AccountManager::Session> AccountManager::find(const QString &accountId) const
{
    for (const auto &s : m_sessions)
        if (s->account.id == accountId)
            return s;
    return nullptr;
}

QList<Account> AccountManager::accounts() const
{
    QList<Account> list;
    for (const auto &s : m_sessions)
        list.append(s->account);
    return list;
}

std::optional<Account> AccountManager::account(const QString &accountId) const
{
    if (auto s = find(accountId))
        return s->account;
    return std::nullopt;
}

bool AccountManager::needsSignIn(const QString &accountId) const
{
    auto s = find(accountId);
    return !s || s->needsSignIn;
}

std::optional<CloudProfile> AccountManager::cloud(const QString &name) const
{
    for (const CloudProfile &c : m_options.clouds)
        if (c.name == name)
            return c;
    return std::nullopt;
}

Result<CloudProfile> AccountManager::resolveCloud(const QString &name) const
{
    if (name.isEmpty() && !m_options.clouds.isEmpty())
        return m_options.clouds.first();
    if (auto c = cloud(name))
        return *c;
    return AzureError::make(AzureError::Kind::Malformed,
                            tr("VaultLens does not know the cloud \"%1\".").arg(name));
}

std::shared_ptr<const PublicClient> AccountManager::clientFor(const CloudProfile &cloud) const
{
    PublicClientOptions o;
    o.pipeline = m_options.identityPipeline(cloud);
    o.authorityHost = cloud.authorityHost;
    o.authorizeHost = cloud.browserOrigin; // the sandbox's sign-in pages; empty for Azure
    o.clientId = cloud.publicClientId.isEmpty() ? m_options.clientId : cloud.publicClientId;
    o.clock = &clock();
    return std::make_shared<const PublicClient>(std::move(o));
}

void AccountManager::attachRefreshPersistence(const std::shared_ptr<Session> &session)
{
    std::weak_ptr<Session> weak = session;
    QPointer<AccountManager> self(this);
    session->refresh->setOnRotated([weak, self](const QByteArray &refreshToken) {
        auto s = weak.lock();
        if (!s || !self || s->signedOut)
            return;
        const QString id = s->account.id;
        const auto written = self->m_options.secrets->write(
            SecretKey{s->cloud.name, id, QString(SecretPurpose::RefreshToken)}, refreshToken);
        onFinished(written, self.data(), [id](const Result<Done> &r) {
            if (!r.ok())
                qCWarning(lcAccounts) << "could not save the new refresh token of" << id << ":"
                                      << r.error().summary();
        });
    });
}

QFuture<Result<Done>> AccountManager::restore()
{
    SharedPromise<Result<Done>> all;
    auto pending = std::make_shared<int>(0);
    auto firstError = std::make_shared<AzureError>();
    for (const Account &saved : m_store->load()) {
        if (find(saved.id))
            continue;
        const auto cloud = resolveCloud(saved.cloud);
        if (!cloud.ok()) {
            qCWarning(lcAccounts) << "kept but did not load account" << saved.id
                                  << "of unknown cloud" << saved.cloud;
            continue;
        }
        auto session = std::make_shared<Session>();
        session->account = saved;
        session->cloud = *cloud;
        session->client = clientFor(*cloud);
        if (saved.isUser()) {
            session->refresh = std::make_shared<RefreshTokenCredential>(
                session->client, saved.homeTenantId, QByteArray(),
                credentialName(saved.credential));
            attachRefreshPersistence(session);
        }
        if (!saved.hasStoredSecret()) {
            // Managed identity, Azure CLI: nothing to read.
            session->loaded = readyFuture(Result<Done>(Done{}));
            m_sessions.append(session);
            Q_EMIT accountAdded(session->account);
            continue;
        }
        SharedPromise<Result<Done>> loaded;
        session->loaded = loaded.future();
        ++*pending;
        const auto read =
            m_options.secrets->read(SecretKey{saved.cloud, saved.id, saved.secretPurpose()});
        onFinished(read, this, [=, this](const Result<QByteArray> &secret) {
            // A sign-in that finished meanwhile brought a newer secret: keep it. A
            // signed-out account takes nothing.
            const bool hasSecret = session->signedOut
                                   || (session->refresh ? session->refresh->hasRefreshToken()
                                                        : !session->clientSecret.isEmpty()
                                                              || session->certificate.has_value());
            if (!hasSecret && secret.ok()) {
                if (session->refresh)
                    session->refresh->setRefreshToken(*secret);
                else if (!loadAppSecret(*session, *secret)) {
                    session->needsSignIn = true;
                    qCInfo(lcAccounts) << "account" << session->account.id
                                       << "needs a new sign-in: its saved secret is unusable";
                }
            } else if (!hasSecret) {
                session->needsSignIn = true;
                if (secret.error().kind != AzureError::Kind::NotFound && !firstError->isError())
                    *firstError = secret.error();
                qCInfo(lcAccounts) << "account" << session->account.id
                                   << "needs a new sign-in:" << secret.error().summary();
            }
            loaded.finish(Done{});
            if (!session->signedOut)
                Q_EMIT accountChanged(session->account);
            if (--*pending == 0)
                all.finish(firstError->isError() ? Result<Done>(*firstError)
                                                 : Result<Done>(Done{}));
        });
        m_sessions.append(session);
        Q_EMIT accountAdded(session->account);
    }
    if (*pending == 0)
        all.finish(Done{});
    return all.future();
}

QFuture<Result<Account>> AccountManager::signInWithBrowser(const SignInRequest &request)
{
    const auto cloud = resolveCloud(request.cloud);
    if (!cloud.ok())
        return readyFuture(Result<Account>(cloud.error()));
    if (m_running)
        return failed<Account>(AzureError::Kind::Conflict, tr("Another sign-in is in progress."));
    BrowserSignInOptions o;
    o.tenant = request.tenant;
    o.scopes = request.scopes.isEmpty() ? QStringList{cloud->armScope()} : request.scopes;
    o.prompt = request.prompt;
    o.loginHint = request.loginHint;
    o.domainHint = request.domainHint;
    o.timeout = m_options.signInTimeout;
    o.openBrowser = m_options.openBrowser;
    auto *credential = new InteractiveBrowserCredential(clientFor(*cloud), o, this);
    m_running = credential;
    SharedPromise<Result<Account>> promise;
    onFinished(credential->authenticate(), this, [=, this](const Result<UserTokenAnswer> &answer) {
        if (m_running == credential)
            m_running = nullptr;
        // Kept a moment, so the listener finishes writing the browser's page.
        QTimer::singleShot(std::chrono::seconds(2), credential, &QObject::deleteLater);
        if (!answer.ok())
            return promise.finish(answer.error());
        onFinished(adoptUserSignIn(*cloud, CredentialKind::Browser, *answer, o.scopes), this,
                   [promise](const Result<Account> &r) { promise.finish(r); });
    });
    return promise.future();
}

QFuture<Result<Account>> AccountManager::signInWithDeviceCode(const SignInRequest &request)
{
    const auto cloud = resolveCloud(request.cloud);
    if (!cloud.ok())
        return readyFuture(Result<Account>(cloud.error()));
    if (m_running)
        return failed<Account>(AzureError::Kind::Conflict, tr("Another sign-in is in progress."));
    DeviceCodeOptions o;
    o.tenant = request.tenant;
    o.scopes = request.scopes.isEmpty() ? QStringList{cloud->armScope()} : request.scopes;
    o.onMessage = m_options.onDeviceCode;
    auto *credential = new DeviceCodeCredential(clientFor(*cloud), o, this);
    m_running = credential;
    SharedPromise<Result<Account>> promise;
    onFinished(credential->authenticate(), this, [=, this](const Result<UserTokenAnswer> &answer) {
        if (m_running == credential)
            m_running = nullptr;
        credential->deleteLater();
        if (!answer.ok())
            return promise.finish(answer.error());
        onFinished(adoptUserSignIn(*cloud, CredentialKind::DeviceCode, *answer, o.scopes), this,
                   [promise](const Result<Account> &r) { promise.finish(r); });
    });
    return promise.future();
}

void AccountManager::cancelSignIn()
{
    if (auto *browser = qobject_cast<InteractiveBrowserCredential *>(m_running.data()))
        browser->cancel();
    else if (auto *device = qobject_cast<DeviceCodeCredential *>(m_running.data()))
        device->cancel();
}

QFuture<Result<Account>> AccountManager::adoptUserSignIn(const CloudProfile &cloud,
                                                         CredentialKind kind,
                                                         const UserTokenAnswer &answer,
                                                         const QStringList &scopes)
{
    const SignedInIdentity &who = answer.identity;
    if (who.objectId.isEmpty() || who.tenantId.isEmpty())
        return failed<Account>(AzureError::Kind::Malformed,
                               tr("The sign-in answer does not say who signed in."));
    if (answer.refreshToken.isEmpty())
        return failed<Account>(
            AzureError::Kind::Unauthenticated,
            tr("Entra ID handed out no refresh token (offline_access), so VaultLens could not "
               "keep this sign-in."));
    // The home account (client_info) stays the same when the user signs in to a guest tenant.
    const QString homeTenant = who.homeTenantId.isEmpty() ? who.tenantId : who.homeTenantId;
    const QString homeObject = who.homeObjectId.isEmpty() ? who.objectId : who.homeObjectId;
    const QString id = Account::makeId(homeObject, homeTenant);
    std::shared_ptr<Session> existing = find(id);
    if (existing && existing->account.cloud != cloud.name)
        existing = nullptr;
    Account account = existing ? existing->account : Account{};
    account.id = id;
    account.cloud = cloud.name;
    account.credential = kind;
    account.userName = who.userName;
    account.displayName = who.displayName;
    account.objectId = homeObject;
    account.homeTenantId = homeTenant;
    account.clientId = clientFor(cloud)->clientId();
    ensureTenant(account, homeTenant, u"Home"_s);
    ensureTenant(account, who.tenantId, u"ProjectedBy"_s);

    SharedPromise<Result<Account>> promise;
    const auto written = m_options.secrets->write(
        SecretKey{cloud.name, id, QString(SecretPurpose::RefreshToken)}, answer.refreshToken);
    const QByteArray refreshToken = answer.refreshToken;
    const AccessToken accessToken = answer.accessToken;
    const QString signedInTenant = who.tenantId;
    onFinished(written, this, [=, this](const Result<Done> &w) {
        if (!w.ok())
            return promise.finish(w.error());
        const bool added = !existing;
        auto session = existing ? existing : std::make_shared<Session>();
        session->account = account;
        session->cloud = cloud;
        session->needsSignIn = false;
        session->signedOut = false;
        session->loaded = readyFuture(Result<Done>(Done{}));
        if (!session->client)
            session->client = clientFor(cloud);
        if (!session->refresh) {
            session->refresh = std::make_shared<RefreshTokenCredential>(
                session->client, homeTenant, refreshToken, credentialName(kind));
            attachRefreshPersistence(session);
        } else {
            session->refresh->setRefreshToken(refreshToken);
        }
        m_cache->insert(id, signedInTenant, scopes, accessToken);
        if (added)
            m_sessions.append(session);
        completeSignIn(session, added, promise);
    });
    return promise.future();
}

void AccountManager::completeSignIn(const std::shared_ptr<Session> &session, bool added,
                                    SharedPromise<Result<Account>> promise)
{
    m_store->save(session->account);
    m_store->sync();
    if (added)
        Q_EMIT accountAdded(session->account);
    else
        Q_EMIT accountChanged(session->account);
    if (!m_options.listTenants)
        return promise.finish(session->account);
    onFinished(refreshTenants(session->account.id), this,
               [session, promise](const Result<QList<TenantInfo>> &tenants) {
                   if (!tenants.ok())
                       qCInfo(lcAccounts) << "could not list the tenants of" << session->account.id
                                          << ":" << tenants.error().summary();
                   promise.finish(session->account);
               });
}

QFuture<Result<Account>> AccountManager::addServicePrincipal(const ServicePrincipalRequest &request)
{
    const auto cloud = resolveCloud(request.cloud);
    if (!cloud.ok())
        return readyFuture(Result<Account>(cloud.error()));
    if (!m_options.appCredential)
        return failed<Account>(AzureError::Kind::Malformed,
                               tr("Service principal accounts are not available."));
    if (request.tenantId.isEmpty() || request.clientId.isEmpty() || request.clientSecret.isEmpty())
        return failed<Account>(AzureError::Kind::Malformed,
                               tr("A service principal needs a tenant, a client id and a secret."));
    Account account;
    account.id = Account::makeId(request.clientId, request.tenantId);
    account.cloud = cloud->name;
    account.credential = CredentialKind::ClientSecret;
    account.userName = request.clientId;
    account.displayName = request.displayName.isEmpty() ? request.clientId : request.displayName;
    account.homeTenantId = request.tenantId;
    account.clientId = request.clientId;
    ensureTenant(account, request.tenantId, u"Home"_s);
    auto inner = m_options.appCredential(account, *cloud, request.tenantId, request.clientSecret);
    const QStringList scopes{cloud->armScope()};
    SharedPromise<Result<Account>> promise;
    // The secret is tried before it is kept.
    onFinished(inner->getToken(TokenRequestContext{scopes, request.tenantId, {}, false}), this,
               [=, this](const Result<AccessToken> &token) mutable {
                   if (!token.ok())
                       return promise.finish(token.error());
                   if (auto claims = Jwt::claims(token->token); claims.ok())
                       account.objectId = claims->objectId;
                   const auto written = m_options.secrets->write(
                       SecretKey{account.cloud, account.id, QString(SecretPurpose::ClientSecret)},
                       request.clientSecret);
                   onFinished(written, this, [=, this](const Result<Done> &w) {
                       if (!w.ok())
                           return promise.finish(w.error());
                       std::shared_ptr<Session> existing = find(account.id);
                       auto session = existing ? existing : std::make_shared<Session>();
                       session->account = account;
                       session->cloud = *cloud;
                       session->client = clientFor(*cloud);
                       session->clientSecret = request.clientSecret;
                       session->certificate.reset();
                       session->needsSignIn = false;
                       session->signedOut = false;
                       session->loaded = readyFuture(Result<Done>(Done{}));
                       session->perTenant.clear();
                       session->perTenant.insert(request.tenantId.toLower(),
                                                 std::make_shared<CachingCredential>(
                                                     inner, m_cache, account.id, request.tenantId));
                       m_cache->insert(account.id, request.tenantId, scopes, *token);
                       if (!existing)
                           m_sessions.append(session);
                       completeSignIn(session, !existing, promise);
                   });
               });
    return promise.future();
}

QFuture<Result<Done>> AccountManager::signOut(const QString &accountId)
{
    const auto session = find(accountId);
    if (!session)
        return failed<Done>(AzureError::Kind::NotFound,
                            tr("There is no signed-in account %1.").arg(accountId));
    m_sessions.removeAll(session);
    session->signedOut = true;
    if (session->refresh)
        session->refresh->clear();
    session->clientSecret.fill('\0');
    session->clientSecret.clear();
    session->certificate.reset();
    session->perTenant.clear();
    m_cache->removeAccount(accountId);
    m_store->remove(session->account.cloud, accountId);
    m_store->sync();
    Q_EMIT accountRemoved(accountId);
    if (!session->account.hasStoredSecret())
        return readyFuture(Result<Done>(Done{}));
    return m_options.secrets->removeAccount(session->account.cloud, accountId);
}

std::shared_ptr<TokenCredential> AccountManager::credential(const QString &accountId,
                                                            const QString &tenantId)
{
    const auto session = find(accountId);
    if (!session)
        return nullptr;
    return std::make_shared<AccountCredential>(this, accountId, tenantId,
                                               credentialName(session->account.credential));
}

std::shared_ptr<TokenCredential> AccountManager::tenantCredential(Session &session,
                                                                  const QString &tenantId)
{
    const QString key = tenantId.toLower();
    if (auto it = session.perTenant.constFind(key); it != session.perTenant.constEnd())
        return *it;
    std::shared_ptr<TokenCredential> inner = session.refresh;
    if (!inner)
        inner = appCredential(session, tenantId);
    if (!inner)
        return nullptr;
    auto cached = std::make_shared<CachingCredential>(inner, m_cache, session.account.id, tenantId);
    session.perTenant.insert(key, cached);
    return cached;
}

QFuture<Result<AccessToken>> AccountManager::tokenFor(const QString &accountId,
                                                      const QString &tenantId,
                                                      const TokenRequestContext &request)
{
    const auto session = find(accountId);
    if (!session)
        return failed<AccessToken>(AzureError::Kind::Unauthenticated,
                                   tr("The account was signed out. Sign in again."));
    if (!session->loaded.isFinished()) {
        // Restoring: answer once the keychain has been read.
        SharedPromise<Result<AccessToken>> promise;
        onFinished(session->loaded, this, [=, this](const Result<Done> &) {
            onFinished(tokenFor(accountId, tenantId, request), this,
                       [promise](const Result<AccessToken> &r) { promise.finish(r); });
        });
        return promise.future();
    }
    const QString tenant = !request.tenantId.isEmpty() ? request.tenantId
                           : !tenantId.isEmpty()       ? tenantId
                                                       : session->account.homeTenantId;
    const auto credential = tenantCredential(*session, tenant);
    if (!credential) {
        AzureError e = AzureError::make(AzureError::Kind::Unauthenticated,
                                        tr("The account has no saved sign-in. Sign in again."));
        e.code = u"interaction_required"_s;
        return readyFuture(Result<AccessToken>(e));
    }
    TokenRequestContext forwarded = request;
    forwarded.tenantId = tenant;
    const auto token = credential->getToken(forwarded);
    if (session->account.isUser()) {
        std::weak_ptr<Session> weak = session;
        onFinished(token, this, [=, this](const Result<AccessToken> &r) {
            auto s = weak.lock();
            if (!s || s->signedOut || r.ok() || !needsInteraction(r.error()))
                return;
            if (tenant.compare(s->account.homeTenantId, Qt::CaseInsensitive) == 0
                && !s->needsSignIn) {
                s->needsSignIn = true;
                Q_EMIT accountChanged(s->account);
            }
            Q_EMIT signInRequired(s->account.id, tenant, r.error());
        });
    }
    return token;
}

QFuture<Result<QList<TenantInfo>>> AccountManager::refreshTenants(const QString &accountId)
{
    const auto session = find(accountId);
    if (!session)
        return failed<QList<TenantInfo>>(AzureError::Kind::NotFound,
                                         tr("There is no signed-in account %1.").arg(accountId));
    if (!m_options.listTenants)
        return readyFuture(Result<QList<TenantInfo>>(session->account.tenants));
    SharedPromise<Result<QList<TenantInfo>>> promise;
    const auto listed =
        m_options.listTenants(session->account, session->cloud, credential(accountId));
    onFinished(listed, this, [=, this](const Result<QList<TenantInfo>> &tenants) {
        if (tenants.ok() && !session->signedOut)
            setTenants(accountId, *tenants);
        promise.finish(tenants);
    });
    return promise.future();
}

void AccountManager::setTenants(const QString &accountId, const QList<TenantInfo> &tenants)
{
    const auto session = find(accountId);
    if (!session)
        return;
    Account &account = session->account;
    QList<TenantInfo> merged = tenants;
    const bool hasHome = std::any_of(merged.cbegin(), merged.cend(), [&](const TenantInfo &t) {
        return t.id.compare(account.homeTenantId, Qt::CaseInsensitive) == 0;
    });
    if (!hasHome) {
        const TenantInfo *known = account.tenant(account.homeTenantId);
        merged.prepend(known ? *known : TenantInfo{account.homeTenantId, {}, {}, u"Home"_s});
    }
    if (merged == account.tenants)
        return;
    account.tenants = merged;
    m_store->save(account);
    m_store->sync();
    Q_EMIT accountChanged(account);
}

TenantLister AccountManager::armTenantLister(
    std::function<std::shared_ptr<HttpPipeline>(std::shared_ptr<TokenCredential>,
                                                const CloudProfile &)>
        makePipeline)
{
    return [makePipeline](const Account &, const CloudProfile &cloud,
                          std::shared_ptr<TokenCredential> credential) {
        const auto pipeline = makePipeline(std::move(credential), cloud);
        QUrl url = cloud.resourceManager.resolved(QUrl(u"tenants"_s));
        url.setQuery(u"api-version=2022-12-01"_s);
        HttpRequest request = makeRequest("GET"_ba, url, Service::ResourceManager, cloud.armScope(),
                                          tr("list tenants"));
        request.context.idempotent = true;
        return sendAndParse<QList<TenantInfo>>(
            *pipeline, std::move(request),
            [](const HttpResponse &response) -> Result<QList<TenantInfo>> {
                auto body = jsonBody(response, tr("the tenant list"));
                if (!body.ok())
                    return body.error();
                return AccountSerializer::tenantListFromJson(*body);
            });
    };
}

} // namespace vl

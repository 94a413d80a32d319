// SPDX-License-Identifier: GPL-3.0-or-later
// The account manager's service principals (secret, certificate), managed
// identities and Azure CLI accounts: the accounts without a refresh token.
#include "auth/AccountManager.h"

#include "auth/AccountManagerPrivate.h"
#include "auth/CachingCredential.h"
#include "auth/ClientCertificateCredential.h"
#include "auth/Jwt.h"
#include "auth/ManagedIdentityCredential.h"
#include "auth/SecretStore.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAccounts, "vaultlens.auth.accounts")

namespace vl {

namespace detail {

QString credentialName(CredentialKind kind)
{
    switch (kind) {
    case CredentialKind::Browser:
        return AccountManager::tr("browser sign-in");
    case CredentialKind::DeviceCode:
        return AccountManager::tr("device code");
    case CredentialKind::ClientSecret:
        return AccountManager::tr("client secret");
    case CredentialKind::ClientCertificate:
        return AccountManager::tr("client certificate");
    case CredentialKind::ManagedIdentity:
        return AccountManager::tr("managed identity");
    case CredentialKind::AzureCli:
        return AccountManager::tr("Azure CLI");
    }
    return {};
}

QByteArray encodeCertificateSecret(const QByteArray &data, const QByteArray &password,
                                   bool sendChain)
{
    const QJsonObject o{{u"data"_s, QString::fromLatin1(data.toBase64())},
                        {u"password"_s, QString::fromLatin1(password.toBase64())},
                        {u"chain"_s, sendChain}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<CertificateSecret> decodeCertificateSecret(const QByteArray &secret)
{
    const QJsonObject o = QJsonDocument::fromJson(secret).object();
    if (!o.value("data"_L1).isString())
        return std::nullopt;
    CertificateSecret s;
    s.data = QByteArray::fromBase64(o.value("data"_L1).toString().toLatin1());
    s.password = QByteArray::fromBase64(o.value("password"_L1).toString().toLatin1());
    s.sendChain = o.value("chain"_L1).toBool();
    if (s.data.isEmpty())
        return std::nullopt;
    return s;
}

} // namespace detail

namespace {

template<typename T>
QFuture<Result<T>> failed(AzureError::Kind kind, const QString &message)
{
    return readyFuture(Result<T>(AzureError::make(kind, message)));
}

void ensureHomeTenant(Account &account)
{
    if (!account.homeTenantId.isEmpty() && !account.tenant(account.homeTenantId))
        account.tenants.prepend(TenantInfo{account.homeTenantId, {}, {}, u"Home"_s});
}

} // namespace

bool AccountManager::loadAppSecret(Session &session, const QByteArray &secret) const
{
    switch (session.account.credential) {
    case CredentialKind::ClientSecret:
        session.clientSecret = secret;
        return !secret.isEmpty();
    case CredentialKind::ClientCertificate: {
        const auto decoded = detail::decodeCertificateSecret(secret);
        if (!decoded)
            return false;
        auto certificate = ClientCertificate::fromData(decoded->data, decoded->password);
        if (!certificate.ok()) {
            qCInfo(lcAccounts) << "the saved certificate of" << session.account.id
                               << "cannot be used:" << certificate.error().summary();
            return false;
        }
        session.certificate = *certificate;
        session.sendCertificateChain = decoded->sendChain;
        return true;
    }
    default:
        return false;
    }
}

std::shared_ptr<TokenCredential> AccountManager::appCredential(const Session &session,
                                                               const QString &tenantId) const
{
    const Account &account = session.account;
    const QString tenant = tenantId.isEmpty() ? account.homeTenantId : tenantId;
    switch (account.credential) {
    case CredentialKind::Browser:
    case CredentialKind::DeviceCode:
        return nullptr;
    case CredentialKind::ClientSecret:
        if (!m_options.appCredential || session.clientSecret.isEmpty())
            return nullptr;
        return m_options.appCredential(account, session.cloud, tenant, session.clientSecret);
    case CredentialKind::ClientCertificate: {
        if (!session.certificate)
            return nullptr;
        CredentialOptions o;
        o.pipeline = m_options.identityPipeline(session.cloud);
        o.authorityHost = session.cloud.authorityHost;
        o.clock = m_options.clock;
        ClientAssertionSettings settings;
        settings.sendCertificateChain = session.sendCertificateChain;
        return std::make_shared<ClientCertificateCredential>(tenant, account.clientId,
                                                             *session.certificate, o, settings);
    }
    case CredentialKind::ManagedIdentity: {
        ManagedIdentityOptions o;
        o.pipeline = m_options.identityPipeline(session.cloud);
        o.endpoint = session.cloud.imdsEndpoint;
        o.clock = m_options.clock;
        if (!account.clientId.isEmpty()) {
            o.idKind = ManagedIdentityOptions::IdKind::ClientId;
            o.id = account.clientId;
        }
        return std::make_shared<ManagedIdentityCredential>(std::move(o));
    }
    case CredentialKind::AzureCli: {
        AzureCliOptions o = m_options.azureCli;
        o.tenantId = tenant;
        return std::make_shared<AzureCliCredential>(std::move(o));
    }
    }
    return nullptr;
}

void AccountManager::adoptAppSignIn(
    const CloudProfile &cloud, Account account, std::shared_ptr<TokenCredential> inner,
    QByteArray secret, std::function<Result<Done>(Account &, const TokenClaims &)> fill,
    std::function<void(Session &)> install, SharedPromise<Result<Account>> promise)
{
    const QStringList scopes{cloud.armScope()};
    // The credential is tried before anything is kept.
    onFinished(inner->getToken(TokenRequestContext{scopes, account.homeTenantId, {}, false}), this,
               [=, this](const Result<AccessToken> &token) mutable {
                   if (!token.ok())
                       return promise.finish(token.error());
                   const auto claims = Jwt::claims(token->token);
                   if (!claims.ok())
                       return promise.finish(claims.error());
                   if (const Result<Done> filled = fill(account, *claims); !filled.ok())
                       return promise.finish(filled.error());
                   ensureHomeTenant(account);
                   auto adopt = [=, this]() mutable {
                       std::shared_ptr<Session> existing = find(account.id);
                       auto session = existing ? existing : std::make_shared<Session>();
                       session->account = account;
                       session->cloud = cloud;
                       session->client = clientFor(cloud);
                       session->refresh.reset();
                       session->clientSecret.clear();
                       session->certificate.reset();
                       install(*session);
                       session->needsSignIn = false;
                       session->signedOut = false;
                       session->loaded = readyFuture(Result<Done>(Done{}));
                       session->perTenant.clear();
                       session->perTenant.insert(
                           account.homeTenantId.toLower(),
                           std::make_shared<CachingCredential>(inner, m_cache, account.id,
                                                               account.homeTenantId));
                       m_cache->insert(account.id, account.homeTenantId, scopes, *token);
                       if (!existing)
                           m_sessions.append(session);
                       completeSignIn(session, !existing, promise);
                   };
                   if (secret.isEmpty())
                       return adopt();
                   const auto written = m_options.secrets->write(
                       SecretKey{account.cloud, account.id, account.secretPurpose()}, secret);
                   onFinished(written, this, [=](const Result<Done> &w) mutable {
                       if (!w.ok())
                           return promise.finish(w.error());
                       adopt();
                   });
               });
}

QFuture<Result<Account>>
AccountManager::addServicePrincipal(const CertificatePrincipalRequest &request)
{
    const auto cloud = resolveCloud(request.cloud);
    if (!cloud.ok())
        return readyFuture(Result<Account>(cloud.error()));
    if (request.tenantId.isEmpty() || request.clientId.isEmpty() || request.certificate.isEmpty())
        return failed<Account>(
            AzureError::Kind::Malformed,
            tr("A service principal needs a tenant, a client id and a certificate."));
    auto certificate = ClientCertificate::fromData(request.certificate, request.password);
    if (!certificate.ok())
        return readyFuture(Result<Account>(certificate.error()));
    Account account;
    account.id = Account::makeId(request.clientId, request.tenantId);
    account.cloud = cloud->name;
    account.credential = CredentialKind::ClientCertificate;
    account.userName = request.clientId;
    account.displayName = !request.displayName.isEmpty() ? request.displayName
                          : !certificate->subject().isEmpty()
                              ? certificate->subject().section(u'=', 1).section(u',', 0, 0)
                              : request.clientId;
    account.homeTenantId = request.tenantId;
    account.clientId = request.clientId;

    CredentialOptions o;
    o.pipeline = m_options.identityPipeline(*cloud);
    o.authorityHost = cloud->authorityHost;
    o.clock = m_options.clock;
    ClientAssertionSettings settings;
    settings.sendCertificateChain = request.sendCertificateChain;
    auto inner = std::make_shared<ClientCertificateCredential>(request.tenantId, request.clientId,
                                                               *certificate, o, settings);
    SharedPromise<Result<Account>> promise;
    const ClientCertificate parsed = *certificate;
    const bool chain = request.sendCertificateChain;
    adoptAppSignIn(
        *cloud, account, inner,
        detail::encodeCertificateSecret(request.certificate, request.password, chain),
        [](Account &a, const TokenClaims &claims) -> Result<Done> {
            a.objectId = claims.objectId;
            return Done{};
        },
        [parsed, chain](Session &session) {
            session.certificate = parsed;
            session.sendCertificateChain = chain;
        },
        promise);
    return promise.future();
}

QFuture<Result<Account>> AccountManager::addManagedIdentity(const ManagedIdentityRequest &request)
{
    const auto cloud = resolveCloud(request.cloud);
    if (!cloud.ok())
        return readyFuture(Result<Account>(cloud.error()));
    Account account;
    account.cloud = cloud->name;
    account.credential = CredentialKind::ManagedIdentity;
    account.clientId = request.clientId.trimmed();
    Session probe;
    probe.account = account;
    probe.cloud = *cloud;
    auto inner = appCredential(probe, {});
    SharedPromise<Result<Account>> promise;
    const QString displayName = request.displayName;
    adoptAppSignIn(
        *cloud, account, inner, {},
        [displayName](Account &a, const TokenClaims &claims) -> Result<Done> {
            if (claims.objectId.isEmpty() || claims.tenantId.isEmpty())
                return AzureError::make(
                    AzureError::Kind::Malformed,
                    tr("The managed identity's token does not say which identity it is."));
            a.id = Account::makeId(claims.objectId, claims.tenantId) + ".managed-identity"_L1;
            a.objectId = claims.objectId;
            a.homeTenantId = claims.tenantId;
            a.userName = claims.appId;
            a.displayName = !displayName.isEmpty() ? displayName : tr("Managed identity");
            return Done{};
        },
        [](Session &) {}, promise);
    return promise.future();
}

QFuture<Result<Account>> AccountManager::addAzureCliAccount(const AzureCliRequest &request)
{
    const auto cloud = resolveCloud(request.cloud);
    if (!cloud.ok())
        return readyFuture(Result<Account>(cloud.error()));
    Account account;
    account.cloud = cloud->name;
    account.credential = CredentialKind::AzureCli;
    account.homeTenantId = request.tenantId.trimmed();
    Session probe;
    probe.account = account;
    probe.cloud = *cloud;
    auto inner = appCredential(probe, account.homeTenantId);
    SharedPromise<Result<Account>> promise;
    adoptAppSignIn(
        *cloud, account, inner, {},
        [](Account &a, const TokenClaims &claims) -> Result<Done> {
            if (claims.objectId.isEmpty() || claims.tenantId.isEmpty())
                return AzureError::make(AzureError::Kind::Malformed,
                                        tr("The Azure CLI's token does not say who is signed in."));
            a.id = Account::makeId(claims.objectId, claims.tenantId) + ".azure-cli"_L1;
            a.objectId = claims.objectId;
            a.homeTenantId = claims.tenantId;
            a.userName = !claims.userName.isEmpty() ? claims.userName : claims.appId;
            a.displayName = !claims.name.isEmpty() ? claims.name : a.userName;
            return Done{};
        },
        [](Session &) {}, promise);
    return promise.future();
}

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#include "Session.h"

#include "auth/ClientSecretCredential.h"
#include "http/NetworkTransport.h"
#include "http/Pipelines.h"

#include <QDesktopServices>
#include <QNetworkAccessManager>
#include <QSslConfiguration>

using namespace Qt::StringLiterals;

namespace vl {

Session::Session(SessionOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_challenges(std::make_shared<ChallengeCache>())
{
    auto *manager = new QNetworkAccessManager(this);
    m_transport =
        std::make_shared<NetworkTransport>(manager, [clouds = m_options.clouds](const QUrl &url) {
            for (const CloudProfile &cloud : clouds) {
                if (cloud.trustsExtraCaFor(url))
                    return cloud.tlsFor(url);
            }
            return QSslConfiguration::defaultConfiguration();
        });

    AccountManagerOptions accountOptions;
    accountOptions.secrets = m_options.secrets;
    accountOptions.settings = m_options.settings;
    accountOptions.clouds = m_options.clouds;
    accountOptions.clientId = m_options.clientId;
    accountOptions.clock = m_options.clock;
    accountOptions.identityPipeline = [this](const CloudProfile &) {
        return identityPipeline();
    };
    accountOptions.listTenants = AccountManager::armTenantLister(
        [this](std::shared_ptr<TokenCredential> credential, const CloudProfile &cloud) {
            return authenticatedPipeline(std::move(credential), cloud);
        });
    accountOptions.openBrowser = [this](const QUrl &url) {
        bool opened = true;
        if (m_options.openBrowser)
            m_options.openBrowser(url);
        else
            opened = QDesktopServices::openUrl(url);
        Q_EMIT browserOpened(url, opened);
    };
    accountOptions.appCredential = [this](const Account &account, const CloudProfile &cloud,
                                          const QString &tenantId, const QByteArray &secret) {
        CredentialOptions credentialOptions;
        credentialOptions.pipeline = identityPipeline();
        credentialOptions.authorityHost = cloud.authorityHost;
        credentialOptions.clock = m_options.clock;
        return std::make_shared<ClientSecretCredential>(
            tenantId.isEmpty() ? account.homeTenantId : tenantId, account.clientId,
            QString::fromUtf8(secret), credentialOptions);
    };
    accountOptions.onDeviceCode = [this](const DeviceCodeMessage &message) {
        Q_EMIT deviceCode(message);
    };
    m_accounts = std::make_unique<AccountManager>(std::move(accountOptions), this);
    // A removed account's pipelines must not outlive it.
    connect(m_accounts.get(), &AccountManager::accountRemoved, this,
            [this](const QString &accountId) {
                const QString prefix = accountId + u'|';
                for (auto it = m_pipelines.begin(); it != m_pipelines.end();) {
                    if (it.key().startsWith(prefix))
                        it = m_pipelines.erase(it);
                    else
                        ++it;
                }
            });
}

Session::~Session() = default;

std::optional<CloudProfile> Session::cloud(const QString &name) const
{
    for (const CloudProfile &cloud : m_options.clouds) {
        if (cloud.name == name)
            return cloud;
    }
    return std::nullopt;
}

std::optional<CloudProfile> Session::cloudOf(const QString &accountId) const
{
    const std::optional<Account> account = m_accounts->account(accountId);
    if (!account)
        return std::nullopt;
    return cloud(account->cloud);
}

std::shared_ptr<HttpPipeline> Session::pipeline(const QString &accountId, const QString &tenantId)
{
    const QString key = accountId + u'|' + tenantId;
    if (const auto found = m_pipelines.constFind(key); found != m_pipelines.constEnd())
        return *found;
    const std::optional<CloudProfile> profile = cloudOf(accountId);
    std::shared_ptr<TokenCredential> credential = m_accounts->credential(accountId, tenantId);
    if (!profile || !credential)
        return {};
    auto made = authenticatedPipeline(std::move(credential), *profile);
    m_pipelines.insert(key, made);
    return made;
}

std::optional<arm::ArmClient> Session::arm(const QString &accountId, const QString &tenantId)
{
    const std::optional<CloudProfile> profile = cloudOf(accountId);
    auto made = pipeline(accountId, tenantId);
    if (!profile || !made)
        return std::nullopt;
    return arm::ArmClient(std::move(made), profile->resourceManager, profile->armScope());
}

std::optional<vault::VaultClient> Session::vault(const QString &accountId, const QString &tenantId,
                                                 const QUrl &vaultUri)
{
    const std::optional<CloudProfile> profile = cloudOf(accountId);
    auto made = pipeline(accountId, tenantId);
    if (!profile || !made)
        return std::nullopt;
    return vault::VaultClient(std::move(made), vaultUri, profile->vaultScope());
}

std::optional<graph::GraphClient> Session::graph(const QString &accountId, const QString &tenantId)
{
    const std::optional<CloudProfile> profile = cloudOf(accountId);
    auto made = pipeline(accountId, tenantId);
    if (!profile || !made)
        return std::nullopt;
    return graph::GraphClient(std::move(made), profile->graph, profile->graphScope());
}

std::shared_ptr<HttpPipeline>
Session::authenticatedPipeline(std::shared_ptr<TokenCredential> credential,
                               const CloudProfile &cloud)
{
    PipelineOptions options;
    options.transport = m_transport;
    options.credential = std::move(credential);
    options.journal = &m_journal;
    options.challenges = m_challenges;
    options.challengeVerifier = challengeVerifierFor(cloud);
    return makePipeline(options);
}

std::shared_ptr<HttpPipeline> Session::identityPipeline()
{
    PipelineOptions options;
    options.transport = m_transport;
    options.journal = &m_journal;
    return makePipeline(options);
}

} // namespace vl

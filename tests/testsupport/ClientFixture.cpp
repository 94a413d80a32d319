// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClientFixture.h"

#include "auth/CloudProfile.h"
#include "http/NetworkTransport.h"
#include "http/Pipelines.h"
#include "util/Future.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QSslConfiguration>

#include <functional>

using namespace Qt::StringLiterals;

namespace vl::test {

namespace {

/**
 * A credential backed by the sandbox fixture's own sign-in shortcuts: tokens
 * come from a real token endpoint (client credentials, or the browser page with
 * PKCE for users), and are kept per scope, as a real credential's cache would.
 */
class SandboxCredential final : public TokenCredential
{
public:
    using Fetch = std::function<QByteArray(const QString &scope)>;
    SandboxCredential(QString name, TokenSource source, Fetch fetch)
        : m_name(std::move(name))
        , m_source(source)
        , m_fetch(std::move(fetch))
    {}

    QString name() const override { return m_name; }

    QFuture<Result<AccessToken>> getToken(const TokenRequestContext &request) override
    {
        const QString scope = request.scopes.value(0);
        AccessToken token;
        token.credential = m_name;
        token.expiresOn = QDateTime::currentDateTimeUtc().addSecs(3600);
        if (!request.forceRefresh && m_cache.contains(scope)) {
            token.token = m_cache.value(scope);
            token.source = TokenSource::MemoryCache;
            return readyFuture(Result<AccessToken>(token));
        }
        token.token = m_fetch(scope);
        token.source = m_source;
        if (token.token.isEmpty()) {
            return readyFuture(Result<AccessToken>(AzureError::make(
                AzureError::Kind::Unauthenticated, u"The sandbox gave no token."_s)));
        }
        m_cache.insert(scope, token.token);
        return readyFuture(Result<AccessToken>(token));
    }

private:
    QString m_name;
    TokenSource m_source;
    Fetch m_fetch;
    QHash<QString, QByteArray> m_cache;
};

} // namespace

ClientFixture::ClientFixture(sandbox::SandboxOptions options)
    : m_sandbox(std::move(options))
{
    auto *manager = new QNetworkAccessManager(&m_journal);
    if (m_sandbox.isRunning()) {
        const Result<CloudProfile> cloud = CloudProfile::fromSandboxConfig(m_sandbox.config());
        if (!cloud)
            qFatal("The sandbox's config makes no cloud profile: %s",
                   qPrintable(cloud.error().message));
        m_cloud = *cloud;
    }
    m_transport = std::make_shared<NetworkTransport>(
        manager, [cloud = m_cloud](const QUrl &url) { return cloud.tlsFor(url); });
}

ClientFixture::~ClientFixture() = default;

QUrl ClientFixture::resourceManager() const
{
    return QUrl(m_sandbox.config().value("resourceManager"_L1).toString());
}

QUrl ClientFixture::graph() const
{
    return QUrl(m_sandbox.config().value("graph"_L1).toString());
}

QUrl ClientFixture::vaultUri(const QString &name) const
{
    return QUrl(m_sandbox.vaultOrigin(name) + u"/"_s);
}

std::shared_ptr<HttpPipeline> ClientFixture::automationPipeline()
{
    return pipelineFor(std::make_shared<SandboxCredential>(
        u"client secret"_s, TokenSource::ClientCredential,
        [this](const QString &scope) { return m_sandbox.automationToken(scope); }));
}

std::shared_ptr<HttpPipeline> ClientFixture::userPipeline(const QString &upn)
{
    return pipelineFor(std::make_shared<SandboxCredential>(
        u"browser sign-in"_s, TokenSource::Interactive,
        [this, upn](const QString &scope) { return m_sandbox.userToken(upn, scope); }));
}

std::shared_ptr<HttpPipeline>
ClientFixture::pipelineFor(std::shared_ptr<TokenCredential> credential)
{
    PipelineOptions options;
    options.transport = m_transport;
    options.credential = std::move(credential);
    options.journal = &m_journal;
    options.challengeVerifier = challengeVerifierFor(m_cloud);
    return makePipeline(options);
}

std::shared_ptr<HttpPipeline> ClientFixture::identityPipeline()
{
    PipelineOptions options;
    options.transport = m_transport;
    options.journal = &m_journal;
    return makePipeline(options);
}

} // namespace vl::test

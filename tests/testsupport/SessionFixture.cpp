// SPDX-License-Identifier: GPL-3.0-or-later
#include "SessionFixture.h"

#include "HttpClient.h"
#include "arm/ResourceId.h"

#include <QJsonArray>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace vl::test {

SessionFixture::SessionFixture(sandbox::SandboxOptions options)
    : m_temporary(std::make_unique<TemporarySettings>())
    , m_sandbox(std::make_unique<SandboxFixture>(std::move(options)))
    , m_secrets(std::make_shared<MemorySecretStore>())
    , m_settings(m_temporary->settings())
{
    if (m_sandbox->isRunning()) {
        const Result<CloudProfile> cloud = CloudProfile::fromSandboxConfig(m_sandbox->config());
        if (!cloud)
            qFatal("The sandbox's config makes no cloud profile: %s",
                   qPrintable(cloud.error().message));
        m_cloud = *cloud;
    }
    SessionOptions sessionOptions;
    sessionOptions.clouds = {m_cloud};
    sessionOptions.secrets = m_secrets;
    sessionOptions.settings = m_settings.get();
    sessionOptions.openBrowser = [this](const QUrl &url) {
        ++m_browserOpened;
        if (m_playBrowser)
            QTimer::singleShot(0, m_session.get(), [this, url] { playBrowser(url); });
    };
    m_session = std::make_unique<Session>(std::move(sessionOptions));
}

SessionFixture::~SessionFixture() = default;

void SessionFixture::playBrowser(const QUrl &authorize)
{
    HttpClient &browser = m_sandbox->http();
    const HttpReply page = browser.get(authorize);
    if (page.status != 200) {
        qWarning("SessionFixture: the sign-in page answered %d", page.status);
        return;
    }
    const HttpReply picked = browser.postForm(authorize, {{u"account"_s, m_browserUser}});
    if (picked.status != 302) {
        qWarning("SessionFixture: picking the account answered %d", picked.status);
        return;
    }
    const QUrl redirect = QUrl::fromEncoded(picked.header("Location"));
    followRedirect(quint16(redirect.port()), pathAndQueryOf(redirect));
}

Result<Account> SessionFixture::signIn(const QString &upn)
{
    m_browserUser = upn;
    SignInRequest request;
    request.cloud = m_cloud.name;
    request.tenant = m_sandbox->tenantId();
    return ClientFixture::await(m_session->accounts().signInWithBrowser(request), 60000);
}

Result<Account> SessionFixture::addAutomation()
{
    const QJsonObject principal =
        m_sandbox->config().value("servicePrincipals"_L1).toArray().first().toObject();
    ServicePrincipalRequest request;
    request.cloud = m_cloud.name;
    request.tenantId = m_sandbox->tenantId();
    request.clientId = principal.value("appId"_L1).toString();
    request.clientSecret = principal.value("clientSecret"_L1).toString().toUtf8();
    request.displayName = principal.value("displayName"_L1).toString();
    return ClientFixture::await(m_session->accounts().addServicePrincipal(request), 60000);
}

QUrl SessionFixture::vaultUri(const QString &name) const
{
    return QUrl(m_sandbox->vaultOrigin(name) + u"/"_s);
}

VaultLocation SessionFixture::vaultLocation(const Account &account, const QString &vaultName)
{
    VaultLocation location;
    location.accountId = account.id;
    location.tenantId = account.homeTenantId;
    location.name = vaultName;
    location.vaultUri = vaultUri(vaultName);
    location.cloud = m_cloud.name;
    if (const sandbox::VaultRecord *record = m_sandbox->sandbox().state().vaultByName(vaultName)) {
        const arm::ResourceId id = arm::ResourceId::parse(record->resource.id);
        location.subscriptionId = id.subscriptionId;
        location.resourceGroup = id.resourceGroup;
        location.resourceId = record->resource.id;
    }
    return location;
}

} // namespace vl::test

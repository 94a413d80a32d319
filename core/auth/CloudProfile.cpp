// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/CloudProfile.h"

#include <QCoreApplication>
#include <QFile>

using namespace Qt::StringLiterals;

namespace vl {
namespace {

AzureError malformed(const QString &message)
{
    AzureError e;
    e.kind = AzureError::Kind::Malformed;
    e.message = message;
    return e;
}

QUrl imds()
{
    return QUrl(u"http://169.254.169.254"_s);
}

bool hostHasSuffix(const QUrl &url, const QString &suffix)
{
    if (suffix.isEmpty() || url.scheme() != "https"_L1)
        return false;
    const QString host = url.host().toLower();
    return host.size() > suffix.size() && host.endsWith(suffix.toLower());
}

} // namespace

CloudProfile CloudProfile::azurePublic()
{
    CloudProfile p;
    p.kind = Kind::AzurePublic;
    p.name = u"AzureCloud"_s;
    p.displayName = QCoreApplication::translate("vl::CloudProfile", "Azure");
    p.authorityHost = QUrl(u"https://login.microsoftonline.com"_s);
    p.resourceManager = QUrl(u"https://management.azure.com/"_s);
    p.resourceManagerAudience = u"https://management.core.windows.net/"_s;
    p.vaultDnsSuffix = u".vault.azure.net"_s;
    p.vaultAudience = u"https://vault.azure.net"_s;
    p.managedHsmDnsSuffix = u".managedhsm.azure.net"_s;
    p.graph = QUrl(u"https://graph.microsoft.com/"_s);
    p.graphAudience = u"https://graph.microsoft.com"_s;
    p.portal = QUrl(u"https://portal.azure.com"_s);
    p.imdsEndpoint = imds();
    return p;
}

CloudProfile CloudProfile::azureChina()
{
    CloudProfile p;
    p.kind = Kind::AzureChina;
    p.name = u"AzureChinaCloud"_s;
    p.displayName = QCoreApplication::translate("vl::CloudProfile", "Azure China (21Vianet)");
    p.authorityHost = QUrl(u"https://login.chinacloudapi.cn"_s);
    p.resourceManager = QUrl(u"https://management.chinacloudapi.cn"_s);
    p.resourceManagerAudience = u"https://management.core.chinacloudapi.cn/"_s;
    p.vaultDnsSuffix = u".vault.azure.cn"_s;
    p.vaultAudience = u"https://vault.azure.cn"_s;
    p.managedHsmDnsSuffix = u".managedhsm.azure.cn"_s;
    p.graph = QUrl(u"https://microsoftgraph.chinacloudapi.cn"_s);
    p.graphAudience = u"https://microsoftgraph.chinacloudapi.cn"_s;
    p.portal = QUrl(u"https://portal.azure.cn"_s);
    p.imdsEndpoint = imds();
    return p;
}

CloudProfile CloudProfile::azureUsGovernment()
{
    CloudProfile p;
    p.kind = Kind::AzureUsGovernment;
    p.name = u"AzureUSGovernment"_s;
    p.displayName = QCoreApplication::translate("vl::CloudProfile", "Azure US Government");
    p.authorityHost = QUrl(u"https://login.microsoftonline.us"_s);
    p.resourceManager = QUrl(u"https://management.usgovcloudapi.net/"_s);
    p.resourceManagerAudience = u"https://management.core.usgovcloudapi.net/"_s;
    p.vaultDnsSuffix = u".vault.usgovcloudapi.net"_s;
    p.vaultAudience = u"https://vault.usgovcloudapi.net"_s;
    p.managedHsmDnsSuffix = u".managedhsm.usgovcloudapi.net"_s;
    p.graph = QUrl(u"https://graph.microsoft.us/"_s);
    p.graphAudience = u"https://graph.microsoft.us"_s;
    p.portal = QUrl(u"https://portal.azure.us"_s);
    p.imdsEndpoint = imds();
    return p;
}

QList<CloudProfile> CloudProfile::azureClouds()
{
    return {azurePublic(), azureChina(), azureUsGovernment()};
}

Result<CloudProfile> CloudProfile::fromSandboxConfig(const QJsonObject &config)
{
    auto url = [&](QLatin1StringView key) {
        return QUrl(config.value(key).toString());
    };
    CloudProfile p;
    p.kind = Kind::Sandbox;
    p.name = u"VaultLensSandbox"_s;
    p.displayName = QCoreApplication::translate("vl::CloudProfile", "VaultLens sandbox");
    p.apiOrigin = url("apiOrigin"_L1);
    p.browserOrigin = url("browserOrigin"_L1);
    p.authorityHost = config.contains("authorityHost"_L1) ? url("authorityHost"_L1) : p.apiOrigin;
    p.resourceManager = url("resourceManager"_L1);
    p.graph = url("graph"_L1);
    p.imdsEndpoint = url("imdsEndpoint"_L1);
    p.portal = p.browserOrigin;
    const QJsonObject audiences = config.value("audiences"_L1).toObject();
    p.resourceManagerAudience =
        audiences.value("arm"_L1).toString(u"https://management.azure.com"_s);
    p.vaultAudience = audiences.value("vault"_L1).toString(u"https://vault.azure.net"_s);
    p.graphAudience = audiences.value("graph"_L1).toString(u"https://graph.microsoft.com"_s);
    p.publicClientId = config.value("publicClientId"_L1).toString();
    // The vaults answer at https://127.0.0.1:port: no DNS suffix to check against.
    p.verifyChallengeResource = false;
    p.trustedHosts = {u"127.0.0.1"_s, u"localhost"_s};

    const auto invalid = [](const QUrl &u) {
        return !u.isValid() || u.host().isEmpty();
    };
    if (invalid(p.apiOrigin) || p.apiOrigin.scheme() != "https"_L1)
        return malformed(QCoreApplication::translate("vl::CloudProfile",
                                                     "The sandbox config has no https apiOrigin."));
    if (invalid(p.authorityHost) || invalid(p.resourceManager) || invalid(p.graph))
        return malformed(QCoreApplication::translate(
            "vl::CloudProfile",
            "The sandbox config lacks authorityHost, resourceManager or graph."));
    const QString caPath = config.value("caCertificate"_L1).toString();
    if (caPath.isEmpty())
        return malformed(QCoreApplication::translate(
            "vl::CloudProfile", "The sandbox config names no caCertificate file."));
    QFile file(caPath);
    if (!file.open(QIODevice::ReadOnly))
        return malformed(QCoreApplication::translate(
                             "vl::CloudProfile", "The sandbox CA certificate %1 cannot be read: %2")
                             .arg(caPath, file.errorString()));
    p.extraCaCertificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (p.extraCaCertificates.isEmpty())
        return malformed(QCoreApplication::translate(
                             "vl::CloudProfile", "The sandbox CA file %1 holds no PEM certificate.")
                             .arg(caPath));
    return p;
}

QString CloudProfile::scopeFor(const QString &resource)
{
    return resource + "/.default"_L1;
}

bool CloudProfile::isVaultHost(const QUrl &url) const
{
    if (kind == Kind::Sandbox)
        return trustsExtraCaFor(url) && url.port(443) != apiOrigin.port(443);
    return hostHasSuffix(url, vaultDnsSuffix);
}

bool CloudProfile::isManagedHsmHost(const QUrl &url) const
{
    return kind != Kind::Sandbox && hostHasSuffix(url, managedHsmDnsSuffix);
}

bool CloudProfile::trustsExtraCaFor(const QUrl &url) const
{
    return kind == Kind::Sandbox && url.scheme() == "https"_L1
           && trustedHosts.contains(url.host().toLower());
}

QSslConfiguration CloudProfile::tlsFor(const QUrl &url) const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    if (trustsExtraCaFor(url) && !extraCaCertificates.isEmpty())
        configuration.addCaCertificates(extraCaCertificates);
    return configuration;
}

} // namespace vl

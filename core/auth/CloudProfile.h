// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Result.h"

#include <QJsonObject>
#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace vl {

/**
 * @brief The endpoints and audiences of one cloud: Azure, Azure China, Azure
 * US Government (PROTOCOL.md §2), or the VaultLens sandbox (SANDBOX.md).
 *
 * A plain value: copy it freely. The sandbox's profile is built from the
 * sandbox's config JSON and carries the sandbox CA, which tlsFor() adds only
 * for the sandbox's own hosts; no other profile trusts anything extra.
 */
struct CloudProfile
{
    enum class Kind {
        AzurePublic,
        AzureChina,
        AzureUsGovernment,
        Sandbox,
    };

    Kind kind = Kind::AzurePublic;
    QString name;        ///< the Azure CLI's cloud name: "AzureCloud", ...; "VaultLensSandbox"
    QString displayName; ///< translated, for the sign-in page

    QUrl authorityHost;              ///< Entra ID, e.g. https://login.microsoftonline.com
    QUrl resourceManager;            ///< e.g. https://management.azure.com/
    QString resourceManagerAudience; ///< token resource for ARM (the classic one for Azure)
    QString vaultDnsSuffix;          ///< ".vault.azure.net"
    QString vaultAudience;           ///< "https://vault.azure.net"
    QString managedHsmDnsSuffix;     ///< ".managedhsm.azure.net"
    QUrl graph;                      ///< e.g. https://graph.microsoft.com/
    QString graphAudience;           ///< "https://graph.microsoft.com"
    QUrl portal;                     ///< e.g. https://portal.azure.com
    QUrl imdsEndpoint;               ///< managed identity endpoint origin (IMDS)

    /**
     * Whether a Key Vault challenge's resource must be a DNS parent of the
     * vault's host (the SDKs' check). Off for the sandbox, whose vaults live
     * at 127.0.0.1:port (the SDKs' `disableChallengeResourceVerification`);
     * its challenges must then name exactly vaultAudience.
     */
    bool verifyChallengeResource = true;

    // The sandbox only.
    QUrl apiOrigin;         ///< https://127.0.0.1:P
    QUrl browserOrigin;     ///< http://127.0.0.1:B
    QString publicClientId; ///< the app registration VaultLens signs in with there
    QList<QSslCertificate> extraCaCertificates; ///< the sandbox CA
    QStringList trustedHosts; ///< the hosts the extra CA applies to: 127.0.0.1, localhost

    /// Azure (`AzureCloud`).
    [[nodiscard]] static CloudProfile azurePublic();
    /// Azure China, operated by 21Vianet (`AzureChinaCloud`).
    [[nodiscard]] static CloudProfile azureChina();
    /// Azure US Government (`AzureUSGovernment`).
    [[nodiscard]] static CloudProfile azureUsGovernment();
    /// The three Azure clouds, public first.
    [[nodiscard]] static QList<CloudProfile> azureClouds();
    /**
     * The sandbox described by its config JSON (`--print-config`,
     * `GET /sandbox/config`), with its CA certificates loaded from the
     * `caCertificate` file. A Malformed error names what is missing.
     */
    [[nodiscard]] static Result<CloudProfile> fromSandboxConfig(const QJsonObject &config);

    /// "<resource>/.default" for any resource (a trailing slash gives "//.default").
    [[nodiscard]] static QString scopeFor(const QString &resource);
    [[nodiscard]] QString armScope() const { return scopeFor(resourceManagerAudience); }
    [[nodiscard]] QString vaultScope() const { return scopeFor(vaultAudience); }
    [[nodiscard]] QString graphScope() const { return scopeFor(graphAudience); }

    /// True for an https URL of a vault of this cloud (`name.vault.azure.net`; the
    /// sandbox: a trusted host on a port other than the API origin's).
    [[nodiscard]] bool isVaultHost(const QUrl &url) const;
    /// True for an https URL of a managed HSM of this cloud.
    [[nodiscard]] bool isManagedHsmHost(const QUrl &url) const;
    /// True when the extra CA applies to @p url: the sandbox's https hosts only.
    [[nodiscard]] bool trustsExtraCaFor(const QUrl &url) const;
    /**
     * The TLS configuration for a request to @p url: the default one, plus the
     * sandbox CA when this is the sandbox's profile and @p url is one of its hosts.
     * Peer verification is never relaxed.
     */
    [[nodiscard]] QSslConfiguration tlsFor(const QUrl &url) const;
};

} // namespace vl

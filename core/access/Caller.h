// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace vl::access {

/**
 * @brief What the vault learns about a request's token before it authorizes it.
 *
 * The cryptographic checks (signature against the tenant's keys) are done by
 * whoever holds the keys (the sandbox, or nobody when the app simulates); the
 * engine decides from these facts what the service answers.
 */
struct TokenFacts
{
    bool present = true;        ///< an `Authorization: Bearer` header was sent
    bool wellFormed = true;     ///< three base64url parts with JSON header and claims
    bool signatureValid = true; ///< signed by a key the tenant publishes
    QString encodedHeader;      ///< the JWT header as sent, quoted by AKV10046
    QString audience;           ///< `aud`
    QString issuer;             ///< `iss`
    QString tenantId;           ///< `tid`
    qint64 notBefore = 0;       ///< `nbf`, Unix seconds (0: absent)
    qint64 expiresOn = 0;       ///< `exp`, Unix seconds (0: absent)
};

/// The identity behind a request, as its token's claims describe it.
struct Caller
{
    enum class Kind { User, ServicePrincipal, ManagedIdentity };

    Kind kind = Kind::User;
    QString objectId;      ///< `oid`
    QString applicationId; ///< `appid` / `azp`: the client application
    QString tenantId;      ///< `tid`
    QString issuer;        ///< `iss`
    QString displayName;   ///< `upn`, `preferred_username` or an app name: display only
    /// Object ids of the groups the caller belongs to (transitively), for access
    /// policies and role assignments granted to groups.
    QStringList groupIds;
    /// A first-party Azure service on the trusted-services list (it may pass the
    /// firewall when the vault's bypass is AzureServices).
    bool trustedService = false;
    TokenFacts token;

    /**
     * The principal string Key Vault writes in its denial messages:
     * `appid={appid};oid={oid};[numgroups={n};]iss={iss}`. The issuer is written in
     * its v1 form `https://sts.windows.net/{tid}/` when the token does not carry one.
     */
    [[nodiscard]] QString principalString() const;
    /// `https://sts.windows.net/{tid}/`, the issuer of v1 tokens for the tenant.
    [[nodiscard]] static QString stsIssuer(const QString &tenantId);
};

/// Where a request arrives from, as the vault's network layer sees it.
struct Arrival
{
    enum class Path {
        PublicInternet,  ///< from a public address
        ServiceEndpoint, ///< from a virtual network subnet with the Microsoft.KeyVault endpoint
        PrivateEndpoint, ///< through a private endpoint (private link)
    };

    Path path = Path::PublicInternet;
    QString clientAddress;     ///< the address the vault sees (x-ms-keyvault-network-info addr)
    QString subnetId;          ///< for ServiceEndpoint
    QString privateEndpointId; ///< for PrivateEndpoint
};

} // namespace vl::access

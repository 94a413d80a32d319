// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

/**
 * @file
 * Plain value types for the Microsoft.KeyVault/vaults resource (api-version
 * 2026-02-01). JSON mapping lives in VaultSerializer. Properties this code does
 * not model are kept verbatim in `extra` members, so that a read-modify-write
 * never drops what the service sent.
 */
namespace vl::arm {

/// Access-policy permission lists, as the service sends them (wire spelling kept).
struct Permissions
{
    std::optional<QStringList> keys;
    std::optional<QStringList> secrets;
    std::optional<QStringList> certificates;
    std::optional<QStringList> storage;

    friend bool operator==(const Permissions &, const Permissions &) = default;
};

/// One entry of `properties.accessPolicies`.
struct AccessPolicyEntry
{
    QString tenantId;
    QString objectId;
    std::optional<QString> applicationId; ///< set only for a compound identity
    Permissions permissions;
    QJsonObject extra; ///< members not modelled above

    friend bool operator==(const AccessPolicyEntry &, const AccessPolicyEntry &) = default;
};

struct IpRule
{
    QString value; ///< an IPv4 address or CIDR range, exactly as given
    friend bool operator==(const IpRule &, const IpRule &) = default;
};

struct VirtualNetworkRule
{
    QString id; ///< a subnet resource id
    std::optional<bool> ignoreMissingVnetServiceEndpoint;
    friend bool operator==(const VirtualNetworkRule &, const VirtualNetworkRule &) = default;
};

/// `properties.networkAcls`: the vault firewall.
struct NetworkRuleSet
{
    std::optional<QString> bypass;        ///< "AzureServices" (the default) or "None"
    std::optional<QString> defaultAction; ///< "Allow" or "Deny"
    std::optional<QList<IpRule>> ipRules;
    std::optional<QList<VirtualNetworkRule>> virtualNetworkRules;
    QJsonObject extra; ///< members not modelled above

    /// The effective bypass: the service treats a missing value as AzureServices.
    [[nodiscard]] bool bypassesAzureServices() const;
    /// The effective default action: a missing value is Allow.
    [[nodiscard]] bool defaultDeny() const;

    friend bool operator==(const NetworkRuleSet &, const NetworkRuleSet &) = default;
};

struct PrivateEndpointConnectionItem
{
    std::optional<QString> id;
    std::optional<QString> etag;
    std::optional<QString> privateEndpointId;
    std::optional<QString> status; ///< Pending, Approved, Rejected, Disconnected
    std::optional<QString> description;
    std::optional<QString> actionsRequired;
    std::optional<QString> provisioningState;
    QJsonObject extra;           ///< top-level members not modelled above
    QJsonObject extraProperties; ///< members of `properties` not modelled above

    friend bool operator==(const PrivateEndpointConnectionItem &,
                           const PrivateEndpointConnectionItem &) = default;
};

struct Sku
{
    QString family = QStringLiteral("A");
    QString name = QStringLiteral("standard");
    QJsonObject extra; ///< members not modelled above
    friend bool operator==(const Sku &, const Sku &) = default;
};

struct VaultProperties
{
    QString tenantId;
    Sku sku;
    std::optional<QList<AccessPolicyEntry>> accessPolicies;
    std::optional<QString> vaultUri;
    std::optional<QString> hsmPoolResourceId;
    std::optional<bool> enabledForDeployment;
    std::optional<bool> enabledForDiskEncryption;
    std::optional<bool> enabledForTemplateDeployment;
    std::optional<bool> enableSoftDelete;
    std::optional<int> softDeleteRetentionInDays;
    std::optional<bool> enableRbacAuthorization;
    std::optional<QString> createMode;
    std::optional<bool> enablePurgeProtection;
    std::optional<NetworkRuleSet> networkAcls;
    std::optional<QString> provisioningState;
    std::optional<QList<PrivateEndpointConnectionItem>> privateEndpointConnections;
    std::optional<QString> publicNetworkAccess; ///< "Enabled" (default) or "Disabled"
    QJsonObject extra;                          ///< properties not modelled above

    /// True when the data plane authorizes with Azure RBAC instead of access policies.
    [[nodiscard]] bool usesRbac() const { return enableRbacAuthorization.value_or(false); }
    /// True unless publicNetworkAccess is "Disabled" (compared case-insensitively).
    [[nodiscard]] bool publicNetworkAccessEnabled() const;

    friend bool operator==(const VaultProperties &, const VaultProperties &) = default;
};

struct Vault
{
    QString id;
    QString name;
    QString type = QStringLiteral("Microsoft.KeyVault/vaults");
    std::optional<QString> location;
    std::optional<QMap<QString, QString>> tags;
    std::optional<QJsonObject> systemData;
    VaultProperties properties;
    /// False when the JSON had no `properties` (the generic /resources listing).
    bool hasProperties = true;
    QJsonObject extra; ///< top-level members not modelled above

    friend bool operator==(const Vault &, const Vault &) = default;
};

} // namespace vl::arm

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "arm/Vault.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

/**
 * @file
 * Value types for the Resource Manager resources the client browses besides
 * vaults: tenants and subscriptions (Microsoft.Resources 2022-12-01), resource
 * groups (2024-03-01) and a vault's private endpoint connections
 * (Microsoft.KeyVault 2026-02-01). JSON mapping is in ResourceSerializer.
 * Members the types do not model are kept in `extra`, verbatim.
 */
namespace vl::arm {

/// One entry of `GET /tenants`.
struct Tenant
{
    QString id;       ///< `/tenants/{tenantId}`
    QString tenantId; ///< the directory's GUID
    QString displayName;
    QString defaultDomain;
    std::optional<QString> tenantCategory; ///< Home, ProjectedBy or ManagedBy
    std::optional<QString> tenantType;     ///< AAD, ...
    std::optional<QString> countryCode;
    std::optional<QStringList> domains;
    QJsonObject extra; ///< members not modelled above

    /// True for the tenant the signed-in account belongs to (tenantCategory Home).
    [[nodiscard]] bool isHome() const;

    friend bool operator==(const Tenant &, const Tenant &) = default;
};

/// One entry of `GET /subscriptions`.
struct Subscription
{
    QString id;             ///< `/subscriptions/{subscriptionId}`
    QString subscriptionId; ///< the GUID
    QString tenantId;       ///< the tenant that owns it
    QString displayName;
    QString state; ///< Enabled, Warned, PastDue, Disabled, Deleted
    std::optional<QString> authorizationSource;
    /// Tenant ids from `managedByTenants` (Azure Lighthouse).
    std::optional<QStringList> managedByTenants;
    std::optional<QMap<QString, QString>> tags;
    QJsonObject extra; ///< members not modelled above, such as subscriptionPolicies

    /// True when the subscription can be used (state Enabled, or Warned, which still works).
    [[nodiscard]] bool isUsable() const;

    friend bool operator==(const Subscription &, const Subscription &) = default;
};

/// One entry of `GET /subscriptions/{s}/resourcegroups`.
struct ResourceGroup
{
    QString id;
    QString name;
    QString type; ///< Microsoft.Resources/resourceGroups
    QString location;
    std::optional<QString> managedBy;
    std::optional<QMap<QString, QString>> tags;
    std::optional<QString> provisioningState; ///< `properties.provisioningState`
    QJsonObject extra;                        ///< top-level members not modelled above
    QJsonObject extraProperties;              ///< members of `properties` not modelled above

    friend bool operator==(const ResourceGroup &, const ResourceGroup &) = default;
};

/**
 * @brief The `Microsoft.KeyVault/vaults/privateEndpointConnections` resource,
 * as listed, read and written on its own.
 *
 * The vault's `properties.privateEndpointConnections` carries the same data
 * as PrivateEndpointConnectionItem (id, etag, properties); the resource adds
 * name, type, location and tags, kept here around that item.
 */
struct PrivateEndpointConnection
{
    QString name; ///< the connection's name, the last segment of its id
    QString type; ///< Microsoft.KeyVault/vaults/privateEndpointConnections
    std::optional<QString> location;
    std::optional<QMap<QString, QString>> tags;
    PrivateEndpointConnectionItem connection; ///< id, etag and the properties

    /// The name, or the last segment of the id when the name is missing.
    [[nodiscard]] QString effectiveName() const;

    friend bool operator==(const PrivateEndpointConnection &,
                           const PrivateEndpointConnection &) = default;
};

} // namespace vl::arm

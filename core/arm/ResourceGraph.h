// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

/**
 * @file
 * Azure Resource Graph (`POST /providers/Microsoft.ResourceGraph/resources`,
 * api-version 2024-04-01): the query request, its answer, and the vault
 * summary a row of the vault inventory query maps to. JSON mapping is in
 * ResourceGraphSerializer.
 *
 * ```
 *  client ──POST {subscriptions, query, options}──────────────► Resource Graph
 *         ◄── {totalRecords, count, data:[rows], $skipToken} ──
 *         ──POST {same subscriptions and query, options:{$skipToken}}──►   (until no $skipToken)
 * ```
 */
namespace vl::arm {

/// `options` of a query.
struct ResourceGraphOptions
{
    std::optional<QString> skipToken;    ///< `$skipToken`: continue a paged answer
    std::optional<int> top;              ///< `$top`: rows per page, 1 to 1000
    std::optional<int> skip;             ///< `$skip`
    std::optional<QString> resultFormat; ///< objectArray (the default) or table
    std::optional<bool> allowPartialScopes;
    std::optional<QString> authorizationScopeFilter; ///< AtScopeAndBelow, ...
    QJsonObject extra;                               ///< members not modelled above

    friend bool operator==(const ResourceGraphOptions &, const ResourceGraphOptions &) = default;
};

/// The body of a Resource Graph query.
struct ResourceGraphRequest
{
    std::optional<QStringList> subscriptions;    ///< subscription ids to query
    std::optional<QStringList> managementGroups; ///< or management group names
    QString query;                               ///< the Kusto query
    std::optional<ResourceGraphOptions> options;
    std::optional<QJsonArray> facets; ///< facet requests, verbatim
    QJsonObject extra;                ///< members not modelled above

    friend bool operator==(const ResourceGraphRequest &, const ResourceGraphRequest &) = default;
};

/// The answer to a Resource Graph query.
struct ResourceGraphResponse
{
    std::optional<qint64> totalRecords; ///< rows matching the query, over every page
    std::optional<qint64> count;        ///< rows in this page
    /// `resultTruncated` ("true"/"false" on the wire): the service cut the answer short.
    std::optional<bool> resultTruncated;
    std::optional<QString> skipToken; ///< `$skipToken`: there is a next page
    /// `data`: an array of row objects (objectArray), or `{columns, rows}` (table).
    QJsonValue data;
    std::optional<QJsonArray> facets; ///< facet results, verbatim
    QJsonObject extra;                ///< members not modelled above

    /// The rows as objects, whichever format `data` has; non-object rows are skipped.
    [[nodiscard]] QList<QJsonObject> rows() const;
    [[nodiscard]] bool hasMore() const { return skipToken && !skipToken->isEmpty(); }

    friend bool operator==(const ResourceGraphResponse &, const ResourceGraphResponse &) = default;
};

/**
 * @brief One vault as the inventory query returns it: enough to list vaults
 * across subscriptions and tell their models apart without reading each vault.
 */
struct VaultSummary
{
    QString id;
    QString name;
    std::optional<QString> location;
    std::optional<QString> resourceGroup;
    std::optional<QString> subscriptionId;
    std::optional<QString> tenantId;
    std::optional<QString> vaultUri;
    std::optional<QString> skuName; ///< standard or premium
    std::optional<bool> enableRbacAuthorization;
    std::optional<bool> enableSoftDelete;
    std::optional<bool> enablePurgeProtection;
    std::optional<QString> publicNetworkAccess;  ///< Enabled or Disabled
    std::optional<QString> networkDefaultAction; ///< `networkAcls.defaultAction`: Allow or Deny
    std::optional<QMap<QString, QString>> tags;

    /// True when the data plane authorizes with Azure RBAC instead of access policies.
    [[nodiscard]] bool usesRbac() const { return enableRbacAuthorization.value_or(false); }

    friend bool operator==(const VaultSummary &, const VaultSummary &) = default;
};

/// One page of the vault inventory, and the token for the next one.
struct VaultSummaryPage
{
    QList<VaultSummary> vaults;
    QString skipToken; ///< empty on the last page
    std::optional<qint64> totalRecords;
    bool resultTruncated = false;

    [[nodiscard]] bool hasMore() const { return !skipToken.isEmpty(); }
};

} // namespace vl::arm

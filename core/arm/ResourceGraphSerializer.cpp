// SPDX-License-Identifier: GPL-3.0-or-later
#include "arm/ResourceGraphSerializer.h"

#include "arm/JsonReader.h"
#include "arm/ResourceId.h"
#include "util/Json.h"

using namespace Qt::StringLiterals;

namespace vl::arm {

QList<QJsonObject> ResourceGraphResponse::rows() const
{
    QList<QJsonObject> out;
    if (data.isArray()) {
        const QJsonArray array = data.toArray();
        for (const QJsonValue &row : array)
            if (row.isObject())
                out.append(row.toObject());
        return out;
    }
    // The table format: {"columns":[{"name":..,"type":..}], "rows":[[..], ..]}.
    const QJsonObject table = data.toObject();
    QStringList names;
    const QJsonArray columns = table.value("columns"_L1).toArray();
    for (const QJsonValue &column : columns)
        names.append(column.toObject().value("name"_L1).toString());
    const QJsonArray rows = table.value("rows"_L1).toArray();
    for (const QJsonValue &row : rows) {
        if (!row.isArray())
            continue;
        const QJsonArray cells = row.toArray();
        QJsonObject object;
        for (qsizetype i = 0; i < names.size() && i < cells.size(); ++i)
            if (!names.at(i).isEmpty())
                object.insert(names.at(i), cells.at(i));
        out.append(object);
    }
    return out;
}

namespace ResourceGraphSerializer {
namespace {

using namespace JsonWriter;

ResourceGraphOptions optionsFromJson(const QJsonObject &o)
{
    JsonReader r(o);
    ResourceGraphOptions options;
    options.skipToken = r.optionalString("$skipToken"_L1);
    options.top = r.optionalInt("$top"_L1);
    options.skip = r.optionalInt("$skip"_L1);
    options.resultFormat = r.optionalString("resultFormat"_L1);
    options.allowPartialScopes = r.optionalBool("allowPartialScopes"_L1);
    options.authorizationScopeFilter = r.optionalString("authorizationScopeFilter"_L1);
    options.extra = r.rest();
    return options;
}

QJsonObject toJson(const ResourceGraphOptions &options)
{
    QJsonObject o;
    json::insertOptional(o, "$skipToken"_L1, options.skipToken);
    json::insertOptional(o, "$top"_L1, options.top);
    json::insertOptional(o, "$skip"_L1, options.skip);
    json::insertOptional(o, "resultFormat"_L1, options.resultFormat);
    json::insertOptional(o, "allowPartialScopes"_L1, options.allowPartialScopes);
    json::insertOptional(o, "authorizationScopeFilter"_L1, options.authorizationScopeFilter);
    overlay(o, options.extra);
    return o;
}

/// A non-empty string member of @p o.
std::optional<QString> text(const QJsonObject &o, QLatin1StringView key)
{
    const QJsonValue v = o.value(key);
    if (!v.isString() || v.toString().isEmpty())
        return std::nullopt;
    return v.toString();
}

/// A flat column of @p row, else the member at @p path under the row's `properties`.
std::optional<QString> textColumn(const QJsonObject &row, QLatin1StringView column,
                                  std::initializer_list<QLatin1StringView> path)
{
    if (auto value = text(row, column))
        return value;
    QJsonObject object = row.value("properties"_L1).toObject();
    const auto *last = path.end() - 1;
    for (const auto *it = path.begin(); it != last; ++it)
        object = object.value(*it).toObject();
    return text(object, *last);
}

std::optional<bool> boolColumn(const QJsonObject &row, QLatin1StringView column)
{
    if (row.value(column).isBool())
        return row.value(column).toBool();
    const QJsonValue nested = row.value("properties"_L1).toObject().value(column);
    if (nested.isBool())
        return nested.toBool();
    return std::nullopt;
}

std::optional<QMap<QString, QString>> tagsColumn(const QJsonObject &row)
{
    const QJsonValue v = row.value("tags"_L1);
    if (!v.isObject())
        return std::nullopt;
    QMap<QString, QString> tags;
    const QJsonObject object = v.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        if (it.value().isString())
            tags.insert(it.key(), it.value().toString());
    return tags;
}

} // namespace

ResourceGraphRequest requestFromJson(const QJsonObject &o)
{
    JsonReader r(o);
    ResourceGraphRequest request;
    request.subscriptions = r.optionalStringList("subscriptions"_L1);
    request.managementGroups = r.optionalStringList("managementGroups"_L1);
    request.query = r.string("query"_L1);
    if (const auto options = r.optionalObject("options"_L1))
        request.options = optionsFromJson(*options);
    request.extra = r.rest();
    if (o.value("facets"_L1).isArray()) {
        request.facets = o.value("facets"_L1).toArray();
        request.extra.remove("facets"_L1);
    }
    return request;
}

QJsonObject toJson(const ResourceGraphRequest &request)
{
    QJsonObject o;
    insertStringList(o, "subscriptions"_L1, request.subscriptions);
    insertStringList(o, "managementGroups"_L1, request.managementGroups);
    insertString(o, "query"_L1, request.query);
    if (request.options)
        o.insert("options"_L1, toJson(*request.options));
    if (request.facets)
        o.insert("facets"_L1, *request.facets);
    overlay(o, request.extra);
    return o;
}

ResourceGraphResponse responseFromJson(const QJsonObject &o)
{
    JsonReader r(o);
    ResourceGraphResponse response;
    response.totalRecords = r.optionalInt64("totalRecords"_L1);
    response.count = r.optionalInt64("count"_L1);
    const QJsonValue truncated = o.value("resultTruncated"_L1);
    if (truncated == QJsonValue(u"true"_s) || truncated == QJsonValue(u"false"_s))
        response.resultTruncated = r.optionalString("resultTruncated"_L1) == u"true"_s;
    response.skipToken = r.optionalString("$skipToken"_L1);
    response.data = o.value("data"_L1);
    QJsonObject rest = r.rest();
    rest.remove("data"_L1);
    if (o.value("facets"_L1).isArray()) {
        response.facets = o.value("facets"_L1).toArray();
        rest.remove("facets"_L1);
    }
    response.extra = rest;
    return response;
}

QJsonObject toJson(const ResourceGraphResponse &response)
{
    QJsonObject o;
    json::insertOptional(o, "totalRecords"_L1, response.totalRecords);
    json::insertOptional(o, "count"_L1, response.count);
    if (response.resultTruncated)
        o.insert("resultTruncated"_L1, *response.resultTruncated ? u"true"_s : u"false"_s);
    json::insertOptional(o, "$skipToken"_L1, response.skipToken);
    if (!response.data.isUndefined())
        o.insert("data"_L1, response.data);
    if (response.facets)
        o.insert("facets"_L1, *response.facets);
    overlay(o, response.extra);
    return o;
}

QString vaultInventoryQuery()
{
    return u"resources\n"
           "| where type =~ 'microsoft.keyvault/vaults'\n"
           "| project id, name, location, resourceGroup, subscriptionId, tenantId, tags,\n"
           "    vaultUri = tostring(properties.vaultUri),\n"
           "    skuName = tostring(properties.sku.name),\n"
           "    enableRbacAuthorization = tobool(properties.enableRbacAuthorization),\n"
           "    enableSoftDelete = tobool(properties.enableSoftDelete),\n"
           "    enablePurgeProtection = tobool(properties.enablePurgeProtection),\n"
           "    publicNetworkAccess = tostring(properties.publicNetworkAccess),\n"
           "    networkDefaultAction = tostring(properties.networkAcls.defaultAction)\n"
           "| order by id asc"_s;
}

VaultSummary vaultSummaryFromRow(const QJsonObject &row)
{
    VaultSummary v;
    v.id = text(row, "id"_L1).value_or(QString());
    v.name = text(row, "name"_L1).value_or(QString());
    v.location = text(row, "location"_L1);
    const ResourceId id = ResourceId::parse(v.id);
    v.resourceGroup = text(row, "resourceGroup"_L1);
    if (!v.resourceGroup && !id.resourceGroup.isEmpty())
        v.resourceGroup = id.resourceGroup;
    v.subscriptionId = text(row, "subscriptionId"_L1);
    if (!v.subscriptionId && !id.subscriptionId.isEmpty())
        v.subscriptionId = id.subscriptionId;
    v.tenantId = textColumn(row, "tenantId"_L1, {"tenantId"_L1});
    v.vaultUri = textColumn(row, "vaultUri"_L1, {"vaultUri"_L1});
    v.skuName = textColumn(row, "skuName"_L1, {"sku"_L1, "name"_L1});
    v.enableRbacAuthorization = boolColumn(row, "enableRbacAuthorization"_L1);
    v.enableSoftDelete = boolColumn(row, "enableSoftDelete"_L1);
    v.enablePurgeProtection = boolColumn(row, "enablePurgeProtection"_L1);
    v.publicNetworkAccess = textColumn(row, "publicNetworkAccess"_L1, {"publicNetworkAccess"_L1});
    v.networkDefaultAction =
        textColumn(row, "networkDefaultAction"_L1, {"networkAcls"_L1, "defaultAction"_L1});
    v.tags = tagsColumn(row);
    return v;
}

QJsonObject toRow(const VaultSummary &v)
{
    QJsonObject o;
    insertString(o, "id"_L1, v.id);
    insertString(o, "name"_L1, v.name);
    json::insertOptional(o, "location"_L1, v.location);
    json::insertOptional(o, "resourceGroup"_L1, v.resourceGroup);
    json::insertOptional(o, "subscriptionId"_L1, v.subscriptionId);
    json::insertOptional(o, "tenantId"_L1, v.tenantId);
    json::insertOptional(o, "vaultUri"_L1, v.vaultUri);
    json::insertOptional(o, "skuName"_L1, v.skuName);
    json::insertOptional(o, "enableRbacAuthorization"_L1, v.enableRbacAuthorization);
    json::insertOptional(o, "enableSoftDelete"_L1, v.enableSoftDelete);
    json::insertOptional(o, "enablePurgeProtection"_L1, v.enablePurgeProtection);
    json::insertOptional(o, "publicNetworkAccess"_L1, v.publicNetworkAccess);
    json::insertOptional(o, "networkDefaultAction"_L1, v.networkDefaultAction);
    insertStringMap(o, "tags"_L1, v.tags);
    return o;
}

VaultSummaryPage vaultPageFromResponse(const ResourceGraphResponse &response)
{
    VaultSummaryPage page;
    const QList<QJsonObject> rows = response.rows();
    page.vaults.reserve(rows.size());
    for (const QJsonObject &row : rows)
        page.vaults.append(vaultSummaryFromRow(row));
    page.skipToken = response.skipToken.value_or(QString());
    page.totalRecords = response.totalRecords;
    page.resultTruncated = response.resultTruncated.value_or(false);
    return page;
}

} // namespace ResourceGraphSerializer
} // namespace vl::arm

// SPDX-License-Identifier: GPL-3.0-or-later
#include "arm/VaultSerializer.h"

#include "util/Json.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace vl::arm {

bool NetworkRuleSet::bypassesAzureServices() const
{
    return bypass.value_or(u"AzureServices"_s).compare(u"AzureServices"_s, Qt::CaseInsensitive)
           == 0;
}

bool NetworkRuleSet::defaultDeny() const
{
    return defaultAction.value_or(u"Allow"_s).compare(u"Deny"_s, Qt::CaseInsensitive) == 0;
}

bool VaultProperties::publicNetworkAccessEnabled() const
{
    return publicNetworkAccess.value_or(u"Enabled"_s).compare(u"Disabled"_s, Qt::CaseInsensitive)
           != 0;
}

namespace VaultSerializer {
namespace {

std::optional<QStringList> optionalList(const QJsonObject &o, QLatin1StringView key)
{
    const QJsonValue v = o.value(key);
    if (!v.isArray())
        return std::nullopt;
    return json::stringList(v);
}

void insertList(QJsonObject &o, QLatin1StringView key, const std::optional<QStringList> &list)
{
    if (list)
        o.insert(key, json::toArray(*list));
}

template<typename T, typename Parse>
std::optional<QList<T>> optionalObjects(const QJsonObject &o, QLatin1StringView key, Parse parse)
{
    const QJsonValue v = o.value(key);
    if (!v.isArray())
        return std::nullopt;
    QList<T> out;
    const QJsonArray array = v.toArray();
    out.reserve(array.size());
    for (const QJsonValue &item : array)
        out.append(parse(item.toObject()));
    return out;
}

QJsonObject toJson(const IpRule &rule);
QJsonObject toJson(const VirtualNetworkRule &rule);
using vl::arm::VaultSerializer::toJson;

template<typename T>
void insertObjects(QJsonObject &o, QLatin1StringView key, const std::optional<QList<T>> &list)
{
    if (!list)
        return;
    QJsonArray array;
    for (const T &item : *list)
        array.append(toJson(item));
    o.insert(key, array);
}

QJsonObject withoutKeys(QJsonObject o, std::initializer_list<QLatin1StringView> keys)
{
    for (QLatin1StringView key : keys)
        o.remove(key);
    return o;
}

void mergeExtra(QJsonObject &o, const QJsonObject &extra)
{
    for (auto it = extra.begin(); it != extra.end(); ++it)
        if (!o.contains(it.key()))
            o.insert(it.key(), it.value());
}

IpRule ipRuleFromJson(const QJsonObject &o)
{
    return IpRule{o.value("value"_L1).toString()};
}

QJsonObject toJson(const IpRule &rule)
{
    return QJsonObject{{u"value"_s, rule.value}};
}

VirtualNetworkRule vnetRuleFromJson(const QJsonObject &o)
{
    return VirtualNetworkRule{o.value("id"_L1).toString(),
                              json::optionalBool(o, "ignoreMissingVnetServiceEndpoint"_L1)};
}

QJsonObject toJson(const VirtualNetworkRule &rule)
{
    QJsonObject o{{u"id"_s, rule.id}};
    json::insertOptional(o, "ignoreMissingVnetServiceEndpoint"_L1,
                         rule.ignoreMissingVnetServiceEndpoint);
    return o;
}

} // namespace

AccessPolicyEntry accessPolicyFromJson(const QJsonObject &o)
{
    AccessPolicyEntry e;
    e.tenantId = o.value("tenantId"_L1).toString();
    e.objectId = o.value("objectId"_L1).toString();
    e.applicationId = json::optionalString(o, "applicationId"_L1);
    const QJsonObject p = o.value("permissions"_L1).toObject();
    e.permissions.keys = optionalList(p, "keys"_L1);
    e.permissions.secrets = optionalList(p, "secrets"_L1);
    e.permissions.certificates = optionalList(p, "certificates"_L1);
    e.permissions.storage = optionalList(p, "storage"_L1);
    e.extra = withoutKeys(o, {"tenantId"_L1, "objectId"_L1, "applicationId"_L1, "permissions"_L1});
    return e;
}

QJsonObject toJson(const AccessPolicyEntry &entry)
{
    QJsonObject p;
    insertList(p, "keys"_L1, entry.permissions.keys);
    insertList(p, "secrets"_L1, entry.permissions.secrets);
    insertList(p, "certificates"_L1, entry.permissions.certificates);
    insertList(p, "storage"_L1, entry.permissions.storage);
    QJsonObject o{
        {u"tenantId"_s, entry.tenantId}, {u"objectId"_s, entry.objectId}, {u"permissions"_s, p}};
    json::insertOptional(o, "applicationId"_L1, entry.applicationId);
    mergeExtra(o, entry.extra);
    return o;
}

NetworkRuleSet networkRuleSetFromJson(const QJsonObject &o)
{
    NetworkRuleSet r;
    r.bypass = json::optionalString(o, "bypass"_L1);
    r.defaultAction = json::optionalString(o, "defaultAction"_L1);
    r.ipRules = optionalObjects<IpRule>(o, "ipRules"_L1, ipRuleFromJson);
    r.virtualNetworkRules =
        optionalObjects<VirtualNetworkRule>(o, "virtualNetworkRules"_L1, vnetRuleFromJson);
    r.extra =
        withoutKeys(o, {"bypass"_L1, "defaultAction"_L1, "ipRules"_L1, "virtualNetworkRules"_L1});
    return r;
}

QJsonObject toJson(const NetworkRuleSet &rules)
{
    QJsonObject o;
    json::insertOptional(o, "bypass"_L1, rules.bypass);
    json::insertOptional(o, "defaultAction"_L1, rules.defaultAction);
    insertObjects(o, "ipRules"_L1, rules.ipRules);
    insertObjects(o, "virtualNetworkRules"_L1, rules.virtualNetworkRules);
    mergeExtra(o, rules.extra);
    return o;
}

PrivateEndpointConnectionItem privateEndpointConnectionFromJson(const QJsonObject &o)
{
    PrivateEndpointConnectionItem c;
    c.id = json::optionalString(o, "id"_L1);
    c.etag = json::optionalString(o, "etag"_L1);
    const QJsonObject p = o.value("properties"_L1).toObject();
    if (p.value("privateEndpoint"_L1).isObject())
        c.privateEndpointId =
            json::optionalString(p.value("privateEndpoint"_L1).toObject(), "id"_L1);
    const QJsonObject state = p.value("privateLinkServiceConnectionState"_L1).toObject();
    c.status = json::optionalString(state, "status"_L1);
    c.description = json::optionalString(state, "description"_L1);
    c.actionsRequired = json::optionalString(state, "actionsRequired"_L1);
    c.provisioningState = json::optionalString(p, "provisioningState"_L1);
    c.extra = withoutKeys(o, {"id"_L1, "etag"_L1, "properties"_L1});
    c.extraProperties = withoutKeys(
        p, {"privateEndpoint"_L1, "privateLinkServiceConnectionState"_L1, "provisioningState"_L1});
    return c;
}

QJsonObject toJson(const PrivateEndpointConnectionItem &item)
{
    QJsonObject o;
    json::insertOptional(o, "id"_L1, item.id);
    json::insertOptional(o, "etag"_L1, item.etag);
    QJsonObject p;
    if (item.privateEndpointId)
        p.insert("privateEndpoint"_L1, QJsonObject{{u"id"_s, *item.privateEndpointId}});
    QJsonObject state;
    json::insertOptional(state, "status"_L1, item.status);
    json::insertOptional(state, "description"_L1, item.description);
    json::insertOptional(state, "actionsRequired"_L1, item.actionsRequired);
    if (!state.isEmpty())
        p.insert("privateLinkServiceConnectionState"_L1, state);
    json::insertOptional(p, "provisioningState"_L1, item.provisioningState);
    mergeExtra(p, item.extraProperties);
    o.insert("properties"_L1, p);
    mergeExtra(o, item.extra);
    return o;
}

VaultProperties propertiesFromJson(const QJsonObject &o)
{
    VaultProperties p;
    p.tenantId = o.value("tenantId"_L1).toString();
    const QJsonObject sku = o.value("sku"_L1).toObject();
    p.sku.family = sku.value("family"_L1).toString(u"A"_s);
    p.sku.name = sku.value("name"_L1).toString(u"standard"_s);
    p.sku.extra = withoutKeys(sku, {"family"_L1, "name"_L1});
    p.accessPolicies =
        optionalObjects<AccessPolicyEntry>(o, "accessPolicies"_L1, accessPolicyFromJson);
    p.vaultUri = json::optionalString(o, "vaultUri"_L1);
    p.hsmPoolResourceId = json::optionalString(o, "hsmPoolResourceId"_L1);
    p.enabledForDeployment = json::optionalBool(o, "enabledForDeployment"_L1);
    p.enabledForDiskEncryption = json::optionalBool(o, "enabledForDiskEncryption"_L1);
    p.enabledForTemplateDeployment = json::optionalBool(o, "enabledForTemplateDeployment"_L1);
    p.enableSoftDelete = json::optionalBool(o, "enableSoftDelete"_L1);
    p.softDeleteRetentionInDays = json::optionalInt(o, "softDeleteRetentionInDays"_L1);
    p.enableRbacAuthorization = json::optionalBool(o, "enableRbacAuthorization"_L1);
    p.createMode = json::optionalString(o, "createMode"_L1);
    p.enablePurgeProtection = json::optionalBool(o, "enablePurgeProtection"_L1);
    if (o.value("networkAcls"_L1).isObject())
        p.networkAcls = networkRuleSetFromJson(o.value("networkAcls"_L1).toObject());
    p.provisioningState = json::optionalString(o, "provisioningState"_L1);
    p.privateEndpointConnections = optionalObjects<PrivateEndpointConnectionItem>(
        o, "privateEndpointConnections"_L1, privateEndpointConnectionFromJson);
    p.publicNetworkAccess = json::optionalString(o, "publicNetworkAccess"_L1);
    p.extra = withoutKeys(o, {"tenantId"_L1, "sku"_L1, "accessPolicies"_L1, "vaultUri"_L1,
                              "hsmPoolResourceId"_L1, "enabledForDeployment"_L1,
                              "enabledForDiskEncryption"_L1, "enabledForTemplateDeployment"_L1,
                              "enableSoftDelete"_L1, "softDeleteRetentionInDays"_L1,
                              "enableRbacAuthorization"_L1, "createMode"_L1,
                              "enablePurgeProtection"_L1, "networkAcls"_L1, "provisioningState"_L1,
                              "privateEndpointConnections"_L1, "publicNetworkAccess"_L1});
    return p;
}

QJsonObject toJson(const VaultProperties &p)
{
    QJsonObject sku{{u"family"_s, p.sku.family}, {u"name"_s, p.sku.name}};
    mergeExtra(sku, p.sku.extra);
    QJsonObject o{{u"tenantId"_s, p.tenantId}, {u"sku"_s, sku}};
    insertObjects(o, "accessPolicies"_L1, p.accessPolicies);
    json::insertOptional(o, "vaultUri"_L1, p.vaultUri);
    json::insertOptional(o, "hsmPoolResourceId"_L1, p.hsmPoolResourceId);
    json::insertOptional(o, "enabledForDeployment"_L1, p.enabledForDeployment);
    json::insertOptional(o, "enabledForDiskEncryption"_L1, p.enabledForDiskEncryption);
    json::insertOptional(o, "enabledForTemplateDeployment"_L1, p.enabledForTemplateDeployment);
    json::insertOptional(o, "enableSoftDelete"_L1, p.enableSoftDelete);
    json::insertOptional(o, "softDeleteRetentionInDays"_L1, p.softDeleteRetentionInDays);
    json::insertOptional(o, "enableRbacAuthorization"_L1, p.enableRbacAuthorization);
    json::insertOptional(o, "createMode"_L1, p.createMode);
    json::insertOptional(o, "enablePurgeProtection"_L1, p.enablePurgeProtection);
    if (p.networkAcls)
        o.insert("networkAcls"_L1, toJson(*p.networkAcls));
    json::insertOptional(o, "provisioningState"_L1, p.provisioningState);
    insertObjects(o, "privateEndpointConnections"_L1, p.privateEndpointConnections);
    json::insertOptional(o, "publicNetworkAccess"_L1, p.publicNetworkAccess);
    mergeExtra(o, p.extra);
    return o;
}

Vault vaultFromJson(const QJsonObject &o)
{
    Vault v;
    v.id = o.value("id"_L1).toString();
    v.name = o.value("name"_L1).toString();
    v.type = o.value("type"_L1).toString(u"Microsoft.KeyVault/vaults"_s);
    v.location = json::optionalString(o, "location"_L1);
    v.tags = json::optionalStringMap(o, "tags"_L1);
    if (o.value("systemData"_L1).isObject())
        v.systemData = o.value("systemData"_L1).toObject();
    v.hasProperties = o.value("properties"_L1).isObject();
    v.properties = propertiesFromJson(o.value("properties"_L1).toObject());
    v.extra = withoutKeys(o, {"id"_L1, "name"_L1, "type"_L1, "location"_L1, "tags"_L1,
                              "systemData"_L1, "properties"_L1});
    return v;
}

QJsonObject toJson(const Vault &vault)
{
    QJsonObject o{{u"id"_s, vault.id}, {u"name"_s, vault.name}, {u"type"_s, vault.type}};
    if (vault.hasProperties)
        o.insert("properties"_L1, toJson(vault.properties));
    json::insertOptional(o, "location"_L1, vault.location);
    if (vault.tags)
        o.insert("tags"_L1, json::fromStringMap(*vault.tags));
    if (vault.systemData)
        o.insert("systemData"_L1, *vault.systemData);
    mergeExtra(o, vault.extra);
    return o;
}

} // namespace VaultSerializer
} // namespace vl::arm

// SPDX-License-Identifier: GPL-3.0-or-later
#include "arm/ResourceSerializer.h"

#include "arm/JsonReader.h"
#include "arm/VaultSerializer.h"
#include "util/Json.h"

using namespace Qt::StringLiterals;

namespace vl::arm {

bool Tenant::isHome() const
{
    return tenantCategory.value_or(QString()).compare("Home"_L1, Qt::CaseInsensitive) == 0;
}

bool Subscription::isUsable() const
{
    return state.compare("Enabled"_L1, Qt::CaseInsensitive) == 0
           || state.compare("Warned"_L1, Qt::CaseInsensitive) == 0;
}

QString PrivateEndpointConnection::effectiveName() const
{
    if (!name.isEmpty())
        return name;
    return connection.id.value_or(QString()).section(u'/', -1, -1, QString::SectionSkipEmpty);
}

namespace ResourceSerializer {

using namespace JsonWriter;

Tenant tenantFromJson(const QJsonObject &o)
{
    JsonReader r(o);
    Tenant t;
    t.id = r.string("id"_L1);
    t.tenantId = r.string("tenantId"_L1);
    t.displayName = r.string("displayName"_L1);
    t.defaultDomain = r.string("defaultDomain"_L1);
    t.tenantCategory = r.optionalString("tenantCategory"_L1);
    t.tenantType = r.optionalString("tenantType"_L1);
    t.countryCode = r.optionalString("countryCode"_L1);
    t.domains = r.optionalStringList("domains"_L1);
    t.extra = r.rest();
    return t;
}

QJsonObject toJson(const Tenant &t)
{
    QJsonObject o;
    insertString(o, "id"_L1, t.id);
    insertString(o, "tenantId"_L1, t.tenantId);
    insertString(o, "displayName"_L1, t.displayName);
    insertString(o, "defaultDomain"_L1, t.defaultDomain);
    json::insertOptional(o, "tenantCategory"_L1, t.tenantCategory);
    json::insertOptional(o, "tenantType"_L1, t.tenantType);
    json::insertOptional(o, "countryCode"_L1, t.countryCode);
    insertStringList(o, "domains"_L1, t.domains);
    overlay(o, t.extra);
    return o;
}

namespace {

/// `managedByTenants` as tenant ids, when every element is exactly `{"tenantId": "..."}`.
std::optional<QStringList> managedByTenantsFromJson(const QJsonObject &o)
{
    const QJsonValue v = o.value("managedByTenants"_L1);
    if (!v.isArray())
        return std::nullopt;
    QStringList ids;
    const QJsonArray array = v.toArray();
    for (const QJsonValue &item : array) {
        const QJsonObject entry = item.toObject();
        if (!item.isObject() || entry.size() != 1 || !entry.value("tenantId"_L1).isString())
            return std::nullopt;
        ids.append(entry.value("tenantId"_L1).toString());
    }
    return ids;
}

} // namespace

Subscription subscriptionFromJson(const QJsonObject &o)
{
    JsonReader r(o);
    Subscription s;
    s.id = r.string("id"_L1);
    s.subscriptionId = r.string("subscriptionId"_L1);
    s.tenantId = r.string("tenantId"_L1);
    s.displayName = r.string("displayName"_L1);
    s.state = r.string("state"_L1);
    s.authorizationSource = r.optionalString("authorizationSource"_L1);
    s.tags = r.optionalStringMap("tags"_L1);
    s.managedByTenants = managedByTenantsFromJson(o);
    s.extra = r.rest();
    if (s.managedByTenants)
        s.extra.remove("managedByTenants"_L1);
    return s;
}

QJsonObject toJson(const Subscription &s)
{
    QJsonObject o;
    insertString(o, "id"_L1, s.id);
    insertString(o, "subscriptionId"_L1, s.subscriptionId);
    insertString(o, "tenantId"_L1, s.tenantId);
    insertString(o, "displayName"_L1, s.displayName);
    insertString(o, "state"_L1, s.state);
    json::insertOptional(o, "authorizationSource"_L1, s.authorizationSource);
    insertStringMap(o, "tags"_L1, s.tags);
    if (s.managedByTenants) {
        QJsonArray array;
        for (const QString &id : *s.managedByTenants)
            array.append(QJsonObject{{u"tenantId"_s, id}});
        o.insert("managedByTenants"_L1, array);
    }
    overlay(o, s.extra);
    return o;
}

ResourceGroup resourceGroupFromJson(const QJsonObject &o)
{
    JsonReader r(o);
    ResourceGroup g;
    g.id = r.string("id"_L1);
    g.name = r.string("name"_L1);
    g.type = r.string("type"_L1);
    g.location = r.string("location"_L1);
    g.managedBy = r.optionalString("managedBy"_L1);
    g.tags = r.optionalStringMap("tags"_L1);
    if (const auto properties = r.optionalObject("properties"_L1)) {
        JsonReader p(*properties);
        g.provisioningState = p.optionalString("provisioningState"_L1);
        g.extraProperties = p.rest();
    }
    g.extra = r.rest();
    return g;
}

QJsonObject toJson(const ResourceGroup &g)
{
    QJsonObject o;
    insertString(o, "id"_L1, g.id);
    insertString(o, "name"_L1, g.name);
    insertString(o, "type"_L1, g.type);
    insertString(o, "location"_L1, g.location);
    json::insertOptional(o, "managedBy"_L1, g.managedBy);
    insertStringMap(o, "tags"_L1, g.tags);
    QJsonObject properties;
    json::insertOptional(properties, "provisioningState"_L1, g.provisioningState);
    overlay(properties, g.extraProperties);
    if (!properties.isEmpty())
        o.insert("properties"_L1, properties);
    overlay(o, g.extra);
    return o;
}

PrivateEndpointConnection privateEndpointConnectionFromJson(const QJsonObject &o)
{
    JsonReader r(o);
    PrivateEndpointConnection c;
    c.name = r.string("name"_L1);
    c.type = r.string("type"_L1);
    c.location = r.optionalString("location"_L1);
    c.tags = r.optionalStringMap("tags"_L1);
    c.connection = VaultSerializer::privateEndpointConnectionFromJson(r.rest());
    return c;
}

QJsonObject toJson(const PrivateEndpointConnection &c)
{
    QJsonObject o = VaultSerializer::toJson(c.connection);
    insertString(o, "name"_L1, c.name);
    insertString(o, "type"_L1, c.type);
    json::insertOptional(o, "location"_L1, c.location);
    insertStringMap(o, "tags"_L1, c.tags);
    return o;
}

QUrl nextLinkFromJson(const QJsonObject &o)
{
    const QString link = o.value("nextLink"_L1).toString();
    if (link.isEmpty())
        return {};
    const QUrl url(link, QUrl::TolerantMode);
    return url.isValid() ? url : QUrl();
}

QString nextLinkToString(const QUrl &url)
{
    return url.toString(QUrl::FullyEncoded);
}

} // namespace ResourceSerializer
} // namespace vl::arm

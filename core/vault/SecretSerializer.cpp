// SPDX-License-Identifier: GPL-3.0-or-later
#include "vault/SecretSerializer.h"

#include "util/Json.h"
#include "vault/ObjectSerializer.h"

using namespace Qt::StringLiterals;

namespace vl::vault {

QString SecretProperties::name() const
{
    const auto parsed = objectId();
    return parsed ? parsed->name : QString();
}

QString SecretProperties::version() const
{
    const auto parsed = objectId();
    return parsed ? parsed->version : QString();
}

namespace SecretSerializer {

using namespace detail;

SecretProperties propertiesFromJson(const QJsonObject &o)
{
    SecretProperties p;
    p.id = o.value("id"_L1).toString();
    p.contentType = json::optionalString(o, "contentType"_L1);
    if (const auto attributes = optionalObject(o, "attributes"_L1))
        p.attributes = ObjectSerializer::attributesFromJson(*attributes);
    p.tags = json::optionalStringMap(o, "tags"_L1);
    p.keyId = json::optionalString(o, "kid"_L1);
    p.managed = json::optionalBool(o, "managed"_L1);
    // A secret's value never lands in `extra`, whatever the caller parses it as.
    p.extra = withoutKeys(o, {"id"_L1, "contentType"_L1, "attributes"_L1, "tags"_L1, "kid"_L1,
                              "managed"_L1, "value"_L1});
    return p;
}

QJsonObject toJson(const SecretProperties &p)
{
    QJsonObject o;
    if (!p.id.isEmpty())
        o.insert("id"_L1, p.id);
    json::insertOptional(o, "contentType"_L1, p.contentType);
    if (p.attributes)
        o.insert("attributes"_L1, ObjectSerializer::toJson(*p.attributes));
    insertTags(o, p.tags);
    json::insertOptional(o, "kid"_L1, p.keyId);
    json::insertOptional(o, "managed"_L1, p.managed);
    mergeExtra(o, p.extra);
    return o;
}

SecretBundle bundleFromJson(const QJsonObject &o)
{
    SecretBundle b;
    b.properties = propertiesFromJson(o);
    b.value = json::optionalString(o, "value"_L1);
    return b;
}

QJsonObject toJson(const SecretBundle &b)
{
    QJsonObject o = toJson(b.properties);
    json::insertOptional(o, "value"_L1, b.value);
    return o;
}

DeletedSecret deletedFromJson(const QJsonObject &o)
{
    DeletedSecret d;
    d.properties = propertiesFromJson(o);
    d.properties.extra = withoutKeys(d.properties.extra,
                                     {"recoveryId"_L1, "deletedDate"_L1, "scheduledPurgeDate"_L1});
    d.deletion = ObjectSerializer::deletionFromJson(o);
    return d;
}

QJsonObject toJson(const DeletedSecret &d)
{
    QJsonObject o = toJson(d.properties);
    ObjectSerializer::insertDeletion(o, d.deletion);
    return o;
}

Page<SecretProperties> pageFromJson(const QJsonObject &o)
{
    return ObjectSerializer::pageFromJson<SecretProperties>(o, propertiesFromJson);
}

QJsonObject toJson(const Page<SecretProperties> &page)
{
    return ObjectSerializer::pageToJson(
        page, [](const SecretProperties &p) { return SecretSerializer::toJson(p); });
}

Page<DeletedSecret> deletedPageFromJson(const QJsonObject &o)
{
    return ObjectSerializer::pageFromJson<DeletedSecret>(o, deletedFromJson);
}

QJsonObject toJson(const Page<DeletedSecret> &page)
{
    return ObjectSerializer::pageToJson(
        page, [](const DeletedSecret &d) { return SecretSerializer::toJson(d); });
}

QJsonObject toJson(const SecretSetParameters &parameters)
{
    QJsonObject o{{u"value"_s, parameters.value}};
    json::insertOptional(o, "contentType"_L1, parameters.contentType);
    if (parameters.attributes)
        o.insert("attributes"_L1, ObjectSerializer::toRequestJson(*parameters.attributes));
    insertTags(o, parameters.tags);
    return o;
}

QJsonObject toJson(const SecretUpdateParameters &parameters)
{
    QJsonObject o;
    json::insertOptional(o, "contentType"_L1, parameters.contentType);
    if (parameters.attributes)
        o.insert("attributes"_L1, ObjectSerializer::toRequestJson(*parameters.attributes));
    insertTags(o, parameters.tags);
    return o;
}

} // namespace SecretSerializer
} // namespace vl::vault

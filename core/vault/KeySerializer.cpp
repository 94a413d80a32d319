// SPDX-License-Identifier: GPL-3.0-or-later
#include "vault/KeySerializer.h"

#include "util/Json.h"
#include "vault/ObjectSerializer.h"

using namespace Qt::StringLiterals;

namespace vl::vault {
namespace {

QByteArray base64UrlDecode(const std::optional<QString> &value)
{
    if (!value)
        return {};
    return QByteArray::fromBase64(value->toLatin1(), QByteArray::Base64UrlEncoding);
}

QString nameOf(const QString &id)
{
    const auto parsed = ObjectId::parse(id);
    return parsed ? parsed->name : QString();
}

QString versionOf(const QString &id)
{
    const auto parsed = ObjectId::parse(id);
    return parsed ? parsed->version : QString();
}

} // namespace

bool JsonWebKey::isRsa() const
{
    return kty && kty->startsWith("RSA"_L1);
}

bool JsonWebKey::isEc() const
{
    return kty && kty->startsWith("EC"_L1);
}

bool JsonWebKey::isHsm() const
{
    return kty && kty->endsWith("-HSM"_L1);
}

QByteArray JsonWebKey::modulus() const
{
    QByteArray bytes = base64UrlDecode(n);
    qsizetype zeros = 0;
    while (zeros < bytes.size() && bytes.at(zeros) == '\0')
        ++zeros;
    return bytes.mid(zeros);
}

QByteArray JsonWebKey::exponent() const
{
    return base64UrlDecode(e);
}

int JsonWebKey::keySizeBits() const
{
    if (isEc() && crv) {
        if (*crv == "P-256"_L1 || *crv == "P-256K"_L1)
            return 256;
        if (*crv == "P-384"_L1)
            return 384;
        if (*crv == "P-521"_L1)
            return 521;
        return 0;
    }
    if (isRsa()) {
        const QByteArray m = modulus();
        if (m.isEmpty())
            return 0;
        int bits = int(m.size()) * 8;
        for (auto top = quint8(m.at(0)); (top & 0x80) == 0; top = quint8(top << 1))
            --bits;
        return bits;
    }
    return 0;
}

QString KeyBundle::id() const
{
    if (jwk && jwk->kid)
        return *jwk->kid;
    return properties.kid.value_or(QString());
}

QString KeyBundle::name() const
{
    return nameOf(id());
}

QString KeyBundle::version() const
{
    return versionOf(id());
}

namespace KeySerializer {

using namespace detail;

JsonWebKey jsonWebKeyFromJson(const QJsonObject &o)
{
    JsonWebKey k;
    k.kid = json::optionalString(o, "kid"_L1);
    k.kty = json::optionalString(o, "kty"_L1);
    k.keyOps = optionalStringList(o, "key_ops"_L1);
    k.n = json::optionalString(o, "n"_L1);
    k.e = json::optionalString(o, "e"_L1);
    k.crv = json::optionalString(o, "crv"_L1);
    k.x = json::optionalString(o, "x"_L1);
    k.y = json::optionalString(o, "y"_L1);
    // Private parameters are never kept, not even in `extra`.
    k.extra =
        withoutKeys(o, {"kid"_L1, "kty"_L1, "key_ops"_L1, "n"_L1, "e"_L1, "crv"_L1, "x"_L1, "y"_L1,
                        "d"_L1, "dp"_L1, "dq"_L1, "qi"_L1, "p"_L1, "q"_L1, "k"_L1, "key_hsm"_L1});
    return k;
}

QJsonObject toJson(const JsonWebKey &k)
{
    QJsonObject o;
    json::insertOptional(o, "kid"_L1, k.kid);
    json::insertOptional(o, "kty"_L1, k.kty);
    insertStringList(o, "key_ops"_L1, k.keyOps);
    json::insertOptional(o, "n"_L1, k.n);
    json::insertOptional(o, "e"_L1, k.e);
    json::insertOptional(o, "crv"_L1, k.crv);
    json::insertOptional(o, "x"_L1, k.x);
    json::insertOptional(o, "y"_L1, k.y);
    mergeExtra(o, k.extra);
    return o;
}

namespace {

KeyReleasePolicy releasePolicyFromJson(const QJsonObject &o)
{
    KeyReleasePolicy r;
    r.contentType = json::optionalString(o, "contentType"_L1);
    r.immutable = json::optionalBool(o, "immutable"_L1);
    r.data = json::optionalString(o, "data"_L1);
    r.extra = withoutKeys(o, {"contentType"_L1, "immutable"_L1, "data"_L1});
    return r;
}

QJsonObject releasePolicyToJson(const KeyReleasePolicy &r)
{
    QJsonObject o;
    json::insertOptional(o, "contentType"_L1, r.contentType);
    json::insertOptional(o, "immutable"_L1, r.immutable);
    json::insertOptional(o, "data"_L1, r.data);
    mergeExtra(o, r.extra);
    return o;
}

} // namespace

KeyProperties propertiesFromJson(const QJsonObject &o)
{
    KeyProperties p;
    p.kid = json::optionalString(o, "kid"_L1);
    if (const auto attributes = optionalObject(o, "attributes"_L1))
        p.attributes = ObjectSerializer::attributesFromJson(*attributes);
    p.tags = json::optionalStringMap(o, "tags"_L1);
    p.managed = json::optionalBool(o, "managed"_L1);
    if (const auto release = optionalObject(o, "release_policy"_L1))
        p.releasePolicy = releasePolicyFromJson(*release);
    p.extra = withoutKeys(
        o, {"kid"_L1, "attributes"_L1, "tags"_L1, "managed"_L1, "release_policy"_L1, "key"_L1});
    return p;
}

QJsonObject toJson(const KeyProperties &p)
{
    QJsonObject o;
    json::insertOptional(o, "kid"_L1, p.kid);
    if (p.attributes)
        o.insert("attributes"_L1, ObjectSerializer::toJson(*p.attributes));
    insertTags(o, p.tags);
    json::insertOptional(o, "managed"_L1, p.managed);
    if (p.releasePolicy)
        o.insert("release_policy"_L1, releasePolicyToJson(*p.releasePolicy));
    mergeExtra(o, p.extra);
    return o;
}

KeyBundle bundleFromJson(const QJsonObject &o)
{
    KeyBundle b;
    b.properties = propertiesFromJson(o);
    if (const auto key = optionalObject(o, "key"_L1))
        b.jwk = jsonWebKeyFromJson(*key);
    return b;
}

QJsonObject toJson(const KeyBundle &b)
{
    QJsonObject o = toJson(b.properties);
    if (b.jwk)
        o.insert("key"_L1, toJson(*b.jwk));
    return o;
}

DeletedKey deletedFromJson(const QJsonObject &o)
{
    DeletedKey d;
    d.key = bundleFromJson(o);
    d.key.properties.extra = withoutKeys(
        d.key.properties.extra, {"recoveryId"_L1, "deletedDate"_L1, "scheduledPurgeDate"_L1});
    d.deletion = ObjectSerializer::deletionFromJson(o);
    return d;
}

QJsonObject toJson(const DeletedKey &d)
{
    QJsonObject o = toJson(d.key);
    ObjectSerializer::insertDeletion(o, d.deletion);
    return o;
}

Page<KeyProperties> pageFromJson(const QJsonObject &o)
{
    return ObjectSerializer::pageFromJson<KeyProperties>(o, propertiesFromJson);
}

QJsonObject toJson(const Page<KeyProperties> &page)
{
    return ObjectSerializer::pageToJson(
        page, [](const KeyProperties &p) { return KeySerializer::toJson(p); });
}

Page<DeletedKey> deletedPageFromJson(const QJsonObject &o)
{
    return ObjectSerializer::pageFromJson<DeletedKey>(o, deletedFromJson);
}

QJsonObject toJson(const Page<DeletedKey> &page)
{
    return ObjectSerializer::pageToJson(
        page, [](const DeletedKey &d) { return KeySerializer::toJson(d); });
}

namespace {

KeyLifetimeAction lifetimeActionFromJson(const QJsonObject &o)
{
    KeyLifetimeAction a;
    const auto trigger = optionalObject(o, "trigger"_L1);
    a.hasTrigger = trigger.has_value();
    const QJsonObject t = trigger.value_or(QJsonObject());
    a.timeAfterCreate = json::optionalString(t, "timeAfterCreate"_L1);
    a.timeBeforeExpiry = json::optionalString(t, "timeBeforeExpiry"_L1);
    a.extraTrigger = withoutKeys(t, {"timeAfterCreate"_L1, "timeBeforeExpiry"_L1});
    const auto action = optionalObject(o, "action"_L1);
    a.hasAction = action.has_value();
    const QJsonObject act = action.value_or(QJsonObject());
    a.type = json::optionalString(act, "type"_L1);
    a.extraAction = withoutKeys(act, {"type"_L1});
    a.extra = withoutKeys(o, {"trigger"_L1, "action"_L1});
    return a;
}

QJsonObject lifetimeActionToJson(const KeyLifetimeAction &a)
{
    QJsonObject o;
    QJsonObject t;
    json::insertOptional(t, "timeAfterCreate"_L1, a.timeAfterCreate);
    json::insertOptional(t, "timeBeforeExpiry"_L1, a.timeBeforeExpiry);
    mergeExtra(t, a.extraTrigger);
    if (a.hasTrigger || !t.isEmpty())
        o.insert("trigger"_L1, t);
    QJsonObject act;
    json::insertOptional(act, "type"_L1, a.type);
    mergeExtra(act, a.extraAction);
    if (a.hasAction || !act.isEmpty())
        o.insert("action"_L1, act);
    mergeExtra(o, a.extra);
    return o;
}

QJsonObject rotationPolicyToJson(const KeyRotationPolicy &p, bool request)
{
    QJsonObject o;
    if (!request)
        json::insertOptional(o, "id"_L1, p.id);
    if (p.lifetimeActions) {
        QJsonArray actions;
        for (const KeyLifetimeAction &a : *p.lifetimeActions)
            actions.append(lifetimeActionToJson(a));
        o.insert("lifetimeActions"_L1, actions);
    }
    QJsonObject attributes;
    json::insertOptional(attributes, "expiryTime"_L1, p.expiryTime);
    if (!request) {
        insertSeconds(attributes, "created"_L1, p.created);
        insertSeconds(attributes, "updated"_L1, p.updated);
        mergeExtra(attributes, p.extraAttributes);
    }
    if (p.hasAttributes || !attributes.isEmpty())
        o.insert("attributes"_L1, attributes);
    if (!request)
        mergeExtra(o, p.extra);
    return o;
}

} // namespace

KeyRotationPolicy rotationPolicyFromJson(const QJsonObject &o)
{
    KeyRotationPolicy p;
    p.id = json::optionalString(o, "id"_L1);
    if (o.value("lifetimeActions"_L1).isArray()) {
        QList<KeyLifetimeAction> actions;
        const QJsonArray array = o.value("lifetimeActions"_L1).toArray();
        for (const QJsonValue &v : array)
            actions.append(lifetimeActionFromJson(v.toObject()));
        p.lifetimeActions = actions;
    }
    const auto attributes = optionalObject(o, "attributes"_L1);
    p.hasAttributes = attributes.has_value();
    const QJsonObject a = attributes.value_or(QJsonObject());
    p.expiryTime = json::optionalString(a, "expiryTime"_L1);
    p.created = optionalSeconds(a, "created"_L1);
    p.updated = optionalSeconds(a, "updated"_L1);
    p.extraAttributes = withoutKeys(a, {"expiryTime"_L1, "created"_L1, "updated"_L1});
    p.extra = withoutKeys(o, {"id"_L1, "lifetimeActions"_L1, "attributes"_L1});
    return p;
}

QJsonObject toJson(const KeyRotationPolicy &policy)
{
    return rotationPolicyToJson(policy, false);
}

QJsonObject toRequestJson(const KeyRotationPolicy &policy)
{
    return rotationPolicyToJson(policy, true);
}

QJsonObject toJson(const KeyCreateParameters &parameters)
{
    QJsonObject o{{u"kty"_s, parameters.kty}};
    json::insertOptional(o, "key_size"_L1, parameters.keySize);
    json::insertOptional(o, "public_exponent"_L1, parameters.publicExponent);
    json::insertOptional(o, "crv"_L1, parameters.curve);
    insertStringList(o, "key_ops"_L1, parameters.keyOps);
    if (parameters.attributes)
        o.insert("attributes"_L1, ObjectSerializer::toRequestJson(*parameters.attributes, true));
    insertTags(o, parameters.tags);
    return o;
}

QJsonObject toJson(const KeyUpdateParameters &parameters)
{
    QJsonObject o;
    insertStringList(o, "key_ops"_L1, parameters.keyOps);
    if (parameters.attributes)
        o.insert("attributes"_L1, ObjectSerializer::toRequestJson(*parameters.attributes, true));
    insertTags(o, parameters.tags);
    return o;
}

} // namespace KeySerializer
} // namespace vl::vault

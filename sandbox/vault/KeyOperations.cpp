// SPDX-License-Identifier: GPL-3.0-or-later
// The key operations of the Key Vault data plane (keys.json 7.5, the 7.6 examples):
// KeyBundle, KeyItem and DeletedKeyBundle shapes, create and import with real RSA and
// EC keys, versions, update, soft delete with recover and purge, backup and restore,
// rotation and rotation policies (PROTOCOL.md §4.2-§4.8, RBAC.md §4.2). The
// cryptographic operations are in KeyCryptoOperations.cpp.
#include "access/AccessEngine.h"
#include "auth/Base64Url.h"
#include "crypto/JwkImport.h"
#include "crypto/KeyPair.h"
#include "vault/KeyCommon.h"
#include "vault/Paging.h"
#include "vault/VaultObjects.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace vl::sandbox {

namespace KeyCommon {

QString kid(const Ctx &c, const KeyEntry &e, const QString &version)
{
    return c.call.origin + u"/keys/"_s + e.name
           + (version.isEmpty() ? QString() : QString(u'/' + version));
}

namespace {

QJsonObject keyAttributes(const Ctx &c, const KeyVersion &v)
{
    QJsonObject a = VaultObjects::attributesJson(v.attributes, c.props());
    if (v.exportable)
        a.insert("exportable"_L1, true);
    return a;
}

void addCommon(QJsonObject &o, const KeyVersion &v)
{
    if (v.tags)
        o.insert("tags"_L1, VaultObjects::tagsJson(*v.tags));
    if (v.managed)
        o.insert("managed"_L1, true);
}

} // namespace

QJsonObject bundleJson(const Ctx &c, const KeyEntry &e, const KeyVersion &v)
{
    const auto pair = KeyPair::fromPrivateKeyPem(v.privateKeyPem);
    QJsonObject key = pair ? pair->publicJwk() : QJsonObject{};
    key.insert("kid"_L1, kid(c, e, v.version));
    key.insert("kty"_L1, v.kty);
    key.insert("key_ops"_L1, QJsonArray::fromStringList(v.keyOps));
    QJsonObject o{{u"key"_s, key}, {u"attributes"_s, keyAttributes(c, v)}};
    addCommon(o, v);
    if (v.releasePolicy)
        o.insert("release_policy"_L1, *v.releasePolicy);
    return o;
}

QJsonObject itemJson(const Ctx &c, const KeyEntry &e, const KeyVersion &v, bool versioned)
{
    QJsonObject o{{u"kid"_s, kid(c, e, versioned ? v.version : QString())},
                  {u"attributes"_s, keyAttributes(c, v)}};
    addCommon(o, v);
    return o;
}

HttpResponse notFound(const QString &name, const QString &version)
{
    return vaultError(
        404, u"KeyNotFound"_s,
        u"A key with (name/id) %1 was not found in this key vault. If you recently deleted this key you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182"_s
            .arg(version.isEmpty() ? name : QString(name + u'/' + version)));
}

Resolved resolve(const Ctx &c)
{
    KeyEntry *entry = c.data().key(c.name());
    if (!entry || entry->deleted || entry->versions.isEmpty())
        return {nullptr, nullptr, notFound(c.name())};
    KeyVersion *v = entry->version(c.version());
    if (!v)
        return {entry, nullptr, notFound(c.name(), c.version())};
    return {entry, v, std::nullopt};
}

bool isManaged(const KeyEntry &e)
{
    return std::any_of(e.versions.cbegin(), e.versions.cend(),
                       [](const KeyVersion &v) { return v.managed; });
}

} // namespace KeyCommon

namespace {

using access::DataOperation;
using KeyCommon::Ctx;
using VaultObjects::badParameter;

constexpr QByteArrayView BackupMagic = "VLKBK1";

/// What a create, import or rotate asks for.
struct KeySpec
{
    QString kty;
    int size = 2048;
    QString curve = u"P-256"_s;
    QStringList keyOps;
    ObjectAttributes attributes;
    bool exportable = false;
    std::optional<QMap<QString, QString>> tags;
    std::optional<QJsonObject> releasePolicy;
};

HttpResponse managed(const QString &operation)
{
    return VaultObjects::managedByKeyVault(operation, u"KeyManagedByKeyVault"_s);
}

/// JsonWebKeyOperation values, in the service's spelling.
std::optional<HttpResponse> readKeyOps(const QJsonObject &body, QStringList &ops)
{
    static const QStringList known{u"encrypt"_s, u"decrypt"_s,   u"sign"_s,   u"verify"_s,
                                   u"wrapKey"_s, u"unwrapKey"_s, u"import"_s, u"export"_s};
    if (!body.contains("key_ops"_L1) || body.value("key_ops"_L1).isNull())
        return std::nullopt;
    if (!body.value("key_ops"_L1).isArray())
        return badParameter(u"key_ops must be an array of key operations."_s);
    QStringList read;
    for (const QJsonValue &op : body.value("key_ops"_L1).toArray()) {
        const auto it = std::find_if(known.cbegin(), known.cend(), [&](const QString &k) {
            return k.compare(op.toString(), Qt::CaseInsensitive) == 0;
        });
        if (it == known.cend())
            return badParameter(u"Invalid key operation '%1'; valid operations are %2."_s.arg(
                op.toString(), known.join(u", "_s)));
        if (!read.contains(*it))
            read.append(*it);
    }
    ops = read;
    return std::nullopt;
}

/// release_policy (KeyReleasePolicy): data is base64url; contentType and immutable defaulted.
std::optional<HttpResponse> readReleasePolicy(const QJsonObject &body,
                                              std::optional<QJsonObject> &policy)
{
    const QJsonValue value = body.value("release_policy"_L1);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    const QJsonObject p = value.toObject();
    if (!value.isObject() || !base64UrlDecode(p.value("data"_L1).toString().toLatin1()))
        return badParameter(u"release_policy.data must be a base64url encoded policy."_s);
    policy = QJsonObject{{u"contentType"_s,
                          p.value("contentType"_L1).toString(u"application/json; charset=utf-8"_s)},
                         {u"immutable"_s, p.value("immutable"_L1).toBool(false)},
                         {u"data"_s, p.value("data"_L1).toString()}};
    return std::nullopt;
}

/// key_ops, attributes (with exportable), tags and release_policy of a create or import.
std::optional<HttpResponse> readCommon(const QJsonObject &body, KeySpec &spec)
{
    if (auto r = readKeyOps(body, spec.keyOps))
        return r;
    if (auto r = VaultObjects::readTags(body, spec.tags))
        return r;
    const QJsonObject attributes = body.value("attributes"_L1).toObject();
    if (auto r = VaultObjects::readAttributes(attributes, spec.attributes))
        return r;
    spec.exportable = attributes.value("exportable"_L1).toBool(false);
    if (auto r = readReleasePolicy(body, spec.releasePolicy))
        return r;
    // keys.json: an exportable key can only be released under a release policy.
    if (spec.exportable && !spec.releasePolicy)
        return badParameter(u"An exportable key must have a release policy (release_policy)."_s);
    return std::nullopt;
}

/// HSM-protected keys need a Premium vault; the service answers a Standard vault with
/// "Hardware key operation not allowed on standard vault" (azure-sdk-for-net #6551).
std::optional<HttpResponse> checkKty(const Ctx &c, const QString &kty)
{
    if (kty == "oct"_L1 || kty == "oct-HSM"_L1)
        return badParameter(
            u"Key type '%1' is not supported by key vaults: symmetric keys exist only in Managed HSM."_s
                .arg(kty));
    static const QStringList types{u"RSA"_s, u"RSA-HSM"_s, u"EC"_s, u"EC-HSM"_s};
    if (!types.contains(kty))
        return badParameter(
            u"The key type (kty) '%1' is not valid; use RSA, RSA-HSM, EC or EC-HSM."_s.arg(kty));
    if (kty.endsWith("-HSM"_L1)
        && c.props().sku.name.compare("premium"_L1, Qt::CaseInsensitive) != 0)
        return badParameter(u"Hardware key operation not allowed on standard vault"_s);
    return std::nullopt;
}

std::optional<HttpResponse> readCreateSpec(const Ctx &c, const QJsonObject &body, KeySpec &spec)
{
    spec.kty = body.value("kty"_L1).toString();
    if (spec.kty.isEmpty())
        return badParameter(u"The key type (kty) is required."_s);
    if (auto r = checkKty(c, spec.kty))
        return r;
    const bool rsa = spec.kty.startsWith("RSA"_L1);
    if (rsa) {
        spec.size = body.value("key_size"_L1).toInt(2048);
        if (spec.size != 2048 && spec.size != 3072 && spec.size != 4096)
            return badParameter(
                u"The key size %1 is not supported; RSA keys are 2048, 3072 or 4096 bits."_s.arg(
                    spec.size));
        if (body.contains("public_exponent"_L1)
            && body.value("public_exponent"_L1).toInt() != 65537)
            return badParameter(u"The only supported RSA public exponent is 65537."_s);
    } else {
        spec.curve = body.value("crv"_L1).toString(u"P-256"_s);
        static const QStringList curves{u"P-256"_s, u"P-384"_s, u"P-521"_s, u"P-256K"_s};
        if (!curves.contains(spec.curve))
            return badParameter(
                u"The curve '%1' is not supported; use P-256, P-384, P-521 or P-256K."_s.arg(
                    spec.curve));
    }
    spec.keyOps = defaultKeyOperations(spec.kty);
    return readCommon(body, spec);
}

std::optional<KeyPair> generate(const KeySpec &spec)
{
    return spec.kty.startsWith("RSA"_L1) ? KeyPair::generateRsa(spec.size)
                                         : KeyPair::generateEc(spec.curve);
}

/// Where a new version may go: not over a deleted or a certificate's key.
std::optional<HttpResponse> checkWritable(const Ctx &c, const QString &operation)
{
    if (auto r = VaultObjects::checkName(c.name()))
        return r;
    const KeyEntry *entry = c.data().key(c.name());
    if (entry && entry->deleted)
        return VaultObjects::deletedButRecoverable(u"Key"_s, entry->name);
    if (entry && KeyCommon::isManaged(*entry))
        return managed(operation);
    // A deleted certificate keeps its key (CertificateLifecycle.cpp): the name is taken.
    const CertificateEntry *certificate = c.data().certificate(c.name());
    if (certificate && certificate->deleted && certificate->deletedKey)
        return VaultObjects::deletedButRecoverable(u"Key"_s, certificate->name);
    return std::nullopt;
}

HttpResponse storeVersion(Ctx &c, const KeySpec &spec, const KeyPair &pair)
{
    KeyVersion v;
    v.version = newVersionId();
    v.kty = spec.kty;
    v.privateKeyPem = pair.privateKeyPem();
    v.keyOps = spec.keyOps;
    v.attributes = spec.attributes;
    v.attributes.created = v.attributes.updated = c.now();
    v.exportable = spec.exportable;
    v.tags = spec.tags;
    v.releasePolicy = spec.releasePolicy;
    KeyEntry *entry = c.data().key(c.name());
    if (!entry) {
        KeyEntry fresh;
        fresh.name = c.name();
        entry = &*c.data().keys.insert(c.name().toLower(), fresh);
    }
    entry->versions.append(v);
    c.context.persist();
    return HttpResponse::json(200, KeyCommon::bundleJson(c, *entry, entry->versions.last()));
}

HttpResponse createKey(Ctx &c)
{
    if (auto r = checkWritable(c, u"create"_s))
        return *r;
    HttpResponse error;
    const auto body = VaultObjects::jsonBody(c.call.request, error);
    if (!body)
        return error;
    KeySpec spec;
    if (auto r = readCreateSpec(c, *body, spec))
        return *r;
    const auto pair = generate(spec);
    if (!pair)
        return vaultError(500, u"InternalError"_s, u"The key could not be generated."_s);
    return storeVersion(c, spec, *pair);
}

HttpResponse importKey(Ctx &c)
{
    if (auto r = checkWritable(c, u"import"_s))
        return *r;
    HttpResponse error;
    const auto body = VaultObjects::jsonBody(c.call.request, error);
    if (!body)
        return error;
    const QJsonObject jwk = body->value("key"_L1).toObject();
    KeySpec spec;
    spec.kty = jwk.value("kty"_L1).toString();
    if (body->value("Hsm"_L1).toBool() && !spec.kty.endsWith("-HSM"_L1))
        spec.kty += u"-HSM"_s;
    if (auto r = checkKty(c, spec.kty))
        return *r;
    QString why;
    const auto pair = JwkImport::privateKey(jwk, &why);
    if (!pair)
        return badParameter(u"The key to import is not valid: %1."_s.arg(why));
    spec.keyOps = defaultKeyOperations(spec.kty);
    if (auto r = readKeyOps(jwk, spec.keyOps))
        return *r;
    if (auto r = readCommon(*body, spec))
        return *r;
    return storeVersion(c, spec, *pair);
}

HttpResponse getKey(Ctx &c)
{
    const auto r = KeyCommon::resolve(c);
    if (r.error)
        return *r.error;
    return HttpResponse::json(200, KeyCommon::bundleJson(c, *r.entry, *r.version));
}

QList<const KeyEntry *> entries(const VaultData &data, bool deleted)
{
    QList<const KeyEntry *> out;
    for (const KeyEntry &e : data.keys)
        if (e.deleted.has_value() == deleted && !e.versions.isEmpty())
            out.append(&e);
    return out; // ordered by lower-case name
}

HttpResponse listKeys(Ctx &c)
{
    return listPageOf(c.call, entries(c.data(), false), [&c](const KeyEntry *e) {
        return KeyCommon::itemJson(c, *e, e->versions.last(), false);
    });
}

HttpResponse listVersions(Ctx &c)
{
    QList<QJsonObject> items;
    const KeyEntry *entry = c.data().key(c.name());
    if (entry && !entry->deleted)
        for (const KeyVersion &v : entry->versions)
            items.append(KeyCommon::itemJson(c, *entry, v, true));
    return listPage(c.call, items); // as for secrets: no such key, no versions, 200
}

HttpResponse updateKey(Ctx &c)
{
    const auto r = KeyCommon::resolve(c);
    if (r.error)
        return *r.error;
    if (r.version->managed)
        return managed(u"update"_s);
    HttpResponse error;
    const auto body = VaultObjects::jsonBody(c.call.request, error);
    if (!body)
        return error;
    KeyVersion updated = *r.version;
    if (auto e = readKeyOps(*body, updated.keyOps))
        return *e;
    if (auto e = VaultObjects::readTags(*body, updated.tags))
        return *e;
    if (auto e = VaultObjects::readAttributes(body->value("attributes"_L1).toObject(),
                                              updated.attributes))
        return *e;
    if (auto e = readReleasePolicy(*body, updated.releasePolicy))
        return *e;
    updated.attributes.updated = c.now();
    *r.version = updated;
    c.context.persist();
    return HttpResponse::json(200, KeyCommon::bundleJson(c, *r.entry, *r.version));
}

QJsonObject deletedJson(const Ctx &c, const KeyEntry &e, bool bundle)
{
    QJsonObject o = bundle ? KeyCommon::bundleJson(c, e, e.versions.last())
                           : KeyCommon::itemJson(c, e, e.versions.last(), false);
    VaultObjects::addDeletion(o, c.call.origin + u"/deletedkeys/"_s + e.name, *e.deleted);
    return o;
}

HttpResponse deletedNotFound(const QString &name)
{
    return vaultError(404, u"KeyNotFound"_s, u"Deleted Key not found: %1"_s.arg(name));
}

HttpResponse deleteKey(Ctx &c)
{
    KeyEntry *entry = c.data().key(c.name());
    if (!entry || entry->deleted || entry->versions.isEmpty())
        return KeyCommon::notFound(c.name());
    if (KeyCommon::isManaged(*entry))
        return managed(u"delete"_s);
    entry->deleted = VaultObjects::deletionNow(c.props(), c.now());
    c.context.persist();
    return HttpResponse::json(200, deletedJson(c, *entry, true));
}

HttpResponse listDeleted(Ctx &c)
{
    return listPageOf(c.call, entries(c.data(), true),
                      [&c](const KeyEntry *e) { return deletedJson(c, *e, false); });
}

HttpResponse getDeleted(Ctx &c)
{
    const KeyEntry *entry = c.data().key(c.name());
    if (entry && entry->deleted && !entry->versions.isEmpty())
        return HttpResponse::json(200, deletedJson(c, *entry, true));
    // A deleted certificate's key is not listed but can be read (service behaviour).
    const CertificateEntry *certificate = c.data().certificate(c.name());
    if (certificate && certificate->deleted && certificate->deletedKey
        && !certificate->deletedKey->versions.isEmpty()) {
        KeyEntry stashed = *certificate->deletedKey;
        stashed.deleted = certificate->deleted;
        return HttpResponse::json(200, deletedJson(c, stashed, true));
    }
    return deletedNotFound(c.name());
}

HttpResponse purgeDeleted(Ctx &c)
{
    const KeyEntry *entry = c.data().key(c.name());
    if (!entry || !entry->deleted)
        return deletedNotFound(c.name());
    if (c.props().enablePurgeProtection.value_or(false))
        return VaultObjects::purgeProtected();
    c.data().keys.remove(c.name().toLower());
    c.context.persist();
    return HttpResponse::empty(204);
}

HttpResponse recoverDeleted(Ctx &c)
{
    KeyEntry *entry = c.data().key(c.name());
    if (!entry || !entry->deleted)
        return deletedNotFound(c.name());
    entry->deleted.reset();
    c.context.persist();
    return HttpResponse::json(200, KeyCommon::bundleJson(c, *entry, entry->versions.last()));
}

HttpResponse backupKey(Ctx &c)
{
    const auto r = KeyCommon::resolve(c);
    if (r.error)
        return *r.error;
    if (KeyCommon::isManaged(*r.entry))
        return managed(u"backup"_s);
    VaultData one;
    one.keys.insert(r.entry->name.toLower(), *r.entry);
    return VaultObjects::backupAnswer(BackupMagic, one);
}

HttpResponse restoreKey(Ctx &c)
{
    HttpResponse error;
    const auto body = VaultObjects::jsonBody(c.call.request, error);
    if (!body)
        return error;
    const auto restored = VaultObjects::restoredData(*body, BackupMagic);
    if (!restored || restored->keys.size() != 1 || restored->keys.first().versions.isEmpty())
        return badParameter(u"Backup blob contains invalid or corrupt version."_s);
    KeyEntry entry = restored->keys.first();
    entry.deleted.reset();
    if (const KeyEntry *existing = c.data().key(entry.name)) {
        if (existing->deleted)
            return VaultObjects::deletedButRecoverable(u"Key"_s, existing->name);
        return vaultError(409, u"Conflict"_s, u"Key %1 already exists."_s.arg(existing->name));
    }
    const KeyEntry &stored = *c.data().keys.insert(entry.name.toLower(), entry);
    c.context.persist();
    return HttpResponse::json(200, KeyCommon::bundleJson(c, stored, stored.versions.last()));
}

/// ISO 8601 durations as rotation policies use them: P90D, P3M, P1Y10D, PT48H.
std::optional<qint64> addDuration(qint64 from, const QString &duration)
{
    static const QRegularExpression re(
        uR"(^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$)"_s);
    const QRegularExpressionMatch m = re.match(duration);
    if (!m.hasMatch() || duration == "P"_L1 || duration.endsWith(u'T'))
        return std::nullopt;
    QDateTime t = QDateTime::fromSecsSinceEpoch(from, Qt::UTC);
    t = t.addYears(m.captured(1).toInt()).addMonths(m.captured(2).toInt());
    t = t.addDays(m.captured(3).toInt());
    return t.toSecsSinceEpoch() + m.captured(4).toLongLong() * 3600
           + m.captured(5).toLongLong() * 60;
}

HttpResponse rotateKey(Ctx &c)
{
    const auto r = KeyCommon::resolve(c);
    if (r.error)
        return *r.error;
    if (KeyCommon::isManaged(*r.entry))
        return managed(u"rotate"_s);
    const KeyVersion &last = r.entry->versions.last();
    const auto current = KeyPair::fromPrivateKeyPem(last.privateKeyPem);
    KeySpec spec;
    spec.kty = last.kty;
    spec.size = current ? current->bits() : 2048;
    spec.curve = current ? current->curve() : u"P-256"_s;
    spec.keyOps = last.keyOps;
    spec.tags = last.tags;
    spec.exportable = last.exportable;
    spec.releasePolicy = last.releasePolicy;
    // The rotation policy's expiryTime dates the new version (keys.json
    // KeyRotationPolicyAttributes).
    const QString expiry =
        r.entry->rotationPolicy
            ? (*r.entry->rotationPolicy)[u"attributes"_s][u"expiryTime"_s].toString()
            : QString();
    if (!expiry.isEmpty())
        spec.attributes.expires = addDuration(c.now(), expiry);
    const auto pair = generate(spec);
    if (!pair)
        return vaultError(500, u"InternalError"_s, u"The key could not be generated."_s);
    return storeVersion(c, spec, *pair);
}

QJsonObject rotationPolicyJson(const Ctx &c, const KeyEntry &e)
{
    QJsonObject o = e.rotationPolicy.value_or(QJsonObject{
        {u"lifetimeActions"_s,
         QJsonArray{QJsonObject{{u"trigger"_s, QJsonObject{{u"timeBeforeExpiry"_s, u"P30D"_s}}},
                                {u"action"_s, QJsonObject{{u"type"_s, u"Notify"_s}}}}}},
        {u"attributes"_s,
         QJsonObject{{u"created"_s, double(e.versions.first().attributes.created)},
                     {u"updated"_s, double(e.versions.first().attributes.created)}}}});
    o.insert("id"_L1, QString(KeyCommon::kid(c, e) + u"/rotationpolicy"_s));
    return o;
}

HttpResponse getRotationPolicy(Ctx &c)
{
    const auto r = KeyCommon::resolve(c);
    if (r.error)
        return *r.error;
    return HttpResponse::json(200, rotationPolicyJson(c, *r.entry));
}

/// lifetimeActions: a trigger (timeAfterCreate or timeBeforeExpiry) and a Rotate or
/// Notify action; the service adds the Notify action 30 days before expiry when the
/// policy has none (recorded answers of the JS SDK tests).
std::optional<QJsonArray> readLifetimeActions(const QJsonValue &value, QString &why)
{
    QJsonArray actions;
    bool notify = false;
    for (const QJsonValue &a : value.toArray()) {
        const QJsonObject trigger = a[u"trigger"_s].toObject();
        const QString type = a[u"action"_s][u"type"_s].toString();
        const bool rotate = type.compare("Rotate"_L1, Qt::CaseInsensitive) == 0;
        const bool isNotify = type.compare("Notify"_L1, Qt::CaseInsensitive) == 0;
        const QString after = trigger.value("timeAfterCreate"_L1).toString();
        const QString before = trigger.value("timeBeforeExpiry"_L1).toString();
        if ((!rotate && !isNotify) || (after.isEmpty() == before.isEmpty())
            || !addDuration(0, after.isEmpty() ? before : after)) {
            why =
                u"Each lifetime action needs the type Rotate or Notify and one trigger, timeAfterCreate or timeBeforeExpiry, as an ISO 8601 duration."_s;
            return std::nullopt;
        }
        notify = notify || isNotify;
        actions.append(a);
    }
    if (!notify)
        actions.append(QJsonObject{{u"trigger"_s, QJsonObject{{u"timeBeforeExpiry"_s, u"P30D"_s}}},
                                   {u"action"_s, QJsonObject{{u"type"_s, u"Notify"_s}}}});
    return actions;
}

HttpResponse setRotationPolicy(Ctx &c)
{
    const auto r = KeyCommon::resolve(c);
    if (r.error)
        return *r.error;
    if (KeyCommon::isManaged(*r.entry))
        return managed(u"setrotationpolicy"_s);
    HttpResponse error;
    const auto body = VaultObjects::jsonBody(c.call.request, error);
    if (!body)
        return error;
    QString why;
    const auto actions = readLifetimeActions(body->value("lifetimeActions"_L1), why);
    if (!actions)
        return badParameter(why);
    const QString expiry = (*body)[u"attributes"_s][u"expiryTime"_s].toString();
    // KeyRotationPolicyAttributes: "It should be at least 28 days."
    if (!expiry.isEmpty() && addDuration(0, expiry).value_or(0) < 28 * VaultObjects::Day)
        return badParameter(
            u"attributes.expiryTime must be an ISO 8601 duration of at least 28 days."_s);
    const qint64 created =
        r.entry->rotationPolicy
            ? qint64((*r.entry->rotationPolicy)[u"attributes"_s][u"created"_s].toDouble())
            : c.now();
    QJsonObject attributes{{u"created"_s, double(created)}, {u"updated"_s, double(c.now())}};
    if (!expiry.isEmpty())
        attributes.insert("expiryTime"_L1, expiry);
    r.entry->rotationPolicy =
        QJsonObject{{u"lifetimeActions"_s, *actions}, {u"attributes"_s, attributes}};
    c.context.persist();
    return HttpResponse::json(200, rotationPolicyJson(c, *r.entry));
}

HttpResponse runManagement(Ctx &c)
{
    switch (c.call.operation.operation) {
    case DataOperation::CreateKey:
        return createKey(c);
    case DataOperation::ImportKey:
        return importKey(c);
    case DataOperation::GetKey:
        return getKey(c);
    case DataOperation::ListKeys:
        return listKeys(c);
    case DataOperation::ListKeyVersions:
        return listVersions(c);
    case DataOperation::UpdateKey:
        return updateKey(c);
    case DataOperation::DeleteKey:
        return deleteKey(c);
    case DataOperation::ListDeletedKeys:
        return listDeleted(c);
    case DataOperation::GetDeletedKey:
        return getDeleted(c);
    case DataOperation::PurgeDeletedKey:
        return purgeDeleted(c);
    case DataOperation::RecoverDeletedKey:
        return recoverDeleted(c);
    case DataOperation::BackupKey:
        return backupKey(c);
    case DataOperation::RestoreKey:
        return restoreKey(c);
    case DataOperation::RotateKey:
        return rotateKey(c);
    case DataOperation::GetKeyRotationPolicy:
        return getRotationPolicy(c);
    case DataOperation::SetKeyRotationPolicy:
        return setRotationPolicy(c);
    default:
        break;
    }
    return vaultError(400, u"BadParameter"_s, u"Not a key operation."_s);
}

} // namespace

void KeyOperations::addFacts(const VaultCall &call, access::OperationRequest &request)
{
    const KeyEntry *entry = call.vault.data.key(call.operation.objectName);
    if (!entry || entry->deleted)
        return;
    const KeyVersion *v = entry->version(call.operation.version);
    if (!v)
        return;
    // Vault keys are RSA or EC: public-key operations may use keys/read (RBAC.md §4.2).
    request.asymmetricKey = true;
    request.objectEnabled = v->attributes.enabled;
    request.keyOperations = v->keyOps;
}

HttpResponse KeyOperations::run(VaultCall &call, ServiceContext &context)
{
    Ctx c{call, context};
    if (auto crypto = KeyCryptoOperations::run(c))
        return *crypto;
    return runManagement(c);
}

} // namespace vl::sandbox

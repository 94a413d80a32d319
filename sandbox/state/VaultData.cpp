// SPDX-License-Identifier: GPL-3.0-or-later
#include "state/VaultData.h"

#include <QJsonArray>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace vl::sandbox {
namespace {

QJsonObject attributesToJson(const ObjectAttributes &a)
{
    QJsonObject o{{u"enabled"_s, a.enabled},
                  {u"created"_s, double(a.created)},
                  {u"updated"_s, double(a.updated)}};
    if (a.notBefore)
        o.insert("nbf"_L1, double(*a.notBefore));
    if (a.expires)
        o.insert("exp"_L1, double(*a.expires));
    return o;
}

ObjectAttributes attributesFromJson(const QJsonObject &o)
{
    ObjectAttributes a;
    a.enabled = o.value("enabled"_L1).toBool(true);
    a.created = qint64(o.value("created"_L1).toDouble());
    a.updated = qint64(o.value("updated"_L1).toDouble());
    if (o.value("nbf"_L1).isDouble())
        a.notBefore = qint64(o.value("nbf"_L1).toDouble());
    if (o.value("exp"_L1).isDouble())
        a.expires = qint64(o.value("exp"_L1).toDouble());
    return a;
}

QJsonObject tagsToJson(const QMap<QString, QString> &tags)
{
    QJsonObject o;
    for (auto it = tags.begin(); it != tags.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QMap<QString, QString> tagsFromJson(const QJsonObject &o)
{
    QMap<QString, QString> tags;
    for (auto it = o.begin(); it != o.end(); ++it)
        tags.insert(it.key(), it.value().toString());
    return tags;
}

void insertTags(QJsonObject &o, const std::optional<QMap<QString, QString>> &tags)
{
    if (tags)
        o.insert("tags"_L1, tagsToJson(*tags));
}

std::optional<QMap<QString, QString>> readTags(const QJsonObject &o)
{
    if (!o.value("tags"_L1).isObject())
        return std::nullopt;
    return tagsFromJson(o.value("tags"_L1).toObject());
}

void insertDeletion(QJsonObject &o, const std::optional<Deletion> &deleted)
{
    if (deleted)
        o.insert("deleted"_L1,
                 QJsonObject{{u"deletedDate"_s, double(deleted->deletedDate)},
                             {u"scheduledPurgeDate"_s, double(deleted->scheduledPurgeDate)}});
}

std::optional<Deletion> readDeletion(const QJsonObject &o)
{
    if (!o.value("deleted"_L1).isObject())
        return std::nullopt;
    const QJsonObject d = o.value("deleted"_L1).toObject();
    return Deletion{qint64(d.value("deletedDate"_L1).toDouble()),
                    qint64(d.value("scheduledPurgeDate"_L1).toDouble())};
}

std::optional<QJsonObject> readObject(const QJsonObject &o, QLatin1StringView key)
{
    return o.value(key).isObject() ? std::optional(o.value(key).toObject()) : std::nullopt;
}

QString base64(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

QByteArray fromBase64(const QJsonValue &v)
{
    return QByteArray::fromBase64(v.toString().toLatin1());
}

/// The version named @p v (case-insensitive), or the last one when @p v is empty.
template<typename Version>
const Version *findVersion(const QList<Version> &versions, const QString &v)
{
    if (v.isEmpty())
        return versions.isEmpty() ? nullptr : &versions.last();
    for (const Version &s : versions)
        if (s.version.compare(v, Qt::CaseInsensitive) == 0)
            return &s;
    return nullptr;
}

template<typename Entry>
Entry *findEntry(QMap<QString, Entry> &map, const QString &name)
{
    auto it = map.find(name.toLower());
    return it == map.end() ? nullptr : &it.value();
}

template<typename Entry>
const Entry *findEntry(const QMap<QString, Entry> &map, const QString &name)
{
    auto it = map.constFind(name.toLower());
    return it == map.constEnd() ? nullptr : &it.value();
}

QJsonObject keyVersionToJson(const KeyVersion &v)
{
    QJsonObject o{{u"version"_s, v.version},
                  {u"kty"_s, v.kty},
                  {u"privateKeyPem"_s, QString::fromLatin1(v.privateKeyPem)},
                  {u"keyOps"_s, QJsonArray::fromStringList(v.keyOps)},
                  {u"attributes"_s, attributesToJson(v.attributes)},
                  {u"exportable"_s, v.exportable},
                  {u"managed"_s, v.managed}};
    insertTags(o, v.tags);
    if (v.releasePolicy)
        o.insert("releasePolicy"_L1, *v.releasePolicy);
    return o;
}

KeyVersion keyVersionFromJson(const QJsonObject &o)
{
    KeyVersion v;
    v.version = o.value("version"_L1).toString();
    v.kty = o.value("kty"_L1).toString();
    v.privateKeyPem = o.value("privateKeyPem"_L1).toString().toLatin1();
    for (const QJsonValue &op : o.value("keyOps"_L1).toArray())
        v.keyOps.append(op.toString());
    v.attributes = attributesFromJson(o.value("attributes"_L1).toObject());
    v.exportable = o.value("exportable"_L1).toBool();
    v.managed = o.value("managed"_L1).toBool();
    v.tags = readTags(o);
    v.releasePolicy = readObject(o, "releasePolicy"_L1);
    return v;
}

QJsonObject certificateVersionToJson(const CertificateVersion &v)
{
    QJsonArray chain;
    for (const QByteArray &der : v.chainDer)
        chain.append(base64(der));
    QJsonObject o{{u"version"_s, v.version},
                  {u"der"_s, base64(v.der)},
                  {u"chain"_s, chain},
                  {u"attributes"_s, attributesToJson(v.attributes)}};
    insertTags(o, v.tags);
    return o;
}

CertificateVersion certificateVersionFromJson(const QJsonObject &o)
{
    CertificateVersion v;
    v.version = o.value("version"_L1).toString();
    v.der = fromBase64(o.value("der"_L1));
    for (const QJsonValue &c : o.value("chain"_L1).toArray())
        v.chainDer.append(fromBase64(c));
    v.attributes = attributesFromJson(o.value("attributes"_L1).toObject());
    v.tags = readTags(o);
    return v;
}

QJsonObject operationToJson(const CertificateOperationState &p)
{
    QJsonObject o{{u"requestId"_s, p.requestId},
                  {u"version"_s, p.version},
                  {u"status"_s, p.status},
                  {u"statusDetails"_s, p.statusDetails},
                  {u"cancellationRequested"_s, p.cancellationRequested},
                  {u"csr"_s, base64(p.csrDer)},
                  {u"privateKeyPem"_s, QString::fromLatin1(p.privateKeyPem)},
                  {u"issuer"_s, p.issuer}};
    if (p.error)
        o.insert("error"_L1, *p.error);
    return o;
}

CertificateOperationState operationFromJson(const QJsonObject &o)
{
    CertificateOperationState p;
    p.requestId = o.value("requestId"_L1).toString();
    p.version = o.value("version"_L1).toString();
    p.status = o.value("status"_L1).toString();
    p.statusDetails = o.value("statusDetails"_L1).toString();
    p.cancellationRequested = o.value("cancellationRequested"_L1).toBool();
    p.csrDer = fromBase64(o.value("csr"_L1));
    p.privateKeyPem = o.value("privateKeyPem"_L1).toString().toLatin1();
    p.issuer = o.value("issuer"_L1).toObject();
    p.error = readObject(o, "error"_L1);
    return p;
}

template<typename Entry>
QJsonArray entriesToJson(const QMap<QString, Entry> &map)
{
    QJsonArray out;
    for (const Entry &e : map)
        out.append(toJson(e));
    return out;
}

template<typename Entry>
QMap<QString, Entry> entriesFromJson(const QJsonValue &array, Entry (*read)(const QJsonObject &))
{
    QMap<QString, Entry> out;
    for (const QJsonValue &v : array.toArray()) {
        Entry e = read(v.toObject());
        out.insert(e.name.toLower(), e);
    }
    return out;
}

} // namespace

const SecretVersion *SecretEntry::version(const QString &v) const
{
    return findVersion(versions, v);
}

SecretVersion *SecretEntry::version(const QString &v)
{
    return const_cast<SecretVersion *>(std::as_const(*this).version(v));
}

const KeyVersion *KeyEntry::version(const QString &v) const
{
    return findVersion(versions, v);
}

KeyVersion *KeyEntry::version(const QString &v)
{
    return const_cast<KeyVersion *>(std::as_const(*this).version(v));
}

const CertificateVersion *CertificateEntry::version(const QString &v) const
{
    return findVersion(versions, v);
}

CertificateVersion *CertificateEntry::version(const QString &v)
{
    return const_cast<CertificateVersion *>(std::as_const(*this).version(v));
}

SecretEntry *VaultData::secret(const QString &name)
{
    return findEntry(secrets, name);
}

const SecretEntry *VaultData::secret(const QString &name) const
{
    return findEntry(secrets, name);
}

KeyEntry *VaultData::key(const QString &name)
{
    return findEntry(keys, name);
}

const KeyEntry *VaultData::key(const QString &name) const
{
    return findEntry(keys, name);
}

CertificateEntry *VaultData::certificate(const QString &name)
{
    return findEntry(certificates, name);
}

const CertificateEntry *VaultData::certificate(const QString &name) const
{
    return findEntry(certificates, name);
}

QStringList defaultKeyOperations(const QString &kty)
{
    if (kty.startsWith("EC"_L1))
        return {u"sign"_s, u"verify"_s};
    return {u"encrypt"_s, u"decrypt"_s, u"sign"_s, u"verify"_s, u"wrapKey"_s, u"unwrapKey"_s};
}

QString newVersionId()
{
    QString id;
    id.reserve(32);
    for (int i = 0; i < 4; ++i)
        id += u"%1"_s.arg(QRandomGenerator::system()->generate(), 8, 16, QChar(u'0'));
    return id;
}

QJsonObject toJson(const SecretEntry &s)
{
    QJsonArray versions;
    for (const SecretVersion &v : s.versions) {
        QJsonObject o{{u"version"_s, v.version},
                      {u"value"_s, v.value},
                      {u"attributes"_s, attributesToJson(v.attributes)},
                      {u"managed"_s, v.managed}};
        if (v.contentType)
            o.insert("contentType"_L1, *v.contentType);
        insertTags(o, v.tags);
        if (!v.kid.isEmpty())
            o.insert("kid"_L1, v.kid);
        versions.append(o);
    }
    QJsonObject entry{{u"name"_s, s.name}, {u"versions"_s, versions}};
    insertDeletion(entry, s.deleted);
    return entry;
}

SecretEntry secretEntryFromJson(const QJsonObject &so)
{
    SecretEntry entry;
    entry.name = so.value("name"_L1).toString();
    for (const QJsonValue &vv : so.value("versions"_L1).toArray()) {
        const QJsonObject vo = vv.toObject();
        SecretVersion v;
        v.version = vo.value("version"_L1).toString();
        v.value = vo.value("value"_L1).toString();
        v.attributes = attributesFromJson(vo.value("attributes"_L1).toObject());
        v.managed = vo.value("managed"_L1).toBool();
        v.kid = vo.value("kid"_L1).toString();
        if (vo.value("contentType"_L1).isString())
            v.contentType = vo.value("contentType"_L1).toString();
        v.tags = readTags(vo);
        entry.versions.append(v);
    }
    entry.deleted = readDeletion(so);
    return entry;
}

QJsonObject toJson(const KeyEntry &k)
{
    QJsonArray versions;
    for (const KeyVersion &v : k.versions)
        versions.append(keyVersionToJson(v));
    QJsonObject o{{u"name"_s, k.name}, {u"versions"_s, versions}};
    insertDeletion(o, k.deleted);
    if (k.rotationPolicy)
        o.insert("rotationPolicy"_L1, *k.rotationPolicy);
    return o;
}

KeyEntry keyEntryFromJson(const QJsonObject &o)
{
    KeyEntry k;
    k.name = o.value("name"_L1).toString();
    for (const QJsonValue &v : o.value("versions"_L1).toArray())
        k.versions.append(keyVersionFromJson(v.toObject()));
    k.deleted = readDeletion(o);
    k.rotationPolicy = readObject(o, "rotationPolicy"_L1);
    return k;
}

QJsonObject toJson(const CertificateEntry &c)
{
    QJsonArray versions;
    for (const CertificateVersion &v : c.versions)
        versions.append(certificateVersionToJson(v));
    QJsonObject o{{u"name"_s, c.name}, {u"versions"_s, versions}, {u"policy"_s, c.policy}};
    if (c.pending)
        o.insert("pending"_L1, operationToJson(*c.pending));
    insertDeletion(o, c.deleted);
    if (c.deletedKey)
        o.insert("deletedKey"_L1, toJson(*c.deletedKey));
    if (c.deletedSecret)
        o.insert("deletedSecret"_L1, toJson(*c.deletedSecret));
    return o;
}

CertificateEntry certificateEntryFromJson(const QJsonObject &o)
{
    CertificateEntry c;
    c.name = o.value("name"_L1).toString();
    for (const QJsonValue &v : o.value("versions"_L1).toArray())
        c.versions.append(certificateVersionFromJson(v.toObject()));
    c.policy = o.value("policy"_L1).toObject();
    if (const auto pending = readObject(o, "pending"_L1))
        c.pending = operationFromJson(*pending);
    c.deleted = readDeletion(o);
    if (const auto key = readObject(o, "deletedKey"_L1))
        c.deletedKey = keyEntryFromJson(*key);
    if (const auto secret = readObject(o, "deletedSecret"_L1))
        c.deletedSecret = secretEntryFromJson(*secret);
    return c;
}

QJsonObject toJson(const VaultData &data)
{
    QJsonArray issuers;
    for (const IssuerEntry &i : data.issuers)
        issuers.append(QJsonObject{{u"name"_s, i.name}, {u"bundle"_s, i.bundle}});
    QJsonObject o{{u"secrets"_s, entriesToJson(data.secrets)},
                  {u"keys"_s, entriesToJson(data.keys)},
                  {u"certificates"_s, entriesToJson(data.certificates)},
                  {u"issuers"_s, issuers}};
    if (data.certificateContacts)
        o.insert("certificateContacts"_L1, *data.certificateContacts);
    return o;
}

VaultData vaultDataFromJson(const QJsonObject &o)
{
    VaultData data;
    data.secrets = entriesFromJson(o.value("secrets"_L1), &secretEntryFromJson);
    data.keys = entriesFromJson(o.value("keys"_L1), &keyEntryFromJson);
    data.certificates = entriesFromJson(o.value("certificates"_L1), &certificateEntryFromJson);
    for (const QJsonValue &v : o.value("issuers"_L1).toArray()) {
        const IssuerEntry issuer{v.toObject().value("name"_L1).toString(),
                                 v.toObject().value("bundle"_L1).toObject()};
        data.issuers.insert(issuer.name.toLower(), issuer);
    }
    if (o.value("certificateContacts"_L1).isArray())
        data.certificateContacts = o.value("certificateContacts"_L1).toArray();
    return data;
}

} // namespace vl::sandbox

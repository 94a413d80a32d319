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

} // namespace

const SecretVersion *SecretEntry::version(const QString &v) const
{
    if (v.isEmpty())
        return versions.isEmpty() ? nullptr : &versions.last();
    for (const SecretVersion &s : versions)
        if (s.version.compare(v, Qt::CaseInsensitive) == 0)
            return &s;
    return nullptr;
}

SecretVersion *SecretEntry::version(const QString &v)
{
    return const_cast<SecretVersion *>(std::as_const(*this).version(v));
}

SecretEntry *VaultData::secret(const QString &name)
{
    auto it = secrets.find(name.toLower());
    return it == secrets.end() ? nullptr : &it.value();
}

const SecretEntry *VaultData::secret(const QString &name) const
{
    auto it = secrets.constFind(name.toLower());
    return it == secrets.constEnd() ? nullptr : &it.value();
}

QString newVersionId()
{
    QString id;
    id.reserve(32);
    for (int i = 0; i < 4; ++i)
        id += u"%1"_s.arg(QRandomGenerator::system()->generate(), 8, 16, QChar(u'0'));
    return id;
}

QJsonObject toJson(const VaultData &data)
{
    QJsonArray secrets;
    for (const SecretEntry &s : data.secrets) {
        QJsonArray versions;
        for (const SecretVersion &v : s.versions) {
            QJsonObject o{{u"version"_s, v.version},
                          {u"value"_s, v.value},
                          {u"attributes"_s, attributesToJson(v.attributes)},
                          {u"managed"_s, v.managed}};
            if (v.contentType)
                o.insert("contentType"_L1, *v.contentType);
            if (v.tags)
                o.insert("tags"_L1, tagsToJson(*v.tags));
            if (!v.kid.isEmpty())
                o.insert("kid"_L1, v.kid);
            versions.append(o);
        }
        QJsonObject entry{{u"name"_s, s.name}, {u"versions"_s, versions}};
        if (s.deleted)
            entry.insert(
                "deleted"_L1,
                QJsonObject{{u"deletedDate"_s, double(s.deleted->deletedDate)},
                            {u"scheduledPurgeDate"_s, double(s.deleted->scheduledPurgeDate)}});
        secrets.append(entry);
    }
    return QJsonObject{{u"secrets"_s, secrets}};
}

VaultData vaultDataFromJson(const QJsonObject &o)
{
    VaultData data;
    for (const QJsonValue &sv : o.value("secrets"_L1).toArray()) {
        const QJsonObject so = sv.toObject();
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
            if (vo.value("tags"_L1).isObject())
                v.tags = tagsFromJson(vo.value("tags"_L1).toObject());
            entry.versions.append(v);
        }
        if (so.value("deleted"_L1).isObject()) {
            const QJsonObject d = so.value("deleted"_L1).toObject();
            entry.deleted = Deletion{qint64(d.value("deletedDate"_L1).toDouble()),
                                     qint64(d.value("scheduledPurgeDate"_L1).toDouble())};
        }
        data.secrets.insert(entry.name.toLower(), entry);
    }
    return data;
}

} // namespace vl::sandbox

// SPDX-License-Identifier: GPL-3.0-or-later
#include "vault/VaultObjects.h"

#include "access/Validation.h"
#include "auth/Base64Url.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace vl::sandbox::VaultObjects {

QString recoveryLevel(const arm::VaultProperties &p)
{
    const bool custom = p.softDeleteRetentionInDays.value_or(90) < 90;
    const bool protectedVault = p.enablePurgeProtection.value_or(false);
    return (custom ? u"CustomizedRecoverable"_s : u"Recoverable"_s)
           + (protectedVault ? QString() : u"+Purgeable"_s);
}

QJsonObject attributesJson(const ObjectAttributes &a, const arm::VaultProperties &p, bool recovery)
{
    QJsonObject o{{u"enabled"_s, a.enabled},
                  {u"created"_s, double(a.created)},
                  {u"updated"_s, double(a.updated)}};
    if (recovery) {
        o.insert("recoveryLevel"_L1, recoveryLevel(p));
        o.insert("recoverableDays"_L1, p.softDeleteRetentionInDays.value_or(90));
    }
    if (a.notBefore)
        o.insert("nbf"_L1, double(*a.notBefore));
    if (a.expires)
        o.insert("exp"_L1, double(*a.expires));
    return o;
}

QJsonObject tagsJson(const QMap<QString, QString> &tags)
{
    QJsonObject o;
    for (auto it = tags.begin(); it != tags.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

Deletion deletionNow(const arm::VaultProperties &p, qint64 now)
{
    return Deletion{now, now + p.softDeleteRetentionInDays.value_or(90) * Day};
}

void addDeletion(QJsonObject &o, const QString &recoveryId, const Deletion &d)
{
    o.insert("recoveryId"_L1, recoveryId);
    o.insert("deletedDate"_L1, double(d.deletedDate));
    o.insert("scheduledPurgeDate"_L1, double(d.scheduledPurgeDate));
}

HttpResponse badParameter(const QString &message)
{
    return vaultError(400, u"BadParameter"_s, message);
}

std::optional<QJsonObject> jsonBody(const HttpRequest &r, HttpResponse &error)
{
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(r.body, &parse);
    if (parse.error != QJsonParseError::NoError || !doc.isObject()) {
        error = badParameter(u"The request body is not a valid JSON object."_s);
        return std::nullopt;
    }
    return doc.object();
}

std::optional<HttpResponse> readTags(const QJsonObject &body,
                                     std::optional<QMap<QString, QString>> &tags)
{
    if (!body.contains("tags"_L1) || body.value("tags"_L1).isNull())
        return std::nullopt;
    if (!body.value("tags"_L1).isObject())
        return badParameter(u"tags must be an object of strings."_s);
    QMap<QString, QString> read;
    const QJsonObject t = body.value("tags"_L1).toObject();
    for (auto it = t.begin(); it != t.end(); ++it) {
        if (!it.value().isString())
            return badParameter(u"The value of tag '%1' must be a string."_s.arg(it.key()));
        read.insert(it.key(), it.value().toString());
    }
    if (const auto r = access::Validation::tags(read, access::TagTarget::VaultObject); !r)
        return badParameter(r.message);
    tags = read;
    return std::nullopt;
}

std::optional<HttpResponse> readAttributes(const QJsonObject &attributes, ObjectAttributes &a,
                                           bool withDates)
{
    if (attributes.contains("enabled"_L1))
        a.enabled = attributes.value("enabled"_L1).toBool(true);
    if (!withDates)
        return std::nullopt;
    for (const auto &[key, field] :
         {std::pair{"nbf"_L1, &a.notBefore}, std::pair{"exp"_L1, &a.expires}}) {
        if (!attributes.contains(key))
            continue;
        const QJsonValue value = attributes.value(key);
        if (value.isNull())
            *field = std::nullopt;
        else if (value.isDouble())
            *field = qint64(value.toDouble());
        else
            return badParameter(u"attributes.%1 must be a number of seconds."_s.arg(key));
    }
    if (a.notBefore && a.expires && *a.notBefore > *a.expires)
        return badParameter(u"attributes.nbf is later than attributes.exp."_s);
    return std::nullopt;
}

std::optional<HttpResponse> checkName(const QString &name)
{
    if (const auto r = access::Validation::objectName(name); !r)
        return badParameter(r.message);
    return std::nullopt;
}

HttpResponse deletedButRecoverable(const QString &kind, const QString &name)
{
    return vaultError(
        409, u"Conflict"_s,
        u"%1 %2 is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the %3 can only be recovered or purged."_s
            .arg(kind, name, kind.toLower()),
        u"ObjectIsDeletedButRecoverable"_s);
}

HttpResponse purgeProtected()
{
    return vaultError(
        403, u"Forbidden"_s,
        u"Operation \"purge\" is not allowed because purge protection is enabled for this vault. Key Vault service will automatically purge it after the retention period has passed."_s,
        u"PurgeProtectionEnabled"_s);
}

HttpResponse managedByKeyVault(const QString &operation, const QString &innerCode)
{
    return vaultError(
        403, u"Forbidden"_s,
        u"Operation \"%1\" is not allowed as this object's lifetime is managed by Key Vault."_s.arg(
            operation),
        innerCode);
}

HttpResponse backupAnswer(QByteArrayView magic, const VaultData &data)
{
    const QByteArray blob =
        magic.toByteArray() + QJsonDocument(toJson(data)).toJson(QJsonDocument::Compact);
    return HttpResponse::json(
        200, QJsonObject{{u"value"_s, QString::fromLatin1(base64UrlEncode(blob))}});
}

std::optional<VaultData> restoredData(const QJsonObject &body, QByteArrayView magic)
{
    const auto blob = base64UrlDecode(body.value("value"_L1).toString().toLatin1());
    if (!blob || !blob->startsWith(magic))
        return std::nullopt;
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(blob->mid(magic.size()), &parse);
    if (parse.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return vaultDataFromJson(doc.object());
}

} // namespace vl::sandbox::VaultObjects

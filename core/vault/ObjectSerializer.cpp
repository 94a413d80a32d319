// SPDX-License-Identifier: GPL-3.0-or-later
#include "vault/ObjectSerializer.h"

#include "util/Json.h"

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace vl::vault {

QDateTime dateTimeFromSeconds(std::optional<qint64> seconds)
{
    if (!seconds)
        return {};
    return QDateTime::fromSecsSinceEpoch(*seconds, Qt::UTC);
}

std::optional<qint64> secondsFromDateTime(const QDateTime &dateTime)
{
    if (!dateTime.isValid())
        return std::nullopt;
    return dateTime.toSecsSinceEpoch();
}

bool ObjectAttributes::isOutsideValidity(const QDateTime &now) const
{
    const qint64 t = now.toSecsSinceEpoch();
    return (notBefore && t < *notBefore) || (expires && t >= *expires);
}

bool ObjectAttributes::isPurgeable() const
{
    return recoveryLevel && recoveryLevel->endsWith("Purgeable"_L1);
}

QByteArray BackupBlob::bytes() const
{
    return QByteArray::fromBase64(value, QByteArray::Base64UrlEncoding);
}

BackupBlob BackupBlob::fromBytes(const QByteArray &bytes)
{
    return BackupBlob{
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)};
}

namespace detail {

std::optional<int> optionalInteger(const QJsonObject &o, QLatin1StringView key)
{
    const QJsonValue v = o.value(key);
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!std::isfinite(d) || d != std::trunc(d) || d < double(std::numeric_limits<int>::min())
        || d > double(std::numeric_limits<int>::max()))
        return std::nullopt;
    return int(d);
}

std::optional<qint64> optionalSeconds(const QJsonObject &o, QLatin1StringView key)
{
    const QJsonValue v = o.value(key);
    if (!v.isDouble())
        return std::nullopt;
    constexpr double Limit = 9007199254740992.0; // 2^53: exact in a JSON number
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::fabs(d) > Limit)
        return std::nullopt;
    return qint64(std::trunc(d));
}

std::optional<QStringList> optionalStringList(const QJsonObject &o, QLatin1StringView key)
{
    const QJsonValue v = o.value(key);
    if (!v.isArray())
        return std::nullopt;
    return json::stringList(v);
}

std::optional<QJsonObject> optionalObject(const QJsonObject &o, QLatin1StringView key)
{
    const QJsonValue v = o.value(key);
    if (!v.isObject())
        return std::nullopt;
    return v.toObject();
}

void insertSeconds(QJsonObject &o, QLatin1StringView key, const std::optional<qint64> &value)
{
    if (value)
        o.insert(key, QJsonValue(*value));
}

void insertStringList(QJsonObject &o, QLatin1StringView key, const std::optional<QStringList> &list)
{
    if (list)
        o.insert(key, json::toArray(*list));
}

void insertTags(QJsonObject &o, const std::optional<Tags> &tags)
{
    if (tags)
        o.insert("tags"_L1, json::fromStringMap(*tags));
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

} // namespace detail

namespace ObjectSerializer {

using namespace detail;

ObjectAttributes attributesFromJson(const QJsonObject &o)
{
    ObjectAttributes a;
    a.enabled = json::optionalBool(o, "enabled"_L1);
    a.notBefore = optionalSeconds(o, "nbf"_L1);
    a.expires = optionalSeconds(o, "exp"_L1);
    a.created = optionalSeconds(o, "created"_L1);
    a.updated = optionalSeconds(o, "updated"_L1);
    a.recoveryLevel = json::optionalString(o, "recoveryLevel"_L1);
    a.recoverableDays = optionalInteger(o, "recoverableDays"_L1);
    a.exportable = json::optionalBool(o, "exportable"_L1);
    a.hsmPlatform = json::optionalString(o, "hsmPlatform"_L1);
    a.extra = withoutKeys(o, {"enabled"_L1, "nbf"_L1, "exp"_L1, "created"_L1, "updated"_L1,
                              "recoveryLevel"_L1, "recoverableDays"_L1, "exportable"_L1,
                              "hsmPlatform"_L1});
    return a;
}

QJsonObject toJson(const ObjectAttributes &a)
{
    QJsonObject o;
    json::insertOptional(o, "enabled"_L1, a.enabled);
    insertSeconds(o, "nbf"_L1, a.notBefore);
    insertSeconds(o, "exp"_L1, a.expires);
    insertSeconds(o, "created"_L1, a.created);
    insertSeconds(o, "updated"_L1, a.updated);
    json::insertOptional(o, "recoveryLevel"_L1, a.recoveryLevel);
    json::insertOptional(o, "recoverableDays"_L1, a.recoverableDays);
    json::insertOptional(o, "exportable"_L1, a.exportable);
    json::insertOptional(o, "hsmPlatform"_L1, a.hsmPlatform);
    mergeExtra(o, a.extra);
    return o;
}

QJsonObject toRequestJson(const ObjectAttributes &a, bool withExportable)
{
    QJsonObject o;
    json::insertOptional(o, "enabled"_L1, a.enabled);
    insertSeconds(o, "nbf"_L1, a.notBefore);
    insertSeconds(o, "exp"_L1, a.expires);
    if (withExportable)
        json::insertOptional(o, "exportable"_L1, a.exportable);
    return o;
}

DeletionInfo deletionFromJson(const QJsonObject &o)
{
    DeletionInfo d;
    d.recoveryId = json::optionalString(o, "recoveryId"_L1);
    d.deletedDate = optionalSeconds(o, "deletedDate"_L1);
    d.scheduledPurgeDate = optionalSeconds(o, "scheduledPurgeDate"_L1);
    return d;
}

void insertDeletion(QJsonObject &o, const DeletionInfo &d)
{
    json::insertOptional(o, "recoveryId"_L1, d.recoveryId);
    insertSeconds(o, "deletedDate"_L1, d.deletedDate);
    insertSeconds(o, "scheduledPurgeDate"_L1, d.scheduledPurgeDate);
}

BackupBlob backupFromJson(const QJsonObject &o)
{
    return BackupBlob{o.value("value"_L1).toString().toLatin1()};
}

QJsonObject toJson(const BackupBlob &blob)
{
    return QJsonObject{{u"value"_s, QString::fromLatin1(blob.value)}};
}

QUrl nextLinkFromJson(const QJsonObject &o)
{
    const QJsonValue v = o.value("nextLink"_L1);
    if (!v.isString() || v.toString().isEmpty())
        return {};
    // In its encoded form, as toJson() writes it: a link read back from what was written
    // is the same link (a '#' inside the fragment, say, reads back as "%23" otherwise).
    const QUrl link(v.toString());
    return link.isValid() ? QUrl::fromEncoded(link.toEncoded()) : link;
}

} // namespace ObjectSerializer
} // namespace vl::vault

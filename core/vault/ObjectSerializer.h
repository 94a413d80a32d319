// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/ClientCall.h"
#include "vault/VaultObject.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <QUrl>

#include <initializer_list>
#include <optional>

namespace vl::vault {

/**
 * JSON mapping of what secrets, keys and certificates share: attributes,
 * deletion facts, tags, backup blobs and list pages. Readers never fail:
 * a member of the wrong type counts as absent. Times may arrive fractional
 * (one 7.6 example has `1493937.65`) and are truncated to whole seconds.
 */
namespace ObjectSerializer {

[[nodiscard]] ObjectAttributes attributesFromJson(const QJsonObject &o);
/// Every member, as the service writes it.
[[nodiscard]] QJsonObject toJson(const ObjectAttributes &attributes);
/// The writable members for a request body: enabled, nbf, exp and, with
/// @p withExportable (keys), exportable.
[[nodiscard]] QJsonObject toRequestJson(const ObjectAttributes &attributes,
                                        bool withExportable = false);

/// recoveryId, deletedDate and scheduledPurgeDate of a deleted object's JSON.
[[nodiscard]] DeletionInfo deletionFromJson(const QJsonObject &o);
/// Adds the members of @p deletion to @p o.
void insertDeletion(QJsonObject &o, const DeletionInfo &deletion);

/// `{"value": ...}` of a backup answer (`BackupSecretResult` and its kin).
[[nodiscard]] BackupBlob backupFromJson(const QJsonObject &o);
/// `{"value": ...}`: the backup answer, and the body of a restore request.
[[nodiscard]] QJsonObject toJson(const BackupBlob &blob);

/**
 * `nextLink` of a page body: empty when null, absent or empty (the last page). A link
 * QUrl cannot read is kept as an invalid QUrl, so that hasMore() stays true and
 * following it reports the problem instead of ending the list early.
 */
[[nodiscard]] QUrl nextLinkFromJson(const QJsonObject &o);

/// Reads a list page: `value` (null or absent: no items) and `nextLink`.
template<typename T, typename Parse>
[[nodiscard]] Page<T> pageFromJson(const QJsonObject &o, Parse parse)
{
    Page<T> page;
    const QJsonArray value = o.value(QLatin1StringView("value")).toArray();
    page.items.reserve(value.size());
    for (const QJsonValue &item : value)
        page.items.append(parse(item.toObject()));
    page.nextLink = nextLinkFromJson(o);
    return page;
}

/// Writes a list page as the service does (`nextLink` null on the last page).
template<typename T, typename Write>
[[nodiscard]] QJsonObject pageToJson(const Page<T> &page, Write write)
{
    QJsonArray value;
    for (const T &item : page.items)
        value.append(write(item));
    return QJsonObject{
        {QStringLiteral("value"), value},
        {QStringLiteral("nextLink"), page.nextLink.isEmpty()
                                         ? QJsonValue(QJsonValue::Null)
                                         : QJsonValue(page.nextLink.toString(QUrl::FullyEncoded))}};
}

} // namespace ObjectSerializer

/// Small readers and writers the vault serializers share.
namespace detail {

/// A whole number; nullopt for a non-number, a fraction or one beyond int's range.
[[nodiscard]] std::optional<int> optionalInteger(const QJsonObject &o, QLatin1StringView key);
/// Unix seconds; a fraction is truncated; nullopt for a non-number or beyond ±2^53.
[[nodiscard]] std::optional<qint64> optionalSeconds(const QJsonObject &o, QLatin1StringView key);
[[nodiscard]] std::optional<QStringList> optionalStringList(const QJsonObject &o,
                                                            QLatin1StringView key);
/// The object under @p key, or nullopt when it is missing or not an object.
[[nodiscard]] std::optional<QJsonObject> optionalObject(const QJsonObject &o,
                                                        QLatin1StringView key);
void insertSeconds(QJsonObject &o, QLatin1StringView key, const std::optional<qint64> &value);
void insertStringList(QJsonObject &o, QLatin1StringView key,
                      const std::optional<QStringList> &list);
void insertTags(QJsonObject &o, const std::optional<Tags> &tags);
/// @p o without @p keys.
[[nodiscard]] QJsonObject withoutKeys(QJsonObject o, std::initializer_list<QLatin1StringView> keys);
/// Adds the members of @p extra that @p o does not have.
void mergeExtra(QJsonObject &o, const QJsonObject &extra);

} // namespace detail

} // namespace vl::vault

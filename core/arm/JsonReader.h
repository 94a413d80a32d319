// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace vl::arm {

/**
 * @brief Takes typed members out of a JSON object, leaving what it could not
 * type in rest().
 *
 * A member is taken only when it has exactly the expected JSON type (a string
 * list only when every element is a string, an int only when the number is a
 * whole number in range), so that what a serializer writes from the typed
 * fields, overlaid with rest() (JsonWriter::overlay), reads back to the same
 * value: nothing the service sent is lost on a read-modify-write.
 */
class JsonReader
{
public:
    explicit JsonReader(QJsonObject object)
        : m_rest(std::move(object))
    {}

    /// A non-empty string member; an empty or missing one reads as an empty string.
    [[nodiscard]] QString string(QLatin1StringView key);
    [[nodiscard]] std::optional<QString> optionalString(QLatin1StringView key);
    [[nodiscard]] std::optional<bool> optionalBool(QLatin1StringView key);
    [[nodiscard]] std::optional<int> optionalInt(QLatin1StringView key);
    [[nodiscard]] std::optional<qint64> optionalInt64(QLatin1StringView key);
    [[nodiscard]] std::optional<QStringList> optionalStringList(QLatin1StringView key);
    [[nodiscard]] std::optional<QMap<QString, QString>> optionalStringMap(QLatin1StringView key);
    [[nodiscard]] std::optional<QJsonObject> optionalObject(QLatin1StringView key);
    /// An array member whose elements are all objects.
    [[nodiscard]] std::optional<QList<QJsonObject>> optionalObjects(QLatin1StringView key);

    /// The members not taken.
    [[nodiscard]] const QJsonObject &rest() const { return m_rest; }

private:
    QJsonObject m_rest;
};

/// JSON writing helpers matching JsonReader.
namespace JsonWriter {

/// Inserts @p value unless it is empty.
void insertString(QJsonObject &o, QLatin1StringView key, const QString &value);
void insertStringList(QJsonObject &o, QLatin1StringView key,
                      const std::optional<QStringList> &value);
void insertStringMap(QJsonObject &o, QLatin1StringView key,
                     const std::optional<QMap<QString, QString>> &value);
/**
 * Inserts every member of @p extra into @p o, replacing what the typed fields
 * wrote: a member is in `extra` only when the reader could not type it, so the
 * typed field holds nothing of it.
 */
void overlay(QJsonObject &o, const QJsonObject &extra);

} // namespace JsonWriter
} // namespace vl::arm

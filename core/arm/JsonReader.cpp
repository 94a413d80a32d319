// SPDX-License-Identifier: GPL-3.0-or-later
#include "arm/JsonReader.h"

#include "util/Json.h"

#include <cmath>
#include <limits>

namespace vl::arm {

QString JsonReader::string(QLatin1StringView key)
{
    const QJsonValue v = m_rest.value(key);
    if (!v.isString() || v.toString().isEmpty())
        return {};
    m_rest.remove(key);
    return v.toString();
}

std::optional<QString> JsonReader::optionalString(QLatin1StringView key)
{
    const QJsonValue v = m_rest.value(key);
    if (!v.isString())
        return std::nullopt;
    m_rest.remove(key);
    return v.toString();
}

std::optional<bool> JsonReader::optionalBool(QLatin1StringView key)
{
    const QJsonValue v = m_rest.value(key);
    if (!v.isBool())
        return std::nullopt;
    m_rest.remove(key);
    return v.toBool();
}

std::optional<int> JsonReader::optionalInt(QLatin1StringView key)
{
    const QJsonValue v = m_rest.value(key);
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (d != std::floor(d) || d < std::numeric_limits<int>::min()
        || d > std::numeric_limits<int>::max())
        return std::nullopt;
    m_rest.remove(key);
    return int(d);
}

std::optional<qint64> JsonReader::optionalInt64(QLatin1StringView key)
{
    const QJsonValue v = m_rest.value(key);
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    // Only whole numbers a double holds exactly, so that writing them back gives the same JSON.
    constexpr double Exact = 9007199254740992.0; // 2^53
    if (d != std::floor(d) || d < -Exact || d > Exact)
        return std::nullopt;
    m_rest.remove(key);
    return qint64(d);
}

std::optional<QStringList> JsonReader::optionalStringList(QLatin1StringView key)
{
    const QJsonValue v = m_rest.value(key);
    if (!v.isArray())
        return std::nullopt;
    QStringList out;
    const QJsonArray array = v.toArray();
    for (const QJsonValue &item : array) {
        if (!item.isString())
            return std::nullopt;
        out.append(item.toString());
    }
    m_rest.remove(key);
    return out;
}

std::optional<QMap<QString, QString>> JsonReader::optionalStringMap(QLatin1StringView key)
{
    const QJsonValue v = m_rest.value(key);
    if (!v.isObject())
        return std::nullopt;
    QMap<QString, QString> out;
    const QJsonObject object = v.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!it.value().isString())
            return std::nullopt;
        out.insert(it.key(), it.value().toString());
    }
    m_rest.remove(key);
    return out;
}

std::optional<QJsonObject> JsonReader::optionalObject(QLatin1StringView key)
{
    const QJsonValue v = m_rest.value(key);
    if (!v.isObject())
        return std::nullopt;
    m_rest.remove(key);
    return v.toObject();
}

std::optional<QList<QJsonObject>> JsonReader::optionalObjects(QLatin1StringView key)
{
    const QJsonValue v = m_rest.value(key);
    if (!v.isArray())
        return std::nullopt;
    QList<QJsonObject> out;
    const QJsonArray array = v.toArray();
    out.reserve(array.size());
    for (const QJsonValue &item : array) {
        if (!item.isObject())
            return std::nullopt;
        out.append(item.toObject());
    }
    m_rest.remove(key);
    return out;
}

namespace JsonWriter {

void insertString(QJsonObject &o, QLatin1StringView key, const QString &value)
{
    if (!value.isEmpty())
        o.insert(key, value);
}

void insertStringList(QJsonObject &o, QLatin1StringView key,
                      const std::optional<QStringList> &value)
{
    if (value)
        o.insert(key, json::toArray(*value));
}

void insertStringMap(QJsonObject &o, QLatin1StringView key,
                     const std::optional<QMap<QString, QString>> &value)
{
    if (value)
        o.insert(key, json::fromStringMap(*value));
}

void overlay(QJsonObject &o, const QJsonObject &extra)
{
    for (auto it = extra.begin(); it != extra.end(); ++it)
        o.insert(it.key(), it.value());
}

} // namespace JsonWriter
} // namespace vl::arm

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

/// Small helpers shared by the JSON serializers.
namespace vl::json {

[[nodiscard]] std::optional<bool> optionalBool(const QJsonObject &o, QLatin1StringView key);
[[nodiscard]] std::optional<int> optionalInt(const QJsonObject &o, QLatin1StringView key);
[[nodiscard]] std::optional<QString> optionalString(const QJsonObject &o, QLatin1StringView key);
[[nodiscard]] QStringList stringList(const QJsonValue &v);
[[nodiscard]] QJsonArray toArray(const QStringList &list);
[[nodiscard]] std::optional<QMap<QString, QString>> optionalStringMap(const QJsonObject &o,
                                                                      QLatin1StringView key);
[[nodiscard]] QJsonObject fromStringMap(const QMap<QString, QString> &map);

template<typename T>
void insertOptional(QJsonObject &o, QLatin1StringView key, const std::optional<T> &value)
{
    if (value)
        o.insert(key, QJsonValue(*value));
}

} // namespace vl::json

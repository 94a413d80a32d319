// SPDX-License-Identifier: GPL-3.0-or-later
#include "ItemExport.h"

#include "Presentation.h"
#include "VaultItemModel.h"

#include <QAbstractItemModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace vl {
namespace {

QString isoDate(const std::optional<qint64> &seconds)
{
    if (!seconds)
        return {};
    return vault::dateTimeFromSeconds(seconds).toString(Qt::ISODate);
}

QJsonValue jsonDate(const std::optional<qint64> &seconds)
{
    return seconds ? QJsonValue(isoDate(seconds)) : QJsonValue(QJsonValue::Null);
}

QString shownTag(const QString &value)
{
    return Presentation::instance().text(value);
}

const QStringList &csvColumns()
{
    static const QStringList columns{
        u"name"_s,       u"id"_s,          u"enabled"_s,           u"contentType"_s, u"managed"_s,
        u"thumbprint"_s, u"notBefore"_s,   u"expires"_s,           u"created"_s,     u"updated"_s,
        u"tags"_s,       u"deletedDate"_s, u"scheduledPurgeDate"_s};
    return columns;
}

} // namespace

QList<VaultItem> ItemExport::itemsOf(const QAbstractItemModel &model)
{
    QList<VaultItem> items;
    const int rows = model.rowCount();
    items.reserve(rows);
    for (int row = 0; row < rows; ++row) {
        const QVariant item = model.index(row, 0).data(VaultItemModel::ItemRole);
        if (item.canConvert<VaultItem>())
            items.append(item.value<VaultItem>());
    }
    return items;
}

QString ItemExport::csvField(const QString &field)
{
    static const QList<QChar> special{u',', u'"', u'\r', u'\n'};
    const bool quote = std::any_of(special.cbegin(), special.cend(),
                                   [&field](QChar c) { return field.contains(c); });
    if (!quote)
        return field;
    QString escaped = field;
    escaped.replace(u"\""_s, u"\"\""_s);
    return QString(u'"' + escaped + u'"');
}

QByteArray ItemExport::toCsv(const QList<VaultItem> &items)
{
    QStringList lines;
    lines.reserve(items.size() + 1);
    lines << csvColumns().join(u',');
    for (const VaultItem &item : items) {
        QStringList tags;
        for (auto it = item.tags.cbegin(); it != item.tags.cend(); ++it)
            tags << QString(it.key() + u'=' + shownTag(it.value()));
        const vault::ObjectAttributes &a = item.attributes;
        const QStringList fields{
            item.name,
            item.id,
            item.isEnabled() ? u"true"_s : u"false"_s,
            item.contentType,
            item.managed ? u"true"_s : u"false"_s,
            item.thumbprint,
            isoDate(a.notBefore),
            isoDate(a.expires),
            isoDate(a.created),
            isoDate(a.updated),
            tags.join(u"; "_s),
            isoDate(item.deletion.deletedDate),
            isoDate(item.deletion.scheduledPurgeDate),
        };
        QStringList quoted;
        quoted.reserve(fields.size());
        for (const QString &field : fields)
            quoted << csvField(field);
        lines << quoted.join(u',');
    }
    return QString(lines.join(u"\r\n"_s) + u"\r\n"_s).toUtf8();
}

QByteArray ItemExport::toJson(const QList<VaultItem> &items)
{
    QJsonArray array;
    for (const VaultItem &item : items) {
        QJsonObject tags;
        for (auto it = item.tags.cbegin(); it != item.tags.cend(); ++it)
            tags.insert(it.key(), shownTag(it.value()));
        const vault::ObjectAttributes &a = item.attributes;
        QJsonObject o{
            {u"name"_s, item.name},
            {u"id"_s, item.id},
            {u"enabled"_s, item.isEnabled()},
            {u"notBefore"_s, jsonDate(a.notBefore)},
            {u"expires"_s, jsonDate(a.expires)},
            {u"created"_s, jsonDate(a.created)},
            {u"updated"_s, jsonDate(a.updated)},
            {u"tags"_s, tags},
        };
        o.insert(u"contentType"_s, item.contentType.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                              : QJsonValue(item.contentType));
        if (item.kind == VaultItemKind::Certificate)
            o.insert(u"thumbprint"_s, item.thumbprint);
        else
            o.insert(u"managed"_s, item.managed);
        o.insert(u"deletedDate"_s, jsonDate(item.deletion.deletedDate));
        o.insert(u"scheduledPurgeDate"_s, jsonDate(item.deletion.scheduledPurgeDate));
        array.append(o);
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

QByteArray ItemExport::encode(const QList<VaultItem> &items, Format format)
{
    return format == Format::Json ? toJson(items) : toCsv(items);
}

ItemExport::Format ItemExport::formatForPath(const QString &path)
{
    return path.endsWith(".json"_L1, Qt::CaseInsensitive) ? Format::Json : Format::Csv;
}

bool ItemExport::write(const QString &path, Format format, const QList<VaultItem> &items,
                       QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(encode(items, format));
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace vl

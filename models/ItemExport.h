// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "VaultItem.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

class QAbstractItemModel;

namespace vl {

/**
 * @brief The list of a vault's items as a file: names, identifiers,
 * attributes, tags and deletion dates, never a value.
 *
 * CSV follows RFC 4180 (CRLF line ends, fields with a comma, quote or line
 * break quoted, quotes doubled); JSON is an array of objects. Dates are
 * ISO 8601 in UTC; absent ones are empty (CSV) or null (JSON). In
 * presentation mode GUIDs in tags are masked as on screen.
 */
class ItemExport
{
    Q_DECLARE_TR_FUNCTIONS(vl::ItemExport)

public:
    enum class Format { Csv, Json };

    /// The rows of @p model (any model answering VaultItemModel::ItemRole), in its order.
    [[nodiscard]] static QList<VaultItem> itemsOf(const QAbstractItemModel &model);

    [[nodiscard]] static QByteArray toCsv(const QList<VaultItem> &items);
    [[nodiscard]] static QByteArray toJson(const QList<VaultItem> &items);
    [[nodiscard]] static QByteArray encode(const QList<VaultItem> &items, Format format);

    /// The format a file name asks for (".json", else CSV).
    [[nodiscard]] static Format formatForPath(const QString &path);

    /// Writes @p items to @p path; on failure false and @p error says why.
    static bool write(const QString &path, Format format, const QList<VaultItem> &items,
                      QString *error = nullptr);

    /// One CSV field, quoted when it must be.
    [[nodiscard]] static QString csvField(const QString &field);
};

} // namespace vl

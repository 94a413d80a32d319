// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

/// The pieces of Microsoft Graph query strings and batches that GraphClient builds.
namespace vl::graph::GraphQuery {

/**
 * `startswith(displayName,'O''Neil')`: a basic `$filter` clause; the prefix is
 * written as an OData string literal (a quote is written twice).
 */
[[nodiscard]] QString startsWith(const QString &property, const QString &prefix);

/// `appId eq 'value'`: an equality `$filter` clause, the value as an OData string literal.
[[nodiscard]] QString equals(const QString &property, const QString &value);

/**
 * `"displayName:text"`: one `$search` clause (needs `ConsistencyLevel: eventual`).
 * Double quotes and backslashes in @p text become spaces: they would end the
 * clause, and `$search` splits words on them anyway. Surrounding spaces are dropped.
 */
[[nodiscard]] QString searchClause(const QString &property, const QString &text);

/// Whether @p id is a directory object id (a GUID, without braces), as getByIds takes them.
[[nodiscard]] bool isObjectId(const QString &id);

/// @p ids without empty strings and repeats (ids compare case-insensitively), in order.
[[nodiscard]] QStringList distinctIds(const QStringList &ids);

/// @p ids cut into consecutive runs of at most @p size (at least 1) each.
[[nodiscard]] QList<QStringList> batches(const QStringList &ids, int size);

} // namespace vl::graph::GraphQuery

// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/GraphQuery.h"

#include <QSet>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vl::graph::GraphQuery {

QString startsWith(const QString &property, const QString &prefix)
{
    QString literal = prefix;
    literal.replace(u'\'', "''"_L1);
    return u"startswith(%1,'%2')"_s.arg(property, literal);
}

QString equals(const QString &property, const QString &value)
{
    QString literal = value;
    literal.replace(u'\'', "''"_L1);
    return u"%1 eq '%2'"_s.arg(property, literal);
}

QString searchClause(const QString &property, const QString &text)
{
    QString words = text;
    words.replace(u'"', u' ').replace(u'\\', u' ');
    return u"\"%1:%2\""_s.arg(property, words.simplified());
}

bool isObjectId(const QString &id)
{
    // 8-4-4-4-12 hex digits; QUuid alone would also take braces.
    if (id.size() != 36 || id.startsWith(u'{'))
        return false;
    return !QUuid::fromString(id).isNull() || id == "00000000-0000-0000-0000-000000000000"_L1;
}

QStringList distinctIds(const QStringList &ids)
{
    QStringList out;
    QSet<QString> seen;
    for (const QString &id : ids) {
        if (id.isEmpty())
            continue;
        const QString key = id.toLower();
        if (seen.contains(key))
            continue;
        seen.insert(key);
        out.append(id);
    }
    return out;
}

QList<QStringList> batches(const QStringList &ids, int size)
{
    const qsizetype step = std::max(size, 1);
    QList<QStringList> out;
    for (qsizetype i = 0; i < ids.size(); i += step)
        out.append(ids.mid(i, step));
    return out;
}

} // namespace vl::graph::GraphQuery

// SPDX-License-Identifier: GPL-3.0-or-later
#include "journal/RequestJournal.h"

#include <algorithm>

namespace vl {

RequestJournal::RequestJournal(QObject *parent)
    : QObject(parent)
{}

quint64 RequestJournal::append(RequestRecord record)
{
    record.id = m_nextId++;
    trimTo(m_maximumSize - 1);
    m_records.append(std::move(record));
    Q_EMIT recordAdded(m_records.constLast());
    return m_records.constLast().id;
}

const RequestRecord *RequestJournal::find(quint64 id) const
{
    // Ids grow with the position: binary search.
    const auto it = std::lower_bound(m_records.cbegin(), m_records.cend(), id,
                                     [](const RequestRecord &r, quint64 v) { return r.id < v; });
    if (it == m_records.cend() || it->id != id)
        return nullptr;
    return &*it;
}

QList<RequestRecord> RequestJournal::exchange(const QString &clientRequestId) const
{
    QList<RequestRecord> out;
    if (clientRequestId.isEmpty())
        return out;
    for (const RequestRecord &r : m_records)
        if (r.clientRequestId == clientRequestId)
            out.append(r);
    return out;
}

void RequestJournal::clear()
{
    m_records.clear();
    Q_EMIT cleared();
}

void RequestJournal::setMaximumSize(int size)
{
    m_maximumSize = std::max(1, size);
    trimTo(m_maximumSize);
}

void RequestJournal::trimTo(int size)
{
    const qsizetype excess = m_records.size() - std::max(0, size);
    if (excess <= 0)
        return;
    m_records.remove(0, excess);
    Q_EMIT recordsRemoved(int(excess));
}

} // namespace vl

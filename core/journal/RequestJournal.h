// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "journal/RequestRecord.h"

#include <QList>
#include <QObject>

namespace vl {

/**
 * @brief Every exchange of the session, in order, redacted.
 *
 * The pipeline's journal policy appends; views read and listen. It keeps at
 * most maximumSize() records, dropping the oldest (recordsRemoved says how
 * many, before the new record's recordAdded). It lives on the thread that
 * runs the pipeline's continuations (the GUI thread).
 */
class RequestJournal final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestJournal)

public:
    explicit RequestJournal(QObject *parent = nullptr);

    /// Appends @p record (its id is assigned here) and emits recordAdded.
    quint64 append(RequestRecord record);
    [[nodiscard]] const QList<RequestRecord> &records() const { return m_records; }
    /// The record with @p id, or nullptr when it is gone or never was.
    [[nodiscard]] const RequestRecord *find(quint64 id) const;
    /// Every record sent under @p clientRequestId (a challenge and its answer, retries).
    [[nodiscard]] QList<RequestRecord> exchange(const QString &clientRequestId) const;
    void clear();

    [[nodiscard]] int maximumSize() const { return m_maximumSize; }
    /// At least 1; drops the oldest records beyond it.
    void setMaximumSize(int size);

Q_SIGNALS:
    void recordAdded(const vl::RequestRecord &record);
    /// The @p count oldest records were dropped to stay within maximumSize().
    void recordsRemoved(int count);
    void cleared();

private:
    void trimTo(int size);

    QList<RequestRecord> m_records;
    quint64 m_nextId = 1;
    int m_maximumSize = 10000;
};

} // namespace vl

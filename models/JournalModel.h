// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "journal/FlowStep.h"
#include "journal/RequestRecord.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSortFilterProxyModel>

#include <optional>

namespace vl {

class RequestJournal;

/**
 * @brief The request journal as a table, live: one row per request of the
 * session (time, service, method, target, status, duration, and the flow's
 * verdict at a glance), rows appended as requests finish and dropped as the
 * journal trims its oldest.
 */
class JournalModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JournalModel)

public:
    enum Column {
        TimeColumn,
        ServiceColumn,
        MethodColumn,
        TargetColumn, ///< host and path (the vault, the ARM resource)
        StatusColumn,
        DurationColumn,
        VerdictColumn, ///< "Passed" or the failed stage ("Failed at Firewall")
        ColumnCount
    };
    enum Role {
        RecordIdRole = Qt::UserRole + 100, ///< the record's journal id (quint64)
        ServiceRole,                       ///< int(Service)
        /// "passed", "failed", "challenged" (the anonymous first request Key Vault
        /// answers with its challenge) or "unknown"
        OutcomeRole,
        HostRole, ///< the target's host (and port)
    };

    explicit JournalModel(RequestJournal &journal, QObject *parent = nullptr);
    ~JournalModel() override;

    [[nodiscard]] const RequestRecord *record(int row) const;
    /// The explanation of @p row's request (with its exchange), computed once.
    [[nodiscard]] FlowExplanation explanation(int row) const;
    [[nodiscard]] int rowOf(quint64 recordId) const;

    /**
     * Shows @p label (a vault's name) for requests to @p host ("host" or
     * "host:port") in the target column: for hosts that do not name their vault,
     * such as the sandbox's 127.0.0.1:port. Hosts under a Key Vault domain show
     * their vault's name without it.
     */
    void setHostLabel(const QString &host, const QString &label);
    /// The vault name or host the target column shows for requests to @p url.
    [[nodiscard]] QString hostLabel(const QUrl &url) const;
    /// "host" or "host:port" of @p url, as HostRole gives it.
    [[nodiscard]] static QString hostOf(const QUrl &url);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Verdict;
    [[nodiscard]] Verdict verdict(int row) const;
    [[nodiscard]] QString targetText(const RequestRecord &record) const;
    void onRecordAdded(const RequestRecord &record);
    void onRecordsRemoved(int count);
    void onCleared();

    RequestJournal &m_journal;
    /// The journal's records as this model shows them: the journal drops its
    /// oldest before it says so, the rows must still be there while they go.
    QList<RequestRecord> m_records;
    mutable QHash<quint64, FlowExplanation> m_explanations;
    QHash<QString, QString> m_hostLabels;
};

/// Filters a JournalModel by host (a vault), service and outcome.
class JournalFilter : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JournalFilter)

public:
    explicit JournalFilter(QObject *parent = nullptr);
    ~JournalFilter() override;

    /// Only requests to @p host (empty: any).
    void setHost(const QString &host);
    /// Only requests to @p service (std::nullopt: any).
    void setService(std::optional<Service> service);
    /// Only "passed", "failed" or "unknown" (empty: any).
    void setOutcome(const QString &outcome);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_host;
    std::optional<Service> m_service;
    QString m_outcome;
};

} // namespace vl

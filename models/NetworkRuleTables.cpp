// SPDX-License-Identifier: GPL-3.0-or-later
#include "NetworkRuleTables.h"

#include "Presentation.h"

#include <QFont>
#include <QSet>

using namespace Qt::StringLiterals;

namespace vl {

NetworkRuleTable::NetworkRuleTable(QStringList headers, QObject *parent)
    : QAbstractTableModel(parent)
    , m_headers(std::move(headers))
{
    connect(&Presentation::instance(), &Presentation::changed, this, [this] {
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, columnCount() - 1));
    });
}

NetworkRuleTable::~NetworkRuleTable() = default;

int NetworkRuleTable::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int NetworkRuleTable::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size()) + 1;
}

QVariant NetworkRuleTable::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const NetworkRuleRow &row = m_rows.at(index.row());
    const bool stagedColumn = index.column() == int(m_headers.size());
    switch (role) {
    case Qt::DisplayRole:
        if (stagedColumn)
            return row.stagedText;
        return Presentation::instance().text(row.cells.value(index.column()));
    case models::RawValueRole:
        if (stagedColumn)
            return int(row.state);
        return row.raw.value(index.column(), row.cells.value(index.column()));
    case Qt::ToolTipRole:
        return row.toolTip.isEmpty() ? QVariant() : Presentation::instance().text(row.toolTip);
    case Qt::FontRole:
        if (row.state == StagedRowState::Removed) {
            QFont font;
            font.setStrikeOut(true);
            return font;
        }
        if (row.state != StagedRowState::Unchanged) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case KeyRole:
        return row.key;
    case StagedStateRole:
        return int(row.state);
    default:
        return {};
    }
}

QVariant NetworkRuleTable::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0
        || section >= columnCount())
        return {};
    if (section == int(m_headers.size()))
        return tr("Staged");
    return m_headers.at(section);
}

void NetworkRuleTable::setRows(const QList<NetworkRuleRow> &rows)
{
    QSet<QString> nextKeys;
    for (const NetworkRuleRow &r : rows)
        nextKeys.insert(r.key);
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (nextKeys.contains(m_rows.at(i).key))
            continue;
        beginRemoveRows({}, i, i);
        m_rows.removeAt(i);
        endRemoveRows();
    }
    // The rows that stay must keep their order, or the view is reset.
    QSet<QString> kept;
    for (const NetworkRuleRow &r : std::as_const(m_rows))
        kept.insert(r.key);
    QStringList keptOrder;
    for (const NetworkRuleRow &r : std::as_const(m_rows))
        keptOrder.append(r.key);
    QStringList nextOrder;
    for (const NetworkRuleRow &r : rows)
        if (kept.contains(r.key))
            nextOrder.append(r.key);
    if (keptOrder != nextOrder) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    for (int i = 0; i < rows.size(); ++i) {
        if (i < m_rows.size() && m_rows.at(i).key == rows.at(i).key) {
            if (m_rows.at(i) != rows.at(i)) {
                m_rows[i] = rows.at(i);
                Q_EMIT dataChanged(index(i, 0), index(i, columnCount() - 1));
            }
            continue;
        }
        beginInsertRows({}, i, i);
        m_rows.insert(i, rows.at(i));
        endInsertRows();
    }
}

QString NetworkRuleTable::key(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).key : QString();
}

int NetworkRuleTable::rowOf(const QString &key) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).key == key)
            return i;
    return -1;
}

IpRuleTable::IpRuleTable(QObject *parent)
    : NetworkRuleTable({tr("Address range")}, parent)
{}

IpRuleTable::~IpRuleTable() = default;

VirtualNetworkRuleTable::VirtualNetworkRuleTable(QObject *parent)
    : NetworkRuleTable({tr("Subnet"), tr("Virtual network")}, parent)
{}

VirtualNetworkRuleTable::~VirtualNetworkRuleTable() = default;

PrivateEndpointTable::PrivateEndpointTable(QObject *parent)
    : NetworkRuleTable({tr("Connection"), tr("Private endpoint"), tr("State")}, parent)
{}

PrivateEndpointTable::~PrivateEndpointTable() = default;

} // namespace vl

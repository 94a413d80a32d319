// SPDX-License-Identifier: GPL-3.0-or-later
#include "VaultItemFilter.h"

#include "VaultItemModel.h"

#include <algorithm>
#include <numeric>

using namespace Qt::StringLiterals;

namespace vl {

VaultItemFilter::VaultItemFilter(QObject *parent)
    : QAbstractProxyModel(parent)
{}

VaultItemFilter::~VaultItemFilter() = default;

void VaultItemFilter::setSourceModel(QAbstractItemModel *model)
{
    auto *items = qobject_cast<VaultItemModel *>(model);
    Q_ASSERT(!model || items);
    beginResetModel();
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_model = items;
    QAbstractProxyModel::setSourceModel(items);
    if (m_model) {
        m_connections = {
            connect(
                m_model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); }),
            connect(m_model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                    [this](const QModelIndex &, int first, int last) {
                        onRowsAboutToBeRemoved(first, last);
                    }),
            connect(
                m_model, &QAbstractItemModel::rowsRemoved, this,
                [this](const QModelIndex &, int first, int last) { onRowsRemoved(first, last); }),
            connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this,
                    [this] { beginResetModel(); }),
            connect(m_model, &QAbstractItemModel::modelReset, this,
                    [this] {
                        rebuild();
                        endResetModel();
                    }),
            connect(m_model, &QAbstractItemModel::layoutAboutToBeChanged, this,
                    [this] { beginResetModel(); }),
            connect(m_model, &QAbstractItemModel::layoutChanged, this,
                    [this] {
                        rebuild();
                        endResetModel();
                    }),
            connect(m_model, &QAbstractItemModel::dataChanged, this,
                    &VaultItemFilter::onDataChanged),
            connect(m_model, &QAbstractItemModel::headerDataChanged, this,
                    &QAbstractItemModel::headerDataChanged),
        };
    }
    rebuild();
    endResetModel();
}

bool VaultItemFilter::accepts(int sourceRow) const
{
    return m_needle.isEmpty() || m_model->filterText(sourceRow).contains(m_needle);
}

bool VaultItemFilter::before(int a, int b) const
{
    if (m_sortColumn < 0)
        return a < b;
    if (m_sortOrder == Qt::AscendingOrder)
        return VaultItemModel::lessThan(m_model->item(a), m_model->item(b), m_sortColumn);
    return VaultItemModel::lessThan(m_model->item(b), m_model->item(a), m_sortColumn);
}

void VaultItemFilter::rebuild()
{
    m_reverseValid = false;
    m_order.clear();
    m_rows.clear();
    if (!m_model)
        return;
    m_order.resize(m_model->rowCount());
    std::iota(m_order.begin(), m_order.end(), 0);
    if (m_sortColumn >= 0)
        std::stable_sort(m_order.begin(), m_order.end(),
                         [this](int a, int b) { return before(a, b); });
    if (m_needle.isEmpty()) {
        m_rows = m_order;
        return;
    }
    m_rows.reserve(m_order.size());
    for (int row : std::as_const(m_order)) {
        if (accepts(row))
            m_rows.append(row);
    }
}

void VaultItemFilter::ensureReverse() const
{
    if (m_reverseValid)
        return;
    m_reverse.fill(-1, m_model ? m_model->rowCount() : 0);
    for (int i = 0; i < m_rows.size(); ++i)
        m_reverse[m_rows[i]] = i;
    m_reverseValid = true;
}

void VaultItemFilter::applyRows(QList<int> rows)
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<int> sources;
    sources.reserve(before.size());
    for (const QModelIndex &index : before)
        sources.append(m_rows.at(index.row()));
    m_rows = std::move(rows);
    m_reverseValid = false;
    if (!before.isEmpty()) {
        ensureReverse();
        QModelIndexList after;
        after.reserve(before.size());
        for (int i = 0; i < before.size(); ++i) {
            const int row = m_reverse.at(sources.at(i));
            after.append(row < 0 ? QModelIndex() : createIndex(row, before.at(i).column()));
        }
        changePersistentIndexList(before, after);
    }
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void VaultItemFilter::setFilterText(const QString &text)
{
    m_text = text;
    const QString needle = text.trimmed().toLower();
    if (needle == m_needle || !m_model)
        return;
    // Another keystroke at either end narrows what is shown: search only that.
    const QList<int> &candidates = needle.contains(m_needle) ? m_rows : m_order;
    m_needle = needle;
    QList<int> rows;
    if (needle.isEmpty()) {
        rows = m_order;
    } else if (candidates.size() < m_order.size() / 16) {
        // Few rows left: look at each.
        const QStringView n(needle);
        for (int row : candidates) {
            if (m_model->filterText(row).contains(n))
                rows.append(row);
        }
    } else {
        // Many rows: one pass over all the search texts, then keep the order.
        const QByteArray hits = m_model->matches(needle);
        rows.reserve(candidates.size());
        for (int row : candidates) {
            if (hits.at(row))
                rows.append(row);
        }
    }
    applyRows(std::move(rows));
}

void VaultItemFilter::sort(int column, Qt::SortOrder order)
{
    if (column >= VaultItemModel::ColumnCount)
        column = -1;
    if (column == m_sortColumn && (column < 0 || order == m_sortOrder))
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    if (!m_model)
        return;
    // Keep what is shown; only the order changes.
    ensureReverse();
    const QList<int> shownBefore = m_reverse;
    m_order.resize(m_model->rowCount());
    std::iota(m_order.begin(), m_order.end(), 0);
    if (m_sortColumn >= 0)
        std::stable_sort(m_order.begin(), m_order.end(),
                         [this](int a, int b) { return before(a, b); });
    QList<int> rows;
    rows.reserve(m_rows.size());
    for (int row : std::as_const(m_order)) {
        if (shownBefore.at(row) >= 0)
            rows.append(row);
    }
    applyRows(std::move(rows));
}

void VaultItemFilter::insertShown(int sourceRow)
{
    const auto at = std::upper_bound(m_rows.begin(), m_rows.end(), sourceRow,
                                     [this](int a, int b) { return before(a, b); });
    const int row = int(at - m_rows.begin());
    beginInsertRows({}, row, row);
    m_rows.insert(row, sourceRow);
    m_reverseValid = false;
    endInsertRows();
}

void VaultItemFilter::onRowsInserted(int first, int last)
{
    const int count = last - first + 1;
    m_reverseValid = false;
    if (first < m_model->rowCount() - count) {
        // Rows inserted before others: renumber those after them.
        for (int &row : m_order)
            row += row >= first ? count : 0;
        for (int &row : m_rows)
            row += row >= first ? count : 0;
    }
    auto lessOrder = [this](int a, int b) {
        return before(a, b);
    };
    for (int row = first; row <= last; ++row)
        m_order.insert(std::upper_bound(m_order.begin(), m_order.end(), row, lessOrder), row);

    QList<int> shown;
    for (int row = first; row <= last; ++row) {
        if (accepts(row))
            shown.append(row);
    }
    if (shown.isEmpty())
        return;
    // Appended in the service's order, or after every row shown: one insertion.
    const bool atEnd = m_rows.isEmpty() || before(m_rows.last(), shown.first());
    const bool inOrder = std::is_sorted(shown.begin(), shown.end(), lessOrder);
    if (atEnd && inOrder) {
        const int row = int(m_rows.size());
        beginInsertRows({}, row, row + int(shown.size()) - 1);
        m_rows.append(shown);
        endInsertRows();
        return;
    }
    for (int row : std::as_const(shown))
        insertShown(row);
}

void VaultItemFilter::onRowsAboutToBeRemoved(int first, int last)
{
    ensureReverse();
    QList<int> gone;
    for (int row = first; row <= last; ++row) {
        if (m_reverse.at(row) >= 0)
            gone.append(m_reverse.at(row));
    }
    std::sort(gone.begin(), gone.end(), std::greater<int>());
    for (int row : std::as_const(gone)) {
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
    m_order.removeIf([first, last](int row) { return row >= first && row <= last; });
    m_reverseValid = false;
}

void VaultItemFilter::onRowsRemoved(int first, int last)
{
    const int count = last - first + 1;
    for (int &row : m_order)
        row -= row > last ? count : 0;
    for (int &row : m_rows)
        row -= row > last ? count : 0;
    m_reverseValid = false;
}

void VaultItemFilter::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                    const QList<int> &roles)
{
    if (!topLeft.isValid() || m_rows.isEmpty())
        return;
    constexpr int FewRows = 64;
    if (bottomRight.row() - topLeft.row() >= FewRows) {
        // A change of presentation or time: every row repaints, none moves.
        Q_EMIT dataChanged(index(0, topLeft.column()), index(rowCount() - 1, bottomRight.column()),
                           roles);
        return;
    }
    // An edited row: it may now pass the filter or not.
    for (int source = topLeft.row(); source <= bottomRight.row(); ++source) {
        ensureReverse();
        const int row = m_reverse.at(source);
        const bool shown = accepts(source);
        if (row >= 0 && !shown) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            m_reverseValid = false;
            endRemoveRows();
        } else if (row < 0 && shown) {
            insertShown(source);
        } else if (row >= 0) {
            Q_EMIT dataChanged(index(row, topLeft.column()), index(row, bottomRight.column()),
                               roles);
        }
    }
}

QModelIndex VaultItemFilter::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || column < 0 || row >= m_rows.size()
        || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex VaultItemFilter::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex VaultItemFilter::sibling(int row, int column, const QModelIndex &) const
{
    return index(row, column);
}

int VaultItemFilter::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int VaultItemFilter::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_model ? 0 : m_model->columnCount();
}

bool VaultItemFilter::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_rows.isEmpty();
}

QModelIndex VaultItemFilter::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!m_model || !proxyIndex.isValid() || proxyIndex.model() != this
        || proxyIndex.row() >= m_rows.size())
        return {};
    return m_model->index(m_rows.at(proxyIndex.row()), proxyIndex.column());
}

QModelIndex VaultItemFilter::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!m_model || !sourceIndex.isValid() || sourceIndex.model() != m_model)
        return {};
    ensureReverse();
    const int row = sourceIndex.row() < m_reverse.size() ? m_reverse.at(sourceIndex.row()) : -1;
    return row < 0 ? QModelIndex() : createIndex(row, sourceIndex.column());
}

QVariant VaultItemFilter::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && m_model)
        return m_model->headerData(section, orientation, role);
    return QAbstractItemModel::headerData(section, orientation, role);
}

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractProxyModel>
#include <QList>

namespace vl {

class VaultItemModel;

/**
 * @brief Filter-as-you-type and sorting over a VaultItemModel, fast enough
 * for a keystroke over 100,000 rows.
 *
 * The filter is a case-insensitive substring of each row's name, content
 * type or tags (`key=value`), searched in the lower-cased text the model keeps
 * per row. When the new text extends the previous one (another keystroke),
 * only the rows still shown are searched again. Sorting orders the source rows
 * once by a column's raw value (VaultItemModel::lessThan); later pages are
 * inserted in place. A filter or sort change is a layout change that keeps
 * the selection on the rows that stay.
 */
class VaultItemFilter final : public QAbstractProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VaultItemFilter)

public:
    explicit VaultItemFilter(QObject *parent = nullptr);
    ~VaultItemFilter() override;

    /// The model filtered; @p model must be a VaultItemModel (or nullptr).
    void setSourceModel(QAbstractItemModel *model) override;
    [[nodiscard]] VaultItemModel *itemModel() const { return m_model; }

    /// Shows only the rows whose name, content type or tags contain @p text (any case).
    void setFilterText(const QString &text);
    [[nodiscard]] const QString &filterText() const { return m_text; }

    /// Orders rows by @p column's raw value; -1 restores the service's order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    [[nodiscard]] int sortColumn() const { return m_sortColumn; }
    [[nodiscard]] Qt::SortOrder sortOrder() const { return m_sortOrder; }

    /// The source row shown in @p row (unchecked).
    [[nodiscard]] int sourceRow(int row) const { return m_rows.at(row); }

    [[nodiscard]] QModelIndex index(int row, int column,
                                    const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex &child) const override;
    [[nodiscard]] QModelIndex sibling(int row, int column, const QModelIndex &idx) const override;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] bool hasChildren(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    [[nodiscard]] QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

private:
    [[nodiscard]] bool accepts(int sourceRow) const;
    [[nodiscard]] bool before(int a, int b) const;
    /// m_order and m_rows from scratch (all source rows, sorted, filtered).
    void rebuild();
    /// Replaces the shown rows with @p rows (source rows) as one layout change.
    void applyRows(QList<int> rows);
    void ensureReverse() const;
    void onRowsInserted(int first, int last);
    void onRowsAboutToBeRemoved(int first, int last);
    void onRowsRemoved(int first, int last);
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                       const QList<int> &roles);
    void insertShown(int sourceRow);

    VaultItemModel *m_model = nullptr;
    QList<QMetaObject::Connection> m_connections;
    QString m_text;
    QString m_needle;
    QList<int> m_order;           ///< every source row, in sort order
    QList<int> m_rows;            ///< the source rows shown, in sort order
    mutable QList<int> m_reverse; ///< source row -> shown row, or -1
    mutable bool m_reverseValid = false;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ModelRoles.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

/**
 * @file
 * The tables the networking editor shows: IPv4 rules, virtual network rules
 * and private endpoint connections, each row with what the staged changes do
 * to it. NetworkRulesModel owns and fills them.
 */
namespace vl {

/// What the staged changes do to one row of a firewall table.
enum class StagedRowState {
    Unchanged, ///< as read from the service
    Added,     ///< staged to be added
    Removed,   ///< staged to be removed
    Edited,    ///< staged to replace another rule
    Changed,   ///< a private endpoint connection staged to be approved or rejected
};

/// One row of a firewall table.
struct NetworkRuleRow
{
    QString key;        ///< the rule (normalised), subnet id (lower case) or connection name
    QStringList cells;  ///< display text of every column before the Staged column
    QVariantList raw;   ///< sort values of those columns
    QString toolTip;    ///< shown over every cell of the row
    QString stagedText; ///< the Staged column: "Added", "Removed", "Approve", ...
    StagedRowState state = StagedRowState::Unchanged;

    friend bool operator==(const NetworkRuleRow &, const NetworkRuleRow &) = default;
};

/**
 * @brief A flat table of firewall rows whose last column says what is staged.
 *
 * setRows() updates the rows in place: removed rows are removed, new rows
 * inserted and changed rows reported with dataChanged(); the model is reset
 * only when rows that stay change order (after a reload).
 */
class NetworkRuleTable : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkRuleTable)

public:
    enum Role {
        /// The row's key (NetworkRuleRow::key).
        KeyRole = models::RawValueRole + 10,
        /// The row's StagedRowState, as an int.
        StagedStateRole,
    };

    ~NetworkRuleTable() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

    /// Replaces the rows with @p rows, with fine-grained change signals.
    void setRows(const QList<NetworkRuleRow> &rows);
    [[nodiscard]] const QList<NetworkRuleRow> &rows() const { return m_rows; }
    /// The key of @p row, or an empty string.
    [[nodiscard]] QString key(int row) const;
    /// The row whose key is @p key, or -1.
    [[nodiscard]] int rowOf(const QString &key) const;

protected:
    /// @p headers names the columns before the Staged column.
    NetworkRuleTable(QStringList headers, QObject *parent);

private:
    QStringList m_headers;
    QList<NetworkRuleRow> m_rows;
};

/// The vault's IPv4 rules.
class IpRuleTable final : public NetworkRuleTable
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IpRuleTable)

public:
    enum Column { AddressColumn, StagedColumn, ColumnCount };
    explicit IpRuleTable(QObject *parent = nullptr);
    ~IpRuleTable() override;
};

/// The vault's virtual network rules (subnets).
class VirtualNetworkRuleTable final : public NetworkRuleTable
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VirtualNetworkRuleTable)

public:
    enum Column { SubnetColumn, VirtualNetworkColumn, StagedColumn, ColumnCount };
    explicit VirtualNetworkRuleTable(QObject *parent = nullptr);
    ~VirtualNetworkRuleTable() override;
};

/// The vault's private endpoint connections.
class PrivateEndpointTable final : public NetworkRuleTable
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PrivateEndpointTable)

public:
    enum Column { ConnectionColumn, PrivateEndpointColumn, StateColumn, StagedColumn, ColumnCount };
    explicit PrivateEndpointTable(QObject *parent = nullptr);
    ~PrivateEndpointTable() override;
};

} // namespace vl

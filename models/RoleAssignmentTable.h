// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>

namespace vl {

class RoleAssignmentModel;

/**
 * @brief The table of RoleAssignmentModel: one row per assignment (read or
 * staged), with the principal, its type, the role, the scope, whether it is
 * inherited and what is staged for it.
 *
 * Display texts are for people; models::RawValueRole holds the value to sort by,
 * and RoleAssignmentModel::DataRole the ids behind a row.
 */
class RoleAssignmentTable final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoleAssignmentTable)

public:
    enum Column {
        PrincipalColumn,
        TypeColumn,
        RoleColumn,
        ScopeColumn,
        InheritedColumn,
        StagedColumn,
        ColumnCount
    };

    explicit RoleAssignmentTable(RoleAssignmentModel &model);
    ~RoleAssignmentTable() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

private:
    friend class RoleAssignmentModel;

    RoleAssignmentModel &m_model;
};

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/Operations.h"
#include "arm/RoleTypes.h"

#include <QAbstractTableModel>

#include <optional>

namespace vl::models {

/**
 * Every data-plane operation, with what authorizes it in each permission model,
 * and whether a chosen role (assigned at vault scope) allows it.
 */
class RoleOperationsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoleOperationsModel)

public:
    enum Column { OperationColumn, AllowedColumn, PermissionColumn, DataActionColumn, ColumnCount };

    explicit RoleOperationsModel(QObject *parent = nullptr);

    /// Shows what @p role allows; nothing clears the Allowed column.
    void setRole(const std::optional<arm::RoleDefinition> &role);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

    /// Whether the current role allows the operation in @p row (nothing when no role is set).
    [[nodiscard]] std::optional<bool> allowed(int row) const;

private:
    std::optional<arm::RoleDefinition> m_role;
    QList<std::optional<bool>> m_allowed;
};

} // namespace vl::models

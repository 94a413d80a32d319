// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/RoleCatalogue.h"

#include <QAbstractTableModel>

namespace vl::models {

/// The role definitions of a catalogue, one row each.
class RoleDefinitionModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoleDefinitionModel)

public:
    enum Column { NameColumn, KindColumn, DataActionsColumn, DescriptionColumn, ColumnCount };

    explicit RoleDefinitionModel(const access::RoleCatalogue &catalogue, QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

    /// The definition shown in @p row, or nullptr.
    [[nodiscard]] const arm::RoleDefinition *definition(int row) const;

private:
    const access::RoleCatalogue &m_catalogue;
};

} // namespace vl::models

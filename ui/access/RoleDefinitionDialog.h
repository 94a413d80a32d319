// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "arm/RoleTypes.h"

#include <QDialog>

class QListWidget;
class QTabWidget;
class QTableView;

namespace vl::models {
class RoleOperationsModel;
}

namespace vl::ui {

/**
 * @brief A role definition, read-only: its name, kind and description, its
 * actions, not-actions, data actions and not-data-actions, and the data-plane
 * operations it allows when assigned at vault scope (as the role explorer shows them).
 *
 * Object names: `roleTabs`, `roleActions`, `roleNotActions`, `roleDataActions`,
 * `roleNotDataActions` (lists), `roleOperations` (table).
 */
class RoleDefinitionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoleDefinitionDialog)

public:
    explicit RoleDefinitionDialog(const arm::RoleDefinition &role, QWidget *parent = nullptr);
    ~RoleDefinitionDialog() override;

    [[nodiscard]] const arm::RoleDefinition &role() const { return m_role; }
    /// The entries of one list: "actions", "notActions", "dataActions" or "notDataActions".
    [[nodiscard]] QStringList entries(const QString &list) const;

private:
    QListWidget *addList(const QString &objectName, const QString &title,
                         const QStringList &entries);

    arm::RoleDefinition m_role;
    QTabWidget *m_tabs;
    models::RoleOperationsModel *m_operations;
};

} // namespace vl::ui

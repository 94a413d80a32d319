// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace vl::access {
class RoleCatalogue;
}

namespace vl::models {
class RoleDefinitionModel;
class RoleOperationsModel;
} // namespace vl::models

namespace vl::ui {

/**
 * The role catalogue of the access engine: pick a role, see every data-plane
 * operation it allows at vault scope, with the access-policy permission and RBAC
 * data action each one needs.
 */
class RoleExplorer final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoleExplorer)

public:
    explicit RoleExplorer(const access::RoleCatalogue &catalogue, QWidget *parent = nullptr);

    /// Selects the role named @p roleName; false when there is none.
    bool selectRole(const QString &roleName);
    [[nodiscard]] QTableView *rolesView() const { return m_roles; }
    [[nodiscard]] QTableView *operationsView() const { return m_operations; }

private:
    void showRole(int row);

    models::RoleDefinitionModel *m_roleModel;
    models::RoleOperationsModel *m_operationModel;
    QSortFilterProxyModel *m_operationFilter;
    QTableView *m_roles;
    QTableView *m_operations;
    QLineEdit *m_filter;
    QLabel *m_summary;
};

} // namespace vl::ui

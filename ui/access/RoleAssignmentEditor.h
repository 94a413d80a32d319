// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "VaultLocation.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QMenu;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace vl {
class RoleAssignmentModel;
class Session;
} // namespace vl

namespace vl::ui {

class AssignRoleDialog;
class ErrorBanner;
class RoleDefinitionDialog;
class StagedChangesBar;

/**
 * @brief The Azure RBAC role assignments that apply to a vault: those made at
 * the vault, inherited from above it, and on single objects; assign a Key Vault
 * role, remove an assignment, view a role. Changes are staged and applied
 * through the StagedChangesBar at the bottom.
 *
 * ```
 *  [summary]                                     [ErrorBanner]
 *  table: Principal | Type | Role | Scope | Inherited | Staged   (sortable, context menu)
 *  [Assign role…] [Remove] [View role…] [Reload]
 *  [StagedChangesBar: n changes staged · Review and apply… · Discard]
 * ```
 *
 * Object names: `assignmentTable`, `assignRoleButton`, `removeAssignmentButton`,
 * `viewRoleButton`, `reloadAssignmentsButton`, `assignmentSummary`, `errorBanner`,
 * `stagedChangesBar`.
 */
class RoleAssignmentEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoleAssignmentEditor)

public:
    /// Starts loading the assignments at once.
    RoleAssignmentEditor(Session &session, VaultLocation location, QWidget *parent = nullptr);
    ~RoleAssignmentEditor() override;

    [[nodiscard]] RoleAssignmentModel &model() const { return *m_model; }
    [[nodiscard]] QTableView *view() const { return m_view; }
    [[nodiscard]] StagedChangesBar *stagedChangesBar() const { return m_bar; }
    [[nodiscard]] ErrorBanner *errorBanner() const { return m_banner; }
    /// The open assign dialog, or nullptr.
    [[nodiscard]] AssignRoleDialog *assignDialog() const { return m_assignDialog; }
    /// The open role viewer, or nullptr.
    [[nodiscard]] RoleDefinitionDialog *roleDialog() const { return m_roleDialog; }
    /// The model row behind the view's current row, or -1.
    [[nodiscard]] int currentModelRow() const;
    /// Makes the row of @p assignmentId current; false when it is not shown.
    bool selectAssignment(const QString &assignmentId);

public Q_SLOTS:
    /// Opens the assign dialog (window-modal, not blocking); returns it.
    AssignRoleDialog *openAssignDialog();
    /**
     * Opens the assign dialog pre-filled: the principal @p principalId (looked up in
     * the directory), the role named @p roleName and @p scope (the vault or an object).
     */
    void assignRole(const QString &principalId, const QString &roleName, const QString &scope);
    /// Stages the removal of the selected assignments (refusals shown in the banner).
    void removeSelected();
    /// Shows the role of the current row.
    RoleDefinitionDialog *viewRole();
    void reload();

private:
    void updateActions();
    void updateSummary();
    void showContextMenu(const QPoint &position);
    [[nodiscard]] QList<int> selectedModelRows() const;

    RoleAssignmentModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLabel *m_summary;
    ErrorBanner *m_banner;
    QTableView *m_view;
    QPushButton *m_assign;
    QPushButton *m_remove;
    QPushButton *m_viewRole;
    QPushButton *m_reload;
    StagedChangesBar *m_bar;
    QPointer<AssignRoleDialog> m_assignDialog;
    QPointer<RoleDefinitionDialog> m_roleDialog;
};

} // namespace vl::ui

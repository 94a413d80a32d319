// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "VaultLocation.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTabWidget;

namespace vl {
class PermissionModelSwitch;
class Session;
} // namespace vl

namespace vl::ui {

class AccessPolicyEditor;
class ErrorBanner;
class PermissionModelDialog;
class RoleAssignmentEditor;

/**
 * @brief A vault's Access tab: who may do what. The permission model in
 * plain words with its switch, and the two staged editors: role assignments
 * and access policies, the one in effect first.
 *
 * ```
 *  ┌ Permission model: Azure RBAC · explanation ─────── [Switch to access policies…] ┐
 *  ├ [Role assignments] [Access policies (not in effect)] ───────────────────────────┤
 *  │  editor (table, add/edit/remove, staged changes bar)                            │
 *  └─────────────────────────────────────────────────────────────────────────────────┘
 * ```
 *
 * Object names: `permissionModelLabel`, `switchPermissionModelButton`, `accessTabs`.
 */
class AccessView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessView)

public:
    AccessView(Session &session, VaultLocation location, QWidget *parent = nullptr);
    ~AccessView() override;

    [[nodiscard]] AccessPolicyEditor *accessPolicies() const { return m_policies; }
    [[nodiscard]] RoleAssignmentEditor *roleAssignments() const { return m_roles; }
    [[nodiscard]] PermissionModelSwitch &permissionModel() const { return *m_switch; }
    /// The switch dialog while open, else nullptr.
    [[nodiscard]] PermissionModelDialog *switchDialog() const { return m_dialog; }
    /// Reads the permission model and both editors' state again.
    void reload();
    /// Opens the switch dialog (when the model is loaded); returns it.
    PermissionModelDialog *openSwitchDialog();
    /// Shows the access policies (true) or the role assignments.
    void showAccessPolicies(bool policies);

private:
    void updateHeader();

    Session &m_session;
    VaultLocation m_location;
    PermissionModelSwitch *m_switch;
    QLabel *m_model;
    QPushButton *m_switchButton;
    ErrorBanner *m_error;
    QTabWidget *m_tabs;
    RoleAssignmentEditor *m_roles;
    AccessPolicyEditor *m_policies;
    PermissionModelDialog *m_dialog = nullptr;
};

} // namespace vl::ui

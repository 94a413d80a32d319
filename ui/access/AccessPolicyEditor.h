// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "VaultLocation.h"
#include "access/ObjectKind.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QMenu;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace vl {
class AccessPolicyModel;
class Session;
} // namespace vl

namespace vl::ui {

class AccessPolicyDialog;
class ErrorBanner;
class StagedChangesBar;

/**
 * @brief The vault's access policies: one row per entry with its principal
 * resolved, the permissions per category, and what is staged; add, edit and
 * remove stage changes that the bar at the bottom reviews and applies.
 *
 * Object names: `accessPolicyTable`, `addPolicyButton`, `editPolicyButton`,
 * `removePolicyButton`, `reloadPoliciesButton`, `policyErrorBanner`,
 * `stagedChangesBar`; context menu actions `editPolicyAction`,
 * `removePolicyAction`, `copyObjectIdAction`.
 */
class AccessPolicyEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessPolicyEditor)

public:
    /// Reads the policies of the vault at @p location at once.
    AccessPolicyEditor(Session &session, VaultLocation location, QWidget *parent = nullptr);
    ~AccessPolicyEditor() override;

    [[nodiscard]] AccessPolicyModel *model() const { return m_model; }
    [[nodiscard]] QTableView *view() const { return m_view; }
    [[nodiscard]] StagedChangesBar *stagedBar() const { return m_bar; }
    [[nodiscard]] ErrorBanner *errorBanner() const { return m_banner; }
    /// The add or edit dialog open now, or nullptr.
    [[nodiscard]] AccessPolicyDialog *dialog() const { return m_dialog; }

    /// Opens the add dialog (window-modal); returns it.
    AccessPolicyDialog *addPolicy();
    /// Opens the edit dialog for the model row @p row; returns it (nullptr: no such row).
    AccessPolicyDialog *editPolicy(int row);
    /// Stages the removal of the model row @p row (or restores a row staged for removal).
    void removePolicy(int row);
    /// The model row of the current view row, or -1.
    [[nodiscard]] int currentRow() const;

    /**
     * Opens the add or edit dialog for @p principalId with @p permission of @p kind
     * ticked besides what it holds (the remedy for an access-policy denial).
     */
    void grantPermission(const QString &principalId, access::ObjectKind kind,
                         const QString &permission);

private:
    AccessPolicyDialog *openDialog(AccessPolicyDialog *dialog);
    void updateButtons();
    void showContextMenu(const QPoint &pos);

    AccessPolicyModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLabel *m_heading;
    ErrorBanner *m_banner;
    QTableView *m_view;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QPushButton *m_reload;
    StagedChangesBar *m_bar;
    QPointer<AccessPolicyDialog> m_dialog;
};

} // namespace vl::ui

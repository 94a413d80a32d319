// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "NavigationModel.h"
#include "VaultLocation.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QMenu;
class QToolButton;
class QTreeView;

namespace vl {
class RecentVaults;
class RecentVaultsModel;
class Session;
} // namespace vl

namespace vl::ui {

class OpenVaultDialog;

/**
 * @brief The left dock: pinned and recent vaults, a filter, and the tree of
 * accounts, tenants, subscriptions, resource groups and vaults.
 *
 * ```
 *  [ Filter vaults…            ] [Open by URI…] [⟳]
 *  Pinned   kv-a                       (context menu: Open, Unpin, Copy URI)
 *  Recent   kv-b, kv-c
 *  ▾ alice@contoso.example
 *    ▾ Contoso ▾ Contoso Production ▾ rg-apps ▸ kv-contoso-apps   (double-click / Enter: open)
 * ```
 *
 * Opening a vault (tree, pinned or recent list, or by URI) records it among
 * the recent vaults and emits vaultActivated(). Typing in the filter loads
 * every tenant not loaded yet and shows the matches expanded.
 */
class NavigationPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NavigationPanel)

public:
    explicit NavigationPanel(Session &session, QWidget *parent = nullptr);
    ~NavigationPanel() override;

    /// Puts the keyboard focus in the filter with its text selected (Ctrl+F).
    void focusFilter();
    [[nodiscard]] NavigationModel *model() const { return m_model; }
    [[nodiscard]] NavigationFilterModel *filterModel() const { return m_filter; }
    [[nodiscard]] QTreeView *treeView() const { return m_tree; }
    [[nodiscard]] RecentVaults *recentVaults() const { return m_recent; }
    /// Hides the tenants @p enabled answers false for (the account panel's switches).
    void setTenantEnabledPredicate(NavigationModel::TenantPredicate enabled);
    /// The vault of the tree's current row, or an invalid location.
    [[nodiscard]] VaultLocation currentVault() const;
    /// Makes the tree's row of @p location current, when it is loaded; false when not.
    bool selectVault(const VaultLocation &location);

    /// The context menu of the tree's row @p index (an index of filterModel()); owned by
    /// the caller. Actions: openAction, pinAction, copyUriAction, copyResourceIdAction,
    /// portalAction, refreshAction.
    [[nodiscard]] QMenu *createContextMenu(const QModelIndex &index, QWidget *parent);
    /// The context menu of a pinned or recent vault; owned by the caller.
    [[nodiscard]] QMenu *createQuickAccessMenu(const VaultLocation &location, bool recentList,
                                               QWidget *parent);

public Q_SLOTS:
    /// Rebuilds the tree from the accounts (the tenant predicate applied again).
    void reload();
    /// Lists the current row's node again (F5 while the tree has the focus).
    void refreshCurrent();
    /// Shows the "Open vault by URI" dialog (not modal for the app: window-modal).
    void openVaultByUri();
    /// Opens @p location: records it among the recent vaults, emits vaultActivated().
    void activate(const vl::VaultLocation &location);

Q_SIGNALS:
    void vaultActivated(const vl::VaultLocation &location);
    /// The person asked to see the vault in the Azure portal of its cloud.
    void openInPortalRequested(const vl::VaultLocation &location);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onTreeActivated(const QModelIndex &index);
    void onFilterChanged(const QString &text);
    void expandMatches();
    void updateQuickAccess();
    void selectFirstMatch();

    Session &m_session;
    NavigationModel::TenantPredicate m_tenantEnabled;
    NavigationModel *m_model;
    NavigationFilterModel *m_filter;
    RecentVaults *m_recent;
    RecentVaultsModel *m_pinnedModel;
    RecentVaultsModel *m_recentModel;
    QLineEdit *m_filterEdit;
    QToolButton *m_openByUri;
    QToolButton *m_refresh;
    QLabel *m_pinnedLabel;
    QListView *m_pinnedList;
    QLabel *m_recentLabel;
    QListView *m_recentList;
    QTreeView *m_tree;
    bool m_expandQueued = false;
};

} // namespace vl::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "VaultLocation.h"
#include "access/RoleExplorer.h"
#include "flow/GuidedTour.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QSettings;
class QStackedWidget;
class QTabWidget;

namespace vl {
class Session;
struct Remedy;
struct RequestRecord;
namespace access {
class RoleCatalogue;
}
} // namespace vl

namespace vl::ui {

class AccountPanel;
class FlowInspector;
class GuidedTour;
class NavigationPanel;
class VaultView;

/**
 * @brief The application window: the navigation and account docks, the open
 * vaults as tabs, menus and shortcuts, the status bar, and the layout,
 * theme and presentation mode kept across runs.
 *
 * ```
 *  ┌ Navigation ┐┌ kv-contoso-prod ┬ kv-contoso-dev ┐
 *  │ account    ││ Secrets Keys Certificates       │
 *  │  tenant    ││ [filter]          │ details     │
 *  │   sub      ││ list              │ pane        │
 *  ├ Accounts ──┤│                   │             │
 *  └────────────┘└─────────────────────────────────┘
 *   status: counts · clipboard countdown · sandbox
 * ```
 */
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    /// @p settings keeps the layout and choices (not owned; null: QSettings()).
    MainWindow(Session &session, const access::RoleCatalogue &catalogue,
               QSettings *settings = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens @p location in a tab (or shows its tab when already open) and remembers it.
    VaultView *openVault(const VaultLocation &location);
    /// The vault tab shown, or nullptr.
    [[nodiscard]] VaultView *currentVault() const;
    [[nodiscard]] QList<VaultView *> vaults() const;
    /// Shows the roles and permissions explorer in a tab.
    RoleExplorer *showRoleExplorer();
    /// Opens the sign-in dialog.
    void signIn();
    /// The tenant the sign-in dialog proposes for @p cloud (the sandbox's own tenant).
    void setDefaultTenant(const QString &cloud, const QString &tenant);
    /// Reopens the vault open when the app was last closed, when its account is here.
    bool restoreLastVault();

    [[nodiscard]] NavigationPanel *navigationPanel() const { return m_navigation; }
    [[nodiscard]] AccountPanel *accountPanel() const { return m_accountPanel; }
    [[nodiscard]] RoleExplorer *roleExplorer() const { return m_roleExplorer; }
    /// The flow inspector (in its dock), shown and raised.
    FlowInspector *showFlowInspector();
    [[nodiscard]] FlowInspector *flowInspector() const { return m_flow; }
    /**
     * Opens the editor that applies @p remedy to the vault @p record went to,
     * pre-filled, in a tab of that vault whose account may change it (one that is
     * not the refused principal's, when there is one). False when no open vault
     * tab fits; the status bar says what to open.
     */
    bool applyRemedy(const vl::Remedy &remedy, const vl::RequestRecord &record);
    /// Offers the guided tour of @p sandbox in the Help menu (sandbox mode).
    void enableGuidedTour(const TourSandbox &sandbox);
    /// Opens the guided tour at @p scenario; nullptr without enableGuidedTour().
    GuidedTour *startGuidedTour(int scenario);
    /// A note shown permanently in the status bar (e.g. where the sandbox runs).
    void setEnvironmentNote(const QString &note);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void createDocks();
    void createStatusBar();
    void restoreLayout();
    void saveLayout();
    void updateActions();
    /// Names the account in the titles of tabs that show the same vault.
    void updateTabTitles();
    void updateCounts();
    void openInPortal(const VaultLocation &location);
    void setPresentationMode(bool on);
    [[nodiscard]] QSettings &settings() const;

    Session &m_session;
    const access::RoleCatalogue &m_catalogue;
    QSettings *m_settings;
    std::unique_ptr<QSettings> m_ownSettings;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_welcome = nullptr;
    QTabWidget *m_tabs = nullptr;
    NavigationPanel *m_navigation = nullptr;
    AccountPanel *m_accountPanel = nullptr;
    QDockWidget *m_navigationDock = nullptr;
    QDockWidget *m_accountDock = nullptr;
    QDockWidget *m_flowDock = nullptr;
    FlowInspector *m_flow = nullptr;
    QMenu *m_help = nullptr;
    std::optional<TourSandbox> m_tourSandbox;
    QPointer<GuidedTour> m_tour;
    QPointer<RoleExplorer> m_roleExplorer;
    QLabel *m_counts = nullptr;
    QLabel *m_environment = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_find = nullptr;
    QAction *m_portal = nullptr;
    QAction *m_access = nullptr;
    QAction *m_networking = nullptr;
    QAction *m_copyVaultUri = nullptr;
    QAction *m_exportList = nullptr;
    QAction *m_newItem = nullptr;
    QAction *m_presentation = nullptr;
    QActionGroup *m_themes = nullptr;
};

} // namespace vl::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "JournalModel.h"
#include "PortalLinks.h"
#include "Presentation.h"
#include "RecentVaults.h"
#include "RequestReplay.h"
#include "Session.h"
#include "access/RoleExplorer.h"
#include "browse/NavigationPanel.h"
#include "flow/FlowInspector.h"
#include "journal/FlowStep.h"
#include "journal/RequestRecord.h"
#include "shell/Theme.h"
#include "shell/VaultView.h"
#include "shell/WelcomePage.h"
#include "signin/AccountPanel.h"
#include "signin/AppRegistrationGuide.h"
#include "signin/SignInDialog.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vl::ui {

namespace {
constexpr auto GeometryKey = "window/geometry"_L1;
constexpr auto StateKey = "window/state"_L1;
constexpr auto LastVaultKey = "window/lastVault"_L1;
constexpr auto ThemeKey = "view/theme"_L1;
constexpr auto PresentationKey = "view/presentationMode"_L1;

QAction *makeAction(QObject *parent, const QString &objectName, const QString &text,
                    const QKeySequence &shortcut = {})
{
    auto *action = new QAction(text, parent);
    action->setObjectName(objectName);
    if (!shortcut.isEmpty())
        action->setShortcut(shortcut);
    return action;
}
} // namespace

MainWindow::MainWindow(Session &session, const access::RoleCatalogue &catalogue,
                       QSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_catalogue(catalogue)
    , m_settings(settings)
{
    if (!m_settings) {
        m_ownSettings = std::make_unique<QSettings>();
        m_settings = m_ownSettings.get();
    }
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("VaultLens"));
    setDockNestingEnabled(true);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"vaultTabs"_s);
    m_tabs->setAccessibleName(tr("Open vaults"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        QWidget *page = m_tabs->widget(index);
        m_tabs->removeTab(index);
        page->deleteLater();
        if (m_tabs->count() == 0)
            m_stack->setCurrentWidget(m_welcome);
        updateTabTitles();
        updateActions();
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        updateActions();
        updateCounts();
    });

    auto *welcome = new WelcomePage(m_session, this);
    connect(welcome, &WelcomePage::signInRequested, this, &MainWindow::signIn);
    m_welcome = welcome;
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(u"centralStack"_s);
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_tabs);
    setCentralWidget(m_stack);

    createDocks();
    createMenus();
    createStatusBar();
    resize(1280, 800);
    restoreLayout();
    updateActions();

    connect(&Presentation::instance(), &Presentation::changed, this, [this](bool on) {
        m_presentation->setChecked(on);
        updateTabTitles();
        for (int i = 0; i < m_tabs->count(); ++i) {
            if (auto *view = qobject_cast<VaultView *>(m_tabs->widget(i)))
                m_tabs->setTabToolTip(
                    i, Presentation::instance().text(view->location().vaultUri.toString()));
        }
    });
}

MainWindow::~MainWindow() = default;

QSettings &MainWindow::settings() const
{
    return *m_settings;
}

void MainWindow::createDocks()
{
    m_navigation = new NavigationPanel(m_session, this);
    m_navigationDock = new QDockWidget(tr("Navigation"), this);
    m_navigationDock->setObjectName(u"navigationDock"_s);
    m_navigationDock->setAccessibleName(tr("Navigation"));
    m_navigationDock->setWidget(m_navigation);
    addDockWidget(Qt::LeftDockWidgetArea, m_navigationDock);
    connect(m_navigation, &NavigationPanel::vaultActivated, this,
            [this](const VaultLocation &location) { openVault(location); });
    connect(m_navigation, &NavigationPanel::openInPortalRequested, this, &MainWindow::openInPortal);

    m_accountPanel = new AccountPanel(m_session, this, m_settings);
    m_accountDock = new QDockWidget(tr("Accounts"), this);
    m_accountDock->setObjectName(u"accountDock"_s);
    m_accountDock->setAccessibleName(tr("Accounts"));
    m_accountDock->setWidget(m_accountPanel);
    addDockWidget(Qt::LeftDockWidgetArea, m_accountDock);
    m_navigation->setTenantEnabledPredicate(
        [panel = m_accountPanel](const QString &accountId, const QString &tenantId) {
            return panel->isTenantEnabled(accountId, tenantId);
        });
    connect(m_accountPanel, &AccountPanel::tenantsEnabledChanged, m_navigation,
            &NavigationPanel::reload);

    m_flow = new FlowInspector(m_session, this);
    m_flowDock = new QDockWidget(tr("Flow inspector"), this);
    m_flowDock->setObjectName(u"flowInspectorDock"_s);
    m_flowDock->setAccessibleName(tr("Flow inspector"));
    m_flowDock->setWidget(m_flow);
    addDockWidget(Qt::BottomDockWidgetArea, m_flowDock);
    resizeDocks({m_flowDock}, {340}, Qt::Vertical);
    connect(m_flow, &FlowInspector::remedyRequested, this, &MainWindow::applyRemedy);
    connect(m_flow, &FlowInspector::statusMessage, statusBar(), &QStatusBar::showMessage);
}

void MainWindow::enableGuidedTour(const TourSandbox &sandbox)
{
    if (m_tourSandbox)
        return;
    m_tourSandbox = sandbox;
    QMenu *tour = new QMenu(tr("&Guided tour"), m_help);
    tour->setObjectName(u"guidedTourMenu"_s);
    const QList<GuidedTour::Scenario> scenarios = GuidedTour::scenarios();
    for (qsizetype i = 0; i < scenarios.size(); ++i) {
        QAction *action = tour->addAction(GuidedTour::title(scenarios.at(i)));
        action->setObjectName(u"guidedTourAction%1"_s.arg(i));
        connect(action, &QAction::triggered, this, [this, i] { startGuidedTour(int(i)); });
    }
    m_help->insertMenu(m_help->actions().value(0), tour);
}

GuidedTour *MainWindow::startGuidedTour(int scenario)
{
    if (!m_tourSandbox)
        return nullptr;
    if (!m_tour) {
        m_tour = new GuidedTour(*this, m_session, *m_tourSandbox, this);
        m_tour->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_tour->start(GuidedTour::scenarios().value(scenario));
    return m_tour;
}

FlowInspector *MainWindow::showFlowInspector()
{
    // Shown for a request to look at: tall enough for its flow, at the bottom.
    if (!m_flowDock->isFloating() && m_flowDock->height() < height() * 2 / 5)
        resizeDocks({m_flowDock}, {height() * 9 / 20}, Qt::Vertical);
    m_flowDock->show();
    m_flowDock->raise();
    return m_flow;
}

bool MainWindow::applyRemedy(const Remedy &remedy, const RequestRecord &record)
{
    if (remedy.kind == Remedy::Kind::SignInToTenant || remedy.kind == Remedy::Kind::SignInAgain) {
        statusBar()->showMessage(remedy.text, 10000);
        m_accountDock->show();
        SignInDialog *dialog = m_accountPanel->addAccount();
        if (dialog->isBusy())
            return true; // a sign-in under way is left alone
        // The account that sent the request, signed in again or to the tenant named.
        const auto sender = RequestReplay::senderOf(
            m_session.accounts(), record, m_session.journal().exchange(record.clientRequestId));
        if (const auto account =
                sender ? m_session.accounts().account(sender->accountId) : std::nullopt)
            dialog->prefill(*account);
        if (remedy.kind == Remedy::Kind::SignInToTenant && !remedy.tenantId.isEmpty())
            dialog->setTenant(remedy.tenantId);
        return true;
    }
    // The vault the request went to: by its address, or by the resource the remedy names.
    const auto fits = [&](const VaultView *view) {
        const VaultLocation &l = view->location();
        if (!record.url.isEmpty() && record.service == Service::KeyVault)
            return JournalModel::hostOf(l.vaultUri) == JournalModel::hostOf(record.url);
        if (!remedy.vault.isEmpty())
            return l.name.compare(remedy.vault, Qt::CaseInsensitive) == 0;
        return !remedy.scope.isEmpty() && l.hasResourceId()
               && remedy.scope.startsWith(l.resourceId, Qt::CaseInsensitive);
    };
    VaultView *chosen = nullptr;
    for (VaultView *view : vaults()) {
        if (!fits(view) || !view->location().hasResourceId())
            continue;
        const std::optional<Account> account =
            m_session.accounts().account(view->location().accountId);
        const bool refused =
            account && !remedy.principalId.isEmpty()
            && account->objectId.compare(remedy.principalId, Qt::CaseInsensitive) == 0;
        if (!chosen || !refused)
            chosen = view;
        if (!refused)
            break;
    }
    if (!chosen) {
        statusBar()->showMessage(
            tr("Open the vault %1 from the navigation tree, as an account that may change it, "
               "to apply: %2")
                .arg(remedy.vault.isEmpty() ? record.url.host() : remedy.vault, remedy.text),
            12000);
        return false;
    }
    m_tabs->setCurrentWidget(chosen);
    m_stack->setCurrentWidget(m_tabs);
    return chosen->applyRemedy(remedy);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *signIn = makeAction(this, u"signInAction"_s, tr("&Add account…"),
                                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    connect(signIn, &QAction::triggered, this, &MainWindow::signIn);
    file->addAction(signIn);
    QAction *openUri =
        makeAction(this, u"openVaultByUriAction"_s, tr("&Open vault by URI…"), QKeySequence::Open);
    connect(openUri, &QAction::triggered, m_navigation, &NavigationPanel::openVaultByUri);
    file->addAction(openUri);
    file->addSeparator();
    m_exportList = makeAction(this, u"exportListAction"_s, tr("&Export visible list…"),
                              QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportList, &QAction::triggered, this, [this] {
        if (VaultView *view = currentVault())
            view->exportVisibleList();
    });
    file->addAction(m_exportList);
    file->addSeparator();
    QAction *quit = makeAction(this, u"quitAction"_s, tr("&Quit"), QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    file->addAction(quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    // F5 and Ctrl+F belong to the list or tree that has the focus (each handles its
    // own); window-wide shortcuts on the same keys would make both ambiguous.
    m_find =
        makeAction(this, u"findAction"_s,
                   QString(tr("&Filter") + u'\t'
                           + QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
    connect(m_find, &QAction::triggered, this, [this] {
        VaultView *view = currentVault();
        if (view && !m_navigation->isAncestorOf(QApplication::focusWidget()))
            view->focusFilter();
        else
            m_navigation->focusFilter();
    });
    edit->addAction(m_find);
    m_refresh = makeAction(
        this, u"refreshAction"_s,
        QString(tr("&Refresh") + u'\t'
                + QKeySequence(QKeySequence::Refresh).toString(QKeySequence::NativeText)));
    connect(m_refresh, &QAction::triggered, this, [this] {
        if (m_navigation->isAncestorOf(QApplication::focusWidget()))
            m_navigation->refreshCurrent();
        else if (VaultView *view = currentVault())
            view->refresh();
        else
            m_navigation->reload();
    });
    edit->addAction(m_refresh);

    QMenu *vault = menuBar()->addMenu(tr("&Vault"));
    m_newItem = makeAction(this, u"newItemAction"_s, tr("&New…"), QKeySequence::New);
    connect(m_newItem, &QAction::triggered, this, [this] {
        if (VaultView *view = currentVault())
            view->newItem();
    });
    vault->addAction(m_newItem);
    m_copyVaultUri = makeAction(this, u"copyVaultUriAction"_s, tr("Copy vault &URI"));
    connect(m_copyVaultUri, &QAction::triggered, this, [this] {
        if (VaultView *view = currentVault())
            QGuiApplication::clipboard()->setText(view->location().vaultUri.toString());
    });
    vault->addAction(m_copyVaultUri);
    m_portal = makeAction(this, u"openVaultInPortalAction"_s, tr("Open in the Azure &portal"));
    connect(m_portal, &QAction::triggered, this, [this] {
        if (VaultView *view = currentVault())
            openInPortal(view->location());
    });
    vault->addAction(m_portal);
    vault->addSeparator();
    m_access = makeAction(this, u"vaultAccessAction"_s, tr("&Access: who may do what…"));
    connect(m_access, &QAction::triggered, this, [this] {
        if (VaultView *view = currentVault())
            view->showAccess();
    });
    vault->addAction(m_access);
    m_networking = makeAction(this, u"vaultNetworkingAction"_s, tr("Net&working: from where…"));
    connect(m_networking, &QAction::triggered, this, [this] {
        if (VaultView *view = currentVault())
            view->showNetworking();
    });
    vault->addAction(m_networking);

    QMenu *view = menuBar()->addMenu(tr("Vie&w"));
    view->addAction(m_navigationDock->toggleViewAction());
    m_navigationDock->toggleViewAction()->setObjectName(u"toggleNavigationAction"_s);
    view->addAction(m_accountDock->toggleViewAction());
    m_accountDock->toggleViewAction()->setObjectName(u"toggleAccountsAction"_s);
    QAction *flow = m_flowDock->toggleViewAction();
    flow->setObjectName(u"toggleFlowInspectorAction"_s);
    flow->setShortcut(Qt::Key_F12);
    view->addAction(flow);
    QAction *roles = makeAction(this, u"rolesAction"_s, tr("&Roles and permissions"));
    connect(roles, &QAction::triggered, this, [this] { showRoleExplorer(); });
    view->addAction(roles);
    view->addSeparator();
    m_presentation = makeAction(this, u"presentationModeAction"_s, tr("&Presentation mode"),
                                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_presentation->setCheckable(true);
    m_presentation->setToolTip(
        tr("Mask secret values, GUIDs and tenant names for demos and screen sharing"));
    connect(m_presentation, &QAction::toggled, this, &MainWindow::setPresentationMode);
    view->addAction(m_presentation);
    QMenu *theme = view->addMenu(tr("&Theme"));
    theme->setObjectName(u"themeMenu"_s);
    m_themes = new QActionGroup(this);
    const std::pair<Theme, QString> themes[] = {{Theme::System, tr("Follow the &system")},
                                                {Theme::Light, tr("&Light")},
                                                {Theme::Dark, tr("&Dark")}};
    for (const auto &[value, text] : themes) {
        QAction *action = makeAction(this,
                                     QString(u"theme"_s + themeName(value).at(0).toUpper()
                                             + themeName(value).mid(1) + u"Action"_s),
                                     text);
        action->setCheckable(true);
        action->setData(themeName(value));
        m_themes->addAction(action);
        theme->addAction(action);
        connect(action, &QAction::triggered, this, [this, value] {
            applyTheme(value);
            settings().setValue(ThemeKey, themeName(value));
        });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    m_help = help;
    QAction *registration =
        makeAction(this, u"appRegistrationAction"_s, tr("Set up the &app registration…"));
    connect(registration, &QAction::triggered, this, [this] {
        auto *guide = new AppRegistrationGuide(m_session, settings(), this);
        guide->setAttribute(Qt::WA_DeleteOnClose);
        guide->open();
    });
    help->addAction(registration);
    QAction *about = makeAction(this, u"aboutAction"_s, tr("&About VaultLens"));
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About VaultLens"),
                           tr("<p><b>VaultLens</b> %1</p><p>Azure Key Vault administration, "
                              "explained: who may do what, from where, and why a request was "
                              "allowed or denied.</p>")
                               .arg(QApplication::applicationVersion()));
    });
    help->addAction(about);
}

void MainWindow::createStatusBar()
{
    statusBar()->setObjectName(u"statusBar"_s);
    m_counts = new QLabel(this);
    m_counts->setObjectName(u"countsLabel"_s);
    m_counts->setAccessibleName(tr("Item counts"));
    statusBar()->addPermanentWidget(m_counts);
    m_environment = new QLabel(this);
    m_environment->setObjectName(u"environmentLabel"_s);
    m_environment->setAccessibleName(tr("Environment"));
    statusBar()->addPermanentWidget(m_environment);
}

void MainWindow::setEnvironmentNote(const QString &note)
{
    m_environment->setText(note);
}

void MainWindow::restoreLayout()
{
    QSettings &s = settings();
    if (const QByteArray geometry = s.value(GeometryKey).toByteArray(); !geometry.isEmpty())
        restoreGeometry(geometry);
    if (const QByteArray state = s.value(StateKey).toByteArray(); !state.isEmpty())
        restoreState(state);
    const Theme theme = themeFromName(s.value(ThemeKey).toString());
    for (QAction *action : m_themes->actions())
        action->setChecked(action->data().toString() == themeName(theme));
    if (theme != Theme::System)
        applyTheme(theme);
    m_presentation->setChecked(s.value(PresentationKey, false).toBool());
}

void MainWindow::saveLayout()
{
    QSettings &s = settings();
    s.setValue(GeometryKey, saveGeometry());
    s.setValue(StateKey, saveState());
    if (VaultView *view = currentVault())
        s.setValue(LastVaultKey, view->location().toVariantMap());
    else
        s.remove(LastVaultKey);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    for (VaultView *view : vaults())
        view->saveState(settings());
    QMainWindow::closeEvent(event);
}

bool MainWindow::restoreLastVault()
{
    const VaultLocation last =
        VaultLocation::fromVariantMap(settings().value(LastVaultKey).toMap());
    if (!last.isValid() || !m_session.accounts().account(last.accountId))
        return false;
    openVault(last);
    return true;
}

VaultView *MainWindow::openVault(const VaultLocation &location)
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *view = qobject_cast<VaultView *>(m_tabs->widget(i));
        if (view && view->location().sameVault(location)) {
            m_tabs->setCurrentIndex(i);
            m_stack->setCurrentWidget(m_tabs);
            return view;
        }
    }
    auto *view = new VaultView(m_session, location, m_tabs);
    m_flow->setHostLabel(JournalModel::hostOf(location.vaultUri), location.name);
    view->restoreState(settings());
    connect(view, &VaultView::statusMessage, this, [this](const QString &message, int timeoutMs) {
        statusBar()->showMessage(message, timeoutMs);
    });
    connect(view, &VaultView::countsChanged, this, &MainWindow::updateCounts);
    connect(view, &VaultView::openInPortalRequested, this, &MainWindow::openInPortal);
    const int index = m_tabs->addTab(view, location.name);
    m_tabs->setTabToolTip(index, Presentation::instance().text(location.vaultUri.toString()));
    updateTabTitles();
    m_tabs->setCurrentIndex(index);
    m_stack->setCurrentWidget(m_tabs);
    settings().setValue(LastVaultKey, location.toVariantMap());
    m_navigation->recentVaults()->recordOpened(location);
    updateActions();
    return view;
}

void MainWindow::updateTabTitles()
{
    // A vault open under two accounts: each tab says whose it is.
    const QList<VaultView *> views = vaults();
    for (VaultView *view : views) {
        const VaultLocation &l = view->location();
        const bool shared = std::any_of(views.cbegin(), views.cend(), [&](const VaultView *o) {
            return o != view && o->location().name.compare(l.name, Qt::CaseInsensitive) == 0;
        });
        QString title = l.name;
        if (shared)
            if (const std::optional<Account> account = m_session.accounts().account(l.accountId))
                title = tr("%1 · %2").arg(l.name, account->isUser() && !account->userName.isEmpty()
                                                      ? account->userName
                                                      : account->displayName);
        m_tabs->setTabText(m_tabs->indexOf(view), Presentation::instance().text(title));
    }
}

VaultView *MainWindow::currentVault() const
{
    return qobject_cast<VaultView *>(m_tabs->currentWidget());
}

QList<VaultView *> MainWindow::vaults() const
{
    QList<VaultView *> result;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *view = qobject_cast<VaultView *>(m_tabs->widget(i)))
            result << view;
    }
    return result;
}

RoleExplorer *MainWindow::showRoleExplorer()
{
    if (!m_roleExplorer) {
        m_roleExplorer = new RoleExplorer(m_catalogue, m_tabs);
        m_tabs->addTab(m_roleExplorer, tr("Roles and permissions"));
    }
    m_tabs->setCurrentWidget(m_roleExplorer);
    m_stack->setCurrentWidget(m_tabs);
    return m_roleExplorer;
}

void MainWindow::signIn()
{
    m_accountDock->show();
    m_accountPanel->addAccount();
}

void MainWindow::setDefaultTenant(const QString &cloud, const QString &tenant)
{
    m_accountPanel->setDefaultTenant(cloud, tenant);
}

void MainWindow::openInPortal(const VaultLocation &location)
{
    const std::optional<CloudProfile> cloud = m_session.cloud(location.cloud);
    const QUrl url =
        cloud ? portal::vaultUrl(*cloud, location.tenantId, location.resourceId) : QUrl();
    if (!url.isValid()) {
        statusBar()->showMessage(
            cloud && cloud->kind == CloudProfile::Kind::Sandbox
                ? tr("The sandbox cloud has no portal.")
                : tr("The portal needs the vault's resource id; this vault was opened by URI."),
            5000);
        return;
    }
    QDesktopServices::openUrl(url);
}

void MainWindow::setPresentationMode(bool on)
{
    Presentation::instance().setEnabled(on);
    settings().setValue(PresentationKey, on);
    statusBar()->showMessage(
        on ? tr("Presentation mode: values, GUIDs and tenant names are masked.")
           : tr("Presentation mode off."),
        4000);
}

void MainWindow::updateActions()
{
    const bool hasVault = currentVault() != nullptr;
    for (QAction *action : {m_newItem, m_copyVaultUri, m_portal, m_exportList})
        action->setEnabled(hasVault);
    const bool managed = hasVault && currentVault()->location().hasResourceId();
    m_access->setEnabled(managed);
    m_networking->setEnabled(managed);
}

void MainWindow::updateCounts()
{
    VaultView *view = currentVault();
    m_counts->setText(view ? view->countsText() : QString());
}

} // namespace vl::ui

// SPDX-License-Identifier: GPL-3.0-or-later
// The main window on the sandbox: a vault opened in a tab with its three lists,
// the shortcuts, presentation mode, the theme, the layout and the last vault
// kept across runs, and every interactive widget named for tests and for
// assistive technology.
#include "MainWindow.h"
#include "PermissionModelSwitch.h"
#include "Presentation.h"
#include "SessionFixture.h"
#include "VaultItemModel.h"
#include "WidgetTestSupport.h"
#include "access/AccessPolicyDialog.h"
#include "access/AccessPolicyEditor.h"
#include "access/AccessView.h"
#include "access/AssignRoleDialog.h"
#include "access/PermissionModelDialog.h"
#include "access/RoleAssignmentEditor.h"
#include "access/RoleCatalogue.h"
#include "access/RoleDefinitionDialog.h"
#include "access/RoleExplorer.h"
#include "items/ItemListView.h"
#include "secrets/SecretDetails.h"
#include "shell/Theme.h"
#include "shell/VaultView.h"
#include "state/Seed.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTextEdit>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

namespace {
VaultLocation locationOf(SessionFixture &f, const Account &account, const QString &vault)
{
    VaultLocation location;
    location.accountId = account.id;
    location.tenantId = account.homeTenantId;
    location.name = vault;
    location.vaultUri = f.vaultUri(vault);
    location.cloud = f.cloud().name;
    return location;
}

/// The widgets a person can operate, which must carry names.
bool isInteractive(const QWidget *widget)
{
    return qobject_cast<const QAbstractButton *>(widget) || qobject_cast<const QLineEdit *>(widget)
           || qobject_cast<const QComboBox *>(widget)
           || qobject_cast<const QAbstractItemView *>(widget)
           || qobject_cast<const QAbstractSpinBox *>(widget)
           || qobject_cast<const QPlainTextEdit *>(widget)
           || qobject_cast<const QTextEdit *>(widget) || qobject_cast<const QTabWidget *>(widget);
}
} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup()
    {
        Presentation::instance().setEnabled(false);
        ui::applyTheme(ui::Theme::System);
    }

    void welcomeThenAVaultInATab()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        ui::MainWindow window(f.session(), access::RoleCatalogue::builtIn(), &f.settings());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), u"VaultLens"_s);
        QVERIFY(window.findChild<QWidget *>(u"welcomePage"_s)->isVisible());
        screenshot(window, u"welcome.png"_s);

        const Result<Account> account = f.signIn();
        QVERIFY2(account.ok(), qPrintable(account.error().summary()));
        ui::VaultView *view = window.openVault(locationOf(f, *account, u"kv-contoso-dev"_s));
        QVERIFY(view);
        QCOMPARE(window.currentVault(), view);
        QVERIFY(!window.findChild<QWidget *>(u"welcomePage"_s)->isVisible());
        ui::ItemListView *secrets = view->list(VaultItemKind::Secret);
        QTRY_VERIFY_WITH_TIMEOUT(secrets->model()->rowCount() > 0, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(
            window.findChild<QLabel *>(u"countsLabel"_s)->text().contains(u"secret"_s), 20000);

        // Opening the same vault again shows its tab; another vault gets its own.
        QCOMPARE(window.openVault(locationOf(f, *account, u"kv-contoso-dev"_s)), view);
        QCOMPARE(window.vaults().size(), 1);
        ui::VaultView *apps = window.openVault(locationOf(f, *account, u"kv-contoso-apps"_s));
        QVERIFY(apps != view);
        QCOMPARE(window.vaults().size(), 2);

        // Keys and certificates load when their tab is first shown.
        ui::VaultView *prod = window.openVault(locationOf(f, *account, u"kv-contoso-prod"_s));
        QVERIFY(!prod->list(VaultItemKind::Key)->client().has_value());
        prod->setCurrentKind(VaultItemKind::Key);
        QTRY_VERIFY_WITH_TIMEOUT(prod->list(VaultItemKind::Key)->model()->rowCount() > 0, 20000);
        prod->setCurrentKind(VaultItemKind::Certificate);
        QTRY_VERIFY_WITH_TIMEOUT(prod->list(VaultItemKind::Certificate)->model()->rowCount() > 0,
                                 20000);
        prod->setCurrentKind(VaultItemKind::Secret);
        QTRY_VERIFY_WITH_TIMEOUT(prod->list(VaultItemKind::Secret)->model()->rowCount() > 0, 20000);
        // Choosing a row shows it in the details pane beside the list.
        QVERIFY(prod->list(VaultItemKind::Secret)->selectItem(u"sql-connection-string"_s));
        QTRY_COMPARE(prod->secretDetails()->item().name, u"sql-connection-string"_s);
        QTest::qWait(300);
        screenshot(window, u"main-window.png"_s);
        ui::applyTheme(ui::Theme::Dark);
        Presentation::instance().setEnabled(true);
        QTest::qWait(200);
        screenshot(window, u"main-window-dark-presentation.png"_s);
        Presentation::instance().setEnabled(false);
        ui::applyTheme(ui::Theme::System);
        view = window.openVault(locationOf(f, *account, u"kv-contoso-dev"_s));

        // Filter puts the cursor in the current list's filter; Refresh lists again.
        window.activateWindow();
        QApplication::setActiveWindow(&window);
        window.findChild<QAction *>(u"findAction"_s)->trigger();
        auto *filter = secrets->findChild<QLineEdit *>();
        QVERIFY(filter);
        QTRY_VERIFY(filter->hasFocus());
        const int before = f.session().journal().records().size();
        window.findChild<QAction *>(u"refreshAction"_s)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(f.session().journal().records().size() > before, 20000);

        // The role explorer is a tab of its own.
        QVERIFY(window.showRoleExplorer());
        QVERIFY(window.roleExplorer()->isVisible());
    }

    void presentationModeAndTheme()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        ui::MainWindow window(f.session(), access::RoleCatalogue::builtIn(), &f.settings());
        window.show();
        QAction *presentation = window.findChild<QAction *>(u"presentationModeAction"_s);
        QVERIFY(presentation);
        presentation->trigger();
        QVERIFY(Presentation::instance().isEnabled());
        QCOMPARE(f.settings().value(u"view/presentationMode"_s).toBool(), true);
        presentation->trigger();
        QVERIFY(!Presentation::instance().isEnabled());

        window.findChild<QAction *>(u"themeDarkAction"_s)->trigger();
        QVERIFY(ui::isDarkPalette());
        QCOMPARE(f.settings().value(u"view/theme"_s).toString(), u"dark"_s);
        window.findChild<QAction *>(u"themeLightAction"_s)->trigger();
        QVERIFY(!ui::isDarkPalette());
    }

    void layoutAndLastVaultPersist()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> account = f.signIn();
        QVERIFY(account.ok());
        {
            ui::MainWindow window(f.session(), access::RoleCatalogue::builtIn(), &f.settings());
            window.show();
            window.resize(1400, 860);
            window.openVault(locationOf(f, *account, u"kv-contoso-apps"_s));
            window.close();
        }
        QVERIFY(f.settings().contains(u"window/geometry"_s));
        ui::MainWindow again(f.session(), access::RoleCatalogue::builtIn(), &f.settings());
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.size(), QSize(1400, 860));
        QVERIFY(again.restoreLastVault());
        QVERIFY(again.currentVault());
        QCOMPARE(again.currentVault()->location().name, u"kv-contoso-apps"_s);
    }

    void everyInteractiveWidgetIsNamed()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> account = f.signIn();
        QVERIFY(account.ok());
        ui::MainWindow window(f.session(), access::RoleCatalogue::builtIn(), &f.settings());
        window.show();
        const VaultLocation dev = f.vaultLocation(*account, u"kv-contoso-dev"_s);
        ui::VaultView *view = window.openVault(dev);
        QTRY_VERIFY_WITH_TIMEOUT(view->list(VaultItemKind::Secret)->model()->rowCount() > 0, 20000);
        // The access and networking editors and their dialogs are named too.
        view->showNetworking();
        QVERIFY(view->networkEditor());
        view->showAccess();
        ui::AccessView *access = view->accessView();
        QVERIFY(access);
        QTRY_VERIFY_WITH_TIMEOUT(access->permissionModel().isLoaded(), 20000);
        QVERIFY(access->openSwitchDialog());
        QVERIFY(access->accessPolicies()->addPolicy());
        access->roleAssignments()->openAssignDialog();
        QVERIFY(access->roleAssignments()->assignDialog());
        window.showRoleExplorer();
        QStringList unnamed;
        const auto widgets = window.findChildren<QWidget *>();
        for (const QWidget *widget : widgets) {
            if (!isInteractive(widget) || widget->objectName().startsWith(u"qt_"_s))
                continue;
            // Parts Qt makes inside composite widgets (a view's headers and corner, a
            // line edit's clear button, a tab's close button) are named by their owner.
            bool part = false;
            for (const QWidget *owner = widget->parentWidget(); owner && !part;
                 owner = owner->parentWidget()) {
                part = qobject_cast<const QAbstractSpinBox *>(owner)
                       || qobject_cast<const QComboBox *>(owner)
                       || qobject_cast<const QAbstractItemView *>(owner)
                       || qobject_cast<const QLineEdit *>(owner)
                       || qobject_cast<const QTabBar *>(owner);
            }
            if (part)
                continue;
            if (widget->objectName().isEmpty() || widget->accessibleName().isEmpty())
                unnamed << QString(QString::fromLatin1(widget->metaObject()->className()) + u" '"_s
                                   + widget->objectName() + u"'"_s);
        }
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u", "_s)));
        const auto actions = window.findChildren<QAction *>();
        QStringList unnamedActions;
        for (const QAction *action : actions) {
            if (!action->isSeparator() && !action->text().isEmpty()
                && action->objectName().isEmpty() && !action->menu())
                unnamedActions << action->text();
        }
        QVERIFY2(unnamedActions.isEmpty(), qPrintable(unnamedActions.join(u", "_s)));
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"

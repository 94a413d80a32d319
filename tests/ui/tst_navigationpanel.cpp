// SPDX-License-Identifier: GPL-3.0-or-later
// The navigation dock on the sandbox: expand the real tree, filter, open a
// vault, open one by URI, pin one.
#include "RecentVaults.h"
#include "SessionFixture.h"
#include "browse/NavigationPanel.h"
#include "browse/OpenVaultDialog.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include <memory>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using namespace vl::ui;

namespace {

/// The row of the tree's model under @p parent whose name is @p name.
QModelIndex child(const QAbstractItemModel *model, const QModelIndex &parent, const QString &name)
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex i = model->index(row, 0, parent);
        if (i.data(NavigationModel::FilterRole).toString() == name)
            return i;
    }
    return {};
}

/// Expands @p index the way a person does: make it current, press Right.
void expandWithKeyboard(QTreeView *tree, const QModelIndex &index)
{
    tree->setCurrentIndex(index);
    QTest::keyClick(tree, Qt::Key_Right);
}

/// A person's double-click: a press and release, then the second press as a double-click.
void doubleClick(QAbstractItemView *view, const QModelIndex &index)
{
    const QPoint at = view->visualRect(index).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
}

QAction *action(QMenu *menu, const QString &name)
{
    return menu->findChild<QAction *>(name);
}

} // namespace

class tst_NavigationPanel : public QObject
{
    Q_OBJECT

private:
    struct Browsed
    {
        QModelIndex vault; ///< kv-contoso-apps in the tree's model
    };

    /// Signs alice in, shows the panel and browses to kv-contoso-apps through the tree.
    static Browsed browse(SessionFixture &f, NavigationPanel &panel)
    {
        auto *tree = panel.findChild<QTreeView *>(u"navigationTree"_s);
        const QAbstractItemModel *model = tree->model();
        [&] {
            QTRY_COMPARE(model->rowCount(), 1);
        }();
        const QModelIndex account = model->index(0, 0);
        [&] {
            QTRY_VERIFY(tree->isExpanded(account));
        }();
        const QModelIndex tenant = model->index(0, 0, account);
        expandWithKeyboard(tree, tenant);
        [&] {
            QTRY_VERIFY_WITH_TIMEOUT(child(model, tenant, u"Contoso Production"_s).isValid(),
                                     20000);
        }();
        const QModelIndex production = child(model, tenant, u"Contoso Production"_s);
        expandWithKeyboard(tree, production);
        const QModelIndex group = child(model, production, u"rg-apps"_s);
        expandWithKeyboard(tree, group);
        Q_UNUSED(f);
        return {child(model, group, u"kv-contoso-apps"_s)};
    }

private Q_SLOTS:
    void browseFilterAndOpen()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        NavigationPanel panel(f.session());
        panel.resize(340, 620);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *tree = panel.findChild<QTreeView *>(u"navigationTree"_s);
        QVERIFY(tree);
        QSignalSpy activated(&panel, &NavigationPanel::vaultActivated);

        const Browsed b = browse(f, panel);
        QVERIFY(b.vault.isValid());
        QVERIFY(tree->isExpanded(b.vault.parent()));
        QVERIFY(tree->visualRect(b.vault).isValid());

        // Double-click the vault: activated with its location.
        doubleClick(tree, b.vault);
        QCOMPARE(activated.size(), 1);
        const auto location = activated.first().first().value<VaultLocation>();
        QCOMPARE(location.vaultUri, f.vaultUri(u"kv-contoso-apps"_s));
        QCOMPARE(location.accountId, alice->id);
        QCOMPARE(location.resourceGroup, u"rg-apps"_s);
        QVERIFY(location.hasResourceId());
        QCOMPARE(panel.currentVault(), location);
        // ... and recorded among the recent vaults.
        QCOMPARE(panel.recentVaults()->recent().size(), 1);
        auto *recentList = panel.findChild<QListView *>(u"recentList"_s);
        QVERIFY(recentList->isVisible());
        QCOMPARE(recentList->model()->rowCount(), 1);

        // Filter as you type: only the matching vault and its ancestors, expanded.
        panel.focusFilter();
        auto *filter = panel.findChild<QLineEdit *>(u"navigationFilter"_s);
        QVERIFY(filter->hasFocus());
        QTest::keyClicks(filter, u"contoso-dev"_s);
        const QAbstractItemModel *model = tree->model();
        QCOMPARE(model->rowCount(), 1);
        QModelIndex i = model->index(0, 0);
        QStringList path;
        while (model->rowCount(i) > 0) {
            QCOMPARE(model->rowCount(i), 1);
            QVERIFY(tree->isExpanded(i));
            i = model->index(0, 0, i);
            path << i.data(NavigationModel::FilterRole).toString();
        }
        QCOMPARE(path, (QStringList{u"Contoso"_s, u"Contoso Development"_s, u"rg-dev"_s,
                                    u"kv-contoso-dev"_s}));

        // Enter in the filter goes to the first match; Enter in the tree opens it.
        QTest::keyClick(filter, Qt::Key_Return);
        QVERIFY(tree->hasFocus());
        QCOMPARE(tree->currentIndex(), i);
        QTest::keyClick(tree, Qt::Key_Return);
        QCOMPARE(activated.size(), 2);
        QCOMPARE(activated.last().first().value<VaultLocation>().name, u"kv-contoso-dev"_s);
        QCOMPARE(panel.recentVaults()->recent().first().name, u"kv-contoso-dev"_s);

        filter->clear();
        QCOMPARE(model->rowCount(), 1);
        QVERIFY(model->rowCount(model->index(0, 0, model->index(0, 0))) == 2);
    }

    void openByUri()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        NavigationPanel panel(f.session());
        panel.resize(340, 620);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy activated(&panel, &NavigationPanel::vaultActivated);

        panel.findChild<QToolButton *>(u"openVaultByUriButton"_s)->click();
        auto *dialog = panel.findChild<OpenVaultDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto *uri = dialog->findChild<QLineEdit *>(u"vaultUriEdit"_s);
        auto *ok = dialog->findChild<QPushButton *>(u"openVaultOk"_s);
        auto *message = dialog->findChild<QLabel *>(u"openVaultMessage"_s);
        auto *account = dialog->findChild<QComboBox *>(u"accountCombo"_s);
        QVERIFY(uri && ok && message && account);
        QCOMPARE(account->count(), 1);
        QVERIFY(!message->isVisible());

        const QString port = QString::number(f.vaultUri(u"kv-contoso-dev"_s).port());
        const QList<QPair<QString, QString>> refused{
            {u"https://exa mple:port/"_s, u"not a valid URL"_s},
            {u"http://127.0.0.1:%1/"_s.arg(port), u"https://"_s},
            {u"https://www.example.com/"_s, u"not a vault host"_s},
            {f.sandbox().api(), u"not a vault host"_s},
        };
        for (const auto &[text, why] : refused) {
            uri->clear();
            QTest::keyClicks(uri, text);
            ok->click();
            QVERIFY2(dialog->isVisible(), qPrintable(text));
            QVERIFY2(message->isVisible(), qPrintable(text));
            QVERIFY2(message->text().contains(why), qPrintable(message->text()));
            QCOMPARE(dialog->message(), message->text());
        }
        QCOMPARE(activated.size(), 0);
        // Typing again hides the message.
        QTest::keyClick(uri, Qt::Key_Backspace);
        QVERIFY(!message->isVisible());

        if (qEnvironmentVariableIsSet("VAULTLENS_SCREENSHOTS")) {
            uri->clear();
            QTest::keyClicks(uri, u"https://kv-team.vault.azure.net/"_s);
            ok->click();
            dialog->grab().save(qEnvironmentVariable("VAULTLENS_SCREENSHOTS")
                                + u"/open-vault-by-uri.png"_s);
        }

        // A sandbox vault (a secret's identifier is reduced to its vault).
        const QUrl vault = f.vaultUri(u"kv-contoso-dev"_s);
        uri->clear();
        QTest::keyClicks(uri, vault.toString() + u"secrets/app-password"_s);
        ok->click();
        QTRY_VERIFY(!dialog->isVisible());
        QCOMPARE(activated.size(), 1);
        const auto location = activated.first().first().value<VaultLocation>();
        QCOMPARE(location.vaultUri, vault);
        QCOMPARE(location.accountId, alice->id);
        QVERIFY(!location.hasResourceId());
        QVERIFY(location.subscriptionId.isEmpty());
        QCOMPARE(location.cloud, f.cloud().name);
        QCOMPARE(panel.recentVaults()->recent().first(), location);
    }

    void pinAndContextMenu()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        NavigationPanel panel(f.session());
        panel.resize(340, 620);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *tree = panel.findChild<QTreeView *>(u"navigationTree"_s);
        auto *pinnedList = panel.findChild<QListView *>(u"pinnedList"_s);
        QVERIFY(!pinnedList->isVisible());
        const Browsed b = browse(f, panel);
        QVERIFY(b.vault.isValid());
        tree->setCurrentIndex(b.vault);

        std::unique_ptr<QMenu> menu(panel.createContextMenu(b.vault, &panel));
        QVERIFY(menu->defaultAction() == action(menu.get(), u"openAction"_s));
        QAction *pin = action(menu.get(), u"pinAction"_s);
        QVERIFY(pin);
        QCOMPARE(pin->text().remove(u'&'), u"Pin"_s);
        pin->trigger();
        QVERIFY(pinnedList->isVisible());
        QCOMPARE(pinnedList->model()->rowCount(), 1);
        QCOMPARE(pinnedList->model()->index(0, 0).data().toString(), u"kv-contoso-apps"_s);

        // Copy the URI and the resource id; the portal is asked for.
        action(menu.get(), u"copyUriAction"_s)->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), f.vaultUri(u"kv-contoso-apps"_s).toString());
        action(menu.get(), u"copyResourceIdAction"_s)->trigger();
        QVERIFY(QGuiApplication::clipboard()->text().endsWith(u"/vaults/kv-contoso-apps"_s));
        QSignalSpy portal(&panel, &NavigationPanel::openInPortalRequested);
        action(menu.get(), u"portalAction"_s)->trigger();
        QCOMPARE(portal.size(), 1);
        QCOMPARE(portal.first().first().value<VaultLocation>().name, u"kv-contoso-apps"_s);

        // Now the menu offers Unpin; a subscription's menu offers Refresh only.
        std::unique_ptr<QMenu> again(panel.createContextMenu(b.vault, &panel));
        QCOMPARE(action(again.get(), u"pinAction"_s)->text().remove(u'&'), u"Unpin"_s);
        const QModelIndex subscription = b.vault.parent().parent();
        std::unique_ptr<QMenu> subscriptionMenu(panel.createContextMenu(subscription, &panel));
        QVERIFY(!action(subscriptionMenu.get(), u"pinAction"_s));
        QAction *refresh = action(subscriptionMenu.get(), u"refreshAction"_s);
        QVERIFY(refresh);

        // Opening from the pinned list.
        QSignalSpy activated(&panel, &NavigationPanel::vaultActivated);
        const QModelIndex pinned = pinnedList->model()->index(0, 0);
        doubleClick(pinnedList, pinned);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().value<VaultLocation>().name, u"kv-contoso-apps"_s);

        if (qEnvironmentVariableIsSet("VAULTLENS_SCREENSHOTS")) {
            // A second recent vault and the whole production subscription open.
            const QAbstractItemModel *model = tree->model();
            const QModelIndex security = child(model, subscription, u"rg-security"_s);
            tree->expand(security);
            panel.activate(tree->model()
                               ->index(1, 0, security)
                               .data(NavigationModel::LocationRole)
                               .value<VaultLocation>());
            tree->expand(
                child(model, b.vault.parent().parent().parent(), u"Contoso Development"_s));
            tree->setCurrentIndex(b.vault);
            pinnedList->clearSelection();
            pinnedList->setCurrentIndex({});
            QTest::qWait(50);
            const QString dir = qEnvironmentVariable("VAULTLENS_SCREENSHOTS");
            QDir().mkpath(dir);
            QVERIFY(panel.grab().save(dir + u"/navigation.png"_s));
        }

        // Refreshing the subscription lists it again.
        refresh->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(
            !panel.model()->isLoading(panel.filterModel()->mapToSource(subscription)), 20000);
        std::unique_ptr<QMenu> recentMenu(
            panel.createQuickAccessMenu(panel.recentVaults()->recent().first(), true, &panel));
        action(recentMenu.get(), u"removeRecentAction"_s)->trigger();
        std::unique_ptr<QMenu> pinnedMenu(
            panel.createQuickAccessMenu(panel.recentVaults()->pinned().first(), false, &panel));
        action(pinnedMenu.get(), u"pinAction"_s)->trigger();
        QVERIFY(panel.recentVaults()->pinned().isEmpty());
        QVERIFY(!pinnedList->isVisible());
    }
};

QTEST_MAIN(tst_NavigationPanel)
#include "tst_navigationpanel.moc"

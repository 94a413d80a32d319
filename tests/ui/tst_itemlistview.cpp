// SPDX-License-Identifier: GPL-3.0-or-later
// The list of a vault's items through real widgets, against the sandbox:
// list, filter, sort, copy, soft-deleted items, export, and a denial shown in place.
#include "SessionFixture.h"
#include "VaultItemFilter.h"
#include "VaultItemModel.h"
#include "items/ItemListView.h"
#include "widgets/ErrorBanner.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using vl::ui::ItemListView;

namespace {

using sandbox::SandboxOptions;

SandboxOptions seenFrom(const QString &clientAddress)
{
    SandboxOptions options;
    options.clientAddress = clientAddress;
    return options;
}

SandboxOptions largeSeed(int count)
{
    SandboxOptions options;
    options.seed = SandboxOptions::Seed::Large;
    options.largeCount = count;
    return options;
}

QStringList shownNames(const ItemListView &list)
{
    QStringList names;
    const QAbstractItemModel *model = list.view()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        names << model->index(row, VaultItemModel::NameColumn).data().toString();
    return names;
}

void screenshot(QWidget &widget, const QString &name)
{
    if (!qEnvironmentVariableIsSet("VAULTLENS_SCREENSHOTS"))
        return;
    const QString dir = qEnvironmentVariable("VAULTLENS_SCREENSHOTS");
    QDir().mkpath(dir);
    QVERIFY(widget.grab().save(dir + u'/' + name));
}

} // namespace

class tst_ItemListView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listFilterAndCopy()
    {
        SessionFixture f;
        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        ItemListView list(VaultItemKind::Secret);
        list.resize(960, 380);
        list.show();
        QVERIFY(QTest::qWaitForWindowExposed(&list));
        list.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&list));
        QSignalSpy counts(&list, &ItemListView::countsChanged);
        QSignalSpy current(&list, &ItemListView::currentItemChanged);
        list.setClient(f.session().vault(alice->id, {}, f.vaultUri(u"kv-contoso-prod"_s)));
        QTRY_VERIFY_WITH_TIMEOUT(list.model()->isComplete(), 20000);
        QVERIFY(shownNames(list).contains(u"sql-connection-string"_s));
        QVERIFY(!shownNames(list).contains(u"temp-migration-password"_s));
        QVERIFY(!counts.isEmpty());
        QCOMPARE(counts.last().at(0).toInt(), list.model()->rowCount());
        QCOMPARE(counts.last().at(2).toBool(), true);
        QVERIFY(!list.findChild<QWidget *>(u"loadProgress"_s)->isVisible());
        QVERIFY(list.view()->isColumnHidden(VaultItemModel::DeletedOnColumn));

        // Every interactive child is named for tests and assistive tools.
        auto *filter = list.findChild<QLineEdit *>(u"itemFilter"_s);
        QVERIFY(filter);
        QCOMPARE(filter->placeholderText(), u"Filter by name, content type or tag"_s);
        QVERIFY(filter->isClearButtonEnabled());
        for (const char *name : {"itemFilter", "showDeletedButton", "refreshButton", "itemTable",
                                 "cancelLoadButton"}) {
            auto *w = list.findChild<QWidget *>(QString::fromLatin1(name));
            QVERIFY2(w && !w->accessibleName().isEmpty(), name);
        }

        // Type to filter: name, then a tag value.
        list.focusFilter();
        QVERIFY(filter->hasFocus());
        QTest::keyClicks(filter, u"SQL"_s);
        QCOMPARE(shownNames(list), QStringList{u"sql-connection-string"_s});
        QCOMPARE(counts.last().at(1).toInt(), 1);
        filter->clear();
        QTest::keyClicks(filter, u"data-team"_s);
        QCOMPARE(shownNames(list), QStringList{u"sql-connection-string"_s});
        filter->clear();
        QTest::keyClicks(filter, u"text/plain"_s);
        QVERIFY(shownNames(list).size() >= 3);
        QVERIFY(!shownNames(list).contains(u"temp-migration-password"_s));
        filter->clear();
        QCOMPARE(list.view()->model()->rowCount(), list.model()->rowCount());

        // Select and copy the name with Ctrl+C.
        QVERIFY(list.selectItem(u"legacy-api-token"_s));
        QCOMPARE(list.currentItem()->name, u"legacy-api-token"_s);
        QVERIFY(!current.isEmpty());
        QCOMPARE(current.last().at(0).value<std::optional<VaultItem>>()->name,
                 u"legacy-api-token"_s);
        list.view()->setFocus();
        QTest::keySequence(list.view(), QKeySequence::Copy);
        QCOMPARE(QApplication::clipboard()->text(), u"legacy-api-token"_s);
        QTest::keySequence(list.view(), QKeySequence::SelectAll);
        QTest::keySequence(list.view(), QKeySequence::Copy);
        QCOMPARE(QApplication::clipboard()->text().split(u'\n').size(), list.model()->rowCount());
        QVERIFY(list.selectItem(u"legacy-api-token"_s));

        // The row menu and the keys.
        std::unique_ptr<QMenu> menu(list.createContextMenu());
        QStringList actions;
        for (QAction *action : menu->actions()) {
            if (!action->isSeparator())
                actions << action->objectName();
        }
        QCOMPARE(actions, (QStringList{u"copyNameAction"_s, u"copyIdentifierAction"_s,
                                       u"openInPortalAction"_s, u"refreshAction"_s,
                                       u"exportAction"_s, u"deleteAction"_s}));
        for (QAction *action : menu->actions())
            QVERIFY(action->isSeparator() || action->isEnabled());
        QSignalSpy portal(&list, &ItemListView::openInPortalRequested);
        list.findChild<QAction *>(u"openInPortalAction"_s)->trigger();
        QCOMPARE(portal.size(), 1);
        list.findChild<QAction *>(u"copyIdentifierAction"_s)->trigger();
        QVERIFY(QApplication::clipboard()->text().endsWith(u"/secrets/legacy-api-token"_s));
        QSignalSpy deletes(&list, &ItemListView::deleteRequested);
        QTest::keyClick(list.view(), Qt::Key_Delete);
        QCOMPARE(deletes.size(), 1);
        QCOMPARE(deletes.first().at(0).value<VaultItem>().name, u"legacy-api-token"_s);

        // Expired and expiring items stand out.
        const QModelIndex expires = list.view()->model()->index(list.view()->currentIndex().row(),
                                                                VaultItemModel::ExpiresColumn);
        QVERIFY(expires.data(Qt::ForegroundRole).isValid());
        QVERIFY(expires.data(Qt::ToolTipRole).toString().startsWith(u"Expired"_s));

        // F5 lists again.
        QSignalSpy loading(list.model(), &VaultItemModel::loadingChanged);
        QTest::keyClick(list.view(), Qt::Key_F5);
        QVERIFY(!loading.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(list.model()->isComplete(), 20000);
        QVERIFY(list.selectItem(u"storage-account-key"_s));
        screenshot(list, u"item-list.png"_s);
    }

    void showDeletedAfterDelete()
    {
        SessionFixture f;
        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        const auto client = f.session().vault(alice->id, {}, f.vaultUri(u"kv-contoso-prod"_s));
        QVERIFY(client);
        const auto deleted =
            ClientFixture::await(client->deleteSecret(u"service-bus-connection"_s));
        QVERIFY2(deleted.ok(), qPrintable(deleted.error().summary()));

        ItemListView list(VaultItemKind::Secret);
        list.resize(960, 320);
        list.show();
        list.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&list));
        list.setClient(client);
        QTRY_VERIFY_WITH_TIMEOUT(list.model()->isComplete(), 20000);
        QVERIFY(!shownNames(list).contains(u"service-bus-connection"_s));

        auto *toggle = list.findChild<QToolButton *>(u"showDeletedButton"_s);
        QVERIFY(toggle && toggle->isCheckable());
        toggle->click();
        QVERIFY(list.showDeleted());
        QTRY_VERIFY_WITH_TIMEOUT(list.model()->isComplete(), 20000);
        QStringList names = shownNames(list);
        names.sort();
        QCOMPARE(names, (QStringList{u"service-bus-connection"_s, u"temp-migration-password"_s}));
        QVERIFY(!list.view()->isColumnHidden(VaultItemModel::DeletedOnColumn));
        QVERIFY(!list.view()->isColumnHidden(VaultItemModel::PurgeOnColumn));

        QVERIFY(list.selectItem(u"service-bus-connection"_s));
        QVERIFY(list.currentItem()->deleted);
        std::unique_ptr<QMenu> menu(list.createContextMenu());
        QStringList actions;
        for (QAction *action : menu->actions())
            actions << action->objectName();
        QVERIFY(actions.contains(u"recoverAction"_s));
        QVERIFY(actions.contains(u"purgeAction"_s));
        QVERIFY(!actions.contains(u"deleteAction"_s));
        QSignalSpy recover(&list, &ItemListView::recoverRequested);
        QSignalSpy purge(&list, &ItemListView::purgeRequested);
        list.findChild<QAction *>(u"recoverAction"_s)->trigger();
        QCOMPARE(recover.size(), 1);
        list.view()->setFocus();
        QTest::keyClick(list.view(), Qt::Key_Delete);
        QCOMPARE(purge.size(), 1);
        screenshot(list, u"item-list-deleted.png"_s);

        toggle->click();
        QVERIFY(!list.showDeleted());
        QTRY_VERIFY_WITH_TIMEOUT(list.model()->isComplete(), 20000);
        QVERIFY(shownNames(list).contains(u"sql-connection-string"_s));
        QVERIFY(list.view()->isColumnHidden(VaultItemModel::DeletedOnColumn));
    }

    void filterAndSortLoadEverything()
    {
        SessionFixture f(largeSeed(120));
        const Result<Account> app = f.addAutomation();
        QVERIFY2(app.ok(), qPrintable(app.error().summary()));
        ItemListView list(VaultItemKind::Secret);
        list.resize(900, 300);
        list.show();
        list.setClient(f.session().vault(app->id, {}, f.vaultUri(u"kv-contoso-prod"_s)));
        // The first rows are on screen before the rest.
        QTRY_VERIFY_WITH_TIMEOUT(list.view()->model()->rowCount() >= 25, 20000);
        QVERIFY(!list.model()->isComplete());

        // Typing loads every page while the shown rows stay.
        auto *filter = list.findChild<QLineEdit *>(u"itemFilter"_s);
        QTest::keyClicks(filter, u"000119"_s);
        QTRY_VERIFY_WITH_TIMEOUT(list.model()->isComplete(), 20000);
        QCOMPARE(shownNames(list), QStringList{u"secret-000119"_s});
        filter->clear();
        QCOMPARE(list.view()->model()->rowCount(), 120);

        // A click on a header sorts (descending on the second click).
        list.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(list.view()->model()->rowCount() >= 25, 20000);
        QHeaderView *header = list.view()->horizontalHeader();
        const QPoint name(header->sectionViewportPosition(VaultItemModel::NameColumn) + 20,
                          header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, name);
        QCOMPARE(list.proxy()->sortColumn(), int(VaultItemModel::NameColumn));
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, name);
        QCOMPARE(list.proxy()->sortOrder(), Qt::DescendingOrder);
        QTRY_VERIFY_WITH_TIMEOUT(list.model()->isComplete(), 20000);
        QCOMPARE(shownNames(list).first(), u"secret-000119"_s);

        // The header layout comes back, sort included.
        const QByteArray state = list.saveState();
        ItemListView other(VaultItemKind::Secret);
        QVERIFY(other.restoreState(state));
        QCOMPARE(other.proxy()->sortColumn(), int(VaultItemModel::NameColumn));
        QCOMPARE(other.proxy()->sortOrder(), Qt::DescendingOrder);

        // Export what is shown.
        QTest::keyClicks(filter, u"-00011"_s);
        QCOMPARE(list.view()->model()->rowCount(), 10);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"secrets.csv"_s);
        QVERIFY(list.exportTo(path, ItemExport::Format::Csv));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 12); // header, 10 rows, and the empty rest after the last CRLF
        QVERIFY(lines.at(1).startsWith("secret-000119,"));
        QVERIFY(!list.exportTo(dir.filePath(u"no/such/dir.csv"_s), ItemExport::Format::Csv));
        QVERIFY(list.errorBanner()->isVisible());
    }

    void cancelStopsLoading()
    {
        SessionFixture f(largeSeed(400));
        const Result<Account> app = f.addAutomation();
        QVERIFY2(app.ok(), qPrintable(app.error().summary()));
        ItemListView list(VaultItemKind::Secret);
        list.resize(900, 300);
        list.show();
        list.setClient(f.session().vault(app->id, {}, f.vaultUri(u"kv-contoso-prod"_s)));
        QTRY_VERIFY_WITH_TIMEOUT(list.model()->rowCount() >= 25, 20000);
        list.model()->loadAll();
        auto *cancel = list.findChild<QPushButton *>(u"cancelLoadButton"_s);
        QTRY_VERIFY_WITH_TIMEOUT(cancel->isVisible(), 20000);
        QVERIFY(list.findChild<QLabel *>(u"loadProgressLabel"_s)->text().startsWith(u"Loaded "_s));
        cancel->click();
        QVERIFY(!list.model()->isLoading());
        QVERIFY(!cancel->isVisible());
        const int rows = list.model()->rowCount();
        QTest::qWait(300);
        QCOMPARE(list.model()->rowCount(), rows);
        QVERIFY(rows < 400);
    }

    void deniedListingShowsTheBanner_data()
    {
        QTest::addColumn<QString>("clientAddress");
        QTest::addColumn<QString>("vault");
        QTest::addColumn<QString>("screenshot");
        QTest::newRow("address not allowed")
            << u"192.0.2.77"_s << u"kv-contoso-prod"_s << u"item-list-firewall.png"_s;
        QTest::newRow("public access disabled")
            << QString() << u"kv-contoso-private"_s << QString();
    }

    void deniedListingShowsTheBanner()
    {
        QFETCH(QString, clientAddress);
        QFETCH(QString, vault);
        QFETCH(QString, screenshot);
        SessionFixture f(seenFrom(clientAddress));
        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        ItemListView list(VaultItemKind::Secret);
        list.resize(960, 320);
        list.show();
        QSignalSpy errors(&list, &ItemListView::errorOccurred);
        list.setClient(f.session().vault(alice->id, {}, f.vaultUri(vault)));
        QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, 20000);
        auto *banner = list.findChild<ui::ErrorBanner *>();
        QVERIFY(banner);
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->headline().contains(u"Firewall"_s), qPrintable(banner->headline()));
        QVERIFY(banner->headline().startsWith(u"Listing secrets failed"_s));
        QCOMPARE(list.model()->rowCount(), 0);
        if (!screenshot.isEmpty())
            ::screenshot(list, screenshot);
        // A refresh hides the old error until the answer comes.
        list.refresh();
        QVERIFY(!banner->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 2, 20000);
        QVERIFY(banner->isVisible());
    }
};

QTEST_MAIN(tst_ItemListView)
#include "tst_itemlistview.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "ModelRoles.h"
#include "RoleOperationsModel.h"
#include "access/RoleCatalogue.h"
#include "access/RoleExplorer.h"

#include <QAbstractProxyModel>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;

class TestRoleExplorer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void explorerShowsBothTables();
    void choosingARoleShowsWhatItAllows();
    void filterNarrowsOperations();
};

void TestRoleExplorer::explorerShowsBothTables()
{
    ui::RoleExplorer window(access::RoleCatalogue::builtIn());
    window.resize(1180, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.findChild<QTableView *>(u"roleTable"_s));
    QVERIFY(window.findChild<QTableView *>(u"operationTable"_s));
    const QImage shot = window.grab().toImage();
    QVERIFY(!shot.isNull());
    QVERIFY(shot.width() > 400);
}

void TestRoleExplorer::choosingARoleShowsWhatItAllows()
{
    ui::RoleExplorer explorer(access::RoleCatalogue::builtIn());
    explorer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&explorer));
    auto *summary = explorer.findChild<QLabel *>(u"roleSummary"_s);
    QVERIFY(summary);
    // The first role is chosen from the start.
    QVERIFY(summary->text().startsWith(u"Key Vault Administrator:"_s));
    QVERIFY(summary->text().contains(u"Allows 79 of 79"_s));

    // Click the row of Key Vault Crypto User in the role table.
    QTableView *roles = explorer.rolesView();
    const QModelIndex cryptoUser = roles->model()
                                       ->match(roles->model()->index(0, 0), Qt::DisplayRole,
                                               u"Key Vault Crypto User"_s, 1, Qt::MatchExactly)
                                       .first();
    roles->scrollTo(cryptoUser);
    QTest::mouseClick(roles->viewport(), Qt::LeftButton, {},
                      roles->visualRect(cryptoUser).center());
    QVERIFY(summary->text().startsWith(u"Key Vault Crypto User:"_s));
    QVERIFY(summary->text().contains(u"Allows 14 of 79"_s));

    QAbstractItemModel *ops = explorer.operationsView()->model();
    int allowed = 0;
    for (int r = 0; r < ops->rowCount(); ++r)
        allowed += ops->index(r, models::RoleOperationsModel::AllowedColumn)
                           .data(models::RawValueRole)
                           .toBool()
                       ? 1
                       : 0;
    QCOMPARE(allowed, 14);

    // Keyboard: moving down selects the next role.
    QTest::keyClick(roles, Qt::Key_Down);
    QVERIFY(!summary->text().startsWith(u"Key Vault Crypto User:"_s));
    QVERIFY(explorer.selectRole(u"Key Vault Secrets Officer"_s));
    QVERIFY(summary->text().contains(u"Allows 12 of 79"_s));
    QVERIFY(!explorer.selectRole(u"No Such Role"_s));
}

void TestRoleExplorer::filterNarrowsOperations()
{
    ui::RoleExplorer explorer(access::RoleCatalogue::builtIn());
    explorer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&explorer));
    auto *filter = explorer.findChild<QLineEdit *>(u"operationFilter"_s);
    QVERIFY(filter);
    QCOMPARE(explorer.operationsView()->model()->rowCount(), 79);
    QTest::keyClicks(filter, u"rotationpolic"_s);
    QCOMPARE(explorer.operationsView()->model()->rowCount(), 2);
    filter->clear();
    QCOMPARE(explorer.operationsView()->model()->rowCount(), 79);
}

QTEST_MAIN(TestRoleExplorer)
#include "tst_roleexplorer.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "ModelRoles.h"
#include "RoleOperationsModel.h"
#include "access/RoleCatalogue.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using vl::models::RoleOperationsModel;

class TestRoleOperationsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noRole();
    void secretsUser();
    void clearingTheRole();
};

void TestRoleOperationsModel::noRole()
{
    RoleOperationsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), int(access::Operations::all().size()));
    QCOMPARE(model.columnCount(), int(RoleOperationsModel::ColumnCount));
    QVERIFY(!model.allowed(0));
    QVERIFY(!model.index(0, RoleOperationsModel::AllowedColumn).data().isValid());
    QCOMPARE(model.index(0, RoleOperationsModel::OperationColumn).data(models::RawValueRole),
             QVariant(u"secrets/set"_s));
    QCOMPARE(model.index(0, RoleOperationsModel::PermissionColumn).data().toString(),
             u"secrets set"_s);
    QCOMPARE(model.index(0, RoleOperationsModel::OperationColumn).data(Qt::ToolTipRole).toString(),
             u"PUT /secrets/{name}"_s);
}

void TestRoleOperationsModel::secretsUser()
{
    RoleOperationsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setRole(*access::RoleCatalogue::builtIn().findByName(u"Key Vault Secrets User"_s));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(reset.size(), 0);
    const QModelIndex topLeft = changed.first().at(0).toModelIndex();
    QCOMPARE(topLeft.column(), int(RoleOperationsModel::AllowedColumn));
    QStringList allowed;
    for (int r = 0; r < model.rowCount(); ++r) {
        QVERIFY(model.allowed(r).has_value());
        if (*model.allowed(r))
            allowed.append(model.index(r, 0).data(models::RawValueRole).toString());
    }
    QCOMPARE(allowed, (QStringList{u"secrets/get"_s, u"secrets/list"_s, u"secrets/listVersions"_s,
                                   u"secrets/listDeleted"_s, u"secrets/getDeleted"_s}));
    const int get = int(&access::Operations::info(access::DataOperation::GetSecret)
                        - access::Operations::all().constData());
    QCOMPARE(model.index(get, RoleOperationsModel::AllowedColumn).data().toString(),
             u"\u2713 Allowed"_s);
    QCOMPARE(model.index(0, RoleOperationsModel::AllowedColumn).data().toString(),
             u"\u2717 Denied"_s);
    QCOMPARE(model.index(0, RoleOperationsModel::AllowedColumn).data(models::RawValueRole),
             QVariant(false));
}

void TestRoleOperationsModel::clearingTheRole()
{
    RoleOperationsModel model;
    model.setRole(*access::RoleCatalogue::builtIn().findByName(u"Key Vault Administrator"_s));
    QVERIFY(model.allowed(0).value_or(false));
    model.setRole(std::nullopt);
    QVERIFY(!model.allowed(0));
}

QTEST_GUILESS_MAIN(TestRoleOperationsModel)
#include "tst_roleoperationsmodel.moc"

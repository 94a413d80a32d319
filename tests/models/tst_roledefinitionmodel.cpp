// SPDX-License-Identifier: GPL-3.0-or-later
#include "ModelRoles.h"
#include "RoleDefinitionModel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using vl::models::RoleDefinitionModel;

class TestRoleDefinitionModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void structure();
    void cells();
};

void TestRoleDefinitionModel::structure()
{
    RoleDefinitionModel model(access::RoleCatalogue::builtIn());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 18);
    QCOMPARE(model.columnCount(), int(RoleDefinitionModel::ColumnCount));
    QCOMPARE(model.headerData(RoleDefinitionModel::NameColumn, Qt::Horizontal, Qt::DisplayRole)
                 .toString(),
             u"Role"_s);
    QVERIFY(!model.definition(-1));
    QVERIFY(!model.definition(18));
}

void TestRoleDefinitionModel::cells()
{
    RoleDefinitionModel model(access::RoleCatalogue::builtIn());
    const QModelIndexList hits = model.match(model.index(0, 0), Qt::DisplayRole,
                                             u"Key Vault Secrets User"_s, 1, Qt::MatchExactly);
    QCOMPARE(hits.size(), 1);
    const int row = hits.first().row();
    QCOMPARE(model.definition(row)->roleName, u"Key Vault Secrets User"_s);
    QCOMPARE(model.index(row, RoleDefinitionModel::KindColumn).data().toString(), u"Key Vault"_s);
    QCOMPARE(model.index(row, RoleDefinitionModel::DataActionsColumn).data(models::RawValueRole),
             QVariant(2));
    QCOMPARE(model.index(row, RoleDefinitionModel::DataActionsColumn).data().toString(),
             u"2 data actions"_s);
    QVERIFY(model.index(row, RoleDefinitionModel::NameColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .endsWith(u"4633458b-17de-408a-b874-0445c86b69e6"_s));
    const int owner =
        model.match(model.index(0, 0), Qt::DisplayRole, u"Owner"_s, 1, Qt::MatchExactly)
            .first()
            .row();
    QCOMPARE(model.index(owner, RoleDefinitionModel::KindColumn).data().toString(), u"General"_s);
    QCOMPARE(model.index(owner, RoleDefinitionModel::DataActionsColumn).data().toString(),
             u"none"_s);
    QVERIFY(
        !model.index(owner, RoleDefinitionModel::DescriptionColumn).data().toString().isEmpty());
}

QTEST_GUILESS_MAIN(TestRoleDefinitionModel)
#include "tst_roledefinitionmodel.moc"

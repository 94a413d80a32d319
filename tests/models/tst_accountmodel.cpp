// SPDX-License-Identifier: GPL-3.0-or-later
// The account model on the app's Session and the sandbox: accounts and their
// tenants appear and go with fine-grained row changes; tenant switches persist.
#include "AccountModel.h"
#include "Presentation.h"
#include "SessionFixture.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

class tst_AccountModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accountsAndTenants();
    void tenantSwitchPersists();
    void removeAccount();
    void modelBuiltAfterAccounts();
    void presentationMasksTenants();
};

void tst_AccountModel::accountsAndTenants()
{
    SessionFixture f;
    QVERIFY(f.isRunning());
    AccountModel model(f.session().accounts(), &f.settings());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(AccountModel::ColumnCount));

    const auto alice = f.signIn();
    QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(!inserted.isEmpty());
    QCOMPARE(reset.size(), 0);
    const QModelIndex account = model.index(0, AccountModel::NameColumn);
    QCOMPARE(account.data(AccountModel::AccountIdRole).toString(), alice->id);
    QCOMPARE(account.data(AccountModel::UserNameRole).toString(), u"alice@contoso.example"_s);
    QCOMPARE(model.index(0, AccountModel::DetailColumn).data().toString(),
             u"alice@contoso.example"_s);
    QCOMPARE(account.data(AccountModel::CloudRole).toString(), f.cloud().name);
    QCOMPARE(account.data(AccountModel::CredentialKindRole).toInt(), int(CredentialKind::Browser));
    QCOMPARE(account.data(AccountModel::NeedsSignInRole).toBool(), false);
    QVERIFY(!account.data(AccountModel::KindIconNameRole).toString().isEmpty());
    QVERIFY(!(model.flags(account) & Qt::ItemIsUserCheckable));

    // The home tenant, named by Resource Manager's tenant list, checked.
    QVERIFY(model.rowCount(account) >= 1);
    const QModelIndex tenant = model.tenantIndex(alice->id, f.sandbox().tenantId());
    QVERIFY(tenant.isValid());
    QCOMPARE(tenant.parent(), account);
    QCOMPARE(tenant.data().toString(), u"Contoso"_s);
    QCOMPARE(tenant.data(AccountModel::TenantCategoryRole).toString(), u"home"_s);
    QCOMPARE(tenant.data(AccountModel::TenantIdRole).toString(), f.sandbox().tenantId());
    QCOMPARE(tenant.data(AccountModel::DefaultDomainRole).toString(), u"contoso.example"_s);
    QCOMPARE(model.index(tenant.row(), AccountModel::KindColumn, account).data().toString(),
             u"Home"_s);
    QCOMPARE(tenant.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
    QVERIFY(model.flags(tenant) & Qt::ItemIsUserCheckable);
    QVERIFY(model.flags(tenant) & Qt::ItemNeverHasChildren);

    // A second account is inserted after the first.
    const auto app = f.addAutomation();
    QVERIFY2(app.ok(), qPrintable(app.error().summary()));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1, 0).data(AccountModel::CredentialKindRole).toInt(),
             int(CredentialKind::ClientSecret));
    QCOMPARE(model.index(1, 0).data().toString(), u"ci-pipeline"_s);
    QCOMPARE(model.accountIdOf(model.index(0, 0, model.index(1, 0))), app->id);
    QCOMPARE(reset.size(), 0);
}

void tst_AccountModel::tenantSwitchPersists()
{
    SessionFixture f;
    QVERIFY(f.isRunning());
    const auto alice = f.signIn();
    QVERIFY(alice.ok());
    const QString tenantId = f.sandbox().tenantId();
    {
        AccountModel model(f.session().accounts(), &f.settings());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy switched(&model, &AccountModel::tenantsEnabledChanged);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        const QModelIndex tenant = model.tenantIndex(alice->id, tenantId);
        QVERIFY(tenant.isValid());
        QVERIFY(model.isTenantEnabled(alice->id, tenantId));
        QVERIFY(model.setData(tenant, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(switched.size(), 1);
        QVERIFY(!changed.isEmpty());
        QVERIFY(!model.isTenantEnabled(alice->id, tenantId));
        QCOMPARE(tenant.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
        // Setting the same state again changes nothing.
        QVERIFY(model.setData(tenant, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(switched.size(), 1);
        // Only the check state of a tenant's name can be set.
        QVERIFY(!model.setData(model.index(0, 0), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(!model.setData(tenant, u"x"_s, Qt::EditRole));
    }
    QCOMPARE(f.settings().value(AccountModel::settingsKey(alice->id, tenantId)).toBool(), false);
    AccountModel again(f.session().accounts(), &f.settings());
    QVERIFY(!again.isTenantEnabled(alice->id, tenantId));
    QCOMPARE(
        again.tenantIndex(alice->id, tenantId).data(Qt::CheckStateRole).value<Qt::CheckState>(),
        Qt::Unchecked);
    again.setTenantEnabled(alice->id, tenantId, true);
    QVERIFY(again.isTenantEnabled(alice->id, tenantId));
}

void tst_AccountModel::removeAccount()
{
    SessionFixture f;
    QVERIFY(f.isRunning());
    AccountModel model(f.session().accounts(), &f.settings());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto alice = f.signIn();
    const auto app = f.addAutomation();
    QVERIFY(alice.ok() && app.ok());
    QCOMPARE(model.rowCount(), 2);
    const QPersistentModelIndex appTenant = model.index(0, 0, model.index(1, 0));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QVERIFY(ClientFixture::await(f.session().accounts().signOut(alice->id)).ok());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(model.index(0, 0).data(AccountModel::AccountIdRole).toString(), app->id);
    // The other account's tenant row followed its parent.
    QVERIFY(appTenant.isValid());
    QCOMPARE(appTenant.parent().row(), 0);
    QCOMPARE(appTenant.data(AccountModel::AccountIdRole).toString(), app->id);
    QVERIFY(!model.accountIndex(alice->id).isValid());
}

void tst_AccountModel::modelBuiltAfterAccounts()
{
    SessionFixture f;
    QVERIFY(f.isRunning());
    QVERIFY(f.signIn().ok());
    AccountModel model(f.session().accounts(), &f.settings());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(model.rowCount(model.index(0, 0)) >= 1);
    // The tenants are listed again: changed in place, not duplicated.
    const int tenants = model.rowCount(model.index(0, 0));
    const QString id = model.index(0, 0).data(AccountModel::AccountIdRole).toString();
    const auto refreshed = ClientFixture::await(f.session().accounts().refreshTenants(id));
    QVERIFY(refreshed.ok());
    QCOMPARE(model.rowCount(model.index(0, 0)), tenants);
    // A tenant list without the guest tenants removes their rows.
    f.session().accounts().setTenants(id, {});
    QCOMPARE(model.rowCount(model.index(0, 0)), 1);
}

void tst_AccountModel::presentationMasksTenants()
{
    SessionFixture f;
    QVERIFY(f.isRunning());
    QVERIFY(f.signIn().ok());
    AccountModel model(f.session().accounts(), &f.settings());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const QModelIndex tenant = model.index(0, 0, model.index(0, 0));
    const QString plain = tenant.data().toString();
    Presentation::instance().setEnabled(true);
    auto off = qScopeGuard([] { Presentation::instance().setEnabled(false); });
    QVERIFY(!changed.isEmpty());
    QVERIFY(tenant.data().toString() != plain);
    QCOMPARE(tenant.data(AccountModel::TenantIdDisplayRole).toString(),
             Presentation::maskGuid(f.sandbox().tenantId()));
}

QTEST_MAIN(tst_AccountModel)
#include "tst_accountmodel.moc"

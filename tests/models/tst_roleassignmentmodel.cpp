// SPDX-License-Identifier: GPL-3.0-or-later
// The role assignments of an RBAC vault against the sandbox: inherited and
// object-scope rows, staging, apply with read-back, the data-plane effect on the
// principal concerned, the lockout guard, and a concurrent change by another client.
#include "ModelRoles.h"
#include "PrincipalDirectory.h"
#include "RoleAssignmentModel.h"
#include "RoleAssignmentTable.h"
#include "SessionFixture.h"
#include "StagedEditorTestSupport.h"
#include "access/RoleCatalogue.h"
#include "state/Seed.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using namespace vl::sandbox::DemoIds;

namespace {

const QString AppsVault = u"kv-contoso-apps"_s;

bool load(RoleAssignmentModel &model)
{
    QSignalSpy loaded(&model, &StagedEditor::loaded);
    model.reload();
    return loaded.wait(20000) || loaded.count() > 0;
}

std::optional<graph::Principal> principal(SessionFixture &f, const QString &accountId,
                                          const QString &objectId)
{
    const auto graph = f.session().graph(accountId);
    if (!graph)
        return std::nullopt;
    const auto r = ClientFixture::await(graph->resolve({objectId}));
    if (!r || r->isEmpty() || !r->first().isResolved())
        return std::nullopt;
    return r->first();
}

/// The row of the first assignment matching principal, role and scope, or -1.
int findRow(const RoleAssignmentModel &model, const QString &principalId, QLatin1StringView role,
            const QString &scope)
{
    for (int r = 0; r < model.rows().size(); ++r) {
        const arm::RoleAssignment &a = model.rows()[r].assignment;
        if (a.principalId.compare(principalId, Qt::CaseInsensitive) == 0
            && arm::RoleDefinition::guidFromId(a.roleDefinitionId) == role
            && a.scope.compare(scope, Qt::CaseInsensitive) == 0)
            return r;
    }
    return -1;
}

QString cell(const RoleAssignmentModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.table()->index(row, column).data(role).toString();
}

/// Takes away the group assignment through which Dave reads the apps vault's secrets.
void removeDevelopersAccess(SessionFixture &f)
{
    auto &assignments = f.sandbox().sandbox().state().roleAssignments;
    assignments.removeIf([](const arm::RoleAssignment &a) { return a.principalId == Developers; });
}

/// The answer to reading @p secret as the account @p accountId.
Result<vault::SecretBundle> readSecret(SessionFixture &f, const QString &accountId,
                                       const QString &secret)
{
    auto client = f.session().vault(accountId, {}, f.vaultUri(AppsVault));
    if (!client)
        return AzureError::make(AzureError::Kind::Unauthenticated, u"no client"_s);
    return ClientFixture::await(client->getSecret(secret));
}

bool deniedByRbac(const Result<vault::SecretBundle> &r)
{
    return !r && r.error().status == 403 && r.error().innerCode == "ForbiddenByRbac"_L1;
}

} // namespace

class tst_RoleAssignmentModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsEveryScopeWithPrincipals()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const auto alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        const VaultLocation apps = f.vaultLocation(*alice, AppsVault);
        RoleAssignmentModel model(f.session(), apps);
        QAbstractItemModelTester tester(model.table(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(model.table()->columnCount(), int(RoleAssignmentTable::ColumnCount));
        QVERIFY(load(model));
        QVERIFY(model.isLoaded());
        QCOMPARE(model.signedInObjectId(), Alice);

        const QString sub = u"/subscriptions/"_s + ProductionSubscription;
        const int aliceRow = findRow(model, Alice, access::BuiltInRole::KeyVaultAdministrator, sub);
        const int devRow = findRow(model, Developers, access::BuiltInRole::KeyVaultSecretsOfficer,
                                   apps.resourceId);
        const int webRow = findRow(model, WebApp, access::BuiltInRole::KeyVaultSecretsUser,
                                   apps.resourceId + u"/secrets/web-app-client-secret"_s);
        const int auditRow = findRow(model, Auditors, access::BuiltInRole::KeyVaultReader,
                                     sub + u"/resourceGroups/rg-apps"_s);
        QVERIFY(aliceRow >= 0 && devRow >= 0 && webRow >= 0 && auditRow >= 0);
        // Assignments on other subscriptions' vaults do not apply.
        for (const RoleAssignmentRow &row : model.rows())
            QVERIFY(!row.assignment.scope.contains(DevelopmentSubscription));

        using T = RoleAssignmentTable;
        QTRY_COMPARE_WITH_TIMEOUT(cell(model, aliceRow, T::ScopeColumn),
                                  u"Subscription Contoso Production"_s, 20000);
        QCOMPARE(cell(model, aliceRow, T::ScopeColumn, Qt::ToolTipRole), sub);
        QCOMPARE(cell(model, aliceRow, T::InheritedColumn), u"Yes"_s);
        QCOMPARE(model.table()->index(aliceRow, T::InheritedColumn).data(models::RawValueRole),
                 QVariant(true));
        QCOMPARE(cell(model, aliceRow, T::RoleColumn), u"Key Vault Administrator"_s);
        QCOMPARE(cell(model, devRow, T::ScopeColumn), u"This vault"_s);
        QCOMPARE(cell(model, devRow, T::InheritedColumn), u"No"_s);
        QCOMPARE(cell(model, webRow, T::ScopeColumn), u"Secret web-app-client-secret"_s);
        QCOMPARE(cell(model, auditRow, T::ScopeColumn), u"Resource group rg-apps"_s);
        QCOMPARE(cell(model, devRow, T::StagedColumn), QString());

        // Principals resolved through Graph, with their kind and icon.
        QTRY_COMPARE_WITH_TIMEOUT(cell(model, aliceRow, T::PrincipalColumn), u"Alice Ahmed"_s,
                                  20000);
        QCOMPARE(cell(model, devRow, T::PrincipalColumn), u"Developers"_s);
        QCOMPARE(cell(model, devRow, T::TypeColumn), graph::kindName(graph::PrincipalKind::Group));
        QCOMPARE(cell(model, webRow, T::TypeColumn),
                 graph::kindName(graph::PrincipalKind::ManagedIdentity));
        QVERIFY(
            !model.table()->index(devRow, T::PrincipalColumn).data(Qt::DecorationRole).isNull());
        QCOMPARE(model.table()->index(devRow, T::PrincipalColumn).data(models::RawValueRole),
                 QVariant(u"developers"_s));

        // Inherited assignments are read-only here, and say where to change them.
        const QString inheritedId = model.rows()[aliceRow].assignment.id;
        const auto refused = model.stageRemove(inheritedId);
        QVERIFY(!refused.ok);
        QVERIFY2(refused.message.contains(u"subscription Contoso Production"_s),
                 qPrintable(refused.message));
        QVERIFY(!model.hasStagedChanges());
        QVERIFY(model.removeRefusal(model.rows()[devRow].assignment.id).isEmpty());
    }

    void unknownPrincipalIsFlagged()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const auto alice = f.signIn();
        QVERIFY(alice.ok());
        const VaultLocation apps = f.vaultLocation(*alice, AppsVault);
        arm::RoleAssignment gone;
        gone.name = u"0a0a0a0a-0000-4000-8000-00000000abcd"_s;
        gone.scope = apps.resourceId;
        gone.id = gone.scope + u"/providers/Microsoft.Authorization/roleAssignments/"_s + gone.name;
        gone.roleDefinitionId = u"/subscriptions/"_s + ProductionSubscription
                                + u"/providers/Microsoft.Authorization/roleDefinitions/"_s
                                + QString(access::BuiltInRole::KeyVaultSecretsUser);
        gone.principalId = FormerContractor;
        f.sandbox().sandbox().state().roleAssignments.append(gone);

        RoleAssignmentModel model(f.session(), apps);
        QVERIFY(load(model));
        const int row = model.rowOf(gone.id);
        QVERIFY(row >= 0);
        const QModelIndex index = model.table()->index(row, RoleAssignmentTable::PrincipalColumn);
        QTRY_COMPARE_WITH_TIMEOUT(index.data().toString(), u"Unknown principal"_s, 20000);
        QVERIFY(index.data(Qt::FontRole).value<QFont>().italic());
        QVERIFY(index.data(Qt::ToolTipRole).toString().contains(u"deleted"_s));
    }

    void assignAndRemoveChangeTheDataPlane()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        removeDevelopersAccess(f);
        const auto dave = f.signIn(u"dave@contoso.example"_s);
        QVERIFY2(dave.ok(), qPrintable(dave.error().summary()));
        const auto alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        const VaultLocation apps = f.vaultLocation(*alice, AppsVault);
        const auto davePrincipal = principal(f, alice->id, Dave);
        QVERIFY(davePrincipal);

        const Result<vault::SecretBundle> before = readSecret(f, dave->id, u"payments-api-key"_s);
        QVERIFY2(deniedByRbac(before),
                 qPrintable(before ? u"allowed"_s : before.error().summary()));

        RoleAssignmentModel model(f.session(), apps);
        QAbstractItemModelTester tester(model.table(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QVERIFY(load(model));
        const int rowsBefore = model.table()->rowCount();
        QSignalSpy staged(&model, &StagedEditor::stagedChanged);

        const auto ok = model.stageAssign(
            *davePrincipal, QString(access::BuiltInRole::KeyVaultSecretsUser), model.vaultScope());
        QVERIFY2(ok.ok, qPrintable(ok.message));
        QCOMPARE(staged.count(), 1);
        QCOMPARE(model.table()->rowCount(), rowsBefore + 1);
        QCOMPARE(cell(model, rowsBefore, RoleAssignmentTable::StagedColumn), u"Added"_s);
        QCOMPARE(cell(model, rowsBefore, RoleAssignmentTable::PrincipalColumn), u"Dave Duarte"_s);
        // The same assignment cannot be staged twice.
        QVERIFY(!model
                     .stageAssign(*davePrincipal, QString(access::BuiltInRole::KeyVaultSecretsUser),
                                  model.vaultScope())
                     .ok);

        const QList<StagedChange> changes = model.stagedChanges();
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes[0].kind, StagedChange::Kind::Add);
        QVERIFY(changes[0].operation.startsWith(u"PUT roleAssignments/"_s));
        QCOMPARE(changes[0].after,
                 QStringList{u"Key Vault Secrets User for Dave Duarte at this vault"_s});
        QVERIFY(model.guardWarnings().isEmpty());

        ApplyReport report = applyAndWait(model);
        QVERIFY2(report.succeeded(),
                 qPrintable(report.differences.join(u'\n')
                            + (report.error ? report.error->summary() : QString())));
        QCOMPARE(report.sent.size(), 1);
        QVERIFY(!model.hasStagedChanges());
        const int assigned =
            findRow(model, Dave, access::BuiltInRole::KeyVaultSecretsUser, apps.resourceId);
        QVERIFY(assigned >= 0);
        QCOMPARE(model.rows()[assigned].staged, RoleAssignmentRow::Staged::None);

        const auto during = readSecret(f, dave->id, u"payments-api-key"_s);
        QVERIFY2(during.ok(), qPrintable(during.error().summary()));
        QCOMPARE(during->value, std::optional<QString>(u"pk_demo_2"_s));

        // Removing it takes the access away again.
        const QString id = model.rows()[assigned].assignment.id;
        QVERIFY(model.stageRemove(id).ok);
        QCOMPARE(cell(model, assigned, RoleAssignmentTable::StagedColumn), u"Removed"_s);
        QCOMPARE(model.stagedChanges().size(), 1);
        QCOMPARE(model.stagedChanges()[0].kind, StagedChange::Kind::Remove);
        QCOMPARE(model.stagedChanges()[0].operation,
                 u"DELETE roleAssignments/"_s + model.rows()[assigned].assignment.name);
        report = applyAndWait(model);
        QVERIFY2(report.succeeded(), qPrintable(report.differences.join(u'\n')));
        QCOMPARE(model.rowOf(id), -1);
        QVERIFY(deniedByRbac(readSecret(f, dave->id, u"payments-api-key"_s)));
    }

    void objectScopeGrantsOneSecret()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        removeDevelopersAccess(f);
        const auto dave = f.signIn(u"dave@contoso.example"_s);
        QVERIFY(dave.ok());
        const auto alice = f.signIn();
        QVERIFY(alice.ok());
        const VaultLocation apps = f.vaultLocation(*alice, AppsVault);
        const auto davePrincipal = principal(f, alice->id, Dave);
        QVERIFY(davePrincipal);

        RoleAssignmentModel model(f.session(), apps);
        QVERIFY(load(model));
        const QString secretScope = RoleAssignmentModel::objectScope(
            model.vaultScope(), access::ObjectKind::Secrets, u"payments-api-key"_s);
        QCOMPARE(secretScope, apps.resourceId + u"/secrets/payments-api-key"_s);

        // What the staging refuses.
        const QString secretsUser(access::BuiltInRole::KeyVaultSecretsUser);
        QVERIFY(!model
                     .stageAssign(*davePrincipal, secretsUser,
                                  model.vaultScope() + u"/secrets/bad_name"_s)
                     .ok);
        QVERIFY(!model
                     .stageAssign(*davePrincipal, secretsUser,
                                  u"/subscriptions/"_s + ProductionSubscription)
                     .ok);
        QVERIFY(!model.stageAssign(*davePrincipal, QString(access::BuiltInRole::Owner), secretScope)
                     .ok);
        QVERIFY(!model
                     .stageAssign(*davePrincipal, u"11111111-2222-4333-8444-555555555555"_s,
                                  model.vaultScope())
                     .ok);
        QVERIFY(!model.hasStagedChanges());

        QVERIFY(model.stageAssign(*davePrincipal, secretsUser, secretScope).ok);
        QCOMPARE(
            model.stagedChanges().at(0).after,
            QStringList{u"Key Vault Secrets User for Dave Duarte at secret payments-api-key"_s});
        const ApplyReport report = applyAndWait(model);
        QVERIFY2(report.succeeded(), qPrintable(report.differences.join(u'\n')));
        const int row = findRow(model, Dave, access::BuiltInRole::KeyVaultSecretsUser, secretScope);
        QVERIFY(row >= 0);
        QCOMPARE(cell(model, row, RoleAssignmentTable::ScopeColumn), u"Secret payments-api-key"_s);

        QVERIFY(readSecret(f, dave->id, u"payments-api-key"_s).ok());
        QVERIFY(deniedByRbac(readSecret(f, dave->id, u"web-app-client-secret"_s)));
    }

    void guardWarnings_data()
    {
        QTest::addColumn<bool>("onlyAtVault");
        QTest::addColumn<bool>("removeOwner");
        QTest::addColumn<bool>("removeAdministrator");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("kept above the vault") << false << true << true << QStringList{};
        QTest::newRow("last of everything")
            << true << true << true
            << QStringList{GuardWarning::SelfLockout, GuardWarning::LastFullRights};
        QTest::newRow("last data-plane role")
            << true << false << true << QStringList{GuardWarning::SelfLockout};
        QTest::newRow("last role to assign roles")
            << true << true << false << QStringList{GuardWarning::SelfLockout};
    }

    void guardWarnings()
    {
        QFETCH(bool, onlyAtVault);
        QFETCH(bool, removeOwner);
        QFETCH(bool, removeAdministrator);
        QFETCH(QStringList, expected);

        SessionFixture f;
        QVERIFY(f.isRunning());
        const auto alice = f.signIn();
        QVERIFY(alice.ok());
        const VaultLocation apps = f.vaultLocation(*alice, AppsVault);
        const auto me = principal(f, alice->id, Alice);
        QVERIFY(me);
        RoleAssignmentModel model(f.session(), apps);
        QVERIFY(load(model));
        // Alice's rights come from the subscription in the seed: give her her own at the vault.
        QVERIFY(model.stageAssign(*me, QString(access::BuiltInRole::Owner), model.vaultScope()).ok);
        QVERIFY(model
                    .stageAssign(*me, QString(access::BuiltInRole::KeyVaultAdministrator),
                                 model.vaultScope())
                    .ok);
        QVERIFY(model.guardWarnings().isEmpty());
        QVERIFY(applyAndWait(model).succeeded());

        if (onlyAtVault) {
            // Nobody keeps Owner or Key Vault Administrator above the vault.
            f.sandbox().sandbox().state().roleAssignments.removeIf(
                [](const arm::RoleAssignment &a) {
                    const QString role = arm::RoleDefinition::guidFromId(a.roleDefinitionId);
                    return !a.scope.contains(u"/vaults/"_s)
                           && (role == access::BuiltInRole::Owner
                               || role == access::BuiltInRole::KeyVaultAdministrator);
                });
            QVERIFY(load(model));
        }
        const int owner = findRow(model, Alice, access::BuiltInRole::Owner, apps.resourceId);
        const int admin =
            findRow(model, Alice, access::BuiltInRole::KeyVaultAdministrator, apps.resourceId);
        QVERIFY(owner >= 0 && admin >= 0);
        if (removeOwner)
            QVERIFY(model.stageRemove(model.rows()[owner].assignment.id).ok);
        if (removeAdministrator)
            QVERIFY(model.stageRemove(model.rows()[admin].assignment.id).ok);

        const QList<GuardWarning> warnings = model.guardWarnings();
        QStringList ids;
        for (const GuardWarning &w : warnings) {
            ids << w.id;
            QVERIFY2(w.consequence.contains(AppsVault), qPrintable(w.consequence));
        }
        QCOMPARE(ids, expected);
        for (const GuardWarning &w : warnings) {
            if (w.id != GuardWarning::SelfLockout)
                continue;
            QCOMPARE(w.consequence.contains(u"manage access"_s), removeOwner);
            QCOMPARE(w.consequence.contains(u"data-plane"_s), removeAdministrator);
        }
        model.discardStaged();
        QVERIFY(!model.hasStagedChanges());
        QVERIFY(model.guardWarnings().isEmpty());
    }

    void groupAssignmentCountsAsOwn()
    {
        // Dave reads kv-contoso-apps only through the Developers group's role.
        SessionFixture f;
        QVERIFY(f.isRunning());
        const auto dave = f.signIn(u"dave@contoso.example"_s);
        QVERIFY(dave.ok());
        RoleAssignmentModel model(f.session(), f.vaultLocation(*dave, AppsVault));
        QVERIFY(load(model));
        QTRY_VERIFY_WITH_TIMEOUT(model.directory().groupsOf(Dave).has_value(), 20000);
        const QStringList groups = *model.directory().groupsOf(Dave);
        int group = -1;
        for (int r = 0; r < model.rows().size(); ++r) {
            const arm::RoleAssignment &a = model.rows()[r].assignment;
            if (groups.contains(a.principalId.toLower())
                && arm::RoleDefinition::guidFromId(a.roleDefinitionId)
                       == access::BuiltInRole::KeyVaultSecretsOfficer)
                group = r;
        }
        QVERIFY(group >= 0);
        QVERIFY(model.stageRemove(model.rows()[group].assignment.id).ok);
        const QList<GuardWarning> warnings = model.guardWarnings();
        QCOMPARE(warnings.size(), 1);
        QCOMPARE(warnings[0].id, GuardWarning::SelfLockout);
        QVERIFY2(warnings[0].consequence.contains(u"data-plane"_s)
                     && warnings[0].consequence.contains(u"through the group Developers"_s),
                 qPrintable(warnings[0].consequence));
    }

    void concurrentAssignmentSurvives()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const auto alice = f.signIn();
        QVERIFY(alice.ok());
        const VaultLocation apps = f.vaultLocation(*alice, AppsVault);
        const auto automation = f.addAutomation();
        QVERIFY2(automation.ok(), qPrintable(automation.error().summary()));
        const auto davePrincipal = principal(f, alice->id, Dave);
        QVERIFY(davePrincipal);

        RoleAssignmentModel model(f.session(), apps);
        QVERIFY(load(model));
        QVERIFY(model
                    .stageAssign(*davePrincipal, QString(access::BuiltInRole::KeyVaultSecretsUser),
                                 model.vaultScope())
                    .ok);

        // Meanwhile the automation gives Erin Key Vault Reader at the vault.
        const auto other = f.session().arm(automation->id);
        QVERIFY(other);
        arm::RoleAssignmentCreateParameters parameters;
        parameters.roleDefinitionId =
            model.fullRoleDefinitionId(QString(access::BuiltInRole::KeyVaultReader));
        parameters.principalId = Erin;
        parameters.principalType = u"User"_s;
        const auto created =
            ClientFixture::await(other->createRoleAssignment(apps.resourceId, parameters));
        QVERIFY2(created.ok(), qPrintable(created.error().summary()));

        const ApplyReport report = applyAndWait(model);
        QVERIFY2(report.succeeded(), qPrintable(report.differences.join(u'\n')));
        QVERIFY(findRow(model, Dave, access::BuiltInRole::KeyVaultSecretsUser, apps.resourceId)
                >= 0);
        QVERIFY(findRow(model, Erin, access::BuiltInRole::KeyVaultReader, apps.resourceId) >= 0);
        QVERIFY(model.rowOf(created->id) >= 0);
    }

    void discardAndUnstage()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const auto alice = f.signIn();
        QVERIFY(alice.ok());
        const VaultLocation apps = f.vaultLocation(*alice, AppsVault);
        const auto erin = principal(f, alice->id, Erin);
        QVERIFY(erin);
        RoleAssignmentModel model(f.session(), apps);
        QAbstractItemModelTester tester(model.table(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QVERIFY(load(model));
        const int rows = model.table()->rowCount();
        QVERIFY(model
                    .stageAssign(*erin, QString(access::BuiltInRole::KeyVaultReader),
                                 model.vaultScope())
                    .ok);
        const int dev = findRow(model, Developers, access::BuiltInRole::KeyVaultSecretsOfficer,
                                apps.resourceId);
        QVERIFY(model.stageRemove(model.rows()[dev].assignment.id).ok);
        QCOMPARE(model.stagedChanges().size(), 2);
        // Removing a staged addition drops it; keeping a removal undoes it.
        QVERIFY(model.stageRemove(model.rows()[rows].assignment.id).ok);
        QCOMPARE(model.table()->rowCount(), rows);
        model.unstageRemove(model.rows()[dev].assignment.id);
        QVERIFY(!model.hasStagedChanges());
        QVERIFY(model.stageRemove(model.rows()[dev].assignment.id).ok);
        model.discardStaged();
        QVERIFY(!model.hasStagedChanges());
        QCOMPARE(model.table()->rowCount(), rows);
        // A reload keeps what is staged.
        QVERIFY(model
                    .stageAssign(*erin, QString(access::BuiltInRole::KeyVaultReader),
                                 model.vaultScope())
                    .ok);
        QVERIFY(load(model));
        QCOMPARE(model.stagedChanges().size(), 1);
    }
};

QTEST_MAIN(tst_RoleAssignmentModel)
#include "tst_roleassignmentmodel.moc"

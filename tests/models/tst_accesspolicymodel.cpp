// SPDX-License-Identifier: GPL-3.0-or-later
// The access-policy editor's model against the sandbox: load the demo vaults'
// policies with their principals resolved, stage edits and read the diff, apply
// with the incremental operations (deltas, at most 16 entries a request) and read
// back, survive a second client's concurrent change (even to the same entry), report
// a read-back difference, refuse staging while applying, ignore a superseded reload,
// see the data plane follow, and raise the lockout guards.
#include "AccessPolicyFormat.h"
#include "AccessPolicyModel.h"
#include "ModelRoles.h"
#include "PrincipalDirectory.h"
#include "SessionFixture.h"
#include "StagedEditorTestSupport.h"
#include "journal/RequestJournal.h"
#include "state/SandboxState.h"
#include "state/Seed.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using namespace vl::sandbox::DemoIds;
using access::ObjectKind;
using Model = AccessPolicyModel;

namespace {

constexpr int Timeout = 20000;
const QString NoSuchPrincipal = u"0bad0000-0000-4000-8000-0000000000ff"_s;

const QString DevVault = u"kv-contoso-dev"_s;
const QString ProdVault = u"kv-contoso-prod"_s;

arm::AccessPolicyEntry entryFor(const QString &objectId, const QStringList &secrets)
{
    arm::AccessPolicyEntry e;
    e.tenantId = ContosoTenant;
    e.objectId = objectId;
    e.permissions.secrets = secrets;
    return e;
}

/// A well-formed object id no directory knows: the @p n-th of a series.
QString seriesId(int n)
{
    return u"0bad0000-0000-4000-8000-%1"_s.arg(n, 12, 10, QLatin1Char('0'));
}

QSet<QString> held(const arm::AccessPolicyEntry &entry, ObjectKind kind)
{
    return accesspolicy::nameSet(accesspolicy::list(entry.permissions, kind));
}

QString cell(const Model &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.table()->index(row, column).data(role).toString();
}

} // namespace

class tst_AccessPolicyModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SessionFixture> m_fixture;
    Account m_alice;

    std::unique_ptr<Model> open(const QString &name, const Account *as = nullptr)
    {
        auto model = std::make_unique<Model>(m_fixture->session(),
                                             m_fixture->vaultLocation(as ? *as : m_alice, name));
        QSignalSpy loaded(model.get(), &StagedEditor::loaded);
        model->reload();
        if (!loaded.wait(Timeout))
            return nullptr;
        // Wait for the principals too, so labels are names.
        QElapsedTimer clock;
        clock.start();
        auto resolved = [&] {
            for (int r = 0; r < model->rowCount(); ++r)
                if (!model->directory().find(model->entry(r).objectId))
                    return false;
            return true;
        };
        while (!resolved() && clock.elapsed() < Timeout)
            QTest::qWait(20);
        return model;
    }
    std::unique_ptr<Model> openDev() { return open(DevVault); }

    /// Stages @p objectId's entry with @p kind's permissions set to @p names; the guard's warnings.
    static QList<GuardWarning> narrow(Model &model, const QString &objectId,
                                      std::optional<QStringList> arm::Permissions::*kind,
                                      const QStringList &names)
    {
        arm::Permissions narrowed = model.entry(model.rowOf(objectId)).permissions;
        narrowed.*kind = names;
        if (!model.stageReplace(objectId, std::nullopt, narrowed))
            return {};
        return model.guardWarnings();
    }

    /// The automation service principal's ArmClient: the "other client".
    std::optional<arm::ArmClient> automationArm()
    {
        const Result<Account> app = m_fixture->addAutomation();
        if (!app)
            return std::nullopt;
        return m_fixture->session().arm(app->id);
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ApplyReport>(); }

    void init()
    {
        m_fixture = std::make_unique<SessionFixture>();
        QVERIFY(m_fixture->isRunning());
        const Result<Account> alice = m_fixture->signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        m_alice = *alice;
    }
    void cleanup() { m_fixture.reset(); }

    void loadProdResolvesPrincipals()
    {
        auto model = open(ProdVault);
        QVERIFY(model);
        QAbstractItemModelTester tester(model->table(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), 7);
        QCOMPARE(model->table()->columnCount(), int(Model::ColumnCount));
        QVERIFY(!model->hasStagedChanges());

        const int alice = model->rowOf(Alice);
        QVERIFY(alice >= 0);
        QTRY_COMPARE_WITH_TIMEOUT(cell(*model, alice, Model::PrincipalColumn), u"Alice Ahmed"_s,
                                  Timeout);
        QCOMPARE(cell(*model, alice, Model::TypeColumn), u"User"_s);
        QCOMPARE(cell(*model, alice, Model::SecretsColumn), u"All"_s);
        QCOMPARE(cell(*model, alice, Model::StorageColumn), u"—"_s);
        QCOMPARE(cell(*model, alice, Model::StagedColumn), QString());
        QVERIFY(!model->table()
                     ->index(alice, Model::PrincipalColumn)
                     .data(Qt::DecorationRole)
                     .value<QIcon>()
                     .isNull());

        const int developers = model->rowOf(Developers);
        QCOMPARE(cell(*model, developers, Model::PrincipalColumn), u"Developers"_s);
        QCOMPARE(cell(*model, developers, Model::TypeColumn), u"Group"_s);
        QCOMPARE(cell(*model, developers, Model::KeysColumn), u"Get, List"_s);
        QCOMPARE(model->table()->index(developers, Model::KeysColumn).data(models::RawValueRole),
                 QVariant(2));
        QCOMPARE(cell(*model, model->rowOf(WebApp), Model::TypeColumn), u"Managed identity"_s);
        QCOMPARE(cell(*model, model->rowOf(CiPipeline), Model::TypeColumn), u"Service principal"_s);
        QCOMPARE(cell(*model, model->rowOf(CiPipeline), Model::PrincipalColumn), u"ci-pipeline"_s);

        // The compound identity: an application acting for Dave.
        const int compound = model->rowOf(Dave, ReportingApp);
        QVERIFY(compound >= 0);
        QVERIFY(model->entry(compound).applicationId.has_value());
        // The application is named by its service principal in the tenant.
        QTRY_COMPARE_WITH_TIMEOUT(cell(*model, compound, Model::PrincipalColumn),
                                  u"reporting-app for Dave Duarte"_s, 20000);

        // The former contractor no longer exists in the directory.
        const int former = model->rowOf(FormerContractor);
        QVERIFY(cell(*model, former, Model::PrincipalColumn).startsWith(u"Unknown principal"_s));
        QVERIFY(cell(*model, former, Model::PrincipalColumn).contains(FormerContractor));
        QCOMPARE(cell(*model, former, Model::TypeColumn), u"Unknown"_s);
    }

    void loadDev()
    {
        auto model = openDev();
        QVERIFY(model);
        QAbstractItemModelTester tester(model->table(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), 3);
        for (int r = 0; r < 3; ++r)
            QVERIFY(accesspolicy::fullManagement(model->entry(r).permissions));
        QTRY_COMPARE_WITH_TIMEOUT(cell(*model, model->rowOf(Developers), Model::PrincipalColumn),
                                  u"Developers"_s, Timeout);
        QVERIFY(model->guardWarnings().isEmpty());
    }

    void unknownPrincipalFlagged()
    {
        auto other = automationArm();
        QVERIFY(other);
        const auto added = ClientFixture::await(other->updateAccessPolicies(
            m_fixture->vaultLocation(m_alice, DevVault).resourceId, arm::AccessPolicyOperation::Add,
            {entryFor(NoSuchPrincipal, {u"get"_s})}));
        QVERIFY2(added.ok(), qPrintable(added.error().summary()));

        auto model = openDev();
        QVERIFY(model);
        const int row = model->rowOf(NoSuchPrincipal);
        QVERIFY(row >= 0);
        QTRY_COMPARE_WITH_TIMEOUT(cell(*model, row, Model::TypeColumn), u"Unknown"_s, Timeout);
        QVERIFY(cell(*model, row, Model::PrincipalColumn).startsWith(u"Unknown principal"_s));
        QVERIFY(cell(*model, row, Model::PrincipalColumn).contains(NoSuchPrincipal));
        QCOMPARE(cell(*model, row, Model::SecretsColumn), u"Get"_s);
    }

    void stagedDiff()
    {
        auto model = openDev();
        QVERIFY(model);
        QAbstractItemModelTester tester(model->table(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy staged(model.get(), &StagedEditor::stagedChanged);

        model->stageGrant(Erin, ObjectKind::Secrets, u"get"_s);
        model->stageGrant(Erin, ObjectKind::Secrets, u"List"_s);
        QCOMPARE(model->rowCount(), 4);
        const int erin = model->rowOf(Erin);
        QCOMPARE(model->rowState(erin), Model::RowState::Added);
        QCOMPARE(cell(*model, erin, Model::StagedColumn), u"Added"_s);
        QCOMPARE(cell(*model, erin, Model::SecretsColumn), u"Get, List"_s);

        arm::Permissions developers = model->entry(model->rowOf(Developers)).permissions;
        developers.secrets = QStringList{u"get"_s, u"list"_s};
        QVERIFY(model->stageReplace(Developers, std::nullopt, developers));
        QVERIFY(model->stageRemove(CiPipeline, std::nullopt));
        QCOMPARE(cell(*model, model->rowOf(CiPipeline), Model::StagedColumn), u"Removed"_s);
        QVERIFY(model->isStagedRow(model->rowOf(CiPipeline)));
        QCOMPARE(staged.size(), 4);

        const QList<StagedChange> changes = model->stagedChanges();
        QCOMPARE(changes.size(), 3);
        QCOMPARE(changes[0].kind, StagedChange::Kind::Add);
        QCOMPARE(changes[0].after, QStringList{u"secrets: get, list"_s});
        QCOMPARE(changes[0].operation, u"PUT accessPolicies/add"_s);
        QCOMPARE(changes[1].kind, StagedChange::Kind::Modify);
        QCOMPARE(
            changes[1].before,
            QStringList{u"secrets: get, list, set, delete, backup, restore, recover, purge"_s});
        QCOMPARE(changes[1].after, QStringList{u"secrets: get, list"_s});
        QCOMPARE(changes[1].operation, u"PUT accessPolicies/add + remove"_s);
        QVERIFY(changes[1].subject.contains(u"Developers"_s));
        QCOMPARE(changes[2].kind, StagedChange::Kind::Remove);
        QCOMPARE(changes[2].operation, u"PUT accessPolicies/remove"_s);
        QCOMPARE(changes[2].before.size(), 3);

        // Undoing an edit by hand is no edit; removing a staged addition drops its row.
        QVERIFY(model->stageRemove(Erin, std::nullopt));
        QCOMPARE(model->rowCount(), 3);
        model->discardStaged();
        QVERIFY(!model->hasStagedChanges());
        QCOMPARE(cell(*model, model->rowOf(CiPipeline), Model::StagedColumn), QString());
    }

    void applyAddChangeRemove()
    {
        auto model = openDev();
        QVERIFY(model);
        model->stageAdd(entryFor(Erin, {u"get"_s, u"list"_s}));
        arm::Permissions developers;
        developers.secrets = QStringList{u"get"_s, u"list"_s};
        developers.keys = QStringList{u"get"_s};
        developers.storage = QStringList{u"get"_s};
        QVERIFY(model->stageReplace(Developers, std::nullopt, developers));
        QVERIFY(model->stageRemove(CiPipeline, std::nullopt));

        const ApplyReport report = applyAndWait(*model, Timeout);
        QVERIFY2(!report.error, qPrintable(report.error ? report.error->summary() : QString()));
        QVERIFY(report.readBack);
        QVERIFY2(report.differences.isEmpty(), qPrintable(report.differences.join(u'\n')));
        QVERIFY(report.succeeded());
        // The gains (Erin's entry, the developers' storage) in one add, the losses (the
        // developers' other permissions, the pipeline's entry) in one remove: no replace.
        QCOMPARE(report.sent.size(), 2);
        QVERIFY2(report.sent[0].startsWith(u"PUT accessPolicies/add: "_s),
                 qPrintable(report.sent[0]));
        QVERIFY(report.sent[0].contains(u"Developers"_s));
        QVERIFY(report.sent[1].startsWith(u"PUT accessPolicies/remove: "_s));
        QVERIFY(report.sent[1].contains(u"Developers"_s));
        QVERIFY(report.sent[1].contains(u"ci-pipeline"_s));

        // The model shows the state read back, with nothing staged.
        QVERIFY(!model->hasStagedChanges());
        QCOMPARE(model->rowCount(), 3);
        QVERIFY(model->rowOf(CiPipeline) < 0);
        QCOMPARE(
            accesspolicy::nameSet(model->entry(model->rowOf(Erin)).permissions.secrets.value()),
            (QSet<QString>{u"get"_s, u"list"_s}));
        QVERIFY(accesspolicy::samePermissions(model->entry(model->rowOf(Developers)).permissions,
                                              developers));

        // An independent read agrees.
        auto arm = m_fixture->session().arm(m_alice.id);
        const auto vault = ClientFixture::await(
            arm->getVault(m_fixture->vaultLocation(m_alice, DevVault).resourceId));
        QVERIFY(vault.ok());
        QCOMPARE(vault->properties.accessPolicies->size(), 3);
    }

    void batchesOfSixteen()
    {
        auto model = openDev();
        QVERIFY(model);
        constexpr int Count = 17;
        for (int i = 0; i < Count; ++i)
            model->stageAdd(entryFor(seriesId(i), {u"get"_s}));
        ApplyReport report = applyAndWait(*model, Timeout);
        QVERIFY2(report.succeeded(), qPrintable(report.differences.join(u'\n')));
        QCOMPARE(report.sent.size(), 2); // 16 + 1
        QVERIFY(report.sent[0].startsWith(u"PUT accessPolicies/add"_s));
        QVERIFY(report.sent[1].startsWith(u"PUT accessPolicies/add"_s));
        QCOMPARE(model->rowCount(), 3 + Count);

        // Every entry trades get for list: 17 gains and 17 losses, two requests each.
        for (int i = 0; i < Count; ++i) {
            arm::Permissions p;
            p.secrets = QStringList{u"list"_s};
            QVERIFY(model->stageReplace(seriesId(i), std::nullopt, p));
        }
        report = applyAndWait(*model, Timeout);
        QVERIFY2(report.succeeded(), qPrintable(report.differences.join(u'\n')));
        QCOMPARE(report.sent.size(), 4);
        QVERIFY(report.sent[0].startsWith(u"PUT accessPolicies/add"_s));
        QVERIFY(report.sent[1].startsWith(u"PUT accessPolicies/add"_s));
        QVERIFY(report.sent[2].startsWith(u"PUT accessPolicies/remove"_s));
        QVERIFY(report.sent[3].startsWith(u"PUT accessPolicies/remove"_s));
        QCOMPARE(model->rowCount(), 3 + Count);
        for (int i = 0; i < Count; ++i)
            QCOMPARE(held(model->entry(model->rowOf(seriesId(i))), ObjectKind::Secrets),
                     QSet<QString>{u"list"_s});
    }

    void concurrentAddSurvives()
    {
        auto model = openDev();
        QVERIFY(model);
        model->stageAdd(entryFor(Erin, {u"get"_s, u"list"_s}));

        // Meanwhile a second client adds a policy for Dave.
        auto other = automationArm();
        QVERIFY(other);
        const auto added = ClientFixture::await(other->updateAccessPolicies(
            m_fixture->vaultLocation(m_alice, DevVault).resourceId, arm::AccessPolicyOperation::Add,
            {entryFor(Dave, {u"get"_s})}));
        QVERIFY2(added.ok(), qPrintable(added.error().summary()));

        const ApplyReport report = applyAndWait(*model, Timeout);
        QVERIFY2(report.succeeded(), qPrintable(report.differences.join(u'\n')));
        QVERIFY(model->rowOf(Erin) >= 0);
        QVERIFY(model->rowOf(Dave) >= 0);
        const auto vault = ClientFixture::await(
            other->getVault(m_fixture->vaultLocation(m_alice, DevVault).resourceId));
        QVERIFY(vault.ok());
        QCOMPARE(vault->properties.accessPolicies->size(), 5);
    }

    void concurrentEditOfTheSameEntry()
    {
        auto model = open(ProdVault);
        QVERIFY(model);
        const int row = model->rowOf(Developers);
        QVERIFY(row >= 0);
        QCOMPARE(held(model->entry(row), ObjectKind::Secrets),
                 (QSet<QString>{u"get"_s, u"list"_s}));
        // VaultLens: the developers lose secrets list and gain secrets set.
        arm::Permissions wanted = model->entry(row).permissions;
        wanted.secrets = QStringList{u"get"_s, u"set"_s};
        QVERIFY(model->stageReplace(Developers, std::nullopt, wanted));
        const QList<StagedChange> changes = model->stagedChanges();
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes[0].operation, u"PUT accessPolicies/add + remove"_s);

        // Meanwhile a second client grants the developers secrets delete on the same entry.
        auto other = automationArm();
        QVERIFY(other);
        const auto added = ClientFixture::await(other->updateAccessPolicies(
            m_fixture->vaultLocation(m_alice, ProdVault).resourceId,
            arm::AccessPolicyOperation::Add, {entryFor(Developers, {u"delete"_s})}));
        QVERIFY2(added.ok(), qPrintable(added.error().summary()));

        const ApplyReport report = applyAndWait(*model, Timeout);
        QVERIFY2(!report.error, qPrintable(report.error ? report.error->summary() : QString()));
        QVERIFY(report.readBack);
        QVERIFY2(report.differences.isEmpty(), qPrintable(report.differences.join(u'\n')));
        QCOMPARE(report.sent.size(), 2);
        QVERIFY(report.sent[0].startsWith(u"PUT accessPolicies/add: Developers"_s));
        QVERIFY(report.sent[1].startsWith(u"PUT accessPolicies/remove: Developers"_s));

        // The other client's permission survives; VaultLens's delta is in place.
        const auto vault = ClientFixture::await(
            other->getVault(m_fixture->vaultLocation(m_alice, ProdVault).resourceId));
        QVERIFY(vault.ok());
        const QList<arm::AccessPolicyEntry> &now = *vault->properties.accessPolicies;
        const auto it = std::find_if(now.cbegin(), now.cend(), [](const auto &e) {
            return accesspolicy::sameIdentity(e, Developers, std::nullopt);
        });
        QVERIFY(it != now.cend());
        QCOMPARE(held(*it, ObjectKind::Secrets), (QSet<QString>{u"get"_s, u"set"_s, u"delete"_s}));
        QCOMPARE(held(*it, ObjectKind::Keys), (QSet<QString>{u"get"_s, u"list"_s}));
        QCOMPARE(held(*it, ObjectKind::Certificates), (QSet<QString>{u"get"_s, u"list"_s}));
        // And the model shows it.
        QCOMPARE(held(model->entry(model->rowOf(Developers)), ObjectKind::Secrets),
                 (QSet<QString>{u"get"_s, u"set"_s, u"delete"_s}));
        QVERIFY(!model->hasStagedChanges());
    }

    void readBackDifferenceReported()
    {
        auto model = openDev();
        QVERIFY(model);
        // The developers lose secrets purge and gain storage get.
        arm::Permissions wanted = model->entry(model->rowOf(Developers)).permissions;
        wanted.secrets->removeAll(u"purge"_s);
        wanted.storage = QStringList{u"get"_s};
        QVERIFY(model->stageReplace(Developers, std::nullopt, wanted));

        // Between the last request sent and the read-back, the vault's state changes
        // behind the model: the developers get purge back and lose storage get (another
        // administrator undoing the change, in the service's own state).
        int tampered = 0;
        QMetaObject::Connection hook = connect(
            &m_fixture->session().journal(), &RequestJournal::recordAdded, this,
            [&](const RequestRecord &record) {
                if (record.method != "PUT" || record.status != 200
                    || !record.url.path().endsWith(u"/accessPolicies/remove"_s))
                    return;
                sandbox::VaultRecord *vault =
                    m_fixture->sandbox().sandbox().state().vaultByName(u"kv-contoso-dev"_s);
                if (!vault)
                    return;
                for (arm::AccessPolicyEntry &e : *vault->resource.properties.accessPolicies) {
                    if (!accesspolicy::sameIdentity(e, Developers, std::nullopt))
                        continue;
                    e.permissions.secrets->append(u"purge"_s);
                    e.permissions.storage = QStringList{};
                    ++tampered;
                }
            });
        const ApplyReport report = applyAndWait(*model, Timeout);
        disconnect(hook);
        QCOMPARE(tampered, 1);

        QVERIFY2(!report.error, qPrintable(report.error ? report.error->summary() : QString()));
        QVERIFY(report.readBack);
        QCOMPARE(report.sent.size(), 2);
        QVERIFY(!report.succeeded());
        QCOMPARE(report.differences.size(), 2);
        for (const QString &difference : report.differences)
            QVERIFY2(difference.startsWith(u"Developers "_s), qPrintable(difference));
        QVERIFY2(report.differences.join(u'\n').contains(u"lacks storage: get"_s),
                 qPrintable(report.differences.join(u'\n')));
        QVERIFY2(report.differences.join(u'\n').contains(u"still holds secrets: purge"_s),
                 qPrintable(report.differences.join(u'\n')));
        // The model shows what was read back, not what was staged.
        QVERIFY(!model->hasStagedChanges());
        const arm::AccessPolicyEntry now = model->entry(model->rowOf(Developers));
        QVERIFY(held(now, ObjectKind::Secrets).contains(u"purge"_s));
        QVERIFY(held(now, ObjectKind::Storage).isEmpty());
    }

    void removedEntryKeptByConcurrentGrant()
    {
        auto model = openDev();
        QVERIFY(model);
        QVERIFY(model->stageRemove(Developers, std::nullopt));
        // Meanwhile a second client grants the developers storage get.
        auto other = automationArm();
        QVERIFY(other);
        arm::AccessPolicyEntry grant = entryFor(Developers, {});
        grant.permissions.secrets.reset();
        grant.permissions.storage = QStringList{u"get"_s};
        const auto added = ClientFixture::await(
            other->updateAccessPolicies(m_fixture->vaultLocation(m_alice, DevVault).resourceId,
                                        arm::AccessPolicyOperation::Add, {grant}));
        QVERIFY2(added.ok(), qPrintable(added.error().summary()));

        // Only what was read is removed: the other grant keeps the entry, and the
        // read-back says the removal did not take.
        const ApplyReport report = applyAndWait(*model, Timeout);
        QVERIFY(!report.error);
        QVERIFY(report.readBack);
        QCOMPARE(report.differences.size(), 1);
        QVERIFY2(report.differences[0].startsWith(u"Developers still has an access policy"_s),
                 qPrintable(report.differences[0]));
        QVERIFY(report.differences[0].contains(u"storage: get"_s));
        const int row = model->rowOf(Developers);
        QVERIFY(row >= 0);
        QCOMPARE(held(model->entry(row), ObjectKind::Storage), QSet<QString>{u"get"_s});
        QVERIFY(held(model->entry(row), ObjectKind::Secrets).isEmpty());
    }

    void stagingRefusedWhileApplying()
    {
        auto model = openDev();
        QVERIFY(model);
        model->stageGrant(Erin, ObjectKind::Secrets, u"get"_s);
        QCOMPARE(model->stagedChanges().size(), 1);
        QSignalSpy applied(model.get(), &StagedEditor::applied);
        QSignalSpy staged(model.get(), &StagedEditor::stagedChanged);
        model->apply();
        QVERIFY(model->isApplying());
        QVERIFY(model->isBusy());

        model->stageGrant(Dave, ObjectKind::Secrets, u"get"_s);
        model->stageAdd(entryFor(Carol, {u"list"_s}));
        arm::Permissions none;
        none.secrets = QStringList{u"get"_s};
        QVERIFY(!model->stageReplace(Developers, std::nullopt, none));
        QVERIFY(!model->stageRemove(CiPipeline, std::nullopt));
        QVERIFY(!model->stageRemove(Erin, std::nullopt));
        model->discardStaged();
        QCOMPARE(staged.size(), 0);
        QCOMPARE(model->stagedChanges().size(), 1);
        QVERIFY(model->rowOf(Dave) < 0);
        QVERIFY(model->rowOf(Carol) < 0);

        QVERIFY(applied.wait(Timeout));
        const ApplyReport report = applied.first().first().value<ApplyReport>();
        QVERIFY2(report.succeeded(), qPrintable(report.differences.join(u'\n')));
        QCOMPARE(report.sent.size(), 1);
        QVERIFY(!model->isApplying());
        QVERIFY(!model->hasStagedChanges());
        QCOMPARE(model->rowCount(), 4);
        QVERIFY(model->rowOf(Erin) >= 0);
        QVERIFY(model->rowOf(Dave) < 0);
        QVERIFY(model->rowOf(CiPipeline) >= 0);
        QCOMPARE(held(model->entry(model->rowOf(Developers)), ObjectKind::Secrets).size(), 8);

        // Staging works again once the apply is over.
        QVERIFY(model->stageRemove(Erin, std::nullopt));
        QCOMPARE(model->rowState(model->rowOf(Erin)), Model::RowState::Removed);
    }

    void reloadSupersededByApply()
    {
        auto model = openDev();
        QVERIFY(model);
        model->stageGrant(Erin, ObjectKind::Secrets, u"get"_s);
        QStringList events;
        connect(model.get(), &StagedEditor::busyChanged, this,
                [&](bool busy) { events << (busy ? u"busy"_s : u"idle"_s); });
        connect(model.get(), &StagedEditor::loaded, this, [&] { events << u"loaded"_s; });
        connect(model.get(), &StagedEditor::applied, this, [&] { events << u"applied"_s; });
        QSignalSpy applied(model.get(), &StagedEditor::applied);
        // A reload is in flight (its answer holds the state before the apply) when the
        // apply starts: its answer must neither end the busy state nor replace the base.
        model->reload();
        model->apply();
        QVERIFY(applied.wait(Timeout));
        QTest::qWait(200); // give a stale answer time to show
        QCOMPARE(events, (QStringList{u"busy"_s, u"idle"_s, u"applied"_s}));
        QVERIFY(applied.first().first().value<ApplyReport>().succeeded());
        QVERIFY(model->rowOf(Erin) >= 0);
        QCOMPARE(model->baseEntries().size(), 4);
        QVERIFY(!model->isBusy());
    }

    void dataPlaneFollows()
    {
        // Erin (a security auditor) has no policy on kv-contoso-dev, nor has any group of hers.
        // (Dave is a member of Developers, which holds every permission there.)
        const Result<Account> erin = m_fixture->signIn(u"erin@contoso.example"_s);
        QVERIFY2(erin.ok(), qPrintable(erin.error().summary()));
        auto vault =
            m_fixture->session().vault(erin->id, {}, m_fixture->vaultUri(u"kv-contoso-dev"_s));
        QVERIFY(vault);
        auto before = ClientFixture::await(vault->listSecrets());
        QVERIFY(!before.ok());
        QCOMPARE(before.error().kind, AzureError::Kind::Policy);
        QCOMPARE(before.error().status, 403);
        auto get = ClientFixture::await(vault->getSecret(u"dev-database-password"_s));
        QVERIFY(!get.ok());
        QCOMPARE(get.error().kind, AzureError::Kind::Policy);

        auto model = openDev();
        QVERIFY(model);
        model->stageGrant(Erin, ObjectKind::Secrets, u"get"_s);
        model->stageGrant(Erin, ObjectKind::Secrets, u"list"_s);
        QVERIFY(applyAndWait(*model, Timeout).succeeded());
        auto listed = ClientFixture::await(vault->listSecrets());
        QVERIFY2(listed.ok(), qPrintable(listed.error().summary()));
        get = ClientFixture::await(vault->getSecret(u"dev-database-password"_s));
        QVERIFY2(get.ok(), qPrintable(get.error().summary()));

        QVERIFY(model->stageRemove(Erin, std::nullopt));
        QVERIFY(applyAndWait(*model, Timeout).succeeded());
        QVERIFY(model->rowOf(Erin) < 0);
        auto after = ClientFixture::await(vault->listSecrets());
        QVERIFY(!after.ok());
        QCOMPARE(after.error().kind, AzureError::Kind::Policy);
    }

    void selfLockoutGuard()
    {
        auto model = openDev();
        QVERIFY(model);
        QCOMPARE(model->signedInObjectId(), Alice);
        arm::Permissions mine = model->entry(model->rowOf(Alice)).permissions;
        mine.secrets->removeAll(u"delete"_s);
        mine.secrets->removeAll(u"purge"_s);
        QVERIFY(model->stageReplace(Alice, std::nullopt, mine));
        const QList<GuardWarning> warnings = model->guardWarnings();
        QCOMPARE(warnings.size(), 1);
        QCOMPARE(warnings[0].id, GuardWarning::SelfLockout);
        QCOMPARE(warnings[0].consequence,
                 u"You (Alice Ahmed) will lose secrets: delete, purge on kv-contoso-dev."_s);

        // Giving others' rights away warns nobody about Alice.
        model->discardStaged();
        QVERIFY(model->stageRemove(Developers, std::nullopt));
        QVERIFY(model->guardWarnings().isEmpty());
    }

    void groupLockoutGuard()
    {
        // Dave holds kv-contoso-dev only through the Developers group's entry.
        const Result<Account> dave = m_fixture->signIn(u"dave@contoso.example"_s);
        QVERIFY2(dave.ok(), qPrintable(dave.error().summary()));
        auto model = open(DevVault, &*dave);
        QVERIFY(model);
        QTRY_VERIFY_WITH_TIMEOUT(model->directory().groupsOf(dave->objectId).has_value(), Timeout);
        QVERIFY(model->directory().groupsOf(dave->objectId)->contains(Developers.toLower()));

        const QList<GuardWarning> warnings =
            narrow(*model, Developers, &arm::Permissions::secrets, {u"get"_s, u"list"_s});
        QCOMPARE(warnings.size(), 1);
        QCOMPARE(warnings[0].id, GuardWarning::SelfLockout);
        QVERIFY2(warnings[0].consequence.startsWith(u"You (Dave Duarte) will lose secrets: "_s)
                     && warnings[0].consequence.endsWith(
                         u" on kv-contoso-dev, held through the group Developers."_s),
                 qPrintable(warnings[0].consequence));
        QVERIFY(!warnings[0].consequence.contains(u"list"_s));

        // Another principal's entry changing warns Dave of nothing.
        model->discardStaged();
        QVERIFY(model->stageRemove(CiPipeline, std::nullopt));
        QVERIFY(model->guardWarnings().isEmpty());
    }

    void ownEntryKeptThroughAGroup()
    {
        // Dave gets an entry of his own on kv-contoso-dev, beside the Developers' one.
        const Result<Account> dave = m_fixture->signIn(u"dave@contoso.example"_s);
        QVERIFY2(dave.ok(), qPrintable(dave.error().summary()));
        auto &policies = *m_fixture->sandbox()
                              .sandbox()
                              .state()
                              .vaultByName(DevVault)
                              ->resource.properties.accessPolicies;
        arm::AccessPolicyEntry own = policies.first();
        own.objectId = dave->objectId;
        own.permissions.secrets = QStringList{u"get"_s, u"list"_s, u"set"_s};
        policies.append(own);
        auto model = open(DevVault, &*dave);
        QVERIFY(model);
        QTRY_VERIFY_WITH_TIMEOUT(model->directory().groupsOf(dave->objectId).has_value(), Timeout);

        // Removing his own entry loses nothing the group does not keep.
        QVERIFY(model->stageRemove(dave->objectId, std::nullopt));
        QVERIFY(model->guardWarnings().isEmpty());
        // Narrowing the group's entry as well takes what neither keeps: both are named.
        const QList<GuardWarning> warnings =
            narrow(*model, Developers, &arm::Permissions::secrets, {u"get"_s});
        QCOMPARE(warnings.size(), 2);
        QVERIFY(warnings[0].consequence.contains(u"will lose your access policy"_s));
        QVERIFY2(warnings[1].consequence.contains(u"held through the group Developers"_s)
                     && warnings[1].consequence.contains(u"list"_s),
                 qPrintable(warnings[1].consequence));
    }

    void lastFullRightsGuard()
    {
        auto model = openDev();
        QVERIFY(model);
        QVERIFY(model->stageRemove(CiPipeline, std::nullopt));
        QVERIFY(model->stageRemove(Developers, std::nullopt));
        QVERIFY(model->guardWarnings().isEmpty()); // Alice keeps full management
        QList<GuardWarning> warnings =
            narrow(*model, Alice, &arm::Permissions::certificates, {u"get"_s, u"list"_s});
        QCOMPARE(warnings.size(), 2);
        QCOMPARE(warnings[0].id, GuardWarning::SelfLockout);
        QCOMPARE(warnings[1].id, GuardWarning::LastFullRights);
        QVERIFY(warnings[1].consequence.contains(u"Alice Ahmed"_s));
        QVERIFY(warnings[1].consequence.contains(u"ci-pipeline"_s));

        QVERIFY(model->stageRemove(Alice, std::nullopt));
        warnings = model->guardWarnings();
        QCOMPARE(warnings.size(), 2);
        QVERIFY(warnings[0].consequence.contains(u"will lose your access policy"_s));
    }
};

QTEST_MAIN(tst_AccessPolicyModel)
#include "tst_accesspolicymodel.moc"

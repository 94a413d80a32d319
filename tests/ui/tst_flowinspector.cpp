// SPDX-License-Identifier: GPL-3.0-or-later
// The flow inspector in the main window, driven by the guided tour on the sandbox:
// a firewall denial shows the failed firewall stage with the client address; its fix,
// applied, makes the retry pass, drawn beside the first flow. Then an access-policy
// denial fixed the same way, the journal exported as HAR and viewed again, and an
// error explained.
#include "AccessPolicyModel.h"
#include "JournalModel.h"
#include "MainWindow.h"
#include "NetworkRulesModel.h"
#include "RoleAssignmentModel.h"
#include "SessionFixture.h"
#include "WidgetTestSupport.h"
#include "access/AccessPolicyDialog.h"
#include "access/AccessPolicyEditor.h"
#include "access/AccessView.h"
#include "access/AssignRoleDialog.h"
#include "access/RoleAssignmentEditor.h"
#include "access/RoleCatalogue.h"
#include "access/RoleDefinitionDialog.h"
#include "flow/ExplainErrorDialog.h"
#include "flow/FlowDiagram.h"
#include "flow/FlowInspector.h"
#include "flow/GuidedTour.h"
#include "network/NetworkEditor.h"
#include "shell/VaultView.h"
#include "widgets/StagedChangesBar.h"

#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

namespace {

constexpr int Timeout = 20000;

ui::TourSandbox tourOf(SessionFixture &f)
{
    return {f.sandbox().config(), f.cloud().name, [&f](const QString &address) {
                f.sandbox().sandbox().state().clientAddress = address;
            }};
}

/// The vault tab of @p name opened as @p accountId, or nullptr.
ui::VaultView *tabOf(ui::MainWindow &window, const QString &name, const QString &accountId)
{
    for (ui::VaultView *view : window.vaults())
        if (view->location().name == name && view->location().accountId == accountId)
            return view;
    return nullptr;
}

/**
 * Alice signed in, the main window, and the guided tour's scenario run until its
 * refused request is selected in the flow inspector. Check ok() after making it.
 */
class TourRun
{
public:
    explicit TourRun(int scenario)
    {
        if (!f.isRunning())
            return;
        const Result<Account> signedIn = f.signIn();
        if (!signedIn)
            return;
        alice = *signedIn;
        window = std::make_unique<ui::MainWindow>(f.session(), access::RoleCatalogue::builtIn(),
                                                  &f.settings());
        window->resize(1400, 900);
        window->show();
        window->enableGuidedTour(tourOf(f));
        tour = window->startGuidedTour(scenario);
        QSignalSpy shown(tour, &ui::GuidedTour::requestShown);
        tour->run();
        m_ok = shown.wait(Timeout);
    }
    ~TourRun()
    {
        if (tour)
            tour->close();
    }
    [[nodiscard]] bool ok() const { return m_ok; }
    [[nodiscard]] ui::FlowInspector *inspector() const { return window->flowInspector(); }
    [[nodiscard]] FlowExplanation flow() const
    {
        return inspector()->diagram()->explanations().value(0);
    }
    /// Clicks Fix… and returns Alice's tab of @p vault, where the fix opened.
    [[nodiscard]] ui::VaultView *fix(const QString &vault) const
    {
        inspector()->findChild<QPushButton *>(u"fixButton"_s)->click();
        return tabOf(*window, vault, alice.id);
    }
    /// Retries the selected request and returns the new request's status (0: none came).
    [[nodiscard]] int retry() const
    {
        QSignalSpy retried(inspector(), &ui::FlowInspector::retried);
        inspector()->retrySelected();
        return retried.wait(Timeout) ? retried.first().first().value<RequestRecord>().status : 0;
    }

    SessionFixture f;
    Account alice;
    std::unique_ptr<ui::MainWindow> window;
    QPointer<ui::GuidedTour> tour;

private:
    bool m_ok = false;
};

} // namespace

class tst_FlowInspector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ApplyReport>(); }

    void firewallDenialFixedAndRetried()
    {
        TourRun run(0);
        QVERIFY(run.ok());
        QVERIFY(run.tour->text().contains(u"192.0.2.77"_s));
        ui::MainWindow &window = *run.window;
        const Account &alice = run.alice;

        // The failed stage is the firewall, with the address Key Vault saw.
        ui::FlowInspector *inspector = window.flowInspector();
        QVERIFY(inspector->isVisible());
        const std::optional<RequestRecord> failed = inspector->selectedRecord();
        QVERIFY(failed);
        QCOMPARE(failed->status, 403);
        QCOMPARE(inspector->diagram()->explanations().size(), 1);
        const FlowExplanation flow = inspector->diagram()->explanations().first();
        QVERIFY(flow.failedStep());
        QCOMPARE(flow.failedStep()->stage, FlowStage::Firewall);
        QVERIFY2(flow.failedStep()->evidence.join(u'\n').contains(u"192.0.2.77"_s),
                 qPrintable(flow.failedStep()->evidence.join(u'\n')));
        QVERIFY(inspector->diagram()->toSvg().contains("192.0.2.77"));
        const auto row = inspector->view()->currentIndex();
        QCOMPARE(row.siblingAtColumn(JournalModel::VerdictColumn).data().toString(),
                 u"Failed at Firewall"_s);
        QVERIFY(row.siblingAtColumn(JournalModel::TargetColumn)
                    .data()
                    .toString()
                    .contains(u"kv-contoso-prod"_s));
        screenshot(window, u"flow-inspector.png"_s);

        // Fix…: the firewall editor of Alice's tab, with the address staged.
        auto *fix = inspector->findChild<QPushButton *>(u"fixButton"_s);
        auto *retry = inspector->findChild<QPushButton *>(u"retryButton"_s);
        QVERIFY(fix->isEnabled());
        fix->click();
        ui::VaultView *prod = tabOf(window, u"kv-contoso-prod"_s, alice.id);
        QVERIFY(prod && prod->networkEditor());
        ui::NetworkEditor *firewall = prod->networkEditor();
        QTRY_VERIFY_WITH_TIMEOUT(
            firewall->model()->stagedFirewall().ipRules.contains(u"192.0.2.77/32"_s), Timeout);
        const QString report = reviewAndApply(*firewall->findChild<ui::StagedChangesBar *>());
        QVERIFY2(report.contains(u"every change is in place"_s), qPrintable(report));

        // Retry: the same request again, passing, drawn beside the first.
        QVERIFY(inspector->selectRecord(failed->id));
        QVERIFY(retry->isEnabled());
        QSignalSpy retried(inspector, &ui::FlowInspector::retried);
        retry->click();
        QVERIFY(retried.wait(Timeout));
        const RequestRecord again = retried.first().first().value<RequestRecord>();
        QCOMPARE(again.status, 200);
        QCOMPARE(again.url, failed->url);
        QCOMPARE(inspector->selectedRecord()->id, again.id);
        QCOMPARE(inspector->diagram()->explanations().size(), 2);
        QVERIFY(inspector->diagram()->explanations().at(0).failedStep());
        QVERIFY(!inspector->diagram()->explanations().at(1).failedStep());
        screenshot(*inspector, u"flow-inspector-retry.png"_s);
    }

    void accessPolicyDenialFixedAndRetried()
    {
        TourRun run(1);
        QVERIFY(run.ok());
        QCOMPARE(run.flow().failedStep()->stage, FlowStage::Authorization);
        QCOMPARE(run.flow().remedy().kind, Remedy::Kind::GrantAccessPolicyPermission);

        // Fix…: the access policy dialog in Alice's tab, the permission ticked.
        ui::VaultView *dev = run.fix(u"kv-contoso-dev"_s);
        QVERIFY(dev && dev->accessView());
        ui::AccessPolicyEditor *policies = dev->accessView()->accessPolicies();
        QTRY_VERIFY_WITH_TIMEOUT(policies->dialog() != nullptr, Timeout);
        ui::AccessPolicyDialog *dialog = policies->dialog();
        QVERIFY(dialog->isPermissionChecked(access::ObjectKind::Secrets, u"list"_s));
        QTRY_VERIFY_WITH_TIMEOUT(dialog->okButton()->isEnabled(), Timeout);
        dialog->okButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(policies->model()->stagedChanges().size(), 1, Timeout);
        QCOMPARE(policies->model()->stagedChanges().first().after, QStringList{u"secrets: list"_s});
        QTRY_VERIFY_WITH_TIMEOUT(!policies->model()->isBusy(), Timeout);
        const QString report = reviewAndApply(*policies->findChild<ui::StagedChangesBar *>());
        QVERIFY2(report.contains(u"every change is in place"_s), qPrintable(report));
        QCOMPARE(run.retry(), 200);
    }

    void rbacDenialFixedAndRetried()
    {
        TourRun run(2);
        QVERIFY(run.ok());
        QCOMPARE(run.flow().failedStep()->stage, FlowStage::Authorization);
        QCOMPARE(run.flow().remedy().kind, Remedy::Kind::AssignRole);
        QVERIFY(!run.flow().remedy().roleName.isEmpty());

        // Fix…: the assign dialog in Alice's tab, the role and principal filled in.
        ui::VaultView *apps = run.fix(u"kv-contoso-apps"_s);
        QVERIFY(apps && apps->accessView());
        ui::RoleAssignmentEditor *roles = apps->accessView()->roleAssignments();
        QTRY_VERIFY_WITH_TIMEOUT(roles->assignDialog() != nullptr, Timeout);
        ui::AssignRoleDialog *dialog = roles->assignDialog();
        QTRY_VERIFY_WITH_TIMEOUT(dialog->okButton()->isEnabled(), Timeout);
        dialog->okButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(
            !roles->model().stagedChanges().isEmpty() && !roles->model().isBusy(), Timeout);
        const QString report = reviewAndApply(*roles->findChild<ui::StagedChangesBar *>());
        QVERIFY2(report.contains(u"every change is in place"_s), qPrintable(report));
        QCOMPARE(run.retry(), 200);
    }

    void harExportImportAndExplain()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        ui::MainWindow window(f.session(), access::RoleCatalogue::builtIn(), &f.settings());
        window.show();
        window.openVault(f.vaultLocation(*alice, u"kv-contoso-dev"_s));
        ui::FlowInspector *inspector = window.showFlowInspector();
        QTRY_VERIFY_WITH_TIMEOUT(inspector->model()->rowCount() >= 3, Timeout);
        const int sessionRows = inspector->model()->rowCount();

        QTemporaryDir dir;
        const QString path = dir.filePath(u"session.har"_s);
        QString error;
        QVERIFY2(inspector->exportHar(path, &error), qPrintable(error));
        QVERIFY2(inspector->importHar(path, &error), qPrintable(error));
        QVERIFY(inspector->showsImported());
        QCOMPARE(inspector->model()->rowCount(), sessionRows);
        inspector->selectLatest();
        QVERIFY(inspector->selectedRecord());
        QVERIFY(!inspector->findChild<QPushButton *>(u"retryButton"_s)->isEnabled());
        inspector->showSession();
        QVERIFY(!inspector->showsImported());
        QVERIFY(!inspector->importHar(dir.filePath(u"missing.har"_s), &error));
        QVERIFY(error.contains(u"could not be read"_s));

        inspector->findChild<QPushButton *>(u"explainErrorButton"_s)->click();
        auto *explain = inspector->findChild<ui::ExplainErrorDialog *>();
        QVERIFY(explain);
        explain->setText(
            u"Client address is not authorized and caller is not a trusted service.\r\nClient address: 192.0.2.77"_s);
        QTRY_VERIFY_WITH_TIMEOUT(explain->explanation().failedStep() != nullptr, Timeout);
        QCOMPARE(explain->explanation().failedStep()->stage, FlowStage::Firewall);
    }
};

QTEST_MAIN(tst_FlowInspector)
#include "tst_flowinspector.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// The flow inspector in the main window, driven by the guided tour on the sandbox:
// a firewall denial shows the failed firewall stage with the client address; its fix,
// applied, makes the retry pass, drawn beside the first flow. Then an access-policy
// and an RBAC denial fixed the same way; a token for the wrong tenant answered by the
// vault's challenge, and the sign-in to the challenged tenant when it cannot be; the
// journal exported as HAR and viewed again, and an error explained.
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
#include "signin/SignInDialog.h"
#include "state/SandboxState.h"
#include "widgets/StagedChangesBar.h"

#include <QJsonArray>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
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
    return {f.sandbox().config(), f.cloud().name,
            [&f](const QString &address) { f.sandbox().sandbox().state().clientAddress = address; },
            [&f](const QString &vault, const QString &tenantId) {
                if (sandbox::VaultRecord *v = f.sandbox().sandbox().state().vaultByName(vault))
                    v->resource.properties.tenantId = tenantId;
            }};
}

/// The id of the sandbox tenant whose domain is @p domain.
QString tenantOf(SessionFixture &f, const QString &domain)
{
    for (const QJsonValue &t : f.sandbox().config().value("tenants"_L1).toArray())
        if (t[u"domain"_s].toString() == domain)
            return t[u"id"_s].toString();
    return {};
}

/**
 * Alice signed in (and @p guest after her, when given), and the main window,
 * with Alice's tab of @p vault when one is named. Check ok() after making it.
 */
struct AliceWindow
{
    explicit AliceWindow(const QString &vault, const QString &guest = {})
    {
        if (!f.isRunning())
            return;
        const Result<Account> signedIn = f.signIn();
        if (!signedIn || (!guest.isEmpty() && !f.signIn(guest)))
            return;
        alice = *signedIn;
        window = std::make_unique<ui::MainWindow>(f.session(), access::RoleCatalogue::builtIn(),
                                                  &f.settings());
        window->resize(1400, 900);
        window->show();
        if (!vault.isEmpty())
            view = window->openVault(f.vaultLocation(alice, vault));
    }
    [[nodiscard]] bool ok() const { return view != nullptr; }

    SessionFixture f;
    Account alice;
    std::unique_ptr<ui::MainWindow> window;
    ui::VaultView *view = nullptr;
};

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
class TourRun : public AliceWindow
{
public:
    /// @p guest: another user signed in after Alice, before the scenario runs.
    explicit TourRun(int scenario, const QString &guest = {})
        : AliceWindow({}, guest)
    {
        if (!window)
            return;
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

        // Alice's tab and reporting-app's tab of the vault say whose they are.
        auto *tabs = run.window->findChild<QTabWidget *>(u"vaultTabs"_s);
        QStringList titles;
        for (int i = 0; i < tabs->count(); ++i)
            titles << tabs->tabText(i);
        QVERIFY2(titles.contains(u"kv-contoso-apps · alice@contoso.example"_s)
                     && titles.contains(u"kv-contoso-apps · reporting-app"_s),
                 qPrintable(titles.join(u", "_s)));

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

    void wrongTenantAnsweredByTheChallenge()
    {
        TourRun run(3, u"carol@fabrikam.example"_s);
        QVERIFY(run.ok());
        const QString contoso = tenantOf(run.f, u"contoso.example"_s);
        const QString fabrikam = tenantOf(run.f, u"fabrikam.example"_s);
        QVERIFY(!contoso.isEmpty() && !fabrikam.isEmpty());

        // The refused attempt: Carol's token from Contoso, the vault now in Fabrikam.
        ui::FlowInspector *inspector = run.inspector();
        const std::optional<RequestRecord> refused = inspector->selectedRecord();
        QVERIFY(refused && refused->token);
        QCOMPARE(refused->status, 401);
        QCOMPARE(refused->token->claims.value(u"tid"_s).toString(), contoso);
        QCOMPARE(refused->token->claims.value(u"upn"_s).toString(), u"carol@fabrikam.example"_s);
        const FlowExplanation first = run.flow();
        QVERIFY(first.failedStep());
        QCOMPARE(first.failedStep()->stage, FlowStage::TokenValidation);
        QVERIFY2(first.failedStep()->summary.contains(contoso)
                     && first.failedStep()->summary.contains(fabrikam),
                 qPrintable(first.failedStep()->summary));
        QVERIFY(first.failedStep()->evidence.join(u'\n').contains(u"AKV10032"_s));
        // Nothing is left to fix: the next attempt answered the challenge.
        QVERIFY(first.answeredBy > refused->id);
        QCOMPARE(first.remedy().kind, Remedy::Kind::None);
        QVERIFY(!inspector->findChild<QPushButton *>(u"fixButton"_s)->isEnabled());
        QCOMPARE(inspector->view()
                     ->currentIndex()
                     .siblingAtColumn(JournalModel::VerdictColumn)
                     .data()
                     .toString(),
                 u"Challenged"_s);

        // Drawn beside it: the attempt with a token from Fabrikam, every stage passed.
        QCOMPARE(inspector->diagram()->explanations().size(), 2);
        const FlowExplanation second = inspector->diagram()->explanations().at(1);
        QVERIFY(!second.failedStep());
        QCOMPARE(second.outcome(FlowStage::Authorization), FlowOutcome::Passed);
        const RequestRecord *answer =
            inspector->model()->record(inspector->model()->rowOf(first.answeredBy));
        QVERIFY(answer && answer->token);
        QCOMPARE(answer->status, 200);
        QCOMPARE(answer->url, refused->url);
        QCOMPARE(answer->clientRequestId, refused->clientRequestId);
        QCOMPARE(answer->token->claims.value(u"tid"_s).toString(), fabrikam);
        QVERIFY(run.tour->text().contains(u"AKV10032"_s));
        // Help ▸ Guided tour lists it last.
        const QList<QAction *> scenarios =
            run.window->findChild<QMenu *>(u"guidedTourMenu"_s)->actions();
        QCOMPARE(scenarios.size(), 4);
        QCOMPARE(scenarios.last()->text(), u"A token for the wrong tenant"_s);
        screenshot(*run.tour, u"guided-tour-wrong-tenant.png"_s);
        if (const QString dir = screenshotDir(); !dir.isEmpty())
            QVERIFY(inspector->diagram()->toImage().save(dir + u"/flow-wrong-tenant.png"_s));

        // Finishing the tour gives the vault its tenant back, and Alice reads it: the
        // challenge remembered for Fabrikam gives way to the vault's new one.
        run.tour->close();
        QTRY_COMPARE_WITH_TIMEOUT(run.f.sandbox()
                                      .sandbox()
                                      .state()
                                      .vaultByName(u"kv-contoso-apps"_s)
                                      ->resource.properties.tenantId,
                                  contoso, Timeout);
        const quint64 before = run.f.session().journal().records().constLast().id;
        run.window->openVault(run.f.vaultLocation(run.alice, u"kv-contoso-apps"_s))->refresh();
        const auto alicePassed = [&] {
            for (const RequestRecord &r : run.f.session().journal().records())
                if (r.id > before && r.url.port() == refused->url.port() && r.token
                    && r.token->claims.value(u"upn"_s).toString() == "alice@contoso.example"_L1
                    && r.status == 200)
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(alicePassed(), Timeout);
    }

    void signInToTheChallengedTenantPrefilled()
    {
        // Alice reads kv-contoso-apps; its tenant becomes Fabrikam, where she has no account.
        AliceWindow w(u"kv-contoso-apps"_s);
        QVERIFY(w.ok());
        SessionFixture &f = w.f;
        ui::MainWindow &window = *w.window;
        ui::FlowInspector *inspector = window.showFlowInspector();
        const QUrl vault = f.vaultUri(u"kv-contoso-apps"_s);
        const auto listed = [&] {
            for (const RequestRecord &r : f.session().journal().records())
                if (r.url.port() == vault.port() && r.token && r.status == 200)
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(listed(), Timeout);
        const QString fabrikam = tenantOf(f, u"fabrikam.example"_s);
        QVERIFY(!fabrikam.isEmpty());
        f.sandbox()
            .sandbox()
            .state()
            .vaultByName(u"kv-contoso-apps"_s)
            ->resource.properties.tenantId = fabrikam;
        w.view->refresh();

        // Refused for the token's tenant; no token from Fabrikam could answer the challenge
        // (Entra ID refused it too: Alice is not in Fabrikam).
        const auto refused = [&]() -> quint64 {
            quint64 id = 0;
            for (const RequestRecord &r : f.session().journal().records())
                if (r.url.port() == vault.port() && r.token && r.status == 401)
                    id = r.id;
            return id;
        };
        const auto entraRefusal = [&]() -> quint64 {
            for (const RequestRecord &r : f.session().journal().records())
                if (r.service == Service::EntraId && r.status == 400
                    && r.error.message.contains(u"AADSTS50020"_s))
                    return r.id;
            return 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(refused() != 0 && entraRefusal() != 0, Timeout);
        // Entra ID's refusal offers the same sign-in.
        QCOMPARE(inspector->model()
                     ->explanation(inspector->model()->rowOf(entraRefusal()))
                     .remedy()
                     .tenantId,
                 fabrikam);
        QVERIFY(inspector->selectRecord(refused()));
        const FlowExplanation flow = inspector->diagram()->explanations().value(0);
        QVERIFY(flow.failedStep());
        QCOMPARE(flow.failedStep()->stage, FlowStage::TokenValidation);
        QCOMPARE(flow.remedy().kind, Remedy::Kind::SignInToTenant);
        QCOMPARE(flow.remedy().tenantId, fabrikam);
        QCOMPARE(inspector->diagram()->explanations().size(), 1);

        // Fix…: the sign-in, for Alice, to the tenant the challenge names.
        auto *fix = inspector->findChild<QPushButton *>(u"fixButton"_s);
        QVERIFY(fix->isEnabled());
        fix->click();
        auto *dialog = window.findChild<ui::SignInDialog *>();
        QVERIFY(dialog && dialog->isVisible());
        QCOMPARE(dialog->findChild<QLineEdit *>(u"tenantEdit"_s)->text(), fabrikam);
        QCOMPARE(dialog->findChild<QLineEdit *>(u"loginHintEdit"_s)->text(),
                 u"alice@contoso.example"_s);
        QCOMPARE(dialog->cloud(), f.cloud().name);
        dialog->close();
    }

    void harExportImportAndExplain()
    {
        AliceWindow w(u"kv-contoso-dev"_s);
        QVERIFY(w.ok());
        ui::FlowInspector *inspector = w.window->showFlowInspector();
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

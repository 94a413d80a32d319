// SPDX-License-Identifier: GPL-3.0-or-later
// The demo story in the main window, against the sandbox: find who has access to a
// vault, grant a developer read access to secrets, restrict the vault to one address
// range, and see each change take effect on the data plane. Then a firewall denial's
// fix opens the networking editor with the refused address staged.
#include "AccessPolicyModel.h"
#include "MainWindow.h"
#include "NetworkRulesModel.h"
#include "PrincipalDirectory.h"
#include "SessionFixture.h"
#include "VaultItemModel.h"
#include "WidgetTestSupport.h"
#include "access/AccessPolicyDialog.h"
#include "access/AccessPolicyEditor.h"
#include "access/AccessView.h"
#include "access/AssignRoleDialog.h"
#include "access/PrincipalPicker.h"
#include "access/RoleAssignmentEditor.h"
#include "access/RoleCatalogue.h"
#include "access/RoleDefinitionDialog.h"
#include "items/ItemListView.h"
#include "network/NetworkEditor.h"
#include "shell/VaultView.h"
#include "state/Seed.h"
#include "widgets/ErrorBanner.h"
#include "widgets/ReviewChangesDialog.h"
#include "widgets/StagedChangesBar.h"

#include <QAction>
#include <QCheckBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using namespace vl::sandbox::DemoIds;

namespace {

constexpr int Timeout = 20000;

} // namespace

class tst_AccessDemo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ApplyReport>(); }

    void grantThenRestrictThenFix()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        const Result<Account> erin = f.signIn(u"erin@contoso.example"_s);
        QVERIFY2(erin.ok(), qPrintable(erin.error().summary()));

        ui::MainWindow window(f.session(), access::RoleCatalogue::builtIn(), &f.settings());
        window.resize(1280, 800);
        window.show();

        // Erin, a developer, cannot read the vault's secrets yet.
        ui::VaultView *asErin = window.openVault(f.vaultLocation(*erin, u"kv-contoso-dev"_s));
        ui::ItemListView *erinSecrets = asErin->list(VaultItemKind::Secret);
        QTRY_VERIFY_WITH_TIMEOUT(erinSecrets->errorBanner()->isVisible(), Timeout);
        QVERIFY2(erinSecrets->errorBanner()->headline().contains(u"Authorization"_s),
                 qPrintable(erinSecrets->errorBanner()->headline()));

        // 1. Who has access? The Access tab, from the Vault menu.
        ui::VaultView *view = window.openVault(f.vaultLocation(*alice, u"kv-contoso-dev"_s));
        QAction *access = window.findChild<QAction *>(u"vaultAccessAction"_s);
        QVERIFY(access && access->isEnabled());
        access->trigger();
        ui::AccessView *accessView = view->accessView();
        QVERIFY(accessView);
        QTRY_VERIFY_WITH_TIMEOUT(accessView->isVisible(), Timeout);
        ui::AccessPolicyEditor *policies = accessView->accessPolicies();
        QTRY_VERIFY_WITH_TIMEOUT(policies->isVisible(), Timeout);
        AccessPolicyModel &model = *policies->model();
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 3, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(model.directory().find(Alice) != nullptr, Timeout);
        QStringList who;
        for (int r = 0; r < model.rowCount(); ++r)
            who << model.principalLabel(model.entry(r));
        QCOMPARE(who, (QStringList{u"Alice Ahmed"_s, u"ci-pipeline"_s, u"Developers"_s}));

        // 2. Grant Erin read access to secrets: get and list.
        policies->findChild<QPushButton *>(u"addPolicyButton"_s)->click();
        ui::AccessPolicyDialog *dialog = policies->dialog();
        QVERIFY(dialog);
        auto *picker = dialog->findChild<ui::PrincipalPicker *>(u"principalPicker"_s);
        QSignalSpy searched(picker, &ui::PrincipalPicker::searchFinished);
        QTest::keyClicks(picker->findChild<QLineEdit *>(u"principalSearch"_s), u"Erin"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!searched.isEmpty(), Timeout);
        picker->findChild<QListWidget *>(u"principalResults"_s)->setCurrentRow(0);
        QCOMPARE(picker->selected()->id, Erin);
        QVERIFY(dialog->setPermissionChecked(access::ObjectKind::Secrets, u"get"_s, true));
        QVERIFY(dialog->setPermissionChecked(access::ObjectKind::Secrets, u"list"_s, true));
        QVERIFY(dialog->okButton()->isEnabled());
        dialog->okButton()->click();
        QCOMPARE(model.stagedChanges().size(), 1);
        // Nothing is sent before the apply: Erin is still refused.
        auto erinClient = f.session().vault(erin->id, {}, f.vaultUri(u"kv-contoso-dev"_s));
        QVERIFY(!ClientFixture::await(erinClient->listSecrets()).ok());
        const QString granted =
            reviewAndApply(*policies->findChild<ui::StagedChangesBar *>(), nullptr, -1, Timeout);
        QVERIFY2(granted.contains(u"every change is in place"_s), qPrintable(granted));
        screenshot(window, u"demo-access.png"_s);

        // The change takes effect: Erin's list now loads.
        asErin->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(erinSecrets->model()->rowCount() > 0, Timeout);
        QVERIFY(!erinSecrets->errorBanner()->isVisible());

        // 3. Restrict the vault to one address range, which holds this machine.
        QAction *networking = window.findChild<QAction *>(u"vaultNetworkingAction"_s);
        networking->trigger();
        ui::NetworkEditor *firewall = view->networkEditor();
        QVERIFY(firewall);
        QTRY_VERIFY_WITH_TIMEOUT(firewall->isVisible(), Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(firewall->model()->isLoaded(), Timeout);
        firewall->findChild<QRadioButton *>(u"accessSelectedNetworks"_s)->click();
        QTest::keyClicks(firewall->findChild<QLineEdit *>(u"ipRuleEdit"_s), u"203.0.113.0/24"_s);
        firewall->findChild<QPushButton *>(u"addIpRuleButton"_s)->click();
        QCOMPARE(firewall->model()->stagedFirewall().ipRules, QStringList{u"203.0.113.0/24"_s});
        QVERIFY(firewall->model()->guardWarnings().isEmpty()); // 203.0.113.10 stays inside
        const QString restricted =
            reviewAndApply(*firewall->findChild<ui::StagedChangesBar *>(), nullptr, -1, Timeout);
        QVERIFY2(restricted.contains(u"every change is in place"_s), qPrintable(restricted));
        screenshot(window, u"demo-networking.png"_s);

        // From inside the range the vault answers; from elsewhere its firewall refuses.
        QVERIFY(ClientFixture::await(erinClient->listSecrets()).ok());
        f.sandbox().sandbox().state().clientAddress = u"192.0.2.77"_s;
        QVERIFY(!ClientFixture::await(erinClient->listSecrets()).ok());
        view->setCurrentKind(VaultItemKind::Secret);
        ui::ItemListView *secrets = view->list(VaultItemKind::Secret);
        view->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(secrets->errorBanner()->isVisible(), Timeout);
        QVERIFY2(secrets->errorBanner()->headline().contains(u"Firewall"_s),
                 qPrintable(secrets->errorBanner()->headline()));

        // 4. The denial's fix opens the firewall editor with the refused address staged.
        auto *fix = secrets->errorBanner()->findChild<QPushButton *>(u"errorFixButton"_s);
        QVERIFY(fix && !fix->isHidden());
        fix->click();
        QTRY_VERIFY_WITH_TIMEOUT(firewall->isVisible(), Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(firewall->model()->stagedFirewall().ipRules,
                                  (QStringList{u"203.0.113.0/24"_s, u"192.0.2.77/32"_s}), Timeout);
        const QString fixed =
            reviewAndApply(*firewall->findChild<ui::StagedChangesBar *>(), nullptr, -1, Timeout);
        QVERIFY2(fixed.contains(u"every change is in place"_s), qPrintable(fixed));
        view->setCurrentKind(VaultItemKind::Secret);
        view->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(
            secrets->model()->rowCount() > 0 && !secrets->errorBanner()->isVisible(), Timeout);
    }
};

QTEST_MAIN(tst_AccessDemo)
#include "tst_accessdemo.moc"

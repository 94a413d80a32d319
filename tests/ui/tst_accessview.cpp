// SPDX-License-Identifier: GPL-3.0-or-later
// The vault's Access tab against the sandbox: the permission model in plain words,
// the editor in effect first, and the switch with its consequences and confirmation.
#include "PermissionModelSwitch.h"
#include "SessionFixture.h"
#include "WidgetTestSupport.h"
#include "access/AccessPolicyDialog.h"
#include "access/AccessPolicyEditor.h"
#include "access/AccessView.h"
#include "access/AssignRoleDialog.h"
#include "access/PermissionModelDialog.h"
#include "access/RoleAssignmentEditor.h"
#include "access/RoleDefinitionDialog.h"
#include "state/Seed.h"

#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using namespace vl::sandbox::DemoIds;

class tst_AccessView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void switchToRbacWithItsConsequences()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        const VaultLocation dev = f.vaultLocation(*alice, u"kv-contoso-dev"_s);
        ui::AccessView view(f.session(), dev);
        view.resize(1100, 640);
        view.show();
        auto *model = view.findChild<QLabel *>(u"permissionModelLabel"_s);
        auto *button = view.findChild<QPushButton *>(u"switchPermissionModelButton"_s);
        auto *tabs = view.findChild<QTabWidget *>(u"accessTabs"_s);
        QVERIFY(model && button && tabs);
        QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), 20000);
        QVERIFY2(model->text().contains(u"Vault access policy"_s), qPrintable(model->text()));
        QCOMPARE(button->text(), u"Switch to Azure RBAC…"_s);
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(view.accessPolicies()));
        QCOMPARE(tabs->tabText(0), u"Role assignments (Resource Manager only)"_s);
        screenshot(view, u"access-view.png"_s);

        auto data = f.session().vault(alice->id, {}, dev.vaultUri);
        QVERIFY(ClientFixture::await(data->listSecrets()).ok());

        button->click();
        ui::PermissionModelDialog *dialog = view.switchDialog();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->consequencesText().contains(u"Alice"_s), 20000);
        const QString text = dialog->consequencesText();
        QVERIFY2(text.contains(u"3 access policy entry(ies) stop granting access"_s),
                 qPrintable(text));
        QVERIFY(text.contains(u"ci-pipeline"_s));
        QVERIFY(text.contains(u"Developers"_s));
        QVERIFY(text.contains(u"Nobody: no role assignment grants data-plane access"_s));
        auto *confirm = dialog->findChild<QCheckBox *>(u"confirmSwitch"_s);
        auto *self = dialog->findChild<QCheckBox *>(u"confirmSelfLockout"_s);
        QVERIFY(confirm && self);
        QVERIFY(self->isVisible()); // alice keeps no data-plane access
        QVERIFY(!dialog->switchButton()->isEnabled());
        confirm->setChecked(true);
        QVERIFY(!dialog->switchButton()->isEnabled());
        self->setChecked(true);
        QVERIFY(dialog->switchButton()->isEnabled());
        screenshot(*dialog, u"permission-model-switch.png"_s);

        QSignalSpy switched(dialog, &ui::PermissionModelDialog::switched);
        dialog->switchButton()->click();
        QVERIFY(switched.wait(20000));
        QCOMPARE(switched.first().first().toBool(), true);
        QTRY_VERIFY_WITH_TIMEOUT(model->text().contains(u"Azure role-based access control"_s),
                                 20000);
        QTRY_COMPARE_WITH_TIMEOUT(tabs->currentWidget(),
                                  static_cast<QWidget *>(view.roleAssignments()), 20000);
        QCOMPARE(tabs->tabText(1), u"Access policies (not in effect)"_s);
        QCOMPARE(button->text(), u"Switch to vault access policy…"_s);

        // The data plane follows: alice holds no data role on the vault.
        const auto denied = ClientFixture::await(data->listSecrets());
        QVERIFY(!denied.ok());
        QCOMPARE(denied.error().kind, AzureError::Kind::Rbac);
    }

    void readerCannotSwitch()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> erin = f.signIn(u"erin@contoso.example"_s);
        QVERIFY2(erin.ok(), qPrintable(erin.error().summary()));
        ui::AccessView view(f.session(), f.vaultLocation(*erin, u"kv-contoso-apps"_s));
        auto *button = view.findChild<QPushButton *>(u"switchPermissionModelButton"_s);
        QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), 20000);
        QVERIFY(button->toolTip().contains(u"do not allow the switch"_s));
        ui::PermissionModelDialog *dialog = view.openSwitchDialog();
        QVERIFY(dialog);
        dialog->findChild<QCheckBox *>(u"confirmSwitch"_s)->setChecked(true);
        if (auto *self = dialog->findChild<QCheckBox *>(u"confirmSelfLockout"_s))
            self->setChecked(true);
        QVERIFY(!dialog->switchButton()->isEnabled());
        QVERIFY(dialog->findChild<QLabel *>(u"switchRights"_s)
                    ->text()
                    .contains(u"Microsoft.Authorization/roleAssignments/write"_s));
    }
};

QTEST_MAIN(tst_AccessView)
#include "tst_accessview.moc"

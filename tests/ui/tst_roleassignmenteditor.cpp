// SPDX-License-Identifier: GPL-3.0-or-later
// The role assignment editor against the sandbox, driven through its widgets:
// assign a role through the dialog and the principal search, review and apply,
// remove, inherited rows read-only, the role viewer, the lockout guard.
#include "PrincipalDirectory.h"
#include "RoleAssignmentModel.h"
#include "RoleAssignmentTable.h"
#include "SessionFixture.h"
#include "WidgetTestSupport.h"
#include "access/AssignRoleDialog.h"
#include "access/PrincipalPicker.h"
#include "access/RoleAssignmentEditor.h"
#include "access/RoleCatalogue.h"
#include "access/RoleDefinitionDialog.h"
#include "state/Seed.h"
#include "widgets/ReviewChangesDialog.h"
#include "widgets/StagedChangesBar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using namespace vl::ui;
using namespace vl::sandbox::DemoIds;

namespace {

const QString AppsVault = u"kv-contoso-apps"_s;

template<typename T>
T *child(const QWidget &parent, const QString &name)
{
    return parent.findChild<T *>(name);
}

/// The model row of principal @p principalId's assignment of @p role at @p scope, or -1.
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

QString cell(const RoleAssignmentModel &model, int row, int column)
{
    return model.table()->index(row, column).data().toString();
}

/// An editor for alice on the apps vault, shown, loaded and with principals resolved.
std::unique_ptr<RoleAssignmentEditor> openEditor(SessionFixture &f)
{
    const auto alice = f.signIn();
    if (!alice.ok())
        return nullptr;
    auto editor =
        std::make_unique<RoleAssignmentEditor>(f.session(), f.vaultLocation(*alice, AppsVault));
    editor->resize(1120, 560);
    editor->show();
    return editor;
}

bool loadedAndResolved(const RoleAssignmentEditor &editor)
{
    const RoleAssignmentModel &model = editor.model();
    if (!model.isLoaded() || model.isBusy())
        return false;
    for (int r = 0; r < model.rows().size(); ++r)
        if (model.directory().find(model.rows()[r].assignment.principalId) == nullptr)
            return false;
    return true;
}

/// Types @p text into the picker's search and picks the first match.
bool pickPrincipal(PrincipalPicker &picker, const QString &text)
{
    QSignalSpy finished(&picker, &PrincipalPicker::searchFinished);
    auto *field = child<QLineEdit>(picker, u"principalSearch"_s);
    field->clear();
    QTest::keyClicks(field, text);
    if (!finished.wait(20000) && finished.isEmpty())
        return false;
    auto *results = child<QListWidget>(picker, u"principalResults"_s);
    if (results->count() < 1)
        return false;
    QTest::mouseClick(results->viewport(), Qt::LeftButton, {},
                      results->visualItemRect(results->item(0)).center());
    return picker.selected().has_value();
}

} // namespace

class tst_RoleAssignmentEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void assignThroughTheDialogReviewAndApply()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        auto editor = openEditor(f);
        QVERIFY(editor);
        QTRY_VERIFY_WITH_TIMEOUT(loadedAndResolved(*editor), 20000);
        const QString appsId = editor->model().location().resourceId;
        RoleAssignmentModel &model = editor->model();
        const int rows = model.table()->rowCount();
        QVERIFY(child<QLabel>(*editor, u"assignmentSummary"_s)->text().contains(u"inherited"_s));

        child<QPushButton>(*editor, u"assignRoleButton"_s)->click();
        AssignRoleDialog *dialog = editor->assignDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->okButton()->isEnabled());
        auto *roles = child<QComboBox>(*dialog, u"roleCombo"_s);
        for (int i = 0; i < roles->count(); ++i)
            QVERIFY(roles->itemText(i).startsWith(u"Key Vault"_s));
        roles->setCurrentIndex(roles->findText(u"Key Vault Secrets User"_s));
        QCOMPARE(child<QLabel>(*dialog, u"roleDescription"_s)->text(),
                 access::RoleCatalogue::builtIn()
                     .find(access::BuiltInRole::KeyVaultSecretsUser)
                     ->description);
        QVERIFY(pickPrincipal(*dialog->picker(), u"Dave"_s));
        QCOMPARE(dialog->picker()->selected()->id, Dave);
        QVERIFY(dialog->okButton()->isEnabled());
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        QTRY_VERIFY(!editor->assignDialog());

        QCOMPARE(model.table()->rowCount(), rows + 1);
        const int added = findRow(model, Dave, access::BuiltInRole::KeyVaultSecretsUser, appsId);
        QVERIFY(added >= 0);
        QCOMPARE(cell(model, added, RoleAssignmentTable::StagedColumn), u"Added"_s);
        QCOMPARE(cell(model, added, RoleAssignmentTable::PrincipalColumn), u"Dave Duarte"_s);
        QCOMPARE(editor->currentModelRow(), added);

        if (!screenshotDir().isEmpty()) {
            editor->view()->clearSelection(); // the icons show better unselected
            screenshot(*editor, u"role-assignments.png"_s);
            editor->selectAssignment(model.rows()[added].assignment.id);
        }

        QString diff;
        const QString report = reviewAndApply(*editor->stagedChangesBar(), &diff);
        QVERIFY2(diff.contains(u"Key Vault Secrets User for Dave Duarte at this vault"_s),
                 qPrintable(diff));
        QVERIFY2(report.contains(u"every change is in place"_s), qPrintable(report));
        QVERIFY(!model.hasStagedChanges());
        const int applied = findRow(model, Dave, access::BuiltInRole::KeyVaultSecretsUser, appsId);
        QVERIFY(applied >= 0);
        QCOMPARE(cell(model, applied, RoleAssignmentTable::StagedColumn), QString());
    }

    void removeInheritedAndViewRole()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        auto editor = openEditor(f);
        QVERIFY(editor);
        QTRY_VERIFY_WITH_TIMEOUT(loadedAndResolved(*editor), 20000);
        const QString appsId = editor->model().location().resourceId;
        RoleAssignmentModel &model = editor->model();
        auto *remove = child<QPushButton>(*editor, u"removeAssignmentButton"_s);
        auto *viewRole = child<QPushButton>(*editor, u"viewRoleButton"_s);

        // Inherited from the subscription: read-only here.
        const int inherited = findRow(model, Alice, access::BuiltInRole::KeyVaultAdministrator,
                                      u"/subscriptions/"_s + ProductionSubscription);
        QVERIFY(inherited >= 0);
        QVERIFY(editor->selectAssignment(model.rows()[inherited].assignment.id));
        QVERIFY(!remove->isEnabled());
        QVERIFY(remove->toolTip().contains(u"inherited"_s));

        // The role viewer lists the role's data actions.
        viewRole->click();
        RoleDefinitionDialog *role = editor->roleDialog();
        QVERIFY(role);
        QCOMPARE(role->role().roleName, u"Key Vault Administrator"_s);
        QCOMPARE(role->entries(u"dataActions"_s), QStringList{u"Microsoft.KeyVault/vaults/*"_s});
        QVERIFY(role->entries(u"actions"_s).contains(u"Microsoft.KeyVault/vaults/*/read"_s));
        QVERIFY(role->entries(u"notDataActions"_s).isEmpty());
        role->close();

        // At the vault: removable, staged, applied.
        const int developers =
            findRow(model, Developers, access::BuiltInRole::KeyVaultSecretsOfficer, appsId);
        QVERIFY(developers >= 0);
        const QString id = model.rows()[developers].assignment.id;
        QVERIFY(editor->selectAssignment(id));
        QVERIFY(remove->isEnabled());
        QTest::mouseClick(remove, Qt::LeftButton);
        QCOMPARE(cell(model, developers, RoleAssignmentTable::StagedColumn), u"Removed"_s);
        QVERIFY(!remove->isEnabled());
        QString diff;
        const QString report = reviewAndApply(*editor->stagedChangesBar(), &diff);
        QVERIFY2(diff.contains(u"Key Vault Secrets Officer for Developers at this vault"_s),
                 qPrintable(diff));
        QVERIFY2(report.contains(u"every change is in place"_s), qPrintable(report));
        QCOMPARE(model.rowOf(id), -1);
    }

    void assignAtOneObject()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        auto editor = openEditor(f);
        QVERIFY(editor);
        QTRY_VERIFY_WITH_TIMEOUT(loadedAndResolved(*editor), 20000);
        const QString appsId = editor->model().location().resourceId;
        AssignRoleDialog *dialog = editor->openAssignDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->setRole(u"Key Vault Secrets User"_s));
        child<QRadioButton>(*dialog, u"scopeObject"_s)->click();
        auto *name = child<QLineEdit>(*dialog, u"objectNameEdit"_s);
        auto *kind = child<QComboBox>(*dialog, u"objectKindCombo"_s);
        QVERIFY(name->isEnabled());
        QCOMPARE(kind->currentText(), u"Secret"_s);
        QVERIFY(pickPrincipal(*dialog->picker(), u"Dave"_s));
        QTest::keyClicks(name, u"bad_name"_s);
        QVERIFY(!dialog->okButton()->isEnabled());
        QVERIFY(child<QLabel>(*dialog, u"objectNameStatus"_s)->text().contains(u"valid"_s));
        name->clear();
        QTest::keyClicks(name, u"payments-api-key"_s);
        QVERIFY(dialog->okButton()->isEnabled());
        QCOMPARE(dialog->scope(), appsId + u"/secrets/payments-api-key"_s);
        dialog->resize(620, 640);
        screenshot(*dialog, u"assign-role.png"_s);
        dialog->okButton()->click();
        QTRY_VERIFY(!editor->assignDialog());
        const int row = findRow(editor->model(), Dave, access::BuiltInRole::KeyVaultSecretsUser,
                                appsId + u"/secrets/payments-api-key"_s);
        QVERIFY(row >= 0);
        QCOMPARE(cell(editor->model(), row, RoleAssignmentTable::ScopeColumn),
                 u"Secret payments-api-key"_s);

        // The same again is refused in the dialog, which stays open.
        dialog = editor->openAssignDialog();
        QVERIFY(dialog->setRole(u"Key Vault Secrets User"_s));
        QVERIFY(dialog->setScope(appsId + u"/secrets/payments-api-key"_s));
        QVERIFY(pickPrincipal(*dialog->picker(), u"Dave"_s));
        dialog->okButton()->click();
        QVERIFY(dialog->isVisible());
        QVERIFY(child<QLabel>(*dialog, u"assignStatus"_s)->text().contains(u"staged already"_s));
        dialog->reject();
    }

    void assignRolePrefilled()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        auto editor = openEditor(f);
        QVERIFY(editor);
        QTRY_VERIFY_WITH_TIMEOUT(loadedAndResolved(*editor), 20000);
        const QString appsId = editor->model().location().resourceId;
        // Dave holds no assignment here: the directory looks him up first.
        editor->assignRole(Dave, u"Key Vault Secrets User"_s, appsId);
        AssignRoleDialog *dialog = editor->assignDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->roleCombo()->currentText(), u"Key Vault Secrets User"_s);
        QCOMPARE(dialog->scope(), appsId);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->picker()->selected().has_value(), 20000);
        QCOMPARE(dialog->picker()->selected()->id, Dave);
        dialog->okButton()->click();
        QTRY_VERIFY(!editor->assignDialog());
        QCOMPARE(editor->model().stagedChanges().size(), 1);
    }

    void lockoutGuardNeedsConfirmation()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        // Alice's only rights on the vault: Owner at the vault itself.
        auto &assignments = f.sandbox().sandbox().state().roleAssignments;
        assignments.removeIf([](const arm::RoleAssignment &a) {
            const QString role = arm::RoleDefinition::guidFromId(a.roleDefinitionId);
            return role == access::BuiltInRole::Owner
                   || role == access::BuiltInRole::KeyVaultAdministrator;
        });
        arm::RoleAssignment own;
        own.name = u"0b0b0b0b-0000-4000-8000-00000000a11c"_s;
        // The resource id names the vault whoever reaches it.
        own.scope = f.vaultLocation(Account(), AppsVault).resourceId;
        own.id = own.scope + u"/providers/Microsoft.Authorization/roleAssignments/"_s + own.name;
        own.roleDefinitionId = u"/subscriptions/"_s + ProductionSubscription
                               + u"/providers/Microsoft.Authorization/roleDefinitions/"_s
                               + QString(access::BuiltInRole::Owner);
        own.principalId = Alice;
        assignments.append(own);

        auto editor = openEditor(f);
        QVERIFY(editor);
        QTRY_VERIFY_WITH_TIMEOUT(loadedAndResolved(*editor), 20000);
        QVERIFY(editor->selectAssignment(own.id));
        child<QPushButton>(*editor, u"removeAssignmentButton"_s)->click();
        QVERIFY(editor->model().hasStagedChanges());

        ReviewChangesDialog *review = editor->stagedChangesBar()->review();
        QVERIFY(review);
        auto *self = child<QCheckBox>(*review, u"guardConfirmation_"_s + GuardWarning::SelfLockout);
        auto *last =
            child<QCheckBox>(*review, u"guardConfirmation_"_s + GuardWarning::LastFullRights);
        QVERIFY(self && last);
        QVERIFY(self->accessibleName().contains(u"manage access to kv-contoso-apps"_s));
        QVERIFY(!review->applyButton()->isEnabled());
        self->setChecked(true);
        QVERIFY(!review->applyButton()->isEnabled());
        last->setChecked(true);
        QVERIFY(review->applyButton()->isEnabled());
        review->reject();
        editor->model().discardStaged();
        QVERIFY(!editor->model().hasStagedChanges());
    }
};

QTEST_MAIN(tst_RoleAssignmentEditor)
#include "tst_roleassignmenteditor.moc"

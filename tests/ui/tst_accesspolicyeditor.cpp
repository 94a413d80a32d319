// SPDX-License-Identifier: GPL-3.0-or-later
// The access-policy editor driven through its widgets against the sandbox:
// add a principal found by name with a template, edit by ticking, remove,
// review the diff, apply and read back; the lockout guard holds Apply until
// its consequence is confirmed; nothing can be staged while an apply runs.
#include "AccessPolicyModel.h"
#include "PrincipalDirectory.h"
#include "SessionFixture.h"
#include "WidgetTestSupport.h"
#include "access/AccessPolicyDialog.h"
#include "access/AccessPolicyEditor.h"
#include "access/PrincipalPicker.h"
#include "state/Seed.h"
#include "widgets/ReviewChangesDialog.h"
#include "widgets/StagedChangesBar.h"

#include <QAbstractProxyModel>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using namespace vl::ui;
using namespace vl::sandbox::DemoIds;
using access::ObjectKind;
using Model = AccessPolicyModel;

namespace {

constexpr int Timeout = 20000;

QTreeWidgetItem *permissionItem(QTreeWidget *tree, const QString &name)
{
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        if ((*it)->text(0) == name)
            return *it;
    return nullptr;
}

} // namespace

class tst_AccessPolicyEditor : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SessionFixture> m_fixture;
    Account m_alice;

    static bool resolved(const Model &model)
    {
        for (int r = 0; r < model.rowCount(); ++r)
            if (!model.directory().find(model.entry(r).objectId))
                return false;
        return model.isLoaded();
    }

    /// Selects the view row showing the model row @p row.
    static void selectRow(AccessPolicyEditor &editor, int row)
    {
        QTableView *view = editor.view();
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            const QModelIndex index = view->model()->index(r, 0);
            const auto *proxy = qobject_cast<const QAbstractProxyModel *>(view->model());
            if (proxy->mapToSource(index).row() == row) {
                view->setCurrentIndex(index);
                return;
            }
        }
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

    void addEditRemoveApply()
    {
        AccessPolicyEditor editor(m_fixture->session(),
                                  m_fixture->vaultLocation(m_alice, u"kv-contoso-prod"_s));
        editor.resize(1180, 520);
        editor.show();
        Model &model = *editor.model();
        QTRY_VERIFY_WITH_TIMEOUT(resolved(model), Timeout);
        QCOMPARE(model.rowCount(), 7);
        QCOMPARE(editor.view()->model()->rowCount(), 7);

        // Add…: search "Dave" in the picker, pick him, choose "Secret Management".
        auto *add = editor.findChild<QPushButton *>(u"addPolicyButton"_s);
        QVERIFY(add && add->isEnabled());
        add->click();
        AccessPolicyDialog *dialog = editor.dialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        auto *picker = dialog->findChild<PrincipalPicker *>(u"principalPicker"_s);
        QVERIFY(picker);
        auto *field = picker->findChild<QLineEdit *>(u"principalSearch"_s);
        auto *results = picker->findChild<QListWidget *>(u"principalResults"_s);
        QVERIFY(field && results);
        QSignalSpy searched(picker, &PrincipalPicker::searchFinished);
        QTest::keyClicks(field, u"Dave"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!searched.isEmpty(), Timeout);
        QCOMPARE(searched.last().first().toInt(), 1); // one search after the pause
        QCOMPARE(searched.size(), 1);
        QCOMPARE(results->count(), 1);
        QVERIFY(results->item(0)->text().startsWith(u"Dave Duarte"_s));
        auto *ok = dialog->okButton();
        QVERIFY(!ok->isEnabled());
        results->setCurrentRow(0);
        QVERIFY(picker->selected().has_value());
        QCOMPARE(picker->selected()->id, Dave);

        auto *combo = dialog->findChild<QComboBox *>(u"permissionTemplate"_s);
        QVERIFY(combo);
        QCOMPARE(combo->currentText(), u"Custom"_s);
        const int secretManagement = combo->findText(u"Secret Management"_s);
        QVERIFY(secretManagement > 0);
        combo->setCurrentIndex(secretManagement);
        Q_EMIT combo->activated(secretManagement);
        auto *secrets = dialog->findChild<QTreeWidget *>(u"permissions_secrets"_s);
        auto *keys = dialog->findChild<QTreeWidget *>(u"permissions_keys"_s);
        QVERIFY(secrets && keys);
        for (const QString &name :
             {u"get"_s, u"list"_s, u"set"_s, u"delete"_s, u"backup"_s, u"restore"_s, u"recover"_s})
            QCOMPARE(permissionItem(secrets, name)->checkState(0), Qt::Checked);
        QCOMPARE(permissionItem(secrets, u"purge"_s)->checkState(0), Qt::Unchecked);
        QCOMPARE(permissionItem(keys, u"get"_s)->checkState(0), Qt::Unchecked);
        QVERIFY(!permissionItem(secrets, u"get"_s)->toolTip(0).isEmpty());
        QCOMPARE(combo->currentText(), u"Secret Management"_s);
        // One more tick makes it custom; taking it back returns to the template.
        permissionItem(secrets, u"purge"_s)->setCheckState(0, Qt::Checked);
        QCOMPARE(combo->currentText(), u"Custom"_s);
        permissionItem(secrets, u"purge"_s)->setCheckState(0, Qt::Unchecked);
        QCOMPARE(combo->currentText(), u"Secret Management"_s);
        QVERIFY(ok->isEnabled());
        screenshot(*dialog, u"access-policy-dialog.png"_s);
        QTest::mouseClick(ok, Qt::LeftButton);
        QTRY_VERIFY(!editor.dialog());

        QCOMPARE(model.rowCount(), 8);
        const int dave = model.rowOf(Dave);
        QVERIFY(dave >= 0);
        QCOMPARE(model.table()->index(dave, Model::StagedColumn).data().toString(), u"Added"_s);
        QCOMPARE(model.table()->index(dave, Model::PrincipalColumn).data().toString(),
                 u"Dave Duarte"_s);

        // Edit…: tick secrets list for the web app's managed identity.
        const int webApp = model.rowOf(WebApp);
        selectRow(editor, webApp);
        auto *edit = editor.findChild<QPushButton *>(u"editPolicyButton"_s);
        QVERIFY(edit->isEnabled());
        edit->click();
        dialog = editor.dialog();
        QVERIFY(dialog && dialog->isEditing());
        QVERIFY(!dialog->findChild<PrincipalPicker *>(u"principalPicker"_s)->isVisible());
        secrets = dialog->findChild<QTreeWidget *>(u"permissions_secrets"_s);
        QCOMPARE(permissionItem(secrets, u"get"_s)->checkState(0), Qt::Checked);
        permissionItem(secrets, u"list"_s)->setCheckState(0, Qt::Checked);
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        QTRY_VERIFY(!editor.dialog());
        QCOMPARE(model.table()->index(webApp, Model::StagedColumn).data().toString(), u"Changed"_s);
        QCOMPARE(model.table()->index(webApp, Model::SecretsColumn).data().toString(),
                 u"Get, List"_s);

        // Remove the former contractor's entry.
        const int former = model.rowOf(FormerContractor);
        selectRow(editor, former);
        auto *remove = editor.findChild<QPushButton *>(u"removePolicyButton"_s);
        remove->click();
        QCOMPARE(model.table()->index(former, Model::StagedColumn).data().toString(), u"Removed"_s);
        QVERIFY(model.table()->index(former, 0).data(Qt::FontRole).value<QFont>().strikeOut());
        QCOMPARE(remove->text(), u"&Restore"_s);
        selectRow(editor, dave);
        screenshot(editor, u"access-policies.png"_s);

        // Review: the diff, no guard; apply; read back.
        ReviewChangesDialog *review = editor.stagedBar()->review();
        QVERIFY(review);
        const QString diff = review->diffText();
        QVERIFY2(diff.contains(u"+ secrets: get, list, set, delete, backup, restore, recover"_s),
                 qPrintable(diff));
        QVERIFY2(diff.contains(u"- secrets: get"_s), qPrintable(diff));
        QVERIFY2(diff.contains(u"+ secrets: get, list"_s), qPrintable(diff));
        QVERIFY2(diff.contains(u"- secrets: get, list, set"_s), qPrintable(diff));
        QVERIFY(diff.contains(u"PUT accessPolicies/remove"_s));
        // The changed entry is sent as its delta, never replaced whole.
        QVERIFY2(diff.contains(u"PUT accessPolicies/add + remove"_s), qPrintable(diff));
        QVERIFY(!diff.contains(u"replace"_s));
        for (QCheckBox *box : review->confirmations())
            box->setChecked(true);
        QVERIFY(review->applyButton()->isEnabled());
        review->applyButton()->click();
        QVERIFY(model.isApplying());
        QVERIFY(!add->isEnabled());
        QVERIFY(!remove->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!review->reportText().isEmpty(), Timeout);
        QVERIFY2(review->reportText().contains(u"every change is in place"_s),
                 qPrintable(review->reportText()));
        QVERIFY(!model.hasStagedChanges());
        QCOMPARE(model.rowCount(), 7);
        QVERIFY(model.rowOf(FormerContractor) < 0);
        QVERIFY(model.rowOf(Dave) >= 0);
    }

    void lockoutGuard()
    {
        AccessPolicyEditor editor(m_fixture->session(),
                                  m_fixture->vaultLocation(m_alice, u"kv-contoso-dev"_s));
        editor.resize(1180, 420);
        editor.show();
        Model &model = *editor.model();
        QTRY_VERIFY_WITH_TIMEOUT(resolved(model), Timeout);

        // Alice takes delete and purge of secrets away from herself.
        selectRow(editor, model.rowOf(Alice));
        editor.findChild<QPushButton *>(u"editPolicyButton"_s)->click();
        AccessPolicyDialog *dialog = editor.dialog();
        QVERIFY(dialog);
        auto *secrets = dialog->findChild<QTreeWidget *>(u"permissions_secrets"_s);
        permissionItem(secrets, u"delete"_s)->setCheckState(0, Qt::Unchecked);
        permissionItem(secrets, u"purge"_s)->setCheckState(0, Qt::Unchecked);
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        QTRY_VERIFY(!editor.dialog());

        ReviewChangesDialog *review = editor.stagedBar()->review();
        QVERIFY(review);
        auto *guard = review->findChild<QCheckBox *>(u"guardConfirmation_selfLockout"_s);
        QVERIFY(guard);
        QVERIFY2(guard->accessibleName().contains(u"secrets: delete, purge"_s),
                 qPrintable(guard->accessibleName()));
        QVERIFY(!review->applyButton()->isEnabled());
        QVERIFY(review->diffText().contains(u"- secrets:"_s));
        screenshot(*review, u"review-changes.png"_s);
        guard->setChecked(true);
        QVERIFY(review->applyButton()->isEnabled());
        review->applyButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!review->reportText().isEmpty(), Timeout);
        QVERIFY2(review->reportText().contains(u"every change is in place"_s),
                 qPrintable(review->reportText()));
        const arm::AccessPolicyEntry mine = model.entry(model.rowOf(Alice));
        QVERIFY(!mine.permissions.secrets->contains(u"purge"_s, Qt::CaseInsensitive));
    }

    void stagingWaitsForApply()
    {
        AccessPolicyEditor editor(m_fixture->session(),
                                  m_fixture->vaultLocation(m_alice, u"kv-contoso-dev"_s));
        editor.resize(1180, 420);
        editor.show();
        Model &model = *editor.model();
        QTRY_VERIFY_WITH_TIMEOUT(resolved(model), Timeout);
        auto *add = editor.findChild<QPushButton *>(u"addPolicyButton"_s);
        auto *edit = editor.findChild<QPushButton *>(u"editPolicyButton"_s);
        auto *remove = editor.findChild<QPushButton *>(u"removePolicyButton"_s);
        QVERIFY(add && edit && remove);

        // Stage the pipeline's removal, and have Erin's grant dialog ready.
        selectRow(editor, model.rowOf(CiPipeline));
        remove->click();
        QCOMPARE(model.rowState(model.rowOf(CiPipeline)), Model::RowState::Removed);
        editor.grantPermission(Erin, ObjectKind::Secrets, u"get"_s);
        AccessPolicyDialog *dialog = editor.dialog();
        QVERIFY(dialog && dialog->okButton()->isEnabled());

        ReviewChangesDialog *review = editor.stagedBar()->review();
        QVERIFY(review);
        for (QCheckBox *box : review->confirmations())
            box->setChecked(true);
        review->applyButton()->click();
        QVERIFY(model.isApplying());
        // While it applies: no button stages, and the open dialog cannot be accepted.
        QVERIFY(!add->isEnabled());
        QVERIFY(!edit->isEnabled());
        QVERIFY(!remove->isEnabled());
        QVERIFY(!dialog->okButton()->isEnabled());
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        dialog->accept();
        QVERIFY(editor.dialog() == dialog && dialog->isVisible());
        QVERIFY(model.rowOf(Erin) < 0);

        QTRY_VERIFY_WITH_TIMEOUT(!review->reportText().isEmpty(), Timeout);
        QVERIFY2(review->reportText().contains(u"every change is in place"_s),
                 qPrintable(review->reportText()));
        QVERIFY(!model.hasStagedChanges());
        QVERIFY(model.rowOf(CiPipeline) < 0);
        // Once it is over, the dialog stages as usual.
        QTRY_VERIFY(dialog->okButton()->isEnabled());
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        QTRY_VERIFY(!editor.dialog());
        QCOMPARE(model.rowState(model.rowOf(Erin)), Model::RowState::Added);
        QVERIFY(add->isEnabled());
    }

    void grantPermissionPrefills()
    {
        AccessPolicyEditor editor(m_fixture->session(),
                                  m_fixture->vaultLocation(m_alice, u"kv-contoso-dev"_s));
        editor.show();
        Model &model = *editor.model();
        QTRY_VERIFY_WITH_TIMEOUT(resolved(model), Timeout);
        // A principal with no entry: the add dialog, principal chosen, permission ticked.
        editor.grantPermission(Erin, ObjectKind::Secrets, u"get"_s);
        AccessPolicyDialog *dialog = editor.dialog();
        QVERIFY(dialog && !dialog->isEditing());
        QCOMPARE(dialog->picker()->selected()->id, Erin);
        QVERIFY(dialog->isPermissionChecked(ObjectKind::Secrets, u"get"_s));
        QVERIFY(dialog->okButton()->isEnabled());
        dialog->accept();
        QCOMPARE(model.rowState(model.rowOf(Erin)), Model::RowState::Added);

        // The developers' entry: the edit dialog with its permissions kept.
        editor.grantPermission(Developers, ObjectKind::Storage, u"get"_s);
        dialog = editor.dialog();
        QVERIFY(dialog && dialog->isEditing());
        QVERIFY(dialog->isPermissionChecked(ObjectKind::Keys, u"sign"_s));
        QVERIFY(dialog->isPermissionChecked(ObjectKind::Storage, u"get"_s));
        dialog->accept();
        QCOMPARE(model.rowState(model.rowOf(Developers)), Model::RowState::Changed);
        QCOMPARE(model.stagedChanges().size(), 2);
    }
};

QTEST_MAIN(tst_AccessPolicyEditor)
#include "tst_accesspolicyeditor.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// The staged-changes strip and the review dialog: the diff, the guard's second
// confirmation, apply, and the read-back report, over a scripted editor (the real
// editors' own tests drive the same widgets against the sandbox).
#include "StagedChanges.h"
#include "widgets/ReviewChangesDialog.h"
#include "widgets/StagedChangesBar.h"

#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::ui;

namespace {

/// An editor whose staged changes, warnings and apply outcome the test sets.
class ScriptedEditor final : public StagedEditor
{
public:
    QString title() const override { return u"Scripted"_s; }
    QList<StagedChange> stagedChanges() const override { return changes; }
    QList<GuardWarning> guardWarnings() const override { return warnings; }
    void discardStaged() override
    {
        changes.clear();
        Q_EMIT stagedChanged();
    }
    void reload() override {}
    void apply() override
    {
        ++applies;
        setBusy(true);
    }
    void finish(const ApplyReport &report)
    {
        changes.clear();
        setBusy(false);
        Q_EMIT stagedChanged();
        Q_EMIT applied(report);
    }
    void stage(const StagedChange &change)
    {
        changes.append(change);
        Q_EMIT stagedChanged();
    }

    QList<StagedChange> changes;
    QList<GuardWarning> warnings;
    int applies = 0;
};

StagedChange grantDave()
{
    return {StagedChange::Kind::Add,
            u"Access policy of Dave Jones (User)"_s,
            {},
            {u"secrets: get, list"_s},
            u"PUT accessPolicies/add"_s};
}

} // namespace

class tst_ReviewChanges : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void barFollowsTheStagedChanges()
    {
        ScriptedEditor editor;
        StagedChangesBar bar(editor);
        auto *review = bar.findChild<QPushButton *>(u"reviewChangesButton"_s);
        auto *discard = bar.findChild<QPushButton *>(u"discardChangesButton"_s);
        auto *summary = bar.findChild<QLabel *>(u"stagedSummary"_s);
        QVERIFY(review && discard && summary);
        QVERIFY(!review->isEnabled());
        QVERIFY(summary->text().startsWith(u"No changes staged"_s));

        editor.stage(grantDave());
        QVERIFY(review->isEnabled());
        QCOMPARE(summary->text(), u"1 change(s) staged, not sent yet."_s);
        discard->click();
        QVERIFY(editor.changes.isEmpty());
        QVERIFY(!review->isEnabled());

        // A closed review is forgotten at once, though deleted later.
        editor.stage(grantDave());
        ReviewChangesDialog *first = bar.review();
        first->reject();
        QVERIFY(!bar.reviewDialog());
        ReviewChangesDialog *second = bar.review();
        QVERIFY(second);
        QVERIFY(second != first || !first->isVisible());
        QVERIFY(second->isVisible());
    }

    void diffApplyAndReport()
    {
        ScriptedEditor editor;
        StagedChangesBar bar(editor);
        editor.stage(grantDave());
        editor.stage({StagedChange::Kind::Modify,
                      u"Access policy of Alice Admin (User)"_s,
                      {u"keys: all"_s},
                      {u"keys: get"_s},
                      u"PUT accessPolicies/replace"_s});
        ReviewChangesDialog *dialog = bar.review();
        QVERIFY(dialog);
        QCOMPARE(bar.reviewDialog(), dialog);
        const QString diff = dialog->diffText();
        QVERIFY2(diff.contains(u"+ secrets: get, list"_s), qPrintable(diff));
        QVERIFY(diff.contains(u"- keys: all"_s));
        QVERIFY(diff.contains(u"+ keys: get"_s));
        QVERIFY(diff.contains(u"PUT accessPolicies/replace"_s));
        QVERIFY(dialog->confirmations().isEmpty());
        QVERIFY(dialog->applyButton()->isEnabled());

        QSignalSpy finished(dialog, &ReviewChangesDialog::applyFinished);
        dialog->applyButton()->click();
        QCOMPARE(editor.applies, 1);
        QVERIFY(!dialog->applyButton()->isEnabled()); // no second apply while busy
        dialog->applyButton()->click();
        QCOMPARE(editor.applies, 1);

        ApplyReport report;
        report.sent = {u"PUT accessPolicies/add (1 entry)"_s};
        report.readBack = true;
        editor.finish(report);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(dialog->reportText().contains(u"every change is in place"_s));
    }

    void guardNeedsEveryConfirmation()
    {
        ScriptedEditor editor;
        editor.warnings = {{GuardWarning::SelfLockout, u"You will lose keys: all."_s},
                           {GuardWarning::LastFullRights, u"Nobody keeps full rights."_s}};
        editor.stage(grantDave());
        ReviewChangesDialog dialog(editor);
        QCOMPARE(dialog.confirmations().size(), 2);
        auto *self = dialog.findChild<QCheckBox *>(u"guardConfirmation_selfLockout"_s);
        auto *last = dialog.findChild<QCheckBox *>(u"guardConfirmation_lastFullRights"_s);
        QVERIFY(self && last);
        QCOMPARE(self->accessibleName(), u"Confirm: You will lose keys: all."_s);
        auto *consequence = dialog.findChild<QLabel *>(u"guardConsequence_selfLockout"_s);
        QVERIFY(consequence);
        QCOMPARE(consequence->text(), u"You will lose keys: all."_s);
        QVERIFY(consequence->wordWrap());
        QVERIFY(!dialog.applyButton()->isEnabled());
        dialog.applyButton()->click();
        QCOMPARE(editor.applies, 0);
        self->setChecked(true);
        QVERIFY(!dialog.applyButton()->isEnabled());
        last->setChecked(true);
        QVERIFY(dialog.applyButton()->isEnabled());
        dialog.applyButton()->click();
        QCOMPARE(editor.applies, 1);

        ApplyReport report;
        report.sent = {u"PUT accessPolicies/add (1 entry)"_s};
        report.readBack = true;
        report.differences = {u"Dave Jones: secrets list is missing"_s,
                              u"Dave Jones: secrets <get> is missing"_s};
        editor.finish(report);
        QVERIFY(dialog.reportText().contains(u"differs from what was staged"_s));
        QVERIFY(dialog.reportText().contains(u"secrets list is missing"_s));
        // Lines are escaped one by one and joined with real line breaks.
        QVERIFY2(dialog.reportText().contains(
                     u"secrets list is missing<br/>Dave Jones: secrets &lt;get&gt; is missing"_s),
                 qPrintable(dialog.reportText()));
        if (qEnvironmentVariableIsSet("VAULTLENS_SCREENSHOTS"))
            dialog.grab().save(qEnvironmentVariable("VAULTLENS_SCREENSHOTS")
                               + u"/review-report.png"_s);
    }

    void failureStopsAndSaysSo()
    {
        ScriptedEditor editor;
        editor.stage(grantDave());
        ReviewChangesDialog dialog(editor);
        dialog.applyButton()->click();
        ApplyReport report;
        AzureError error;
        error.message = u"The client does not have authorization"_s;
        report.error = error;
        report.failedOperation = u"PUT accessPolicies/add"_s;
        report.readBack = true;
        editor.finish(report);
        QVERIFY(dialog.reportText().contains(u"Failed while sending PUT accessPolicies/add"_s));
        QVERIFY(dialog.reportText().contains(u"Nothing after it was sent"_s));
    }
};

QTEST_MAIN(tst_ReviewChanges)
#include "tst_reviewchanges.moc"

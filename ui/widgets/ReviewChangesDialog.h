// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QList>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTextBrowser;

namespace vl {
class StagedEditor;
struct ApplyReport;
} // namespace vl

namespace vl::ui {

/**
 * @brief The review of a staged editor's changes: the diff, the guard's
 * consequences (each a check box that must be ticked before Apply is
 * enabled), then the apply and its read-back report.
 *
 * ```
 *  diff + warnings ──(every warning ticked)──► Apply ──► "Applying…" ──► report
 *                                                              (Close)
 * ```
 *
 * Object names: `changesDiff` (text browser), `guardConfirmation_<warning id>`
 * (check boxes), `applyButton`, `cancelButton`, `applyReport` (label, filled when
 * the apply ends).
 */
class ReviewChangesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewChangesDialog)

public:
    explicit ReviewChangesDialog(StagedEditor &editor, QWidget *parent = nullptr);
    ~ReviewChangesDialog() override;

    /// The diff as plain text ("+ …", "- …" lines under each subject).
    [[nodiscard]] QString diffText() const;
    /// The guard confirmations shown, one per warning.
    [[nodiscard]] QList<QCheckBox *> confirmations() const { return m_confirmations; }
    [[nodiscard]] QPushButton *applyButton() const { return m_apply; }
    /// The report's text once the apply ended; empty before.
    [[nodiscard]] QString reportText() const;

Q_SIGNALS:
    /// The apply ended (also emitted by the editor as StagedEditor::applied).
    void applyFinished(bool succeeded);

private:
    void updateApply();
    void startApply();
    void showReport(const vl::ApplyReport &report);

    StagedEditor &m_editor;
    QTextBrowser *m_diff;
    QList<QCheckBox *> m_confirmations;
    QLabel *m_status;
    QLabel *m_report;
    QDialogButtonBox *m_buttons;
    QPushButton *m_apply;
    bool m_applying = false;
};

} // namespace vl::ui

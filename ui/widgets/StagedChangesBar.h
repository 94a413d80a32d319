// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace vl {
class StagedEditor;
}

namespace vl::ui {

class ReviewChangesDialog;

/**
 * @brief The strip under a staged editor: how many changes wait, "Review and
 * apply…" and "Discard".
 *
 * Review opens a ReviewChangesDialog (window-modal, a child of the bar, found
 * with reviewDialog()) that shows the diff, asks for the guard confirmations,
 * applies and shows the read-back report.
 *
 * Object names: `stagedSummary` (label), `reviewChangesButton`, `discardChangesButton`.
 */
class StagedChangesBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StagedChangesBar)

public:
    explicit StagedChangesBar(StagedEditor &editor, QWidget *parent = nullptr);
    ~StagedChangesBar() override;

    /// Opens the review (the same as the button); returns the dialog shown.
    ReviewChangesDialog *review();
    /// The open review dialog, or nullptr.
    [[nodiscard]] ReviewChangesDialog *reviewDialog() const;

private:
    void updateSummary();

    StagedEditor &m_editor;
    QLabel *m_summary;
    QPushButton *m_review;
    QPushButton *m_discard;
    ReviewChangesDialog *m_dialog = nullptr;
};

} // namespace vl::ui

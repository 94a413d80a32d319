// SPDX-License-Identifier: GPL-3.0-or-later
#include "StagedChangesBar.h"

#include "ReviewChangesDialog.h"
#include "StagedChanges.h"

#include <QDialog>

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace vl::ui {

StagedChangesBar::StagedChangesBar(StagedEditor &editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_summary(new QLabel(this))
    , m_review(new QPushButton(tr("&Review and apply…"), this))
    , m_discard(new QPushButton(tr("Discard"), this))
{
    setObjectName(u"stagedChangesBar"_s);
    m_summary->setObjectName(u"stagedSummary"_s);
    m_review->setObjectName(u"reviewChangesButton"_s);
    m_review->setAccessibleName(tr("Review and apply the staged changes"));
    m_review->setDefault(true);
    m_discard->setObjectName(u"discardChangesButton"_s);
    m_discard->setAccessibleName(tr("Discard the staged changes"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_summary, 1);
    layout->addWidget(m_discard);
    layout->addWidget(m_review);

    connect(m_review, &QPushButton::clicked, this, [this] { review(); });
    connect(m_discard, &QPushButton::clicked, &m_editor, &StagedEditor::discardStaged);
    connect(&m_editor, &StagedEditor::stagedChanged, this, &StagedChangesBar::updateSummary);
    connect(&m_editor, &StagedEditor::busyChanged, this, &StagedChangesBar::updateSummary);
    updateSummary();
}

StagedChangesBar::~StagedChangesBar() = default;

ReviewChangesDialog *StagedChangesBar::review()
{
    if (m_dialog)
        return m_dialog;
    m_dialog = new ReviewChangesDialog(m_editor, this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Forgotten as soon as it closes: its deletion comes later, from the event loop.
    connect(m_dialog, &QDialog::finished, this, [this] { m_dialog = nullptr; });
    connect(m_dialog, &QObject::destroyed, this, [this, dialog = m_dialog] {
        if (m_dialog == dialog)
            m_dialog = nullptr;
    });
    m_dialog->open();
    return m_dialog;
}

ReviewChangesDialog *StagedChangesBar::reviewDialog() const
{
    return m_dialog;
}

void StagedChangesBar::updateSummary()
{
    const int count = int(m_editor.stagedChanges().size());
    if (count == 0)
        m_summary->setText(tr("No changes staged. Changes are sent only when you apply them."));
    else
        m_summary->setText(tr("%n change(s) staged, not sent yet.", nullptr, count));
    m_review->setEnabled(count > 0 && !m_editor.isBusy());
    m_discard->setEnabled(count > 0 && !m_editor.isBusy());
}

} // namespace vl::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReviewChangesDialog.h"

#include "StagedChanges.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {
namespace {

QString kindText(StagedChange::Kind kind)
{
    switch (kind) {
    case StagedChange::Kind::Add:
        return ReviewChangesDialog::tr("Add");
    case StagedChange::Kind::Modify:
        return ReviewChangesDialog::tr("Change");
    case StagedChange::Kind::Remove:
        return ReviewChangesDialog::tr("Remove");
    }
    return {};
}

/// Each line escaped, then joined with line breaks.
QString htmlLines(const QStringList &lines)
{
    QStringList escaped;
    for (const QString &line : lines)
        escaped.append(line.toHtmlEscaped());
    return escaped.join(u"<br/>"_s);
}

} // namespace

ReviewChangesDialog::ReviewChangesDialog(StagedEditor &editor, QWidget *parent)
    : QDialog(parent)
    , m_editor(editor)
    , m_diff(new QTextBrowser(this))
    , m_status(new QLabel(this))
    , m_report(new QLabel(this))
    , m_buttons(new QDialogButtonBox(this))
    , m_apply(m_buttons->addButton(tr("&Apply"), QDialogButtonBox::AcceptRole))
{
    setObjectName(u"reviewChangesDialog"_s);
    setWindowTitle(tr("Review changes: %1").arg(editor.title()));
    setWindowModality(Qt::WindowModal);
    resize(640, 480);

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("These changes are sent one by one with the service's incremental operations, so "
           "changes others make at the same time are kept. Afterwards the vault is read back "
           "and compared."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_diff->setObjectName(u"changesDiff"_s);
    m_diff->setAccessibleName(tr("Staged changes"));
    m_diff->setOpenLinks(false);
    QString html;
    const QColor removed(0xc6, 0x28, 0x28);
    const QColor added(0x2e, 0x7d, 0x32);
    for (const StagedChange &c : editor.stagedChanges()) {
        html += u"<p><b>"_s + kindText(c.kind).toHtmlEscaped() + u": "_s + c.subject.toHtmlEscaped()
                + u"</b>"_s;
        if (!c.operation.isEmpty())
            html += u" <i>("_s + c.operation.toHtmlEscaped() + u")</i>"_s;
        html += u"<br/><span style=\"font-family: monospace\">"_s;
        for (const QString &line : c.before)
            html += u"<span style=\"color:"_s + removed.name() + u"\">- "_s + line.toHtmlEscaped()
                    + u"</span><br/>"_s;
        for (const QString &line : c.after)
            html += u"<span style=\"color:"_s + added.name() + u"\">+ "_s + line.toHtmlEscaped()
                    + u"</span><br/>"_s;
        html += u"</span></p>"_s;
    }
    m_diff->setHtml(html);
    layout->addWidget(m_diff, 1);

    const QList<GuardWarning> warnings = editor.guardWarnings();
    if (!warnings.isEmpty()) {
        auto *caution = new QLabel(tr("<b>Confirm each consequence before applying:</b>"), this);
        layout->addWidget(caution);
    }
    for (const GuardWarning &w : warnings) {
        // A check box does not wrap its text: the consequence is a label beside it.
        auto *row = new QHBoxLayout;
        auto *box = new QCheckBox(this);
        box->setObjectName(u"guardConfirmation_"_s + w.id);
        box->setAccessibleName(tr("Confirm: %1").arg(w.consequence));
        box->setToolTip(w.consequence);
        auto *text = new QLabel(w.consequence, this);
        text->setObjectName(u"guardConsequence_"_s + w.id);
        text->setWordWrap(true);
        text->setStyleSheet(u"QLabel { color: #c62828; font-weight: bold; }"_s);
        text->setBuddy(box);
        row->addWidget(box, 0, Qt::AlignTop);
        row->addWidget(text, 1);
        connect(box, &QCheckBox::toggled, this, &ReviewChangesDialog::updateApply);
        m_confirmations.append(box);
        layout->addLayout(row);
    }

    m_status->setObjectName(u"applyStatus"_s);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_report->setObjectName(u"applyReport"_s);
    m_report->setWordWrap(true);
    m_report->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_report->hide();
    layout->addWidget(m_report);

    m_apply->setObjectName(u"applyButton"_s);
    m_apply->setAccessibleName(tr("Apply the staged changes"));
    QPushButton *cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(u"cancelButton"_s);
    cancel->setAccessibleName(tr("Close without applying"));
    layout->addWidget(m_buttons);

    connect(m_apply, &QPushButton::clicked, this, &ReviewChangesDialog::startApply);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(&m_editor, &StagedEditor::applied, this, &ReviewChangesDialog::showReport);
    updateApply();
}

ReviewChangesDialog::~ReviewChangesDialog() = default;

QString ReviewChangesDialog::diffText() const
{
    return m_diff->toPlainText();
}

QString ReviewChangesDialog::reportText() const
{
    return m_report->isHidden() ? QString() : m_report->text();
}

void ReviewChangesDialog::updateApply()
{
    bool confirmed = true;
    for (const QCheckBox *box : std::as_const(m_confirmations))
        confirmed = confirmed && box->isChecked();
    m_apply->setEnabled(confirmed && !m_applying && m_editor.hasStagedChanges()
                        && !m_editor.isBusy());
    if (!confirmed)
        m_status->setText(tr("Tick every consequence above to apply."));
    else if (!m_applying)
        m_status->clear();
}

void ReviewChangesDialog::startApply()
{
    if (!m_apply->isEnabled())
        return;
    m_applying = true;
    for (QCheckBox *box : std::as_const(m_confirmations))
        box->setEnabled(false);
    m_apply->setEnabled(false);
    m_status->setText(tr("Applying, then reading the vault back…"));
    m_editor.apply();
}

void ReviewChangesDialog::showReport(const ApplyReport &report)
{
    if (!m_applying)
        return;
    m_applying = false;
    QString text;
    if (!report.sent.isEmpty())
        text += tr("Sent:") + u"<br/>"_s + htmlLines(report.sent) + u"<br/>"_s;
    if (report.error)
        text += u"<b>"_s
                + tr("Failed while sending %1: %2")
                      .arg(report.failedOperation, report.error->message)
                      .toHtmlEscaped()
                + u"</b><br/>"_s + tr("Nothing after it was sent.") + u"<br/>"_s;
    if (report.readBack && report.differences.isEmpty() && !report.error)
        text += tr("Read back: every change is in place.");
    else if (report.readBack && !report.differences.isEmpty())
        text += u"<b>"_s + tr("Read back: the vault differs from what was staged:") + u"</b><br/>"_s
                + htmlLines(report.differences);
    else if (!report.readBack)
        text += tr("The vault could not be read back; reload to see its state.");
    m_status->setText(report.succeeded() ? tr("Applied.") : tr("Applied with problems."));
    m_report->setText(text);
    m_report->show();
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Close"));
    Q_EMIT applyFinished(report.succeeded());
}

} // namespace vl::ui

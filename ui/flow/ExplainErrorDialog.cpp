// SPDX-License-Identifier: GPL-3.0-or-later
#include "ExplainErrorDialog.h"

#include "FlowDiagram.h"
#include "Presentation.h"
#include "PrincipalDirectory.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSplitter>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vl::ui {
namespace {

enum Column { StageColumn, OutcomeColumn, SummaryColumn, ColumnCount };

QString outcomeLabel(FlowOutcome outcome)
{
    switch (outcome) {
    case FlowOutcome::Passed:
        return ExplainErrorDialog::tr("Passed");
    case FlowOutcome::Failed:
        return ExplainErrorDialog::tr("Failed");
    case FlowOutcome::Skipped:
        return ExplainErrorDialog::tr("Skipped");
    case FlowOutcome::Unknown:
        break;
    }
    return ExplainErrorDialog::tr("Unknown");
}

/// The Fix button's text for the remedies an editor can carry out; empty for the others.
QString fixText(Remedy::Kind kind)
{
    switch (kind) {
    case Remedy::Kind::AddClientAddress:
        return ExplainErrorDialog::tr("&Add this address to the firewall…");
    case Remedy::Kind::GrantAccessPolicyPermission:
        return ExplainErrorDialog::tr("&Grant the permission…");
    case Remedy::Kind::AssignRole:
        return ExplainErrorDialog::tr("&Assign the role…");
    case Remedy::Kind::SignInToTenant:
        return ExplainErrorDialog::tr("&Sign in to the tenant…");
    case Remedy::Kind::None:
    case Remedy::Kind::SignInAgain:
    case Remedy::Kind::EnablePublicAccess:
    case Remedy::Kind::UsePrivateEndpoint:
        break;
    }
    return {};
}

} // namespace

ExplainErrorDialog::ExplainErrorDialog(PrincipalDirectory *directory, QWidget *parent)
    : QDialog(parent)
    , m_directory(directory)
    , m_input(new QPlainTextEdit(this))
    , m_explainButton(new QPushButton(tr("E&xplain"), this))
    , m_pause(new QTimer(this))
    , m_headline(new QLabel(this))
    , m_diagram(new FlowDiagram)
    , m_diagramArea(new QScrollArea(this))
    , m_stages(new QTreeWidget(this))
    , m_remedy(new QLabel(this))
    , m_principal(new QLabel(this))
    , m_fixButton(new QPushButton(this))
{
    setObjectName(u"explainErrorDialog"_s);
    setWindowTitle(tr("Explain an error"));
    setAccessibleName(tr("Explain an error"));
    resize(980, 880);

    auto *intro = new QLabel(
        tr("Paste an error message or a response body copied from any tool (a pipeline log, an "
           "SDK exception, the portal) to see which stage of the request refused it and what "
           "would fix it."),
        this);
    intro->setWordWrap(true);

    auto *inputLabel = new QLabel(tr("&Error text:"), this);
    inputLabel->setBuddy(m_input);
    m_input->setObjectName(u"errorText"_s);
    m_input->setAccessibleName(tr("Error text"));
    m_input->setPlaceholderText(tr("Paste an error message or a response body here"));
    m_input->setTabChangesFocus(true);
    m_input->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_input->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_input->setFixedHeight(m_input->fontMetrics().lineSpacing() * 6 + 12);

    m_explainButton->setObjectName(u"explainButton"_s);
    m_explainButton->setAccessibleName(tr("Explain"));
    m_explainButton->setToolTip(tr("Explain the text (Ctrl+Return)"));
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(shortcut, &QShortcut::activated, this, &ExplainErrorDialog::explain);
    connect(m_explainButton, &QPushButton::clicked, this, &ExplainErrorDialog::explain);

    m_pause->setSingleShot(true);
    m_pause->setInterval(PauseMs);
    connect(m_pause, &QTimer::timeout, this, &ExplainErrorDialog::explain);
    connect(m_input, &QPlainTextEdit::textChanged, m_pause, qOverload<>(&QTimer::start));

    m_headline->setObjectName(u"explainHeadline"_s);
    m_headline->setAccessibleName(tr("Verdict"));
    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_headline->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_headline->setFont(bold);

    m_diagram->setObjectName(u"flowDiagram"_s);
    m_diagram->setAccessibleName(tr("Flow diagram"));
    auto *diagramArea = m_diagramArea;
    diagramArea->setObjectName(u"flowDiagramArea"_s);
    diagramArea->setAccessibleName(tr("Flow diagram"));
    // Sized by hand: the diagram's height follows its width (see fitDiagram()).
    diagramArea->setWidgetResizable(false);
    diagramArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    diagramArea->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    diagramArea->viewport()->installEventFilter(this);
    diagramArea->setFrameShape(QFrame::StyledPanel);
    diagramArea->setWidget(m_diagram);

    m_stages->setObjectName(u"stageList"_s);
    m_stages->setAccessibleName(tr("Stages of the request"));
    m_stages->setColumnCount(ColumnCount);
    m_stages->setHeaderLabels({tr("Stage"), tr("Outcome"), tr("What happened")});
    m_stages->setRootIsDecorated(true);
    m_stages->setUniformRowHeights(false);
    m_stages->setWordWrap(true);
    m_stages->setAlternatingRowColors(true);
    m_stages->header()->setStretchLastSection(true);
    m_stages->setColumnWidth(StageColumn, 170);
    m_stages->setColumnWidth(OutcomeColumn, 90);
    m_stages->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *copy = new QAction(tr("&Copy stage and evidence"), m_stages);
    copy->setObjectName(u"copyStageAction"_s);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &ExplainErrorDialog::copySelectedStage);
    m_stages->addAction(copy);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(u"explainSplitter"_s);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(diagramArea);
    splitter->addWidget(m_stages);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    m_stages->setMinimumHeight(m_stages->fontMetrics().lineSpacing() * 6);
    splitter->setSizes({600, 210});

    m_remedy->setObjectName(u"remedyText"_s);
    m_remedy->setAccessibleName(tr("What would fix it"));
    m_remedy->setWordWrap(true);
    m_remedy->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_principal->setObjectName(u"principalText"_s);
    m_principal->setAccessibleName(tr("The principal the error names"));
    m_principal->setWordWrap(true);
    m_principal->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_principal->setVisible(false);
    m_fixButton->setObjectName(u"fixButton"_s);
    m_fixButton->setAccessibleName(tr("Fix"));
    m_fixButton->setVisible(false);
    connect(m_fixButton, &QPushButton::clicked, this,
            [this] { Q_EMIT remedyRequested(m_explanation.remedy()); });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(u"buttons"_s);
    buttons->button(QDialogButtonBox::Close)->setObjectName(u"closeButton"_s);
    buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(m_input, 1);
    auto *inputButtons = new QVBoxLayout;
    inputButtons->addWidget(m_explainButton);
    inputButtons->addStretch(1);
    inputRow->addLayout(inputButtons);

    auto *remedyRow = new QHBoxLayout;
    auto *remedyText = new QVBoxLayout;
    remedyText->addWidget(m_remedy);
    remedyText->addWidget(m_principal);
    remedyRow->addLayout(remedyText, 1);
    remedyRow->addWidget(m_fixButton, 0, Qt::AlignTop);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(inputLabel);
    layout->addLayout(inputRow);
    layout->addWidget(m_headline);
    layout->addWidget(splitter, 1);
    layout->addLayout(remedyRow);
    layout->addWidget(buttons);

    setTabOrder(m_input, m_explainButton);
    setTabOrder(m_explainButton, m_stages);
    setTabOrder(m_stages, m_fixButton);

    if (m_directory)
        connect(m_directory, &PrincipalDirectory::resolved, this,
                [this](const QStringList &) { updateRemedy(); });
    connect(&Presentation::instance(), &Presentation::changed, this,
            [this](bool) { showExplanation(); });
    showExplanation();
}

ExplainErrorDialog::~ExplainErrorDialog() = default;

void ExplainErrorDialog::setText(const QString &text)
{
    m_input->setPlainText(text);
    explain();
}

QString ExplainErrorDialog::text() const
{
    return m_input->toPlainText();
}

QString ExplainErrorDialog::headline() const
{
    return m_headline->text();
}

QString ExplainErrorDialog::remedyText() const
{
    return m_remedy->text();
}

void ExplainErrorDialog::explain()
{
    m_pause->stop();
    const QString text = m_input->toPlainText().trimmed();
    m_explanation = text.isEmpty() ? FlowExplanation{} : m_explainer.explainText(text);
    if (m_directory) {
        const QStringList ids = namedObjectIds();
        if (!ids.isEmpty())
            m_directory->resolve(ids);
    }
    showExplanation();
}

void ExplainErrorDialog::showExplanation()
{
    const Presentation &presentation = Presentation::instance();
    const FlowStep *failed = m_explanation.failedStep();
    QString headline;
    if (m_explanation.steps.isEmpty())
        headline = tr("Paste an error to see where the request was refused.");
    else if (failed)
        headline = tr("Refused at %1 (%2).")
                       .arg(flowStageName(failed->stage), serviceName(m_explanation.service));
    else if (m_explanation.error.isError())
        headline = tr("The text names an error, but not the stage that refused it.");
    else
        headline = tr("No error found in this text: paste the whole message or response body.");
    m_headline->setText(headline);

    if (m_explanation.steps.isEmpty())
        m_diagram->clear();
    else
        m_diagram->setExplanation(m_explanation,
                                  tr("Pasted %1 error").arg(serviceName(m_explanation.service)));
    fillStages();
    updateRemedy();
    // Once laid out, bring the failed stage of the diagram into view.
    QTimer::singleShot(0, this, &ExplainErrorDialog::scrollToFailedStage);
    setAccessibleDescription(presentation.text(QString(headline + u' ' + m_remedy->text())));
}

bool ExplainErrorDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_diagramArea->viewport() && event->type() == QEvent::Resize)
        fitDiagram();
    return QDialog::eventFilter(watched, event);
}

void ExplainErrorDialog::fitDiagram()
{
    const int width = m_diagramArea->viewport()->width();
    m_diagram->resize(width, m_diagram->heightForWidth(width));
}

void ExplainErrorDialog::scrollToFailedStage()
{
    fitDiagram();
    const FlowStep *failed = m_explanation.failedStep();
    if (!failed) {
        m_diagramArea->ensureVisible(0, 0);
        return;
    }
    const qsizetype index = failed - m_explanation.steps.constData();
    const QRectF badge = m_diagram->stageBadgeRect(0, int(index));
    const QSize size = m_diagram->diagramSize();
    if (badge.isEmpty() || size.isEmpty())
        return;
    // The diagram scales down to its width (as FlowDiagram paints it).
    const qreal scale = std::clamp(qreal(m_diagram->width()) / size.width(), 0.5, 1.0);
    const qreal left = std::max(0.0, (m_diagram->width() - size.width() * scale) / 2);
    const QPointF centre = badge.center() * scale + QPointF(left, 0);
    m_diagramArea->ensureVisible(int(centre.x()), int(centre.y()), 50,
                                 m_diagramArea->viewport()->height() / 3);
}

void ExplainErrorDialog::fillStages()
{
    const Presentation &presentation = Presentation::instance();
    m_stages->clear();
    for (const FlowStep &step : std::as_const(m_explanation.steps)) {
        auto *item = new QTreeWidgetItem(m_stages);
        item->setText(StageColumn, flowStageName(step.stage));
        item->setData(StageColumn, Qt::UserRole, flowStageId(step.stage));
        item->setText(OutcomeColumn, outcomeLabel(step.outcome));
        item->setData(OutcomeColumn, Qt::UserRole, int(step.outcome));
        item->setForeground(OutcomeColumn, FlowDiagram::outcomeColor(step.outcome));
        QFont font = item->font(OutcomeColumn);
        font.setBold(step.outcome == FlowOutcome::Failed);
        item->setFont(OutcomeColumn, font);
        item->setText(SummaryColumn, presentation.text(step.summary));
        item->setToolTip(SummaryColumn, presentation.text(step.summary));
        for (const QString &line : step.evidence) {
            auto *child = new QTreeWidgetItem(item);
            child->setText(StageColumn, presentation.text(line));
            child->setToolTip(StageColumn, presentation.text(line));
            child->setFirstColumnSpanned(true);
        }
        item->setExpanded(step.outcome == FlowOutcome::Failed);
        if (step.outcome == FlowOutcome::Failed)
            m_stages->setCurrentItem(item);
    }
}

QStringList ExplainErrorDialog::namedObjectIds() const
{
    QStringList ids;
    const QString principal = m_explanation.remedy().principalId;
    if (!principal.isEmpty())
        ids.append(principal);
    const QString caller = m_explanation.error.callerObjectId;
    if (!caller.isEmpty() && caller.compare(principal, Qt::CaseInsensitive) != 0)
        ids.append(caller);
    return ids;
}

QString ExplainErrorDialog::principalName(const QString &id) const
{
    if (!m_directory)
        return {};
    const graph::Principal *p = m_directory->find(id);
    if (!p || !p->isResolved())
        return {};
    return p->label();
}

void ExplainErrorDialog::updateRemedy()
{
    const Presentation &presentation = Presentation::instance();
    const Remedy remedy = m_explanation.remedy();
    QString text = remedy.text;
    QStringList named;
    for (const QString &id : namedObjectIds()) {
        const QString name = principalName(id);
        if (name.isEmpty()) {
            if (m_directory && m_directory->isPending(id))
                named.append(tr("Looking up object id %1…").arg(presentation.guid(id)));
            continue;
        }
        // The name beside the id, in the sentence and on its own line.
        text.replace(id, QString(id + u" ("_s + name + u')'), Qt::CaseInsensitive);
        const graph::Principal *p = m_directory->find(id);
        const QString who =
            p->userPrincipalName.isEmpty() || p->userPrincipalName == name
                ? tr("%1, %2").arg(name, graph::kindName(p->kind))
                : tr("%1 (%2), %3").arg(name, p->userPrincipalName, graph::kindName(p->kind));
        named.append(tr("Object id %1 is %2").arg(presentation.guid(id), presentation.text(who)));
    }
    m_remedy->setText(text.isEmpty() ? QString() : presentation.text(text));
    m_remedy->setVisible(!text.isEmpty());
    m_principal->setText(named.join(u'\n'));
    m_principal->setVisible(!named.isEmpty());
    const QString fix = fixText(remedy.kind);
    m_fixButton->setText(fix);
    m_fixButton->setVisible(!fix.isEmpty());
    m_fixButton->setToolTip(presentation.text(remedy.text));
}

void ExplainErrorDialog::copySelectedStage()
{
    QTreeWidgetItem *item = m_stages->currentItem();
    if (!item)
        return;
    if (item->parent())
        item = item->parent();
    QStringList lines{QString(item->text(StageColumn) + u": "_s + item->text(OutcomeColumn)
                              + u" · "_s + item->text(SummaryColumn))};
    for (int i = 0; i < item->childCount(); ++i)
        lines.append(u"  "_s + item->child(i)->text(StageColumn));
    QApplication::clipboard()->setText(lines.join(u'\n'));
}

} // namespace vl::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#include "ErrorBanner.h"

#include "Presentation.h"
#include "journal/FlowExplainer.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {

namespace {
QString remedyButtonText(Remedy::Kind kind)
{
    switch (kind) {
    case Remedy::Kind::AddClientAddress:
        return ErrorBanner::tr("Add this address to the firewall…");
    case Remedy::Kind::GrantAccessPolicyPermission:
        return ErrorBanner::tr("Grant the permission…");
    case Remedy::Kind::AssignRole:
        return ErrorBanner::tr("Assign the role…");
    case Remedy::Kind::SignInToTenant:
        return ErrorBanner::tr("Sign in to the tenant…");
    case Remedy::Kind::SignInAgain:
        return ErrorBanner::tr("Sign in again…");
    case Remedy::Kind::EnablePublicAccess:
        return ErrorBanner::tr("Enable public access…");
    case Remedy::Kind::UsePrivateEndpoint:
    case Remedy::Kind::None:
        break;
    }
    return {};
}
} // namespace

ErrorBanner::ErrorBanner(QWidget *parent)
    : QFrame(parent)
    , m_headline(new QLabel(this))
    , m_explanation(new QLabel(this))
    , m_details(new QLabel(this))
    , m_detailsButton(new QToolButton(this))
    , m_fixButton(new QPushButton(this))
    , m_closeButton(new QToolButton(this))
{
    setObjectName(u"errorBanner"_s);
    setAccessibleName(tr("Error"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    // A warm tint that reads in light and dark palettes alike.
    setStyleSheet(u"#errorBanner { background-color: rgba(220, 53, 69, 40); "
                  "border: 1px solid rgba(220, 53, 69, 160); border-radius: 4px; }"_s);

    m_headline->setObjectName(u"errorHeadline"_s);
    m_headline->setAccessibleName(tr("Error headline"));
    QFont bold = m_headline->font();
    bold.setBold(true);
    m_headline->setFont(bold);
    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explanation->setObjectName(u"errorExplanation"_s);
    m_explanation->setAccessibleName(tr("Error explanation"));
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setObjectName(u"errorDetails"_s);
    m_details->setAccessibleName(tr("Error details"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setVisible(false);

    m_detailsButton->setObjectName(u"errorDetailsButton"_s);
    m_detailsButton->setAccessibleName(tr("Show error details"));
    m_detailsButton->setText(tr("Details"));
    m_detailsButton->setCheckable(true);
    connect(m_detailsButton, &QToolButton::toggled, this, &ErrorBanner::setDetailsVisible);
    m_fixButton->setObjectName(u"errorFixButton"_s);
    m_fixButton->setAccessibleName(tr("Fix"));
    m_fixButton->setVisible(false);
    connect(m_fixButton, &QPushButton::clicked, this, [this] { Q_EMIT remedyRequested(m_remedy); });
    m_closeButton->setObjectName(u"errorCloseButton"_s);
    m_closeButton->setAccessibleName(tr("Dismiss error"));
    m_closeButton->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_closeButton->setAutoRaise(true);
    connect(m_closeButton, &QToolButton::clicked, this, &ErrorBanner::clear);

    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(24, 24));
    icon->setAlignment(Qt::AlignTop);
    auto *text = new QVBoxLayout;
    text->addWidget(m_headline);
    text->addWidget(m_explanation);
    text->addWidget(m_details);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_fixButton);
    buttons->addWidget(m_detailsButton);
    buttons->addStretch();
    text->addLayout(buttons);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addLayout(text, 1);
    layout->addWidget(m_closeButton, 0, Qt::AlignTop);
    setVisible(false);
}

void ErrorBanner::showError(const AzureError &error, Service service, const QString &action)
{
    const FlowExplanation flow = FlowExplainer().explainError(error, service);
    const FlowStep *failed = flow.failedStep();
    const Presentation &presentation = Presentation::instance();
    QString headline;
    if (error.kind == AzureError::Kind::Cancelled)
        headline = tr("Cancelled.");
    else if (failed)
        headline = action.isEmpty()
                       ? tr("Refused at %1.").arg(flowStageName(failed->stage))
                       : tr("%1 failed at %2.").arg(action, flowStageName(failed->stage));
    else
        headline = action.isEmpty() ? tr("The request failed.") : tr("%1 failed.").arg(action);
    m_headline->setText(headline);

    QStringList lines;
    if (failed && !failed->summary.isEmpty())
        lines << failed->summary;
    else if (!error.message.isEmpty())
        lines << error.message;
    m_remedy = failed ? failed->remedy : Remedy{};
    if (!m_remedy.text.isEmpty())
        lines << m_remedy.text;
    m_explanation->setText(presentation.text(lines.join(u'\n')));

    QStringList details;
    if (failed)
        details << failed->evidence;
    if (!error.requestId.isEmpty())
        details << tr("Request id: %1").arg(error.requestId);
    m_details->setText(presentation.text(details.join(u'\n')));
    m_detailsButton->setVisible(!details.isEmpty());
    m_detailsButton->setChecked(false);

    const QString fix = remedyButtonText(m_remedy.kind);
    m_fixButton->setText(fix);
    m_fixButton->setVisible(!fix.isEmpty());
    setAccessibleDescription(QString(headline + u' ' + m_explanation->text()));
    setVisible(true);
}

void ErrorBanner::showMessage(const QString &message)
{
    m_remedy = {};
    m_headline->setText(message);
    m_explanation->clear();
    m_details->clear();
    m_detailsButton->setVisible(false);
    m_fixButton->setVisible(false);
    setAccessibleDescription(message);
    setVisible(true);
}

void ErrorBanner::clear()
{
    m_remedy = {};
    m_headline->clear();
    m_explanation->clear();
    m_details->clear();
    setVisible(false);
}

QString ErrorBanner::headline() const
{
    return m_headline->text();
}

QString ErrorBanner::explanation() const
{
    return m_explanation->text();
}

void ErrorBanner::setDetailsVisible(bool visible)
{
    m_details->setVisible(visible);
}

} // namespace vl::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#include "signin/AppRegistrationGuide.h"

#include "Session.h"
#include "auth/AppRegistration.h"

#include <QClipboard>
#include <QCommandLinkButton>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {

AppRegistrationGuide::AppRegistrationGuide(Session &session, QSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_settings(settings)
    , m_intro(new QLabel(this))
    , m_command(new QPlainTextEdit(this))
    , m_clientId(new QLineEdit(this))
    , m_useEntered(new QPushButton(tr("&Use this client id"), this))
    , m_invalid(new QLabel(this))
{
    setObjectName(u"appRegistrationGuide"_s);
    setWindowTitle(tr("Register VaultLens in your tenant"));
    m_intro->setObjectName(u"guideIntro"_s);
    m_intro->setWordWrap(true);
    m_intro->setTextFormat(Qt::PlainText);
    setCloudName(tr("Azure"));

    // What to register: redirect URIs, public client flows, permissions.
    QStringList permissions;
    for (const AppRegistration::Permission &p : AppRegistration::permissions()) {
        permissions.append(
            p.optional ? tr("• %1 — %2 (instead of Directory.Read.All, if your tenant prefers)")
                             .arg(p.resourceName, p.scope)
                       : tr("• %1 — %2 (delegated)").arg(p.resourceName, p.scope));
    }
    auto *steps = new QLabel(this);
    steps->setObjectName(u"guideSteps"_s);
    steps->setWordWrap(true);
    steps->setTextFormat(Qt::PlainText);
    steps->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    steps->setText(
        tr("1. In Microsoft Entra ID, App registrations, register a new application "
           "(single tenant is fine).\n"
           "2. Authentication: add the platform \"Mobile and desktop applications\" with the "
           "redirect URI %1; add %2 too (VaultLens listens on %2:<port>/ and Entra ID ignores a "
           "loopback port).\n"
           "3. Authentication: set \"Allow public client flows\" to Yes (device code sign-in).\n"
           "4. API permissions, delegated:\n%3\n"
           "5. Copy the application (client) id below.")
            .arg(AppRegistration::redirectUris().value(0), AppRegistration::redirectUris().value(1),
                 permissions.join(u'\n')));

    auto *commandLabel = new QLabel(tr("Or run in a shell with the Azure &CLI:"), this);
    m_command->setObjectName(u"registrationCommand"_s);
    m_command->setAccessibleName(tr("Registration command"));
    m_command->setReadOnly(true);
    m_command->setPlainText(AppRegistration::azAppCreateCommand());
    m_command->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_command->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_command->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_command->setFixedHeight(m_command->fontMetrics().lineSpacing() * 8);
    commandLabel->setBuddy(m_command);
    auto *copyCommand = new QPushButton(tr("Co&py command"), this);
    copyCommand->setObjectName(u"copyCommandButton"_s);
    copyCommand->setAccessibleName(tr("Copy the registration command"));
    connect(copyCommand, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_command->toPlainText()); });

    auto *idLabel = new QLabel(tr("Application (client) &id:"), this);
    m_clientId->setObjectName(u"guideClientIdEdit"_s);
    m_clientId->setAccessibleName(tr("Application (client) id"));
    m_clientId->setPlaceholderText(u"00000000-0000-0000-0000-000000000000"_s);
    m_clientId->setClearButtonEnabled(true);
    idLabel->setBuddy(m_clientId);
    m_useEntered->setObjectName(u"useClientIdButton"_s);
    m_useEntered->setAccessibleName(tr("Use this client id"));
    m_useEntered->setEnabled(false);
    m_invalid->setObjectName(u"guideInvalidLabel"_s);
    m_invalid->setText(tr("A client id looks like 00000000-0000-0000-0000-000000000000."));
    m_invalid->setVisible(false);
    connect(m_clientId, &QLineEdit::textChanged, this, [this](const QString &text) {
        const bool valid = AppRegistration::isValidClientId(text);
        m_useEntered->setEnabled(valid);
        m_invalid->setVisible(!text.trimmed().isEmpty() && !valid);
    });
    connect(m_clientId, &QLineEdit::returnPressed, this, &AppRegistrationGuide::useEntered);
    connect(m_useEntered, &QPushButton::clicked, this, &AppRegistrationGuide::useEntered);

    auto *useCli = new QCommandLinkButton(
        tr("Use the Azure CLI's public client id (%1)")
            .arg(QString(AppRegistration::AzureCliClientId)),
        tr("…which most tenants have already consented to. A convenience, not a "
           "recommendation: its pre-authorized permissions may change without notice and "
           "cannot be extended."),
        this);
    useCli->setObjectName(u"useAzureCliIdButton"_s);
    useCli->setAccessibleName(tr("Use the Azure CLI's public client id, which most tenants have "
                                 "already consented to"));
    connect(useCli, &QPushButton::clicked, this,
            [this] { choose(QString(AppRegistration::AzureCliClientId)); });

    m_back = new QPushButton(tr("Clo&se"), this);
    m_back->setObjectName(u"guideBackButton"_s);
    m_back->setAccessibleName(tr("Close the guide"));
    connect(m_back, &QPushButton::clicked, this, [this] {
        if (m_embedded)
            Q_EMIT backRequested();
        else
            reject();
    });
    // The id in use, if any, to see or change.
    m_clientId->setText(m_session.accounts().clientId());

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(steps);
    layout->addWidget(commandLabel);
    layout->addWidget(m_command);
    auto *commandRow = new QHBoxLayout;
    commandRow->addStretch();
    commandRow->addWidget(copyCommand);
    layout->addLayout(commandRow);
    layout->addWidget(idLabel);
    auto *idRow = new QHBoxLayout;
    idRow->addWidget(m_clientId, 1);
    idRow->addWidget(m_useEntered);
    layout->addLayout(idRow);
    layout->addWidget(m_invalid);
    layout->addSpacing(6);
    layout->addWidget(useCli);
    layout->addStretch();
    auto *backRow = new QHBoxLayout;
    backRow->addWidget(m_back);
    backRow->addStretch();
    layout->addLayout(backRow);
}

void AppRegistrationGuide::setCloudName(const QString &displayName)
{
    m_intro->setText(
        tr("VaultLens signs in to %1 as a public client (no secret) whose application id you "
           "choose. Register VaultLens once in your tenant, or pick the Azure CLI's id below. "
           "The choice is saved (setting auth/clientId; --client-id and AZURE_CLIENT_ID take "
           "precedence).")
            .arg(displayName));
}

void AppRegistrationGuide::setEmbedded(bool embedded)
{
    m_embedded = embedded;
    setWindowFlags(embedded ? Qt::Widget : Qt::Dialog);
    m_back->setText(embedded ? tr("&Back") : tr("Clo&se"));
    m_back->setAccessibleName(embedded ? tr("Back to the sign-in") : tr("Close the guide"));
}

void AppRegistrationGuide::choose(const QString &clientId)
{
    m_settings.setValue(QString(AppRegistration::SettingsKey), clientId);
    m_settings.sync();
    m_session.accounts().setClientId(clientId);
    Q_EMIT clientIdChosen(clientId);
    if (!m_embedded)
        accept();
}

QString AppRegistrationGuide::command() const
{
    return m_command->toPlainText();
}

void AppRegistrationGuide::useEntered()
{
    const QString id = m_clientId->text().trimmed();
    if (!AppRegistration::isValidClientId(id))
        return;
    choose(id);
}

} // namespace vl::ui

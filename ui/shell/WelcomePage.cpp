// SPDX-License-Identifier: GPL-3.0-or-later
#include "WelcomePage.h"

#include "Session.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {

WelcomePage::WelcomePage(Session &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_hint(new QLabel(this))
    , m_signIn(new QPushButton(tr("&Sign in…"), this))
{
    setObjectName(u"welcomePage"_s);
    auto *title = new QLabel(tr("VaultLens"), this);
    title->setObjectName(u"welcomeTitle"_s);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 2.0);
    big.setBold(true);
    title->setFont(big);
    auto *tagline = new QLabel(
        tr("Who may do what with your Azure Key Vaults, from where, and why a request was "
           "allowed or denied."),
        this);
    tagline->setWordWrap(true);
    m_hint->setObjectName(u"welcomeHint"_s);
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::RichText);
    m_signIn->setObjectName(u"welcomeSignInButton"_s);
    m_signIn->setAccessibleName(tr("Sign in"));
    m_signIn->setDefault(true);
    connect(m_signIn, &QPushButton::clicked, this, &WelcomePage::signInRequested);

    auto *column = new QVBoxLayout;
    column->addStretch(2);
    column->addWidget(title);
    column->addWidget(tagline);
    column->addSpacing(12);
    column->addWidget(m_hint);
    column->addSpacing(12);
    column->addWidget(m_signIn, 0, Qt::AlignLeft);
    column->addStretch(3);
    auto *layout = new QHBoxLayout(this);
    layout->addStretch(1);
    layout->addLayout(column, 3);
    layout->addStretch(1);

    connect(&m_session.accounts(), &AccountManager::accountAdded, this, &WelcomePage::update);
    connect(&m_session.accounts(), &AccountManager::accountRemoved, this, &WelcomePage::update);
    update();
}

void WelcomePage::update()
{
    const bool sandbox = std::any_of(
        m_session.clouds().cbegin(), m_session.clouds().cend(),
        [](const CloudProfile &cloud) { return cloud.kind == CloudProfile::Kind::Sandbox; });
    const bool signedIn = !m_session.accounts().accounts().isEmpty();
    QString hint;
    if (signedIn) {
        hint = tr("Pick a vault in the navigation tree, or open one by its URI (Ctrl+O).");
    } else if (sandbox) {
        hint = tr("This is the <b>sandbox cloud</b>: a demo tenant on this machine. Sign in with "
                  "the browser and pick <b>alice@contoso.example</b>, the tenant's "
                  "administrator, on the page that opens.");
    } else {
        hint = tr("Sign in with your browser, a device code, a service principal, a managed "
                  "identity or your Azure CLI login.");
    }
    m_hint->setText(hint);
    m_signIn->setText(signedIn ? tr("&Add another account…") : tr("&Sign in…"));
}

} // namespace vl::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#include "signin/AccountPanel.h"

#include "AccountModel.h"
#include "Session.h"
#include "signin/SignInDialog.h"
#include "widgets/ErrorBanner.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {

namespace {

QToolButton *buttonFor(QAction *action, QWidget *parent, const QString &objectName)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setObjectName(objectName);
    button->setAccessibleName(action->text().remove(u'&'));
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

} // namespace

AccountPanel::AccountPanel(Session &session, QWidget *parent, QSettings *settings)
    : QWidget(parent)
    , m_session(session)
    , m_settings(settings)
    , m_model(new AccountModel(session.accounts(), settings, this))
    , m_view(new QTreeView(this))
    , m_banner(new ErrorBanner(this))
{
    setObjectName(u"accountPanel"_s);
    m_banner->setObjectName(u"accountErrorBanner"_s);

    m_view->setObjectName(u"accountTree"_s);
    m_view->setAccessibleName(tr("Accounts and tenants"));
    m_view->setModel(m_model);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setUniformRowHeights(true);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(AccountModel::NameColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(AccountModel::DetailColumn,
                                           QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(AccountModel::KindColumn, QHeaderView::ResizeToContents);
    m_view->expandAll();

    m_addAction = new QAction(QIcon::fromTheme(u"list-add"_s), tr("&Add account…"), this);
    m_addAction->setObjectName(u"addAccountAction"_s);
    m_addAction->setShortcut(QKeySequence(Qt::Key_Insert));
    m_addAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_signInAgainAction =
        new QAction(QIcon::fromTheme(u"view-refresh"_s), tr("Sign &in again…"), this);
    m_signInAgainAction->setObjectName(u"signInAgainAction"_s);
    m_removeAction =
        new QAction(QIcon::fromTheme(u"list-remove"_s), tr("Sign out and &remove…"), this);
    m_removeAction->setObjectName(u"removeAccountAction"_s);
    m_removeAction->setShortcut(QKeySequence::Delete);
    m_removeAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    for (QAction *a : {m_addAction, m_signInAgainAction, m_removeAction})
        addAction(a);
    connect(m_addAction, &QAction::triggered, this, &AccountPanel::addAccount);
    connect(m_signInAgainAction, &QAction::triggered, this, &AccountPanel::signInAgain);
    connect(m_removeAction, &QAction::triggered, this, &AccountPanel::removeSelected);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(buttonFor(m_addAction, this, u"addAccountButton"_s));
    buttons->addWidget(buttonFor(m_signInAgainAction, this, u"signInAgainButton"_s));
    buttons->addWidget(buttonFor(m_removeAction, this, u"removeAccountButton"_s));
    buttons->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);

    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        QMenu menu(this);
        menu.setObjectName(u"accountContextMenu"_s);
        menu.addAction(m_addAction);
        menu.addAction(m_signInAgainAction);
        menu.addSeparator();
        menu.addAction(m_removeAction);
        menu.exec(m_view->viewport()->mapToGlobal(at));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        updateActions();
        Q_EMIT accountSelected(selectedAccountId());
    });
    connect(m_model, &AccountModel::tenantsEnabledChanged, this,
            &AccountPanel::tenantsEnabledChanged);
    // New accounts and tenants open expanded; the state of a marked account updates the buttons.
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &where, int first, int last) {
                if (where.isValid())
                    return m_view->expand(where);
                for (int row = first; row <= last; ++row)
                    m_view->expand(m_model->index(row, 0));
                if (!m_view->currentIndex().isValid())
                    m_view->setCurrentIndex(m_model->index(last, 0));
            });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &AccountPanel::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &AccountPanel::updateActions);
    updateActions();
}

AccountPanel::~AccountPanel() = default;

QString AccountPanel::selectedAccountId() const
{
    return m_model->accountIdOf(m_view->currentIndex());
}

bool AccountPanel::isTenantEnabled(const QString &accountId, const QString &tenantId) const
{
    return m_model->isTenantEnabled(accountId, tenantId);
}

void AccountPanel::setDefaultTenant(const QString &cloud, const QString &tenant)
{
    m_defaultTenants.insert(cloud, tenant);
}

void AccountPanel::updateActions()
{
    const QString id = selectedAccountId();
    m_removeAction->setEnabled(!id.isEmpty());
    m_signInAgainAction->setEnabled(!id.isEmpty());
    const bool needs = !id.isEmpty() && m_session.accounts().needsSignIn(id);
    m_signInAgainAction->setText(needs ? tr("Sign &in again (needed)…") : tr("Sign &in again…"));
}

SignInDialog *AccountPanel::openDialog()
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return m_dialog;
    }
    m_dialog = new SignInDialog(m_session, this, m_settings);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    for (auto it = m_defaultTenants.cbegin(); it != m_defaultTenants.cend(); ++it)
        m_dialog->setDefaultTenant(it.key(), it.value());
    connect(m_dialog, &SignInDialog::signedIn, this, [this](const Account &account) {
        m_banner->clear();
        const QModelIndex index = m_model->accountIndex(account.id);
        if (index.isValid())
            m_view->setCurrentIndex(index);
    });
    m_dialog->show();
    return m_dialog;
}

SignInDialog *AccountPanel::addAccount()
{
    return openDialog();
}

SignInDialog *AccountPanel::signInAgain()
{
    const auto account = m_session.accounts().account(selectedAccountId());
    SignInDialog *dialog = openDialog();
    if (account && !dialog->isBusy())
        dialog->prefill(*account);
    return dialog;
}

void AccountPanel::removeSelected()
{
    const QString id = selectedAccountId();
    const auto account = m_session.accounts().account(id);
    if (!account || m_confirmation)
        return;
    const QString who = account->displayName.isEmpty() ? account->userName : account->displayName;
    m_confirmation =
        new QMessageBox(QMessageBox::Warning, tr("Sign out and remove"),
                        tr("Sign out %1 and remove the account from VaultLens?").arg(who),
                        QMessageBox::NoButton, this);
    m_confirmation->setObjectName(u"removeConfirmation"_s);
    m_confirmation->setInformativeText(
        account->hasStoredSecret()
            ? tr("Its keychain entries (%1) are deleted: signing in again needs the password, "
                 "secret or certificate once more. Nothing changes in Azure.")
                  .arg(account->isUser() ? tr("the saved sign-in")
                       : account->credential == CredentialKind::ClientCertificate
                           ? tr("the certificate and its key")
                           : tr("the client secret"))
            : tr("VaultLens forgets the account; nothing was kept in the keychain for it. "
                 "Nothing changes in Azure."));
    QPushButton *yes =
        m_confirmation->addButton(tr("Sign out and remove"), QMessageBox::DestructiveRole);
    yes->setObjectName(u"confirmRemoveButton"_s);
    yes->setAccessibleName(tr("Sign out and remove"));
    QPushButton *no = m_confirmation->addButton(QMessageBox::Cancel);
    no->setObjectName(u"cancelRemoveButton"_s);
    no->setAccessibleName(tr("Keep the account"));
    m_confirmation->setDefaultButton(no);
    m_confirmation->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_confirmation, &QMessageBox::buttonClicked, this,
            [this, yes, id](QAbstractButton *clicked) {
                if (clicked == yes)
                    remove(id);
            });
    m_confirmation->open();
}

void AccountPanel::remove(const QString &accountId)
{
    m_banner->clear();
    onFinished(m_session.accounts().signOut(accountId), this, [this](const Result<Done> &r) {
        if (!r.ok())
            m_banner->showError(r.error(), Service::Other, tr("Removing the keychain entries"));
    });
}

} // namespace vl::ui

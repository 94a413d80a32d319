// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QMessageBox>
#include <QPointer>
#include <QWidget>

class QAction;
class QSettings;
class QTreeView;

namespace vl {
class AccountModel;
class Session;
} // namespace vl

namespace vl::ui {

class ErrorBanner;
class SignInDialog;

/**
 * @brief The accounts dock: signed-in accounts and their tenants (each
 * tenant switchable on or off), with "Add account…", "Sign in again" and
 * "Sign out and remove…" as buttons, in a context menu and on the keyboard
 * (Insert, Delete).
 *
 * Accounts that need a new sign-in are marked (warning icon, italic, "needs
 * sign-in"). Removing asks first and names the consequence: the account's
 * keychain entries are deleted.
 */
class AccountPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountPanel)

public:
    /// @p settings: where tenant switches and the client id live (not owned); null: QSettings().
    explicit AccountPanel(Session &session, QWidget *parent = nullptr,
                          QSettings *settings = nullptr);
    ~AccountPanel() override;

    [[nodiscard]] AccountModel *model() const { return m_model; }
    [[nodiscard]] QTreeView *view() const { return m_view; }
    /// The account of the current row (an account or one of its tenants); empty when none.
    [[nodiscard]] QString selectedAccountId() const;
    /// Whether the tenant is switched on (AccountModel::isTenantEnabled).
    [[nodiscard]] bool isTenantEnabled(const QString &accountId, const QString &tenantId) const;
    /// The open sign-in dialog, if any.
    [[nodiscard]] SignInDialog *signInDialog() const { return m_dialog; }
    /// The open removal confirmation, if any.
    [[nodiscard]] QMessageBox *confirmation() const { return m_confirmation; }
    /// The tenant prefilled in the sign-in dialog for @p cloud (the sandbox's own).
    void setDefaultTenant(const QString &cloud, const QString &tenant);

public Q_SLOTS:
    /// Opens the sign-in dialog (non-modal) for a new account.
    SignInDialog *addAccount();
    /// Opens the sign-in dialog prefilled for the selected account.
    SignInDialog *signInAgain();
    /// Asks to sign the selected account out and remove it.
    void removeSelected();

Q_SIGNALS:
    /// The current account changed (empty: none).
    void accountSelected(const QString &accountId);
    /// A tenant was switched on or off.
    void tenantsEnabledChanged();

private:
    SignInDialog *openDialog();
    void updateActions();
    void remove(const QString &accountId);

    Session &m_session;
    QSettings *m_settings;
    AccountModel *m_model;
    QTreeView *m_view;
    ErrorBanner *m_banner;
    QAction *m_addAction;
    QAction *m_signInAgainAction;
    QAction *m_removeAction;
    QPointer<SignInDialog> m_dialog;
    QPointer<QMessageBox> m_confirmation;
    QHash<QString, QString> m_defaultTenants;
};

} // namespace vl::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "NavigationModel.h"
#include "VaultLocation.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace vl {
class Session;
}

namespace vl::ui {

/**
 * @brief "Open vault by URI": for people with data-plane rights on a vault
 * they cannot see in Resource Manager. The URI must be https and a vault
 * host of the chosen account's cloud; what is wrong is said inline and the
 * dialog stays open.
 */
class OpenVaultDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OpenVaultDialog)

public:
    explicit OpenVaultDialog(Session &session, QWidget *parent = nullptr);

    /// Lists only the tenants @p enabled allows in the account choice.
    void setTenantEnabledPredicate(const NavigationModel::TenantPredicate &enabled);
    void setUri(const QString &uri);
    /// Chooses the entry of @p accountId (and @p tenantId, when given).
    void setAccount(const QString &accountId, const QString &tenantId = {});

    /// What is wrong with the form, or an empty string when it can be opened.
    [[nodiscard]] QString validationError() const;
    /// The inline message shown (empty when none).
    [[nodiscard]] QString message() const;
    /// The vault to open (no resource id); valid once the form is.
    [[nodiscard]] VaultLocation location() const;

    /// Closes the dialog only when the form is valid; else shows why inline.
    void accept() override;

private:
    void fillAccounts();
    [[nodiscard]] QUrl parsedUri() const;

    Session &m_session;
    NavigationModel::TenantPredicate m_tenantEnabled;
    QLineEdit *m_uri;
    QComboBox *m_account;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
};

} // namespace vl::ui

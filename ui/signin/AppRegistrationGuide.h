// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSettings;

namespace vl {
class Session;
}

namespace vl::ui {

/**
 * @brief How to register VaultLens in a tenant, shown before the first
 * sign-in to an Azure cloud when no client id is set.
 *
 * It names the redirect URIs, "Allow public client flows", the delegated
 * permissions (Resource Manager, Key Vault, Graph) and the equivalent
 * `az ad app create` command (copyable); a field takes the new client id, and
 * an explicit, labelled button picks the Azure CLI's public client id
 * instead. The choice is saved to the settings (`auth/clientId`) and given to
 * the AccountManager (setClientId), then clientIdChosen() is emitted.
 *
 * A dialog of its own (Help menu: open()), or a page of the SignInDialog
 * (setEmbedded(true): no window, a Back button).
 */
class AppRegistrationGuide final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppRegistrationGuide)

public:
    AppRegistrationGuide(Session &session, QSettings &settings, QWidget *parent = nullptr);

    /// Shows the guide inside another window (no frame; Back instead of Close).
    void setEmbedded(bool embedded);

    /// Names the cloud the registration is for (its portal, in the text).
    void setCloudName(const QString &displayName);
    /// The command shown (for tests).
    [[nodiscard]] QString command() const;

Q_SIGNALS:
    /// The person chose @p clientId (pasted, or the Azure CLI's); it is saved already.
    void clientIdChosen(const QString &clientId);
    /// The person went back without choosing.
    void backRequested();

private:
    void useEntered();
    void choose(const QString &clientId);

    Session &m_session;
    QSettings &m_settings;
    bool m_embedded = false;
    QLabel *m_intro;
    QPlainTextEdit *m_command;
    QLineEdit *m_clientId;
    QPushButton *m_useEntered;
    QLabel *m_invalid;
    QPushButton *m_back;
};

} // namespace vl::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/Account.h"
#include "auth/DeviceCodeCredential.h"

#include <QDateTime>
#include <QDialog>
#include <QHash>
#include <QPointer>
#include <QUrl>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSettings;
class QStackedWidget;
class QTimer;

namespace vl {
class Session;
struct AzureError;
} // namespace vl

namespace vl::ui {

class AppRegistrationGuide;
class ErrorBanner;

/**
 * @brief Adds an account: the cloud, then the method (browser by default,
 * device code, service principal with a secret or a certificate, managed
 * identity, Azure CLI), with an optional tenant and login hint.
 *
 * Works non-modally (show()): a sign-in never blocks; while it runs the
 * dialog shows a busy state with Cancel, and, for the device code, the code
 * (large, selectable, copyable), the link and the expiry. Errors appear in
 * the dialog's ErrorBanner; success emits signedIn() and closes the dialog.
 *
 * Before the first browser or device code sign-in to an Azure cloud without a
 * client id, the dialog shows the AppRegistrationGuide; the id chosen there is
 * saved to the settings (`auth/clientId`) and given to the AccountManager.
 */
class SignInDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInDialog)

public:
    enum class Method {
        Browser,
        DeviceCode,
        ClientSecret,
        ClientCertificate,
        ManagedIdentity,
        AzureCli,
    };
    Q_ENUM(Method)

    /// @p settings: where the client id is saved (not owned); null: QSettings().
    explicit SignInDialog(Session &session, QWidget *parent = nullptr,
                          QSettings *settings = nullptr);
    ~SignInDialog() override;

    /// Selects the cloud profile named @p name (ignored when unknown).
    void setCloud(const QString &name);
    [[nodiscard]] QString cloud() const;
    /**
     * The tenant prefilled for @p cloudName (the sandbox's own tenant); the
     * others default to "organizations".
     */
    void setDefaultTenant(const QString &cloudName, const QString &tenant);
    void setMethod(Method method);
    [[nodiscard]] Method method() const;
    /// Prefills the dialog to sign @p account in again (cloud, method, tenant, hint, app id).
    void prefill(const Account &account);
    /// Prefills the tenant to sign in to (a tenant id or domain), and says so in the title.
    void setTenant(const QString &tenant);

    /// True while a sign-in runs.
    [[nodiscard]] bool isBusy() const { return m_busy; }
    /// True while the app registration guide is shown.
    [[nodiscard]] bool isShowingGuide() const;
    [[nodiscard]] ErrorBanner *errorBanner() const { return m_banner; }

public Q_SLOTS:
    /// Starts the sign-in the form describes (the Sign in button).
    void startSignIn();
    /// Abandons the running sign-in; the dialog goes back to its form.
    void cancelSignIn();
    void reject() override;

Q_SIGNALS:
    void signedIn(const vl::Account &account);
    /// The sign-in started (true) or ended (false).
    void busyChanged(bool busy);

private:
    void updateForm();
    void showPage(QWidget *page);
    void setBusy(bool busy, const QString &status = {});
    void showDeviceCode(const DeviceCodeMessage &message);
    void showBrowserLink(const QUrl &url, bool opened);
    void updateExpiry();
    void finished(quint64 generation, const Result<Account> &result);
    void chooseClientId(const QString &clientId);
    [[nodiscard]] bool needsClientId() const;
    void browseCertificate();

    Session &m_session;
    QSettings *m_settings = nullptr;
    std::unique_ptr<QSettings> m_ownedSettings;
    bool m_busy = false;
    bool m_tenantPrefilled = false;
    QHash<QString, QString> m_defaultTenants;
    quint64 m_generation = 0;
    QDateTime m_deviceExpiry;

    ErrorBanner *m_banner;
    QStackedWidget *m_pages;
    QWidget *m_formPage;
    AppRegistrationGuide *m_guide;
    QFormLayout *m_form;
    QComboBox *m_cloudCombo;
    QComboBox *m_methodCombo;
    QLineEdit *m_tenantEdit;
    QLineEdit *m_loginHintEdit;
    QLineEdit *m_appIdEdit;
    QLineEdit *m_secretEdit;
    QLineEdit *m_certificateEdit;
    QPushButton *m_browseButton;
    QWidget *m_certificateRow;
    QLineEdit *m_certificatePasswordEdit;
    QLineEdit *m_managedIdentityEdit;
    QLineEdit *m_displayNameEdit;
    QLabel *m_methodHint;

    QWidget *m_busyPanel;
    QLabel *m_busyLabel;
    QProgressBar *m_progress;
    QPushButton *m_cancelButton;
    QWidget *m_devicePanel;
    QLabel *m_deviceCodeLabel;
    QLabel *m_deviceLinkLabel;
    QLabel *m_deviceExpiryLabel;
    QTimer *m_expiryTimer;
    QUrl m_deviceLink;
    QWidget *m_browserPanel = nullptr;
    QLabel *m_browserLinkLabel = nullptr;
    QUrl m_browserLink;

    QPushButton *m_signInButton;
    QPushButton *m_closeButton;
};

} // namespace vl::ui

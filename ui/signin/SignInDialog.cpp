// SPDX-License-Identifier: GPL-3.0-or-later
#include "signin/SignInDialog.h"

#include "Session.h"
#include "auth/AppRegistration.h"
#include "signin/AppRegistrationGuide.h"
#include "widgets/ErrorBanner.h"

#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {

namespace {

/// Larger than a certificate file can sensibly be.
constexpr qint64 MaxCertificateBytes = 1024 * 1024;

QLineEdit *makeEdit(QWidget *parent, const QString &objectName, const QString &accessibleName,
                    const QString &placeholder = {})
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    return edit;
}

/// Shows or hides a form row by its widgets.
void showRow(QFormLayout *form, QWidget *field, bool shown)
{
    field->setVisible(shown);
    if (QWidget *label = form->labelForField(field))
        label->setVisible(shown);
}

} // namespace

SignInDialog::SignInDialog(Session &session, QWidget *parent, QSettings *settings)
    : QDialog(parent)
    , m_session(session)
    , m_settings(settings)
    , m_banner(new ErrorBanner(this))
    , m_pages(new QStackedWidget(this))
    , m_formPage(new QWidget(m_pages))
    , m_guide(nullptr)
    , m_form(new QFormLayout)
    , m_cloudCombo(new QComboBox(m_formPage))
    , m_methodCombo(new QComboBox(m_formPage))
    , m_expiryTimer(new QTimer(this))
{
    if (!m_settings) {
        m_ownedSettings = std::make_unique<QSettings>();
        m_settings = m_ownedSettings.get();
    }
    m_guide = new AppRegistrationGuide(m_session, *m_settings, m_pages);
    m_guide->setEmbedded(true);
    setObjectName(u"signInDialog"_s);
    setWindowTitle(tr("Add an account"));
    m_banner->setObjectName(u"signInErrorBanner"_s);

    m_cloudCombo->setObjectName(u"cloudCombo"_s);
    m_cloudCombo->setAccessibleName(tr("Cloud"));
    for (const CloudProfile &c : m_session.clouds())
        m_cloudCombo->addItem(c.displayName.isEmpty() ? c.name : c.displayName, c.name);

    m_methodCombo->setObjectName(u"methodCombo"_s);
    m_methodCombo->setAccessibleName(tr("Sign-in method"));
    m_methodCombo->addItem(tr("Browser (recommended)"), int(Method::Browser));
    m_methodCombo->addItem(tr("Device code (another device's browser)"), int(Method::DeviceCode));
    m_methodCombo->addItem(tr("Service principal with a client secret"), int(Method::ClientSecret));
    m_methodCombo->addItem(tr("Service principal with a certificate"),
                           int(Method::ClientCertificate));
    m_methodCombo->addItem(tr("Managed identity of this machine"), int(Method::ManagedIdentity));
    m_methodCombo->addItem(tr("Existing Azure CLI sign-in (az login)"), int(Method::AzureCli));

    m_methodHint = new QLabel(m_formPage);
    m_methodHint->setObjectName(u"methodHint"_s);
    m_methodHint->setWordWrap(true);
    m_methodHint->setTextFormat(Qt::PlainText);

    m_tenantEdit = makeEdit(m_formPage, u"tenantEdit"_s, tr("Tenant"),
                            tr("organizations, a tenant id or a domain"));
    m_tenantEdit->setText(u"organizations"_s);
    m_loginHintEdit =
        makeEdit(m_formPage, u"loginHintEdit"_s, tr("Login hint"), tr("optional: name@domain"));
    m_appIdEdit = makeEdit(m_formPage, u"appIdEdit"_s, tr("Application (client) id"),
                           u"00000000-0000-0000-0000-000000000000"_s);
    m_secretEdit = makeEdit(m_formPage, u"secretEdit"_s, tr("Client secret"));
    m_secretEdit->setEchoMode(QLineEdit::Password);
    m_certificateRow = new QWidget(m_formPage);
    m_certificateEdit = makeEdit(m_certificateRow, u"certificateEdit"_s, tr("Certificate file"),
                                 tr("a PEM (certificate and key) or PFX file"));
    m_browseButton = new QPushButton(tr("&Browse…"), m_certificateRow);
    m_browseButton->setObjectName(u"browseCertificateButton"_s);
    m_browseButton->setAccessibleName(tr("Choose the certificate file"));
    auto *certificateLayout = new QHBoxLayout(m_certificateRow);
    certificateLayout->setContentsMargins(0, 0, 0, 0);
    certificateLayout->addWidget(m_certificateEdit, 1);
    certificateLayout->addWidget(m_browseButton);
    m_certificatePasswordEdit = makeEdit(m_formPage, u"certificatePasswordEdit"_s,
                                         tr("Certificate password"), tr("optional"));
    m_certificatePasswordEdit->setEchoMode(QLineEdit::Password);
    m_managedIdentityEdit =
        makeEdit(m_formPage, u"managedIdentityClientIdEdit"_s, tr("Managed identity client id"),
                 tr("optional: a user-assigned identity"));
    m_displayNameEdit =
        makeEdit(m_formPage, u"displayNameEdit"_s, tr("Display name"), tr("optional"));

    m_form->addRow(tr("&Cloud:"), m_cloudCombo);
    m_form->addRow(tr("&Method:"), m_methodCombo);
    m_form->addRow(tr("&Tenant:"), m_tenantEdit);
    m_form->addRow(tr("&Login hint:"), m_loginHintEdit);
    m_form->addRow(tr("&Application id:"), m_appIdEdit);
    m_form->addRow(tr("Client &secret:"), m_secretEdit);
    m_form->addRow(tr("Cer&tificate:"), m_certificateRow);
    qobject_cast<QLabel *>(m_form->labelForField(m_certificateRow))->setBuddy(m_certificateEdit);
    m_form->addRow(tr("&Password:"), m_certificatePasswordEdit);
    m_form->addRow(tr("Identity &client id:"), m_managedIdentityEdit);
    m_form->addRow(tr("&Display name:"), m_displayNameEdit);

    // The busy state: progress, Cancel, and the device code when there is one.
    m_busyPanel = new QWidget(m_formPage);
    m_busyPanel->setObjectName(u"busyPanel"_s);
    m_busyLabel = new QLabel(m_busyPanel);
    m_busyLabel->setObjectName(u"busyLabel"_s);
    m_busyLabel->setWordWrap(true);
    m_progress = new QProgressBar(m_busyPanel);
    m_progress->setObjectName(u"signInProgress"_s);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_cancelButton = new QPushButton(tr("C&ancel sign-in"), m_busyPanel);
    m_cancelButton->setObjectName(u"cancelButton"_s);
    m_cancelButton->setAccessibleName(tr("Cancel the sign-in"));
    connect(m_cancelButton, &QPushButton::clicked, this, &SignInDialog::cancelSignIn);

    m_devicePanel = new QWidget(m_busyPanel);
    m_devicePanel->setObjectName(u"deviceCodePanel"_s);
    auto *deviceIntro = new QLabel(
        tr("On any device, open the link below and enter the code. VaultLens waits here."),
        m_devicePanel);
    deviceIntro->setWordWrap(true);
    m_deviceCodeLabel = new QLabel(m_devicePanel);
    m_deviceCodeLabel->setObjectName(u"deviceCodeLabel"_s);
    m_deviceCodeLabel->setAccessibleName(tr("Device code"));
    m_deviceCodeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse
                                               | Qt::TextSelectableByKeyboard);
    m_deviceCodeLabel->setTextFormat(Qt::PlainText);
    QFont big = m_deviceCodeLabel->font();
    big.setPointSizeF(big.pointSizeF() * 2.2);
    big.setBold(true);
    big.setLetterSpacing(QFont::PercentageSpacing, 115);
    m_deviceCodeLabel->setFont(big);
    auto *copyCode = new QPushButton(tr("Copy &code"), m_devicePanel);
    copyCode->setObjectName(u"copyCodeButton"_s);
    copyCode->setAccessibleName(tr("Copy the device code"));
    connect(copyCode, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_deviceCodeLabel->text()); });
    m_deviceLinkLabel = new QLabel(m_devicePanel);
    m_deviceLinkLabel->setObjectName(u"deviceLinkLabel"_s);
    m_deviceLinkLabel->setAccessibleName(tr("Device sign-in link"));
    m_deviceLinkLabel->setTextFormat(Qt::RichText);
    m_deviceLinkLabel->setOpenExternalLinks(true);
    m_deviceLinkLabel->setTextInteractionFlags(Qt::TextBrowserInteraction);
    auto *copyLink = new QPushButton(tr("Copy &link"), m_devicePanel);
    copyLink->setObjectName(u"copyLinkButton"_s);
    copyLink->setAccessibleName(tr("Copy the device sign-in link"));
    connect(copyLink, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_deviceLink.toString()); });
    m_deviceExpiryLabel = new QLabel(m_devicePanel);
    m_deviceExpiryLabel->setObjectName(u"deviceExpiryLabel"_s);
    auto *deviceLayout = new QGridLayout(m_devicePanel);
    deviceLayout->setContentsMargins(0, 0, 0, 0);
    deviceLayout->addWidget(deviceIntro, 0, 0, 1, 2);
    deviceLayout->addWidget(m_deviceCodeLabel, 1, 0);
    deviceLayout->addWidget(copyCode, 1, 1);
    deviceLayout->addWidget(m_deviceLinkLabel, 2, 0);
    deviceLayout->addWidget(copyLink, 2, 1);
    deviceLayout->addWidget(m_deviceExpiryLabel, 3, 0, 1, 2);
    deviceLayout->setColumnStretch(0, 1);
    m_devicePanel->hide();

    // The sign-in page's address, for when the browser did not open (or opened elsewhere).
    m_browserPanel = new QWidget(this);
    m_browserPanel->setObjectName(u"browserLinkPanel"_s);
    m_browserLinkLabel = new QLabel(m_browserPanel);
    m_browserLinkLabel->setObjectName(u"browserLinkLabel"_s);
    m_browserLinkLabel->setAccessibleName(tr("Sign-in page link"));
    m_browserLinkLabel->setWordWrap(true);
    m_browserLinkLabel->setTextFormat(Qt::RichText);
    m_browserLinkLabel->setOpenExternalLinks(true);
    m_browserLinkLabel->setTextInteractionFlags(Qt::TextBrowserInteraction);
    auto *copyBrowserLink = new QPushButton(tr("Copy the &address"), m_browserPanel);
    copyBrowserLink->setObjectName(u"copyBrowserLinkButton"_s);
    copyBrowserLink->setAccessibleName(tr("Copy the sign-in page's address"));
    connect(copyBrowserLink, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_browserLink.toString()); });
    auto *browserLayout = new QHBoxLayout(m_browserPanel);
    browserLayout->setContentsMargins(0, 0, 0, 0);
    browserLayout->addWidget(m_browserLinkLabel, 1);
    browserLayout->addWidget(copyBrowserLink, 0, Qt::AlignTop);
    m_browserPanel->hide();

    auto *busyLayout = new QVBoxLayout(m_busyPanel);
    busyLayout->setContentsMargins(0, 0, 0, 0);
    busyLayout->addWidget(m_busyLabel);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancelButton);
    busyLayout->addLayout(progressRow);
    busyLayout->addWidget(m_devicePanel);
    busyLayout->addWidget(m_browserPanel);
    m_busyPanel->hide();

    auto *formLayout = new QVBoxLayout(m_formPage);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->addLayout(m_form);
    // Outside the form: QFormLayout with hidden rows miscomputes heightForWidth (Qt 6.4).
    formLayout->addWidget(m_methodHint);
    formLayout->addWidget(m_busyPanel);
    formLayout->addStretch();

    m_pages->addWidget(m_formPage);
    m_pages->addWidget(m_guide);
    m_guide->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);

    auto *buttons = new QDialogButtonBox(this);
    m_signInButton = buttons->addButton(tr("&Sign in"), QDialogButtonBox::AcceptRole);
    m_signInButton->setObjectName(u"signInButton"_s);
    m_signInButton->setAccessibleName(tr("Sign in"));
    m_signInButton->setDefault(true);
    m_closeButton = buttons->addButton(QDialogButtonBox::Close);
    m_closeButton->setObjectName(u"closeButton"_s);
    m_closeButton->setAccessibleName(tr("Close"));
    connect(m_signInButton, &QPushButton::clicked, this, &SignInDialog::startSignIn);
    connect(m_closeButton, &QPushButton::clicked, this, &SignInDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_pages, 1);
    layout->addWidget(buttons);

    connect(m_cloudCombo, &QComboBox::currentIndexChanged, this, [this] {
        // A cloud's default tenant (the sandbox's own) replaces a tenant nobody typed.
        const QString text = m_tenantEdit->text().trimmed();
        if (text.isEmpty() || text == "organizations"_L1 || m_tenantPrefilled) {
            const QString tenant = m_defaultTenants.value(cloud());
            m_tenantEdit->setText(tenant.isEmpty() ? u"organizations"_s : tenant);
            m_tenantPrefilled = !tenant.isEmpty();
        }
        updateForm();
    });
    connect(m_tenantEdit, &QLineEdit::textEdited, this, [this] { m_tenantPrefilled = false; });
    connect(m_methodCombo, &QComboBox::currentIndexChanged, this, &SignInDialog::updateForm);
    connect(m_browseButton, &QPushButton::clicked, this, &SignInDialog::browseCertificate);
    connect(&m_session, &Session::deviceCode, this, &SignInDialog::showDeviceCode);
    connect(&m_session, &Session::browserOpened, this, &SignInDialog::showBrowserLink);
    connect(m_guide, &AppRegistrationGuide::clientIdChosen, this, &SignInDialog::chooseClientId);
    connect(m_guide, &AppRegistrationGuide::backRequested, this, [this] { showPage(m_formPage); });
    m_expiryTimer->setInterval(std::chrono::seconds(1));
    connect(m_expiryTimer, &QTimer::timeout, this, &SignInDialog::updateExpiry);

    setCloud(m_session.clouds().isEmpty() ? QString() : m_session.clouds().first().name);
    updateForm();
    resize(560, 0); // the layout makes it as tall as it must be
    setMinimumWidth(480);
}

SignInDialog::~SignInDialog()
{
    if (m_busy)
        m_session.accounts().cancelSignIn();
}

void SignInDialog::setCloud(const QString &name)
{
    const int i = m_cloudCombo->findData(name);
    if (i >= 0) {
        m_cloudCombo->setCurrentIndex(i);
        Q_EMIT m_cloudCombo->currentIndexChanged(i); // prefill even when unchanged
    }
}

void SignInDialog::setDefaultTenant(const QString &cloudName, const QString &tenant)
{
    m_defaultTenants.insert(cloudName, tenant);
    if (cloudName == cloud())
        setCloud(cloudName);
}

QString SignInDialog::cloud() const
{
    return m_cloudCombo->currentData().toString();
}

void SignInDialog::setTenant(const QString &tenant)
{
    m_tenantEdit->setText(tenant);
    m_tenantPrefilled = false;
    setWindowTitle(tr("Sign in to a tenant"));
}

void SignInDialog::setMethod(Method method)
{
    m_methodCombo->setCurrentIndex(m_methodCombo->findData(int(method)));
}

SignInDialog::Method SignInDialog::method() const
{
    return Method(m_methodCombo->currentData().toInt());
}

void SignInDialog::prefill(const Account &account)
{
    setCloud(account.cloud);
    switch (account.credential) {
    case CredentialKind::Browser:
        setMethod(Method::Browser);
        break;
    case CredentialKind::DeviceCode:
        setMethod(Method::DeviceCode);
        break;
    case CredentialKind::ClientSecret:
        setMethod(Method::ClientSecret);
        break;
    case CredentialKind::ClientCertificate:
        setMethod(Method::ClientCertificate);
        break;
    case CredentialKind::ManagedIdentity:
        setMethod(Method::ManagedIdentity);
        m_managedIdentityEdit->setText(account.clientId);
        break;
    case CredentialKind::AzureCli:
        setMethod(Method::AzureCli);
        break;
    }
    m_tenantEdit->setText(account.homeTenantId);
    m_tenantPrefilled = false;
    if (account.isUser())
        m_loginHintEdit->setText(account.userName);
    else if (account.credential != CredentialKind::ManagedIdentity)
        m_appIdEdit->setText(account.clientId);
    m_displayNameEdit->setText(account.displayName);
    setWindowTitle(tr("Sign in again"));
}

void SignInDialog::showPage(QWidget *page)
{
    // Only the page shown counts for the dialog's size.
    for (QWidget *p : {m_formPage, static_cast<QWidget *>(m_guide)})
        p->setSizePolicy(p == page ? QSizePolicy::Preferred : QSizePolicy::Ignored,
                         p == page ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    m_pages->setCurrentWidget(page);
    m_signInButton->setVisible(page == m_formPage);
    if (page == m_guide)
        resize(qMax(width(), 720), qMax(height(), m_guide->sizeHint().height() + 80));
}

bool SignInDialog::isShowingGuide() const
{
    return m_pages->currentWidget() == m_guide;
}

void SignInDialog::updateForm()
{
    const Method m = method();
    const bool user = m == Method::Browser || m == Method::DeviceCode;
    const bool app = m == Method::ClientSecret || m == Method::ClientCertificate;
    showRow(m_form, m_tenantEdit, m != Method::ManagedIdentity);
    showRow(m_form, m_loginHintEdit, m == Method::Browser);
    showRow(m_form, m_appIdEdit, app);
    showRow(m_form, m_secretEdit, m == Method::ClientSecret);
    showRow(m_form, m_certificateRow, m == Method::ClientCertificate);
    showRow(m_form, m_certificatePasswordEdit, m == Method::ClientCertificate);
    showRow(m_form, m_managedIdentityEdit, m == Method::ManagedIdentity);
    showRow(m_form, m_displayNameEdit, app || m == Method::ManagedIdentity);
    if (m == Method::AzureCli && m_tenantEdit->text().trimmed() == "organizations"_L1)
        m_tenantEdit->clear();
    else if (user && m_tenantEdit->text().trimmed().isEmpty())
        m_tenantEdit->setText(u"organizations"_s);
    m_tenantEdit->setPlaceholderText(m == Method::AzureCli
                                         ? tr("optional: the Azure CLI's current tenant")
                                         : tr("organizations, a tenant id or a domain"));
    switch (m) {
    case Method::Browser:
        m_methodHint->setText(tr("Your browser opens the sign-in page; VaultLens receives the "
                                 "answer on 127.0.0.1."));
        break;
    case Method::DeviceCode:
        m_methodHint->setText(
            tr("VaultLens shows a code to enter on a sign-in page, on this or any device."));
        break;
    case Method::ClientSecret:
        m_methodHint->setText(tr("The secret is kept in the system keychain, never in the "
                                 "settings."));
        break;
    case Method::ClientCertificate:
        m_methodHint->setText(tr("The certificate, its key and the password are kept in the "
                                 "system keychain, never in the settings."));
        break;
    case Method::ManagedIdentity:
        m_methodHint->setText(tr("For VaultLens running on an Azure VM or service with a managed "
                                 "identity. Nothing is stored."));
        break;
    case Method::AzureCli:
        m_methodHint->setText(tr("Uses whoever is signed in to the Azure CLI ('az login'); "
                                 "VaultLens stores nothing and runs 'az' for each token."));
        break;
    }
}

bool SignInDialog::needsClientId() const
{
    const Method m = method();
    if (m != Method::Browser && m != Method::DeviceCode)
        return false;
    const auto profile = m_session.cloud(cloud());
    return profile && profile->kind != CloudProfile::Kind::Sandbox
           && profile->publicClientId.isEmpty() && m_session.accounts().clientId().isEmpty();
}

void SignInDialog::chooseClientId(const QString &clientId)
{
    Q_UNUSED(clientId); // the guide saved it
    showPage(m_formPage);
    startSignIn();
}

void SignInDialog::browseCertificate()
{
    auto *picker = new QFileDialog(this, tr("Choose the certificate"));
    picker->setObjectName(u"certificateFileDialog"_s);
    picker->setFileMode(QFileDialog::ExistingFile);
    picker->setNameFilters(
        {tr("Certificates (*.pem *.pfx *.p12 *.crt *.key)"), tr("All files (*)")});
    picker->setAttribute(Qt::WA_DeleteOnClose);
    connect(picker, &QFileDialog::fileSelected, m_certificateEdit, &QLineEdit::setText);
    picker->open();
}

void SignInDialog::setBusy(bool busy, const QString &status)
{
    m_busy = busy;
    m_busyLabel->setText(status);
    m_busyPanel->setVisible(busy);
    if (!busy) {
        m_devicePanel->hide();
        m_browserPanel->hide();
        m_expiryTimer->stop();
    }
    for (QWidget *w :
         {static_cast<QWidget *>(m_cloudCombo), static_cast<QWidget *>(m_methodCombo),
          static_cast<QWidget *>(m_tenantEdit), static_cast<QWidget *>(m_loginHintEdit),
          static_cast<QWidget *>(m_appIdEdit), static_cast<QWidget *>(m_secretEdit),
          m_certificateRow, static_cast<QWidget *>(m_certificatePasswordEdit),
          static_cast<QWidget *>(m_managedIdentityEdit), static_cast<QWidget *>(m_displayNameEdit)})
        w->setEnabled(!busy);
    m_signInButton->setEnabled(!busy);
    if (busy)
        m_cancelButton->setFocus();
    Q_EMIT busyChanged(busy);
}

void SignInDialog::startSignIn()
{
    if (m_busy)
        return;
    m_banner->clear();
    if (needsClientId()) {
        const auto profile = m_session.cloud(cloud());
        m_guide->setCloudName(profile ? profile->displayName : cloud());
        showPage(m_guide);
        return;
    }
    const QString tenant = m_tenantEdit->text().trimmed();
    const QString appId = m_appIdEdit->text().trimmed();
    AccountManager &accounts = m_session.accounts();
    QFuture<Result<Account>> future;
    QString status;
    switch (method()) {
    case Method::Browser:
    case Method::DeviceCode: {
        SignInRequest request;
        request.cloud = cloud();
        request.tenant = tenant.isEmpty() ? u"organizations"_s : tenant;
        if (method() == Method::Browser) {
            request.loginHint = m_loginHintEdit->text().trimmed();
            future = accounts.signInWithBrowser(request);
            status = tr("Waiting for the sign-in in your browser…");
        } else {
            future = accounts.signInWithDeviceCode(request);
            status = tr("Asking for a device code…");
        }
        break;
    }
    case Method::ClientSecret: {
        if (tenant.isEmpty() || tenant == "organizations"_L1 || appId.isEmpty()
            || m_secretEdit->text().isEmpty())
            return m_banner->showMessage(
                tr("A service principal needs its tenant (id or domain), its application id and "
                   "a client secret."));
        ServicePrincipalRequest request;
        request.cloud = cloud();
        request.tenantId = tenant;
        request.clientId = appId;
        request.clientSecret = m_secretEdit->text().toUtf8();
        request.displayName = m_displayNameEdit->text().trimmed();
        future = accounts.addServicePrincipal(request);
        status = tr("Checking the client secret…");
        break;
    }
    case Method::ClientCertificate: {
        const QString path = m_certificateEdit->text().trimmed();
        if (tenant.isEmpty() || tenant == "organizations"_L1 || appId.isEmpty() || path.isEmpty())
            return m_banner->showMessage(
                tr("A service principal needs its tenant (id or domain), its application id and "
                   "a certificate file."));
        QFile file(path);
        if (file.size() > MaxCertificateBytes || !file.open(QIODevice::ReadOnly))
            return m_banner->showMessage(
                tr("VaultLens cannot read the certificate file %1.").arg(path));
        CertificatePrincipalRequest request;
        request.cloud = cloud();
        request.tenantId = tenant;
        request.clientId = appId;
        request.certificate = file.readAll();
        request.password = m_certificatePasswordEdit->text().toUtf8();
        request.displayName = m_displayNameEdit->text().trimmed();
        future = accounts.addServicePrincipal(request);
        status = tr("Checking the certificate…");
        break;
    }
    case Method::ManagedIdentity: {
        ManagedIdentityRequest request;
        request.cloud = cloud();
        request.clientId = m_managedIdentityEdit->text().trimmed();
        request.displayName = m_displayNameEdit->text().trimmed();
        future = accounts.addManagedIdentity(request);
        status = tr("Asking the managed identity endpoint for a token…");
        break;
    }
    case Method::AzureCli: {
        AzureCliRequest request;
        request.cloud = cloud();
        request.tenantId = tenant == "organizations"_L1 ? QString() : tenant;
        future = accounts.addAzureCliAccount(request);
        status = tr("Asking the Azure CLI for a token…");
        break;
    }
    }
    const quint64 generation = ++m_generation;
    setBusy(true, status);
    onFinished(future, this,
               [this, generation](const Result<Account> &result) { finished(generation, result); });
}

void SignInDialog::finished(quint64 generation, const Result<Account> &result)
{
    if (generation != m_generation)
        return; // cancelled meanwhile
    setBusy(false);
    if (!result.ok()) {
        if (result.error().kind == AzureError::Kind::Cancelled)
            return;
        const Method m = method();
        const Service service = m == Method::ManagedIdentity ? Service::ManagedIdentity
                                : m == Method::AzureCli      ? Service::Other
                                                             : Service::EntraId;
        m_banner->showError(result.error(), service, tr("Signing in"));
        return;
    }
    m_secretEdit->clear();
    m_certificatePasswordEdit->clear();
    Q_EMIT signedIn(*result);
    accept();
}

void SignInDialog::cancelSignIn()
{
    if (!m_busy)
        return;
    ++m_generation; // a late answer is ignored
    m_session.accounts().cancelSignIn();
    setBusy(false);
}

void SignInDialog::reject()
{
    cancelSignIn();
    QDialog::reject();
}

void SignInDialog::showDeviceCode(const DeviceCodeMessage &message)
{
    if (!m_busy || method() != Method::DeviceCode)
        return;
    m_deviceCodeLabel->setText(message.userCode);
    m_deviceLink = message.verificationUri;
    const QString link = message.verificationUri.toString().toHtmlEscaped();
    m_deviceLinkLabel->setText(u"<a href=\""_s + link + u"\">"_s + link + u"</a>"_s);
    m_deviceExpiry = message.expiresOn;
    m_busyLabel->setText(tr("Waiting for the code to be entered…"));
    m_devicePanel->show();
    updateExpiry();
    m_expiryTimer->start();
}

void SignInDialog::showBrowserLink(const QUrl &url, bool opened)
{
    // The browser is opened while the sign-in starts, before the dialog turns busy.
    if (method() != Method::Browser)
        return;
    m_browserLink = url;
    const QString link = url.toString().toHtmlEscaped();
    m_browserLinkLabel->setText(
        (opened ? tr("If no browser opened, open this page: %1")
                : tr("No browser could be started. Open this page in a browser on this "
                     "computer: %1"))
            .arg(u"<a href=\""_s + link + u"\">"_s + tr("the sign-in page") + u"</a>"_s));
    m_browserPanel->show();
}

void SignInDialog::updateExpiry()
{
    if (!m_deviceExpiry.isValid())
        return m_deviceExpiryLabel->clear();
    const qint64 left = QDateTime::currentDateTimeUtc().secsTo(m_deviceExpiry);
    const QString at =
        QLocale().toString(m_deviceExpiry.toLocalTime().time(), QLocale::ShortFormat);
    m_deviceExpiryLabel->setText(
        left > 0 ? tr("The code expires at %1 (%2 left).")
                       .arg(at, u"%1:%2"_s.arg(left / 60).arg(left % 60, 2, 10, QChar(u'0')))
                 : tr("The code expired at %1. Cancel and sign in again.").arg(at));
}

} // namespace vl::ui

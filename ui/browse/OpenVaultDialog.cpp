// SPDX-License-Identifier: GPL-3.0-or-later
#include "browse/OpenVaultDialog.h"

#include "Presentation.h"
#include "Session.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {
namespace {

constexpr int AccountRole = Qt::UserRole + 1;
constexpr int TenantRole = Qt::UserRole + 2;

} // namespace

OpenVaultDialog::OpenVaultDialog(Session &session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_uri(new QLineEdit(this))
    , m_account(new QComboBox(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"openVaultDialog"_s);
    setWindowTitle(tr("Open Vault by URI"));

    auto *intro = new QLabel(
        tr("Open a vault you have data-plane rights on but cannot see in Resource Manager."), this);
    intro->setWordWrap(true);

    m_uri->setObjectName(u"vaultUriEdit"_s);
    m_uri->setAccessibleName(tr("Vault URI"));
    m_uri->setPlaceholderText(tr("https://my-vault.vault.azure.net/"));
    m_uri->setClearButtonEnabled(true);
    m_account->setObjectName(u"accountCombo"_s);
    m_account->setAccessibleName(tr("Account"));
    m_account->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_message->setObjectName(u"openVaultMessage"_s);
    m_message->setAccessibleName(tr("Validation message"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette warning = m_message->palette();
    warning.setColor(QPalette::WindowText, QColor(0xd0, 0x3b, 0x3b));
    m_message->setPalette(warning);
    m_message->setVisible(false);

    m_buttons->setObjectName(u"openVaultButtons"_s);
    QPushButton *open = m_buttons->button(QDialogButtonBox::Open);
    open->setObjectName(u"openVaultOk"_s);
    open->setAccessibleName(tr("Open vault"));
    open->setDefault(true);
    QPushButton *cancel = m_buttons->button(QDialogButtonBox::Cancel);
    cancel->setObjectName(u"openVaultCancel"_s);
    cancel->setAccessibleName(tr("Cancel"));

    auto *form = new QFormLayout;
    auto *uriLabel = new QLabel(tr("Vault &URI:"), this);
    uriLabel->setBuddy(m_uri);
    auto *accountLabel = new QLabel(tr("&Account:"), this);
    accountLabel->setBuddy(m_account);
    form->addRow(uriLabel, m_uri);
    form->addRow(accountLabel, m_account);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addStretch();
    layout->addWidget(m_buttons);
    setTabOrder(m_uri, m_account);
    setTabOrder(m_account, open);
    setTabOrder(open, cancel);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &OpenVaultDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &OpenVaultDialog::reject);
    connect(m_uri, &QLineEdit::textEdited, this, [this] { m_message->setVisible(false); });
    connect(m_account, &QComboBox::currentIndexChanged, this,
            [this] { m_message->setVisible(false); });
    fillAccounts();
    resize(520, sizeHint().height());
}

void OpenVaultDialog::setTenantEnabledPredicate(const NavigationModel::TenantPredicate &enabled)
{
    m_tenantEnabled = enabled;
    fillAccounts();
}

void OpenVaultDialog::fillAccounts()
{
    const QString previous = m_account->currentData(AccountRole).toString();
    m_account->clear();
    const Presentation &p = Presentation::instance();
    for (const Account &a : m_session.accounts().accounts()) {
        QList<TenantInfo> tenants = a.tenants;
        if (tenants.isEmpty())
            tenants.append(TenantInfo{a.homeTenantId, {}, {}, u"Home"_s});
        QList<TenantInfo> enabled;
        for (const TenantInfo &t : std::as_const(tenants))
            if (!m_tenantEnabled || m_tenantEnabled(a.id, t.id))
                enabled.append(t);
        const QString user = a.isUser() || a.displayName.isEmpty() ? a.userName : a.displayName;
        for (const TenantInfo &t : std::as_const(enabled)) {
            const QString tenant =
                t.displayName.isEmpty() ? p.guid(t.id) : p.tenantName(t.displayName);
            const QString text =
                enabled.size() == 1 ? user : tr("%1 — %2", "account — tenant").arg(user, tenant);
            m_account->addItem(text);
            const int row = m_account->count() - 1;
            m_account->setItemData(row, a.id, AccountRole);
            m_account->setItemData(row, t.id, TenantRole);
        }
    }
    if (!previous.isEmpty())
        setAccount(previous);
}

void OpenVaultDialog::setUri(const QString &uri)
{
    m_uri->setText(uri);
    m_message->setVisible(false);
}

void OpenVaultDialog::setAccount(const QString &accountId, const QString &tenantId)
{
    for (int i = 0; i < m_account->count(); ++i) {
        if (m_account->itemData(i, AccountRole).toString() == accountId
            && (tenantId.isEmpty() || m_account->itemData(i, TenantRole).toString() == tenantId)) {
            m_account->setCurrentIndex(i);
            return;
        }
    }
}

QUrl OpenVaultDialog::parsedUri() const
{
    QString text = m_uri->text().trimmed();
    if (!text.isEmpty() && !text.contains("://"_L1))
        text.prepend("https://"_L1);
    return QUrl(text, QUrl::StrictMode);
}

QString OpenVaultDialog::validationError() const
{
    if (m_uri->text().trimmed().isEmpty())
        return tr("Enter the vault's URI, such as https://my-vault.vault.azure.net/.");
    const QUrl url = parsedUri();
    if (!url.isValid() || url.host().isEmpty())
        return tr("This is not a valid URL.");
    if (url.scheme().compare("https"_L1, Qt::CaseInsensitive) != 0)
        return tr("A vault's URI starts with https://.");
    if (m_account->currentIndex() < 0)
        return tr("Sign in first: opening a vault needs an account.");
    const auto cloud = m_session.cloudOf(m_account->currentData(AccountRole).toString());
    if (!cloud)
        return tr("The chosen account is no longer signed in.");
    if (!cloud->isVaultHost(url)) {
        if (cloud->vaultDnsSuffix.isEmpty() || cloud->kind == CloudProfile::Kind::Sandbox)
            return tr("%1 is not a vault host of %2.").arg(url.host(), cloud->displayName);
        return tr("%1 is not a vault host of %2: vault hosts end with %3.")
            .arg(url.host(), cloud->displayName, cloud->vaultDnsSuffix);
    }
    return {};
}

QString OpenVaultDialog::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

VaultLocation OpenVaultDialog::location() const
{
    if (!validationError().isEmpty())
        return {};
    VaultLocation l;
    l.accountId = m_account->currentData(AccountRole).toString();
    l.tenantId = m_account->currentData(TenantRole).toString();
    const auto cloud = m_session.cloudOf(l.accountId);
    l.cloud = cloud ? cloud->name : QString();
    l.vaultUri = VaultLocation::normalizedUri(parsedUri());
    l.name = VaultLocation::nameFromUri(l.vaultUri, cloud ? cloud->vaultDnsSuffix : QString());
    return l;
}

void OpenVaultDialog::accept()
{
    const QString error = validationError();
    if (!error.isEmpty()) {
        m_message->setText(error);
        m_message->setVisible(true);
        m_uri->setFocus(Qt::OtherFocusReason);
        return;
    }
    m_message->setVisible(false);
    QDialog::accept();
}

} // namespace vl::ui

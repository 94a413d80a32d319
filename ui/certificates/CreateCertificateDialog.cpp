// SPDX-License-Identifier: GPL-3.0-or-later
#include "CreateCertificateDialog.h"

#include "widgets/DetailsSupport.h"
#include "widgets/FormSupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {

CreateCertificateDialog::CreateCertificateDialog(QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_subject(new QLineEdit(this))
    , m_dnsNames(new QLineEdit(this))
    , m_validity(new QSpinBox(this))
    , m_key(new QComboBox(this))
    , m_contentType(new QComboBox(this))
    , m_exportable(new QCheckBox(tr("Private key &exportable"), this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"createCertificateDialog"_s);
    setWindowTitle(tr("Create Self-Signed Certificate"));
    m_name->setObjectName(u"certificateNameEdit"_s);
    m_name->setAccessibleName(tr("Certificate name"));
    m_subject->setObjectName(u"subjectEdit"_s);
    m_subject->setAccessibleName(tr("Subject"));
    m_subject->setPlaceholderText(u"CN=www.contoso.example"_s);
    m_dnsNames->setObjectName(u"dnsNamesEdit"_s);
    m_dnsNames->setAccessibleName(tr("DNS names"));
    m_dnsNames->setPlaceholderText(tr("www.contoso.example, contoso.example"));
    m_validity->setObjectName(u"validitySpin"_s);
    m_validity->setAccessibleName(tr("Validity in months"));
    m_validity->setRange(1, 120);
    m_validity->setValue(12);
    m_validity->setSuffix(tr(" months"));
    m_key->setObjectName(u"keyCombo"_s);
    m_key->setAccessibleName(tr("Key type"));
    for (int bits : {2048, 3072, 4096})
        m_key->addItem(tr("RSA %1 bits").arg(bits), QStringList{u"RSA"_s, QString::number(bits)});
    for (const QString &curve : {u"P-256"_s, u"P-384"_s, u"P-521"_s})
        m_key->addItem(tr("EC %1").arg(curve), QStringList{u"EC"_s, curve});
    m_contentType->setObjectName(u"contentTypeCombo"_s);
    m_contentType->setAccessibleName(tr("Content type"));
    m_contentType->addItem(tr("PFX (PKCS#12)"), u"application/x-pkcs12"_s);
    m_contentType->addItem(tr("PEM"), u"application/x-pem-file"_s);
    m_exportable->setObjectName(u"exportableCheck"_s);
    m_exportable->setAccessibleName(tr("Private key exportable"));
    m_exportable->setChecked(true);
    form::setUpProblemLabel(m_problem);

    auto *fields = new QFormLayout;
    const auto row = [this, fields](const QString &text, QWidget *field) {
        form::addRow(fields, this, text, field);
    };
    row(tr("&Name:"), m_name);
    row(tr("&Subject:"), m_subject);
    row(tr("&DNS names:"), m_dnsNames);
    row(tr("&Validity:"), m_validity);
    row(tr("&Key:"), m_key);
    row(tr("&Content type:"), m_contentType);
    fields->addRow(QString(), m_exportable);

    form::setUpButtons(this, m_buttons, tr("C&reate"), tr("Create"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(fields);
    layout->addWidget(m_problem);
    layout->addStretch();
    layout->addWidget(m_buttons);

    // The subject follows the name until the person edits it.
    connect(m_name, &QLineEdit::textChanged, this, [this](const QString &name) {
        if (!m_subject->isModified())
            m_subject->setText(name.isEmpty() ? QString() : QString(u"CN="_s + name));
        validate();
    });
    connect(m_subject, &QLineEdit::textChanged, this, &CreateCertificateDialog::validate);
    connect(m_dnsNames, &QLineEdit::textChanged, this, &CreateCertificateDialog::validate);
    validate();
    resize(520, sizeHint().height());
}

QString CreateCertificateDialog::name() const
{
    return m_name->text().trimmed();
}

QStringList CreateCertificateDialog::dnsNames() const
{
    static const QRegularExpression separators(u"[,;\\s]+"_s);
    return m_dnsNames->text().split(separators, Qt::SkipEmptyParts);
}

QString CreateCertificateDialog::problem() const
{
    if (const QString why = DetailsText::nameProblem(name()); !why.isEmpty())
        return why;
    static const QRegularExpression subject(u"^\\s*CN\\s*=\\s*[^,=]+"_s,
                                            QRegularExpression::CaseInsensitiveOption);
    if (!subject.match(m_subject->text()).hasMatch())
        return tr("The subject must start with CN=, e.g. CN=www.contoso.example.");
    static const QRegularExpression host(
        u"^(\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"_s);
    for (const QString &dns : dnsNames())
        if (!host.match(dns).hasMatch() || dns.size() > 253)
            return tr("“%1” is not a DNS name.").arg(dns);
    return {};
}

void CreateCertificateDialog::validate()
{
    form::showProblem(m_problem, m_buttons, problem(), m_name->text().isEmpty());
}

vault::CertificateCreateParameters CreateCertificateDialog::parameters() const
{
    vault::CertificateCreateParameters p;
    vault::CertificatePolicy &policy = p.policy;
    vault::IssuerParameters issuer;
    issuer.name = u"Self"_s;
    policy.issuer = issuer;
    vault::X509Properties x509;
    x509.subject = m_subject->text().trimmed();
    x509.validityMonths = m_validity->value();
    if (const QStringList dns = dnsNames(); !dns.isEmpty()) {
        vault::SubjectAlternativeNames sans;
        sans.dnsNames = dns;
        x509.sans = sans;
    }
    policy.x509Properties = x509;
    const QStringList key = m_key->currentData().toStringList();
    vault::CertificateKeyProperties keyProperties;
    keyProperties.kty = key.value(0);
    if (key.value(0) == "RSA"_L1)
        keyProperties.keySize = key.value(1).toInt();
    else
        keyProperties.curve = key.value(1);
    keyProperties.exportable = m_exportable->isChecked();
    keyProperties.reuseKey = false;
    policy.keyProperties = keyProperties;
    vault::CertificateSecretProperties secret;
    secret.contentType = m_contentType->currentData().toString();
    policy.secretProperties = secret;
    vault::ObjectAttributes attributes;
    attributes.enabled = true;
    p.attributes = attributes;
    return p;
}

} // namespace vl::ui

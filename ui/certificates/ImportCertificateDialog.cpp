// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImportCertificateDialog.h"

#include "widgets/FormSupport.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {

namespace {
constexpr qint64 MaximumFileSize = 1024 * 1024;
}

ImportCertificateDialog::ImportCertificateDialog(FileChooser chooser, QWidget *parent)
    : QDialog(parent)
    , m_chooser(std::move(chooser))
    , m_name(new QLineEdit(this))
    , m_file(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
    , m_format(new QLabel(this))
    , m_password(new QLineEdit(this))
    , m_enabled(new QCheckBox(tr("&Enabled"), this))
    , m_tags(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"importCertificateDialog"_s);
    setWindowTitle(tr("Import Certificate"));
    m_name->setObjectName(u"certificateNameEdit"_s);
    m_name->setAccessibleName(tr("Certificate name"));
    m_name->setPlaceholderText(tr("e.g. www-contoso-example"));
    m_file->setObjectName(u"fileEdit"_s);
    m_file->setAccessibleName(tr("Certificate file"));
    m_file->setPlaceholderText(tr("A .pfx/.p12 file, or a .pem with the private key"));
    m_browse->setObjectName(u"browseButton"_s);
    m_browse->setAccessibleName(tr("Browse for the certificate file"));
    m_format->setObjectName(u"formatLabel"_s);
    m_password->setObjectName(u"passwordEdit"_s);
    m_password->setAccessibleName(tr("PFX password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Only for a PFX file"));
    m_enabled->setObjectName(u"enabledCheck"_s);
    m_enabled->setAccessibleName(tr("Enabled"));
    m_enabled->setChecked(true);
    m_tags->setObjectName(u"tagsEdit"_s);
    m_tags->setAccessibleName(tr("Tags"));
    m_tags->setPlaceholderText(tr("name=value; name2=value2"));
    form::setUpProblemLabel(m_problem);

    auto *fields = new QFormLayout;
    form::addRow(fields, this, tr("&Name:"), m_name);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_browse);
    form::addRow(fields, this, tr("&File:"), m_file, fileRow);
    fields->addRow(tr("Format:"), m_format);
    form::addRow(fields, this, tr("&Password:"), m_password);
    fields->addRow(QString(), m_enabled);
    form::addRow(fields, this, tr("&Tags:"), m_tags);

    form::setUpButtons(this, m_buttons, tr("&Import"), tr("Import"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(fields);
    layout->addWidget(m_problem);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_browse, &QPushButton::clicked, this, &ImportCertificateDialog::browse);
    connect(m_file, &QLineEdit::editingFinished, this, &ImportCertificateDialog::readFile);
    connect(m_name, &QLineEdit::textChanged, this, &ImportCertificateDialog::validate);
    connect(m_tags, &QLineEdit::textChanged, this, &ImportCertificateDialog::validate);
    readFile();
    resize(560, sizeHint().height());
}

ImportCertificateDialog::~ImportCertificateDialog()
{
    // The file holds a private key: do not leave it in freed memory.
    m_content.fill('\0');
}

QString ImportCertificateDialog::name() const
{
    return m_name->text().trimmed();
}

void ImportCertificateDialog::browse()
{
    if (!m_chooser)
        return;
    const QString path = m_chooser(
        FileMode::Open, tr("Import Certificate"),
        tr("Certificates with private key (*.pfx *.p12 *.pem);;All files (*)"), QString());
    if (!path.isEmpty())
        setFilePath(path);
}

void ImportCertificateDialog::setFilePath(const QString &path)
{
    m_file->setText(path);
    readFile();
}

void ImportCertificateDialog::readFile()
{
    m_content.fill('\0');
    m_content.clear();
    m_readProblem.clear();
    m_pem = false;
    const QString path = m_file->text().trimmed();
    if (path.isEmpty()) {
        m_readProblem = tr("Choose the certificate file.");
    } else {
        QFile file(path);
        if (QFileInfo(path).size() > MaximumFileSize)
            m_readProblem = tr("The file is too large to be a certificate.");
        else if (!file.open(QIODevice::ReadOnly))
            m_readProblem = tr("Cannot read the file: %1").arg(file.errorString());
        else
            m_content = file.readAll();
        if (m_readProblem.isEmpty() && m_content.isEmpty())
            m_readProblem = tr("The file is empty.");
    }
    m_pem = m_content.contains("-----BEGIN ");
    if (m_readProblem.isEmpty() && m_pem) {
        if (!m_content.contains("-----BEGIN CERTIFICATE-----"))
            m_readProblem = tr("The PEM file holds no certificate (BEGIN CERTIFICATE).");
        else if (!m_content.contains("PRIVATE KEY-----"))
            m_readProblem = tr("The PEM file holds no private key. Put the certificate and its "
                               "private key in one file.");
    }
    if (m_content.isEmpty())
        m_format->setText(tr("—"));
    else
        m_format->setText(m_pem ? tr("PEM (certificate and private key)")
                                : tr("PFX / PKCS#12 (enter its password if it has one)"));
    m_password->setEnabled(!m_pem);
    validate();
}

QString ImportCertificateDialog::problem() const
{
    if (const QString why = DetailsText::nameProblem(name()); !why.isEmpty())
        return why;
    if (!m_readProblem.isEmpty())
        return m_readProblem;
    QString tagProblem;
    if (!DetailsText::parseTags(m_tags->text(), &tagProblem))
        return tagProblem;
    return {};
}

void ImportCertificateDialog::validate()
{
    form::showProblem(m_problem, m_buttons, problem(),
                      m_name->text().isEmpty() && m_file->text().isEmpty());
}

vault::CertificateImportParameters ImportCertificateDialog::parameters() const
{
    vault::CertificateImportParameters p;
    vault::CertificatePolicy policy;
    vault::CertificateSecretProperties secret;
    if (m_pem) {
        p.value = QString::fromUtf8(m_content);
        secret.contentType = u"application/x-pem-file"_s;
    } else {
        p.value = QString::fromLatin1(m_content.toBase64());
        secret.contentType = u"application/x-pkcs12"_s;
        if (!m_password->text().isEmpty())
            p.password = m_password->text();
    }
    policy.secretProperties = secret;
    p.policy = policy;
    vault::ObjectAttributes attributes;
    attributes.enabled = m_enabled->isChecked();
    p.attributes = attributes;
    const auto tags = DetailsText::parseTags(m_tags->text());
    if (tags && !tags->isEmpty())
        p.tags = *tags;
    return p;
}

} // namespace vl::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#include "CertificateDetails.h"

#include "Presentation.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSslCertificate>
#include <QSslCertificateExtension>
#include <QSslKey>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vl::ui {

namespace {
constexpr int ExpiringSoonDays = 30;

QWidget *scrolled(QWidget *inner, const QString &objectName, const QString &accessibleName)
{
    auto *scroll = new QScrollArea;
    scroll->setObjectName(objectName);
    scroll->setAccessibleName(accessibleName);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(inner);
    return scroll;
}

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex(':').toUpper());
}

QString names(const QSslCertificate &c, QSsl::AlternativeNameEntryType type)
{
    // QMultiMap answers the values of a key latest first: show them in the certificate's order.
    QStringList values = c.subjectAlternativeNames().values(type);
    std::reverse(values.begin(), values.end());
    return values.join(u", "_s);
}

QString algorithmName(QSsl::KeyAlgorithm algorithm)
{
    switch (algorithm) {
    case QSsl::Rsa:
        return u"RSA"_s;
    case QSsl::Ec:
        return u"EC"_s;
    case QSsl::Dsa:
        return u"DSA"_s;
    case QSsl::Dh:
        return u"DH"_s;
    case QSsl::Opaque:
        break;
    }
    return CertificateDetails::tr("Other");
}

QString extensionText(const QSslCertificate &c, QLatin1StringView name)
{
    for (const QSslCertificateExtension &e : c.extensions()) {
        if (e.name() != name)
            continue;
        const QVariant v = e.value();
        if (v.typeId() == QMetaType::QStringList || v.typeId() == QMetaType::QVariantList)
            return v.toStringList().join(u", "_s);
        return v.toString().trimmed();
    }
    return CertificateDetails::tr("—");
}

QString yesNo(std::optional<bool> value)
{
    if (!value)
        return CertificateDetails::tr("—");
    return *value ? CertificateDetails::tr("Yes") : CertificateDetails::tr("No");
}
} // namespace

CertificateDetails::CertificateDetails(QWidget *parent)
    : DetailsPane(VaultItemKind::Certificate, parent)
    , m_pollTimer(new QTimer(this))
    , m_operationBar(nullptr)
    , m_operationLabel(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_identifier(new QLineEdit(this))
    , m_created(new QLabel(this))
    , m_updated(new QLabel(this))
    , m_recovery(new QLabel(this))
    , m_attributeDates(new QLabel(this))
    , m_enabled(new QCheckBox(tr("&Enabled"), this))
    , m_tags(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_versions(new QTreeWidget(this))
{
    setObjectName(u"certificateDetails"_s);
    setAccessibleName(tr("Certificate details"));
    m_pollTimer->setObjectName(u"pollTimer"_s);
    m_pollTimer->setSingleShot(true);
    m_pollTimer->setInterval(1000);
    connect(m_pollTimer, &QTimer::timeout, this, &CertificateDetails::poll);

    m_importButton = addButton(u"importButton"_s, tr("&Import…"), tr("Import certificate"),
                               &CertificateDetails::importCertificate);
    m_createButton =
        addButton(u"createSelfSignedButton"_s, tr("Create &Self-Signed…"),
                  tr("Create self-signed certificate"), &CertificateDetails::createSelfSigned);
    m_restoreButton = addButton(u"restoreButton"_s, tr("Restore from File…"),
                                tr("Restore certificate from file"), &CertificateDetails::restore);
    QHBoxLayout *vaultRow = buttonRow({m_importButton, m_createButton, m_restoreButton});

    m_cerButton =
        addButton(u"downloadCerButton"_s, tr("Download .&cer"),
                  tr("Download public certificate as .cer"), &CertificateDetails::downloadCer);
    m_pemButton =
        addButton(u"downloadPemButton"_s, tr("Download .&pem"),
                  tr("Download public certificate as .pem"), &CertificateDetails::downloadPem);
    m_backupButton = addButton(u"backupButton"_s, tr("&Back Up…"),
                               tr("Back up certificate to file"), &CertificateDetails::backUp);
    m_deleteButton = addButton(u"deleteButton"_s, tr("&Delete"), tr("Delete certificate"),
                               &CertificateDetails::deleteCertificate);
    m_recoverButton =
        addButton(u"recoverButton"_s, tr("Reco&ver"), tr("Recover deleted certificate"),
                  &CertificateDetails::recoverCertificate);
    m_purgeButton = addButton(u"purgeButton"_s, tr("P&urge"), tr("Purge deleted certificate"),
                              &CertificateDetails::purgeCertificate);
    QHBoxLayout *itemRow = buttonRow(
        {m_cerButton, m_pemButton, m_backupButton, m_deleteButton, m_recoverButton, m_purgeButton});

    m_tabs->setObjectName(u"certificateTabs"_s);
    m_tabs->setAccessibleName(tr("Certificate details sections"));
    m_tabs->addTab(makeCertificateTab(), tr("&Certificate"));
    m_tabs->addTab(makePropertiesTab(), tr("P&roperties"));
    m_tabs->addTab(makePolicyTab(), tr("Po&licy"));
    m_tabs->addTab(makeVersionsTab(), tr("Versio&ns"));

    layOutContent(vaultRow, itemRow, m_tabs, makeOperationBar());
    clear();
}

CertificateDetails::~CertificateDetails() = default;

void CertificateDetails::refreshShown()
{
    showBundle(m_bundle);
}

QLabel *CertificateDetails::addField(QFormLayout *form, const QString &label,
                                     const QString &objectName)
{
    auto *value = new QLabel(form->parentWidget());
    value->setObjectName(objectName);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    value->setWordWrap(true);
    form->addRow(label, value);
    m_fields.insert(objectName, value);
    return value;
}

void CertificateDetails::setField(const QString &objectName, const QString &text)
{
    if (QLabel *label = m_fields.value(objectName))
        label->setText(text.isEmpty() ? tr("—") : text);
}

QWidget *CertificateDetails::makeCertificateTab()
{
    auto *inner = new QWidget;
    auto *form = new QFormLayout(inner);
    addField(form, tr("Subject:"), u"subjectLabel"_s);
    addField(form, tr("Issuer:"), u"issuerLabel"_s);
    addField(form, tr("DNS names:"), u"dnsNamesLabel"_s);
    addField(form, tr("Email addresses:"), u"emailsLabel"_s);
    addField(form, tr("IP addresses:"), u"ipAddressesLabel"_s);
    addField(form, tr("Valid from:"), u"notBeforeLabel"_s);
    addField(form, tr("Valid until:"), u"notAfterLabel"_s);
    addField(form, tr("SHA-1 thumbprint:"), u"sha1Label"_s);
    addField(form, tr("SHA-256 thumbprint:"), u"sha256Label"_s);
    addField(form, tr("x5t:"), u"x5tLabel"_s);
    addField(form, tr("Serial number:"), u"serialLabel"_s);
    addField(form, tr("Public key:"), u"publicKeyLabel"_s);
    addField(form, tr("Key usage:"), u"keyUsageLabel"_s);
    addField(form, tr("Extended key usage:"), u"extendedKeyUsageLabel"_s);
    return scrolled(inner, u"certificateScroll"_s, tr("Certificate contents"));
}

QWidget *CertificateDetails::makePropertiesTab()
{
    auto *inner = new QWidget;
    auto *form = new QFormLayout(inner);
    m_copyIdButton = addButton(u"copyIdentifierButton"_s, tr("Cop&y"), tr("Copy identifier"),
                               &CertificateDetails::copyIdentifier);
    addIdentifierRow(form, inner, m_identifier, m_copyIdButton, tr("Certificate identifier"));
    for (QLabel *l : {m_created, m_updated, m_recovery, m_attributeDates}) {
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setWordWrap(true);
    }
    m_created->setObjectName(u"createdLabel"_s);
    m_updated->setObjectName(u"updatedLabel"_s);
    m_recovery->setObjectName(u"recoveryLabel"_s);
    m_attributeDates->setObjectName(u"attributeDatesLabel"_s);
    form->addRow(tr("Created:"), m_created);
    form->addRow(tr("Updated:"), m_updated);
    form->addRow(tr("Recovery:"), m_recovery);
    form->addRow(tr("Activation and expiry:"), m_attributeDates);
    addEnabledAndTagsRows(form, inner, m_enabled, m_tags);
    connect(m_enabled, &QCheckBox::toggled, this, &CertificateDetails::updateActions);
    connect(m_tags, &QLineEdit::textEdited, this, [this] {
        QString problem;
        if (DetailsText::parseTags(m_tags->text(), &problem))
            problem.clear();
        m_problem->setText(problem);
        updateActions();
    });

    m_saveButton =
        addButton(u"saveButton"_s, tr("&Save"), tr("Save changes"), &CertificateDetails::save);
    m_revertButton = addButton(u"revertButton"_s, tr("Re&vert"), tr("Revert changes"),
                               &CertificateDetails::revert);
    form->addRow(makeSaveRow(m_problem, m_revertButton, m_saveButton));
    return scrolled(inner, u"propertiesScroll"_s, tr("Certificate properties"));
}

QWidget *CertificateDetails::makePolicyTab()
{
    auto *inner = new QWidget;
    auto *form = new QFormLayout(inner);
    addField(form, tr("Issuer:"), u"policyIssuerLabel"_s);
    addField(form, tr("Subject:"), u"policySubjectLabel"_s);
    addField(form, tr("DNS names:"), u"policyDnsNamesLabel"_s);
    addField(form, tr("Validity:"), u"policyValidityLabel"_s);
    addField(form, tr("Key:"), u"policyKeyLabel"_s);
    addField(form, tr("Reuse key on renewal:"), u"policyReuseKeyLabel"_s);
    addField(form, tr("Private key exportable:"), u"policyExportableLabel"_s);
    addField(form, tr("Content type:"), u"policyContentTypeLabel"_s);
    addField(form, tr("Lifetime actions:"), u"policyLifetimeLabel"_s);
    return scrolled(inner, u"policyScroll"_s, tr("Certificate policy"));
}

QWidget *CertificateDetails::makeVersionsTab()
{
    setUpVersionsView(
        m_versions, tr("Certificate versions"),
        {tr("Version"), tr("Thumbprint"), tr("Enabled"), tr("Created"), tr("Expires")});
    return m_versions;
}

QWidget *CertificateDetails::makeOperationBar()
{
    m_operationBar = new QWidget(this);
    m_operationBar->setObjectName(u"operationBar"_s);
    auto *progress = new QProgressBar(m_operationBar);
    progress->setObjectName(u"operationProgress"_s);
    progress->setAccessibleName(tr("Certificate operation in progress"));
    progress->setRange(0, 0);
    progress->setMaximumWidth(160);
    m_operationLabel->setObjectName(u"operationLabel"_s);
    m_operationLabel->setWordWrap(true);
    m_cancelOperationButton =
        addButton(u"cancelOperationButton"_s, tr("Cancel"), tr("Cancel certificate operation"),
                  &CertificateDetails::cancelOperation);
    auto *layout = new QHBoxLayout(m_operationBar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_operationLabel, 1);
    layout->addWidget(progress);
    layout->addWidget(m_cancelOperationButton);
    m_operationBar->hide();
    return m_operationBar;
}

void CertificateDetails::clear()
{
    resetItem(tr("No certificate selected"));
    m_bundle = {};
    m_identifier->clear();
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        it.value()->setText(tr("—"));
        it.value()->setStyleSheet(QString());
    }
    for (QLabel *l : {m_created, m_updated, m_recovery, m_attributeDates})
        l->setText(tr("—"));
    {
        const QSignalBlocker block(m_enabled);
        m_enabled->setChecked(false);
    }
    m_tags->clear();
    m_problem->clear();
    m_versions->clear();
    updateActions();
}

void CertificateDetails::load()
{
    const bool live = loadShown(
        [this](const QString &name) { return m_client->getDeletedCertificate(name); },
        tr("Reading the deleted certificate"),
        [this](const vault::DeletedCertificate &deleted) { showBundle(deleted.certificate); },
        [this](const QString &name) { return m_client->getCertificate(name); },
        tr("Reading the certificate"),
        [this](const vault::CertificateBundle &bundle) { showBundle(bundle); });
    if (live)
        loadVersions();
}

void CertificateDetails::loadVersions()
{
    const QString name = m_item.name;
    loadVersionPages(
        m_versions, [this, name] { return m_client->listCertificateVersions(name, 25); },
        [this](const QUrl &next) { return m_client->listCertificatesNext(next); },
        tr("Listing the certificate's versions"),
        [this](const QList<vault::CertificateProperties> &versions) { appendVersions(versions); });
}

void CertificateDetails::appendVersions(const QList<vault::CertificateProperties> &versions)
{
    QList<VersionRow> rows;
    for (const vault::CertificateProperties &v : versions)
        rows.append({v.version(),
                     v.id,
                     {v.thumbprintHex()},
                     v.attributes.value_or(vault::ObjectAttributes{})});
    appendVersionRows(m_versions, rows);
}

void CertificateDetails::showBundle(const vault::CertificateBundle &bundle)
{
    m_bundle = bundle;
    m_loaded = true;
    const vault::ObjectAttributes a =
        bundle.properties.attributes.value_or(vault::ObjectAttributes{});
    m_title->setText(bundle.properties.name().isEmpty() ? m_item.name : bundle.properties.name());
    m_identifier->setText(Presentation::instance().text(bundle.properties.id));
    m_identifier->setCursorPosition(0);
    m_created->setText(DetailsText::dateTime(a.created));
    m_updated->setText(DetailsText::dateTime(a.updated));
    m_recovery->setText(DetailsText::recoveryLevel(a));
    m_attributeDates->setText(
        tr("%1 to %2 (set by the certificate; not editable)")
            .arg(DetailsText::dateTime(a.notBefore), DetailsText::dateTime(a.expires)));
    const QSslCertificate certificate(bundle.cer.value_or(QByteArray()), QSsl::Der);
    showX509(certificate);
    setField(u"x5tLabel"_s, bundle.properties.x5t.value_or(QString()));
    showPolicy(bundle.policy);
    revert();
}

void CertificateDetails::showX509(const QSslCertificate &c)
{
    if (c.isNull()) {
        for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it)
            if (!it.key().startsWith("policy"_L1))
                it.value()->setText(tr("—"));
        setField(u"subjectLabel"_s, tr("The certificate's contents are not available."));
        return;
    }
    // The full distinguished names, as OpenSSL writes them (RFC 2253 order reversed).
    const auto dn = [](const QSslCertificate &cert, bool issuer) {
        QStringList parts;
        const QList<QByteArray> attributes =
            issuer ? cert.issuerInfoAttributes() : cert.subjectInfoAttributes();
        for (const QByteArray &attribute : attributes) {
            const QStringList values =
                issuer ? cert.issuerInfo(attribute) : cert.subjectInfo(attribute);
            for (const QString &v : values)
                parts.append(QString(QString::fromLatin1(attribute) + u'=' + v));
        }
        return parts.join(u", "_s);
    };
    setField(u"subjectLabel"_s, dn(c, false));
    const QString issuer = dn(c, true);
    setField(u"issuerLabel"_s,
             issuer == dn(c, false) ? tr("%1 (self-signed)").arg(issuer) : issuer);
    setField(u"dnsNamesLabel"_s, names(c, QSsl::DnsEntry));
    setField(u"emailsLabel"_s, names(c, QSsl::EmailEntry));
    setField(u"ipAddressesLabel"_s, names(c, QSsl::IpAddressEntry));
    const QLocale locale;
    setField(u"notBeforeLabel"_s,
             locale.toString(c.effectiveDate().toLocalTime(), QLocale::ShortFormat));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime until = c.expiryDate();
    QString untilText = locale.toString(until.toLocalTime(), QLocale::ShortFormat);
    QString style;
    if (until <= now) {
        untilText = tr("%1 — expired").arg(untilText);
        style = u"color: rgb(220, 53, 69); font-weight: bold;"_s;
    } else if (now.daysTo(until) <= ExpiringSoonDays) {
        untilText = tr("%1 — expires in %n day(s)", nullptr, int(now.daysTo(until))).arg(untilText);
        style = u"color: rgb(214, 137, 16); font-weight: bold;"_s;
    }
    setField(u"notAfterLabel"_s, untilText);
    m_fields.value(u"notAfterLabel"_s)->setStyleSheet(style);
    setField(u"sha1Label"_s, hex(c.digest(QCryptographicHash::Sha1)));
    setField(u"sha256Label"_s, hex(c.digest(QCryptographicHash::Sha256)));
    setField(u"serialLabel"_s, QString::fromLatin1(c.serialNumber()).toUpper());
    const QSslKey key = c.publicKey();
    setField(u"publicKeyLabel"_s,
             key.isNull()
                 ? QString()
                 : tr("%1, %2 bits").arg(algorithmName(key.algorithm())).arg(key.length()));
    setField(u"keyUsageLabel"_s, extensionText(c, "keyUsage"_L1));
    setField(u"extendedKeyUsageLabel"_s, extensionText(c, "extendedKeyUsage"_L1));
}

void CertificateDetails::showPolicy(const std::optional<vault::CertificatePolicy> &policy)
{
    if (!policy) {
        for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it)
            if (it.key().startsWith("policy"_L1))
                it.value()->setText(tr("—"));
        return;
    }
    const vault::X509Properties x509 = policy->x509Properties.value_or(vault::X509Properties{});
    const vault::CertificateKeyProperties key =
        policy->keyProperties.value_or(vault::CertificateKeyProperties{});
    setField(u"policyIssuerLabel"_s,
             policy->issuer.value_or(vault::IssuerParameters{}).name.value_or(QString()));
    setField(u"policySubjectLabel"_s, x509.subject.value_or(QString()));
    setField(u"policyDnsNamesLabel"_s, x509.sans.value_or(vault::SubjectAlternativeNames{})
                                           .dnsNames.value_or(QStringList())
                                           .join(u", "_s));
    setField(u"policyValidityLabel"_s,
             x509.validityMonths ? tr("%n month(s)", nullptr, *x509.validityMonths) : QString());
    QString keyText = key.kty.value_or(QString());
    if (key.keySize)
        keyText += u' ' + tr("%1 bits").arg(*key.keySize);
    if (key.curve)
        keyText += u' ' + *key.curve;
    setField(u"policyKeyLabel"_s, keyText);
    setField(u"policyReuseKeyLabel"_s, yesNo(key.reuseKey));
    setField(u"policyExportableLabel"_s, yesNo(key.exportable));
    const QString contentType =
        policy->secretProperties.value_or(vault::CertificateSecretProperties{})
            .contentType.value_or(QString());
    setField(u"policyContentTypeLabel"_s,
             contentType == "application/x-pem-file"_L1 ? tr("PEM (%1)").arg(contentType)
             : contentType == "application/x-pkcs12"_L1 ? tr("PFX (%1)").arg(contentType)
                                                        : contentType);
    QStringList actions;
    for (const vault::CertificateLifetimeAction &a :
         policy->lifetimeActions.value_or(QList<vault::CertificateLifetimeAction>())) {
        const QString what = a.actionType.value_or(tr("unknown action"));
        if (a.lifetimePercentage)
            actions.append(tr("%1 at %2% of the lifetime").arg(what).arg(*a.lifetimePercentage));
        else if (a.daysBeforeExpiry)
            actions.append(
                tr("%1 %n day(s) before expiry", nullptr, *a.daysBeforeExpiry).arg(what));
        else
            actions.append(what);
    }
    setField(u"policyLifetimeLabel"_s, actions.join(u"; "_s));
}

void CertificateDetails::revert()
{
    const vault::ObjectAttributes a =
        m_bundle.properties.attributes.value_or(vault::ObjectAttributes{});
    {
        const QSignalBlocker block(m_enabled);
        m_enabled->setChecked(a.isEnabled());
    }
    m_tags->setText(DetailsText::formatTags(m_bundle.properties.tags.value_or(vault::Tags{})));
    m_problem->clear();
    updateActions();
}

bool CertificateDetails::isDirty() const
{
    if (!m_loaded)
        return false;
    const vault::ObjectAttributes a =
        m_bundle.properties.attributes.value_or(vault::ObjectAttributes{});
    return enabledOrTagsDiffer(m_enabled, m_tags, a, m_bundle.properties.tags);
}

void CertificateDetails::updateActions()
{
    const bool idle = !isBusy() && m_client.has_value() && !isPolling();
    const bool live = idle && m_loaded && !m_item.deleted;
    const bool editable = m_loaded && !m_item.deleted;
    m_importButton->setEnabled(idle);
    m_createButton->setEnabled(idle);
    m_cerButton->setEnabled(m_loaded && m_bundle.cer.has_value());
    m_pemButton->setEnabled(m_loaded && m_bundle.cer.has_value());
    updateLifecycleButtons(idle, live);
    m_enabled->setEnabled(editable);
    m_tags->setReadOnly(!editable);
    const bool dirty = isDirty();
    m_saveButton->setEnabled(live && dirty && m_problem->text().isEmpty());
    m_revertButton->setEnabled(!isBusy() && dirty);
    m_copyIdButton->setEnabled(m_loaded);
}

} // namespace vl::ui

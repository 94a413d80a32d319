// SPDX-License-Identifier: GPL-3.0-or-later
// The certificate details pane on the sandbox's kv-contoso-dev: import a PFX
// and a PEM made here with openssl, create a self-signed certificate and wait
// for its operation, download .cer and .pem, delete, recover and purge,
// driving the real widgets.
#include "SessionFixture.h"
#include "certificates/CertificateDetails.h"
#include "certificates/CreateCertificateDialog.h"
#include "certificates/ImportCertificateDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

namespace {
constexpr int Timeout = 20000;
const auto PfxPassword = "throwaway-Pa55"_L1;

void screenshot(QWidget *widget, const QString &name)
{
    if (!qEnvironmentVariableIsSet("VAULTLENS_SCREENSHOTS"))
        return;
    const QString dir = qEnvironmentVariable("VAULTLENS_SCREENSHOTS");
    QVERIFY(widget->grab().save(dir + u'/' + name + u".png"_s));
}

template<typename T>
T *child(QObject *parent, const QString &name)
{
    auto *c = parent->findChild<T *>(name);
    if (!c)
        qWarning("no child %s", qPrintable(name));
    return c;
}

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex(':').toUpper());
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestCertificateDetails : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void importDialogValidatesInline();
    void importPfx();
    void importPem();
    void createSelfSigned();
    void downloadCerAndPem();
    void editEnabledAndTags();
    void deleteRecoverPurge();

private:
    std::unique_ptr<ui::CertificateDetails> makePane();
    bool openssl(const QStringList &arguments);
    void importThroughDialog(ui::CertificateDetails &pane, const QString &name, const QString &file,
                             const QString &password, const QString &screenshotName = {});
    void checkShownEqualsFile(ui::CertificateDetails &pane, const QString &pemPath);
    VaultItem certificateItem(const QString &name) const;

    std::unique_ptr<SessionFixture> m_fixture;
    std::optional<vault::VaultClient> m_vault;
    QTemporaryDir m_dir;
    QString m_chosen; ///< what the file chooser answers
};

bool TestCertificateDetails::openssl(const QStringList &arguments)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(u"openssl"_s, arguments);
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        qWarning("openssl failed: %s", p.readAll().constData());
        return false;
    }
    return true;
}

void TestCertificateDetails::initTestCase()
{
    if (QStandardPaths::findExecutable(u"openssl"_s).isEmpty())
        QSKIP("openssl is needed to make the test certificates");
    QVERIFY(m_dir.isValid());
    // Throwaway material: a certificate with SANs and key usages, its key, a PEM with both,
    // a PEM with the certificate only, and a password-protected PFX.
    QVERIFY(
        openssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                 m_dir.filePath(u"key.pem"_s), u"-out"_s, m_dir.filePath(u"cert.pem"_s), u"-days"_s,
                 u"20"_s, u"-subj"_s, u"/CN=import.contoso.example/O=Contoso"_s, u"-addext"_s,
                 u"subjectAltName=DNS:import.contoso.example,DNS:alt.contoso.example,"
                 "email:ops@contoso.example,IP:10.1.2.3"_s,
                 u"-addext"_s, u"keyUsage=digitalSignature,keyEncipherment"_s, u"-addext"_s,
                 u"extendedKeyUsage=serverAuth,clientAuth"_s}));
    QFile both(m_dir.filePath(u"both.pem"_s));
    QVERIFY(both.open(QIODevice::WriteOnly));
    both.write(readAll(m_dir.filePath(u"cert.pem"_s)) + readAll(m_dir.filePath(u"key.pem"_s)));
    both.close();
    QVERIFY(
        openssl({u"pkcs12"_s, u"-export"_s, u"-in"_s, m_dir.filePath(u"cert.pem"_s), u"-inkey"_s,
                 m_dir.filePath(u"key.pem"_s), u"-out"_s, m_dir.filePath(u"cert.pfx"_s),
                 u"-passout"_s, QString(u"pass:"_s + PfxPassword)}));

    m_fixture = std::make_unique<SessionFixture>();
    QVERIFY(m_fixture->isRunning());
    const Result<Account> account = m_fixture->addAutomation();
    QVERIFY2(account.ok(), qPrintable(account.error().summary()));
    m_vault = m_fixture->session().vault(account->id, {}, m_fixture->vaultUri(u"kv-contoso-dev"_s));
    QVERIFY(m_vault.has_value());
}

void TestCertificateDetails::cleanupTestCase()
{
    m_vault.reset();
    m_fixture.reset();
}

std::unique_ptr<ui::CertificateDetails> TestCertificateDetails::makePane()
{
    auto pane = std::make_unique<ui::CertificateDetails>();
    pane->resize(780, 640);
    pane->setClient(m_vault);
    pane->setConfirmer([](const QString &, const QString &) { return true; });
    pane->setFileChooser([this](ui::FileMode, const QString &, const QString &, const QString &) {
        return m_chosen;
    });
    pane->show();
    return pane;
}

VaultItem TestCertificateDetails::certificateItem(const QString &name) const
{
    VaultItem item;
    item.kind = VaultItemKind::Certificate;
    item.name = name;
    return item;
}

void TestCertificateDetails::importDialogValidatesInline()
{
    m_chosen = m_dir.filePath(u"cert.pem"_s);
    ui::ImportCertificateDialog dialog([this](ui::FileMode, const QString &, const QString &,
                                              const QString &) { return m_chosen; });
    dialog.show();
    auto *ok = child<QPushButton>(&dialog, u"okButton"_s);
    auto *problem = child<QLabel>(&dialog, u"problemLabel"_s);
    QVERIFY(!ok->isEnabled());
    QTest::keyClicks(child<QLineEdit>(&dialog, u"certificateNameEdit"_s), u"bad_name"_s);
    QVERIFY(!ok->isEnabled());
    QVERIFY(problem->text().contains(u"letters, digits and hyphens"_s));
    child<QLineEdit>(&dialog, u"certificateNameEdit"_s)->clear();
    QTest::keyClicks(child<QLineEdit>(&dialog, u"certificateNameEdit"_s), u"good-name"_s);
    QVERIFY(problem->text().contains(u"Choose the certificate file"_s));
    // A PEM with only the certificate: its private key is missing.
    child<QPushButton>(&dialog, u"browseButton"_s)->click();
    QVERIFY(!ok->isEnabled());
    QVERIFY2(problem->text().contains(u"no private key"_s), qPrintable(problem->text()));
    // A file that does not exist.
    dialog.setFilePath(m_dir.filePath(u"missing.pfx"_s));
    QVERIFY(problem->text().contains(u"Cannot read"_s));
    QVERIFY(!ok->isEnabled());
    // The PEM with both is accepted and sent as PEM text.
    dialog.setFilePath(m_dir.filePath(u"both.pem"_s));
    QVERIFY(ok->isEnabled());
    QVERIFY(dialog.isPem());
    QVERIFY(!child<QLineEdit>(&dialog, u"passwordEdit"_s)->isEnabled());
    QCOMPARE(dialog.parameters().policy->secretProperties->contentType,
             u"application/x-pem-file"_s);
}

void TestCertificateDetails::importThroughDialog(ui::CertificateDetails &pane, const QString &name,
                                                 const QString &file, const QString &password,
                                                 const QString &screenshotName)
{
    child<QPushButton>(&pane, u"importButton"_s)->click();
    ui::ImportCertificateDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = pane.findChild<ui::ImportCertificateDialog *>()) && dialog->isVisible());
    QTest::keyClicks(child<QLineEdit>(dialog, u"certificateNameEdit"_s), name);
    m_chosen = file;
    child<QPushButton>(dialog, u"browseButton"_s)->click();
    if (!password.isEmpty())
        QTest::keyClicks(child<QLineEdit>(dialog, u"passwordEdit"_s), password);
    QTest::keyClicks(child<QLineEdit>(dialog, u"tagsEdit"_s), u"source=test"_s);
    if (!screenshotName.isEmpty())
        screenshot(dialog, screenshotName);
    auto *ok = child<QPushButton>(dialog, u"okButton"_s);
    QVERIFY2(ok->isEnabled(), qPrintable(dialog->problem()));
    QSignalSpy changed(&pane, &ui::CertificateDetails::itemChanged);
    ok->click();
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(pane.bundle().properties.name() == name && !pane.isBusy(), Timeout);
    QVERIFY2(!pane.errorBanner()->isVisible(), qPrintable(pane.errorBanner()->headline()));
}

void TestCertificateDetails::checkShownEqualsFile(ui::CertificateDetails &pane,
                                                  const QString &pemPath)
{
    const QList<QSslCertificate> file = QSslCertificate::fromPath(pemPath);
    QCOMPARE(file.size(), 1);
    const QSslCertificate &c = file.first();
    QCOMPARE(*pane.bundle().cer, c.toDer());
    const auto text = [&pane](const QString &name) {
        return pane.findChild<QLabel *>(name)->text();
    };
    QVERIFY2(text(u"subjectLabel"_s).contains(u"CN=import.contoso.example"_s),
             qPrintable(text(u"subjectLabel"_s)));
    QVERIFY(text(u"subjectLabel"_s).contains(u"O=Contoso"_s));
    QVERIFY(text(u"issuerLabel"_s).contains(u"self-signed"_s));
    QStringList dns = c.subjectAlternativeNames().values(QSsl::DnsEntry);
    std::sort(dns.begin(), dns.end());
    QStringList shown = text(u"dnsNamesLabel"_s).split(u", "_s);
    std::sort(shown.begin(), shown.end());
    QCOMPARE(shown, dns);
    QCOMPARE(text(u"dnsNamesLabel"_s), u"import.contoso.example, alt.contoso.example"_s);
    QVERIFY(text(u"dnsNamesLabel"_s).contains(u"alt.contoso.example"_s));
    QCOMPARE(text(u"emailsLabel"_s), u"ops@contoso.example"_s);
    QCOMPARE(text(u"ipAddressesLabel"_s), u"10.1.2.3"_s);
    QCOMPARE(text(u"sha1Label"_s), hex(c.digest(QCryptographicHash::Sha1)));
    QCOMPARE(text(u"sha256Label"_s), hex(c.digest(QCryptographicHash::Sha256)));
    // The vault's x5t is the same SHA-1 thumbprint.
    QCOMPARE(pane.bundle().properties.thumbprintHex(),
             QString::fromLatin1(c.digest(QCryptographicHash::Sha1).toHex().toUpper()));
    QCOMPARE(text(u"serialLabel"_s), QString::fromLatin1(c.serialNumber()).toUpper());
    QCOMPARE(text(u"publicKeyLabel"_s), u"RSA, 2048 bits"_s);
    QVERIFY2(text(u"keyUsageLabel"_s).contains(u"Digital Signature"_s),
             qPrintable(text(u"keyUsageLabel"_s)));
    QVERIFY(text(u"extendedKeyUsageLabel"_s).contains(u"Server Authentication"_s));
    // 20 days left: expiring soon.
    QVERIFY2(text(u"notAfterLabel"_s).contains(u"expires in"_s),
             qPrintable(text(u"notAfterLabel"_s)));
}

void TestCertificateDetails::importPfx()
{
    auto pane = makePane();
    importThroughDialog(*pane, u"ui-imported-pfx"_s, m_dir.filePath(u"cert.pfx"_s), PfxPassword,
                        u"import-certificate-dialog"_s);
    checkShownEqualsFile(*pane, m_dir.filePath(u"cert.pem"_s));
    QCOMPARE(pane->findChild<QLabel *>(u"policyContentTypeLabel"_s)->text(),
             u"PFX (application/x-pkcs12)"_s);
    QTRY_COMPARE_WITH_TIMEOUT(
        pane->findChild<QTreeWidget *>(u"versionsView"_s)->topLevelItemCount(), 1, Timeout);
    screenshot(pane.get(), u"certificate-details"_s);

    // A wrong password is refused by the service and explained in place.
    child<QPushButton>(pane.get(), u"importButton"_s)->click();
    ui::ImportCertificateDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = pane->findChild<ui::ImportCertificateDialog *>()) && dialog->isVisible());
    QTest::keyClicks(child<QLineEdit>(dialog, u"certificateNameEdit"_s), u"ui-wrong-password"_s);
    dialog->setFilePath(m_dir.filePath(u"cert.pfx"_s));
    QTest::keyClicks(child<QLineEdit>(dialog, u"passwordEdit"_s), u"not-it"_s);
    QVERIFY2(child<QPushButton>(dialog, u"okButton"_s)->isEnabled(), qPrintable(dialog->problem()));
    child<QPushButton>(dialog, u"okButton"_s)->click();
    QTRY_VERIFY_WITH_TIMEOUT(pane->errorBanner()->isVisible(), Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isBusy(), Timeout);
    QVERIFY(!pane->errorBanner()->headline().isEmpty());
}

void TestCertificateDetails::importPem()
{
    auto pane = makePane();
    importThroughDialog(*pane, u"ui-imported-pem"_s, m_dir.filePath(u"both.pem"_s), {});
    checkShownEqualsFile(*pane, m_dir.filePath(u"cert.pem"_s));
    QCOMPARE(pane->findChild<QLabel *>(u"policyContentTypeLabel"_s)->text(),
             u"PEM (application/x-pem-file)"_s);
}

void TestCertificateDetails::createSelfSigned()
{
    auto pane = makePane();
    pane->setPollInterval(200);
    child<QPushButton>(pane.get(), u"createSelfSignedButton"_s)->click();
    ui::CreateCertificateDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = pane->findChild<ui::CreateCertificateDialog *>()) && dialog->isVisible());
    auto *ok = child<QPushButton>(dialog, u"okButton"_s);
    QTest::keyClicks(child<QLineEdit>(dialog, u"certificateNameEdit"_s), u"ui-self-signed"_s);
    auto *subject = child<QLineEdit>(dialog, u"subjectEdit"_s);
    QCOMPARE(subject->text(), u"CN=ui-self-signed"_s); // follows the name
    subject->clear();
    QTest::keyClicks(subject, u"O=Contoso"_s);
    QVERIFY(!ok->isEnabled());
    subject->clear();
    QTest::keyClicks(subject, u"CN=self.contoso.example"_s);
    auto *dns = child<QLineEdit>(dialog, u"dnsNamesEdit"_s);
    QTest::keyClicks(dns, u"self.contoso.example, bad_host!"_s);
    QVERIFY(!ok->isEnabled());
    dns->clear();
    QTest::keyClicks(dns, u"self.contoso.example, www.self.contoso.example"_s);
    child<QSpinBox>(dialog, u"validitySpin"_s)->setValue(6);
    auto *key = child<QComboBox>(dialog, u"keyCombo"_s);
    key->setCurrentIndex(key->findText(u"EC P-256"_s));
    child<QComboBox>(dialog, u"contentTypeCombo"_s)->setCurrentIndex(1); // PEM
    QVERIFY(ok->isEnabled());

    QSignalSpy finished(pane.get(), &ui::CertificateDetails::operationFinished);
    ok->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, Timeout);
    QCOMPARE(finished.at(0).at(1).toString(), u"completed"_s);
    QTRY_VERIFY_WITH_TIMEOUT(
        pane->bundle().properties.name() == u"ui-self-signed"_s && !pane->isBusy(), Timeout);
    const auto text = [&pane](const QString &name) {
        return pane->findChild<QLabel *>(name)->text();
    };
    QVERIFY(text(u"subjectLabel"_s).contains(u"CN=self.contoso.example"_s));
    QCOMPARE(text(u"dnsNamesLabel"_s), u"self.contoso.example, www.self.contoso.example"_s);
    QCOMPARE(text(u"publicKeyLabel"_s), u"EC, 256 bits"_s);
    QCOMPARE(text(u"policyIssuerLabel"_s), u"Self"_s);
    QVERIFY(text(u"policyValidityLabel"_s).contains(u"6"_s));
    QVERIFY(text(u"policyContentTypeLabel"_s).startsWith(u"PEM"_s));
    QVERIFY(!pane->isPolling());
    QVERIFY(!pane->findChild<QWidget *>(u"operationBar"_s)->isVisible());
}

void TestCertificateDetails::downloadCerAndPem()
{
    auto pane = makePane();
    pane->setItem(certificateItem(u"ui-imported-pfx"_s));
    QTRY_VERIFY_WITH_TIMEOUT(pane->bundle().cer.has_value() && !pane->isBusy(), Timeout);
    const auto bundle = ClientFixture::await(m_vault->getCertificate(u"ui-imported-pfx"_s));
    QVERIFY(bundle.ok() && bundle->cer);

    m_chosen = m_dir.filePath(u"download.cer"_s);
    child<QPushButton>(pane.get(), u"downloadCerButton"_s)->click();
    QCOMPARE(readAll(m_chosen), *bundle->cer);

    m_chosen = m_dir.filePath(u"download.pem"_s);
    child<QPushButton>(pane.get(), u"downloadPemButton"_s)->click();
    const QByteArray pem = readAll(m_chosen);
    QVERIFY(pem.startsWith("-----BEGIN CERTIFICATE-----\n"));
    const QList<QSslCertificate> read = QSslCertificate::fromData(pem, QSsl::Pem);
    QCOMPARE(read.size(), 1);
    QCOMPARE(read.first().toDer(), *bundle->cer);
    // What openssl wrote for the same certificate.
    QCOMPARE(QSslCertificate::fromPath(m_dir.filePath(u"cert.pem"_s)).first().toPem(), pem);
}

void TestCertificateDetails::editEnabledAndTags()
{
    auto pane = makePane();
    pane->setItem(certificateItem(u"ui-imported-pem"_s));
    QTRY_VERIFY_WITH_TIMEOUT(pane->bundle().cer.has_value() && !pane->isBusy(), Timeout);
    auto *save = child<QPushButton>(pane.get(), u"saveButton"_s);
    QVERIFY(!save->isEnabled());
    child<QCheckBox>(pane.get(), u"enabledCheck"_s)->click();
    auto *tags = child<QLineEdit>(pane.get(), u"tagsEdit"_s);
    tags->clear();
    QTest::keyClicks(tags, u"owner=web"_s);
    QVERIFY(save->isEnabled());
    save->click();
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isDirty() && !pane->isBusy(), Timeout);
    const auto read = ClientFixture::await(m_vault->getCertificate(u"ui-imported-pem"_s));
    QVERIFY(read.ok());
    QVERIFY(!read->properties.attributes->isEnabled());
    QCOMPARE(read->properties.tags->value(u"owner"_s), u"web"_s);
}

void TestCertificateDetails::deleteRecoverPurge()
{
    auto pane = makePane();
    QStringList texts;
    pane->setConfirmer([&texts](const QString &, const QString &text) {
        texts.append(text);
        return true;
    });
    pane->setItem(certificateItem(u"ui-self-signed"_s));
    QTRY_VERIFY_WITH_TIMEOUT(pane->bundle().cer.has_value() && !pane->isBusy(), Timeout);
    QSignalSpy removed(pane.get(), &ui::CertificateDetails::itemRemoved);
    child<QPushButton>(pane.get(), u"deleteButton"_s)->click();
    QVERIFY2(texts.last().contains(u"soft-deleted"_s), qPrintable(texts.last()));
    QTRY_VERIFY_WITH_TIMEOUT(pane->item().deleted && !pane->isBusy() && removed.size() == 1,
                             Timeout);
    QSignalSpy changed(pane.get(), &ui::CertificateDetails::itemChanged);
    child<QPushButton>(pane.get(), u"recoverButton"_s)->click();
    QTRY_VERIFY_WITH_TIMEOUT(changed.size() == 1 && !pane->item().deleted && !pane->isBusy(),
                             Timeout);
    QVERIFY(ClientFixture::await(m_vault->getCertificate(u"ui-self-signed"_s)).ok());
    child<QPushButton>(pane.get(), u"deleteButton"_s)->click();
    QTRY_VERIFY_WITH_TIMEOUT(pane->item().deleted && !pane->isBusy(), Timeout);
    child<QPushButton>(pane.get(), u"purgeButton"_s)->click();
    QVERIFY(texts.last().contains(u"permanently"_s));
    QTRY_VERIFY_WITH_TIMEOUT(removed.size() == 3 && !pane->isBusy(), Timeout);
    QVERIFY(!ClientFixture::await(m_vault->getDeletedCertificate(u"ui-self-signed"_s)).ok());
}

QTEST_MAIN(TestCertificateDetails)
#include "tst_certificatedetails.moc"

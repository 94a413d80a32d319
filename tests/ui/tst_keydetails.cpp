// SPDX-License-Identifier: GPL-3.0-or-later
// The key details pane on the sandbox's kv-contoso-dev: create RSA and EC keys
// through the dialog, edit, rotate, rotation policy, delete, recover, purge,
// back up and restore, driving the real widgets.
#include "SessionFixture.h"
#include "keys/CreateKeyDialog.h"
#include "keys/KeyDetails.h"
#include "keys/RotationPolicyDialog.h"
#include "widgets/DetailsSupport.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <memory>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

namespace {
constexpr int Timeout = 20000;

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
} // namespace

class TestKeyDetails : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void durations_data();
    void durations();
    void createDialogValidatesInline();
    void createRsaKey();
    void createEcKey();
    void editOperationsAndSave();
    void rotateAddsAVersion();
    void rotationPolicy();
    void deleteRecoverPurgeBackupRestore();

private:
    std::unique_ptr<ui::KeyDetails> makePane();
    /// Opens the create dialog from the pane, fills it and creates @p name.
    void createThroughDialog(ui::KeyDetails &pane, const QString &name, int typeIndex,
                             const QString &sizeText);
    VaultItem keyItem(const QString &name) const;

    std::unique_ptr<SessionFixture> m_fixture;
    std::optional<vault::VaultClient> m_vault;
};

void TestKeyDetails::initTestCase()
{
    m_fixture = std::make_unique<SessionFixture>();
    QVERIFY(m_fixture->isRunning());
    const Result<Account> account = m_fixture->addAutomation();
    QVERIFY2(account.ok(), qPrintable(account.error().summary()));
    m_vault = m_fixture->session().vault(account->id, {}, m_fixture->vaultUri(u"kv-contoso-dev"_s));
    QVERIFY(m_vault.has_value());
}

void TestKeyDetails::cleanupTestCase()
{
    m_vault.reset();
    m_fixture.reset();
}

std::unique_ptr<ui::KeyDetails> TestKeyDetails::makePane()
{
    auto pane = std::make_unique<ui::KeyDetails>();
    pane->resize(760, 620);
    pane->setClient(m_vault);
    pane->setConfirmer([](const QString &, const QString &) { return true; });
    pane->show();
    return pane;
}

VaultItem TestKeyDetails::keyItem(const QString &name) const
{
    VaultItem item;
    item.kind = VaultItemKind::Key;
    item.name = name;
    return item;
}

void TestKeyDetails::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("seconds");
    QTest::newRow("days") << u"P90D"_s << qint64(90 * 86400);
    QTest::newRow("years and months") << u"P1Y6M"_s << qint64((365 + 180) * 86400);
    QTest::newRow("weeks") << u"P2W"_s << qint64(14 * 86400);
    QTest::newRow("hours") << u"PT12H"_s << qint64(12 * 3600);
    QTest::newRow("zero") << u"P0D"_s << qint64(-1);
    QTest::newRow("bare P") << u"P"_s << qint64(-1);
    QTest::newRow("bare T") << u"P1DT"_s << qint64(-1);
    QTest::newRow("words") << u"90 days"_s << qint64(-1);
}

void TestKeyDetails::durations()
{
    QFETCH(QString, text);
    QFETCH(qint64, seconds);
    QCOMPARE(ui::duration::seconds(text).value_or(-1), seconds);
}

void TestKeyDetails::createDialogValidatesInline()
{
    ui::CreateKeyDialog dialog;
    dialog.show();
    auto *name = child<QLineEdit>(&dialog, u"keyNameEdit"_s);
    auto *ok = child<QPushButton>(&dialog, u"okButton"_s);
    auto *problem = child<QLabel>(&dialog, u"problemLabel"_s);
    QVERIFY(name && ok && problem);
    QVERIFY(!ok->isEnabled()); // no name yet
    QTest::keyClicks(name, u"bad name!"_s);
    QVERIFY(!ok->isEnabled());
    QVERIFY(problem->isVisible());
    QVERIFY(problem->text().contains(u"letters, digits and hyphens"_s));
    name->clear();
    QTest::keyClicks(name, u"good-name"_s);
    QVERIFY(ok->isEnabled());
    QVERIFY(!problem->isVisible());
    // Malformed tags and an expiry before the activation are refused too.
    auto *tags = child<QLineEdit>(&dialog, u"tagsEdit"_s);
    QTest::keyClicks(tags, u"env"_s);
    QVERIFY(!ok->isEnabled());
    tags->clear();
    QTest::keyClicks(tags, u"env=test; owner=ops"_s);
    QVERIFY(ok->isEnabled());
    QCOMPARE(dialog.parameters().tags->value(u"owner"_s), u"ops"_s);
    // No operation at all is refused.
    for (const QString &op : ui::CreateKeyDialog::allOperations())
        child<QCheckBox>(&dialog, QString(u"op_"_s + op + u"Check"_s))->setChecked(false);
    QVERIFY(!ok->isEnabled());
    QVERIFY(problem->text().contains(u"operation"_s));
}

void TestKeyDetails::createThroughDialog(ui::KeyDetails &pane, const QString &name, int typeIndex,
                                         const QString &sizeText)
{
    auto *create = child<QPushButton>(&pane, u"createKeyButton"_s);
    QVERIFY(create && create->isEnabled());
    create->click();
    ui::CreateKeyDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = pane.findChild<ui::CreateKeyDialog *>()) && dialog->isVisible());
    QTest::keyClicks(child<QLineEdit>(dialog, u"keyNameEdit"_s), name);
    child<QComboBox>(dialog, u"keyTypeCombo"_s)->setCurrentIndex(typeIndex);
    auto *size = child<QComboBox>(dialog, u"keySizeCombo"_s);
    const int sizeIndex = size->findText(sizeText);
    QVERIFY2(sizeIndex >= 0, qPrintable(sizeText));
    size->setCurrentIndex(sizeIndex);
    if (qEnvironmentVariableIsSet("VAULTLENS_SCREENSHOTS") && typeIndex == 0)
        screenshot(dialog, u"create-key-dialog"_s);
    auto *ok = child<QPushButton>(dialog, u"okButton"_s);
    QVERIFY(ok->isEnabled());
    QSignalSpy changed(&pane, &ui::KeyDetails::itemChanged);
    ok->click();
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, Timeout);
    QCOMPARE(changed.at(0).at(0).toString(), name);
    QTRY_VERIFY_WITH_TIMEOUT(pane.bundle().name() == name && !pane.isBusy(), Timeout);
    QVERIFY(!pane.errorBanner()->isVisible());
}

void TestKeyDetails::createRsaKey()
{
    auto pane = makePane();
    createThroughDialog(*pane, u"ui-rsa-key"_s, 0, u"3072 bits"_s);
    QCOMPARE(child<QLabel>(pane.get(), u"typeLabel"_s)->text(), u"RSA"_s);
    QVERIFY(child<QLabel>(pane.get(), u"sizeLabel"_s)->text().contains(QLocale().toString(3072)));
    QCOMPARE(pane->bundle().jwk->keySizeBits(), 3072);
    QVERIFY(
        child<QLineEdit>(pane.get(), u"identifierEdit"_s)->text().contains(u"/keys/ui-rsa-key/"_s));
    QVERIFY(child<QCheckBox>(pane.get(), u"op_encryptCheck"_s)->isChecked());
    QVERIFY(child<QCheckBox>(pane.get(), u"op_signCheck"_s)->isChecked());
    QVERIFY(!child<QCheckBox>(pane.get(), u"op_exportCheck"_s)->isChecked());
    const QString jwkText = child<QPlainTextEdit>(pane.get(), u"jwkText"_s)->toPlainText();
    QVERIFY(jwkText.contains(u"n: "_s + *pane->bundle().jwk->n));
    QVERIFY(jwkText.contains(u"e: AQAB"_s));

    // Copy as JWK: the public parameters only.
    child<QPushButton>(pane.get(), u"copyJwkButton"_s)->click();
    const QJsonObject jwk =
        QJsonDocument::fromJson(QGuiApplication::clipboard()->text().toUtf8()).object();
    QCOMPARE(jwk.value("kty"_L1).toString(), u"RSA"_s);
    QCOMPARE(jwk.value("n"_L1).toString(), *pane->bundle().jwk->n);
    QVERIFY(!jwk.contains("d"_L1));
    // Copy as PEM: a SubjectPublicKeyInfo OpenSSL reads as the same 3072-bit key.
    child<QPushButton>(pane.get(), u"copyPemButton"_s)->click();
    const QString pem = QGuiApplication::clipboard()->text();
    QVERIFY(pem.startsWith(u"-----BEGIN PUBLIC KEY-----\n"_s));
    const QSslKey key(pem.toLatin1(), QSsl::Rsa, QSsl::Pem, QSsl::PublicKey);
    QVERIFY(!key.isNull());
    QCOMPARE(key.length(), 3072);

    pane->setItem(keyItem(u"ui-rsa-key"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isBusy() && pane->bundle().name() == u"ui-rsa-key"_s, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(
        child<QTreeWidget>(pane.get(), u"versionsView"_s)->topLevelItemCount(), 1, Timeout);
    screenshot(pane.get(), u"key-details"_s);
}

void TestKeyDetails::createEcKey()
{
    auto pane = makePane();
    createThroughDialog(*pane, u"ui-ec-key"_s, 1, u"P-384"_s);
    QCOMPARE(child<QLabel>(pane.get(), u"typeLabel"_s)->text(), u"EC"_s);
    QVERIFY(child<QLabel>(pane.get(), u"sizeLabel"_s)->text().contains(u"P-384"_s));
    QVERIFY(child<QCheckBox>(pane.get(), u"op_signCheck"_s)->isChecked());
    QVERIFY(!child<QCheckBox>(pane.get(), u"op_encryptCheck"_s)->isChecked());
    const QString jwkText = child<QPlainTextEdit>(pane.get(), u"jwkText"_s)->toPlainText();
    QVERIFY(jwkText.contains(u"crv: P-384"_s));
    QVERIFY(jwkText.contains(u"x: "_s) && jwkText.contains(u"y: "_s));
    child<QPushButton>(pane.get(), u"copyPemButton"_s)->click();
    const QSslKey key(QGuiApplication::clipboard()->text().toLatin1(), QSsl::Ec, QSsl::Pem,
                      QSsl::PublicKey);
    QVERIFY(!key.isNull());
    QCOMPARE(key.length(), 384);
}

void TestKeyDetails::editOperationsAndSave()
{
    auto pane = makePane();
    pane->setItem(keyItem(u"ui-rsa-key"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isBusy() && pane->bundle().name() == u"ui-rsa-key"_s, Timeout);
    auto *save = child<QPushButton>(pane.get(), u"saveButton"_s);
    auto *revert = child<QPushButton>(pane.get(), u"revertButton"_s);
    QVERIFY(!save->isEnabled());
    auto *encrypt = child<QCheckBox>(pane.get(), u"op_encryptCheck"_s);
    QVERIFY(encrypt->isChecked());
    encrypt->click();
    QVERIFY(pane->isDirty());
    QVERIFY(save->isEnabled() && revert->isEnabled());
    revert->click();
    QVERIFY(encrypt->isChecked());
    QVERIFY(!save->isEnabled());

    encrypt->click();
    auto *tags = child<QLineEdit>(pane.get(), u"tagsEdit"_s);
    tags->clear();
    QTest::keyClicks(tags, u"env=dev; team=crypto"_s);
    QVERIFY(save->isEnabled());
    QSignalSpy changed(pane.get(), &ui::KeyDetails::itemChanged);
    save->click();
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, Timeout);
    QVERIFY(!pane->isDirty());

    const auto key = ClientFixture::await(m_vault->getKey(u"ui-rsa-key"_s));
    QVERIFY2(key.ok(), qPrintable(key.error().summary()));
    const QStringList ops = key->jwk->keyOps.value_or(QStringList());
    QVERIFY(!ops.contains(u"encrypt"_s));
    QVERIFY(ops.contains(u"decrypt"_s));
    QCOMPARE(key->properties.tags->value(u"team"_s), u"crypto"_s);
}

void TestKeyDetails::rotateAddsAVersion()
{
    auto pane = makePane();
    pane->setItem(keyItem(u"ui-rsa-key"_s));
    auto *versions = child<QTreeWidget>(pane.get(), u"versionsView"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isBusy() && versions->topLevelItemCount() >= 1, Timeout);
    const int before = versions->topLevelItemCount();
    const QString oldVersion = pane->bundle().version();

    QStringList asked;
    pane->setConfirmer([&asked](const QString &title, const QString &) {
        asked.append(title);
        return false;
    });
    child<QPushButton>(pane.get(), u"rotateButton"_s)->click();
    QCOMPARE(asked.size(), 1); // declined: nothing happens
    QVERIFY(!pane->isBusy());

    pane->setConfirmer([](const QString &, const QString &) { return true; });
    child<QPushButton>(pane.get(), u"rotateButton"_s)->click();
    QTRY_COMPARE_WITH_TIMEOUT(versions->topLevelItemCount(), before + 1, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isBusy(), Timeout);
    QVERIFY(pane->bundle().version() != oldVersion);
}

void TestKeyDetails::rotationPolicy()
{
    auto pane = makePane();
    pane->setItem(keyItem(u"ui-ec-key"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isBusy() && pane->bundle().name() == u"ui-ec-key"_s, Timeout);
    child<QPushButton>(pane.get(), u"rotationPolicyButton"_s)->click();
    ui::RotationPolicyDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (dialog = pane->findChild<ui::RotationPolicyDialog *>()) && dialog->isVisible(), Timeout);
    auto *ok = child<QPushButton>(dialog, u"okButton"_s);
    auto *expiry = child<QLineEdit>(dialog, u"expiryTimeEdit"_s);
    auto *problem = child<QLabel>(dialog, u"problemLabel"_s);
    expiry->clear();
    QTest::keyClicks(expiry, u"P1D"_s);
    QVERIFY(!ok->isEnabled());
    QVERIFY(problem->text().contains(u"28 days"_s));
    expiry->clear();
    QTest::keyClicks(expiry, u"P1Y"_s);
    QVERIFY(ok->isEnabled());

    auto *rotate = child<QCheckBox>(dialog, u"rotateCheck"_s);
    rotate->setChecked(true);
    child<QComboBox>(dialog, u"rotateTriggerCombo"_s)->setCurrentIndex(0);
    auto *duration = child<QLineEdit>(dialog, u"rotateDurationEdit"_s);
    duration->clear();
    QTest::keyClicks(duration, u"90 days"_s);
    QVERIFY(!ok->isEnabled());
    QVERIFY(problem->text().contains(u"ISO 8601"_s));
    duration->clear();
    QTest::keyClicks(duration, u"P90D"_s);
    QVERIFY(ok->isEnabled());
    QSignalSpy status(pane.get(), &ui::KeyDetails::statusMessage);
    ok->click();
    QTRY_VERIFY_WITH_TIMEOUT(!status.isEmpty(), Timeout);
    QVERIFY(!pane->errorBanner()->isVisible());

    const auto policy = ClientFixture::await(m_vault->getKeyRotationPolicy(u"ui-ec-key"_s));
    QVERIFY2(policy.ok(), qPrintable(policy.error().summary()));
    QCOMPARE(policy->expiryTime.value_or(QString()), u"P1Y"_s);
    bool found = false;
    for (const vault::KeyLifetimeAction &a :
         policy->lifetimeActions.value_or(QList<vault::KeyLifetimeAction>()))
        found = found || (a.type == u"Rotate"_s && a.timeAfterCreate == u"P90D"_s);
    QVERIFY(found);
}

void TestKeyDetails::deleteRecoverPurgeBackupRestore()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto pane = makePane();
    QString chosen;
    pane->setFileChooser([&chosen](ui::FileMode, const QString &, const QString &,
                                   const QString &) { return chosen; });
    QStringList texts;
    pane->setConfirmer([&texts](const QString &, const QString &text) {
        texts.append(text);
        return true;
    });
    pane->setItem(keyItem(u"ui-ec-key"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!pane->isBusy() && pane->bundle().name() == u"ui-ec-key"_s, Timeout);

    // Back up to a file.
    chosen = dir.filePath(u"ui-ec-key.keybackup"_s);
    QSignalSpy status(pane.get(), &ui::KeyDetails::statusMessage);
    child<QPushButton>(pane.get(), u"backupButton"_s)->click();
    QTRY_VERIFY_WITH_TIMEOUT(!status.isEmpty() && !pane->isBusy(), Timeout);
    QVERIFY(QFileInfo(chosen).size() > 0);

    // Delete: the confirmation names the consequence; the pane shows the deleted key.
    QSignalSpy removed(pane.get(), &ui::KeyDetails::itemRemoved);
    child<QPushButton>(pane.get(), u"deleteButton"_s)->click();
    QCOMPARE(texts.size(), 1);
    QVERIFY2(texts.last().contains(u"soft-deleted"_s) && texts.last().contains(u"recovered"_s),
             qPrintable(texts.last()));
    QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(pane->item().deleted && !pane->isBusy(), Timeout);
    auto *recover = child<QPushButton>(pane.get(), u"recoverButton"_s);
    QVERIFY(recover->isVisible() && recover->isEnabled());
    QVERIFY(child<QLabel>(pane.get(), u"deletedNote"_s)->isVisible());

    // Recover.
    QSignalSpy changed(pane.get(), &ui::KeyDetails::itemChanged);
    recover->click();
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(!pane->item().deleted && !pane->isBusy()
                                 && pane->bundle().name() == u"ui-ec-key"_s,
                             Timeout);
    QVERIFY(ClientFixture::await(m_vault->getKey(u"ui-ec-key"_s)).ok());

    // Delete again and purge: permanent.
    child<QPushButton>(pane.get(), u"deleteButton"_s)->click();
    QTRY_VERIFY_WITH_TIMEOUT(pane->item().deleted && !pane->isBusy() && removed.size() == 2,
                             Timeout);
    child<QPushButton>(pane.get(), u"purgeButton"_s)->click();
    QVERIFY(texts.last().contains(u"permanently"_s));
    QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 3, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(pane->item().name.isEmpty() && !pane->isBusy(), Timeout);
    QVERIFY(!ClientFixture::await(m_vault->getDeletedKey(u"ui-ec-key"_s)).ok());

    // Restore from the backup.
    child<QPushButton>(pane.get(), u"restoreButton"_s)->click();
    QTRY_VERIFY_WITH_TIMEOUT(changed.size() == 2 && !pane->isBusy(), Timeout);
    QVERIFY2(!pane->errorBanner()->isVisible(), qPrintable(pane->errorBanner()->headline()));
    QCOMPARE(changed.last().at(0).toString(), u"ui-ec-key"_s);
    QVERIFY(ClientFixture::await(m_vault->getKey(u"ui-ec-key"_s)).ok());

    // A missing file is explained in place.
    chosen = dir.filePath(u"missing.keybackup"_s);
    child<QPushButton>(pane.get(), u"restoreButton"_s)->click();
    QVERIFY(pane->errorBanner()->isVisible());
}

QTEST_MAIN(TestKeyDetails)
#include "tst_keydetails.moc"

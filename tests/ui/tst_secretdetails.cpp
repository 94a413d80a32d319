// SPDX-License-Identifier: GPL-3.0-or-later
// The secret details pane against the sandbox: reveal, copy, edit, new
// versions, roll back, delete, recover, purge, backup and restore, driven
// through its widgets.
#include "ConcealedClipboard.h"
#include "Presentation.h"
#include "SessionFixture.h"
#include "secrets/SecretDetails.h"
#include "secrets/SecretEditorDialog.h"
#include "secrets/TagEditor.h"
#include "widgets/ErrorBanner.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDateTimeEdit>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace vl;
using namespace vl::test;
using vl::ui::SecretDetails;
using vl::ui::SecretEditorDialog;

namespace {

constexpr int Timeout = 20000;

QString screenshotDir()
{
    return qEnvironmentVariable("VAULTLENS_SCREENSHOTS");
}

VaultItem itemOf(const vault::SecretProperties &p, const QString &versionless)
{
    VaultItem item;
    item.name = p.name();
    item.id = versionless;
    item.contentType = p.contentType.value_or(QString());
    item.attributes = p.attributes.value_or(vault::ObjectAttributes{});
    item.tags = p.tags.value_or(vault::Tags{});
    item.managed = p.managed.value_or(false);
    return item;
}

} // namespace

class tst_SecretDetails : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SessionFixture> m_fixture;
    std::optional<vault::VaultClient> m_dev;
    std::optional<vault::VaultClient> m_prod;

    template<typename T>
    static T *child(QWidget &w, const QString &name)
    {
        auto *c = w.findChild<T *>(name);
        if (!c)
            qFatal("no child %s", qPrintable(name));
        return c;
    }

    /// The list row of @p name, as the list would hand it over.
    VaultItem listed(vault::VaultClient &client, const QString &name)
    {
        auto page = ClientFixture::await(client.listSecrets());
        while (page.ok()) {
            for (const auto &p : page->items)
                if (p.name() == name)
                    return itemOf(p, p.id);
            if (!page->hasMore())
                break;
            page = ClientFixture::await(client.listSecretsNext(page->nextLink));
        }
        return {};
    }

    /// A fresh secret @p name in the dev vault, as listed.
    VaultItem created(const QString &name, const QString &value)
    {
        vault::SecretSetParameters p;
        p.value = value;
        p.contentType = u"text/plain"_s;
        const auto r = ClientFixture::await(m_dev->setSecret(name, p));
        if (!r.ok())
            qFatal("setSecret failed: %s", qPrintable(r.error().summary()));
        return listed(*m_dev, name);
    }

    std::unique_ptr<SecretDetails> pane(vault::VaultClient &client)
    {
        auto details = std::make_unique<SecretDetails>();
        details->resize(640, 720);
        details->setClient(client);
        details->setConfirmer([](const QString &, const QString &) { return true; });
        details->show();
        if (!QTest::qWaitForWindowExposed(details.get()))
            qFatal("not exposed");
        return details;
    }

    QString latestValue(const QString &name)
    {
        const auto r = ClientFixture::await(m_dev->getSecret(name));
        return r.ok() ? r->value.value_or(QString()) : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_fixture = std::make_unique<SessionFixture>();
        QVERIFY(m_fixture->isRunning());
        const Result<Account> app = m_fixture->addAutomation();
        QVERIFY2(app.ok(), qPrintable(app.error().summary()));
        m_dev = m_fixture->session().vault(app->id, {}, m_fixture->vaultUri(u"kv-contoso-dev"_s));
        m_prod = m_fixture->session().vault(app->id, {}, m_fixture->vaultUri(u"kv-contoso-prod"_s));
        QVERIFY(m_dev && m_prod);
    }

    void cleanupTestCase()
    {
        Presentation::instance().setEnabled(false);
        m_dev.reset();
        m_prod.reset();
        m_fixture.reset();
    }

    void seededSecretIsMaskedUntilRevealed()
    {
        auto details = pane(*m_prod);
        const VaultItem item = listed(*m_prod, u"sql-connection-string"_s);
        QVERIFY(!item.name.isEmpty());
        details->setItem(item);
        auto *value = child<QPlainTextEdit>(*details, u"valueView"_s);
        QCOMPARE(value->toPlainText(), Presentation::maskedValue());
        QCOMPARE(child<QLineEdit>(*details, u"contentType"_s)->text(), u"text/plain"_s);
        QCOMPARE(child<ui::TagEditor>(*details, u"tags"_s)->tags().value(u"owner"_s),
                 u"data-team"_s);
        QTRY_COMPARE_WITH_TIMEOUT(details->versionCount(), 3, Timeout);
        QVERIFY(!details->isRevealed());
        QVERIFY(!child<QPushButton>(*details, u"saveButton"_s)->isEnabled());
        if (qEnvironmentVariableIsSet("VAULTLENS_SCREENSHOTS")) {
            QTest::qWait(50);
            QVERIFY(details->grab().save(screenshotDir() + u"/secret-details.png"_s));
            child<QTabWidget>(*details, u"secretTabs"_s)->setCurrentIndex(1);
            QVERIFY(details->grab().save(screenshotDir() + u"/secret-versions.png"_s));
            child<QTabWidget>(*details, u"secretTabs"_s)->setCurrentIndex(0);
        }

        child<QPushButton>(*details, u"revealButton"_s)->click();
        const auto expected = ClientFixture::await(m_prod->getSecret(u"sql-connection-string"_s));
        QVERIFY(expected.ok());
        QTRY_COMPARE_WITH_TIMEOUT(value->toPlainText(), *expected->value, Timeout);
        QVERIFY(details->isRevealed());

        // Presentation mode keeps it masked, with a note.
        Presentation::instance().setEnabled(true);
        QCOMPARE(value->toPlainText(), Presentation::maskedValue());
        QVERIFY(child<QLabel>(*details, u"valueNote"_s)->isVisible());
        if (qEnvironmentVariableIsSet("VAULTLENS_SCREENSHOTS"))
            QVERIFY(details->grab().save(screenshotDir() + u"/secret-presentation-mode.png"_s));
        Presentation::instance().setEnabled(false);
        QCOMPARE(value->toPlainText(), *expected->value);

        // Hide, and another item, mask it again.
        child<QPushButton>(*details, u"revealButton"_s)->click();
        QCOMPARE(value->toPlainText(), Presentation::maskedValue());
        child<QPushButton>(*details, u"revealButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(details->isRevealed(), Timeout);
        details->setItem(listed(*m_prod, u"legacy-api-token"_s));
        QVERIFY(!details->isRevealed());
        QCOMPARE(value->toPlainText(), Presentation::maskedValue());
    }

    void copyIsConcealedAndClearedOnlyIfUnchanged()
    {
        auto details = pane(*m_dev);
        details->setItem(listed(*m_dev, u"dev-database-password"_s));
        QSignalSpy status(details.get(), &SecretDetails::statusMessage);
        details->clipboard().setClearDelay(1500ms);
        QClipboard *clipboard = QGuiApplication::clipboard();
        QCOMPARE(details->item().name, u"dev-database-password"_s);
        QVERIFY(child<QPushButton>(*details, u"copyValueButton"_s)->isEnabled());
        QVERIFY(child<QPushButton>(*details, u"copyValueButton"_s)->isVisible());

        child<QPushButton>(*details, u"copyValueButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(clipboard->text(), u"dev-only-password"_s, Timeout);
        QVERIFY(ConcealedClipboard::isConcealed(clipboard->mimeData()));
        QVERIFY(!details->isRevealed()); // copied, not shown
        QVERIFY(!status.isEmpty());
        QVERIFY(status.first().at(0).toString().startsWith(u"Clipboard clears in"_s));
        QVERIFY(child<QLabel>(*details, u"clipboardCountdown"_s)->text().contains(u"2 s"_s));
        QTRY_VERIFY_WITH_TIMEOUT(clipboard->text().isEmpty(), 5000);
        QCOMPARE(status.last().at(0).toString(), u"Clipboard cleared"_s);

        // Something else copied meanwhile: left alone.
        child<QPushButton>(*details, u"copyValueButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(clipboard->text(), u"dev-only-password"_s, Timeout);
        clipboard->setText(u"something else"_s);
        QTest::qWait(2000);
        QCOMPARE(clipboard->text(), u"something else"_s);
        QVERIFY(!details->clipboard().isPending());

        // The identifier is copied plainly.
        child<QAbstractButton>(*details, u"copyIdentifierButton"_s)->click();
        QCOMPARE(clipboard->text(), details->item().id);
        QVERIFY(!ConcealedClipboard::isConcealed(clipboard->mimeData()));
    }

    void createThroughTheEditor()
    {
        auto details = pane(*m_dev);
        QSignalSpy changed(details.get(), &SecretDetails::itemChanged);
        child<QPushButton>(*details, u"newSecretButton"_s)->click();
        QPointer<SecretEditorDialog> dialog = details->findChild<SecretEditorDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        auto *name = child<QLineEdit>(*dialog, u"secretName"_s);
        QTest::keyClicks(name, u"ui_created"_s);
        QVERIFY(child<QLabel>(*dialog, u"nameError"_s)->isVisible());
        QVERIFY(!dialog->okButton()->isEnabled());
        name->clear();
        QTest::keyClicks(name, u"ui-created"_s);
        QVERIFY(child<QLabel>(*dialog, u"nameError"_s)->isHidden());
        child<QCheckBox>(*dialog, u"showValue"_s)->click();
        auto *value = child<QPlainTextEdit>(*dialog, u"secretValue"_s);
        value->setPlainText(QString(25601, u'v'));
        QVERIFY(child<QLabel>(*dialog, u"valueError"_s)->isVisible());
        QVERIFY(!dialog->okButton()->isEnabled());
        value->clear();
        QTest::keyClicks(value, u"created-in-the-ui"_s);
        QTest::keyClicks(child<QLineEdit>(*dialog, u"contentType"_s), u"text/plain"_s);
        child<ui::TagEditor>(*dialog, u"tags"_s)->addRow(u"owner"_s, u"ui-test"_s);
        QVERIFY(dialog->okButton()->isEnabled());
        QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, Timeout);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toString(), u"ui-created"_s);
        QCOMPARE(details->item().name, u"ui-created"_s);

        const auto back = ClientFixture::await(m_dev->getSecret(u"ui-created"_s));
        QVERIFY2(back.ok(), qPrintable(back.error().summary()));
        QCOMPARE(*back->value, u"created-in-the-ui"_s);
        QCOMPARE(*back->properties.contentType, u"text/plain"_s);
        QCOMPARE(back->properties.tags->value(u"owner"_s), u"ui-test"_s);
    }

    void editPropertiesAndSave()
    {
        auto details = pane(*m_dev);
        details->setItem(created(u"edit-me"_s, u"v1"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!details->isBusy(), Timeout);
        auto *save = child<QPushButton>(*details, u"saveButton"_s);
        auto *revert = child<QPushButton>(*details, u"revertButton"_s);
        QVERIFY(!save->isEnabled());
        QVERIFY(!revert->isEnabled());

        auto *contentType = child<QLineEdit>(*details, u"contentType"_s);
        contentType->selectAll();
        QTest::keyClicks(contentType, u"application/json"_s);
        QVERIFY(save->isEnabled());
        revert->click();
        QCOMPARE(contentType->text(), u"text/plain"_s);
        QVERIFY(!save->isEnabled());

        contentType->selectAll();
        QTest::keyClicks(contentType, u"application/json"_s);
        child<ui::TagEditor>(*details, u"tags"_s)->addRow(u"team"_s, u"payments"_s);
        child<QCheckBox>(*details, u"expirySet"_s)->click();
        const QDateTime expiry =
            QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch() + 30 * 86400);
        child<QDateTimeEdit>(*details, u"expiryEdit"_s)->setDateTime(expiry.toLocalTime());
        child<QCheckBox>(*details, u"enabled"_s)->click();
        QVERIFY(save->isEnabled());
        QSignalSpy changed(details.get(), &SecretDetails::itemChanged);
        save->click();
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, Timeout);
        QVERIFY(!details->isDirty());
        QVERIFY(!save->isEnabled());

        // Disabled now, so its value cannot be read: its properties are listed.
        const auto versions = ClientFixture::await(m_dev->listSecretVersions(u"edit-me"_s));
        QVERIFY(versions.ok());
        QCOMPARE(versions->items.size(), 1);
        const vault::SecretProperties &back = versions->items.first();
        QCOMPARE(*back.contentType, u"application/json"_s);
        QCOMPARE(back.tags->value(u"team"_s), u"payments"_s);
        QCOMPARE(back.attributes->expires, expiry.toSecsSinceEpoch());
        QCOMPARE(back.attributes->enabled, std::optional<bool>(false));
        QCOMPARE(ClientFixture::await(m_dev->getSecret(u"edit-me"_s)).error().innerCode,
                 u"SecretDisabled"_s);
    }

    void newVersionThenRollBack()
    {
        auto details = pane(*m_dev);
        details->setItem(created(u"roll-me"_s, u"first-value"_s));
        QTRY_COMPARE_WITH_TIMEOUT(details->versionCount(), 1, Timeout);

        SecretEditorDialog *dialog = details->newVersion();
        QVERIFY(dialog);
        QPointer<SecretEditorDialog> guard(dialog);
        QCOMPARE(dialog->name(), u"roll-me"_s);
        QTest::keyClicks(child<QLineEdit>(*dialog, u"secretValueMasked"_s), u"second-value"_s);
        dialog->okButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!guard, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(details->versionCount(), 2, Timeout);
        QCOMPARE(latestValue(u"roll-me"_s), u"second-value"_s);

        // Select the older version and roll back to it.
        auto *versions = child<QTreeWidget>(*details, u"versionList"_s);
        QString confirmation;
        details->setConfirmer([&confirmation](const QString &, const QString &text) {
            confirmation = text;
            return true;
        });
        const auto first = ClientFixture::await(m_dev->listSecretVersions(u"roll-me"_s));
        QVERIFY(first.ok());
        QString firstVersion;
        for (const auto &v : first->items)
            if (ClientFixture::await(m_dev->getSecret(u"roll-me"_s, v.version()))->value
                == u"first-value"_s)
                firstVersion = v.version();
        QVERIFY(!firstVersion.isEmpty());
        for (int i = 0; i < versions->topLevelItemCount(); ++i)
            if (versions->topLevelItem(i)->data(0, Qt::UserRole).toString() == firstVersion)
                versions->setCurrentItem(versions->topLevelItem(i));
        QCOMPARE(versions->currentItem()->data(0, Qt::UserRole).toString(), firstVersion);
        auto *rollBack = child<QPushButton>(*details, u"rollBackButton"_s);
        QVERIFY(rollBack->isEnabled());
        QSignalSpy changed(details.get(), &SecretDetails::itemChanged);
        rollBack->click();
        QVERIFY(confirmation.contains(u"roll-me"_s));
        QVERIFY(confirmation.contains(firstVersion));
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(details->versionCount(), 3, Timeout);
        QCOMPARE(latestValue(u"roll-me"_s), u"first-value"_s);

        // Declined: nothing is sent.
        details->setConfirmer([](const QString &, const QString &) { return false; });
        versions->setCurrentItem(versions->topLevelItem(2));
        rollBack->click();
        QVERIFY(!details->isBusy());
        QCOMPARE(details->versionCount(), 3);
    }

    void deleteRecoverAndPurge()
    {
        auto details = pane(*m_dev);
        details->setItem(created(u"delete-me"_s, u"doomed"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!details->isBusy(), Timeout);
        QString confirmation;
        details->setConfirmer([&confirmation](const QString &, const QString &text) {
            confirmation = text;
            return true;
        });
        QSignalSpy removed(details.get(), &SecretDetails::itemRemoved);
        child<QPushButton>(*details, u"deleteButton"_s)->click();
        QVERIFY2(confirmation.contains(u"recovered for 90 days"_s), qPrintable(confirmation));
        QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, Timeout);
        QVERIFY(details->item().deleted);
        QVERIFY(ClientFixture::await(m_dev->getDeletedSecret(u"delete-me"_s)).ok());
        QVERIFY(child<QPushButton>(*details, u"recoverButton"_s)->isVisible());
        QVERIFY(!child<QPushButton>(*details, u"revealButton"_s)->isEnabled());

        // The name cannot be reused while deleted: the editor stays open with the error.
        SecretEditorDialog *dialog = details->newSecret();
        QPointer<SecretEditorDialog> guard(dialog);
        QTest::keyClicks(child<QLineEdit>(*dialog, u"secretName"_s), u"delete-me"_s);
        QTest::keyClicks(child<QLineEdit>(*dialog, u"secretValueMasked"_s), u"again"_s);
        dialog->okButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog->banner()->isVisible(), Timeout);
        QVERIFY(guard && dialog->isVisible());
        QVERIFY(!dialog->banner()->headline().isEmpty());
        dialog->reject();

        QSignalSpy changed(details.get(), &SecretDetails::itemChanged);
        child<QPushButton>(*details, u"recoverButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, Timeout);
        QVERIFY(!details->item().deleted);
        QCOMPARE(latestValue(u"delete-me"_s), u"doomed"_s);

        child<QPushButton>(*details, u"deleteButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 2, Timeout);
        child<QPushButton>(*details, u"purgeButton"_s)->click();
        QVERIFY(confirmation.contains(u"permanently deleted and cannot be recovered"_s));
        QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 3, Timeout);
        QVERIFY(!details->hasItem());
        const auto gone = ClientFixture::await(m_dev->getDeletedSecret(u"delete-me"_s));
        QCOMPARE(gone.error().kind, AzureError::Kind::NotFound);
        QCOMPARE(ClientFixture::await(m_dev->getSecret(u"delete-me"_s)).error().kind,
                 AzureError::Kind::NotFound);
    }

    void purgeProtectionIsNamed()
    {
        auto details = pane(*m_prod);
        details->setItem(listed(*m_prod, u"service-bus-connection"_s));
        QString confirmation;
        details->setConfirmer([&confirmation](const QString &, const QString &text) {
            confirmation = text;
            return false; // declined: nothing deleted
        });
        child<QPushButton>(*details, u"deleteButton"_s)->click();
        QVERIFY2(confirmation.contains(u"Purge protection"_s), qPrintable(confirmation));
        QVERIFY(!details->isBusy());
        QVERIFY(ClientFixture::await(m_prod->getSecret(u"service-bus-connection"_s)).ok());
    }

    void backupPurgeAndRestore()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"backup-me.keyvaultbackup"_s);
        auto details = pane(*m_dev);
        details->setFileChooser([&path](ui::FileMode, const QString &, const QString &,
                                        const QString &) { return path; });
        details->setItem(created(u"backup-me"_s, u"precious"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!details->isBusy(), Timeout);
        QSignalSpy status(details.get(), &SecretDetails::statusMessage);
        child<QPushButton>(*details, u"backupButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(path) && !details->isBusy(), Timeout);
        QVERIFY(QFileInfo(path).size() > 0);

        QSignalSpy removed(details.get(), &SecretDetails::itemRemoved);
        child<QPushButton>(*details, u"deleteButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, Timeout);
        child<QPushButton>(*details, u"purgeButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 2, Timeout);
        QCOMPARE(ClientFixture::await(m_dev->getSecret(u"backup-me"_s)).error().kind,
                 AzureError::Kind::NotFound);

        QSignalSpy changed(details.get(), &SecretDetails::itemChanged);
        child<QPushButton>(*details, u"restoreButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, Timeout);
        QCOMPARE(changed.first().at(0).toString(), u"backup-me"_s);
        QCOMPARE(details->item().name, u"backup-me"_s);
        QCOMPARE(latestValue(u"backup-me"_s), u"precious"_s);
    }

    void errorsAreShownInPlace()
    {
        auto details = pane(*m_dev);
        VaultItem ghost = listed(*m_dev, u"dev-database-password"_s);
        ghost.name = u"no-such-secret"_s;
        details->setItem(ghost);
        QTRY_VERIFY_WITH_TIMEOUT(!details->isBusy(), Timeout);
        child<QPushButton>(*details, u"revealButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(details->banner()->isVisible(), Timeout);
        QVERIFY(!details->banner()->headline().isEmpty());
        QVERIFY(!details->isRevealed());
    }

    void withoutClientNothingIsEnabled()
    {
        SecretDetails details;
        details.show();
        for (const QString &name : {u"newSecretButton"_s, u"restoreButton"_s, u"revealButton"_s,
                                    u"deleteButton"_s, u"saveButton"_s})
            QVERIFY2(!child<QPushButton>(details, name)->isEnabled(), qPrintable(name));
        QVERIFY(!details.newSecret());
        details.setClient(*m_dev);
        QVERIFY(child<QPushButton>(details, u"newSecretButton"_s)->isEnabled());
        QVERIFY(!child<QPushButton>(details, u"revealButton"_s)->isEnabled());
    }
};

QTEST_MAIN(tst_SecretDetails)
#include "tst_secretdetails.moc"

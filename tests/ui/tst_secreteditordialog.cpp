// SPDX-License-Identifier: GPL-3.0-or-later
// The secret editor's inline validation, driven through its widgets.
#include "secrets/SecretEditorDialog.h"
#include "secrets/TagEditor.h"
#include "widgets/ErrorBanner.h"

#include <QApplication>
#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::ui;

class tst_SecretEditorDialog : public QObject
{
    Q_OBJECT

private:
    template<typename T>
    static T *child(QWidget &w, const QString &name)
    {
        auto *c = w.findChild<T *>(name);
        if (!c)
            qFatal("no child %s", qPrintable(name));
        return c;
    }

private Q_SLOTS:
    void invalidNameShowsInlineErrorAndDisablesOk()
    {
        SecretEditorDialog dialog(SecretEditorDialog::Mode::NewSecret);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *name = child<QLineEdit>(dialog, u"secretName"_s);
        auto *nameError = child<QLabel>(dialog, u"nameError"_s);
        auto *value = child<QLineEdit>(dialog, u"secretValueMasked"_s);
        QPushButton *ok = dialog.okButton();
        QVERIFY(!ok->isEnabled());
        QVERIFY(nameError->isHidden());

        QTest::keyClicks(name, u"db password"_s);
        QVERIFY(nameError->isVisible());
        QVERIFY(nameError->text().contains(u"' '"_s));
        QTest::keyClicks(value, u"hunter2"_s);
        QCOMPARE(value->echoMode(), QLineEdit::Password);
        QVERIFY(!ok->isEnabled());

        if (qEnvironmentVariableIsSet("VAULTLENS_SCREENSHOTS")) {
            child<QLineEdit>(dialog, u"contentType"_s)->setText(u"text/plain"_s);
            child<TagEditor>(dialog, u"tags"_s)->addRow(u"env"_s, u"dev"_s);
            QVERIFY(dialog.grab().save(qEnvironmentVariable("VAULTLENS_SCREENSHOTS")
                                       + u"/secret-editor-validation.png"_s));
        }

        name->clear();
        QTest::keyClicks(name, u"db-password"_s);
        QVERIFY(nameError->isHidden());
        QVERIFY(ok->isEnabled());
        QCOMPARE(dialog.parameters().value, u"hunter2"_s);
        QCOMPARE(dialog.parameters().attributes->enabled, std::optional<bool>(true));
    }

    void valueOverTheLimitIsRefused()
    {
        SecretEditorDialog dialog(SecretEditorDialog::Mode::NewSecret);
        dialog.show();
        QTest::keyClicks(child<QLineEdit>(dialog, u"secretName"_s), u"big"_s);
        auto *show = child<QCheckBox>(dialog, u"showValue"_s);
        show->click();
        auto *text = child<QPlainTextEdit>(dialog, u"secretValue"_s);
        QVERIFY(text->isVisible());
        text->setPlainText(QString(25 * 1024 + 1, u'x'));
        auto *valueError = child<QLabel>(dialog, u"valueError"_s);
        QVERIFY(valueError->isVisible());
        QVERIFY(valueError->text().contains(QLocale().toString(25600)));
        QVERIFY(!dialog.okButton()->isEnabled());
        text->setPlainText(QString(25 * 1024, u'x'));
        QVERIFY(valueError->isHidden());
        QVERIFY(dialog.okButton()->isEnabled());
        // Masked again: the text is kept.
        show->click();
        QCOMPARE(child<QLineEdit>(dialog, u"secretValueMasked"_s)->text().size(), 25 * 1024);
    }

    void tagsAndDatesAreChecked()
    {
        SecretEditorDialog dialog(SecretEditorDialog::Mode::NewSecret);
        dialog.show();
        QTest::keyClicks(child<QLineEdit>(dialog, u"secretName"_s), u"tagged"_s);
        QTest::keyClicks(child<QLineEdit>(dialog, u"secretValueMasked"_s), u"v"_s);
        auto *tags = child<TagEditor>(dialog, u"tags"_s);
        tags->addRow(u"env"_s, u"dev"_s);
        tags->addRow(u"env"_s, u"prod"_s);
        auto *tagsError = child<QLabel>(dialog, u"tagsError"_s);
        QVERIFY(tagsError->isVisible());
        QVERIFY(!dialog.okButton()->isEnabled());
        tags->table()->item(1, 0)->setText(u"owner"_s);
        QVERIFY(tagsError->isHidden());
        QVERIFY(dialog.okButton()->isEnabled());

        child<QCheckBox>(dialog, u"activationSet"_s)->setChecked(true);
        child<QCheckBox>(dialog, u"expirySet"_s)->setChecked(true);
        auto *activation = child<QDateTimeEdit>(dialog, u"activationEdit"_s);
        auto *expiry = child<QDateTimeEdit>(dialog, u"expiryEdit"_s);
        activation->setDateTime(QDateTime::currentDateTime().addDays(10));
        expiry->setDateTime(QDateTime::currentDateTime().addDays(1));
        QVERIFY(child<QLabel>(dialog, u"datesError"_s)->isVisible());
        QVERIFY(!dialog.okButton()->isEnabled());
        expiry->setDateTime(QDateTime::currentDateTime().addDays(30));
        QVERIFY(dialog.okButton()->isEnabled());
        const auto p = dialog.parameters();
        QCOMPARE(p.tags->value(u"owner"_s), u"prod"_s);
        QVERIFY(p.attributes->expires.has_value());
        QVERIFY(*p.attributes->expires > *p.attributes->notBefore);
    }

    void newVersionKeepsTheName()
    {
        SecretEditorDialog dialog(SecretEditorDialog::Mode::NewVersion);
        dialog.setName(u"fixed"_s);
        QVERIFY(child<QLineEdit>(dialog, u"secretName"_s)->isReadOnly());
        QCOMPARE(dialog.name(), u"fixed"_s);
    }

    void loadValueFromFile()
    {
        QTemporaryDir dir;
        const QString textPath = dir.filePath(u"value.pem"_s);
        QFile text(textPath);
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("-----BEGIN X-----\nabc\n-----END X-----\n");
        text.close();
        const QString binaryPath = dir.filePath(u"value.bin"_s);
        QFile binary(binaryPath);
        QVERIFY(binary.open(QIODevice::WriteOnly));
        binary.write(QByteArray("\x00\xff\xfe", 3));
        binary.close();

        SecretEditorDialog dialog(SecretEditorDialog::Mode::NewSecret);
        dialog.show();
        QString next = binaryPath;
        dialog.setFileChooser([&next](const QString &) { return next; });
        child<QPushButton>(dialog, u"loadValue"_s)->click();
        QVERIFY(dialog.banner()->isVisible());
        QVERIFY(dialog.value().isEmpty());
        next = textPath;
        child<QPushButton>(dialog, u"loadValue"_s)->click();
        QVERIFY(dialog.banner()->isHidden());
        QCOMPARE(dialog.value(), u"-----BEGIN X-----\nabc\n-----END X-----\n"_s);
        // Several lines cannot be edited masked.
        QVERIFY(child<QLineEdit>(dialog, u"secretValueMasked"_s)->isReadOnly());
    }

    void okWaitsForTheOwner()
    {
        SecretEditorDialog dialog(SecretEditorDialog::Mode::NewSecret);
        QSignalSpy submitted(&dialog, &SecretEditorDialog::submitted);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.open();
        QTest::keyClicks(child<QLineEdit>(dialog, u"secretName"_s), u"waits"_s);
        QTest::keyClicks(child<QLineEdit>(dialog, u"secretValueMasked"_s), u"v"_s);
        dialog.okButton()->click();
        QCOMPARE(submitted.size(), 1);
        QCOMPARE(accepted.size(), 0);
        QVERIFY(dialog.isVisible());
        QVERIFY(!dialog.okButton()->isEnabled()); // busy
        AzureError error;
        error.kind = AzureError::Kind::Conflict;
        error.status = 409;
        error.code = u"Conflict"_s;
        error.message = u"Secret waits is currently in a deleted but recoverable state."_s;
        dialog.showError(error, u"Creating waits"_s);
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.banner()->isVisible());
        QVERIFY(dialog.okButton()->isEnabled());
        dialog.okButton()->click();
        dialog.finish();
        QCOMPARE(accepted.size(), 1);
        QVERIFY(!dialog.isVisible());
    }

    void everyInteractiveWidgetIsNamed()
    {
        SecretEditorDialog dialog(SecretEditorDialog::Mode::NewSecret);
        for (QWidget *w : dialog.findChildren<QWidget *>()) {
            if (!w->focusPolicy() || qobject_cast<QLabel *>(w) || !w->isVisibleTo(&dialog)
                || w->objectName().startsWith(u"qt_"_s) || w->inherits("QHeaderView"))
                continue;
            if (w->inherits("QAbstractScrollArea") || w->inherits("QAbstractButton")
                || w->inherits("QLineEdit") || w->inherits("QAbstractSpinBox")) {
                QVERIFY2(!w->objectName().isEmpty(), w->metaObject()->className());
                QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
            }
        }
    }
};

QTEST_MAIN(tst_SecretEditorDialog)
#include "tst_secreteditordialog.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// Concealed copies on the in-process clipboard: the hints, the countdown, and
// clearing only what was copied.
#include "ConcealedClipboard.h"
#include "TemporarySettings.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace vl;

class tst_ConcealedClipboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(u"VaultLensTest"_s);
        QCoreApplication::setApplicationName(u"tst_concealedclipboard"_s);
    }
    void init() { QGuiApplication::clipboard()->clear(); }

    void mimeHintsArePresent()
    {
        ConcealedClipboard clipboard;
        clipboard.setClearDelay(10s);
        clipboard.copySecret(u"s3cr3t"_s);
        const QMimeData *data = QGuiApplication::clipboard()->mimeData();
        QVERIFY(data);
        QCOMPARE(data->text(), u"s3cr3t"_s);
        QCOMPARE(data->data(u"x-kde-passwordManagerHint"_s), QByteArray("secret"));
        QVERIFY(data->hasFormat(
            u"application/x-qt-windows-mime;value=\"ExcludeClipboardContentFromMonitorProcessing\""_s));
        QCOMPARE(
            data->data(u"application/x-qt-windows-mime;value=\"CanIncludeInClipboardHistory\""_s),
            QByteArray(4, '\0'));
        QVERIFY(data->hasFormat(u"org.nspasteboard.ConcealedType"_s));
        QVERIFY(ConcealedClipboard::isConcealed(data));
        QVERIFY(clipboard.isPending());
        clipboard.cancel();
        QVERIFY(!clipboard.isPending());
        // Cancelled: left on the clipboard.
        QCOMPARE(QGuiApplication::clipboard()->text(), u"s3cr3t"_s);
    }

    void plainCopyHasNoHintAndNoTimer()
    {
        ConcealedClipboard clipboard;
        QSignalSpy countdown(&clipboard, &ConcealedClipboard::countdown);
        clipboard.copyPlain(u"https://kv.example/secrets/a"_s);
        QCOMPARE(QGuiApplication::clipboard()->text(), u"https://kv.example/secrets/a"_s);
        QVERIFY(!ConcealedClipboard::isConcealed(QGuiApplication::clipboard()->mimeData()));
        QVERIFY(!clipboard.isPending());
        QCOMPARE(countdown.size(), 0);
    }

    void clearedAfterTheDelay()
    {
        ConcealedClipboard clipboard;
        clipboard.setClearDelay(300ms);
        QSignalSpy cleared(&clipboard, &ConcealedClipboard::cleared);
        QSignalSpy abandoned(&clipboard, &ConcealedClipboard::abandoned);
        clipboard.copySecret(u"short-lived"_s);
        QCOMPARE(QGuiApplication::clipboard()->text(), u"short-lived"_s);
        QTRY_COMPARE_WITH_TIMEOUT(cleared.size(), 1, 5000);
        QCOMPARE(abandoned.size(), 0);
        QVERIFY(QGuiApplication::clipboard()->text().isEmpty());
        QVERIFY(!clipboard.isPending());
    }

    void notClearedWhenSomethingElseWasCopied()
    {
        ConcealedClipboard clipboard;
        clipboard.setClearDelay(400ms);
        QSignalSpy cleared(&clipboard, &ConcealedClipboard::cleared);
        QSignalSpy abandoned(&clipboard, &ConcealedClipboard::abandoned);
        clipboard.copySecret(u"mine"_s);
        QGuiApplication::clipboard()->setText(u"theirs"_s);
        QTRY_COMPARE_WITH_TIMEOUT(abandoned.size(), 1, 5000);
        QTest::qWait(100);
        QCOMPARE(cleared.size(), 0);
        QCOMPARE(QGuiApplication::clipboard()->text(), u"theirs"_s);
    }

    void countdownTicksEverySecond()
    {
        ConcealedClipboard clipboard;
        clipboard.setClearDelay(2200ms);
        QSignalSpy countdown(&clipboard, &ConcealedClipboard::countdown);
        QSignalSpy cleared(&clipboard, &ConcealedClipboard::cleared);
        clipboard.copySecret(u"ticking"_s);
        QCOMPARE(countdown.size(), 1);
        QCOMPARE(countdown.at(0).at(0).toInt(), 3);
        QCOMPARE(clipboard.secondsLeft(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(cleared.size(), 1, 6000);
        QList<int> seen;
        for (const auto &args : countdown)
            seen.append(args.at(0).toInt());
        QCOMPARE(seen, (QList<int>{3, 2, 1}));
    }

    void delayComesFromSettings()
    {
        test::TemporarySettings settings;
        ConcealedClipboard clipboard;
        QCOMPARE(clipboard.clearDelay(), std::chrono::milliseconds(30s));
        QSettings().setValue(ConcealedClipboard::ClearSecondsKey, 12);
        QCOMPARE(clipboard.clearDelay(), std::chrono::milliseconds(12s));
        QSettings().setValue(ConcealedClipboard::ClearSecondsKey, 0);
        QCOMPARE(clipboard.clearDelay(), 0ms);
        QSignalSpy countdown(&clipboard, &ConcealedClipboard::countdown);
        clipboard.copySecret(u"kept"_s);
        QVERIFY(!clipboard.isPending());
        QCOMPARE(countdown.size(), 0);
        clipboard.setClearDelay(5s);
        QCOMPARE(clipboard.clearDelay(), std::chrono::milliseconds(5s));
    }

    void destructionClearsAPendingSecret()
    {
        {
            ConcealedClipboard clipboard;
            clipboard.setClearDelay(10s);
            clipboard.copySecret(u"going-away"_s);
        }
        QVERIFY(QGuiApplication::clipboard()->text().isEmpty());
    }
};

QTEST_MAIN(tst_ConcealedClipboard)
#include "tst_concealedclipboard.moc"

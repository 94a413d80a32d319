// SPDX-License-Identifier: GPL-3.0-or-later
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

/// The two executables start, answer their options, and refuse bad input clearly.
class TestExecutables : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appVersion();
    void appShowsAndQuits();
    void appGrabsAScreenshot();
    void appRejectsUnknownOption();
    void sandboxOptions_data();
    void sandboxOptions();

private:
    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    static Result run(const QString &program, const QStringList &args);
};

TestExecutables::Result TestExecutables::run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

void TestExecutables::appVersion()
{
    const Result r = run(QStringLiteral(VAULTLENS_APP), {u"--version"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith(u"vaultlens 0."_s));
    QVERIFY(r.out.contains(u"Qt 6."_s));
}

void TestExecutables::appShowsAndQuits()
{
    const Result r = run(QStringLiteral(VAULTLENS_APP), {u"--quit-after-show"_s});
    QCOMPARE(r.exitCode, 0);
}

void TestExecutables::appGrabsAScreenshot()
{
    QTemporaryDir dir;
    const QString png = dir.filePath(u"shot.png"_s);
    const Result r = run(QStringLiteral(VAULTLENS_APP), {u"--sandbox"_s, u"--grab"_s, png});
    QCOMPARE(r.exitCode, 0);
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 800);
}

void TestExecutables::appRejectsUnknownOption()
{
    const Result r = run(QStringLiteral(VAULTLENS_APP), {u"--frobnicate"_s});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains(u"frobnicate"_s));
}

void TestExecutables::sandboxOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrContains");
    QTest::newRow("version") << QStringList{u"--version"_s} << 0 << QString();
    QTest::newRow("bad port") << QStringList{u"--port"_s, u"70000"_s} << 2 << u"--port"_s;
    QTest::newRow("bad seed") << QStringList{u"--seed"_s, u"huge"_s} << 2 << u"--seed"_s;
    QTest::newRow("bad client address")
        << QStringList{u"--client-address"_s, u"nope"_s} << 2 << u"--client-address"_s;
    // The server is not part of this version: it says so instead of pretending to serve.
    QTest::newRow("valid options")
        << QStringList{u"--seed"_s, u"demo"_s} << 3 << u"not available"_s;
}

void TestExecutables::sandboxOptions()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrContains);
    const Result r = run(QStringLiteral(VAULTLENS_SANDBOX), args);
    QCOMPARE(r.exitCode, exitCode);
    if (exitCode == 0)
        QVERIFY(r.out.startsWith(u"vaultlens-sandbox "_s));
    else
        QVERIFY2(r.err.contains(stderrContains), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestExecutables)
#include "tst_executables.moc"

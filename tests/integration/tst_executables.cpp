// SPDX-License-Identifier: GPL-3.0-or-later
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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
    void sandboxPrintsItsConfig();

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
    QTest::newRow("stray argument") << QStringList{u"8443"_s} << 2 << u"Unexpected argument"_s;
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

void TestExecutables::sandboxPrintsItsConfig()
{
    QTemporaryDir state;
    QProcess p;
    p.start(QStringLiteral(VAULTLENS_SANDBOX),
            {u"--seed"_s, u"demo"_s, u"--print-config"_s, u"--state"_s, state.path()});
    QVERIFY(p.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(p.canReadLine(), 20000);
    const QJsonObject config = QJsonDocument::fromJson(p.readLine()).object();
    p.terminate();
    QVERIFY(p.waitForFinished(10000));
    QVERIFY(config.value("apiOrigin"_L1).toString().startsWith(u"https://127.0.0.1:"_s));
    QVERIFY(config.value("browserOrigin"_L1).toString().startsWith(u"http://127.0.0.1:"_s));
    QCOMPARE(config.value("caCertificate"_L1).toString(), state.filePath(u"ca.pem"_s));
    QVERIFY(QFile::exists(state.filePath(u"ca.pem"_s)));
    QVERIFY(QFile::exists(state.filePath(u"state.json"_s)));
    QCOMPARE(config.value("accounts"_L1).toArray().first()[u"upn"_s].toString(),
             u"alice@contoso.example"_s);
    QCOMPARE(config.value("vaults"_L1).toArray().first()[u"name"_s].toString(),
             u"kv-contoso-prod"_s);
    QCOMPARE(config.value("vaults"_L1).toArray().size(), 4);
    QVERIFY(!config.value("servicePrincipals"_L1)
                 .toArray()
                 .first()[u"clientSecret"_s]
                 .toString()
                 .isEmpty());
}

QTEST_GUILESS_MAIN(TestExecutables)
#include "tst_executables.moc"

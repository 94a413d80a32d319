// SPDX-License-Identifier: GPL-3.0-or-later
#include "SandboxFixture.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

/// The sandbox's state across restarts, reset, and fault injection.
class TestSandboxState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stateSurvivesARestart();
    void unreadableStateIsAClearError();
    void resetGoesBackToTheSeed();
    void faults_data();
    void faults();
    void slowAndRateFaults();
    void badFaultRequests_data();
    void badFaultRequests();

private:
    static QByteArray readAll(const QString &path);
};

QByteArray TestSandboxState::readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void TestSandboxState::stateSurvivesARestart()
{
    QTemporaryDir dir;
    sandbox::SandboxOptions options;
    options.stateDir = dir.path();
    QByteArray token;
    QString origin;
    QByteArray ca;
    {
        SandboxFixture first(options);
        QVERIFY2(first.isRunning(), qPrintable(first.startError()));
        token = first.automationToken();
        origin = first.vaultOrigin(u"kv-contoso-dev"_s);
        const HttpReply r = first.http().sendJson(
            "PUT", first.vaultUrl(u"kv-contoso-dev"_s, u"/secrets/persisted"_s),
            QJsonObject{{u"value"_s, u"still here"_s}}, token);
        QCOMPARE(r.status, 200);
        ca = readAll(dir.filePath(u"ca.pem"_s));
        QVERIFY(ca.startsWith("-----BEGIN CERTIFICATE-----"));
        QCOMPARE(QFile(dir.filePath(u"server-key.pem"_s)).permissions()
                     & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions{});
    }
    SandboxFixture second(options);
    QVERIFY2(second.isRunning(), qPrintable(second.startError()));
    QCOMPARE(readAll(dir.filePath(u"ca.pem"_s)), ca);
    QCOMPARE(second.vaultOrigin(u"kv-contoso-dev"_s), origin); // the port was free again
    // The token issued before the restart is still valid: the signing keys persisted.
    const HttpReply r =
        second.http().get(second.vaultUrl(u"kv-contoso-dev"_s, u"/secrets/persisted"_s), token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("value"_L1).toString(), u"still here"_s);
}

void TestSandboxState::unreadableStateIsAClearError()
{
    QTemporaryDir dir;
    {
        sandbox::SandboxOptions options;
        options.stateDir = dir.path();
        SandboxFixture first(options);
        QVERIFY(first.isRunning());
    }
    QFile state(dir.filePath(u"state.json"_s));
    QVERIFY(state.open(QIODevice::WriteOnly | QIODevice::Truncate));
    state.write("{\"format\":1,\"tenants\":[");
    state.close();
    sandbox::Sandbox broken;
    sandbox::SandboxOptions options;
    options.stateDir = dir.path();
    QString error;
    QVERIFY(!broken.start(options, &error));
    QVERIFY2(error.contains(u"state.json is not valid JSON"_s), qPrintable(error));
    // Nothing was overwritten: the damaged file is left for a person to look at.
    QCOMPARE(readAll(dir.filePath(u"state.json"_s)), QByteArray("{\"format\":1,\"tenants\":["));
}

void TestSandboxState::resetGoesBackToTheSeed()
{
    SandboxFixture s;
    QVERIFY(s.isRunning());
    const QByteArray token = s.automationToken();
    const QString origin = s.vaultOrigin(u"kv-contoso-dev"_s);
    QCOMPARE(s.http()
                 .sendJson("PUT", s.vaultUrl(u"kv-contoso-dev"_s, u"/secrets/temporary"_s),
                           QJsonObject{{u"value"_s, u"x"_s}}, token)
                 .status,
             200);
    const HttpReply r = s.http().send("POST", s.apiUrl(u"/sandbox/reset"_s));
    QCOMPARE(r.status, 200);
    QCOMPARE(s.vaultOrigin(u"kv-contoso-dev"_s), origin);
    QCOMPARE(s.http().get(s.vaultUrl(u"kv-contoso-dev"_s, u"/secrets/temporary"_s), token).status,
             404);
    QCOMPARE(s.http()
                 .get(s.vaultUrl(u"kv-contoso-dev"_s, u"/secrets/dev-database-password"_s), token)
                 .status,
             200);
}

void TestSandboxState::faults_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("status"); // 0: no HTTP answer
    QTest::addColumn<QString>("code");
    QTest::newRow("throttle the vault") << u"throttle"_s << u"vault"_s << 429 << u"Throttled"_s;
    QTest::newRow("vault unavailable")
        << u"unavailable"_s << u"vault"_s << 503 << u"ServiceUnavailable"_s;
    QTest::newRow("throttle Resource Manager")
        << u"throttle"_s << u"api"_s << 429 << u"TooManyRequests"_s;
    QTest::newRow("drop the connection") << u"drop"_s << u"vault"_s << 0 << QString();
    QTest::newRow("truncate the body") << u"truncate"_s << u"vault"_s << -1 << QString();
}

void TestSandboxState::faults()
{
    QFETCH(QString, kind);
    QFETCH(QString, target);
    QFETCH(int, status);
    QFETCH(QString, code);
    SandboxFixture s;
    QVERIFY(s.isRunning());
    const bool vault = target == "vault"_L1;
    const QByteArray token =
        vault ? s.automationToken() : s.automationToken(u"https://management.azure.com/.default"_s);
    const QUrl url = vault ? s.vaultUrl(u"kv-contoso-dev"_s, u"/secrets"_s)
                           : s.apiUrl(u"/subscriptions?api-version=2022-12-01"_s);
    HttpReply r = s.http().sendJson(
        "POST", s.apiUrl(u"/sandbox/faults"_s),
        QJsonObject{{u"faults"_s, QJsonArray{QJsonObject{{u"kind"_s, kind},
                                                         {u"target"_s, target},
                                                         {u"count"_s, 2},
                                                         {u"retryAfter"_s, 3}}}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[u"faults"_s][0][u"count"_s].toInt(), 2);
    // Qt's client silently resends a request whose connection closed without an
    // answer, so a dropped connection is observed on a raw TLS socket.
    const bool drop = kind == "drop"_L1;
    for (int i = 0; i < 2; ++i) {
        if (drop) {
            QSslSocket socket;
            socket.setSslConfiguration(s.http().tls());
            socket.connectToHostEncrypted(url.host(), quint16(url.port()));
            QTRY_VERIFY_WITH_TIMEOUT(socket.isEncrypted(), 10000);
            socket.write("GET " + url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority)
                         + " HTTP/1.1\r\nHost: " + url.authority().toLatin1()
                         + "\r\nAuthorization: Bearer " + token + "\r\n\r\n");
            QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 10000);
            QCOMPARE(socket.readAll(), QByteArray());
            continue;
        }
        r = s.http().get(url, token);
        if (status > 0) {
            QCOMPARE(r.status, status);
            QCOMPARE(r.errorCode(), code);
            QCOMPARE(r.header("Retry-After"), QByteArray("3"));
        } else if (status == 0) {
            QCOMPARE(r.status, 0);
            QVERIFY(!r.networkError.isEmpty());
        } else {
            // Truncated: the announced length is not delivered.
            QVERIFY(r.status == 0 || QJsonDocument::fromJson(r.body).isNull());
        }
    }
    // After two hits the fault is used up.
    r = s.http().get(url, token);
    QCOMPARE(r.status, 200);
    QCOMPARE(
        s.http().get(s.apiUrl(u"/sandbox/faults"_s)).json().value("faults"_L1).toArray().size(), 0);
}

void TestSandboxState::slowAndRateFaults()
{
    SandboxFixture s;
    QVERIFY(s.isRunning());
    const QByteArray token = s.automationToken();
    HttpReply r = s.http().sendJson(
        "POST", s.apiUrl(u"/sandbox/faults"_s),
        QJsonObject{
            {u"faults"_s, QJsonArray{QJsonObject{{u"kind"_s, u"slow"_s}, {u"delayMs"_s, 300}},
                                     QJsonObject{{u"kind"_s, u"throttle"_s},
                                                 {u"rate"_s, 1.0},
                                                 {u"path"_s, u"/deletedsecrets"_s}}}}});
    QCOMPARE(r.status, 200);
    QElapsedTimer timer;
    timer.start();
    r = s.http().get(s.vaultUrl(u"kv-contoso-dev"_s, u"/secrets"_s), token);
    QCOMPARE(r.status, 200); // slow, but answered whole
    QVERIFY(timer.elapsed() >= 250);
    // A rate rule stays until cleared, and only matches its path.
    for (int i = 0; i < 3; ++i)
        QCOMPARE(s.http().get(s.vaultUrl(u"kv-contoso-dev"_s, u"/deletedsecrets"_s), token).status,
                 429);
    QCOMPARE(s.http().get(s.vaultUrl(u"kv-contoso-dev"_s, u"/secrets"_s), token).status, 200);
    r = s.http().sendJson("POST", s.apiUrl(u"/sandbox/faults"_s),
                          QJsonObject{{u"faults"_s, QJsonArray{}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(s.http().get(s.vaultUrl(u"kv-contoso-dev"_s, u"/deletedsecrets"_s), token).status,
             200);
}

void TestSandboxState::badFaultRequests_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not JSON") << QByteArray("faults");
    QTest::newRow("no list") << QByteArray("{\"kind\":\"throttle\"}");
    QTest::newRow("unknown kind") << QByteArray("{\"faults\":[{\"kind\":\"explode\"}]}");
    QTest::newRow("unknown target")
        << QByteArray("{\"faults\":[{\"kind\":\"drop\",\"target\":\"moon\"}]}");
    QTest::newRow("rate above 1") << QByteArray("{\"faults\":[{\"kind\":\"drop\",\"rate\":2}]}");
    QTest::newRow("zero count") << QByteArray("{\"faults\":[{\"kind\":\"drop\",\"count\":0}]}");
}

void TestSandboxState::badFaultRequests()
{
    QFETCH(QByteArray, body);
    static SandboxFixture s;
    QVERIFY(s.isRunning());
    const HttpReply r = s.http().send("POST", s.apiUrl(u"/sandbox/faults"_s), body,
                                      {{"Content-Type", "application/json"}});
    QCOMPARE(r.status, 400);
    QVERIFY(!r.json().value("error"_L1).toString().isEmpty());
}

QTEST_GUILESS_MAIN(TestSandboxState)
#include "tst_sandboxstate.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/AzureCliCredential.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;

namespace {

TokenRequestContext scope(const QString &s, const QString &tenant = {})
{
    TokenRequestContext ctx;
    ctx.scopes = {s};
    ctx.tenantId = tenant;
    return ctx;
}

/// A stand-in for `az`: records its arguments, then acts as FAKE_AZ_MODE says.
const QByteArray FakeAz = R"(#!/bin/sh
printf '%s\n' "$@" > "$ARGS_FILE"
case "$FAKE_AZ_MODE" in
ok)
    echo 'WARNING: a warning the CLI prints first'
    echo '{"accessToken":"a.b.c","expiresOn":"2026-01-15 10:00:00.000000","expires_on":1768471200,"subscription":"s","tenant":"t","tokenType":"Bearer"}'
    ;;
old)
    echo '{"accessToken":"a.b.c","expiresOn":"2026-01-15 10:00:00.000000","tokenType":"Bearer"}'
    ;;
notloggedin)
    echo "ERROR: Please run 'az login' to setup account." >&2
    exit 1
    ;;
fail)
    echo "ERROR: The command failed for a reason of its own." >&2
    exit 2
    ;;
slow)
    exec sleep 30
    ;;
esac
)"_ba;

} // namespace

/// The Azure CLI credential: arguments, answers, errors, and the process itself.
class TestAzureCliCredential : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void arguments_data();
    void arguments();
    void parseAnswer_data();
    void parseAnswer();
    void errorFor_data();
    void errorFor();
    void runsTheCli_data();
    void runsTheCli();
    void timesOut();
    void missingProgram();
    void tenantOverride();

private:
    AzureCliOptions fakeOptions(const QString &mode) const;
    static Result<AccessToken> get(AzureCliCredential &credential, const TokenRequestContext &ctx,
                                   int timeoutMs = 15000);

    QTemporaryDir m_dir;
    QString m_az;
    QString m_argsFile;
};

void TestAzureCliCredential::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_az = m_dir.filePath(u"az"_s);
    m_argsFile = m_dir.filePath(u"args.txt"_s);
    QFile f(m_az);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(FakeAz);
    f.close();
    QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
}

AzureCliOptions TestAzureCliCredential::fakeOptions(const QString &mode) const
{
    AzureCliOptions o;
    o.program = m_az;
    o.environment = QProcessEnvironment::systemEnvironment();
    o.environment.insert(u"ARGS_FILE"_s, m_argsFile);
    o.environment.insert(u"FAKE_AZ_MODE"_s, mode);
    return o;
}

Result<AccessToken> TestAzureCliCredential::get(AzureCliCredential &credential,
                                                const TokenRequestContext &ctx, int timeoutMs)
{
    const QFuture<Result<AccessToken>> f = credential.getToken(ctx);
    if (!QTest::qWaitFor([&] { return f.isFinished(); }, timeoutMs))
        return AzureError::make(AzureError::Kind::Cancelled, u"the test timed out"_s);
    return f.result();
}

void TestAzureCliCredential::arguments_data()
{
    QTest::addColumn<QString>("scope");
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QStringList>("expected"); ///< empty: refused
    const QStringList base{u"account"_s, u"get-access-token"_s, u"--output"_s, u"json"_s,
                           u"--scope"_s};
    QTest::newRow("vault") << u"https://vault.azure.net/.default"_s << QString()
                           << QStringList(base
                                          + QStringList{u"https://vault.azure.net/.default"_s});
    QTest::newRow("classic ARM, with a tenant")
        << u"https://management.core.windows.net//.default"_s << u"contoso.example"_s
        << QStringList(base
                       + QStringList{u"https://management.core.windows.net//.default"_s,
                                     u"--tenant"_s, u"contoso.example"_s});
    QTest::newRow("injection in the scope") << u"x; rm -rf ~"_s << QString() << QStringList();
    QTest::newRow("option in the scope") << u"https://v --debug"_s << QString() << QStringList();
    QTest::newRow("bad tenant") << u"https://vault.azure.net/.default"_s << u"a b"_s
                                << QStringList();
}

void TestAzureCliCredential::arguments()
{
    QFETCH(QString, scope);
    QFETCH(QString, tenant);
    QFETCH(QStringList, expected);
    const AzureCliCredential credential;
    const Result<QStringList> args = credential.arguments(scope, tenant);
    QCOMPARE(args.ok(), !expected.isEmpty());
    if (args.ok())
        QCOMPARE(*args, expected);
}

void TestAzureCliCredential::parseAnswer_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QDateTime>("expiresOn"); ///< invalid: an error
    const QDateTime local(QDate(2026, 1, 15), QTime(10, 0), Qt::LocalTime);
    QTest::newRow("expires_on wins")
        << R"({"accessToken":"a.b.c","expiresOn":"2000-01-01 00:00:00.000000","expires_on":1768471200})"_ba
        << QDateTime::fromSecsSinceEpoch(1768471200, Qt::UTC);
    QTest::newRow("older CLI: local time")
        << R"({"accessToken":"a.b.c","expiresOn":"2026-01-15 10:00:00.000000"})"_ba
        << local.toUTC();
    QTest::newRow("warnings first")
        << "WARNING: x\n{\"accessToken\":\"a.b.c\",\"expires_on\":1768471200}"_ba
        << QDateTime::fromSecsSinceEpoch(1768471200, Qt::UTC);
    QTest::newRow("no token") << R"({"expires_on":1768471200})"_ba << QDateTime();
    QTest::newRow("no expiry") << R"({"accessToken":"a.b.c"})"_ba << QDateTime();
    QTest::newRow("not JSON") << "hello"_ba << QDateTime();
}

void TestAzureCliCredential::parseAnswer()
{
    QFETCH(QByteArray, output);
    QFETCH(QDateTime, expiresOn);
    const Result<AccessToken> t = AzureCliCredential::parseAnswer(output);
    QCOMPARE(t.ok(), expiresOn.isValid());
    if (t.ok()) {
        QCOMPARE(t->token, "a.b.c"_ba);
        QCOMPARE(t->expiresOn, expiresOn);
        QCOMPARE(t->source, TokenSource::AzureCli);
        QCOMPARE(t->credential, u"Azure CLI"_s);
    } else {
        QCOMPARE(t.error().kind, AzureError::Kind::Malformed);
    }
}

void TestAzureCliCredential::errorFor_data()
{
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("standardError");
    QTest::addColumn<QString>("messagePart");
    QTest::addColumn<QString>("code");
    QTest::newRow("not installed")
        << 127 << "sh: 1: az: not found"_ba << u"not installed"_s << QString();
    QTest::newRow("not signed in") << 1 << "ERROR: Please run 'az login' to setup account.\n"_ba
                                   << u"not signed in"_s << u"AzureCliNotSignedIn"_s;
    QTest::newRow("sign-in expired")
        << 1
        << "ERROR: AADSTS700082: The refresh token has expired due to inactivity.\nTo re-authenticate, please run:\naz login\n"_ba
        << u"AADSTS700082"_s << u"AzureCliNotSignedIn"_s;
    QTest::newRow("other failure") << 2 << "ERROR: Something else.\n"_ba
                                   << u"The Azure CLI failed: Something else."_s << QString();
    QTest::newRow("silent failure") << 3 << QByteArray() << u"exit code 3"_s << QString();
}

void TestAzureCliCredential::errorFor()
{
    QFETCH(int, exitCode);
    QFETCH(QByteArray, standardError);
    QFETCH(QString, messagePart);
    QFETCH(QString, code);
    const AzureError e = AzureCliCredential::errorFor(exitCode, standardError);
    QCOMPARE(e.kind, AzureError::Kind::Unauthenticated);
    QVERIFY2(e.message.contains(messagePart), qPrintable(e.message));
    QCOMPARE(e.code, code);
}

void TestAzureCliCredential::runsTheCli_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("signed in") << u"ok"_s << true << QString();
    QTest::newRow("older CLI") << u"old"_s << true << QString();
    QTest::newRow("not signed in") << u"notloggedin"_s << false << u"az login"_s;
    QTest::newRow("fails") << u"fail"_s << false << u"a reason of its own"_s;
}

void TestAzureCliCredential::runsTheCli()
{
    QFETCH(QString, mode);
    QFETCH(bool, ok);
    QFETCH(QString, messagePart);
    QFile::remove(m_argsFile);
    AzureCliCredential credential(fakeOptions(mode));
    QCOMPARE(credential.name(), u"Azure CLI"_s);
    const Result<AccessToken> t = get(credential, scope(u"https://vault.azure.net/.default"_s));
    QCOMPARE(t.ok(), ok);
    if (ok) {
        QCOMPARE(t->token, "a.b.c"_ba);
        QCOMPARE(t->source, TokenSource::AzureCli);
    } else {
        QCOMPARE(t.error().kind, AzureError::Kind::Unauthenticated);
        QVERIFY2(t.error().message.contains(messagePart), qPrintable(t.error().message));
    }
    QFile args(m_argsFile);
    QVERIFY(args.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(args.readAll()).split(u'\n', Qt::SkipEmptyParts),
             (QStringList{u"account"_s, u"get-access-token"_s, u"--output"_s, u"json"_s,
                          u"--scope"_s, u"https://vault.azure.net/.default"_s}));
}

void TestAzureCliCredential::timesOut()
{
    AzureCliOptions o = fakeOptions(u"slow"_s);
    o.timeout = std::chrono::milliseconds(300);
    AzureCliCredential credential(o);
    QElapsedTimer timer;
    timer.start();
    const Result<AccessToken> t = get(credential, scope(u"https://vault.azure.net/.default"_s));
    QVERIFY(!t.ok());
    QVERIFY2(t.error().message.contains("did not answer"_L1), qPrintable(t.error().message));
    QVERIFY(timer.elapsed() < 10000);
}

void TestAzureCliCredential::missingProgram()
{
    AzureCliOptions o = fakeOptions(u"ok"_s);
    o.program = m_dir.filePath(u"no-such-az"_s);
    AzureCliCredential credential(o);
    const Result<AccessToken> t = get(credential, scope(u"https://vault.azure.net/.default"_s));
    QVERIFY(!t.ok());
    QCOMPARE(t.error().kind, AzureError::Kind::Unauthenticated);
    QVERIFY2(t.error().message.contains("not installed"_L1), qPrintable(t.error().message));
}

void TestAzureCliCredential::tenantOverride()
{
    AzureCliOptions o = fakeOptions(u"ok"_s);
    o.tenantId = u"home"_s;
    o.additionallyAllowedTenants = {u"guest"_s};
    AzureCliCredential credential(o);
    QVERIFY(get(credential, scope(u"https://vault.azure.net/.default"_s, u"guest"_s)).ok());
    QFile args(m_argsFile);
    QVERIFY(args.open(QIODevice::ReadOnly));
    QVERIFY(QString::fromUtf8(args.readAll()).endsWith("--tenant\nguest\n"_L1));
    const QFuture<Result<AccessToken>> refused =
        credential.getToken(scope(u"https://vault.azure.net/.default"_s, u"stranger"_s));
    QVERIFY(refused.isFinished() && !refused.result().ok());
}

QTEST_GUILESS_MAIN(TestAzureCliCredential)
#include "tst_azureclicredential.moc"

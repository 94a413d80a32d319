// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/KeychainStore.h"

#include <qt6keychain/keychain.h>

#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace vl;

/**
 * The keychain store where there is no keychain: this test takes the D-Bus
 * session away before QtKeychain first looks for one, so every call fails as
 * on a machine without a Secret Service, and must say so plainly, after its
 * retries, without writing the secret anywhere else.
 */
class TestKeychainUnavailable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void errorsAreMapped_data();
    void errorsAreMapped();
    void writeFailsPlainlyAfterRetries();
    void readAndRemoveFailToo();

private:
    KeychainOptions options();
    int m_scheduled = 0;
};

void TestKeychainUnavailable::initTestCase()
{
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/vaultlens-no-bus");
    qunsetenv("DISPLAY");
}

KeychainOptions TestKeychainUnavailable::options()
{
    KeychainOptions o;
    o.service = u"VaultLens unavailable test"_s;
    o.attempts = 3;
    o.schedule = [this](std::chrono::milliseconds, std::function<void()> callback) {
        ++m_scheduled;
        QTimer::singleShot(1, QCoreApplication::instance(), std::move(callback));
    };
    return o;
}

void TestKeychainUnavailable::errorsAreMapped_data()
{
    QTest::addColumn<int>("error");
    QTest::addColumn<AzureError::Kind>("kind");
    QTest::addColumn<QString>("code");
    QTest::newRow("no backend") << int(QKeychain::NoBackendAvailable)
                                << AzureError::Kind::Unauthenticated << u"KeychainUnavailable"_s;
    QTest::newRow("other") << int(QKeychain::OtherError) << AzureError::Kind::Unauthenticated
                           << u"KeychainUnavailable"_s;
    QTest::newRow("denied") << int(QKeychain::AccessDenied) << AzureError::Kind::Unauthenticated
                            << u"KeychainAccessDenied"_s;
    QTest::newRow("denied by user")
        << int(QKeychain::AccessDeniedByUser) << AzureError::Kind::Unauthenticated
        << u"KeychainAccessDenied"_s;
    QTest::newRow("not found") << int(QKeychain::EntryNotFound) << AzureError::Kind::NotFound
                               << u"KeychainEntryNotFound"_s;
}

void TestKeychainUnavailable::errorsAreMapped()
{
    QFETCH(int, error);
    QFETCH(AzureError::Kind, kind);
    QFETCH(QString, code);
    const AzureError e = keychainError(error, u"detail text"_s, u"AzureCloud/a/b"_s);
    QCOMPARE(e.kind, kind);
    QCOMPARE(e.code, code);
    QCOMPARE(e.innerCode, QString::number(error));
    QVERIFY(!e.message.isEmpty());
}

void TestKeychainUnavailable::writeFailsPlainlyAfterRetries()
{
    KeychainStore store(options());
    m_scheduled = 0;
    const auto written =
        store.write({u"AzureCloud"_s, u"oid.tid"_s, u"refresh-token"_s}, "never-stored-secret");
    QTRY_VERIFY_WITH_TIMEOUT(written.isFinished(), 30000);
    const auto result = written.result();
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, u"KeychainUnavailable"_s);
    QCOMPARE(result.error().kind, AzureError::Kind::Unauthenticated);
    QVERIFY2(result.error().message.contains(u"keychain"_s), qPrintable(result.error().message));
    QVERIFY(!result.error().message.contains(u"never-stored-secret"_s));
    QCOMPARE(m_scheduled, 2); // three tries in all
}

void TestKeychainUnavailable::readAndRemoveFailToo()
{
    KeychainStore store(options());
    const auto read = store.read({u"AzureCloud"_s, u"oid.tid"_s, u"refresh-token"_s});
    const auto removed = store.removeAccount(u"AzureCloud"_s, u"oid.tid"_s);
    QTRY_VERIFY_WITH_TIMEOUT(read.isFinished() && removed.isFinished(), 30000);
    QCOMPARE(read.result().error().code, u"KeychainUnavailable"_s);
    QCOMPARE(removed.result().error().code, u"KeychainUnavailable"_s);
}

QTEST_GUILESS_MAIN(TestKeychainUnavailable)
#include "tst_keychainunavailable.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/KeychainStore.h"

#include <qt6keychain/keychain.h>

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace vl;

namespace {

template<typename T>
T waitFor(const QFuture<T> &future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 20000))
        qFatal("the keychain did not answer in time");
    return future.result();
}

/// What the keychain holds under @p key, read with QtKeychain directly (not through the store).
QByteArray rawRead(const QString &service, const QString &key, QKeychain::Error *error)
{
    QKeychain::ReadPasswordJob job(service);
    job.setAutoDelete(false);
    job.setKey(key);
    QSignalSpy done(&job, &QKeychain::Job::finished);
    job.start();
    if (!done.wait(10000)) {
        *error = QKeychain::OtherError;
        return {};
    }
    *error = job.error();
    return job.binaryData();
}

} // namespace

/**
 * The keychain store against the real Secret Service: the test command runs
 * every test inside a private D-Bus session with an unlocked, throwaway
 * gnome-keyring (scripts/test.sh).
 */
class TestKeychainStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void keyFormat_data();
    void keyFormat();
    void roundTrip();
    void binarySecretsSurvive();
    void indexListsThePurposes();
    void removeAccountDeletesEveryEntry();
    void accountsAreSeparate();
    void callsRunInOrder();
    void invalidKeysAreRefused();

private:
    KeychainOptions options() const;
    QString m_service;
    QString m_cloud = u"AzureCloud"_s;
};

void TestKeychainStore::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QFAIL("No D-Bus session: run the tests through scripts/test.sh");
    // A service of its own, so that the test never touches the app's entries.
    m_service = u"VaultLens test "_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

KeychainOptions TestKeychainStore::options() const
{
    KeychainOptions o;
    o.service = m_service;
    return o;
}

void TestKeychainStore::keyFormat_data()
{
    QTest::addColumn<QString>("cloud");
    QTest::addColumn<QString>("account");
    QTest::addColumn<QString>("purpose");
    QTest::addColumn<bool>("valid");
    QTest::newRow("normal") << u"AzureCloud"_s << u"oid.tid"_s << u"refresh-token"_s << true;
    QTest::newRow("slash in account") << u"AzureCloud"_s << u"a/b"_s << u"x"_s << false;
    QTest::newRow("empty purpose") << u"AzureCloud"_s << u"a"_s << QString() << false;
    QTest::newRow("line break") << u"Azure\nCloud"_s << u"a"_s << u"x"_s << false;
}

void TestKeychainStore::keyFormat()
{
    QFETCH(QString, cloud);
    QFETCH(QString, account);
    QFETCH(QString, purpose);
    QFETCH(bool, valid);
    const SecretKey key{cloud, account, purpose};
    QCOMPARE(key.isValid(), valid);
    QCOMPARE(key.toString(), cloud + u'/' + account + u'/' + purpose);
}

void TestKeychainStore::roundTrip()
{
    KeychainStore store(options());
    QCOMPARE(store.options().service, m_service);
    const SecretKey key{m_cloud, u"oid-1.tid-1"_s, u"refresh-token"_s};
    QVERIFY(waitFor(store.write(key, "0.AXoA-refresh-token-value")).ok());

    // Really in the keychain, under the service and the namespaced key.
    QKeychain::Error error = QKeychain::NoError;
    QCOMPARE(rawRead(m_service, u"AzureCloud/oid-1.tid-1/refresh-token"_s, &error),
             QByteArray("0.AXoA-refresh-token-value"));
    QCOMPARE(error, QKeychain::NoError);

    const auto read = waitFor(store.read(key));
    QVERIFY2(read.ok(), qPrintable(read.error().summary()));
    QCOMPARE(*read, QByteArray("0.AXoA-refresh-token-value"));

    QVERIFY(waitFor(store.write(key, "rotated")).ok());
    QCOMPARE(*waitFor(store.read(key)), QByteArray("rotated"));

    QVERIFY(waitFor(store.remove(key)).ok());
    const auto gone = waitFor(store.read(key));
    QVERIFY(!gone.ok());
    QCOMPARE(gone.error().kind, AzureError::Kind::NotFound);
    QCOMPARE(gone.error().code, u"KeychainEntryNotFound"_s);
    // Removing what is not there is not an error.
    QVERIFY(waitFor(store.remove(key)).ok());
}

void TestKeychainStore::binarySecretsSurvive()
{
    KeychainStore store(options());
    QByteArray secret;
    for (int i = 0; i < 256; ++i)
        secret.append(char(i));
    const SecretKey key{m_cloud, u"binary"_s, u"client-secret"_s};
    QVERIFY(waitFor(store.write(key, secret)).ok());
    QCOMPARE(*waitFor(store.read(key)), secret);
    QVERIFY(waitFor(store.removeAccount(m_cloud, u"binary"_s)).ok());
}

void TestKeychainStore::indexListsThePurposes()
{
    KeychainStore store(options());
    const QString account = u"indexed"_s;
    QCOMPARE(*waitFor(store.purposes(m_cloud, account)), QStringList());
    QVERIFY(waitFor(store.write({m_cloud, account, u"refresh-token"_s}, "a")).ok());
    QVERIFY(waitFor(store.write({m_cloud, account, u"client-secret"_s}, "b")).ok());
    QVERIFY(waitFor(store.write({m_cloud, account, u"refresh-token"_s}, "c")).ok());
    QCOMPARE(*waitFor(store.purposes(m_cloud, account)),
             (QStringList{u"refresh-token"_s, u"client-secret"_s}));
    QVERIFY(waitFor(store.remove({m_cloud, account, u"refresh-token"_s})).ok());
    QCOMPARE(*waitFor(store.purposes(m_cloud, account)), QStringList{u"client-secret"_s});
    // The index itself is reserved.
    QVERIFY(!waitFor(store.write({m_cloud, account, u"index"_s}, "x")).ok());
    QVERIFY(waitFor(store.removeAccount(m_cloud, account)).ok());
}

void TestKeychainStore::removeAccountDeletesEveryEntry()
{
    KeychainStore store(options());
    const QString account = u"leaving.tid"_s;
    for (const QString &purpose : {u"refresh-token"_s, u"client-secret"_s, u"other"_s})
        QVERIFY(waitFor(store.write({m_cloud, account, purpose}, purpose.toUtf8())).ok());
    QVERIFY(waitFor(store.removeAccount(m_cloud, account)).ok());
    for (const QString &purpose :
         {u"refresh-token"_s, u"client-secret"_s, u"other"_s, u"index"_s}) {
        QKeychain::Error error = QKeychain::NoError;
        rawRead(m_service, m_cloud + u'/' + account + u'/' + purpose, &error);
        QCOMPARE(error, QKeychain::EntryNotFound);
    }
    QCOMPARE(*waitFor(store.purposes(m_cloud, account)), QStringList());
    // Signing out twice is fine.
    QVERIFY(waitFor(store.removeAccount(m_cloud, account)).ok());
}

void TestKeychainStore::accountsAreSeparate()
{
    KeychainStore store(options());
    QVERIFY(waitFor(store.write({m_cloud, u"one"_s, u"refresh-token"_s}, "1")).ok());
    QVERIFY(waitFor(store.write({m_cloud, u"two"_s, u"refresh-token"_s}, "2")).ok());
    QVERIFY(waitFor(store.write({u"AzureChinaCloud"_s, u"one"_s, u"refresh-token"_s}, "3")).ok());
    QVERIFY(waitFor(store.removeAccount(m_cloud, u"one"_s)).ok());
    QVERIFY(!waitFor(store.read({m_cloud, u"one"_s, u"refresh-token"_s})).ok());
    QCOMPARE(*waitFor(store.read({m_cloud, u"two"_s, u"refresh-token"_s})), QByteArray("2"));
    QCOMPARE(*waitFor(store.read({u"AzureChinaCloud"_s, u"one"_s, u"refresh-token"_s})),
             QByteArray("3"));
    QVERIFY(waitFor(store.removeAccount(m_cloud, u"two"_s)).ok());
    QVERIFY(waitFor(store.removeAccount(u"AzureChinaCloud"_s, u"one"_s)).ok());
}

void TestKeychainStore::callsRunInOrder()
{
    // Made at once, they are answered in order, and the index sees every write.
    KeychainStore store(options());
    const QString account = u"busy"_s;
    QList<QFuture<Result<Done>>> writes;
    for (int i = 0; i < 5; ++i)
        writes.append(store.write({m_cloud, account, u"p%1"_s.arg(i)}, QByteArray::number(i)));
    const auto read = store.read({m_cloud, account, u"p4"_s});
    const auto purposes = store.purposes(m_cloud, account);
    for (const auto &w : writes)
        QVERIFY(waitFor(w).ok());
    QCOMPARE(*waitFor(read), QByteArray("4"));
    QCOMPARE(waitFor(purposes)->size(), 5);
    QVERIFY(waitFor(store.removeAccount(m_cloud, account)).ok());
}

void TestKeychainStore::invalidKeysAreRefused()
{
    KeychainStore store(options());
    const auto r = waitFor(store.write({m_cloud, u"a/b"_s, u"refresh-token"_s}, "x"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, AzureError::Kind::Malformed);
    QVERIFY(!waitFor(store.read({m_cloud, QString(), u"x"_s})).ok());
}

QTEST_GUILESS_MAIN(TestKeychainStore)
#include "tst_keychainstore.moc"

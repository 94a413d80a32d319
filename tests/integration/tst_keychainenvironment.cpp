// SPDX-License-Identifier: GPL-3.0-or-later
#include <qt6keychain/keychain.h>

#include <QEventLoop>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

/**
 * The test command runs every test inside a private D-Bus session with an unlocked,
 * throwaway gnome-keyring. This checks that environment with a real round trip
 * through QtKeychain and the Secret Service, so that the keychain store built on it
 * is tested against the real thing.
 */
class TestKeychainEnvironment : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
};

namespace {

template<typename Job>
QKeychain::Error run(Job &job)
{
    QSignalSpy done(&job, &QKeychain::Job::finished);
    job.start();
    if (!done.wait(10000))
        return QKeychain::OtherError;
    return job.error();
}

} // namespace

void TestKeychainEnvironment::roundTrip()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QFAIL("No D-Bus session: run the tests through scripts/test.sh");
    const QString service = u"VaultLens test "_s + QUuid::createUuid().toString();
    const QString key = u"probe"_s;
    const QByteArray value = "s3cr\xc3\xa9t-value";

    QKeychain::WritePasswordJob write(service);
    write.setAutoDelete(false);
    write.setKey(key);
    write.setBinaryData(value);
    QCOMPARE(run(write), QKeychain::NoError);

    QKeychain::ReadPasswordJob read(service);
    read.setAutoDelete(false);
    read.setKey(key);
    QCOMPARE(run(read), QKeychain::NoError);
    QCOMPARE(read.binaryData(), value);

    QKeychain::DeletePasswordJob remove(service);
    remove.setAutoDelete(false);
    remove.setKey(key);
    QCOMPARE(run(remove), QKeychain::NoError);

    QKeychain::ReadPasswordJob again(service);
    again.setAutoDelete(false);
    again.setKey(key);
    QCOMPARE(run(again), QKeychain::EntryNotFound);
}

QTEST_GUILESS_MAIN(TestKeychainEnvironment)
#include "tst_keychainenvironment.moc"

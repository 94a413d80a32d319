// SPDX-License-Identifier: GPL-3.0-or-later
#include "SandboxOptions.h"

#include <QTest>

using namespace Qt::StringLiterals;
using vl::sandbox::SandboxOptions;

class TestSandboxOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
};

void TestSandboxOptions::parse_data()
{
    QTest::addColumn<QStringList>("arguments"); // without the program name
    QTest::addColumn<QString>("errorContains"); // empty: no error expected
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("stateDir");
    QTest::addColumn<int>("seed");
    QTest::addColumn<int>("largeCount");
    QTest::addColumn<QString>("clientAddress");
    QTest::addColumn<bool>("printConfig");

    const int demo = int(SandboxOptions::Seed::Demo);
    const int empty = int(SandboxOptions::Seed::Empty);
    const int large = int(SandboxOptions::Seed::Large);
    const QString none;

    QTest::newRow("defaults") << QStringList() << none << 0 << none << demo << 0 << none << false;

    // --port
    QTest::newRow("port 0") << QStringList{u"--port"_s, u"0"_s} << none << 0 << none << demo << 0
                            << none << false;
    QTest::newRow("port 443") << QStringList{u"--port"_s, u"443"_s} << none << 443 << none << demo
                              << 0 << none << false;
    QTest::newRow("port 65535") << QStringList{u"--port"_s, u"65535"_s} << none << 65535 << none
                                << demo << 0 << none << false;
    QTest::newRow("port=8443") << QStringList{u"--port=8443"_s} << none << 8443 << none << demo << 0
                               << none << false;
    QTest::newRow("port 65536") << QStringList{u"--port"_s, u"65536"_s} << u"'65536'"_s << 0 << none
                                << demo << 0 << none << false;
    QTest::newRow("port abc") << QStringList{u"--port"_s, u"abc"_s} << u"'abc'"_s << 0 << none
                              << demo << 0 << none << false;
    QTest::newRow("port -1") << QStringList{u"--port"_s, u"-1"_s} << u"--port"_s << 0 << none
                             << demo << 0 << none << false;
    QTest::newRow("port empty") << QStringList{u"--port="_s} << u"--port"_s << 0 << none << demo
                                << 0 << none << false;
    QTest::newRow("port missing value")
        << QStringList{u"--port"_s} << u"port"_s << 0 << none << demo << 0 << none << false;

    // --state
    QTest::newRow("state") << QStringList{u"--state"_s, u"/tmp/vaultlens-state"_s} << none << 0
                           << u"/tmp/vaultlens-state"_s << demo << 0 << none << false;
    QTest::newRow("state missing value")
        << QStringList{u"--state"_s} << u"state"_s << 0 << none << demo << 0 << none << false;

    // --seed
    QTest::newRow("seed demo") << QStringList{u"--seed"_s, u"demo"_s} << none << 0 << none << demo
                               << 0 << none << false;
    QTest::newRow("seed empty") << QStringList{u"--seed"_s, u"empty"_s} << none << 0 << none
                                << empty << 0 << none << false;
    QTest::newRow("seed large:10") << QStringList{u"--seed"_s, u"large:10"_s} << none << 0 << none
                                   << large << 10 << none << false;
    QTest::newRow("seed large:1") << QStringList{u"--seed=large:1"_s} << none << 0 << none << large
                                  << 1 << none << false;
    QTest::newRow("seed large:1000000") << QStringList{u"--seed"_s, u"large:1000000"_s} << none << 0
                                        << none << large << 1000000 << none << false;
    QTest::newRow("seed large:1000001")
        << QStringList{u"--seed"_s, u"large:1000001"_s} << u"'1000001'"_s << 0 << none << demo << 0
        << none << false;
    QTest::newRow("seed large:0") << QStringList{u"--seed"_s, u"large:0"_s} << u"not '0'"_s << 0
                                  << none << demo << 0 << none << false;
    QTest::newRow("seed large:-5") << QStringList{u"--seed"_s, u"large:-5"_s} << u"'-5'"_s << 0
                                   << none << demo << 0 << none << false;
    QTest::newRow("seed large:x") << QStringList{u"--seed"_s, u"large:x"_s} << u"not 'x'"_s << 0
                                  << none << demo << 0 << none << false;
    QTest::newRow("seed large:") << QStringList{u"--seed"_s, u"large:"_s} << u"large:N"_s << 0
                                 << none << demo << 0 << none << false;
    QTest::newRow("seed other") << QStringList{u"--seed"_s, u"other"_s} << u"not 'other'"_s << 0
                                << none << demo << 0 << none << false;
    QTest::newRow("seed Demo (case)") << QStringList{u"--seed"_s, u"Demo"_s} << u"'Demo'"_s << 0
                                      << none << demo << 0 << none << false;

    // --client-address
    QTest::newRow("client public") << QStringList{u"--client-address"_s, u"203.0.113.10"_s} << none
                                   << 0 << none << demo << 0 << u"203.0.113.10"_s << false;
    QTest::newRow("client private") << QStringList{u"--client-address"_s, u"10.1.2.3"_s} << none
                                    << 0 << none << demo << 0 << u"10.1.2.3"_s << false;
    QTest::newRow("client bad octet")
        << QStringList{u"--client-address"_s, u"203.0.113.256"_s} << u"'203.0.113.256'"_s << 0
        << none << demo << 0 << u"203.0.113.256"_s << false;
    QTest::newRow("client CIDR") << QStringList{u"--client-address"_s, u"203.0.113.0/24"_s}
                                 << u"IPv4 address"_s << 0 << none << demo << 0
                                 << u"203.0.113.0/24"_s << false;
    QTest::newRow("client IPv6") << QStringList{u"--client-address"_s, u"::1"_s} << u"'::1'"_s << 0
                                 << none << demo << 0 << u"::1"_s << false;
    QTest::newRow("client host name")
        << QStringList{u"--client-address"_s, u"localhost"_s} << u"'localhost'"_s << 0 << none
        << demo << 0 << u"localhost"_s << false;

    // --print-config
    QTest::newRow("print-config") << QStringList{u"--print-config"_s} << none << 0 << none << demo
                                  << 0 << none << true;

    // Unknown options
    QTest::newRow("unknown option")
        << QStringList{u"--verbose"_s} << u"'verbose'"_s << 0 << none << demo << 0 << none << false;
    QTest::newRow("unknown short option")
        << QStringList{u"-x"_s} << u"'x'"_s << 0 << none << demo << 0 << none << false;

    QTest::newRow("positional argument")
        << QStringList{u"8443"_s} << u"8443"_s << 0 << none << demo << 0 << none << false;

    // Everything together
    QTest::newRow("all options") << QStringList{u"--port"_s,           u"8443"_s,
                                                u"--state"_s,          u"/var/lib/sandbox"_s,
                                                u"--seed"_s,           u"large:25"_s,
                                                u"--client-address"_s, u"198.51.100.7"_s,
                                                u"--print-config"_s}
                                 << none << 8443 << u"/var/lib/sandbox"_s << large << 25
                                 << u"198.51.100.7"_s << true;
}

void TestSandboxOptions::parse()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, errorContains);
    QFETCH(int, port);
    QFETCH(QString, stateDir);
    QFETCH(int, seed);
    QFETCH(int, largeCount);
    QFETCH(QString, clientAddress);
    QFETCH(bool, printConfig);

    const SandboxOptions o = SandboxOptions::parse(QStringList{u"vaultlens-sandbox"_s} + arguments);
    if (errorContains.isEmpty()) {
        QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
        QCOMPARE(int(o.port), port);
        QCOMPARE(o.stateDir, stateDir);
        QCOMPARE(int(o.seed), seed);
        QCOMPARE(o.largeCount, largeCount);
        QCOMPARE(o.clientAddress, clientAddress);
        QCOMPARE(o.printConfig, printConfig);
    } else {
        QVERIFY2(!o.error.isEmpty(), "an error was expected");
        QVERIFY2(o.error.contains(errorContains, Qt::CaseInsensitive),
                 qPrintable(u"'%1' not in '%2'"_s.arg(errorContains, o.error)));
    }
}

QTEST_GUILESS_MAIN(TestSandboxOptions)
#include "tst_sandboxoptions.moc"

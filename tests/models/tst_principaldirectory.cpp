// SPDX-License-Identifier: GPL-3.0-or-later
// The principals behind object ids (Graph on the sandbox), and the client address
// a vault saw for this machine (read from the journal of real requests).
#include "ClientAddress.h"
#include "PrincipalDirectory.h"
#include "SessionFixture.h"
#include "state/Seed.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using namespace vl::sandbox::DemoIds;

class tst_PrincipalDirectory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolvesKnownAndFlagsUnknown()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        PrincipalDirectory directory(f.session().graph(alice->id));
        QVERIFY(directory.hasGraph());
        const QString missing = u"00000000-0000-4000-8000-00000000dead"_s;
        QCOMPARE(directory.label(Dave), Dave); // not resolved yet: the id

        QSignalSpy resolved(&directory, &PrincipalDirectory::resolved);
        QSignalSpy failed(&directory, &PrincipalDirectory::failed);
        directory.resolve({Dave, Developers.toUpper(), CiPipeline, missing, Dave});
        // Applications (of compound identities) are resolved at the same time.
        QCOMPARE(directory.applicationLabel(ReportingApp), u"application "_s + ReportingApp);
        directory.resolveApplications({ReportingApp});
        QVERIFY(directory.isPending(Dave));
        QTRY_COMPARE_WITH_TIMEOUT(resolved.size(), 2, 20000);
        QVERIFY(failed.isEmpty());
        const QList<QVariant> idsAnswer =
            resolved.at(0).first().toStringList().size() == 1 ? resolved.at(1) : resolved.at(0);
        QCOMPARE(idsAnswer.first().toStringList().size(), 4); // duplicates asked once
        QCOMPARE(directory.applicationLabel(ReportingApp), u"reporting-app"_s);
        QCOMPARE(directory.findApplication(ReportingApp)->id, Reporting);
        resolved.clear();
        QVERIFY(!directory.isPending(Dave));
        QCOMPARE(directory.find(Dave)->kind, graph::PrincipalKind::User);
        QCOMPARE(directory.find(Developers)->kind, graph::PrincipalKind::Group);
        QCOMPARE(directory.find(CiPipeline)->kind, graph::PrincipalKind::ServicePrincipal);
        QVERIFY(directory.label(Dave).startsWith(u"Dave"_s));
        QVERIFY(!directory.find(missing)->isResolved());
        QCOMPARE(directory.label(missing), u"Unknown principal"_s);

        // Known ids are not asked again.
        const qsizetype before = f.session().journal().records().size();
        directory.resolve({Dave, CiPipeline});
        directory.resolveApplications({ReportingApp});
        QCOMPARE(f.session().journal().records().size(), before);
        QCOMPARE(resolved.size(), 0);
    }

    void withoutGraphEveryIdStaysUnknown()
    {
        PrincipalDirectory directory(std::nullopt);
        QSignalSpy failed(&directory, &PrincipalDirectory::failed);
        directory.resolve({Dave});
        QCOMPARE(failed.size(), 1);
        QVERIFY(!directory.find(Dave));
        QCOMPARE(directory.kindLabel(Dave), u"Not resolved"_s);
        QVERIFY(!principalIcon(graph::PrincipalKind::User).isNull());
        QVERIFY(!principalIcon(graph::PrincipalKind::Unknown).isNull());
    }

    void networkInfoHeader_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("address");
        QTest::newRow("service") << QByteArray(
            "conn_type=Ipv4;addr=203.0.113.10;act_addr_fam=InterNetwork;")
                                 << u"203.0.113.10"_s;
        QTest::newRow("spaces") << QByteArray(" conn_type=Ipv4; ADDR=198.51.100.7 ;")
                                << u"198.51.100.7"_s;
        QTest::newRow("none") << QByteArray("conn_type=Ipv4;") << QString();
        QTest::newRow("empty") << QByteArray() << QString();
    }

    void networkInfoHeader()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, address);
        QCOMPARE(addressFromNetworkInfo(header), address);
    }

    void observedFromAnswersAndDenials()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        QVERIFY(observedClientAddress(f.session().journal()).isEmpty());

        const QUrl dev = f.vaultUri(u"kv-contoso-dev"_s);
        const QUrl prod = f.vaultUri(u"kv-contoso-prod"_s);
        auto devClient = f.session().vault(alice->id, {}, dev);
        QVERIFY(ClientFixture::await(devClient->listSecrets()).ok());
        QCOMPARE(observedClientAddress(f.session().journal(), dev), DefaultClientAddress);
        QCOMPARE(observedClientAddress(f.session().journal()), DefaultClientAddress);

        // The firewall of prod refuses another address, and its denial names it.
        f.sandbox().sandbox().state().clientAddress = u"192.0.2.77"_s;
        auto prodClient = f.session().vault(alice->id, {}, prod);
        const auto denied = ClientFixture::await(prodClient->listSecrets());
        QVERIFY(!denied.ok());
        QCOMPARE(denied.error().kind, AzureError::Kind::Firewall);
        QCOMPARE(observedClientAddress(f.session().journal(), prod), u"192.0.2.77"_s);
        // Each vault's newest answer counts for it.
        QCOMPARE(observedClientAddress(f.session().journal(), dev), DefaultClientAddress);
    }
};

QTEST_MAIN(tst_PrincipalDirectory)
#include "tst_principaldirectory.moc"

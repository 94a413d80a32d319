// SPDX-License-Identifier: GPL-3.0-or-later
// Pinned and recent vaults: order, de-duplication, the cap, the settings; the
// vault location's serialisation.
#include "RecentVaults.h"
#include "TemporarySettings.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

namespace {

VaultLocation vault(const QString &name, const QString &account = u"alice"_s)
{
    VaultLocation l;
    l.accountId = account;
    l.tenantId = u"tenant"_s;
    l.subscriptionId = u"sub"_s;
    l.resourceGroup = u"rg"_s;
    l.name = name;
    l.vaultUri = QUrl(u"https://%1.vault.azure.net/"_s.arg(name));
    l.resourceId =
        u"/subscriptions/sub/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/"_s + name;
    l.cloud = u"AzureCloud"_s;
    return l;
}

QStringList names(const QList<VaultLocation> &list)
{
    QStringList n;
    for (const VaultLocation &l : list)
        n << l.name;
    return n;
}

} // namespace

class tst_RecentVaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void locationRoundTrip()
    {
        VaultLocation l = vault(u"kv-one"_s);
        QCOMPARE(VaultLocation::fromVariantMap(l.toVariantMap()), l);
        QCOMPARE(VaultLocation::fromJson(l.toJson()), l);
        QVERIFY(l.isValid());
        QVERIFY(l.hasResourceId());
        l.resourceId.clear();
        l.subscriptionId.clear();
        QCOMPARE(VaultLocation::fromJson(l.toJson()), l);
        QVERIFY(!l.hasResourceId());
        QVERIFY(!VaultLocation().isValid());
        VaultLocation http = l;
        http.vaultUri = QUrl(u"http://kv-one.vault.azure.net/"_s);
        QVERIFY(!http.isValid());
    }

    void keyAndName_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("same");
        QTest::newRow("trailing slash")
            << u"https://kv.vault.azure.net"_s << u"https://kv.vault.azure.net/"_s << true;
        QTest::newRow("case") << u"https://KV.Vault.Azure.NET/"_s
                              << u"https://kv.vault.azure.net/"_s << true;
        QTest::newRow("other vault")
            << u"https://kv.vault.azure.net/"_s << u"https://kv2.vault.azure.net/"_s << false;
        QTest::newRow("port") << u"https://127.0.0.1:4001/"_s << u"https://127.0.0.1:4002/"_s
                              << false;
    }

    void keyAndName()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, same);
        VaultLocation x = vault(u"x"_s);
        VaultLocation y = vault(u"x"_s);
        x.vaultUri = QUrl(a);
        y.vaultUri = QUrl(b);
        QCOMPARE(x.sameVault(y), same);
        y.accountId = u"bob"_s;
        QVERIFY(!x.sameVault(y));
    }

    void nameFromUri()
    {
        QCOMPARE(VaultLocation::nameFromUri(QUrl(u"https://kv-a.vault.azure.net/"_s),
                                            u".vault.azure.net"_s),
                 u"kv-a"_s);
        QCOMPARE(
            VaultLocation::nameFromUri(QUrl(u"https://127.0.0.1:4001/"_s), u".vault.azure.net"_s),
            u"127.0.0.1:4001"_s);
    }

    void orderDedupeAndCap()
    {
        TemporarySettings temporary;
        auto settings = temporary.settings();
        RecentVaults recent(settings.get());
        QSignalSpy changed(&recent, &RecentVaults::recentChanged);
        recent.recordOpened(vault(u"a"_s));
        recent.recordOpened(vault(u"b"_s));
        recent.recordOpened(vault(u"c"_s));
        QCOMPARE(names(recent.recent()), (QStringList{u"c"_s, u"b"_s, u"a"_s}));
        QCOMPARE(changed.size(), 3);

        // Opening a listed vault again moves it to the front, once.
        VaultLocation again = vault(u"a"_s);
        again.vaultUri = QUrl(u"https://A.vault.azure.net"_s);
        recent.recordOpened(again);
        QCOMPARE(names(recent.recent()), (QStringList{u"a"_s, u"c"_s, u"b"_s}));
        // The same vault through another account is another entry.
        recent.recordOpened(vault(u"b"_s, u"bob"_s));
        QCOMPARE(recent.recent().size(), 4);

        for (int i = 0; i < 20; ++i)
            recent.recordOpened(vault(u"v%1"_s.arg(i)));
        QCOMPARE(recent.recent().size(), RecentVaults::MaxRecent);
        QCOMPARE(recent.recent().first().name, u"v19"_s);
        QCOMPARE(recent.recent().last().name, u"v10"_s);

        recent.removeRecent(vault(u"v15"_s));
        QCOMPARE(recent.recent().size(), RecentVaults::MaxRecent - 1);
        recent.recordOpened(VaultLocation());
        QCOMPARE(recent.recent().size(), RecentVaults::MaxRecent - 1);
        recent.clearRecent();
        QVERIFY(recent.recent().isEmpty());
    }

    void pinning()
    {
        TemporarySettings temporary;
        auto settings = temporary.settings();
        RecentVaults recent(settings.get());
        QSignalSpy pinned(&recent, &RecentVaults::pinnedChanged);
        recent.pin(vault(u"b"_s));
        recent.pin(vault(u"a"_s));
        recent.pin(vault(u"b"_s));
        QCOMPARE(names(recent.pinned()), (QStringList{u"b"_s, u"a"_s}));
        QCOMPARE(pinned.size(), 2);
        QVERIFY(recent.isPinned(vault(u"a"_s)));
        QVERIFY(!recent.isPinned(vault(u"a"_s, u"bob"_s)));
        recent.unpin(vault(u"b"_s));
        QCOMPARE(names(recent.pinned()), (QStringList{u"a"_s}));
        QVERIFY(recent.recent().isEmpty());
    }

    void persistence()
    {
        TemporarySettings temporary;
        {
            auto settings = temporary.settings();
            RecentVaults recent(settings.get());
            recent.recordOpened(vault(u"a"_s));
            recent.recordOpened(vault(u"b"_s));
            VaultLocation byUri;
            byUri.accountId = u"alice"_s;
            byUri.name = u"127.0.0.1:4001"_s;
            byUri.vaultUri = QUrl(u"https://127.0.0.1:4001/"_s);
            byUri.cloud = u"VaultLensSandbox"_s;
            recent.recordOpened(byUri);
            recent.pin(vault(u"p"_s));
        }
        auto settings = temporary.settings();
        QVERIFY(settings->contains(u"navigation/recent"_s));
        QVERIFY(settings->contains(u"navigation/pinned"_s));
        RecentVaults recent(settings.get());
        QCOMPARE(names(recent.recent()), (QStringList{u"127.0.0.1:4001"_s, u"b"_s, u"a"_s}));
        QCOMPARE(recent.recent().at(1), vault(u"b"_s));
        QVERIFY(!recent.recent().first().hasResourceId());
        QCOMPARE(names(recent.pinned()), (QStringList{u"p"_s}));
    }

    void listModels()
    {
        TemporarySettings temporary;
        auto settings = temporary.settings();
        RecentVaults recent(settings.get());
        RecentVaultsModel recentModel(recent, RecentVaultsModel::List::Recent);
        RecentVaultsModel pinnedModel(recent, RecentVaultsModel::List::Pinned);
        QAbstractItemModelTester t1(&recentModel,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&pinnedModel,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        recent.recordOpened(vault(u"a"_s));
        recent.recordOpened(vault(u"b"_s));
        recent.pin(vault(u"a"_s));
        QCOMPARE(recentModel.rowCount(), 2);
        QCOMPARE(pinnedModel.rowCount(), 1);
        QCOMPARE(recentModel.index(0).data().toString(), u"b"_s);
        QCOMPARE(recentModel.index(0).data(RecentVaultsModel::LocationRole).value<VaultLocation>(),
                 vault(u"b"_s));
        QVERIFY(recentModel.index(0)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"https://b.vault.azure.net/"_s));
        QCOMPARE(pinnedModel.location(0), vault(u"a"_s));
    }
};

QTEST_MAIN(tst_RecentVaults)
#include "tst_recentvaults.moc"

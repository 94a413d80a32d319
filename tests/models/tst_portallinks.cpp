// SPDX-License-Identifier: GPL-3.0-or-later
#include "PortalLinks.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;

class tst_PortalLinks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void vault_data()
    {
        QTest::addColumn<int>("cloud");
        QTest::addColumn<QString>("resourceId");
        QTest::addColumn<QString>("expected");
        const QString id =
            u"/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-prod/providers/"
            "Microsoft.KeyVault/vaults/kv-prod"_s;
        QTest::newRow("public") << 0 << id
                                << QString(u"https://portal.azure.com/#@tenant-1/resource"_s + id
                                           + u"/overview"_s);
        QTest::newRow("china") << 1 << id
                               << QString(u"https://portal.azure.cn/#@tenant-1/resource"_s + id
                                          + u"/overview"_s);
        QTest::newRow("us government")
            << 2 << id
            << QString(u"https://portal.azure.us/#@tenant-1/resource"_s + id + u"/overview"_s);
        QTest::newRow("opened by URI: no resource id") << 0 << QString() << QString();
    }
    void vault()
    {
        QFETCH(int, cloud);
        QFETCH(QString, resourceId);
        QFETCH(QString, expected);
        const CloudProfile profile = CloudProfile::azureClouds().at(cloud);
        QCOMPARE(portal::vaultUrl(profile, u"tenant-1"_s, resourceId).toString(), expected);
    }

    void item()
    {
        const QString id = u"https://kv-prod.vault.azure.net/secrets/db-password"_s;
        QCOMPARE(
            portal::itemUrl(CloudProfile::azurePublic(), u"t"_s, VaultItemKind::Secret, id)
                .toString(),
            QString(u"https://portal.azure.com/#@t/asset/Microsoft_Azure_KeyVault/Secret/"_s + id));
        QVERIFY(portal::itemUrl(CloudProfile::azurePublic(), u"t"_s, VaultItemKind::Certificate,
                                u"https://kv.vault.azure.net/certificates/c"_s)
                    .toString()
                    .contains(u"/Certificate/https://"_s));
        QVERIFY(portal::itemUrl(CloudProfile::azurePublic(), u"t"_s, VaultItemKind::Key,
                                u"https://kv.vault.azure.net/keys/k"_s)
                    .toString()
                    .contains(u"/Key/https://"_s));
        QVERIFY(!portal::itemUrl(CloudProfile::azurePublic(), u"t"_s, VaultItemKind::Key,
                                 u"not a url"_s)
                     .isValid());
    }

    void sandboxHasNoPortal()
    {
        CloudProfile sandbox;
        sandbox.kind = CloudProfile::Kind::Sandbox;
        sandbox.portal = QUrl(u"http://127.0.0.1:1234"_s);
        QVERIFY(!portal::vaultUrl(sandbox, u"t"_s, u"/subscriptions/x/y"_s).isValid());
        QVERIFY(!portal::itemUrl(sandbox, u"t"_s, VaultItemKind::Secret,
                                 u"https://127.0.0.1:1/secrets/a"_s)
                     .isValid());
    }
};

QTEST_GUILESS_MAIN(tst_PortalLinks)
#include "tst_portallinks.moc"

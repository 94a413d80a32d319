// SPDX-License-Identifier: GPL-3.0-or-later
#include "arm/ResourceId.h"

#include <QTest>

using namespace Qt::StringLiterals;
using vl::arm::ResourceId;

namespace {

const QString Sub = u"/subscriptions/00000000-0000-0000-0000-000000000000"_s;
const QString Rg = Sub + u"/resourceGroups/sample-resource-group"_s;
const QString Vault = Rg + u"/providers/Microsoft.KeyVault/vaults/sample-vault"_s;

} // namespace

class TestResourceId : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void scopes();
    void scopeContains_data();
    void scopeContains();
};

void TestResourceId::parse_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("subscriptionId");
    QTest::addColumn<QString>("resourceGroup");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("resourceType");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("childType");
    QTest::addColumn<QString>("childName");

    const QString s = u"00000000-0000-0000-0000-000000000000"_s;
    const QString rg = u"sample-resource-group"_s;
    const QString kv = u"Microsoft.KeyVault"_s;

    QTest::newRow("subscription") << Sub << true << s << QString() << QString() << QString()
                                  << QString() << QString() << QString();
    QTest::newRow("resource group")
        << Rg << true << s << rg << QString() << QString() << QString() << QString() << QString();
    QTest::newRow("vault") << Vault << true << s << rg << kv << u"vaults"_s << u"sample-vault"_s
                           << QString() << QString();
    QTest::newRow("secret") << Vault + u"/secrets/db-password"_s << true << s << rg << kv
                            << u"vaults"_s << u"sample-vault"_s << u"secrets"_s << u"db-password"_s;
    QTest::newRow("key") << Vault + u"/keys/k1"_s << true << s << rg << kv << u"vaults"_s
                         << u"sample-vault"_s << u"keys"_s << u"k1"_s;
    QTest::newRow("child collection")
        << Vault + u"/certificates"_s << true << s << rg << kv << u"vaults"_s << u"sample-vault"_s
        << u"certificates"_s << QString();
    QTest::newRow("segment names case-insensitive")
        << u"/SUBSCRIPTIONS/sub1/RESOURCEGROUPS/RG1/PROVIDERS/microsoft.keyvault/VAULTS/v1"_s
        << true << u"sub1"_s << u"RG1"_s << u"microsoft.keyvault"_s << u"VAULTS"_s << u"v1"_s
        << QString() << QString();
    QTest::newRow("lower-case resourcegroups (as in denial messages)")
        << u"/subscriptions/sub1/resourcegroups/rg1/providers/microsoft.keyvault/vaults/v1"_s
        << true << u"sub1"_s << u"rg1"_s << u"microsoft.keyvault"_s << u"vaults"_s << u"v1"_s
        << QString() << QString();
    QTest::newRow("trailing slash") << Rg + u"/"_s << true << s << rg << QString() << QString()
                                    << QString() << QString() << QString();
    QTest::newRow("subscription-level provider")
        << u"/subscriptions/sub1/providers/Microsoft.Network/virtualNetworks/vn"_s << true
        << u"sub1"_s << QString() << u"Microsoft.Network"_s << u"virtualNetworks"_s << u"vn"_s
        << QString() << QString();
    QTest::newRow("subnet")
        << u"/subscriptions/subid/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/test-vnet/subnets/subnet1"_s
        << true << u"subid"_s << u"rg1"_s << u"Microsoft.Network"_s << u"virtualNetworks"_s
        << u"test-vnet"_s << u"subnets"_s << u"subnet1"_s;

    const QString none;
    QTest::newRow("root") << u"/"_s << false << none << none << none << none << none << none
                          << none;
    QTest::newRow("empty") << QString() << false << none << none << none << none << none << none
                           << none;
    QTest::newRow("subscriptions without id")
        << u"/subscriptions"_s << false << none << none << none << none << none << none << none;
    QTest::newRow("tenant-level role definition")
        << u"/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"_s
        << false << none << none << none << none << none << none << none;
    QTest::newRow("management group")
        << u"/providers/Microsoft.Management/managementGroups/mg1"_s << false << none << none
        << none << none << none << none << none;
    QTest::newRow("unknown segment after resource group")
        << Rg + u"/deployments/d1"_s << false << none << none << none << none << none << none
        << none;
    QTest::newRow("incomplete provider part")
        << Rg + u"/providers/Microsoft.KeyVault/vaults"_s << false << none << none << none << none
        << none << none << none;
}

void TestResourceId::parse()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    QFETCH(QString, subscriptionId);
    QFETCH(QString, resourceGroup);
    QFETCH(QString, provider);
    QFETCH(QString, resourceType);
    QFETCH(QString, name);
    QFETCH(QString, childType);
    QFETCH(QString, childName);

    const ResourceId r = ResourceId::parse(id);
    QCOMPARE(r.isValid(), valid);
    QCOMPARE(r.subscriptionId, subscriptionId);
    QCOMPARE(r.resourceGroup, resourceGroup);
    QCOMPARE(r.provider, provider);
    QCOMPARE(r.resourceType, resourceType);
    QCOMPARE(r.name, name);
    QCOMPARE(r.childType, childType);
    QCOMPARE(r.childName, childName);
}

void TestResourceId::scopes()
{
    const ResourceId r = ResourceId::parse(Vault + u"/secrets/s1"_s);
    QVERIFY(r.isValid());
    QCOMPARE(r.subscriptionScope(), Sub);
    QCOMPARE(r.resourceGroupScope(), Rg);
    QVERIFY(vl::arm::scopeContains(r.resourceGroupScope(), Vault + u"/secrets/s1"_s));
}

void TestResourceId::scopeContains_data()
{
    QTest::addColumn<QString>("scope");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<bool>("contains");

    const QString secret = Vault + u"/secrets/db-password"_s;

    QTest::newRow("root contains vault") << u"/"_s << Vault << true;
    QTest::newRow("root contains subscription") << u"/"_s << Sub << true;
    QTest::newRow("subscription contains vault") << Sub << Vault << true;
    QTest::newRow("subscription contains itself") << Sub << Sub << true;
    QTest::newRow("resource group contains vault") << Rg << Vault << true;
    QTest::newRow("resource group contains secret") << Rg << secret << true;
    QTest::newRow("resource group case-insensitive")
        << Sub + u"/RESOURCEGROUPS/Sample-Resource-Group"_s << Vault << true;
    QTest::newRow("vault id case-insensitive") << Vault.toLower() << secret << true;
    QTest::newRow("vault contains itself") << Vault << Vault << true;
    QTest::newRow("vault contains secret") << Vault << secret << true;
    QTest::newRow("vault contains key") << Vault << Vault + u"/keys/k1"_s << true;
    QTest::newRow("secret contains itself") << secret << secret << true;
    QTest::newRow("secret does not contain vault") << secret << Vault << false;
    QTest::newRow("secret does not contain sibling")
        << secret << Vault + u"/secrets/db-password2"_s << false;
    QTest::newRow("vault does not contain resource group") << Vault << Rg << false;
    QTest::newRow("vault does not contain other vault")
        << Vault << Rg + u"/providers/Microsoft.KeyVault/vaults/sample-vault2"_s << false;
    QTest::newRow("/subscriptions/a is not parent of /subscriptions/ab")
        << u"/subscriptions/a"_s << u"/subscriptions/ab"_s << false;
    QTest::newRow("/subscriptions/a is not parent of /subscriptions/ab/...")
        << u"/subscriptions/a"_s << u"/subscriptions/ab/resourceGroups/rg"_s << false;
    QTest::newRow("/subscriptions/a contains /subscriptions/a/...")
        << u"/subscriptions/a"_s << u"/subscriptions/a/resourceGroups/rg"_s << true;
    QTest::newRow("other subscription")
        << u"/subscriptions/11111111-1111-1111-1111-111111111111"_s << Vault << false;
    QTest::newRow("resource group prefix name")
        << Sub + u"/resourceGroups/sample"_s << Vault << false;
    QTest::newRow("scope trailing slash") << Rg + u"/"_s << Vault << true;
    QTest::newRow("scope trailing slash, prefix name")
        << u"/subscriptions/a/"_s << u"/subscriptions/ab"_s << false;
    QTest::newRow("resource trailing slash") << Rg << Rg + u"/"_s << true;
    QTest::newRow("scope longer than resource") << Vault << Sub << false;
}

void TestResourceId::scopeContains()
{
    QFETCH(QString, scope);
    QFETCH(QString, resource);
    QFETCH(bool, contains);

    QCOMPARE(vl::arm::scopeContains(scope, resource), contains);
}

QTEST_GUILESS_MAIN(TestResourceId)
#include "tst_resourceid.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/RoleCatalogue.h"
#include "journal/RoleSuggestion.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;

/// leastPrivilegedRole: the narrowest built-in role that allows an action.
class TestRoleSuggestion : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInRoles_data();
    void builtInRoles();
    void customRolesAreNotSuggested();
};

void TestRoleSuggestion::builtInRoles_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<bool>("data");
    QTest::addColumn<QString>("role");

    QTest::newRow("get secret") << u"Microsoft.KeyVault/vaults/secrets/getSecret/action"_s << true
                                << u"Key Vault Secrets User"_s;
    QTest::newRow("set secret") << u"Microsoft.KeyVault/vaults/secrets/setSecret/action"_s << true
                                << u"Key Vault Secrets Officer"_s;
    QTest::newRow("decrypt") << u"Microsoft.KeyVault/vaults/keys/decrypt/action"_s << true
                             << u"Key Vault Crypto User"_s;
    QTest::newRow("unwrap key") << u"Microsoft.KeyVault/vaults/keys/unwrap/action"_s << true
                                << u"Key Vault Crypto Service Encryption User"_s;
    QTest::newRow("sign") << u"Microsoft.KeyVault/vaults/keys/sign/action"_s << true
                          << u"Key Vault Crypto User"_s;
    QTest::newRow("create key") << u"Microsoft.KeyVault/vaults/keys/create/action"_s << true
                                << u"Key Vault Crypto Officer"_s;
    QTest::newRow("release key") << u"Microsoft.KeyVault/vaults/keys/release/action"_s << true
                                 << u"Key Vault Crypto Service Release User"_s;
    QTest::newRow("create certificate") << u"Microsoft.KeyVault/vaults/certificates/create/action"_s
                                        << true << u"Key Vault Certificates Officer"_s;
    QTest::newRow("write vault") << u"Microsoft.KeyVault/vaults/write"_s << false
                                 << u"Key Vault Contributor"_s;
    QTest::newRow("purge deleted vault")
        << u"Microsoft.KeyVault/locations/deletedVaults/purge/action"_s << false
        << u"Key Vault Purge Operator"_s;
    QTest::newRow("write role assignment") << u"Microsoft.Authorization/roleAssignments/write"_s
                                           << false << u"Role Based Access Control Administrator"_s;
    QTest::newRow("something only Owner and Contributor allow")
        << u"Microsoft.Compute/virtualMachines/write"_s << false << u"Contributor"_s;
    QTest::newRow("a data action no role has")
        << u"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"_s << true
        << QString();
    QTest::newRow("no action") << QString() << true << QString();
}

void TestRoleSuggestion::builtInRoles()
{
    QFETCH(QString, action);
    QFETCH(bool, data);
    QFETCH(QString, role);
    const arm::RoleDefinition *r =
        leastPrivilegedRole(access::RoleCatalogue::builtIn(), action, data);
    QCOMPARE(r ? r->roleName : QString(), role);
}

void TestRoleSuggestion::customRolesAreNotSuggested()
{
    access::RoleCatalogue catalogue;
    arm::RoleDefinition custom;
    custom.name = u"0f0f0f0f-0000-4000-8000-000000000001"_s;
    custom.id = u"/providers/Microsoft.Authorization/roleDefinitions/"_s + custom.name;
    custom.roleName = u"Just get"_s;
    custom.roleType = u"CustomRole"_s;
    arm::RolePermission p;
    p.dataActions = {u"Microsoft.KeyVault/vaults/secrets/getSecret/action"_s};
    custom.permissions = {p};
    catalogue.add(custom);
    const arm::RoleDefinition *r = leastPrivilegedRole(
        catalogue, u"Microsoft.KeyVault/vaults/secrets/getSecret/action"_s, true);
    QVERIFY(r);
    QCOMPARE(r->roleName, u"Key Vault Secrets User"_s);
}

QTEST_GUILESS_MAIN(TestRoleSuggestion)
#include "tst_rolesuggestion.moc"

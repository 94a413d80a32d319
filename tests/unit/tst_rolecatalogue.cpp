// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/RbacEvaluator.h"
#include "access/RoleCatalogue.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::access;

class TestRoleCatalogue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInRoles_data();
    void builtInRoles();
    void purgeOperatorIsKeptAsData();
    void lookups();
    void addReplacesByGuid();
    void dataAccessAdministratorCondition();
};

void TestRoleCatalogue::builtInRoles_data()
{
    QTest::addColumn<QString>("guid");
    QTest::addColumn<QString>("roleName");
    QTest::addColumn<QStringList>("actions");
    QTest::addColumn<QStringList>("notActions");
    QTest::addColumn<QStringList>("dataActions");
    QTest::addColumn<QStringList>("notDataActions");
    // Transcribed from the published role definitions (RBAC.md §1 and §2).
    QTest::newRow("Key Vault Administrator")
        << u"00482a5a-887f-4fb3-b363-3b7fe8e74483"_s << u"Key Vault Administrator"_s
        << QStringList{u"Microsoft.Authorization/*/read"_s,
                       u"Microsoft.Insights/alertRules/*"_s,
                       u"Microsoft.Resources/deployments/*"_s,
                       u"Microsoft.Resources/subscriptions/resourceGroups/read"_s,
                       u"Microsoft.Support/*"_s,
                       u"Microsoft.KeyVault/checkNameAvailability/read"_s,
                       u"Microsoft.KeyVault/deletedVaults/read"_s,
                       u"Microsoft.KeyVault/locations/*/read"_s,
                       u"Microsoft.KeyVault/vaults/*/read"_s,
                       u"Microsoft.KeyVault/operations/read"_s}
        << QStringList{} << QStringList{u"Microsoft.KeyVault/vaults/*"_s} << QStringList{};
    QTest::newRow("Key Vault Certificate User")
        << u"db79e9a7-68ee-4b58-9aeb-b90e7c24fcba"_s << u"Key Vault Certificate User"_s
        << QStringList{} << QStringList{}
        << QStringList{u"Microsoft.KeyVault/vaults/certificates/read"_s,
                       u"Microsoft.KeyVault/vaults/secrets/getSecret/action"_s,
                       u"Microsoft.KeyVault/vaults/secrets/readMetadata/action"_s,
                       u"Microsoft.KeyVault/vaults/keys/read"_s}
        << QStringList{};
    QTest::newRow("Key Vault Certificates Officer")
        << u"a4417e6f-fecd-4de8-b567-7b0420556985"_s << u"Key Vault Certificates Officer"_s
        << QStringList{u"Microsoft.Authorization/*/read"_s,
                       u"Microsoft.Insights/alertRules/*"_s,
                       u"Microsoft.Resources/deployments/*"_s,
                       u"Microsoft.Resources/subscriptions/resourceGroups/read"_s,
                       u"Microsoft.Support/*"_s,
                       u"Microsoft.KeyVault/checkNameAvailability/read"_s,
                       u"Microsoft.KeyVault/deletedVaults/read"_s,
                       u"Microsoft.KeyVault/locations/*/read"_s,
                       u"Microsoft.KeyVault/vaults/*/read"_s,
                       u"Microsoft.KeyVault/operations/read"_s}
        << QStringList{}
        << QStringList{u"Microsoft.KeyVault/vaults/certificatecas/*"_s,
                       u"Microsoft.KeyVault/vaults/certificates/*"_s,
                       u"Microsoft.KeyVault/vaults/certificatecontacts/write"_s}
        << QStringList{};
    QTest::newRow("Key Vault Contributor")
        << u"f25e0fa2-a7c8-4377-a976-54943a77a395"_s << u"Key Vault Contributor"_s
        << QStringList{u"Microsoft.Authorization/*/read"_s,
                       u"Microsoft.Insights/alertRules/*"_s,
                       u"Microsoft.KeyVault/*"_s,
                       u"Microsoft.Resources/deployments/*"_s,
                       u"Microsoft.Resources/subscriptions/resourceGroups/read"_s,
                       u"Microsoft.Support/*"_s}
        << QStringList{u"Microsoft.KeyVault/locations/deletedVaults/purge/action"_s,
                       u"Microsoft.KeyVault/hsmPools/*"_s, u"Microsoft.KeyVault/managedHsms/*"_s}
        << QStringList{} << QStringList{};
    QTest::newRow("Key Vault Crypto Officer")
        << u"14b46e9e-c2b7-41b4-b07b-48a6ebf60603"_s << u"Key Vault Crypto Officer"_s
        << QStringList{u"Microsoft.Authorization/*/read"_s,
                       u"Microsoft.Insights/alertRules/*"_s,
                       u"Microsoft.Resources/deployments/*"_s,
                       u"Microsoft.Resources/subscriptions/resourceGroups/read"_s,
                       u"Microsoft.Support/*"_s,
                       u"Microsoft.KeyVault/checkNameAvailability/read"_s,
                       u"Microsoft.KeyVault/deletedVaults/read"_s,
                       u"Microsoft.KeyVault/locations/*/read"_s,
                       u"Microsoft.KeyVault/vaults/*/read"_s,
                       u"Microsoft.KeyVault/operations/read"_s}
        << QStringList{}
        << QStringList{u"Microsoft.KeyVault/vaults/keys/*"_s,
                       u"Microsoft.KeyVault/vaults/keyrotationpolicies/*"_s}
        << QStringList{};
    QTest::newRow("Key Vault Crypto Service Encryption User")
        << u"e147488a-f6f5-4113-8e2d-b22465e65bf6"_s
        << u"Key Vault Crypto Service Encryption User"_s
        << QStringList{u"Microsoft.EventGrid/eventSubscriptions/write"_s,
                       u"Microsoft.EventGrid/eventSubscriptions/read"_s,
                       u"Microsoft.EventGrid/eventSubscriptions/delete"_s}
        << QStringList{}
        << QStringList{u"Microsoft.KeyVault/vaults/keys/read"_s,
                       u"Microsoft.KeyVault/vaults/keys/wrap/action"_s,
                       u"Microsoft.KeyVault/vaults/keys/unwrap/action"_s}
        << QStringList{};
    QTest::newRow("Key Vault Crypto Service Release User")
        << u"08bbd89e-9f13-488c-ac41-acfcb10c90ab"_s << u"Key Vault Crypto Service Release User"_s
        << QStringList{} << QStringList{}
        << QStringList{u"Microsoft.KeyVault/vaults/keys/release/action"_s} << QStringList{};
    QTest::newRow("Key Vault Crypto User")
        << u"12338af0-0e69-4776-bea7-57ae8d297424"_s << u"Key Vault Crypto User"_s << QStringList{}
        << QStringList{}
        << QStringList{u"Microsoft.KeyVault/vaults/keys/read"_s,
                       u"Microsoft.KeyVault/vaults/keys/update/action"_s,
                       u"Microsoft.KeyVault/vaults/keys/backup/action"_s,
                       u"Microsoft.KeyVault/vaults/keys/encrypt/action"_s,
                       u"Microsoft.KeyVault/vaults/keys/decrypt/action"_s,
                       u"Microsoft.KeyVault/vaults/keys/wrap/action"_s,
                       u"Microsoft.KeyVault/vaults/keys/unwrap/action"_s,
                       u"Microsoft.KeyVault/vaults/keys/sign/action"_s,
                       u"Microsoft.KeyVault/vaults/keys/verify/action"_s}
        << QStringList{};
    QTest::newRow("Key Vault Data Access Administrator")
        << u"8b54135c-b56d-4d72-a534-26097cfdc8d8"_s << u"Key Vault Data Access Administrator"_s
        << QStringList{u"Microsoft.Authorization/roleAssignments/write"_s,
                       u"Microsoft.Authorization/roleAssignments/delete"_s,
                       u"Microsoft.Authorization/*/read"_s,
                       u"Microsoft.Resources/deployments/*"_s,
                       u"Microsoft.Resources/subscriptions/resourceGroups/read"_s,
                       u"Microsoft.Resources/subscriptions/read"_s,
                       u"Microsoft.Management/managementGroups/read"_s,
                       u"Microsoft.Resources/deployments/*"_s,
                       u"Microsoft.Support/*"_s,
                       u"Microsoft.KeyVault/vaults/*/read"_s}
        << QStringList{} << QStringList{} << QStringList{};
    QTest::newRow("Key Vault Reader")
        << u"21090545-7ca7-4776-b22c-e363652d74d2"_s << u"Key Vault Reader"_s
        << QStringList{u"Microsoft.Authorization/*/read"_s,
                       u"Microsoft.Insights/alertRules/*"_s,
                       u"Microsoft.Resources/deployments/*"_s,
                       u"Microsoft.Resources/subscriptions/resourceGroups/read"_s,
                       u"Microsoft.Support/*"_s,
                       u"Microsoft.KeyVault/checkNameAvailability/read"_s,
                       u"Microsoft.KeyVault/deletedVaults/read"_s,
                       u"Microsoft.KeyVault/locations/*/read"_s,
                       u"Microsoft.KeyVault/vaults/*/read"_s,
                       u"Microsoft.KeyVault/operations/read"_s}
        << QStringList{}
        << QStringList{u"Microsoft.KeyVault/vaults/*/read"_s,
                       u"Microsoft.KeyVault/vaults/secrets/readMetadata/action"_s}
        << QStringList{};
    QTest::newRow("Key Vault Secrets Officer")
        << u"b86a8fe4-44ce-4948-aee5-eccb2c155cd7"_s << u"Key Vault Secrets Officer"_s
        << QStringList{u"Microsoft.Authorization/*/read"_s,
                       u"Microsoft.Insights/alertRules/*"_s,
                       u"Microsoft.Resources/deployments/*"_s,
                       u"Microsoft.Resources/subscriptions/resourceGroups/read"_s,
                       u"Microsoft.Support/*"_s,
                       u"Microsoft.KeyVault/checkNameAvailability/read"_s,
                       u"Microsoft.KeyVault/deletedVaults/read"_s,
                       u"Microsoft.KeyVault/locations/*/read"_s,
                       u"Microsoft.KeyVault/vaults/*/read"_s,
                       u"Microsoft.KeyVault/operations/read"_s}
        << QStringList{} << QStringList{u"Microsoft.KeyVault/vaults/secrets/*"_s} << QStringList{};
    QTest::newRow("Key Vault Secrets User")
        << u"4633458b-17de-408a-b874-0445c86b69e6"_s << u"Key Vault Secrets User"_s << QStringList{}
        << QStringList{}
        << QStringList{u"Microsoft.KeyVault/vaults/secrets/getSecret/action"_s,
                       u"Microsoft.KeyVault/vaults/secrets/readMetadata/action"_s}
        << QStringList{};
    QTest::newRow("Contributor")
        << u"b24988ac-6180-42a0-ab88-20f7382dd24c"_s << u"Contributor"_s << QStringList{u"*"_s}
        << QStringList{u"Microsoft.Authorization/*/Delete"_s,
                       u"Microsoft.Authorization/*/Write"_s,
                       u"Microsoft.Authorization/elevateAccess/Action"_s,
                       u"Microsoft.Blueprint/blueprintAssignments/write"_s,
                       u"Microsoft.Blueprint/blueprintAssignments/delete"_s,
                       u"Microsoft.Compute/galleries/share/action"_s,
                       u"Microsoft.Purview/consents/write"_s,
                       u"Microsoft.Purview/consents/delete"_s,
                       u"Microsoft.Resources/deploymentStacks/manageDenySetting/action"_s,
                       u"Microsoft.Subscription/cancel/action"_s,
                       u"Microsoft.Subscription/enable/action"_s}
        << QStringList{} << QStringList{};
    QTest::newRow("Owner") << u"8e3af657-a8ff-443c-a75c-2fe8c4bcb635"_s << u"Owner"_s
                           << QStringList{u"*"_s} << QStringList{} << QStringList{}
                           << QStringList{};
    QTest::newRow("Reader") << u"acdd72a7-3385-48ef-bd42-f606fba81ae7"_s << u"Reader"_s
                            << QStringList{u"*/read"_s} << QStringList{} << QStringList{}
                            << QStringList{};
    QTest::newRow("User Access Administrator")
        << u"18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"_s << u"User Access Administrator"_s
        << QStringList{u"*/read"_s, u"Microsoft.Authorization/*"_s, u"Microsoft.Support/*"_s}
        << QStringList{} << QStringList{} << QStringList{};
    QTest::newRow("Role Based Access Control Administrator")
        << u"f58310d9-a9f6-439a-9e8d-f62e7b41a168"_s << u"Role Based Access Control Administrator"_s
        << QStringList{u"Microsoft.Authorization/roleAssignments/write"_s,
                       u"Microsoft.Authorization/roleAssignments/delete"_s, u"*/read"_s,
                       u"Microsoft.Support/*"_s}
        << QStringList{} << QStringList{} << QStringList{};
}

void TestRoleCatalogue::builtInRoles()
{
    QFETCH(QString, guid);
    QFETCH(QString, roleName);
    QFETCH(QStringList, actions);
    QFETCH(QStringList, notActions);
    QFETCH(QStringList, dataActions);
    QFETCH(QStringList, notDataActions);
    const arm::RoleDefinition *d = RoleCatalogue::builtIn().find(guid);
    QVERIFY2(d, qPrintable(roleName));
    QCOMPARE(d->roleName, roleName);
    QCOMPARE(d->id, u"/providers/Microsoft.Authorization/roleDefinitions/"_s + guid);
    QCOMPARE(d->roleType, u"BuiltInRole"_s);
    QCOMPARE(d->assignableScopes, QStringList{u"/"_s});
    QCOMPARE(d->permissions.size(), 1);
    QCOMPARE(d->permissions[0].actions, actions);
    QCOMPARE(d->permissions[0].notActions, notActions);
    QCOMPARE(d->permissions[0].dataActions, dataActions);
    QCOMPARE(d->permissions[0].notDataActions, notDataActions);
    QVERIFY(!d->description.isEmpty());
}

void TestRoleCatalogue::purgeOperatorIsKeptAsData()
{
    const arm::RoleDefinition *d =
        RoleCatalogue::builtIn().find(QString(BuiltInRole::KeyVaultPurgeOperator));
    QVERIFY(d);
    QCOMPARE(d->roleName, u"Key Vault Purge Operator"_s);
    QVERIFY(RbacEvaluator::roleAllows(
        *d, u"Microsoft.KeyVault/locations/deletedVaults/purge/action"_s, false));
    QVERIFY(!RbacEvaluator::roleAllows(*d, u"Microsoft.KeyVault/vaults/write"_s, false));
    QCOMPARE(RoleCatalogue::builtIn().definitions().size(), 18);
}

void TestRoleCatalogue::lookups()
{
    const RoleCatalogue &c = RoleCatalogue::builtIn();
    const arm::RoleDefinition *byScopedId = c.find(
        u"/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleDefinitions/4633458B-17DE-408A-B874-0445C86B69E6"_s);
    QVERIFY(byScopedId);
    QCOMPARE(byScopedId->roleName, u"Key Vault Secrets User"_s);
    QVERIFY(c.findByName(u"key vault reader"_s));
    QCOMPARE(c.findByName(u"key vault reader"_s)->name, QString(BuiltInRole::KeyVaultReader));
    QVERIFY(!c.find(u"00000000-0000-0000-0000-000000000000"_s));
    QVERIFY(!c.findByName(u"Key Vault Wizard"_s));
}

void TestRoleCatalogue::addReplacesByGuid()
{
    RoleCatalogue c;
    const qsizetype before = c.definitions().size();
    arm::RoleDefinition custom;
    custom.name = u"11111111-2222-3333-4444-555555555555"_s;
    custom.id =
        u"/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/"_s + custom.name;
    custom.roleName = u"Secret Reader (custom)"_s;
    custom.roleType = u"CustomRole"_s;
    custom.permissions = {{{},
                           {},
                           {u"Microsoft.KeyVault/vaults/secrets/getSecret/action"_s},
                           {},
                           std::nullopt,
                           std::nullopt}};
    c.add(custom);
    QCOMPARE(c.definitions().size(), before + 1);
    custom.roleName = u"Renamed"_s;
    c.add(custom);
    QCOMPARE(c.definitions().size(), before + 1);
    QCOMPARE(c.find(custom.name)->roleName, u"Renamed"_s);
    // The shared built-in catalogue is not affected.
    QVERIFY(!RoleCatalogue::builtIn().find(custom.name));
}

void TestRoleCatalogue::dataAccessAdministratorCondition()
{
    const arm::RoleDefinition *d =
        RoleCatalogue::builtIn().find(QString(BuiltInRole::KeyVaultDataAccessAdministrator));
    QVERIFY(d);
    QVERIFY(d->permissions[0].condition.has_value());
    QCOMPARE(d->permissions[0].conditionVersion.value_or(QString()), u"2.0"_s);
}

QTEST_APPLESS_MAIN(TestRoleCatalogue)
#include "tst_rolecatalogue.moc"

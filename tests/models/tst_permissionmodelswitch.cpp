// SPDX-License-Identifier: GPL-3.0-or-later
// Switching a vault's permission model against the sandbox: who may switch, what the
// switch takes away and keeps, and the data plane before and after.
#include "PermissionModelSwitch.h"
#include "PrincipalDirectory.h"
#include "SessionFixture.h"
#include "access/RoleCatalogue.h"
#include "state/Seed.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using namespace vl::sandbox::DemoIds;

namespace {

arm::RoleAssignment assignment(const QString &principal, QLatin1StringView role,
                               const QString &scope)
{
    arm::RoleAssignment a;
    a.principalId = principal;
    a.roleDefinitionId = u"/providers/Microsoft.Authorization/roleDefinitions/"_s + role;
    a.scope = scope;
    return a;
}

} // namespace

class tst_PermissionModelSwitch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void consequencesToRbacAndBack()
    {
        arm::Vault vault;
        vault.id = u"/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/vaults/v"_s;
        arm::AccessPolicyEntry alice;
        alice.objectId = Alice;
        alice.permissions.secrets = QStringList{u"get"_s, u"list"_s};
        arm::AccessPolicyEntry dave;
        dave.objectId = Dave;
        dave.permissions.keys = QStringList{u"get"_s};
        vault.properties.accessPolicies = QList{alice, dave};
        const QList<arm::RoleAssignment> assignments{
            // A data role on the subscription reaches the vault.
            assignment(Erin, access::BuiltInRole::KeyVaultSecretsUser, u"/subscriptions/s"_s),
            // Owner has no data actions: it does not keep data-plane access.
            assignment(Alice, access::BuiltInRole::Owner, u"/subscriptions/s"_s),
            // A data role on one secret reaches that secret.
            assignment(Carol, access::BuiltInRole::KeyVaultSecretsUser,
                       vault.id + u"/secrets/one"_s),
            // Another vault's assignment does not.
            assignment(
                Dave, access::BuiltInRole::KeyVaultAdministrator,
                u"/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/vaults/w"_s),
        };
        const auto &roles = access::RoleCatalogue::builtIn();

        const PermissionModelConsequences toRbac =
            switchConsequences(vault, assignments, roles, Alice);
        QVERIFY(toRbac.toRbac);
        QCOMPARE(toRbac.policiesThatStop.size(), 2);
        QCOMPARE(toRbac.keepers.size(), 2);
        QCOMPARE(toRbac.keepers.at(0).first, Erin);
        QCOMPARE(toRbac.keepers.at(0).second, u"Key Vault Secrets User"_s);
        QCOMPARE(toRbac.keepers.at(1).first, Carol);
        QVERIFY(!toRbac.selfKeepsAccess);
        QVERIFY(switchConsequences(vault, assignments, roles, Erin).selfKeepsAccess);

        vault.properties.enableRbacAuthorization = true;
        const PermissionModelConsequences back =
            switchConsequences(vault, assignments, roles, Alice);
        QVERIFY(!back.toRbac);
        QCOMPARE(back.assignmentsThatStop.size(), 2);
        QCOMPARE(back.keepers.size(), 2);
        QCOMPARE(back.keepers.at(0).second, u"secrets: get, list"_s);
        QVERIFY(back.selfKeepsAccess);
    }

    void permissionsAllowHonoursNotActions()
    {
        arm::RolePermission p;
        p.actions = QStringList{u"*"_s};
        p.notActions = QStringList{u"Microsoft.Authorization/*/Write"_s};
        QVERIFY(permissionsAllow({p}, u"Microsoft.KeyVault/vaults/write"_s));
        QVERIFY(!permissionsAllow({p}, PermissionModelSwitch::SwitchAction));
        QVERIFY(!permissionsAllow({}, u"Microsoft.KeyVault/vaults/read"_s));
    }

    void ownerSwitchesAndTheDataPlaneFollows()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        const VaultLocation location = f.vaultLocation(*alice, u"kv-contoso-dev"_s);
        auto data = f.session().vault(alice->id, {}, location.vaultUri);
        QVERIFY(data);
        QVERIFY(ClientFixture::await(data->listSecrets()).ok());

        PermissionModelSwitch model(f.session(), location);
        QSignalSpy loaded(&model, &PermissionModelSwitch::loaded);
        model.load();
        QVERIFY(loaded.wait(20000));
        QVERIFY(!model.usesRbac());
        QVERIFY(model.canSwitch()); // Owner of the subscription
        const PermissionModelConsequences c = model.consequences();
        QVERIFY(c.toRbac);
        QCOMPARE(c.policiesThatStop.size(), 3); // alice, ci-pipeline, Developers
        QVERIFY(c.keepers.isEmpty());           // nobody holds a data role there
        QVERIFY(!c.selfKeepsAccess);
        QTRY_VERIFY_WITH_TIMEOUT(model.directory().find(Alice) != nullptr, 20000);
        QCOMPARE(model.directory().find(Alice)->kind, graph::PrincipalKind::User);

        QSignalSpy switched(&model, &PermissionModelSwitch::switched);
        model.switchModel();
        QVERIFY(switched.wait(20000));
        QCOMPARE(switched.first().first().toBool(), true);
        const auto denied = ClientFixture::await(data->listSecrets());
        QVERIFY(!denied.ok());
        QCOMPARE(denied.error().kind, AzureError::Kind::Rbac);

        model.switchModel();
        QVERIFY(switched.wait(20000));
        QCOMPARE(switched.last().first().toBool(), false);
        QVERIFY(ClientFixture::await(data->listSecrets()).ok());
    }

    void readerMayNotSwitch()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> erin = f.signIn(u"erin@contoso.example"_s);
        QVERIFY2(erin.ok(), qPrintable(erin.error().summary()));
        const VaultLocation location = f.vaultLocation(*erin, u"kv-contoso-apps"_s);
        PermissionModelSwitch model(f.session(), location);
        QSignalSpy loaded(&model, &PermissionModelSwitch::loaded);
        model.load();
        QVERIFY(loaded.wait(20000));
        QVERIFY(model.usesRbac());
        QVERIFY(!model.canSwitch());

        // The service refuses it too.
        QSignalSpy failed(&model, &PermissionModelSwitch::failed);
        model.switchModel();
        QVERIFY(failed.wait(20000));
        QCOMPARE(failed.first().first().value<AzureError>().kind, AzureError::Kind::Rbac);
    }
};

QTEST_MAIN(tst_PermissionModelSwitch)
#include "tst_permissionmodelswitch.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// ArmClient against the sandbox through the app's real pipeline: every call, as the
// automation service principal (Owner) and as users with fewer rights.
#include "ClientFixture.h"
#include "access/ActionPattern.h"
#include "arm/ArmClient.h"
#include "arm/ResourceId.h"
#include "journal/RequestRecord.h"
#include "state/Seed.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::arm;
using namespace vl::sandbox::DemoIds;
using vl::test::ClientFixture;

namespace {

QString vaultId(const QString &subscription, const QString &group, const QString &name)
{
    return u"/subscriptions/"_s + subscription + u"/resourceGroups/"_s + group
           + u"/providers/Microsoft.KeyVault/vaults/"_s + name;
}

const QString ProdVault = vaultId(ProductionSubscription, u"rg-security"_s, u"kv-contoso-prod"_s);
const QString AppsVault = vaultId(ProductionSubscription, u"rg-apps"_s, u"kv-contoso-apps"_s);
const QString DevVault = vaultId(DevelopmentSubscription, u"rg-dev"_s, u"kv-contoso-dev"_s);
const QString PrivateVault =
    vaultId(ProductionSubscription, u"rg-security"_s, u"kv-contoso-private"_s);
const QString ProdScope = u"/subscriptions/"_s + ProductionSubscription;
const QString SecretsUser = u"4633458b-17de-408a-b874-0445c86b69e6"_s;

template<typename T>
Result<T> await(const QFuture<Result<T>> &future)
{
    return ClientFixture::await(future);
}

template<typename T>
QStringList names(const QList<T> &items)
{
    QStringList out;
    for (const T &item : items)
        out.append(item.name);
    return out;
}

/// Fails the test unless @p result is an error of @p kind with error code @p code.
#define VERIFY_ERROR(result, expectedKind, expectedCode)                                           \
    do {                                                                                           \
        QVERIFY2(!(result).ok(), "the call succeeded");                                            \
        QCOMPARE((result).error().kind, expectedKind);                                             \
        QCOMPARE((result).error().code, QString(expectedCode));                                    \
    } while (false)

} // namespace

class TestArmClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tenants();
    void subscriptions();
    void resourceGroups();
    void listVaults();
    void getVault();
    void userWithoutRightsGets403();
    void updateVault();
    void accessPolicies();
    void accessPoliciesNeedTheRight();
    void roleAssignments();
    void roleDefinitions();
    void myPermissions();
    void createAndDeleteRoleAssignment();
    void privateEndpointConnections();
    void resourceGraphInventory();
    void throttledCallsAreRetried();

private:
    [[nodiscard]] ArmClient automation() const { return m_automation; }
    [[nodiscard]] ArmClient asUser(const QString &upn)
    {
        return ArmClient(m_fixture->userPipeline(upn), m_fixture->resourceManager());
    }

    std::unique_ptr<ClientFixture> m_fixture;
    ArmClient m_automation{nullptr, QUrl()};
};

void TestArmClient::initTestCase()
{
    m_fixture = std::make_unique<ClientFixture>();
    QVERIFY2(m_fixture->isRunning(), qPrintable(m_fixture->sandbox().startError()));
    m_automation = ArmClient(m_fixture->automationPipeline(), m_fixture->resourceManager());
}

void TestArmClient::tenants()
{
    const auto page = await(automation().listTenants());
    QVERIFY2(page.ok(), qPrintable(page.error().summary()));
    QVERIFY(!page->hasMore());
    const auto contoso = std::find_if(page->items.begin(), page->items.end(),
                                      [](const Tenant &t) { return t.tenantId == ContosoTenant; });
    QVERIFY(contoso != page->items.end());
    QCOMPARE(contoso->id, u"/tenants/"_s + ContosoTenant);
    QCOMPARE(contoso->displayName, u"Contoso"_s);
    QCOMPARE(contoso->defaultDomain, u"contoso.example"_s);
    QVERIFY(contoso->isHome());

    // The request went through the journal as a Resource Manager call.
    const QList<RequestRecord> &records = m_fixture->journal().records();
    QVERIFY(std::any_of(records.begin(), records.end(), [](const RequestRecord &r) {
        return r.service == Service::ResourceManager && r.operation == "list tenants"_L1
               && r.status == 200 && r.method == "GET";
    }));
}

void TestArmClient::subscriptions()
{
    const auto page = await(automation().listSubscriptions());
    QVERIFY2(page.ok(), qPrintable(page.error().summary()));
    QStringList ids;
    for (const Subscription &s : page->items) {
        ids.append(s.subscriptionId);
        QCOMPARE(s.tenantId, ContosoTenant);
        QCOMPARE(s.id, u"/subscriptions/"_s + s.subscriptionId);
        QVERIFY(s.isUsable());
    }
    QVERIFY(ids.contains(ProductionSubscription));
    QVERIFY(ids.contains(DevelopmentSubscription));

    const auto one = await(automation().getSubscription(ProductionSubscription));
    QVERIFY2(one.ok(), qPrintable(one.error().summary()));
    QCOMPARE(one->subscriptionId, ProductionSubscription);
    QVERIFY(!one->displayName.isEmpty());

    const auto missing =
        await(automation().getSubscription(u"00000000-0000-4000-8000-00000000dead"_s));
    VERIFY_ERROR(missing, AzureError::Kind::NotFound, u"SubscriptionNotFound"_s);
    QCOMPARE(missing.error().status, 404);
}

void TestArmClient::resourceGroups()
{
    const auto page = await(automation().listResourceGroups(ProductionSubscription));
    QVERIFY2(page.ok(), qPrintable(page.error().summary()));
    const QStringList groups = names(page->items);
    QVERIFY2(groups.contains(u"rg-security"_s), qPrintable(groups.join(u", "_s)));
    QVERIFY(groups.contains(u"rg-apps"_s));
    QVERIFY(!groups.contains(u"rg-dev"_s));
    for (const ResourceGroup &g : page->items) {
        QCOMPARE(g.type, u"Microsoft.Resources/resourceGroups"_s);
        QCOMPARE(g.provisioningState, std::optional<QString>(u"Succeeded"_s));
        QCOMPARE(ResourceId::parse(g.id).subscriptionId, ProductionSubscription);
    }

    const auto missing =
        await(automation().listResourceGroups(u"00000000-0000-4000-8000-00000000dead"_s));
    VERIFY_ERROR(missing, AzureError::Kind::NotFound, u"SubscriptionNotFound"_s);
}

void TestArmClient::listVaults()
{
    const auto all = await(automation().listVaults(ProductionSubscription));
    QVERIFY2(all.ok(), qPrintable(all.error().summary()));
    const QStringList vaults = names(all->items);
    for (const QString &name :
         {u"kv-contoso-prod"_s, u"kv-contoso-apps"_s, u"kv-contoso-private"_s})
        QVERIFY2(vaults.contains(name), qPrintable(vaults.join(u", "_s)));
    QVERIFY(!vaults.contains(u"kv-contoso-dev"_s));

    const auto group = await(automation().listVaults(ProductionSubscription, u"rg-apps"_s));
    QVERIFY2(group.ok(), qPrintable(group.error().summary()));
    QCOMPARE(names(group->items), QStringList{u"kv-contoso-apps"_s});
    QVERIFY(group->items.first().properties.usesRbac());

    const auto noGroup = await(automation().listVaults(ProductionSubscription, u"rg-none"_s));
    VERIFY_ERROR(noGroup, AzureError::Kind::NotFound, u"ResourceGroupNotFound"_s);
}

void TestArmClient::getVault()
{
    const auto vault = await(automation().getVault(ProdVault));
    QVERIFY2(vault.ok(), qPrintable(vault.error().summary()));
    QCOMPARE(vault->id, ProdVault);
    QCOMPARE(vault->name, u"kv-contoso-prod"_s);
    QCOMPARE(QUrl(vault->properties.vaultUri.value_or(QString())),
             m_fixture->vaultUri(u"kv-contoso-prod"_s));
    QVERIFY(!vault->properties.usesRbac());
    QVERIFY(vault->properties.accessPolicies.has_value());
    QVERIFY(vault->properties.networkAcls.has_value());

    const auto missing = await(
        automation().getVault(vaultId(ProductionSubscription, u"rg-security"_s, u"kv-gone"_s)));
    VERIFY_ERROR(missing, AzureError::Kind::NotFound, u"ResourceNotFound"_s);
    QCOMPARE(missing.error().status, 404);
    QVERIFY(!missing.error().requestId.isEmpty());
}

void TestArmClient::userWithoutRightsGets403()
{
    // Dave holds no role at the production subscription.
    const ArmClient dave = asUser(u"dave@contoso.example"_s);
    const auto vault = await(dave.getVault(ProdVault));
    VERIFY_ERROR(vault, AzureError::Kind::Rbac, u"AuthorizationFailed"_s);
    QCOMPARE(vault.error().status, 403);
    QCOMPARE(vault.error().action, u"Microsoft.KeyVault/vaults/read"_s);
    QCOMPARE(vault.error().scope, ProdVault);
    QCOMPARE(vault.error().callerObjectId, Dave);

    // Lists leave out what the caller may not read, as Resource Manager does.
    const auto list = await(dave.listVaults(ProductionSubscription, u"rg-security"_s));
    QVERIFY2(list.ok(), qPrintable(list.error().summary()));
    QVERIFY(list->items.isEmpty());
}

void TestArmClient::updateVault()
{
    const auto before = await(automation().getVault(DevVault));
    QVERIFY2(before.ok(), qPrintable(before.error().summary()));

    VaultPatchParameters patch;
    patch.tags = QMap<QString, QString>{{u"owner"_s, u"platform"_s}};
    patch.properties.enabledForDeployment = true;
    const auto after = await(automation().updateVault(DevVault, patch));
    QVERIFY2(after.ok(), qPrintable(after.error().summary()));
    QCOMPARE(after->tags, patch.tags);
    QCOMPARE(after->properties.enabledForDeployment, std::optional<bool>(true));
    // What the PATCH did not name is left as it was.
    QCOMPARE(after->properties.accessPolicies, before->properties.accessPolicies);
    QCOMPARE(after->properties.networkAcls, before->properties.networkAcls);
    QCOMPARE(after->properties.tenantId, before->properties.tenantId);

    // Erin is a Reader: she may read the vault but not change it.
    const ArmClient erin = asUser(u"erin@contoso.example"_s);
    QVERIFY(await(erin.getVault(ProdVault)).ok());
    const auto denied = await(erin.updateVault(ProdVault, patch));
    VERIFY_ERROR(denied, AzureError::Kind::Rbac, u"AuthorizationFailed"_s);
    QCOMPARE(denied.error().action, u"Microsoft.KeyVault/vaults/write"_s);
    QCOMPARE(denied.error().scope, ProdVault);

    // The service's own validation comes back as a 400.
    VaultPatchParameters invalid;
    invalid.properties.softDeleteRetentionInDays = 3;
    const auto bad = await(automation().updateVault(DevVault, invalid));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().status, 400);
}

void TestArmClient::accessPolicies()
{
    auto entryFor = [](const Vault &v,
                       const QString &objectId) -> std::optional<AccessPolicyEntry> {
        for (const AccessPolicyEntry &e :
             v.properties.accessPolicies.value_or(QList<AccessPolicyEntry>{}))
            if (e.objectId == objectId)
                return e;
        return std::nullopt;
    };
    const auto vault = await(automation().getVault(DevVault));
    QVERIFY2(vault.ok(), qPrintable(vault.error().summary()));
    QVERIFY(!entryFor(*vault, Carol));
    const int entries = int(vault->properties.accessPolicies->size());

    AccessPolicyEntry carol;
    carol.tenantId = vault->properties.tenantId;
    carol.objectId = Carol;
    carol.permissions.secrets = QStringList{u"get"_s, u"list"_s};
    const auto added =
        await(automation().updateAccessPolicies(DevVault, AccessPolicyOperation::Add, {carol}));
    QVERIFY2(added.ok(), qPrintable(added.error().summary()));
    QCOMPARE(added->name, std::optional<QString>(u"add"_s));
    QCOMPARE(added->type, std::optional<QString>(u"Microsoft.KeyVault/vaults/accessPolicies"_s));
    QCOMPARE(added->accessPolicies, QList<AccessPolicyEntry>{carol});

    auto current = await(automation().getVault(DevVault));
    QVERIFY(current.ok());
    QCOMPARE(int(current->properties.accessPolicies->size()), entries + 1);
    QCOMPARE(entryFor(*current, Carol)->permissions.secrets, carol.permissions.secrets);

    AccessPolicyEntry replacement = carol;
    replacement.permissions.secrets = QStringList{u"get"_s};
    replacement.permissions.keys = QStringList{u"get"_s};
    QVERIFY(await(automation().updateAccessPolicies(DevVault, AccessPolicyOperation::Replace,
                                                    {replacement}))
                .ok());
    current = await(automation().getVault(DevVault));
    QCOMPARE(entryFor(*current, Carol)->permissions.secrets, replacement.permissions.secrets);
    QCOMPARE(entryFor(*current, Carol)->permissions.keys, replacement.permissions.keys);

    QVERIFY(await(automation().updateAccessPolicies(DevVault, AccessPolicyOperation::Remove,
                                                    {replacement}))
                .ok());
    current = await(automation().getVault(DevVault));
    QVERIFY(!entryFor(*current, Carol));
    QCOMPARE(int(current->properties.accessPolicies->size()), entries);

    // An entry of another tenant is refused with a 400.
    AccessPolicyEntry foreign = carol;
    foreign.tenantId = FabrikamTenant;
    const auto refused =
        await(automation().updateAccessPolicies(DevVault, AccessPolicyOperation::Add, {foreign}));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().status, 400);
}

void TestArmClient::accessPoliciesNeedTheRight()
{
    AccessPolicyEntry self;
    self.tenantId = ContosoTenant;
    self.objectId = Erin;
    self.permissions.secrets = QStringList{u"get"_s};
    const auto denied =
        await(asUser(u"erin@contoso.example"_s)
                  .updateAccessPolicies(ProdVault, AccessPolicyOperation::Add, {self}));
    VERIFY_ERROR(denied, AzureError::Kind::Rbac, u"AuthorizationFailed"_s);
    QCOMPARE(denied.error().action, u"Microsoft.KeyVault/vaults/accessPolicies/write"_s);
    QCOMPARE(denied.error().scope, ProdVault);

    const auto missing = await(automation().updateAccessPolicies(
        vaultId(ProductionSubscription, u"rg-security"_s, u"kv-gone"_s), AccessPolicyOperation::Add,
        {self}));
    VERIFY_ERROR(missing, AzureError::Kind::NotFound, u"ResourceNotFound"_s);
}

void TestArmClient::roleAssignments()
{
    const auto inherited = await(automation().listRoleAssignments(AppsVault));
    QVERIFY2(inherited.ok(), qPrintable(inherited.error().summary()));
    auto has = [](const Page<RoleAssignment> &page, const QString &principal,
                  const QString &scope) {
        return std::any_of(page.items.begin(), page.items.end(), [&](const RoleAssignment &a) {
            return a.principalId == principal && a.scope.compare(scope, Qt::CaseInsensitive) == 0;
        });
    };
    // atScope(): the vault's own assignments and those inherited from above, not below.
    QVERIFY(has(*inherited, Developers, AppsVault));
    QVERIFY(has(*inherited, Alice, ProdScope));
    QVERIFY(!has(*inherited, WebApp, AppsVault + u"/secrets/web-app-client-secret"_s));

    const auto all = await(automation().listRoleAssignments(AppsVault, RoleAssignmentFilter::All));
    QVERIFY2(all.ok(), qPrintable(all.error().summary()));
    QVERIFY(has(*all, WebApp, AppsVault + u"/secrets/web-app-client-secret"_s));
    QVERIFY(all->items.size() > inherited->items.size());

    const auto erins = await(automation().listRoleAssignmentsForPrincipal(ProdScope, Erin));
    QVERIFY2(erins.ok(), qPrintable(erins.error().summary()));
    QVERIFY(!erins->items.isEmpty());
    for (const RoleAssignment &a : erins->items)
        QCOMPARE(a.principalId, Erin);

    const auto denied = await(asUser(u"dave@contoso.example"_s).listRoleAssignments(ProdVault));
    VERIFY_ERROR(denied, AzureError::Kind::Rbac, u"AuthorizationFailed"_s);
    QCOMPARE(denied.error().action, u"Microsoft.Authorization/roleAssignments/read"_s);
}

void TestArmClient::roleDefinitions()
{
    const auto all = await(automation().listRoleDefinitions(AppsVault));
    QVERIFY2(all.ok(), qPrintable(all.error().summary()));
    QVERIFY(all->items.size() > 10);
    const auto byName =
        await(automation().listRoleDefinitions(AppsVault, u"Key Vault Secrets User"_s));
    QVERIFY2(byName.ok(), qPrintable(byName.error().summary()));
    QCOMPARE(byName->items.size(), 1);
    const RoleDefinition &role = byName->items.first();
    QCOMPARE(role.name, SecretsUser);
    QVERIFY(role.permissions.first().dataActions.contains(
        u"Microsoft.KeyVault/vaults/secrets/getSecret/action"_s));

    const auto byId = await(automation().getRoleDefinition(role.id));
    QVERIFY2(byId.ok(), qPrintable(byId.error().summary()));
    QCOMPARE(byId->roleName, u"Key Vault Secrets User"_s);
    QCOMPARE(byId->permissions, role.permissions);

    const auto missing = await(automation().getRoleDefinition(
        ProdScope
        + u"/providers/Microsoft.Authorization/roleDefinitions/00000000-0000-4000-8000-00000000dead"_s));
    VERIFY_ERROR(missing, AzureError::Kind::NotFound, u"RoleDefinitionDoesNotExist"_s);
}

void TestArmClient::myPermissions()
{
    // The automation principal is Owner on the subscription: every action there.
    const auto owner = await(automation().listPermissions(AppsVault));
    QVERIFY2(owner.ok(), qPrintable(owner.error().summary()));
    QVERIFY(std::any_of(owner->items.cbegin(), owner->items.cend(),
                        [](const RolePermission &p) { return p.actions.contains(u"*"_s); }));

    // Erin is Reader on the subscription: reads only, no role assignment writes.
    const auto reader = await(asUser(u"erin@contoso.example"_s).listPermissions(AppsVault));
    QVERIFY2(reader.ok(), qPrintable(reader.error().summary()));
    QVERIFY(!reader->items.isEmpty());
    const auto grants = [](const QList<RolePermission> &permissions, const QString &action) {
        return std::any_of(permissions.cbegin(), permissions.cend(), [&](const RolePermission &p) {
            return std::any_of(p.actions.cbegin(), p.actions.cend(),
                               [&](const QString &a) { return access::actionMatches(a, action); });
        });
    };
    QVERIFY(grants(reader->items, u"Microsoft.KeyVault/vaults/read"_s));
    QVERIFY(!grants(reader->items, u"Microsoft.Authorization/roleAssignments/write"_s));
    QVERIFY(grants(owner->items, u"Microsoft.Authorization/roleAssignments/write"_s));
}

void TestArmClient::createAndDeleteRoleAssignment()
{
    RoleAssignmentCreateParameters p;
    p.roleDefinitionId =
        ProdScope + u"/providers/Microsoft.Authorization/roleDefinitions/"_s + SecretsUser;
    p.principalId = Carol;
    p.principalType = u"User"_s;
    p.description = u"read the app secrets"_s;
    const auto created = await(automation().createRoleAssignment(AppsVault, p));
    QVERIFY2(created.ok(), qPrintable(created.error().summary()));
    QCOMPARE(created->principalId, Carol);
    QCOMPARE(created->scope, AppsVault);
    QCOMPARE(created->description, p.description);
    QVERIFY(created->id.endsWith(u"/roleAssignments/"_s + created->name));

    const auto mine = await(automation().listRoleAssignmentsForPrincipal(AppsVault, Carol));
    QVERIFY(mine.ok());
    QVERIFY(names(mine->items).contains(created->name));

    // The same role for the same principal and scope under another name is a conflict.
    const auto again = await(automation().createRoleAssignment(AppsVault, p));
    VERIFY_ERROR(again, AzureError::Kind::Conflict, u"RoleAssignmentExists"_s);

    // Erin, a Reader, may not assign roles.
    const auto denied = await(asUser(u"erin@contoso.example"_s).createRoleAssignment(AppsVault, p));
    VERIFY_ERROR(denied, AzureError::Kind::Rbac, u"AuthorizationFailed"_s);
    QCOMPARE(denied.error().action, u"Microsoft.Authorization/roleAssignments/write"_s);

    QVERIFY(await(automation().deleteRoleAssignment(created->id)).ok());
    const auto after = await(automation().listRoleAssignmentsForPrincipal(AppsVault, Carol));
    QVERIFY(after.ok());
    QVERIFY(!names(after->items).contains(created->name));
    // Deleting what is gone succeeds, as in Resource Manager (204).
    QVERIFY(await(automation().deleteRoleAssignment(created->id)).ok());
}

void TestArmClient::privateEndpointConnections()
{
    const auto list = await(automation().listPrivateEndpointConnections(PrivateVault));
    QVERIFY2(list.ok(), qPrintable(list.error().summary()));
    QStringList connections;
    for (const PrivateEndpointConnection &c : list->items)
        connections.append(c.effectiveName());
    QVERIFY(connections.contains(u"pe-partner"_s));

    const auto approved = await(automation().approvePrivateEndpointConnection(
        PrivateVault, u"pe-partner"_s, u"known partner"_s));
    QVERIFY2(approved.ok(), qPrintable(approved.error().summary()));
    QCOMPARE(approved->connection.status, std::optional<QString>(u"Approved"_s));
    const auto rejected = await(
        automation().rejectPrivateEndpointConnection(PrivateVault, u"pe-partner"_s, u"revoked"_s));
    QVERIFY2(rejected.ok(), qPrintable(rejected.error().summary()));
    QCOMPARE(rejected->connection.status, std::optional<QString>(u"Rejected"_s));

    const auto denied =
        await(asUser(u"erin@contoso.example"_s)
                  .approvePrivateEndpointConnection(PrivateVault, u"pe-partner"_s, {}));
    VERIFY_ERROR(denied, AzureError::Kind::Rbac, u"AuthorizationFailed"_s);
}

void TestArmClient::resourceGraphInventory()
{
    const auto vaults =
        await(automation().listAllVaults({ProductionSubscription, DevelopmentSubscription}, 2));
    QVERIFY2(vaults.ok(), qPrintable(vaults.error().summary()));
    QStringList found = names(*vaults);
    found.sort();
    QCOMPARE(found, (QStringList{u"kv-contoso-apps"_s, u"kv-contoso-dev"_s, u"kv-contoso-private"_s,
                                 u"kv-contoso-prod"_s}));
    for (const VaultSummary &v : *vaults) {
        QCOMPARE(v.usesRbac(), v.name == "kv-contoso-apps"_L1);
        QCOMPARE(QUrl(v.vaultUri.value_or(QString())), m_fixture->vaultUri(v.name));
    }
}

void TestArmClient::throttledCallsAreRetried()
{
    auto faultNextCall = [this](const QString &kind) {
        const auto reply = m_fixture->sandbox().http().sendJson(
            "POST", m_fixture->sandbox().apiUrl(u"/sandbox/faults"_s),
            QJsonObject{
                {u"faults"_s, QJsonArray{QJsonObject{{u"kind"_s, kind},
                                                     {u"count"_s, 1},
                                                     {u"retryAfter"_s, 1},
                                                     {u"target"_s, u"api"_s},
                                                     {u"path"_s, u"/vaults/kv-contoso-dev"_s}}}}});
        return reply.status;
    };
    auto attempts = [this](int status) {
        const QList<RequestRecord> &records = m_fixture->journal().records();
        return std::count_if(records.begin(), records.end(), [status](const RequestRecord &r) {
            return r.service == Service::ResourceManager && r.status == status;
        });
    };

    // A 429 with Retry-After: the pipeline waits and sends the call again.
    const auto throttledBefore = attempts(429);
    QCOMPARE(faultNextCall(u"throttle"_s), 200);
    QVERIFY(await(automation().getVault(DevVault)).ok());
    QCOMPARE(attempts(429), throttledBefore + 1);

    // The same for a change.
    QCOMPARE(faultNextCall(u"throttle"_s), 200);
    VaultPatchParameters patch;
    patch.tags = QMap<QString, QString>{{u"retried"_s, u"yes"_s}};
    const auto patched = await(automation().updateVault(DevVault, patch));
    QVERIFY2(patched.ok(), qPrintable(patched.error().summary()));
    QCOMPARE(patched->tags, patch.tags);
    QCOMPARE(attempts(429), throttledBefore + 2);
}

QTEST_GUILESS_MAIN(TestArmClient)
#include "tst_armclient.moc"

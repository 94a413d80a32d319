// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccessFixtures.h"
#include "access/RbacEvaluator.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::access;
using namespace vl::test;

namespace {

QStringList opsWithPrefix(const QString &prefix)
{
    QStringList out;
    for (const OperationInfo &op : Operations::all())
        if (QString::fromLatin1(op.id).startsWith(prefix))
            out.append(QString::fromLatin1(op.id));
    return out;
}

QStringList split(const char *ids)
{
    return QString::fromLatin1(ids).split(u' ', Qt::SkipEmptyParts);
}

RbacContext contextWith(QList<arm::RoleAssignment> assignments)
{
    RbacContext c;
    c.assignments = std::move(assignments);
    return c;
}

QString secretResource(const QString &name)
{
    return vaultId() + u"/secrets/"_s + name;
}

} // namespace

class TestRbacEvaluator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInRoleMatrix_data();
    void builtInRoleMatrix();
    void scopes_data();
    void scopes();
    void notDataActionsAndWildcards();
    void conditionalAssignmentFailsClosed();
    void dataAccessAdministratorCondition_data();
    void dataAccessAdministratorCondition();
    void managementActions_data();
    void managementActions();
    void denialTexts();
};

void TestRbacEvaluator::builtInRoleMatrix_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QStringList>("allowed");
    // RBAC.md §5, derived from the published role JSON: which operations each role allows
    // at vault scope (public-key operations on asymmetric keys are tested in tst_accessengine).
    const QStringList keyReads = split("keys/get keys/list keys/listVersions keys/listDeleted "
                                       "keys/getDeleted keys/getAttestation");
    const QStringList certReads =
        split("certificates/get certificates/list certificates/listVersions certificates/getPolicy "
              "certificates/getOperation certificates/listDeleted certificates/getDeleted");
    const QStringList secretMetadata =
        split("secrets/list secrets/listVersions secrets/listDeleted secrets/getDeleted");
    QStringList all;
    for (const OperationInfo &op : Operations::all())
        all.append(QString::fromLatin1(op.id));

    QTest::newRow("Key Vault Administrator") << u"Key Vault Administrator"_s << all;
    QTest::newRow("Key Vault Certificates Officer")
        << u"Key Vault Certificates Officer"_s << opsWithPrefix(u"certificates/"_s);
    QTest::newRow("Key Vault Certificate User")
        << u"Key Vault Certificate User"_s
        << certReads + keyReads + secretMetadata + QStringList{u"secrets/get"_s};
    QTest::newRow("Key Vault Contributor") << u"Key Vault Contributor"_s << QStringList{};
    QTest::newRow("Key Vault Crypto Officer")
        << u"Key Vault Crypto Officer"_s << opsWithPrefix(u"keys/"_s);
    QTest::newRow("Key Vault Crypto Service Encryption User")
        << u"Key Vault Crypto Service Encryption User"_s
        << keyReads + split("keys/wrapKey keys/unwrapKey");
    QTest::newRow("Key Vault Crypto Service Release User")
        << u"Key Vault Crypto Service Release User"_s << split("keys/release");
    QTest::newRow("Key Vault Crypto User")
        << u"Key Vault Crypto User"_s
        << keyReads
               + split("keys/update keys/backup keys/encrypt keys/decrypt keys/wrapKey "
                       "keys/unwrapKey keys/sign keys/verify");
    QTest::newRow("Key Vault Data Access Administrator")
        << u"Key Vault Data Access Administrator"_s << QStringList{};
    QTest::newRow("Key Vault Reader")
        << u"Key Vault Reader"_s
        << keyReads + certReads + secretMetadata
               + split("keys/getRotationPolicy certificates/listIssuers certificates/getIssuer "
                       "storage/list storage/get storage/listDeleted storage/getDeleted "
                       "storage/listSas storage/getSas");
    QTest::newRow("Key Vault Secrets Officer")
        << u"Key Vault Secrets Officer"_s << opsWithPrefix(u"secrets/"_s);
    QTest::newRow("Key Vault Secrets User")
        << u"Key Vault Secrets User"_s << secretMetadata + QStringList{u"secrets/get"_s};
    QTest::newRow("Key Vault Purge Operator") << u"Key Vault Purge Operator"_s << QStringList{};
    for (const char *generic : {"Owner", "Contributor", "Reader", "User Access Administrator",
                                "Role Based Access Control Administrator"})
        QTest::newRow(generic) << QString::fromLatin1(generic) << QStringList{};
}

void TestRbacEvaluator::builtInRoleMatrix()
{
    QFETCH(QString, role);
    QFETCH(QStringList, allowed);
    const arm::RoleDefinition *d = RoleCatalogue::builtIn().findByName(role);
    QVERIFY(d);
    const RbacContext context =
        contextWith({assignment(AliceId, QLatin1StringView(d->name.toLatin1()), vaultId())});
    const QSet<QString> expected(allowed.begin(), allowed.end());
    for (const OperationInfo &op : Operations::all()) {
        const QString resource = op.targetsObject ? vaultId() + u"/x/obj"_s : vaultId();
        const RbacDecision decision =
            RbacEvaluator::checkDataAction(context, user(), op.dataAction, resource);
        QVERIFY2(decision.allowed == expected.contains(QString::fromLatin1(op.id)),
                 qPrintable(role + u": "_s + QString::fromLatin1(op.id)));
        if (decision.allowed)
            QCOMPARE(decision.roleName, role);
    }
}

void TestRbacEvaluator::scopes_data()
{
    QTest::addColumn<QString>("scope");
    QTest::addColumn<QStringList>("managementGroups");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<bool>("allowed");
    const QStringList noGroups;
    const QString mg = u"/providers/Microsoft.Management/managementGroups/contoso"_s;
    QTest::newRow("root") << u"/"_s << noGroups << secretResource(u"db"_s) << true;
    QTest::newRow("management group above the subscription")
        << mg << QStringList{mg} << secretResource(u"db"_s) << true;
    QTest::newRow("management group elsewhere")
        << mg << noGroups << secretResource(u"db"_s) << false;
    QTest::newRow("subscription") << subscriptionScope() << noGroups << secretResource(u"db"_s)
                                  << true;
    QTest::newRow("resource group, case differs")
        << resourceGroupId().toLower() << noGroups << secretResource(u"db"_s) << true;
    QTest::newRow("vault") << vaultId() << noGroups << secretResource(u"db"_s) << true;
    QTest::newRow("the secret itself")
        << secretResource(u"db"_s) << noGroups << secretResource(u"db"_s) << true;
    QTest::newRow("another secret")
        << secretResource(u"db"_s) << noGroups << secretResource(u"dbx"_s) << false;
    QTest::newRow("object scope does not cover the vault")
        << secretResource(u"db"_s) << noGroups << vaultId() << false;
    QTest::newRow("another vault")
        << vaultId(u"kv-other"_s) << noGroups << secretResource(u"db"_s) << false;
    QTest::newRow("vault name prefix is not a parent")
        << vaultId(u"kv-dem"_s) << noGroups << secretResource(u"db"_s) << false;
    QTest::newRow("another subscription")
        << u"/subscriptions/00000000-0000-0000-0000-000000000000"_s << noGroups
        << secretResource(u"db"_s) << false;
}

void TestRbacEvaluator::scopes()
{
    QFETCH(QString, scope);
    QFETCH(QStringList, managementGroups);
    QFETCH(QString, resource);
    QFETCH(bool, allowed);
    RbacContext context =
        contextWith({assignment(AliceId, BuiltInRole::KeyVaultSecretsUser, scope)});
    context.managementGroupScopes = managementGroups;
    const auto action = u"Microsoft.KeyVault/vaults/secrets/getSecret/action"_s;
    const RbacDecision d = RbacEvaluator::checkDataAction(context, user(), action, resource);
    QCOMPARE(d.allowed, allowed);
    if (allowed)
        QCOMPARE(d.scope, scope);
    // The same assignment made to a group reaches its members, and only them.
    RbacContext groupContext =
        contextWith({assignment(GroupId, BuiltInRole::KeyVaultSecretsUser, scope)});
    groupContext.managementGroupScopes = managementGroups;
    Caller member = user(BobId);
    member.groupIds = {GroupId};
    QCOMPARE(RbacEvaluator::checkDataAction(groupContext, member, action, resource).allowed,
             allowed);
    QVERIFY(!RbacEvaluator::checkDataAction(groupContext, user(BobId), action, resource).allowed);
}

void TestRbacEvaluator::notDataActionsAndWildcards()
{
    RoleCatalogue catalogue;
    arm::RoleDefinition custom;
    custom.name = u"66666666-6666-4666-8666-666666666666"_s;
    custom.roleName = u"Secret manager without values"_s;
    custom.roleType = u"CustomRole"_s;
    custom.permissions = {{{},
                           {},
                           {u"Microsoft.KeyVault/vaults/secrets/*"_s},
                           {u"microsoft.keyvault/vaults/secrets/GETSECRET/action"_s},
                           std::nullopt,
                           std::nullopt}};
    catalogue.add(custom);
    RbacContext context = contextWith({assignment(
        AliceId, QLatin1StringView("66666666-6666-4666-8666-666666666666"), vaultId())});
    context.catalogue = &catalogue;
    const QString resource = secretResource(u"db"_s);
    QVERIFY(RbacEvaluator::checkDataAction(
                context, user(), u"Microsoft.KeyVault/vaults/secrets/setSecret/action"_s, resource)
                .allowed);
    QVERIFY(!RbacEvaluator::checkDataAction(
                 context, user(), u"Microsoft.KeyVault/vaults/secrets/getSecret/action"_s, resource)
                 .allowed);
    QVERIFY(!RbacEvaluator::checkDataAction(context, user(),
                                            u"Microsoft.KeyVault/vaults/keys/read"_s, resource)
                 .allowed);
    // Management actions never grant data actions: Owner's "*" gives no secret.
    const RbacContext owner = contextWith({assignment(AliceId, BuiltInRole::Owner, vaultId())});
    QVERIFY(!RbacEvaluator::checkDataAction(
                 owner, user(), u"Microsoft.KeyVault/vaults/secrets/getSecret/action"_s, resource)
                 .allowed);
    // An assignment whose role is unknown grants nothing.
    const RbacContext unknown = contextWith({assignment(
        AliceId, QLatin1StringView("77777777-7777-4777-8777-777777777777"), vaultId())});
    QVERIFY(!RbacEvaluator::checkDataAction(unknown, user(),
                                            u"Microsoft.KeyVault/vaults/keys/read"_s, resource)
                 .allowed);
}

void TestRbacEvaluator::conditionalAssignmentFailsClosed()
{
    arm::RoleAssignment a = assignment(AliceId, BuiltInRole::KeyVaultSecretsUser, vaultId());
    a.condition =
        u"((!(ActionMatches{'Microsoft.KeyVault/vaults/secrets/getSecret/action'})) OR (@Resource[Microsoft.KeyVault/vaults/secrets:name] StringEquals 'db'))"_s;
    a.conditionVersion = u"2.0"_s;
    const RbacDecision d = RbacEvaluator::checkDataAction(
        contextWith({a}), user(), u"Microsoft.KeyVault/vaults/secrets/getSecret/action"_s,
        secretResource(u"db"_s));
    QVERIFY(!d.allowed);
    QCOMPARE(d.skippedConditional, QStringList{a.id});
}

void TestRbacEvaluator::dataAccessAdministratorCondition_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("requestedRole");
    QTest::addColumn<QString>("existingRole");
    QTest::addColumn<bool>("allowed");
    const QString write = u"Microsoft.Authorization/roleAssignments/write"_s;
    const QString del = u"Microsoft.Authorization/roleAssignments/delete"_s;
    QTest::newRow("assign Secrets User")
        << write << QString(BuiltInRole::KeyVaultSecretsUser) << QString() << true;
    QTest::newRow("assign by full role definition id")
        << write
        << subscriptionScope() + u"/providers/Microsoft.Authorization/roleDefinitions/"_s
               + BuiltInRole::KeyVaultAdministrator
        << QString() << true;
    QTest::newRow("assign Owner") << write << QString(BuiltInRole::Owner) << QString() << false;
    QTest::newRow("assign Certificate User (not in the list)")
        << write << QString(BuiltInRole::KeyVaultCertificateUser) << QString() << false;
    QTest::newRow("remove a Reader assignment")
        << del << QString() << QString(BuiltInRole::KeyVaultReader) << true;
    QTest::newRow("remove an Owner assignment")
        << del << QString() << QString(BuiltInRole::Owner) << false;
    QTest::newRow("unconditioned read")
        << u"Microsoft.Authorization/roleAssignments/read"_s << QString() << QString() << true;
}

void TestRbacEvaluator::dataAccessAdministratorCondition()
{
    QFETCH(QString, action);
    QFETCH(QString, requestedRole);
    QFETCH(QString, existingRole);
    QFETCH(bool, allowed);
    const RbacContext context =
        contextWith({assignment(AliceId, BuiltInRole::KeyVaultDataAccessAdministrator, vaultId())});
    ConditionAttributes attributes;
    if (!requestedRole.isEmpty())
        attributes.insert(u"Request:Microsoft.Authorization/roleAssignments:RoleDefinitionId"_s,
                          {requestedRole});
    if (!existingRole.isEmpty())
        attributes.insert(u"Resource:Microsoft.Authorization/roleAssignments:RoleDefinitionId"_s,
                          {existingRole});
    QCOMPARE(RbacEvaluator::checkAction(context, user(), action, vaultId(), attributes).allowed,
             allowed);
}

void TestRbacEvaluator::managementActions_data()
{
    QTest::addColumn<QString>("roleGuid");
    QTest::addColumn<QString>("action");
    QTest::addColumn<bool>("allowed");
    const QString write = u"Microsoft.KeyVault/vaults/write"_s;
    const QString policies = u"Microsoft.KeyVault/vaults/accessPolicies/write"_s;
    const QString purge = u"Microsoft.KeyVault/locations/deletedVaults/purge/action"_s;
    const QString assign = u"Microsoft.Authorization/roleAssignments/write"_s;
    const QString read = u"Microsoft.KeyVault/vaults/read"_s;
    QTest::newRow("Owner writes vaults") << QString(BuiltInRole::Owner) << write << true;
    QTest::newRow("Owner assigns roles") << QString(BuiltInRole::Owner) << assign << true;
    QTest::newRow("Contributor writes vaults")
        << QString(BuiltInRole::Contributor) << write << true;
    QTest::newRow("Contributor edits access policies")
        << QString(BuiltInRole::Contributor) << policies << true;
    QTest::newRow("Contributor cannot assign roles (notActions, any case)")
        << QString(BuiltInRole::Contributor) << assign << false;
    QTest::newRow("Reader reads vaults") << QString(BuiltInRole::Reader) << read << true;
    QTest::newRow("Reader cannot write") << QString(BuiltInRole::Reader) << write << false;
    QTest::newRow("KV Contributor writes vaults")
        << QString(BuiltInRole::KeyVaultContributor) << write << true;
    QTest::newRow("KV Contributor cannot purge vaults")
        << QString(BuiltInRole::KeyVaultContributor) << purge << false;
    QTest::newRow("UAA assigns roles")
        << QString(BuiltInRole::UserAccessAdministrator) << assign << true;
    QTest::newRow("UAA cannot write vaults")
        << QString(BuiltInRole::UserAccessAdministrator) << write << false;
    QTest::newRow("KV Administrator reads vault children")
        << QString(BuiltInRole::KeyVaultAdministrator)
        << u"Microsoft.KeyVault/vaults/secrets/read"_s << true;
    QTest::newRow("KV Administrator: vaults/*/read does not match vaults/read")
        << QString(BuiltInRole::KeyVaultAdministrator) << read << false;
    QTest::newRow("KV Administrator cannot write vaults")
        << QString(BuiltInRole::KeyVaultAdministrator) << write << false;
}

void TestRbacEvaluator::managementActions()
{
    QFETCH(QString, roleGuid);
    QFETCH(QString, action);
    QFETCH(bool, allowed);
    const RbacContext context = contextWith(
        {assignment(AliceId, QLatin1StringView(roleGuid.toLatin1()), resourceGroupId())});
    QCOMPARE(RbacEvaluator::checkAction(context, user(), action, vaultId()).allowed, allowed);
}

void TestRbacEvaluator::denialTexts()
{
    const Denial data = RbacEvaluator::dataPlaneDenial(
        user(), u"Microsoft.KeyVault/vaults/secrets/getSecret/action"_s, secretResource(u"db"_s),
        {u"kv-demo"_s, u"westeurope"_s});
    QCOMPARE(data.status, 403);
    QCOMPARE(data.code, u"Forbidden"_s);
    QCOMPARE(data.innerCode, u"ForbiddenByRbac"_s);
    QCOMPARE(
        data.message,
        u"Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: appid="_s
            + AppId + u";oid="_s + AliceId + u";iss=https://sts.windows.net/"_s + TenantId
            + u"/\r\nAction: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'\r\nResource: '/subscriptions/"_s
            + SubscriptionId
            + u"/resourcegroups/rg-demo/providers/microsoft.keyvault/vaults/kv-demo/secrets/db'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: 'DeniedWithNoValidRBAC' \r\nVault: kv-demo;location=westeurope\r\n"_s);

    const Denial management =
        RbacEvaluator::managementDenial(user(), u"Microsoft.KeyVault/vaults/write"_s, vaultId());
    QCOMPARE(management.status, 403);
    QCOMPARE(management.code, u"AuthorizationFailed"_s);
    QCOMPARE(
        management.message,
        u"The client 'alice@contoso.example' with object id '"_s + AliceId
            + u"' does not have authorization to perform action 'Microsoft.KeyVault/vaults/write' over scope '"_s
            + vaultId()
            + u"' or the scope is invalid. If access was recently granted, please refresh your credentials."_s);
}

QTEST_APPLESS_MAIN(TestRbacEvaluator)
#include "tst_rbacevaluator.moc"

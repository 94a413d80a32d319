// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccessFixtures.h"
#include "ErrorTestSupport.h"
#include "access/AccessEngine.h"
#include "http/AzureError.h"
#include "http/HttpTypes.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::access;
using namespace vl::test;

namespace {

VaultContext policyVault(QList<arm::AccessPolicyEntry> entries = {})
{
    VaultContext c;
    c.vault = makeVault();
    c.vault.properties.accessPolicies = std::move(entries);
    c.authorityHost = u"https://login.microsoftonline.com"_s;
    return c;
}

VaultContext rbacVault()
{
    VaultContext c = policyVault();
    c.vault.properties.enableRbacAuthorization = true;
    return c;
}

void denyAll(VaultContext &c)
{
    arm::NetworkRuleSet acls;
    acls.defaultAction = u"Deny"_s;
    acls.bypass = u"None"_s;
    acls.ipRules = QList<arm::IpRule>{{u"198.51.100.0/24"_s}};
    c.vault.properties.networkAcls = acls;
}

OperationRequest op(DataOperation operation, const QString &name = {})
{
    OperationRequest r;
    r.operation = operation;
    r.objectName = name;
    return r;
}

/// The Key Vault answer the sandbox builds from a denial.
AzureError parse(const Denial &d)
{
    HttpHeaders headers{{"x-ms-request-id", "req-1"}};
    if (!d.wwwAuthenticate.isEmpty())
        headers.append({"WWW-Authenticate", d.wwwAuthenticate});
    return AzureError::fromParts(d.status, headers,
                                 QJsonDocument(d.toJson()).toJson(QJsonDocument::Compact));
}

QStringList callerOf(const Caller &c)
{
    return {u"callerObjectId="_s + c.objectId, u"callerAppId="_s + c.applicationId,
            u"callerTenantId="_s + c.tenantId};
}

} // namespace

/**
 * Every denial the access engine (and so the sandbox) produces parses into the
 * right kind with its evidence: the texts are generated, not copied.
 */
class TestAccessDenialErrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dataPlane_data();
    void dataPlane();
    void management_data();
    void management();
    void everyOperationsPolicyDenialNamesItsPermission();
};

void TestAccessDenialErrors::dataPlane_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("wwwAuthenticate");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("innerCode");
    QTest::addColumn<QStringList>("evidence");

    auto add = [](const char *name, const Verdict &v, Kind kind, const QStringList &evidence) {
        QVERIFY2(v.denial, name);
        QTest::newRow(name) << v.denial->status
                            << QJsonDocument(v.denial->toJson()).toJson(QJsonDocument::Compact)
                            << v.denial->wwwAuthenticate << int(kind) << v.denial->innerCode
                            << evidence;
    };
    const QString vault = u"vaultName=kv-demo"_s;
    const Caller alice = user();

    {
        VaultContext c = policyVault({policy(AliceId, {u"get"_s})});
        denyAll(c);
        add("firewall, public address",
            AccessEngine::evaluate(c, alice, publicArrival(), op(DataOperation::GetSecret, u"db"_s),
                                   Now),
            Kind::Firewall,
            callerOf(alice) + QStringList{vault, u"clientAddress="_s + ClientAddress});
        Arrival subnet;
        subnet.path = Arrival::Path::ServiceEndpoint;
        subnet.clientAddress = u"10.1.2.3"_s;
        subnet.subnetId =
            u"/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s"_s;
        add("firewall, unknown subnet",
            AccessEngine::evaluate(c, alice, subnet, op(DataOperation::ListSecrets), Now),
            Kind::Firewall, callerOf(alice) + QStringList{vault, u"clientAddress=10.1.2.3"_s});
    }
    {
        VaultContext c = policyVault({policy(AliceId, {u"get"_s})});
        c.vault.properties.publicNetworkAccess = u"Disabled"_s;
        add("public access disabled",
            AccessEngine::evaluate(c, alice, publicArrival(), op(DataOperation::ListSecrets), Now),
            Kind::Connection, callerOf(alice) + QStringList{vault});
        Arrival endpoint;
        endpoint.path = Arrival::Path::PrivateEndpoint;
        endpoint.clientAddress = u"10.0.0.4"_s;
        endpoint.privateEndpointId =
            u"/subscriptions/x/providers/Microsoft.Network/privateEndpoints/pe"_s;
        add("private endpoint not approved",
            AccessEngine::evaluate(c, alice, endpoint, op(DataOperation::ListSecrets), Now),
            Kind::Connection, callerOf(alice) + QStringList{vault});
    }
    {
        const VaultContext c = policyVault({policy(AliceId, {u"get"_s})});
        const QStringList challengeTenant{u"expectedTenantId="_s + TenantId};
        Caller anonymous = alice;
        anonymous.token.present = false;
        add("no token",
            AccessEngine::evaluate(c, anonymous, publicArrival(),
                                   op(DataOperation::GetSecret, u"db"_s), Now),
            Kind::Unauthenticated, challengeTenant);
        Caller garbage = alice;
        garbage.token.wellFormed = false;
        add("malformed token",
            AccessEngine::evaluate(c, garbage, publicArrival(),
                                   op(DataOperation::GetSecret, u"db"_s), Now),
            Kind::Unauthenticated, challengeTenant);
        Caller tampered = alice;
        tampered.token.signatureValid = false;
        add("bad signature",
            AccessEngine::evaluate(c, tampered, publicArrival(),
                                   op(DataOperation::GetSecret, u"db"_s), Now),
            Kind::Unauthenticated, challengeTenant);
        Caller expired = alice;
        expired.token.expiresOn = Now - 3600;
        add("expired token",
            AccessEngine::evaluate(c, expired, publicArrival(),
                                   op(DataOperation::GetSecret, u"db"_s), Now),
            Kind::Unauthenticated, challengeTenant);
        Caller early = alice;
        early.token.notBefore = Now + 3600;
        add("token not yet valid",
            AccessEngine::evaluate(c, early, publicArrival(), op(DataOperation::GetSecret, u"db"_s),
                                   Now),
            Kind::Unauthenticated, challengeTenant);
        Caller arm = alice;
        arm.token.audience = u"https://management.azure.com"_s;
        add("wrong audience",
            AccessEngine::evaluate(c, arm, publicArrival(), op(DataOperation::GetSecret, u"db"_s),
                                   Now),
            Kind::Unauthenticated, challengeTenant);
        Caller foreign = alice;
        foreign.token = validToken(Now, OtherTenantId);
        add("token from another tenant",
            AccessEngine::evaluate(c, foreign, publicArrival(),
                                   op(DataOperation::GetSecret, u"db"_s), Now),
            Kind::Unauthenticated,
            QStringList{u"expectedTenantId="_s + TenantId, u"callerTenantId="_s + OtherTenantId});
    }
    {
        const VaultContext c = policyVault({policy(AliceId, {u"list"_s}, {u"get"_s})});
        add("policy, secrets get",
            AccessEngine::evaluate(c, alice, publicArrival(), op(DataOperation::GetSecret, u"db"_s),
                                   Now),
            Kind::Policy, callerOf(alice) + QStringList{vault, u"missingPermission=secrets get"_s});
        add("policy, keys decrypt",
            AccessEngine::evaluate(c, alice, publicArrival(), op(DataOperation::Decrypt, u"k"_s),
                                   Now),
            Kind::Policy,
            callerOf(alice) + QStringList{vault, u"missingPermission=keys decrypt"_s});
        add("policy, certificates list",
            AccessEngine::evaluate(c, alice, publicArrival(), op(DataOperation::ListCertificates),
                                   Now),
            Kind::Policy,
            callerOf(alice) + QStringList{vault, u"missingPermission=certificates list"_s});
        Caller grouped = user(BobId);
        grouped.groupIds = {GroupId};
        add("policy, caller with groups",
            AccessEngine::evaluate(c, grouped, publicArrival(),
                                   op(DataOperation::PurgeDeletedSecret, u"db"_s), Now),
            Kind::Policy,
            callerOf(grouped) + QStringList{vault, u"missingPermission=secrets purge"_s});
    }
    {
        const VaultContext c = rbacVault();
        const QString secret = (vaultId() + u"/secrets/db"_s).toLower();
        add("RBAC, get secret",
            AccessEngine::evaluate(c, alice, publicArrival(), op(DataOperation::GetSecret, u"db"_s),
                                   Now),
            Kind::Rbac,
            callerOf(alice)
                + QStringList{vault, u"action=Microsoft.KeyVault/vaults/secrets/getSecret/action"_s,
                              u"scope="_s + secret, u"decisionReason=DeniedWithNoValidRBAC"_s});
        add("RBAC, list keys",
            AccessEngine::evaluate(c, alice, publicArrival(), op(DataOperation::ListKeys), Now),
            Kind::Rbac,
            callerOf(alice)
                + QStringList{vault, u"action=Microsoft.KeyVault/vaults/keys/read"_s,
                              u"scope="_s + vaultId().toLower(),
                              u"decisionReason=DeniedWithNoValidRBAC"_s});
    }
    {
        const VaultContext c = policyVault({policy(AliceId, {u"get"_s}, {u"decrypt"_s, u"get"_s})});
        OperationRequest disabled = op(DataOperation::GetSecret, u"db"_s);
        disabled.objectEnabled = false;
        add("disabled secret", AccessEngine::evaluate(c, alice, publicArrival(), disabled, Now),
            Kind::Conflict, {});
        OperationRequest decrypt = op(DataOperation::Decrypt, u"k"_s);
        decrypt.keyOperations = QStringList{u"sign"_s};
        add("key operation not permitted",
            AccessEngine::evaluate(c, alice, publicArrival(), decrypt, Now), Kind::Conflict, {});
    }
}

void TestAccessDenialErrors::dataPlane()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, wwwAuthenticate);
    QFETCH(int, kind);
    QFETCH(QString, innerCode);
    QFETCH(QStringList, evidence);

    HttpHeaders headers{{"x-ms-request-id", "req-1"}};
    if (!wwwAuthenticate.isEmpty())
        headers.append({"WWW-Authenticate", wwwAuthenticate});
    const AzureError e = AzureError::fromParts(status, headers, body);
    QCOMPARE(int(e.kind), kind);
    QCOMPARE(e.innerCode, innerCode);
    QCOMPARE(e.requestId, u"req-1"_s);
    QVERIFY(!e.message.isEmpty());
    QVERIFY(compareEvidence(e, evidence));
    // The same text pasted from a tool's output parses the same way.
    const AzureError pasted = AzureError::fromText(QString::fromUtf8(body));
    QCOMPARE(int(pasted.kind), kind);
    QCOMPARE(pasted.message, e.message);
}

void TestAccessDenialErrors::management_data()
{
    QTest::addColumn<QString>("displayName");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QStringList>("evidence");
    const QString scope = vaultId();
    QTest::newRow("user") << u"erin@contoso.example"_s << u"Microsoft.KeyVault/vaults/write"_s
                          << QStringList{u"callerName=erin@contoso.example"_s,
                                         u"callerObjectId="_s + AliceId,
                                         u"action=Microsoft.KeyVault/vaults/write"_s,
                                         u"scope="_s + scope};
    QTest::newRow("application") << QString() << u"Microsoft.Authorization/roleAssignments/write"_s
                                 << QStringList{
                                        u"callerName="_s + AppId, u"callerAppId="_s + AppId,
                                        u"callerObjectId="_s + AliceId,
                                        u"action=Microsoft.Authorization/roleAssignments/write"_s,
                                        u"scope="_s + scope};
}

void TestAccessDenialErrors::management()
{
    QFETCH(QString, displayName);
    QFETCH(QString, action);
    QFETCH(QStringList, evidence);
    Caller caller = user();
    caller.displayName = displayName;
    const auto denial = AccessEngine::authorizeManagement({}, caller, action, vaultId());
    QVERIFY(denial);
    const AzureError e = parse(*denial);
    QCOMPARE(e.kind, Kind::Rbac);
    QCOMPARE(e.code, u"AuthorizationFailed"_s);
    QVERIFY(compareEvidence(e, evidence));
}

void TestAccessDenialErrors::everyOperationsPolicyDenialNamesItsPermission()
{
    // Every data-plane operation refused by an empty access policy list.
    const VaultContext c = policyVault();
    for (const OperationInfo &info : Operations::all()) {
        const Verdict v =
            AccessEngine::evaluate(c, user(), publicArrival(), op(info.operation, u"x"_s), Now);
        QVERIFY2(v.denial, info.id);
        const AzureError e = parse(*v.denial);
        QCOMPARE(e.kind, Kind::Policy);
        QCOMPARE(e.missingPermission,
                 QString(wireName(info.kind) + u' ' + info.permissions.value(0)).toLower());
        QCOMPARE(e.vaultName, u"kv-demo"_s);
        QCOMPARE(e.callerObjectId, AliceId);
    }
}

QTEST_GUILESS_MAIN(TestAccessDenialErrors)
#include "tst_accessdenialerrors.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccessFixtures.h"
#include "access/AccessEngine.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::access;
using namespace vl::test;

namespace {

VaultContext policyVault(QList<arm::AccessPolicyEntry> entries)
{
    VaultContext c;
    c.vault = makeVault();
    c.vault.properties.accessPolicies = entries;
    c.authorityHost = u"https://login.microsoftonline.com"_s;
    return c;
}

VaultContext rbacVault(QList<arm::RoleAssignment> assignments)
{
    VaultContext c = policyVault({});
    c.vault.properties.enableRbacAuthorization = true;
    c.rbac.assignments = std::move(assignments);
    return c;
}

void denyFirewall(VaultContext &c)
{
    arm::NetworkRuleSet acls;
    acls.defaultAction = u"Deny"_s;
    acls.bypass = u"None"_s;
    acls.ipRules = QList<arm::IpRule>{{u"198.51.100.0/24"_s}};
    c.vault.properties.networkAcls = acls;
}

OperationRequest request(DataOperation op, const QString &name = {})
{
    OperationRequest r;
    r.operation = op;
    r.objectName = name;
    return r;
}

QList<Outcome> outcomes(const Verdict &v)
{
    QList<Outcome> out;
    for (const StageVerdict &s : v.stages)
        out.append(s.outcome);
    return out;
}

} // namespace

class TestAccessEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void allowedRequestPassesEveryStage();
    void anonymousRequestIsChallengedFirst();
    void firewallRunsBeforeTokenValidation();
    void tokenValidationRunsBeforeAuthorization();
    void accessPolicyDenial();
    void permissionModelDecidesWhichRulesApply();
    void objectScopeAssignment();
    void publicKeyOperationsWithRead();
    void operationStage();
    void rbacResource();
    void managementAuthorization();
};

void TestAccessEngine::allowedRequestPassesEveryStage()
{
    VaultContext c = policyVault({policy(AliceId, {u"get"_s})});
    denyFirewall(c);
    OperationRequest r = request(DataOperation::GetSecret, u"db"_s);
    r.objectEnabled = true;
    const Verdict v = AccessEngine::evaluate(c, user(), publicArrival(u"198.51.100.7"_s), r, Now);
    QVERIFY(v.allowed());
    QCOMPARE(v.stages.size(), 4);
    QCOMPARE(v.stages[0].stage, Stage::Firewall);
    QCOMPARE(v.stages[1].stage, Stage::TokenValidation);
    QCOMPARE(v.stages[2].stage, Stage::Authorization);
    QCOMPARE(v.stages[3].stage, Stage::Operation);
    QCOMPARE(outcomes(v),
             (QList<Outcome>{Outcome::Passed, Outcome::Passed, Outcome::Passed, Outcome::Passed}));
    QCOMPARE(v.stage(Stage::Firewall).rule, Rule::IpRule);
    QCOMPARE(v.stage(Stage::Firewall).matched, u"198.51.100.0/24"_s);
    QCOMPARE(v.stage(Stage::Authorization).matched, AliceId);
}

void TestAccessEngine::anonymousRequestIsChallengedFirst()
{
    VaultContext c = policyVault({});
    denyFirewall(c);
    Caller anonymous = user();
    anonymous.token.present = false;
    const Verdict v = AccessEngine::evaluate(c, anonymous, publicArrival(),
                                             request(DataOperation::ListSecrets), Now);
    QVERIFY(!v.allowed());
    QCOMPARE(v.denial->status, 401);
    QCOMPARE(v.denial->message, u"AKV10000: Request is missing a Bearer or PoP token."_s);
    QCOMPARE(v.denial->wwwAuthenticate,
             QByteArray("Bearer authorization=\"https://login.microsoftonline.com/")
                 + TenantId.toUtf8() + "\", resource=\"https://vault.azure.net\"");
    QCOMPARE(outcomes(v), (QList<Outcome>{Outcome::Skipped, Outcome::Failed, Outcome::Skipped,
                                          Outcome::Skipped}));
}

void TestAccessEngine::firewallRunsBeforeTokenValidation()
{
    VaultContext c = policyVault({});
    denyFirewall(c);
    Caller caller = user();
    caller.token.audience = u"https://management.azure.com/"_s; // would be a 401 too
    const Verdict v = AccessEngine::evaluate(c, caller, publicArrival(),
                                             request(DataOperation::ListSecrets), Now);
    QCOMPARE(v.denial->status, 403);
    QCOMPARE(v.denial->innerCode, u"ForbiddenByFirewall"_s);
    QVERIFY(v.denial->message.contains(u"Client address: 203.0.113.10\r\n"_s));
    QCOMPARE(outcomes(v), (QList<Outcome>{Outcome::Failed, Outcome::Skipped, Outcome::Skipped,
                                          Outcome::Skipped}));
}

void TestAccessEngine::tokenValidationRunsBeforeAuthorization()
{
    const VaultContext c = policyVault({policy(AliceId, {u"list"_s})});
    Caller caller = user();
    caller.token = validToken(Now, OtherTenantId);
    const Verdict v = AccessEngine::evaluate(c, caller, publicArrival(),
                                             request(DataOperation::ListSecrets), Now);
    QCOMPARE(v.denial->status, 401);
    QVERIFY(v.denial->message.startsWith(u"AKV10032: Invalid issuer."_s));
    QVERIFY(!v.denial->wwwAuthenticate.isEmpty());
    QCOMPARE(outcomes(v), (QList<Outcome>{Outcome::Passed, Outcome::Failed, Outcome::Skipped,
                                          Outcome::Skipped}));
}

void TestAccessEngine::accessPolicyDenial()
{
    const VaultContext c = policyVault({policy(AliceId, {u"list"_s})});
    const Verdict v = AccessEngine::evaluate(c, user(), publicArrival(),
                                             request(DataOperation::GetSecret, u"db"_s), Now);
    QCOMPARE(v.denial->status, 403);
    QCOMPARE(v.denial->innerCode, u"ForbiddenByPolicy"_s);
    QVERIFY(v.denial->message.contains(
        u"does not have secrets get permission on key vault 'kv-demo;location=westeurope'"_s));
    const QJsonObject body = v.denial->toJson();
    QCOMPARE(body[u"error"_s][u"code"_s].toString(), u"Forbidden"_s);
    QCOMPARE(body[u"error"_s][u"innererror"_s][u"code"_s].toString(), u"ForbiddenByPolicy"_s);
    QCOMPARE(outcomes(v),
             (QList<Outcome>{Outcome::Passed, Outcome::Passed, Outcome::Failed, Outcome::Skipped}));
}

void TestAccessEngine::permissionModelDecidesWhichRulesApply()
{
    // An RBAC vault ignores its (kept) access policies...
    VaultContext rbac = rbacVault({});
    rbac.vault.properties.accessPolicies = QList{policy(AliceId, {u"get"_s})};
    Verdict v = AccessEngine::evaluate(rbac, user(), publicArrival(),
                                       request(DataOperation::GetSecret, u"db"_s), Now);
    QCOMPARE(v.denial->innerCode, u"ForbiddenByRbac"_s);
    QCOMPARE(v.stage(Stage::Authorization).rule, Rule::RbacNoAssignment);
    // ...and an access-policy vault ignores role assignments.
    VaultContext policies = policyVault({});
    policies.rbac.assignments = {
        assignment(AliceId, BuiltInRole::KeyVaultAdministrator, vaultId())};
    v = AccessEngine::evaluate(policies, user(), publicArrival(),
                               request(DataOperation::GetSecret, u"db"_s), Now);
    QCOMPARE(v.denial->innerCode, u"ForbiddenByPolicy"_s);
    // With the assignment in the RBAC vault, the same request passes.
    rbac.rbac.assignments = policies.rbac.assignments;
    v = AccessEngine::evaluate(rbac, user(), publicArrival(),
                               request(DataOperation::GetSecret, u"db"_s), Now);
    QVERIFY(v.allowed());
    QCOMPARE(v.stage(Stage::Authorization).rule, Rule::RbacAssignmentGrants);
    QCOMPARE(v.stage(Stage::Authorization).matched, rbac.rbac.assignments.first().id);
}

void TestAccessEngine::objectScopeAssignment()
{
    const VaultContext c = rbacVault(
        {assignment(AliceId, BuiltInRole::KeyVaultSecretsUser, vaultId() + u"/secrets/db"_s)});
    QVERIFY(AccessEngine::evaluate(c, user(), publicArrival(),
                                   request(DataOperation::GetSecret, u"db"_s), Now)
                .allowed());
    const Verdict other = AccessEngine::evaluate(c, user(), publicArrival(),
                                                 request(DataOperation::GetSecret, u"api"_s), Now);
    QVERIFY(!other.allowed());
    QVERIFY(other.denial->message.contains(u"/vaults/kv-demo/secrets/api'"_s));
    // Listing is a vault-level operation: an object-scope assignment does not allow it.
    const Verdict list = AccessEngine::evaluate(c, user(), publicArrival(),
                                                request(DataOperation::ListSecrets), Now);
    QVERIFY(!list.allowed());
    QVERIFY(list.denial->message.contains(u"/vaults/kv-demo'\r\n"_s));
}

void TestAccessEngine::publicKeyOperationsWithRead()
{
    const VaultContext c = rbacVault({assignment(AliceId, BuiltInRole::KeyVaultReader, vaultId())});
    for (DataOperation op :
         {DataOperation::Encrypt, DataOperation::Verify, DataOperation::WrapKey}) {
        OperationRequest r = request(op, u"rsa-1"_s);
        r.asymmetricKey = true;
        const Verdict v = AccessEngine::evaluate(c, user(), publicArrival(), r, Now);
        QVERIFY2(v.allowed(), Operations::info(op).id);
        QVERIFY(v.stage(Stage::Authorization).detail.contains(u"keys/read"_s));
        r.asymmetricKey = false; // a symmetric key needs the operation's own data action
        QVERIFY(!AccessEngine::evaluate(c, user(), publicArrival(), r, Now).allowed());
    }
    OperationRequest decrypt = request(DataOperation::Decrypt, u"rsa-1"_s);
    decrypt.asymmetricKey = true;
    QVERIFY(!AccessEngine::evaluate(c, user(), publicArrival(), decrypt, Now).allowed());
}

void TestAccessEngine::operationStage()
{
    const VaultContext c =
        policyVault({policy(AliceId, {u"get"_s, u"list"_s}, {u"decrypt"_s, u"encrypt"_s})});
    OperationRequest r = request(DataOperation::GetSecret, u"db"_s);
    Verdict v = AccessEngine::evaluate(c, user(), publicArrival(), r, Now);
    QVERIFY(v.allowed());
    QCOMPARE(v.stage(Stage::Operation).outcome, Outcome::Unknown);

    r.objectEnabled = false;
    v = AccessEngine::evaluate(c, user(), publicArrival(), r, Now);
    QCOMPARE(v.denial->status, 403);
    QCOMPARE(v.denial->innerCode, u"SecretDisabled"_s);
    QCOMPARE(v.denial->message, u"Operation get is not allowed on a disabled secret."_s);
    QCOMPARE(v.stage(Stage::Operation).rule, Rule::ObjectDisabled);

    OperationRequest versions = request(DataOperation::ListSecretVersions, u"db"_s);
    versions.objectEnabled = false;
    QVERIFY(AccessEngine::evaluate(c, user(), publicArrival(), versions, Now).allowed());

    OperationRequest decrypt = request(DataOperation::Decrypt, u"k"_s);
    decrypt.keyOperations = QStringList{u"encrypt"_s, u"wrapKey"_s};
    v = AccessEngine::evaluate(c, user(), publicArrival(), decrypt, Now);
    QCOMPARE(v.denial->innerCode, u"KeyOperationForbidden"_s);
    QCOMPARE(v.denial->message, u"Operation decrypt is not permitted on this key."_s);
    decrypt.keyOperations = QStringList{u"decrypt"_s};
    v = AccessEngine::evaluate(c, user(), publicArrival(), decrypt, Now);
    QVERIFY(v.allowed());
    QCOMPARE(v.stage(Stage::Operation).outcome, Outcome::Passed);
}

void TestAccessEngine::rbacResource()
{
    const arm::Vault v = makeVault();
    QCOMPARE(AccessEngine::rbacResource(v, request(DataOperation::GetKey, u"k1"_s)),
             vaultId() + u"/keys/k1"_s);
    QCOMPARE(AccessEngine::rbacResource(v, request(DataOperation::ImportCertificate, u"c1"_s)),
             vaultId() + u"/certificates/c1"_s);
    QCOMPARE(AccessEngine::rbacResource(v, request(DataOperation::ListKeys)), vaultId());
    QCOMPARE(AccessEngine::rbacResource(v, request(DataOperation::RestoreSecret, u"x"_s)),
             vaultId());
    QCOMPARE(AccessEngine::rbacResource(v, request(DataOperation::GetCertificateIssuer, u"i"_s)),
             vaultId());
}

void TestAccessEngine::managementAuthorization()
{
    RbacContext rbac;
    rbac.assignments = {assignment(AliceId, BuiltInRole::Reader, subscriptionScope())};
    QVERIFY(!AccessEngine::authorizeManagement(rbac, user(), u"Microsoft.KeyVault/vaults/read"_s,
                                               vaultId()));
    const auto denial = AccessEngine::authorizeManagement(
        rbac, user(), u"Microsoft.KeyVault/vaults/accessPolicies/write"_s, vaultId());
    QVERIFY(denial);
    QCOMPARE(denial->code, u"AuthorizationFailed"_s);
    QVERIFY(denial->message.contains(u"'Microsoft.KeyVault/vaults/accessPolicies/write'"_s));
}

QTEST_APPLESS_MAIN(TestAccessEngine)
#include "tst_accessengine.moc"

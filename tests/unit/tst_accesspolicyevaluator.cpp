// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccessFixtures.h"
#include "access/AccessPolicyEvaluator.h"
#include "access/PermissionCatalogue.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::access;
using namespace vl::test;

using Entries = QList<arm::AccessPolicyEntry>;
Q_DECLARE_METATYPE(vl::access::Caller)
Q_DECLARE_METATYPE(vl::access::DataOperation)

class TestAccessPolicyEvaluator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void evaluate_data();
    void evaluate();
    void everyOperationNeedsItsPermission_data();
    void everyOperationNeedsItsPermission();
    void denialText();
    void effectivePermissionsUnion();
};

void TestAccessPolicyEvaluator::evaluate_data()
{
    QTest::addColumn<Entries>("entries");
    QTest::addColumn<Caller>("caller");
    QTest::addColumn<DataOperation>("operation");
    QTest::addColumn<bool>("allowed");

    Caller inGroup = user(BobId);
    inGroup.groupIds = {GroupId};
    Caller viaOtherApp = user();
    viaOtherApp.applicationId = OtherAppId;
    Caller otherTenant = user();
    otherTenant.tenantId = OtherTenantId;
    arm::AccessPolicyEntry compound = policy(AliceId, {u"get"_s});
    compound.applicationId = AppId;
    arm::AccessPolicyEntry upperCase = policy(AliceId.toUpper(), {u"Get"_s, u"List"_s});

    QTest::newRow("get granted") << Entries{policy(AliceId, {u"get"_s})} << user()
                                 << DataOperation::GetSecret << true;
    QTest::newRow("list does not give get")
        << Entries{policy(AliceId, {u"list"_s})} << user() << DataOperation::GetSecret << false;
    QTest::newRow("no entries") << Entries{} << user() << DataOperation::ListSecrets << false;
    QTest::newRow("another principal's entry")
        << Entries{policy(BobId, {u"get"_s})} << user() << DataOperation::GetSecret << false;
    QTest::newRow("object id and permission case-insensitive")
        << Entries{upperCase} << user() << DataOperation::ListSecrets << true;
    QTest::newRow("group membership")
        << Entries{policy(GroupId, {u"get"_s})} << inGroup << DataOperation::GetSecret << true;
    QTest::newRow("union of user and group entries")
        << Entries{policy(BobId, {u"list"_s}), policy(GroupId, {u"delete"_s})} << inGroup
        << DataOperation::DeleteSecret << true;
    QTest::newRow("compound identity through its application")
        << Entries{compound} << user() << DataOperation::GetSecret << true;
    QTest::newRow("compound identity through another application")
        << Entries{compound} << viaOtherApp << DataOperation::GetSecret << false;
    QTest::newRow("entry of the vault tenant, caller from another tenant")
        << Entries{policy(AliceId, {u"get"_s})} << otherTenant << DataOperation::GetSecret << false;
    QTest::newRow("secret update needs set")
        << Entries{policy(AliceId, {u"set"_s})} << user() << DataOperation::UpdateSecret << true;
    QTest::newRow("key permissions do not give secrets")
        << Entries{policy(AliceId, {}, {u"get"_s})} << user() << DataOperation::GetSecret << false;
    QTest::newRow("all gives decrypt")
        << Entries{policy(AliceId, {}, {u"all"_s})} << user() << DataOperation::Decrypt << true;
    QTest::newRow("all does not give purge") << Entries{policy(AliceId, {u"all"_s})} << user()
                                             << DataOperation::PurgeDeletedSecret << false;
    QTest::newRow("manageissuers gives issuer reads")
        << Entries{policy(AliceId, {}, {}, {u"manageissuers"_s})} << user()
        << DataOperation::GetCertificateIssuer << true;
    QTest::newRow("listissuers lists issuers")
        << Entries{policy(AliceId, {}, {}, {u"listissuers"_s})} << user()
        << DataOperation::ListCertificateIssuers << true;
    QTest::newRow("getissuers does not set issuers")
        << Entries{policy(AliceId, {}, {}, {u"getissuers"_s})} << user()
        << DataOperation::SetCertificateIssuer << false;
}

void TestAccessPolicyEvaluator::evaluate()
{
    QFETCH(Entries, entries);
    QFETCH(Caller, caller);
    QFETCH(DataOperation, operation);
    QFETCH(bool, allowed);
    const StageResult r = evaluateAccessPolicies(entries, caller, Operations::info(operation),
                                                 {u"kv-demo"_s, u"westeurope"_s});
    QCOMPARE(r.verdict.stage, Stage::Authorization);
    QCOMPARE(r.verdict.outcome, allowed ? Outcome::Passed : Outcome::Failed);
    QCOMPARE(r.denial.has_value(), !allowed);
    QCOMPARE(r.verdict.rule,
             allowed ? Rule::AccessPolicyGrants : Rule::AccessPolicyMissingPermission);
    if (!allowed) {
        QCOMPARE(r.denial->status, 403);
        QCOMPARE(r.denial->innerCode, u"ForbiddenByPolicy"_s);
    } else {
        QVERIFY(!r.verdict.matched.isEmpty());
    }
}

void TestAccessPolicyEvaluator::everyOperationNeedsItsPermission_data()
{
    QTest::addColumn<DataOperation>("operation");
    for (const OperationInfo &op : Operations::all())
        QTest::newRow(op.id) << op.operation;
}

void TestAccessPolicyEvaluator::everyOperationNeedsItsPermission()
{
    QFETCH(DataOperation, operation);
    const OperationInfo &info = Operations::info(operation);
    const VaultLabel label{u"kv-demo"_s, u"westeurope"_s};
    for (const QString &permission : info.permissions) {
        arm::AccessPolicyEntry e = policy(AliceId, {});
        const QStringList one{permission};
        switch (info.kind) {
        case ObjectKind::Keys:
            e.permissions.keys = one;
            break;
        case ObjectKind::Secrets:
            e.permissions.secrets = one;
            break;
        case ObjectKind::Certificates:
            e.permissions.certificates = one;
            break;
        case ObjectKind::Storage:
            e.permissions.storage = one;
            break;
        }
        QVERIFY2(evaluateAccessPolicies({e}, user(), info, label).verdict.outcome
                     == Outcome::Passed,
                 qPrintable(permission));
    }
    // Every other permission of the kind, granted together, is not enough.
    arm::AccessPolicyEntry others = policy(AliceId, {}, {}, {});
    QStringList rest;
    for (const QString &p : PermissionCatalogue::names(info.kind))
        if (!info.permissions.contains(p) && p != "all"_L1)
            rest.append(p);
    others.permissions.keys = info.kind == ObjectKind::Keys ? rest : QStringList{};
    others.permissions.secrets = info.kind == ObjectKind::Secrets ? rest : QStringList{};
    others.permissions.certificates = info.kind == ObjectKind::Certificates ? rest : QStringList{};
    others.permissions.storage = info.kind == ObjectKind::Storage ? rest : QStringList{};
    const StageResult r = evaluateAccessPolicies({others}, user(), info, label);
    QCOMPARE(r.verdict.outcome, Outcome::Failed);
    QVERIFY(r.denial->message.contains(u" does not have "_s + wireName(info.kind) + u' '
                                       + info.permissions.first() + u" permission on key vault"_s));
}

void TestAccessPolicyEvaluator::denialText()
{
    Caller caller = user();
    caller.groupIds = {GroupId, BobId};
    const StageResult r = evaluateAccessPolicies(
        {}, caller, Operations::info(DataOperation::ListSecrets), {u"kv-demo"_s, u"westeurope"_s});
    QVERIFY(r.denial);
    QCOMPARE(r.denial->code, u"Forbidden"_s);
    QCOMPARE(
        r.denial->message,
        u"The user, group or application 'appid="_s + AppId + u";oid="_s + AliceId
            + u";numgroups=2;iss=https://sts.windows.net/"_s + TenantId
            + u"/' does not have secrets list permission on key vault 'kv-demo;location=westeurope'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287"_s);
}

void TestAccessPolicyEvaluator::effectivePermissionsUnion()
{
    Caller caller = user();
    caller.groupIds = {GroupId};
    const Entries entries{policy(AliceId, {u"get"_s}), policy(GroupId, {u"list"_s}),
                          policy(BobId, {u"delete"_s})};
    QCOMPARE(effectivePermissions(entries, caller, ObjectKind::Secrets),
             (QStringList{u"get"_s, u"list"_s}));
    QVERIFY(effectivePermissions(entries, caller, ObjectKind::Keys).isEmpty());
}

QTEST_APPLESS_MAIN(TestAccessPolicyEvaluator)
#include "tst_accesspolicyevaluator.moc"

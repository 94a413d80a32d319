// SPDX-License-Identifier: GPL-3.0-or-later
#include "arm/ArmRequestSerializer.h"

#include "TestData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl::arm;
namespace ARS = vl::arm::ArmRequestSerializer;

namespace {

QString dump(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
}

QJsonObject parseObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

/// `parameters.parameters` of an ARM example: the request body.
QJsonObject requestBody(const QString &file)
{
    return vl::test::readJsonObject(file)
        .value("parameters"_L1)
        .toObject()
        .value("parameters"_L1)
        .toObject();
}

AccessPolicyEntry entry(const QString &objectId, const QStringList &secrets)
{
    AccessPolicyEntry e;
    e.tenantId = u"00000000-0000-0000-0000-000000000001"_s;
    e.objectId = objectId;
    e.permissions.secrets = secrets;
    return e;
}

} // namespace

class TestArmRequestSerializer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void vaultPatchExample();
    void vaultPatchWritesOnlyWhatIsSet_data();
    void vaultPatchWritesOnlyWhatIsSet();
    void vaultPatchRoundTrip_data();
    void vaultPatchRoundTrip();
    void accessPolicyParametersExample_data();
    void accessPolicyParametersExample();
    void accessPolicyBody();
    void accessPolicyOperationNames_data();
    void accessPolicyOperationNames();
    void roleAssignmentCreate_data();
    void roleAssignmentCreate();
};

void TestArmRequestSerializer::vaultPatchExample()
{
    // updateVault.json is Vaults_Update: its request body is a VaultPatchParameters.
    const QJsonObject body = requestBody(u"arm/updateVault.json"_s);
    QVERIFY(!body.isEmpty());
    const VaultPatchParameters patch = ARS::vaultPatchFromJson(body);
    QVERIFY(!patch.tags);
    const VaultPatchProperties &p = patch.properties;
    QCOMPARE(p.tenantId, std::optional<QString>(u"00000000-0000-0000-0000-000000000000"_s));
    QVERIFY(p.sku.has_value());
    QCOMPARE(p.sku->family, u"A"_s);
    QCOMPARE(p.sku->name, u"standard"_s);
    QCOMPARE(p.accessPolicies->size(), 1);
    QCOMPARE(p.accessPolicies->first().permissions.secrets->size(), 8);
    QCOMPARE(p.enabledForDeployment, std::optional<bool>(true));
    QCOMPARE(p.enabledForDiskEncryption, std::optional<bool>(true));
    QCOMPARE(p.enabledForTemplateDeployment, std::optional<bool>(true));
    QCOMPARE(p.publicNetworkAccess, std::optional<QString>(u"Enabled"_s));
    QVERIFY(!p.enableRbacAuthorization);
    QVERIFY(!p.networkAcls);
    QVERIFY(p.extra.isEmpty());
    QVERIFY(patch.extra.isEmpty());

    const QJsonObject written = ARS::toJson(patch);
    QVERIFY2(written == body, qPrintable(dump(written)));
}

void TestArmRequestSerializer::vaultPatchWritesOnlyWhatIsSet_data()
{
    QTest::addColumn<VaultPatchParameters>("patch");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("nothing") << VaultPatchParameters{} << "{}"_ba;
    {
        VaultPatchParameters p;
        p.properties.enableRbacAuthorization = false;
        QTest::newRow("rbac off (false is sent)")
            << p << R"({"properties":{"enableRbacAuthorization":false}})"_ba;
    }
    {
        VaultPatchParameters p;
        NetworkRuleSet acls;
        acls.defaultAction = u"Deny"_s;
        acls.bypass = u"AzureServices"_s;
        acls.ipRules = QList<IpRule>{{u"203.0.113.7/32"_s}};
        p.properties.networkAcls = acls;
        QTest::newRow("firewall") << p << R"({"properties":{"networkAcls":{"bypass":"AzureServices",
                                        "defaultAction":"Deny","ipRules":[{"value":"203.0.113.7/32"}]}}})"_ba;
    }
    {
        VaultPatchParameters p;
        p.tags = QMap<QString, QString>{{u"env"_s, u"prod"_s}};
        QTest::newRow("tags only") << p << R"({"tags":{"env":"prod"}})"_ba;
    }
    {
        VaultPatchParameters p;
        p.properties.publicNetworkAccess = u"Disabled"_s;
        p.properties.enablePurgeProtection = true;
        p.properties.softDeleteRetentionInDays = 30;
        QTest::newRow("several") << p << R"({"properties":{"publicNetworkAccess":"Disabled",
                                        "enablePurgeProtection":true,"softDeleteRetentionInDays":30}})"_ba;
    }
    {
        VaultPatchParameters p;
        p.properties.accessPolicies = QList<AccessPolicyEntry>{};
        QTest::newRow("empty policy list (replaces the list)")
            << p << R"({"properties":{"accessPolicies":[]}})"_ba;
    }
}

void TestArmRequestSerializer::vaultPatchWritesOnlyWhatIsSet()
{
    QFETCH(VaultPatchParameters, patch);
    QFETCH(QByteArray, expected);
    const QJsonObject written = ARS::toJson(patch);
    QVERIFY2(written == parseObject(expected), qPrintable(dump(written)));
    QCOMPARE(patch.properties.isEmpty(), !written.contains("properties"_L1));
    QVERIFY(ARS::vaultPatchFromJson(written) == patch);
}

void TestArmRequestSerializer::vaultPatchRoundTrip_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("unknown property") << R"({"properties":{"futureFlag":true}})"_ba;
    QTest::newRow("mistyped retention")
        << R"({"properties":{"softDeleteRetentionInDays":"90"}})"_ba;
    QTest::newRow("fractional retention")
        << R"({"properties":{"softDeleteRetentionInDays":7.5}})"_ba;
    QTest::newRow("sku with extra")
        << R"({"properties":{"sku":{"family":"A","name":"premium","x":1}}})"_ba;
    QTest::newRow("top-level extra") << R"({"identity":{"type":"None"},"tags":{}})"_ba;
    QTest::newRow("properties not an object") << R"({"properties":[1,2]})"_ba;
}

void TestArmRequestSerializer::vaultPatchRoundTrip()
{
    QFETCH(QByteArray, json);
    const QJsonObject input = parseObject(json);
    const VaultPatchParameters patch = ARS::vaultPatchFromJson(input);
    const QJsonObject written = ARS::toJson(patch);
    QVERIFY2(written == input, qPrintable(dump(written)));
    QVERIFY(ARS::vaultPatchFromJson(written) == patch);
}

void TestArmRequestSerializer::accessPolicyParametersExample_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<bool>("isAnswer");
    const QString file = u"arm/updateAccessPoliciesAdd.json"_s;
    QTest::newRow("request") << requestBody(file) << false;
    QTest::newRow("200") << vl::test::exampleResponseBody(file, u"200"_s) << true;
    QTest::newRow("201") << vl::test::exampleResponseBody(file, u"201"_s) << true;
}

void TestArmRequestSerializer::accessPolicyParametersExample()
{
    QFETCH(QJsonObject, json);
    QFETCH(bool, isAnswer);
    const VaultAccessPolicyParameters a = ARS::accessPolicyParametersFromJson(json);
    const QJsonObject written = ARS::toJson(a);
    QVERIFY2(written == json, qPrintable(dump(written)));
    QVERIFY(ARS::accessPolicyParametersFromJson(written) == a);

    QCOMPARE(a.accessPolicies.size(), 1);
    const AccessPolicyEntry &e = a.accessPolicies.first();
    QCOMPARE(e.objectId, u"00000000-0000-0000-0000-000000000000"_s);
    QCOMPARE(e.permissions.keys, std::optional<QStringList>(QStringList{u"encrypt"_s}));
    QCOMPARE(e.permissions.secrets, std::optional<QStringList>(QStringList{u"get"_s}));
    QCOMPARE(e.permissions.certificates, std::optional<QStringList>(QStringList{u"get"_s}));
    QVERIFY(!e.permissions.storage);
    QCOMPARE(a.type.has_value(), isAnswer);
    QCOMPARE(a.id.has_value(), isAnswer);
    if (isAnswer) {
        QCOMPARE(*a.type, u"Microsoft.KeyVault/vaults/accessPolicies"_s);
        QVERIFY(a.id->endsWith(u"/vaults/sample-vault/accessPolicies/"_s));
    }
}

void TestArmRequestSerializer::accessPolicyBody()
{
    VaultAccessPolicyParameters body;
    body.accessPolicies = {entry(u"obj-1"_s, {u"get"_s, u"list"_s}), entry(u"obj-2"_s, {u"set"_s})};
    const QJsonObject expected = parseObject(R"({"properties":{"accessPolicies":[
        {"tenantId":"00000000-0000-0000-0000-000000000001","objectId":"obj-1","permissions":{"secrets":["get","list"]}},
        {"tenantId":"00000000-0000-0000-0000-000000000001","objectId":"obj-2","permissions":{"secrets":["set"]}}]}})");
    const QJsonObject written = ARS::toJson(body);
    QVERIFY2(written == expected, qPrintable(dump(written)));
    // A body with no entry still names the list: the service answers 400 for it.
    QCOMPARE(ARS::toJson(VaultAccessPolicyParameters{}),
             parseObject(R"({"properties":{"accessPolicies":[]}})"));
}

void TestArmRequestSerializer::accessPolicyOperationNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("operation"); // -1: not an operation
    QTest::newRow("add") << u"add"_s << int(AccessPolicyOperation::Add);
    QTest::newRow("replace") << u"replace"_s << int(AccessPolicyOperation::Replace);
    QTest::newRow("remove") << u"remove"_s << int(AccessPolicyOperation::Remove);
    QTest::newRow("capitalised") << u"Replace"_s << int(AccessPolicyOperation::Replace);
    QTest::newRow("unknown") << u"merge"_s << -1;
    QTest::newRow("empty") << QString() << -1;
}

void TestArmRequestSerializer::accessPolicyOperationNames()
{
    QFETCH(QString, name);
    QFETCH(int, operation);
    const auto parsed = accessPolicyOperationFromName(name);
    QCOMPARE(parsed.has_value(), operation >= 0);
    if (parsed) {
        QCOMPARE(int(*parsed), operation);
        QCOMPARE(accessPolicyOperationName(*parsed), name.toLower());
    }
}

void TestArmRequestSerializer::roleAssignmentCreate_data()
{
    QTest::addColumn<RoleAssignmentCreateParameters>("parameters");
    QTest::addColumn<QByteArray>("expected");
    const QString role =
        u"/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"_s;
    {
        RoleAssignmentCreateParameters p;
        p.roleDefinitionId = role;
        p.principalId = u"11111111-1111-1111-1111-111111111111"_s;
        QTest::newRow("required only")
            << p
            << R"({"properties":{"roleDefinitionId":"/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6",
                   "principalId":"11111111-1111-1111-1111-111111111111"}})"_ba;
    }
    {
        RoleAssignmentCreateParameters p;
        p.roleDefinitionId = role;
        p.principalId = u"22222222-2222-2222-2222-222222222222"_s;
        p.principalType = u"ServicePrincipal"_s;
        p.description = u"web app reads its secret"_s;
        p.condition = u"@Resource[Microsoft.KeyVault/vaults/secrets:name] StringEquals 'x'"_s;
        p.conditionVersion = u"2.0"_s;
        QTest::newRow("everything")
            << p
            << R"({"properties":{"roleDefinitionId":"/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6",
                   "principalId":"22222222-2222-2222-2222-222222222222","principalType":"ServicePrincipal",
                   "description":"web app reads its secret",
                   "condition":"@Resource[Microsoft.KeyVault/vaults/secrets:name] StringEquals 'x'",
                   "conditionVersion":"2.0"}})"_ba;
    }
}

void TestArmRequestSerializer::roleAssignmentCreate()
{
    QFETCH(RoleAssignmentCreateParameters, parameters);
    QFETCH(QByteArray, expected);
    const QJsonObject written = ARS::toJson(parameters);
    QVERIFY2(written == parseObject(expected), qPrintable(dump(written)));
    QVERIFY(ARS::roleAssignmentCreateFromJson(written) == parameters);
}

QTEST_GUILESS_MAIN(TestArmRequestSerializer)
#include "tst_armrequestserializer.moc"

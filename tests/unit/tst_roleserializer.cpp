// SPDX-License-Identifier: GPL-3.0-or-later
#include "arm/RoleSerializer.h"

#include "TestData.h"

#include "util/Json.h"
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl::arm;

namespace {

QString dump(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
}

QJsonObject body200(const QString &file)
{
    return vl::test::exampleResponseBody(u"authorization/"_s + file);
}

QStringList toStringList(const QJsonValue &v)
{
    return vl::json::stringList(v);
}

/// Compares each member of @p expected with @p actual, recursing into objects, and fails
/// naming the first member that differs. Members @p actual adds are not looked at.
bool containsFields(const QJsonObject &actual, const QJsonObject &expected, const QString &path,
                    QString *difference)
{
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        const QString where = path + u'/' + it.key();
        if (!actual.contains(it.key())) {
            *difference = where + u" is missing"_s;
            return false;
        }
        const QJsonValue a = actual.value(it.key());
        if (it.value().isObject() && a.isObject()) {
            if (!containsFields(a.toObject(), it.value().toObject(), where, difference))
                return false;
        } else if (a != it.value()) {
            *difference = where + u" differs"_s;
            return false;
        }
    }
    return true;
}

} // namespace

class TestRoleSerializer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void definitionRoundTrip_data();
    void definitionRoundTrip();
    void definitionFixtureValues();
    void assignmentRoundTrip_data();
    void assignmentRoundTrip();
    void assignmentAllOptionalFields();
    void assignmentFixtureValues();
    void flatDocumentationShape();
    void flatShapeWithCondition();
    void builtInRolesFile_data();
    void builtInRolesFile();
    void guidFromId_data();
    void guidFromId();
};

void TestRoleSerializer::definitionRoundTrip_data()
{
    QTest::addColumn<QJsonObject>("json");

    QTest::newRow("GetRoleDefinitionById.json") << body200(u"GetRoleDefinitionById.json"_s);
    const QJsonArray atScope =
        body200(u"GetRoleDefinitionAtScope.json"_s).value("value"_L1).toArray();
    QCOMPARE(atScope.size(), 1);
    for (qsizetype i = 0; i < atScope.size(); ++i)
        QTest::newRow(qPrintable(u"GetRoleDefinitionAtScope.json/value[%1]"_s.arg(i)))
            << atScope.at(i).toObject();

    QTest::newRow("custom role with condition") << QJsonObject{
        {u"id"_s,
         u"/subscriptions/sub1/providers/Microsoft.Authorization/roleDefinitions/11111111-2222-3333-4444-555555555555"_s},
        {u"name"_s, u"11111111-2222-3333-4444-555555555555"_s},
        {u"type"_s, u"Microsoft.Authorization/roleDefinitions"_s},
        {u"properties"_s,
         QJsonObject{{u"roleName"_s, u"Secrets reader (conditional)"_s},
                     {u"type"_s, u"CustomRole"_s},
                     {u"description"_s, u"Reads some secrets"_s},
                     {u"assignableScopes"_s, QJsonArray{u"/subscriptions/sub1"_s}},
                     {u"permissions"_s,
                      QJsonArray{QJsonObject{
                          {u"actions"_s, QJsonArray{u"Microsoft.KeyVault/vaults/read"_s}},
                          {u"notActions"_s, QJsonArray()},
                          {u"dataActions"_s,
                           QJsonArray{u"Microsoft.KeyVault/vaults/secrets/getSecret/action"_s}},
                          {u"notDataActions"_s, QJsonArray()},
                          {u"condition"_s,
                           u"@Resource[Microsoft.KeyVault/vaults/secrets:name] StringEquals 'a'"_s},
                          {u"conditionVersion"_s, u"2.0"_s}}}}}}};
}

void TestRoleSerializer::definitionRoundTrip()
{
    QFETCH(QJsonObject, json);

    const RoleDefinition d = RoleSerializer::definitionFromJson(json);
    const QJsonObject out = RoleSerializer::toJson(d);
    // Field by field first, for a precise message; then the whole object.
    QString difference;
    QVERIFY2(containsFields(out, json, QString(), &difference), qPrintable(difference));
    QVERIFY2(out == json, qPrintable(u"expected:\n"_s + dump(json) + u"\nactual:\n"_s + dump(out)));
    // And the typed value survives the trip.
    QCOMPARE(RoleSerializer::definitionFromJson(out), d);

    const QJsonObject p = json.value("properties"_L1).toObject();
    QCOMPARE(d.id, json.value("id"_L1).toString());
    QCOMPARE(d.name, json.value("name"_L1).toString());
    QCOMPARE(d.roleName, p.value("roleName"_L1).toString());
    QCOMPARE(d.roleType, p.value("type"_L1).toString());
    QCOMPARE(d.description, p.value("description"_L1).toString());
    QCOMPARE(d.assignableScopes, toStringList(p.value("assignableScopes"_L1)));
    const QJsonArray permissions = p.value("permissions"_L1).toArray();
    QCOMPARE(d.permissions.size(), permissions.size());
    for (qsizetype i = 0; i < permissions.size(); ++i) {
        const QJsonObject po = permissions.at(i).toObject();
        const RolePermission &rp = d.permissions.at(i);
        QCOMPARE(rp.actions, toStringList(po.value("actions"_L1)));
        QCOMPARE(rp.notActions, toStringList(po.value("notActions"_L1)));
        QCOMPARE(rp.dataActions, toStringList(po.value("dataActions"_L1)));
        QCOMPARE(rp.notDataActions, toStringList(po.value("notDataActions"_L1)));
        QCOMPARE(rp.condition.has_value(), po.contains("condition"_L1));
        QCOMPARE(rp.conditionVersion.has_value(), po.contains("conditionVersion"_L1));
        if (rp.condition)
            QCOMPARE(*rp.condition, po.value("condition"_L1).toString());
    }
}

void TestRoleSerializer::definitionFixtureValues()
{
    const RoleDefinition d =
        RoleSerializer::definitionFromJson(body200(u"GetRoleDefinitionById.json"_s));
    QCOMPARE(
        d.id,
        u"/subscriptions/subID/providers/Microsoft.Authorization/roleDefinitions/roleDefinitionId"_s);
    QCOMPARE(d.name, u"roleDefinitionId"_s);
    QCOMPARE(d.roleName, u"Role name"_s);
    QCOMPARE(d.roleType, u"roletype"_s);
    QCOMPARE(d.description, u"Role description"_s);
    QCOMPARE(d.assignableScopes, QStringList{u"/subscriptions/subId"_s});
    QCOMPARE(d.permissions.size(), 1);
    QCOMPARE(d.permissions.first().actions, QStringList{u"action"_s});
    QVERIFY(d.permissions.first().notActions.isEmpty());
    QCOMPARE(d.permissions.first().dataActions, QStringList{u"dataAction"_s});
    QVERIFY(d.permissions.first().notDataActions.isEmpty());
    QVERIFY(!d.permissions.first().condition.has_value());
    // Both fixtures describe the same definition.
    const RoleDefinition atScope = RoleSerializer::definitionFromJson(
        body200(u"GetRoleDefinitionAtScope.json"_s).value("value"_L1).toArray().first().toObject());
    QCOMPARE(atScope, d);
}

void TestRoleSerializer::assignmentRoundTrip_data()
{
    QTest::addColumn<QJsonObject>("json");

    int rows = 0;
    for (const QString &file :
         {u"RoleAssignments_ListForResource.json"_s, u"RoleAssignments_ListForScope.json"_s,
          u"RoleAssignments_ListForSubscription.json"_s}) {
        const QJsonArray value = body200(file).value("value"_L1).toArray();
        for (qsizetype i = 0; i < value.size(); ++i) {
            QTest::newRow(qPrintable(u"%1/value[%2]"_s.arg(file).arg(i))) << value.at(i).toObject();
            ++rows;
        }
    }
    QCOMPARE(rows, 5);
}

void TestRoleSerializer::assignmentRoundTrip()
{
    QFETCH(QJsonObject, json);

    const RoleAssignment a = RoleSerializer::assignmentFromJson(json);
    const QJsonObject out = RoleSerializer::toJson(a);
    QVERIFY2(out == json, qPrintable(u"expected:\n"_s + dump(json) + u"\nactual:\n"_s + dump(out)));
    QCOMPARE(RoleSerializer::assignmentFromJson(out), a);

    const QJsonObject p = json.value("properties"_L1).toObject();
    QCOMPARE(a.id, json.value("id"_L1).toString());
    QCOMPARE(a.name, json.value("name"_L1).toString());
    QCOMPARE(a.scope, p.value("scope"_L1).toString());
    QCOMPARE(a.roleDefinitionId, p.value("roleDefinitionId"_L1).toString());
    QCOMPARE(a.principalId, p.value("principalId"_L1).toString());
    QCOMPARE(a.principalType, p.value("principalType"_L1).toString());
    const std::pair<QLatin1StringView, std::optional<QString>> optionals[] = {
        {"description"_L1, a.description},
        {"condition"_L1, a.condition},
        {"conditionVersion"_L1, a.conditionVersion},
        {"createdOn"_L1, a.createdOn},
        {"updatedOn"_L1, a.updatedOn},
        {"createdBy"_L1, a.createdBy},
        {"updatedBy"_L1, a.updatedBy},
        {"delegatedManagedIdentityResourceId"_L1, a.delegatedManagedIdentityResourceId}};
    for (const auto &[key, value] : optionals) {
        QCOMPARE(value.has_value(), p.contains(key));
        if (value)
            QCOMPARE(*value, p.value(key).toString());
    }
    // The id ends in the assignment's name, and the scope contains the assignment.
    QCOMPARE(RoleDefinition::guidFromId(a.id), a.name);
    QVERIFY(a.id.startsWith(a.scope + u"/providers/Microsoft.Authorization/roleAssignments/"_s));
}

void TestRoleSerializer::assignmentAllOptionalFields()
{
    const QJsonObject json{
        {u"id"_s,
         u"/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/v1/providers/Microsoft.Authorization/roleAssignments/22222222-2222-2222-2222-222222222222"_s},
        {u"name"_s, u"22222222-2222-2222-2222-222222222222"_s},
        {u"type"_s, u"Microsoft.Authorization/roleAssignments"_s},
        {u"properties"_s,
         QJsonObject{
             {u"scope"_s,
              u"/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/v1"_s},
             {u"roleDefinitionId"_s,
              u"/subscriptions/sub1/providers/Microsoft.Authorization/roleDefinitions/8b54135c-b56d-4d72-a534-26097cfdc8d8"_s},
             {u"principalId"_s, u"ce2ce14e-85d7-4629-bdbc-454d0519d987"_s},
             {u"principalType"_s, u"Group"_s},
             {u"description"_s, u"Delegated access administration"_s},
             {u"condition"_s,
              u"((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR "
              u"(@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] "
              u"ForAnyOfAnyValues:GuidEquals{4633458b-17de-408a-b874-0445c86b69e6}))"_s},
             {u"conditionVersion"_s, u"2.0"_s},
             {u"createdOn"_s, u"2026-01-15T09:00:00.0000000Z"_s},
             {u"updatedOn"_s, u"2026-01-16T09:00:00.0000000Z"_s},
             {u"createdBy"_s, u"33333333-3333-3333-3333-333333333333"_s},
             {u"updatedBy"_s, u"44444444-4444-4444-4444-444444444444"_s},
             {u"delegatedManagedIdentityResourceId"_s,
              u"/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1"_s}}}};

    const RoleAssignment a = RoleSerializer::assignmentFromJson(json);
    QCOMPARE(a.principalType, u"Group"_s);
    QCOMPARE(a.description, std::optional<QString>(u"Delegated access administration"_s));
    QVERIFY(a.condition && a.condition->startsWith(u"((!(ActionMatches"_s));
    QCOMPARE(a.conditionVersion, std::optional<QString>(u"2.0"_s));
    QCOMPARE(a.createdOn, std::optional<QString>(u"2026-01-15T09:00:00.0000000Z"_s));
    QCOMPARE(a.updatedOn, std::optional<QString>(u"2026-01-16T09:00:00.0000000Z"_s));
    QCOMPARE(a.createdBy, std::optional<QString>(u"33333333-3333-3333-3333-333333333333"_s));
    QCOMPARE(a.updatedBy, std::optional<QString>(u"44444444-4444-4444-4444-444444444444"_s));
    QVERIFY(a.delegatedManagedIdentityResourceId.has_value());
    const QJsonObject out = RoleSerializer::toJson(a);
    QVERIFY2(out == json, qPrintable(dump(out)));
}

void TestRoleSerializer::assignmentFixtureValues()
{
    const QJsonArray value =
        body200(u"RoleAssignments_ListForScope.json"_s).value("value"_L1).toArray();
    QCOMPARE(value.size(), 1);
    const RoleAssignment a = RoleSerializer::assignmentFromJson(value.first().toObject());
    QCOMPARE(a.name, u"b0f43c54-e787-4862-89b1-a653fa9cf747"_s);
    QCOMPARE(a.scope, u"/subscriptions/a925f2f7-5c63-4b7b-8799-25a5f97bc3b2"_s);
    QCOMPARE(
        a.roleDefinitionId,
        u"/providers/Microsoft.Authorization/roleDefinitions/0b5fe924-9a61-425c-96af-cfe6e287ca2d"_s);
    QCOMPARE(RoleDefinition::guidFromId(a.roleDefinitionId),
             u"0b5fe924-9a61-425c-96af-cfe6e287ca2d"_s);
    QCOMPARE(a.principalId, u"ce2ce14e-85d7-4629-bdbc-454d0519d987"_s);
    QCOMPARE(a.principalType, u"User"_s);
    QVERIFY(!a.condition.has_value());
    QVERIFY(!a.description.has_value());
    QVERIFY(!a.createdOn.has_value());
}

void TestRoleSerializer::flatDocumentationShape()
{
    const QString guid = u"4633458b-17de-408a-b874-0445c86b69e6"_s;
    const QJsonObject flat{
        {u"id"_s, QString(u"/providers/Microsoft.Authorization/roleDefinitions/"_s + guid)},
        {u"roleName"_s, u"Key Vault Secrets User"_s},
        {u"description"_s, u"Read secret contents."_s},
        {u"assignableScopes"_s, QJsonArray{u"/"_s}},
        {u"permissions"_s,
         QJsonArray{
             QJsonObject{{u"actions"_s, QJsonArray()},
                         {u"notActions"_s, QJsonArray()},
                         {u"dataActions"_s,
                          QJsonArray{u"Microsoft.KeyVault/vaults/secrets/getSecret/action"_s,
                                     u"Microsoft.KeyVault/vaults/secrets/readMetadata/action"_s}},
                         {u"notDataActions"_s, QJsonArray()}}}},
        {u"roleType"_s, u"BuiltInRole"_s}};

    const RoleDefinition d = RoleSerializer::definitionFromJson(flat);
    QCOMPARE(d.id, u"/providers/Microsoft.Authorization/roleDefinitions/"_s + guid);
    QCOMPARE(d.name, guid); // derived from the id when the flat shape has no name
    QCOMPARE(d.roleName, u"Key Vault Secrets User"_s);
    QCOMPARE(d.roleType, u"BuiltInRole"_s);
    QCOMPARE(d.description, u"Read secret contents."_s);
    QCOMPARE(d.assignableScopes, QStringList{u"/"_s});
    QCOMPARE(d.permissions.size(), 1);
    QVERIFY(d.permissions.first().actions.isEmpty());
    QCOMPARE(d.permissions.first().dataActions,
             (QStringList{u"Microsoft.KeyVault/vaults/secrets/getSecret/action"_s,
                          u"Microsoft.KeyVault/vaults/secrets/readMetadata/action"_s}));

    // Written back in the ARM shape, and read again to the same value.
    const QJsonObject arm = RoleSerializer::toJson(d);
    QCOMPARE(arm.value("type"_L1).toString(), u"Microsoft.Authorization/roleDefinitions"_s);
    QCOMPARE(arm.value("name"_L1).toString(), guid);
    QCOMPARE(arm.value("properties"_L1).toObject().value("roleName"_L1).toString(),
             u"Key Vault Secrets User"_s);
    QCOMPARE(arm.value("properties"_L1).toObject().value("type"_L1).toString(), u"BuiltInRole"_s);
    QVERIFY(!arm.contains("roleName"_L1));
    QCOMPARE(RoleSerializer::definitionFromJson(arm), d);

    // A flat shape that names itself keeps that name.
    QJsonObject named = flat;
    named.insert(u"name"_s, u"explicit-name"_s);
    QCOMPARE(RoleSerializer::definitionFromJson(named).name, u"explicit-name"_s);
}

void TestRoleSerializer::flatShapeWithCondition()
{
    const QJsonObject flat{
        {u"id"_s,
         u"/providers/Microsoft.Authorization/roleDefinitions/8b54135c-b56d-4d72-a534-26097cfdc8d8"_s},
        {u"roleName"_s, u"Key Vault Data Access Administrator"_s},
        {u"roleType"_s, u"BuiltInRole"_s},
        {u"permissions"_s,
         QJsonArray{QJsonObject{
             {u"actions"_s, QJsonArray{u"Microsoft.Authorization/roleAssignments/write"_s}},
             {u"notActions"_s, QJsonArray()},
             {u"dataActions"_s, QJsonArray()},
             {u"notDataActions"_s, QJsonArray()},
             {u"conditionVersion"_s, u"2.0"_s},
             {u"condition"_s,
              u"((!(ActionMatches{'x'})) OR (@Request[y] "
              u"ForAnyOfAnyValues:GuidEquals{4633458b-17de-408a-b874-0445c86b69e6}))"_s}}}}};
    const RoleDefinition d = RoleSerializer::definitionFromJson(flat);
    QCOMPARE(d.permissions.size(), 1);
    QCOMPARE(d.permissions.first().conditionVersion, std::optional<QString>(u"2.0"_s));
    QVERIFY(d.permissions.first().condition.has_value());
    QVERIFY(d.permissions.first().condition->contains(u"GuidEquals"_s));
    QCOMPARE(d.name, u"8b54135c-b56d-4d72-a534-26097cfdc8d8"_s);
}

void TestRoleSerializer::builtInRolesFile_data()
{
    QTest::addColumn<QJsonObject>("role");

    QFile file(u":/vaultlens/access/builtin-roles.json"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray roles =
        QJsonDocument::fromJson(file.readAll()).object().value("roles"_L1).toArray();
    QVERIFY(roles.size() >= 17);
    for (const QJsonValue &r : roles)
        QTest::newRow(qPrintable(r.toObject().value("roleName"_L1).toString())) << r.toObject();
}

void TestRoleSerializer::builtInRolesFile()
{
    QFETCH(QJsonObject, role);

    // The shipped catalogue is in the documentation's flat shape.
    const RoleDefinition d = RoleSerializer::definitionFromJson(role);
    QCOMPARE(d.id, role.value("id"_L1).toString());
    QCOMPARE(d.name, role.value("name"_L1).toString());
    QCOMPARE(d.name, RoleDefinition::guidFromId(d.id));
    QCOMPARE(d.roleName, role.value("roleName"_L1).toString());
    QCOMPARE(d.roleType, role.value("roleType"_L1).toString());
    QCOMPARE(d.description, role.value("description"_L1).toString());
    QCOMPARE(d.assignableScopes, toStringList(role.value("assignableScopes"_L1)));
    const QJsonArray permissions = role.value("permissions"_L1).toArray();
    QCOMPARE(d.permissions.size(), permissions.size());
    for (qsizetype i = 0; i < permissions.size(); ++i) {
        const QJsonObject po = permissions.at(i).toObject();
        QCOMPARE(d.permissions.at(i).actions, toStringList(po.value("actions"_L1)));
        QCOMPARE(d.permissions.at(i).notActions, toStringList(po.value("notActions"_L1)));
        QCOMPARE(d.permissions.at(i).dataActions, toStringList(po.value("dataActions"_L1)));
        QCOMPARE(d.permissions.at(i).notDataActions, toStringList(po.value("notDataActions"_L1)));
        QCOMPARE(d.permissions.at(i).condition.has_value(), po.contains("condition"_L1));
    }
    QCOMPARE(RoleSerializer::definitionFromJson(RoleSerializer::toJson(d)), d);
}

void TestRoleSerializer::guidFromId_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("guid");

    QTest::newRow("tenant-level")
        << u"/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"_s
        << u"4633458b-17de-408a-b874-0445c86b69e6"_s;
    QTest::newRow("subscription-scoped")
        << u"/subscriptions/a925f2f7-5c63-4b7b-8799-25a5f97bc3b2/providers/Microsoft.Authorization/roleDefinitions/0b5fe924-9a61-425c-96af-cfe6e287ca2d"_s
        << u"0b5fe924-9a61-425c-96af-cfe6e287ca2d"_s;
    QTest::newRow("fixture name")
        << u"/subscriptions/subID/providers/Microsoft.Authorization/roleDefinitions/roleDefinitionId"_s
        << u"roleDefinitionId"_s;
    QTest::newRow("bare GUID") << u"00482a5a-887f-4fb3-b363-3b7fe8e74483"_s
                               << u"00482a5a-887f-4fb3-b363-3b7fe8e74483"_s;
    QTest::newRow("empty") << QString() << QString();
}

void TestRoleSerializer::guidFromId()
{
    QFETCH(QString, id);
    QFETCH(QString, guid);

    QCOMPARE(RoleDefinition::guidFromId(id), guid);
}

QTEST_GUILESS_MAIN(TestRoleSerializer)
#include "tst_roleserializer.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/Validation.h"
#include "arm/VaultSerializer.h"

#include "TestData.h"

#include "util/Json.h"
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace vl::arm;

namespace {

const QString VaultType = u"Microsoft.KeyVault/vaults"_s;

QString dump(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
}

/// Every response body of an ARM example file, keyed "file/status".
QList<std::pair<QString, QJsonObject>> responseBodies(const QString &file)
{
    QList<std::pair<QString, QJsonObject>> out;
    const QJsonObject example = vl::test::readJsonObject(u"arm/"_s + file);
    const QJsonObject responses = example.value("responses"_L1).toObject();
    for (auto it = responses.begin(); it != responses.end(); ++it) {
        const QJsonValue body = it.value().toObject().value("body"_L1);
        if (body.isObject())
            out.append({file + u'/' + it.key(), body.toObject()});
    }
    return out;
}

QJsonObject responseBody(const QString &file, const QString &status)
{
    return vl::test::exampleResponseBody(u"arm/"_s + file, status);
}

QStringList toStringList(const QJsonValue &v)
{
    return vl::json::stringList(v);
}

} // namespace

class TestVaultSerializer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTrip_data();
    void roundTrip();
    void getVaultAccessPolicies();
    void networkAcls();
    void networkAclsMatchValidationNormalisation();
    void privateEndpointConnections_data();
    void privateEndpointConnections();
    void networkRuleSetDefaults_data();
    void networkRuleSetDefaults();
    void vaultPropertiesDefaults_data();
    void vaultPropertiesDefaults();
    void accessPolicyEntries_data();
    void accessPolicyEntries();
    void unknownPropertiesSurvive_data();
    void unknownPropertiesSurvive();
    void unknownPropertiesKeptInExtra();
};

void TestVaultSerializer::initTestCase()
{
    const QDir dir(vl::test::testDataPath(u"arm"_s));
    QVERIFY2(dir.exists(), qPrintable(u"missing test data directory "_s + dir.path()));
    QVERIFY(!dir.entryList({u"*.json"_s}, QDir::Files).isEmpty());
}

void TestVaultSerializer::roundTrip_data()
{
    QTest::addColumn<QJsonObject>("body");

    const QDir dir(vl::test::testDataPath(u"arm"_s));
    int rows = 0;
    for (const QString &file : dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name)) {
        for (const auto &[tag, body] : responseBodies(file)) {
            if (body.value("type"_L1).toString() == VaultType) {
                QTest::newRow(qPrintable(tag)) << body;
                ++rows;
            }
            const QJsonArray value = body.value("value"_L1).toArray();
            for (qsizetype i = 0; i < value.size(); ++i) {
                const QJsonObject item = value.at(i).toObject();
                if (item.value("type"_L1).toString() != VaultType)
                    continue;
                QTest::newRow(qPrintable(u"%1/value[%2]"_s.arg(tag).arg(i))) << item;
                ++rows;
            }
        }
    }
    // createVault (2), createVaultWithNetworkAcls (2), getVault, updateVault (2), and one
    // vault in each of the three list examples.
    QCOMPARE(rows, 10);
}

void TestVaultSerializer::roundTrip()
{
    QFETCH(QJsonObject, body);

    const QJsonObject actual = VaultSerializer::toJson(VaultSerializer::vaultFromJson(body));
    QVERIFY2(actual == body,
             qPrintable(u"expected:\n"_s + dump(body) + u"\nactual:\n"_s + dump(actual)));
    // The typed value is a fixed point even where the JSON is not.
    const Vault once = VaultSerializer::vaultFromJson(body);
    QCOMPARE(VaultSerializer::vaultFromJson(VaultSerializer::toJson(once)) == once, true);
}

void TestVaultSerializer::getVaultAccessPolicies()
{
    const Vault v = VaultSerializer::vaultFromJson(responseBody(u"getVault.json"_s, u"200"_s));
    QCOMPARE(v.name, u"sample-vault"_s);
    QCOMPARE(v.type, VaultType);
    QCOMPARE(v.location, std::optional<QString>(u"westus"_s));
    QVERIFY(v.tags.has_value());
    QVERIFY(v.tags->isEmpty());
    QVERIFY(v.systemData.has_value());
    QCOMPARE(v.systemData->value("createdBy"_L1).toString(), u"keyVaultUser1"_s);
    QCOMPARE(v.properties.tenantId, u"00000000-0000-0000-0000-000000000000"_s);
    QCOMPARE(v.properties.sku.family, u"A"_s);
    QCOMPARE(v.properties.sku.name, u"standard"_s);
    QCOMPARE(v.properties.vaultUri,
             std::optional<QString>(u"https://sample-vault.vault.azure.net"_s));
    QCOMPARE(v.properties.enabledForDeployment, std::optional<bool>(true));
    QVERIFY(!v.properties.enableSoftDelete.has_value());
    QVERIFY(!v.properties.networkAcls.has_value());
    QCOMPARE(v.properties.publicNetworkAccess, std::optional<QString>(u"Enabled"_s));
    QVERIFY(v.properties.publicNetworkAccessEnabled());
    QVERIFY(!v.properties.usesRbac());
    QVERIFY(v.properties.extra.isEmpty());
    QVERIFY(v.extra.isEmpty());

    QVERIFY(v.properties.accessPolicies.has_value());
    QCOMPARE(v.properties.accessPolicies->size(), 1);
    const AccessPolicyEntry &e = v.properties.accessPolicies->first();
    QCOMPARE(e.tenantId, u"00000000-0000-0000-0000-000000000000"_s);
    QCOMPARE(e.objectId, u"00000000-0000-0000-0000-000000000000"_s);
    QVERIFY(!e.applicationId.has_value());
    QVERIFY(e.permissions.keys.has_value());
    QVERIFY(e.permissions.secrets.has_value());
    QVERIFY(e.permissions.certificates.has_value());
    QVERIFY(!e.permissions.storage.has_value());
    QCOMPARE(*e.permissions.keys,
             (QStringList{u"encrypt"_s, u"decrypt"_s, u"wrapKey"_s, u"unwrapKey"_s, u"sign"_s,
                          u"verify"_s, u"get"_s, u"list"_s, u"create"_s, u"update"_s, u"import"_s,
                          u"delete"_s, u"backup"_s, u"restore"_s, u"recover"_s, u"purge"_s}));
    QCOMPARE(*e.permissions.secrets,
             (QStringList{u"get"_s, u"list"_s, u"set"_s, u"delete"_s, u"backup"_s, u"restore"_s,
                          u"recover"_s, u"purge"_s}));
    QCOMPARE(*e.permissions.certificates,
             (QStringList{u"get"_s, u"list"_s, u"delete"_s, u"create"_s, u"import"_s, u"update"_s,
                          u"managecontacts"_s, u"getissuers"_s, u"listissuers"_s, u"setissuers"_s,
                          u"deleteissuers"_s, u"manageissuers"_s, u"recover"_s, u"purge"_s}));
    // The fixture's entry is valid against its own tenant.
    QVERIFY(
        vl::access::Validation::accessPolicies(*v.properties.accessPolicies, v.properties.tenantId)
            .ok);
}

void TestVaultSerializer::networkAcls()
{
    for (const QString &status : {u"200"_s, u"201"_s}) {
        const Vault v = VaultSerializer::vaultFromJson(
            responseBody(u"createVaultWithNetworkAcls.json"_s, status));
        QVERIFY(v.properties.networkAcls.has_value());
        const NetworkRuleSet &acls = *v.properties.networkAcls;
        QCOMPARE(acls.bypass, std::optional<QString>(u"AzureServices"_s));
        QVERIFY(acls.bypassesAzureServices());
        QCOMPARE(acls.defaultAction, std::optional<QString>(u"Deny"_s));
        QVERIFY(acls.defaultDeny());
        QVERIFY(acls.ipRules.has_value());
        QCOMPARE(acls.ipRules->size(), 2);
        QCOMPARE(acls.ipRules->at(0).value, u"124.56.78.91/32"_s);
        // Kept verbatim, quotes included, as the service echoes it.
        QCOMPARE(acls.ipRules->at(1).value, u"'10.91.4.0/24'"_s);
        QVERIFY(acls.virtualNetworkRules.has_value());
        QCOMPARE(acls.virtualNetworkRules->size(), 1);
        QCOMPARE(
            acls.virtualNetworkRules->at(0).id,
            u"/subscriptions/subid/resourcegroups/rg1/providers/microsoft.network/virtualnetworks/test-vnet/subnets/subnet1"_s);
        QVERIFY(!acls.virtualNetworkRules->at(0).ignoreMissingVnetServiceEndpoint.has_value());
        QVERIFY(!v.properties.accessPolicies.has_value());
        QVERIFY(!v.properties.publicNetworkAccess.has_value());
        QVERIFY(v.properties.publicNetworkAccessEnabled());

        // networkRuleSetFromJson/toJson alone round-trip the block.
        const QJsonObject raw = responseBody(u"createVaultWithNetworkAcls.json"_s, status)
                                    .value("properties"_L1)
                                    .toObject()
                                    .value("networkAcls"_L1)
                                    .toObject();
        QCOMPARE(VaultSerializer::networkRuleSetFromJson(raw), acls);
        QVERIFY(VaultSerializer::toJson(acls) == raw);
    }

    // The examples with empty rules keep them, and ignoreMissingVnetServiceEndpoint=false.
    const Vault created =
        VaultSerializer::vaultFromJson(responseBody(u"createVault.json"_s, u"200"_s));
    QVERIFY(created.properties.networkAcls.has_value());
    QCOMPARE(created.properties.networkAcls->ipRules->size(), 1);
    QCOMPARE(created.properties.networkAcls->ipRules->at(0).value, QString());
    QCOMPARE(
        created.properties.networkAcls->virtualNetworkRules->at(0).ignoreMissingVnetServiceEndpoint,
        std::optional<bool>(false));
}

void TestVaultSerializer::networkAclsMatchValidationNormalisation()
{
    // What the client sends and what the service answers: Validation normalises the request
    // the way the service does (bare address to /32, subnet ids to lower case).
    const QJsonObject example = vl::test::readJsonObject(u"arm/createVaultWithNetworkAcls.json"_s);
    const NetworkRuleSet request =
        VaultSerializer::networkRuleSetFromJson(example.value("parameters"_L1)
                                                    .toObject()
                                                    .value("parameters"_L1)
                                                    .toObject()
                                                    .value("properties"_L1)
                                                    .toObject()
                                                    .value("networkAcls"_L1)
                                                    .toObject());
    const NetworkRuleSet response =
        *VaultSerializer::vaultFromJson(
             responseBody(u"createVaultWithNetworkAcls.json"_s, u"200"_s))
             .properties.networkAcls;
    QCOMPARE(request.ipRules->at(0).value, u"124.56.78.91"_s);
    const auto ip = vl::access::Validation::ipRule(request.ipRules->at(0).value);
    QVERIFY(ip.ok);
    QCOMPARE(ip.normalized, response.ipRules->at(0).value);
    const auto subnet = vl::access::Validation::subnetId(request.virtualNetworkRules->at(0).id);
    QVERIFY(subnet.ok);
    QCOMPARE(subnet.normalized, response.virtualNetworkRules->at(0).id);
    // The quoted rule is not an address: validation refuses it, naming it.
    const auto quoted = vl::access::Validation::ipRule(request.ipRules->at(1).value);
    QVERIFY(!quoted.ok);
    QVERIFY(quoted.message.contains(u"'10.91.4.0/24'"_s));
}

void TestVaultSerializer::privateEndpointConnections_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<bool>("hasEtag");

    // No list example in tests/data/arm carries privateEndpointConnections; these do.
    QTest::newRow("createVault.json/200") << responseBody(u"createVault.json"_s, u"200"_s) << true;
    QTest::newRow("updateVault.json/200") << responseBody(u"updateVault.json"_s, u"200"_s) << false;
}

void TestVaultSerializer::privateEndpointConnections()
{
    QFETCH(QJsonObject, body);
    QFETCH(bool, hasEtag);

    const Vault v = VaultSerializer::vaultFromJson(body);
    QVERIFY(v.properties.privateEndpointConnections.has_value());
    QCOMPARE(v.properties.privateEndpointConnections->size(), 1);
    const PrivateEndpointConnectionItem &c = v.properties.privateEndpointConnections->first();
    QCOMPARE(c.status, std::optional<QString>(u"Approved"_s));
    QCOMPARE(c.actionsRequired, std::optional<QString>(u"None"_s));
    QVERIFY(!c.description.has_value());
    QCOMPARE(c.provisioningState, std::optional<QString>(u"Succeeded"_s));
    QCOMPARE(c.privateEndpointId, std::optional<QString>(QString()));
    QCOMPARE(c.id, std::optional<QString>(QString()));
    QCOMPARE(c.etag.has_value(), hasEtag);

    const QJsonObject raw = body.value("properties"_L1)
                                .toObject()
                                .value("privateEndpointConnections"_L1)
                                .toArray()
                                .first()
                                .toObject();
    QCOMPARE(VaultSerializer::privateEndpointConnectionFromJson(raw), c);
    QVERIFY2(VaultSerializer::toJson(c) == raw, qPrintable(dump(VaultSerializer::toJson(c))));
}

void TestVaultSerializer::networkRuleSetDefaults_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<bool>("bypassesAzureServices");
    QTest::addColumn<bool>("defaultDeny");

    QTest::newRow("empty object") << QJsonObject() << true << false;
    QTest::newRow("bypass None") << QJsonObject{{u"bypass"_s, u"None"_s}} << false << false;
    QTest::newRow("bypass none (case)") << QJsonObject{{u"bypass"_s, u"none"_s}} << false << false;
    QTest::newRow("bypass AzureServices")
        << QJsonObject{{u"bypass"_s, u"AzureServices"_s}} << true << false;
    QTest::newRow("bypass azureservices (case)")
        << QJsonObject{{u"bypass"_s, u"azureservices"_s}} << true << false;
    QTest::newRow("defaultAction Deny")
        << QJsonObject{{u"defaultAction"_s, u"Deny"_s}} << true << true;
    QTest::newRow("defaultAction deny (case)")
        << QJsonObject{{u"defaultAction"_s, u"deny"_s}} << true << true;
    QTest::newRow("defaultAction Allow")
        << QJsonObject{{u"defaultAction"_s, u"Allow"_s}} << true << false;
    QTest::newRow("both set") << QJsonObject{{u"bypass"_s, u"None"_s},
                                             {u"defaultAction"_s, u"Deny"_s}}
                              << false << true;
}

void TestVaultSerializer::networkRuleSetDefaults()
{
    QFETCH(QJsonObject, json);
    QFETCH(bool, bypassesAzureServices);
    QFETCH(bool, defaultDeny);

    const NetworkRuleSet rules = VaultSerializer::networkRuleSetFromJson(json);
    QCOMPARE(rules.bypassesAzureServices(), bypassesAzureServices);
    QCOMPARE(rules.defaultDeny(), defaultDeny);
    QCOMPARE(rules.bypass.has_value(), json.contains("bypass"_L1));
    QCOMPARE(rules.defaultAction.has_value(), json.contains("defaultAction"_L1));
    QVERIFY(!rules.ipRules.has_value());
    QVERIFY(!rules.virtualNetworkRules.has_value());
    QVERIFY(VaultSerializer::toJson(rules) == json);
}

void TestVaultSerializer::vaultPropertiesDefaults_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<bool>("publicNetworkAccessEnabled");
    QTest::addColumn<bool>("usesRbac");

    QTest::newRow("absent") << QJsonObject() << true << false;
    QTest::newRow("Enabled") << QJsonObject{{u"publicNetworkAccess"_s, u"Enabled"_s}} << true
                             << false;
    QTest::newRow("enabled (case)")
        << QJsonObject{{u"publicNetworkAccess"_s, u"enabled"_s}} << true << false;
    QTest::newRow("Disabled") << QJsonObject{{u"publicNetworkAccess"_s, u"Disabled"_s}} << false
                              << false;
    QTest::newRow("disabled (case)")
        << QJsonObject{{u"publicNetworkAccess"_s, u"disabled"_s}} << false << false;
    QTest::newRow("RBAC true") << QJsonObject{{u"enableRbacAuthorization"_s, true}} << true << true;
    QTest::newRow("RBAC false") << QJsonObject{{u"enableRbacAuthorization"_s, false}} << true
                                << false;
    QTest::newRow("RBAC not a bool")
        << QJsonObject{{u"enableRbacAuthorization"_s, u"true"_s}} << true << false;
}

void TestVaultSerializer::vaultPropertiesDefaults()
{
    QFETCH(QJsonObject, json);
    QFETCH(bool, publicNetworkAccessEnabled);
    QFETCH(bool, usesRbac);

    const VaultProperties p = VaultSerializer::propertiesFromJson(json);
    QCOMPARE(p.publicNetworkAccessEnabled(), publicNetworkAccessEnabled);
    QCOMPARE(p.usesRbac(), usesRbac);
    // Defaults of a default-constructed value agree with those of an empty body.
    const VaultProperties empty;
    QVERIFY(empty.publicNetworkAccessEnabled());
    QVERIFY(!empty.usesRbac());
    QCOMPARE(empty.sku.family, u"A"_s);
    QCOMPARE(empty.sku.name, u"standard"_s);
}

void TestVaultSerializer::accessPolicyEntries_data()
{
    QTest::addColumn<QJsonObject>("entry");

    const QJsonObject example = vl::test::readJsonObject(u"arm/updateAccessPoliciesAdd.json"_s);
    int rows = 0;
    for (const auto &[tag, body] : responseBodies(u"updateAccessPoliciesAdd.json"_s)) {
        QCOMPARE(body.value("type"_L1).toString(), u"Microsoft.KeyVault/vaults/accessPolicies"_s);
        const QJsonArray entries =
            body.value("properties"_L1).toObject().value("accessPolicies"_L1).toArray();
        for (qsizetype i = 0; i < entries.size(); ++i) {
            QTest::newRow(qPrintable(u"%1/accessPolicies[%2]"_s.arg(tag).arg(i)))
                << entries.at(i).toObject();
            ++rows;
        }
    }
    const QJsonArray request = example.value("parameters"_L1)
                                   .toObject()
                                   .value("parameters"_L1)
                                   .toObject()
                                   .value("properties"_L1)
                                   .toObject()
                                   .value("accessPolicies"_L1)
                                   .toArray();
    for (qsizetype i = 0; i < request.size(); ++i) {
        QTest::newRow(qPrintable(u"request/accessPolicies[%1]"_s.arg(i)))
            << request.at(i).toObject();
        ++rows;
    }
    QCOMPARE(rows, 3);

    QTest::newRow("compound identity with storage") << QJsonObject{
        {u"tenantId"_s, u"00000000-0000-0000-0000-000000000000"_s},
        {u"objectId"_s, u"ce2ce14e-85d7-4629-bdbc-454d0519d987"_s},
        {u"applicationId"_s, u"04b07795-8ddb-461a-bbee-02f9e1bf7b46"_s},
        {u"permissions"_s, QJsonObject{{u"storage"_s, QJsonArray{u"get"_s, u"regeneratekey"_s}},
                                       {u"secrets"_s, QJsonArray()}}}};
}

void TestVaultSerializer::accessPolicyEntries()
{
    QFETCH(QJsonObject, entry);

    const AccessPolicyEntry e = VaultSerializer::accessPolicyFromJson(entry);
    QVERIFY2(VaultSerializer::toJson(e) == entry, qPrintable(dump(VaultSerializer::toJson(e))));
    QCOMPARE(e.tenantId, entry.value("tenantId"_L1).toString());
    QCOMPARE(e.objectId, entry.value("objectId"_L1).toString());
    QCOMPARE(e.applicationId.has_value(), entry.contains("applicationId"_L1));
    const QJsonObject permissions = entry.value("permissions"_L1).toObject();
    const std::pair<QLatin1StringView, std::optional<QStringList>> lists[] = {
        {"keys"_L1, e.permissions.keys},
        {"secrets"_L1, e.permissions.secrets},
        {"certificates"_L1, e.permissions.certificates},
        {"storage"_L1, e.permissions.storage}};
    for (const auto &[key, list] : lists) {
        QCOMPARE(list.has_value(), permissions.contains(key));
        if (list)
            QCOMPARE(*list, toStringList(permissions.value(key)));
    }
}

void TestVaultSerializer::unknownPropertiesSurvive_data()
{
    QTest::addColumn<QJsonObject>("body");

    // createVault.json/200 has every nested object the serializer models.
    const QJsonObject base = responseBody(u"createVault.json"_s, u"200"_s);
    QVERIFY(!base.isEmpty());
    const QJsonObject madeUp{{u"mode"_s, u"strict"_s}, {u"levels"_s, QJsonArray{1, 2, 3}}};
    const QJsonObject baseProperties = base.value("properties"_L1).toObject();

    QJsonObject top = base;
    top.insert(u"madeUpTopLevel"_s, u"kept"_s);
    top.insert(u"etag"_s, u"W/\"0x8D\""_s);
    QTest::newRow("top level") << top;

    QJsonObject props = baseProperties;
    props.insert(u"madeUpProperty"_s, madeUp);
    props.insert(u"enableNetworkSecurityPerimeter"_s, true);
    QJsonObject inProperties = base;
    inProperties.insert(u"properties"_s, props);
    QTest::newRow("properties") << inProperties;

    // Nested objects: Vault.h promises that a read-modify-write never drops what the
    // service sent, but only Vault and VaultProperties have an `extra` member.
    auto nested = [&](const QString &key, const std::function<QJsonValue(QJsonValue)> &edit) {
        QJsonObject p = baseProperties;
        p.insert(key, edit(p.value(key)));
        QJsonObject b = base;
        b.insert(u"properties"_s, p);
        return b;
    };
    QTest::newRow("properties.sku") << nested(u"sku"_s, [&](QJsonValue v) {
        QJsonObject o = v.toObject();
        o.insert(u"madeUp"_s, madeUp);
        return QJsonValue(o);
    });
    QTest::newRow("properties.networkAcls") << nested(u"networkAcls"_s, [&](QJsonValue v) {
        QJsonObject o = v.toObject();
        o.insert(u"madeUp"_s, madeUp);
        return QJsonValue(o);
    });
    QTest::newRow("properties.accessPolicies[0]") << nested(u"accessPolicies"_s, [&](QJsonValue v) {
        QJsonArray a = v.toArray();
        QJsonObject o = a.at(0).toObject();
        o.insert(u"madeUp"_s, madeUp);
        a.replace(0, o);
        return QJsonValue(a);
    });
    QTest::newRow("properties.privateEndpointConnections[0].properties")
        << nested(u"privateEndpointConnections"_s, [&](QJsonValue v) {
               QJsonArray a = v.toArray();
               QJsonObject o = a.at(0).toObject();
               QJsonObject p = o.value("properties"_L1).toObject();
               p.insert(u"madeUp"_s, madeUp);
               o.insert(u"properties"_s, p);
               a.replace(0, o);
               return QJsonValue(a);
           });
}

void TestVaultSerializer::unknownPropertiesSurvive()
{
    QFETCH(QJsonObject, body);

    const QJsonObject out = VaultSerializer::toJson(VaultSerializer::vaultFromJson(body));
    QVERIFY2(out == body, qPrintable(u"expected:\n"_s + dump(body) + u"\nactual:\n"_s + dump(out)));
}

void TestVaultSerializer::unknownPropertiesKeptInExtra()
{
    QJsonObject body = responseBody(u"createVaultWithNetworkAcls.json"_s, u"200"_s);
    QVERIFY(!body.isEmpty());
    const QJsonObject madeUp{{u"mode"_s, u"strict"_s}, {u"levels"_s, QJsonArray{1, 2, 3}}};
    body.insert(u"madeUpTopLevel"_s, u"kept"_s);
    body.insert(u"etag"_s, u"W/\"0x8D\""_s);
    QJsonObject properties = body.value("properties"_L1).toObject();
    properties.insert(u"madeUpProperty"_s, madeUp);
    properties.insert(u"enableNetworkSecurityPerimeter"_s, true);
    properties.insert(u"softDeleteRetentionInDays"_s, 30);
    body.insert(u"properties"_s, properties);

    const Vault v = VaultSerializer::vaultFromJson(body);
    QCOMPARE(v.extra.value("madeUpTopLevel"_L1).toString(), u"kept"_s);
    QCOMPARE(v.properties.extra.value("madeUpProperty"_L1).toObject(), madeUp);
    QCOMPARE(v.properties.extra.value("enableNetworkSecurityPerimeter"_L1), QJsonValue(true));
    // Modelled properties are not duplicated in extra.
    QVERIFY(!v.properties.extra.contains("softDeleteRetentionInDays"_L1));
    QVERIFY(!v.properties.extra.contains("networkAcls"_L1));
    QVERIFY(!v.extra.contains("properties"_L1));
    QCOMPARE(v.properties.softDeleteRetentionInDays, std::optional<int>(30));

    const QJsonObject out = VaultSerializer::toJson(v);
    QVERIFY2(out == body, qPrintable(u"expected:\n"_s + dump(body) + u"\nactual:\n"_s + dump(out)));

    // A modelled value edited in the typed form wins over nothing in extra.
    Vault edited = v;
    edited.properties.enableRbacAuthorization = true;
    const QJsonObject editedJson = VaultSerializer::toJson(edited);
    QCOMPARE(editedJson.value("properties"_L1).toObject().value("enableRbacAuthorization"_L1),
             QJsonValue(true));
    QCOMPARE(editedJson.value("properties"_L1).toObject().value("madeUpProperty"_L1).toObject(),
             madeUp);
}

QTEST_GUILESS_MAIN(TestVaultSerializer)
#include "tst_vaultserializer.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "arm/ResourceSerializer.h"
#include "arm/RoleSerializer.h"
#include "arm/VaultSerializer.h"

#include "TestData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace vl::arm;
namespace RS = vl::arm::ResourceSerializer;

namespace {

QString dump(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
}

QJsonObject parseObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

/// Every element of `value` in the 200 body of an example, as (tag, element) rows.
void addValueRows(const QString &file)
{
    const QJsonArray value = vl::test::exampleResponseBody(file).value("value"_L1).toArray();
    QVERIFY2(!value.isEmpty(), qPrintable(file));
    for (qsizetype i = 0; i < value.size(); ++i)
        QTest::newRow(qPrintable(u"%1/value[%2]"_s.arg(file).arg(i))) << value.at(i).toObject();
}

/// Reads a list answer with @p read and writes it back with @p write.
using PageRoundTrip = std::function<QJsonObject(const QJsonObject &)>;

template<typename T>
PageRoundTrip makePageRoundTrip(T (*read)(const QJsonObject &), QJsonObject (*write)(const T &))
{
    return [read, write](const QJsonObject &body) {
        return RS::pageToJson(RS::pageFromJson<T>(body, read), write);
    };
}

QJsonObject identity(const QJsonObject &o)
{
    return o;
}

/// @p url with the hex digits of its percent escapes in upper case: RFC 3986 makes their
/// case insignificant, and QUrl writes them in upper case.
QString upperCaseEscapes(QString url)
{
    for (qsizetype i = url.indexOf(u'%'); i >= 0 && i + 2 < url.size();
         i = url.indexOf(u'%', i + 1)) {
        url[i + 1] = url[i + 1].toUpper();
        url[i + 2] = url[i + 2].toUpper();
    }
    return url;
}

/// @p body with its nextLink's escapes in upper case.
QJsonObject normalizedNextLink(QJsonObject body)
{
    if (body.value("nextLink"_L1).isString())
        body.insert("nextLink"_L1, upperCaseEscapes(body.value("nextLink"_L1).toString()));
    return body;
}

} // namespace

class TestResourceSerializer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tenantRoundTrip_data();
    void tenantRoundTrip();
    void tenantFields();
    void subscriptionRoundTrip_data();
    void subscriptionRoundTrip();
    void subscriptionFields();
    void subscriptionUsable_data();
    void subscriptionUsable();
    void resourceGroupRoundTrip_data();
    void resourceGroupRoundTrip();
    void resourceGroupFields();
    void privateEndpointConnectionRoundTrip_data();
    void privateEndpointConnectionRoundTrip();
    void privateEndpointConnectionFields();
    void pageRoundTrip_data();
    void pageRoundTrip();
    void pageItemsAndLinks_data();
    void pageItemsAndLinks();
    void nextLink_data();
    void nextLink();
    void unknownAndMistypedMembersSurvive_data();
    void unknownAndMistypedMembersSurvive();
};

void TestResourceSerializer::tenantRoundTrip_data()
{
    QTest::addColumn<QJsonObject>("json");
    addValueRows(u"arm/resources/GetTenants.json"_s);
}

void TestResourceSerializer::tenantRoundTrip()
{
    QFETCH(QJsonObject, json);
    const Tenant tenant = RS::tenantFromJson(json);
    const QJsonObject written = RS::toJson(tenant);
    QVERIFY2(written == json, qPrintable(dump(written)));
    QVERIFY(RS::tenantFromJson(written) == tenant);
    QVERIFY(!tenant.tenantId.isEmpty());
}

void TestResourceSerializer::tenantFields()
{
    const QJsonArray value = vl::test::exampleResponseBody(u"arm/resources/GetTenants.json"_s)
                                 .value("value"_L1)
                                 .toArray();
    QCOMPARE(value.size(), 3);
    const Tenant home = RS::tenantFromJson(value.at(1).toObject());
    QCOMPARE(home.id, u"/tenants/83abe5cd-bcc3-441a-bd86-e6a75360cecc"_s);
    QCOMPARE(home.tenantId, u"83abe5cd-bcc3-441a-bd86-e6a75360cecc"_s);
    QCOMPARE(home.displayName, u"Contoso Corp."_s);
    QCOMPARE(home.defaultDomain, u"auxteststagemanual.ccsctp.net"_s);
    QCOMPARE(home.tenantCategory, std::optional<QString>(u"Home"_s));
    QCOMPARE(home.tenantType, std::optional<QString>(u"AAD"_s));
    QCOMPARE(home.countryCode, std::optional<QString>(u"US"_s));
    QCOMPARE(home.domains,
             std::optional<QStringList>(QStringList{u"auxteststagemanual.ccsctp.net"_s}));
    QVERIFY(home.isHome());
    QVERIFY(home.extra.isEmpty());

    const Tenant projected = RS::tenantFromJson(value.at(2).toObject());
    QVERIFY(!projected.isHome());
    QCOMPARE(projected.domains->size(), 3);
    // A member the type does not model is kept as it came.
    QCOMPARE(projected.extra.value("tenantBrandingLogoUrl"_L1).toString(),
             u"logo1.logo.rdvmohoro.com"_s);
    QVERIFY(!RS::tenantFromJson(value.at(0).toObject()).isHome());
}

void TestResourceSerializer::subscriptionRoundTrip_data()
{
    QTest::addColumn<QJsonObject>("json");
    addValueRows(u"arm/resources/GetSubscriptions.json"_s);
    QTest::newRow("GetSubscription.json")
        << vl::test::exampleResponseBody(u"arm/resources/GetSubscription.json"_s);
}

void TestResourceSerializer::subscriptionRoundTrip()
{
    QFETCH(QJsonObject, json);
    const Subscription subscription = RS::subscriptionFromJson(json);
    const QJsonObject written = RS::toJson(subscription);
    QVERIFY2(written == json, qPrintable(dump(written)));
    QVERIFY(RS::subscriptionFromJson(written) == subscription);
    QVERIFY(!subscription.subscriptionId.isEmpty());
    QVERIFY(subscription.managedByTenants.has_value());
}

void TestResourceSerializer::subscriptionFields()
{
    const Subscription s = RS::subscriptionFromJson(
        vl::test::exampleResponseBody(u"arm/resources/GetSubscriptions.json"_s)
            .value("value"_L1)
            .toArray()
            .at(1)
            .toObject());
    QCOMPARE(s.id, u"/subscriptions/72ac930a-f34e-42d8-b06d-dc2a9e12ed71"_s);
    QCOMPARE(s.subscriptionId, u"72ac930a-f34e-42d8-b06d-dc2a9e12ed71"_s);
    QCOMPARE(s.tenantId, u"2a0ff0de-96b2-4859-bb7c-a430d07a3e0c"_s);
    QCOMPARE(s.displayName, u"Example Subscription2"_s);
    QCOMPARE(s.state, u"Enabled"_s);
    QCOMPARE(s.authorizationSource, std::optional<QString>(u"RoleBased"_s));
    QCOMPARE(s.managedByTenants,
             std::optional<QStringList>(QStringList{u"8f70baf1-1f6e-46a2-a1ff-238dac1ebfb7"_s,
                                                    u"f7fb6af2-321d-47c8-9c0f-b0239eaad39a"_s}));
    QCOMPARE(s.tags->value(u"tagKey2"_s), u"tagValue2"_s);
    QCOMPARE(s.extra.keys(), QStringList{u"subscriptionPolicies"_s});
    QCOMPARE(s.extra.value("subscriptionPolicies"_L1).toObject().value("spendingLimit"_L1),
             QJsonValue(u"Off"_s));
    QVERIFY(s.isUsable());
}

void TestResourceSerializer::subscriptionUsable_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<bool>("usable");
    QTest::newRow("Enabled") << u"Enabled"_s << true;
    QTest::newRow("Warned") << u"Warned"_s << true;
    QTest::newRow("lower case") << u"enabled"_s << true;
    QTest::newRow("PastDue") << u"PastDue"_s << false;
    QTest::newRow("Disabled") << u"Disabled"_s << false;
    QTest::newRow("Deleted") << u"Deleted"_s << false;
    QTest::newRow("missing") << QString() << false;
}

void TestResourceSerializer::subscriptionUsable()
{
    QFETCH(QString, state);
    QFETCH(bool, usable);
    Subscription s;
    s.state = state;
    QCOMPARE(s.isUsable(), usable);
}

void TestResourceSerializer::resourceGroupRoundTrip_data()
{
    QTest::addColumn<QJsonObject>("json");
    addValueRows(u"arm/resources/ResourceGroups_List.SYNTHESIZED.json"_s);
    QTest::newRow("no properties")
        << parseObject(R"({"id":"/subscriptions/s/resourceGroups/a","name":"a","location":"x"})");
    QTest::newRow("more properties") << parseObject(
        R"({"id":"/subscriptions/s/resourceGroups/a","name":"a","type":"Microsoft.Resources/resourceGroups","location":"x","properties":{"provisioningState":"Deleting","future":1}})");
}

void TestResourceSerializer::resourceGroupRoundTrip()
{
    QFETCH(QJsonObject, json);
    const ResourceGroup group = RS::resourceGroupFromJson(json);
    const QJsonObject written = RS::toJson(group);
    QVERIFY2(written == json, qPrintable(dump(written)));
    QVERIFY(RS::resourceGroupFromJson(written) == group);
}

void TestResourceSerializer::resourceGroupFields()
{
    const QJsonArray value =
        vl::test::exampleResponseBody(u"arm/resources/ResourceGroups_List.SYNTHESIZED.json"_s)
            .value("value"_L1)
            .toArray();
    QCOMPARE(value.size(), 2);
    const ResourceGroup first = RS::resourceGroupFromJson(value.at(0).toObject());
    QCOMPARE(first.name, u"sample-group"_s);
    QCOMPARE(first.type, u"Microsoft.Resources/resourceGroups"_s);
    QCOMPARE(first.location, u"westus"_s);
    QCOMPARE(first.provisioningState, std::optional<QString>(u"Succeeded"_s));
    QVERIFY(first.tags.has_value() && first.tags->isEmpty());
    QVERIFY(!first.managedBy);

    const ResourceGroup second = RS::resourceGroupFromJson(value.at(1).toObject());
    QCOMPARE(
        second.id,
        u"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/sample-resource-group"_s);
    QCOMPARE(second.tags->value(u"env"_s), u"test"_s);
    // "managedBy": null is not a string: it stays in extra and is written back as null.
    QVERIFY(!second.managedBy);
    QVERIFY(second.extra.value("managedBy"_L1).isNull());
}

void TestResourceSerializer::privateEndpointConnectionRoundTrip_data()
{
    QTest::addColumn<QJsonObject>("json");
    // The vault examples carry connection items; a listed connection is the full resource.
    for (const QString &file : {u"arm/createVault.json"_s, u"arm/updateVault.json"_s}) {
        const QJsonArray items = vl::test::exampleResponseBody(file)
                                     .value("properties"_L1)
                                     .toObject()
                                     .value("privateEndpointConnections"_L1)
                                     .toArray();
        QVERIFY2(!items.isEmpty(), qPrintable(file));
        QTest::newRow(qPrintable(file)) << items.at(0).toObject();
    }
    QTest::newRow("resource") << parseObject(R"({
        "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv/privateEndpointConnections/pe-web",
        "name": "pe-web",
        "type": "Microsoft.KeyVault/vaults/privateEndpointConnections",
        "location": "westus",
        "etag": "W/\"1\"",
        "properties": {
            "privateEndpoint": {"id": "/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/privateEndpoints/pe-web"},
            "privateLinkServiceConnectionState": {"status": "Pending", "description": "Requested", "actionsRequired": "None"},
            "provisioningState": "Succeeded"
        }})");
}

void TestResourceSerializer::privateEndpointConnectionRoundTrip()
{
    QFETCH(QJsonObject, json);
    const PrivateEndpointConnection c = RS::privateEndpointConnectionFromJson(json);
    const QJsonObject written = RS::toJson(c);
    QVERIFY2(written == json, qPrintable(dump(written)));
    QVERIFY(RS::privateEndpointConnectionFromJson(written) == c);
    QCOMPARE(c.connection.provisioningState, std::optional<QString>(u"Succeeded"_s));
}

void TestResourceSerializer::privateEndpointConnectionFields()
{
    const PrivateEndpointConnection c = RS::privateEndpointConnectionFromJson(parseObject(R"({
        "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv/privateEndpointConnections/pe-partner",
        "type": "Microsoft.KeyVault/vaults/privateEndpointConnections",
        "etag": "W/\"2\"",
        "properties": {
            "privateEndpoint": {"id": "/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/privateEndpoints/pe-partner"},
            "privateLinkServiceConnectionState": {"status": "Rejected", "description": "Not ours"}
        }})"));
    QVERIFY(c.name.isEmpty());
    QCOMPARE(c.effectiveName(), u"pe-partner"_s);
    QCOMPARE(c.type, u"Microsoft.KeyVault/vaults/privateEndpointConnections"_s);
    QCOMPARE(c.connection.etag, std::optional<QString>(u"W/\"2\""_s));
    QCOMPARE(c.connection.status, std::optional<QString>(u"Rejected"_s));
    QCOMPARE(c.connection.description, std::optional<QString>(u"Not ours"_s));
    QVERIFY(!c.connection.actionsRequired);
    QVERIFY(c.connection.privateEndpointId->endsWith(u"/privateEndpoints/pe-partner"_s));

    PrivateEndpointConnection named;
    named.name = u"explicit"_s;
    named.connection.id = u"/x/privateEndpointConnections/other"_s;
    QCOMPARE(named.effectiveName(), u"explicit"_s);
}

void TestResourceSerializer::pageRoundTrip_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<PageRoundTrip>("roundTrip");

    QTest::newRow("tenants") << u"arm/resources/GetTenants.json"_s
                             << makePageRoundTrip(&RS::tenantFromJson, &RS::toJson);
    QTest::newRow("subscriptions") << u"arm/resources/GetSubscriptions.json"_s
                                   << makePageRoundTrip(&RS::subscriptionFromJson, &RS::toJson);
    QTest::newRow("resource groups") << u"arm/resources/ResourceGroups_List.SYNTHESIZED.json"_s
                                     << makePageRoundTrip(&RS::resourceGroupFromJson, &RS::toJson);
    const auto vaults =
        makePageRoundTrip(&VaultSerializer::vaultFromJson, &VaultSerializer::toJson);
    QTest::newRow("vaults by group") << u"arm/listVaultByResourceGroup.json"_s << vaults;
    QTest::newRow("vaults by subscription") << u"arm/listVaultBySubscription.json"_s << vaults;
    QTest::newRow("generic vault listing") << u"arm/listVault.json"_s << vaults;
    // nextLinks with lower-case hex digits in their escapes; the items are not ours here.
    QTest::newRow("deleted vaults")
        << u"arm/listDeletedVaults.json"_s << makePageRoundTrip<QJsonObject>(&identity, &identity);
    QTest::newRow("role assignments for scope")
        << u"authorization/RoleAssignments_ListForScope.json"_s
        << makePageRoundTrip(&RoleSerializer::assignmentFromJson, &RoleSerializer::toJson);
    QTest::newRow("role assignments for subscription")
        << u"authorization/RoleAssignments_ListForSubscription.json"_s
        << makePageRoundTrip(&RoleSerializer::assignmentFromJson, &RoleSerializer::toJson);
    QTest::newRow("role assignments for resource")
        << u"authorization/RoleAssignments_ListForResource.json"_s
        << makePageRoundTrip(&RoleSerializer::assignmentFromJson, &RoleSerializer::toJson);
    QTest::newRow("role definitions at scope")
        << u"authorization/GetRoleDefinitionAtScope.json"_s
        << makePageRoundTrip(&RoleSerializer::definitionFromJson, &RoleSerializer::toJson);
    QTest::newRow("permissions (relative nextLink)")
        << u"authorization/GetPermissions.json"_s
        << makePageRoundTrip<QJsonObject>(&identity, &identity);
}

void TestResourceSerializer::pageRoundTrip()
{
    QFETCH(QString, file);
    QFETCH(PageRoundTrip, roundTrip);
    const QJsonObject body = vl::test::exampleResponseBody(file);
    QVERIFY(body.value("value"_L1).isArray());
    const QJsonObject written = roundTrip(body);
    QVERIFY2(written == normalizedNextLink(body),
             qPrintable(u"expected:\n"_s + dump(body) + u"\nactual:\n"_s + dump(written)));
}

void TestResourceSerializer::pageItemsAndLinks_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("items");
    QTest::addColumn<QString>("nextLink");
    QTest::newRow("tenants") << u"arm/resources/GetTenants.json"_s << 3 << u"..."_s;
    QTest::newRow("subscriptions") << u"arm/resources/GetSubscriptions.json"_s << 2 << u"..."_s;
    QTest::newRow("resource groups")
        << u"arm/resources/ResourceGroups_List.SYNTHESIZED.json"_s << 2
        << u"https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups?api-version=2024-03-01&%24top=2&%24skiptoken=PLACEHOLDER"_s;
    QTest::newRow("vaults by group")
        << u"arm/listVaultByResourceGroup.json"_s << 1
        << u"https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/sample-group/providers/Microsoft.KeyVault/vaults?api-version=2026-02-01&$skiptoken=dmF1bHQtcGVza3ktanVyeS03MzA3Ng=="_s;
    QTest::newRow("role assignments, last page")
        << u"authorization/RoleAssignments_ListForScope.json"_s << 1 << QString();
}

void TestResourceSerializer::pageItemsAndLinks()
{
    QFETCH(QString, file);
    QFETCH(int, items);
    QFETCH(QString, nextLink);
    const auto page = RS::pageFromJson<QJsonObject>(vl::test::exampleResponseBody(file), &identity);
    QCOMPARE(page.items.size(), items);
    QCOMPARE(page.hasMore(), !nextLink.isEmpty());
    QCOMPARE(RS::nextLinkToString(page.nextLink), nextLink);
}

void TestResourceSerializer::nextLink_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("null") << R"({"value":[],"nextLink":null})"_ba << QString();
    QTest::newRow("missing") << R"({"value":[]})"_ba << QString();
    QTest::newRow("empty") << R"({"value":[],"nextLink":""})"_ba << QString();
    QTest::newRow("not a string") << R"({"value":[],"nextLink":5})"_ba << QString();
    QTest::newRow("absolute")
        << R"({"value":[],"nextLink":"https://127.0.0.1:8443/subscriptions?api-version=2022-12-01&%24skiptoken=abc%3D%3D"})"_ba
        << u"https://127.0.0.1:8443/subscriptions?api-version=2022-12-01&%24skiptoken=abc%3D%3D"_s;
    QTest::newRow("lower-case escapes (equivalent, written in upper case)")
        << R"({"value":[],"nextLink":"https://h/d?api-version=2026-02-01&%24skiptoken=HY3%2fRw%3d%3d"})"_ba
        << u"https://h/d?api-version=2026-02-01&%24skiptoken=HY3%2FRw%3D%3D"_s;
    QTest::newRow("not a URL") << R"({"value":[],"nextLink":"htt\u0003ps://h/x"})"_ba << QString();
    QTest::newRow("value null") << R"({"value":null,"nextLink":"https://h/x?a=b"})"_ba
                                << u"https://h/x?a=b"_s;
}

void TestResourceSerializer::nextLink()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const auto page = RS::pageFromJson<QJsonObject>(parseObject(json), &identity);
    QVERIFY(page.items.isEmpty());
    QCOMPARE(RS::nextLinkToString(page.nextLink), expected);
    QCOMPARE(page.hasMore(), !expected.isEmpty());
}

void TestResourceSerializer::unknownAndMistypedMembersSurvive_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("tenant, numeric display name")
        << u"tenant"_s << R"({"tenantId":"t","displayName":42,"future":{"a":[1]}})"_ba;
    QTest::newRow("tenant, mixed domains")
        << u"tenant"_s << R"({"tenantId":"t","domains":["a",1],"tenantCategory":null})"_ba;
    QTest::newRow("subscription, odd managedByTenants")
        << u"subscription"_s
        << R"({"subscriptionId":"s","managedByTenants":[{"tenantId":"a","since":"2020"}]})"_ba;
    QTest::newRow("subscription, tags with a number")
        << u"subscription"_s << R"({"subscriptionId":"s","tags":{"a":"b","n":1}})"_ba;
    QTest::newRow("subscription, empty id string")
        << u"subscription"_s << R"({"id":"","state":"Enabled"})"_ba;
    QTest::newRow("group, properties not an object")
        << u"group"_s << R"({"name":"g","properties":"x","managedBy":"/x"})"_ba;
    QTest::newRow("group, numeric provisioning state")
        << u"group"_s << R"({"name":"g","properties":{"provisioningState":3}})"_ba;
}

void TestResourceSerializer::unknownAndMistypedMembersSurvive()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, json);
    const QJsonObject input = parseObject(json);
    QJsonObject written;
    if (kind == "tenant"_L1)
        written = RS::toJson(RS::tenantFromJson(input));
    else if (kind == "subscription"_L1)
        written = RS::toJson(RS::subscriptionFromJson(input));
    else
        written = RS::toJson(RS::resourceGroupFromJson(input));
    QVERIFY2(written == input, qPrintable(dump(written)));
}

QTEST_GUILESS_MAIN(TestResourceSerializer)
#include "tst_resourceserializer.moc"

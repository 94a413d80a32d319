// SPDX-License-Identifier: GPL-3.0-or-later
// ArmClient against a scripted transport: the exact requests each call sends, how it reads
// the answers, paging by nextLink and by $skipToken, and the errors it makes of failures.
#include "arm/ArmClient.h"
#include "arm/ResourceGraphSerializer.h"

#include "ScriptedTransport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUuid>

#include <functional>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::arm;

namespace {

const QString Endpoint = u"https://arm.example/"_s;
const QString Scope = u"https://management.example/.default"_s;
const QString VaultId =
    u"/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.KeyVault/vaults/kv-1"_s;

QJsonObject parseObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

template<typename T>
T await(const QFuture<T> &future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 10000) || future.resultCount() == 0)
        qFatal("the call did not finish");
    return future.result();
}

/// Runs a call and says what is wrong with its result ("" when nothing is).
using Call = std::function<QString(const ArmClient &)>;

template<typename T>
QString outcome(const Result<T> &result, const std::function<bool(const T &)> &check)
{
    if (!result)
        return u"error: "_s + result.error().summary();
    return check(*result) ? QString() : u"unexpected value"_s;
}

template<typename T, typename Check>
Call expect(std::function<QFuture<Result<T>>(const ArmClient &)> call, Check check)
{
    return [call, check](const ArmClient &client) {
        return outcome<T>(await(call(client)), std::function<bool(const T &)>(check));
    };
}

const QByteArray VaultJson =
    R"({"id":"/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.KeyVault/vaults/kv-1",
    "name":"kv-1","type":"Microsoft.KeyVault/vaults","location":"westeurope",
    "properties":{"tenantId":"t","sku":{"family":"A","name":"standard"},"enableRbacAuthorization":true}})";

QByteArray list(const QByteArray &items)
{
    return "{\"value\":[" + items + "]}";
}

struct Fixture
{
    std::shared_ptr<test::ScriptedTransport> transport =
        std::make_shared<test::ScriptedTransport>();
    ArmClient client{
        std::make_shared<HttpPipeline>(std::vector<std::shared_ptr<HttpPolicy>>{}, transport),
        QUrl(Endpoint), Scope};
};

} // namespace

class TestArmClientRequests : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requests_data();
    void requests();
    void nextLinks_data();
    void nextLinks();
    void foreignNextLinkIsNotFollowed();
    void answerWithAnInvalidNextLink();
    void errors_data();
    void errors();
    void invalidIdsSendNothing_data();
    void invalidIdsSendNothing();
    void createRoleAssignmentNamesItWithANewGuid();
    void listAllVaultsFollowsSkipTokens();
    void listAllVaultsStopsOnARepeatedToken();
    void listAllVaultsReportsAFailedPage();
};

void TestArmClientRequests::requests_data()
{
    QTest::addColumn<Call>("call");
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("body"); // empty: no body

    QTest::newRow("list tenants") << expect<Page<Tenant>>(
        [](const ArmClient &c) { return c.listTenants(); },
        [](const Page<Tenant> &p) {
            return p.items.size() == 1 && p.items[0].isHome() && !p.hasMore();
        }) << list(R"({"id":"/tenants/t","tenantId":"t","tenantCategory":"Home"})")
                                  << "GET"_ba
                                  << u"https://arm.example/tenants?api-version=2022-12-01"_s
                                  << QByteArray();
    QTest::newRow("list subscriptions")
        << expect<Page<Subscription>>(
               [](const ArmClient &c) { return c.listSubscriptions(); },
               [](const Page<Subscription> &p) {
                   return p.items.size() == 1 && p.items[0].subscriptionId == "s"_L1
                          && p.nextLink == QUrl(u"https://arm.example/subscriptions?page=2"_s);
               })
        << R"({"value":[{"subscriptionId":"s","state":"Enabled"}],"nextLink":"https://arm.example/subscriptions?page=2"})"_ba
        << "GET"_ba << u"https://arm.example/subscriptions?api-version=2022-12-01"_s
        << QByteArray();
    QTest::newRow("get subscription")
        << expect<Subscription>([](const ArmClient &c) { return c.getSubscription(u"s"_s); },
                                [](const Subscription &s) { return s.displayName == "Prod"_L1; })
        << R"({"subscriptionId":"s","displayName":"Prod"})"_ba
        << "GET"_ba << u"https://arm.example/subscriptions/s?api-version=2022-12-01"_s
        << QByteArray();
    QTest::newRow("list resource groups")
        << expect<Page<ResourceGroup>>(
               [](const ArmClient &c) { return c.listResourceGroups(u"sub-1"_s); },
               [](const Page<ResourceGroup> &p) { return p.items.value(0).name == "rg-1"_L1; })
        << list(R"({"name":"rg-1","location":"westeurope"})") << "GET"_ba
        << u"https://arm.example/subscriptions/sub-1/resourcegroups?api-version=2024-03-01"_s
        << QByteArray();
    QTest::newRow("list vaults of a subscription")
        << expect<Page<Vault>>([](const ArmClient &c) { return c.listVaults(u"sub-1"_s); },
                               [](const Page<Vault> &p) {
                                   return p.items.size() == 1 && p.items[0].properties.usesRbac();
                               })
        << list(VaultJson) << "GET"_ba
        << u"https://arm.example/subscriptions/sub-1/providers/Microsoft.KeyVault/vaults?api-version=2026-02-01"_s
        << QByteArray();
    QTest::newRow("list vaults of a resource group")
        << expect<Page<Vault>>(
               [](const ArmClient &c) { return c.listVaults(u"sub-1"_s, u"rg-1"_s); },
               [](const Page<Vault> &p) { return p.items.value(0).name == "kv-1"_L1; })
        << list(VaultJson) << "GET"_ba
        << u"https://arm.example/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.KeyVault/vaults?api-version=2026-02-01"_s
        << QByteArray();
    QTest::newRow("get vault") << expect<Vault>(
        [](const ArmClient &c) { return c.getVault(VaultId); },
        [](const Vault &v) { return v.id == VaultId; })
                               << VaultJson << "GET"_ba
                               << u"https://arm.example"_s + VaultId + u"?api-version=2026-02-01"_s
                               << QByteArray();
    QTest::newRow("update vault") << expect<Vault>(
        [](const ArmClient &c) {
            VaultPatchParameters patch;
            patch.properties.publicNetworkAccess = u"Disabled"_s;
            return c.updateVault(VaultId, patch);
        },
        [](const Vault &v) { return v.name == "kv-1"_L1; })
                                  << VaultJson << "PATCH"_ba
                                  << u"https://arm.example"_s + VaultId
                                         + u"?api-version=2026-02-01"_s
                                  << R"({"properties":{"publicNetworkAccess":"Disabled"}})"_ba;
    for (const auto op : {AccessPolicyOperation::Add, AccessPolicyOperation::Replace,
                          AccessPolicyOperation::Remove}) {
        const QString kind = accessPolicyOperationName(op);
        QTest::newRow(qPrintable(u"access policies "_s + kind))
            << expect<VaultAccessPolicyParameters>(
                   [op](const ArmClient &c) {
                       AccessPolicyEntry e;
                       e.tenantId = u"t"_s;
                       e.objectId = u"o"_s;
                       e.permissions.secrets = QStringList{u"get"_s};
                       return c.updateAccessPolicies(VaultId, op, {e});
                   },
                   [kind](const VaultAccessPolicyParameters &a) {
                       return a.name == kind && a.accessPolicies.size() == 1;
                   })
            << (R"({"id":"x","name":")" + kind.toUtf8()
                + R"(","type":"Microsoft.KeyVault/vaults/accessPolicies","properties":{"accessPolicies":[{"tenantId":"t","objectId":"o","permissions":{"secrets":["get"]}}]}})")
            << "PUT"_ba
            << u"https://arm.example"_s + VaultId + u"/accessPolicies/"_s + kind
                   + u"?api-version=2026-02-01"_s
            << R"({"properties":{"accessPolicies":[{"tenantId":"t","objectId":"o","permissions":{"secrets":["get"]}}]}})"_ba;
    }
    QTest::newRow("list private endpoint connections")
        << expect<Page<PrivateEndpointConnection>>(
               [](const ArmClient &c) { return c.listPrivateEndpointConnections(VaultId); },
               [](const Page<PrivateEndpointConnection> &p) {
                   return p.items.size() == 1 && p.items[0].effectiveName() == "pe-1"_L1
                          && p.items[0].connection.status == u"Pending"_s;
               })
        << list(
               R"({"id":"/x/privateEndpointConnections/pe-1","properties":{"privateLinkServiceConnectionState":{"status":"Pending"}}})")
        << "GET"_ba
        << u"https://arm.example"_s + VaultId
               + u"/privateEndpointConnections?api-version=2026-02-01"_s
        << QByteArray();
    QTest::newRow("approve private endpoint connection")
        << expect<PrivateEndpointConnection>(
               [](const ArmClient &c) {
                   return c.approvePrivateEndpointConnection(VaultId, u"pe-1"_s, u"ok"_s,
                                                             u"W/\"1\""_s);
               },
               [](const PrivateEndpointConnection &p) {
                   return p.connection.status == u"Approved"_s;
               })
        << R"({"name":"pe-1","properties":{"privateLinkServiceConnectionState":{"status":"Approved"}}})"_ba
        << "PUT"_ba
        << u"https://arm.example"_s + VaultId
               + u"/privateEndpointConnections/pe-1?api-version=2026-02-01"_s
        << R"({"etag":"W/\"1\"","properties":{"privateLinkServiceConnectionState":{"status":"Approved","description":"ok"}}})"_ba;
    QTest::newRow("reject private endpoint connection")
        << expect<PrivateEndpointConnection>(
               [](const ArmClient &c) {
                   return c.rejectPrivateEndpointConnection(VaultId, u"pe-2"_s, u"unknown"_s);
               },
               [](const PrivateEndpointConnection &p) {
                   return p.connection.status == u"Rejected"_s;
               })
        << R"({"name":"pe-2","properties":{"privateLinkServiceConnectionState":{"status":"Rejected"}}})"_ba
        << "PUT"_ba
        << u"https://arm.example"_s + VaultId
               + u"/privateEndpointConnections/pe-2?api-version=2026-02-01"_s
        << R"({"properties":{"privateLinkServiceConnectionState":{"status":"Rejected","description":"unknown"}}})"_ba;
    const QByteArray assignment =
        R"({"id":"/subscriptions/sub-1/providers/Microsoft.Authorization/roleAssignments/a","name":"a",
            "properties":{"scope":"/subscriptions/sub-1","roleDefinitionId":"/r","principalId":"p","principalType":"User"}})";
    QTest::newRow("role assignments at scope and above")
        << expect<Page<RoleAssignment>>(
               [](const ArmClient &c) { return c.listRoleAssignments(VaultId); },
               [](const Page<RoleAssignment> &p) { return p.items.value(0).principalId == "p"_L1; })
        << list(assignment) << "GET"_ba
        << u"https://arm.example"_s + VaultId
               + u"/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=atScope%28%29"_s
        << QByteArray();
    QTest::newRow("role assignments, all")
        << expect<Page<RoleAssignment>>(
               [](const ArmClient &c) {
                   return c.listRoleAssignments(u"/subscriptions/sub-1/"_s,
                                                RoleAssignmentFilter::All);
               },
               [](const Page<RoleAssignment> &p) { return p.items.size() == 1; })
        << list(assignment) << "GET"_ba
        << u"https://arm.example/subscriptions/sub-1/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01"_s
        << QByteArray();
    QTest::newRow("role assignments of a principal")
        << expect<Page<RoleAssignment>>(
               [](const ArmClient &c) {
                   return c.listRoleAssignmentsForPrincipal(u"/subscriptions/sub-1"_s, u"p"_s);
               },
               [](const Page<RoleAssignment> &p) { return p.items.size() == 1; })
        << list(assignment) << "GET"_ba
        << u"https://arm.example/subscriptions/sub-1/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=principalId%20eq%20%27p%27"_s
        << QByteArray();
    const QByteArray definition =
        R"({"id":"/subscriptions/sub-1/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6",
            "name":"4633458b-17de-408a-b874-0445c86b69e6","properties":{"roleName":"Key Vault Secrets User","type":"BuiltInRole",
            "permissions":[{"actions":[],"notActions":[],"dataActions":["Microsoft.KeyVault/vaults/secrets/getSecret/action"],"notDataActions":[]}]}})";
    QTest::newRow("role definitions at root scope")
        << expect<Page<RoleDefinition>>(
               [](const ArmClient &c) { return c.listRoleDefinitions(u"/"_s); },
               [](const Page<RoleDefinition> &p) {
                   return p.items.value(0).roleName == "Key Vault Secrets User"_L1;
               })
        << list(definition) << "GET"_ba
        << u"https://arm.example/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01"_s
        << QByteArray();
    QTest::newRow("role definitions by name")
        << expect<Page<RoleDefinition>>(
               [](const ArmClient &c) {
                   return c.listRoleDefinitions(VaultId, u"Key Vault Secrets User"_s);
               },
               [](const Page<RoleDefinition> &p) { return p.items.size() == 1; })
        << list(definition) << "GET"_ba
        << u"https://arm.example"_s + VaultId
               + u"/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01&$filter=roleName%20eq%20%27Key%20Vault%20Secrets%20User%27"_s
        << QByteArray();
    QTest::newRow("role definition by id")
        << expect<RoleDefinition>(
               [](const ArmClient &c) {
                   return c.getRoleDefinition(
                       u"/subscriptions/sub-1/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"_s);
               },
               [](const RoleDefinition &d) {
                   return d.name == "4633458b-17de-408a-b874-0445c86b69e6"_L1
                          && d.permissions.value(0).dataActions.size() == 1;
               })
        << definition << "GET"_ba
        << u"https://arm.example/subscriptions/sub-1/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6?api-version=2022-04-01"_s
        << QByteArray();
    QTest::newRow("create role assignment")
        << expect<RoleAssignment>(
               [](const ArmClient &c) {
                   RoleAssignmentCreateParameters p;
                   p.roleDefinitionId = u"/r"_s;
                   p.principalId = u"p"_s;
                   p.principalType = u"User"_s;
                   return c.createRoleAssignment(VaultId, p, u"a"_s);
               },
               [](const RoleAssignment &a) { return a.name == "a"_L1; })
        << assignment << "PUT"_ba
        << u"https://arm.example"_s + VaultId
               + u"/providers/Microsoft.Authorization/roleAssignments/a?api-version=2022-04-01"_s
        << R"({"properties":{"roleDefinitionId":"/r","principalId":"p","principalType":"User"}})"_ba;
    QTest::newRow("delete role assignment")
        << expect<Done>(
               [](const ArmClient &c) {
                   return c.deleteRoleAssignment(
                       u"/subscriptions/sub-1/providers/Microsoft.Authorization/roleAssignments/a"_s);
               },
               [](const Done &) { return true; })
        << QByteArray() << "DELETE"_ba
        << u"https://arm.example/subscriptions/sub-1/providers/Microsoft.Authorization/roleAssignments/a?api-version=2022-04-01"_s
        << QByteArray();
    const QByteArray graphAnswer =
        R"({"totalRecords":1,"count":1,"resultTruncated":"false","facets":[],"data":[
            {"id":"/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.KeyVault/vaults/kv-1","name":"kv-1",
             "enableRbacAuthorization":true}]})";
    QTest::newRow("vault inventory page")
        << expect<VaultSummaryPage>(
               [](const ArmClient &c) {
                   return c.queryVaults({u"sub-1"_s, u"sub-2"_s}, u"token"_s, 50);
               },
               [](const VaultSummaryPage &p) {
                   return p.vaults.size() == 1 && p.vaults[0].usesRbac()
                          && p.vaults[0].resourceGroup == u"rg-1"_s && !p.hasMore();
               })
        << graphAnswer << "POST"_ba
        << u"https://arm.example/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01"_s
        << QJsonDocument(
               QJsonObject{{u"subscriptions"_s, QJsonArray{u"sub-1"_s, u"sub-2"_s}},
                           {u"query"_s, ResourceGraphSerializer::vaultInventoryQuery()},
                           {u"options"_s, QJsonObject{{u"$skipToken"_s, u"token"_s},
                                                      {u"$top"_s, 50},
                                                      {u"resultFormat"_s, u"objectArray"_s}}}})
               .toJson();
}

void TestArmClientRequests::requests()
{
    QFETCH(Call, call);
    QFETCH(QByteArray, answer);
    QFETCH(QByteArray, method);
    QFETCH(QString, url);
    QFETCH(QByteArray, body);

    Fixture f;
    f.transport->answer(answer.isEmpty() ? 204 : 200,
                        {{"Content-Type"_ba, "application/json; charset=utf-8"_ba}}, answer);
    const QString problem = call(f.client);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    QCOMPARE(f.transport->requests().size(), 1);
    const HttpRequest &sent = f.transport->requests().first();
    QCOMPARE(sent.method, method);
    QCOMPARE(sent.url.toString(QUrl::FullyEncoded), url);
    QCOMPARE(sent.context.service, Service::ResourceManager);
    QCOMPARE(sent.context.scopes, QStringList{Scope});
    QVERIFY(!sent.context.operation.isEmpty());
    QVERIFY(!sent.context.bodyIsSecret);
    if (body.isEmpty()) {
        QVERIFY(sent.body.isEmpty());
    } else {
        QCOMPARE(sent.header("Content-Type"), "application/json"_ba);
        QCOMPARE(QJsonDocument::fromJson(sent.body).object(), parseObject(body));
    }
    // Every call may be sent again after a dropped connection.
    QVERIFY(sent.isIdempotent() || sent.context.idempotent);
}

void TestArmClientRequests::nextLinks_data()
{
    QTest::addColumn<QString>("nextLink");
    QTest::addColumn<QString>("sent");
    QTest::newRow("as written")
        << u"https://arm.example/subscriptions?api-version=2022-12-01&%24skiptoken=a%2Fb%3D%3D"_s
        << u"https://arm.example/subscriptions?api-version=2022-12-01&%24skiptoken=a%2Fb%3D%3D"_s;
    QTest::newRow("api-version added when missing")
        << u"https://arm.example/subscriptions?$skiptoken=abc"_s
        << u"https://arm.example/subscriptions?$skiptoken=abc&api-version=2022-12-01"_s;
    QTest::newRow("encoded api-version name counts")
        << u"https://arm.example/subscriptions?api%2Dversion=2020-01-01&$skiptoken=abc"_s
        // (QUrl writes the unreserved '-' as itself: the same URL.)
        << u"https://arm.example/subscriptions?api-version=2020-01-01&$skiptoken=abc"_s;
    QTest::newRow("explicit default port")
        << u"https://ARM.example:443/subscriptions?api-version=2022-12-01&page=3"_s
        << u"https://arm.example:443/subscriptions?api-version=2022-12-01&page=3"_s;
}

void TestArmClientRequests::nextLinks()
{
    QFETCH(QString, nextLink);
    QFETCH(QString, sent);
    Fixture f;
    f.transport->answer(200, {}, R"({"value":[{"subscriptionId":"s2"}]})"_ba);
    const auto page = await(f.client.listSubscriptions(QUrl(nextLink)));
    QVERIFY2(page.ok(), qPrintable(page.error().summary()));
    QCOMPARE(page->items.size(), 1);
    QVERIFY(!page->hasMore());
    QCOMPARE(f.transport->requests().size(), 1);
    QCOMPARE(f.transport->requests().first().url.toString(QUrl::FullyEncoded), sent);
}

void TestArmClientRequests::foreignNextLinkIsNotFollowed()
{
    Fixture f;
    for (const QString &link : {u"https://evil.example/subscriptions?api-version=2022-12-01"_s,
                                u"http://arm.example/subscriptions"_s,
                                u"https://arm.example:8443/subscriptions"_s, u"..."_s}) {
        const auto page = await(f.client.listSubscriptions(QUrl(link)));
        QVERIFY2(!page.ok(), qPrintable(link));
        QCOMPARE(page.error().kind, AzureError::Kind::Malformed);
        QVERIFY(page.error().message.contains(u"not followed"_s));
    }
    QVERIFY(f.transport->requests().isEmpty());
}

void TestArmClientRequests::answerWithAnInvalidNextLink()
{
    // A page whose nextLink cannot be followed is an error, not a silently shorter list.
    Fixture f;
    f.transport->answer(
        200, {{"x-ms-request-id"_ba, "req-2"_ba}},
        R"({"value":[{"tenantId":"t"}],"nextLink":"htt\u0003ps://arm.example/x"})"_ba);
    const auto page = await(f.client.listTenants());
    QVERIFY(!page.ok());
    QCOMPARE(page.error().kind, AzureError::Kind::Malformed);
    QCOMPARE(page.error().status, 200);
    QCOMPARE(page.error().requestId, u"req-2"_s);
}

void TestArmClientRequests::errors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<AzureError::Kind>("kind");
    QTest::addColumn<QString>("code");

    QTest::newRow("403 AuthorizationFailed")
        << 403
        << R"({"error":{"code":"AuthorizationFailed","message":"The client 'erin@contoso.example' with object id 'e' does not have authorization to perform action 'Microsoft.KeyVault/vaults/write' over scope '/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.KeyVault/vaults/kv-1' or the scope is invalid. If access was recently granted, please refresh your credentials."}})"_ba
        << AzureError::Kind::Rbac << u"AuthorizationFailed"_s;
    QTest::newRow("404 ResourceNotFound")
        << 404
        << R"({"error":{"code":"ResourceNotFound","message":"The Resource 'Microsoft.KeyVault/vaults/kv-1' under resource group 'rg-1' was not found."}})"_ba
        << AzureError::Kind::NotFound << u"ResourceNotFound"_s;
    QTest::newRow("200 that is not JSON")
        << 200 << "<html>proxy</html>"_ba << AzureError::Kind::Malformed << QString();
}

void TestArmClientRequests::errors()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(AzureError::Kind, kind);
    QFETCH(QString, code);
    Fixture f;
    f.transport->answer(status, {{"x-ms-request-id"_ba, "req-1"_ba}}, body);
    VaultPatchParameters patch;
    patch.properties.enableRbacAuthorization = true;
    const auto result = await(f.client.updateVault(VaultId, patch));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, kind);
    QCOMPARE(result.error().code, code);
    QCOMPARE(result.error().status, status);
    QCOMPARE(result.error().requestId, u"req-1"_s);
    if (kind == AzureError::Kind::Rbac) {
        QCOMPARE(result.error().action, u"Microsoft.KeyVault/vaults/write"_s);
        QCOMPARE(result.error().scope, VaultId);
    }
}

void TestArmClientRequests::invalidIdsSendNothing_data()
{
    QTest::addColumn<Call>("call");
    const auto failsMalformed = [](const auto &result) {
        return !result.ok() && result.error().kind == AzureError::Kind::Malformed
                   ? QString()
                   : u"expected a Malformed error"_s;
    };
    QTest::newRow("vault id without a name") << Call([=](const ArmClient &c) {
        return failsMalformed(await(c.getVault(u"/subscriptions/s/resourceGroups/g"_s)));
    });
    QTest::newRow("a secret's id is not a vault's") << Call([=](const ArmClient &c) {
        return failsMalformed(await(c.updateVault(VaultId + u"/secrets/x"_s, {})));
    });
    QTest::newRow("empty vault id") << Call([=](const ArmClient &c) {
        return failsMalformed(
            await(c.updateAccessPolicies(QString(), AccessPolicyOperation::Add, {})));
    });
    QTest::newRow("connection name with a slash") << Call([=](const ArmClient &c) {
        return failsMalformed(await(c.approvePrivateEndpointConnection(VaultId, u"a/b"_s, {})));
    });
    QTest::newRow("role definition id") << Call([=](const ArmClient &c) {
        return failsMalformed(await(c.getRoleDefinition(u"4633458b"_s)));
    });
    QTest::newRow("role assignment id") << Call(
        [=](const ArmClient &c) { return failsMalformed(await(c.deleteRoleAssignment(VaultId))); });
}

void TestArmClientRequests::invalidIdsSendNothing()
{
    QFETCH(Call, call);
    Fixture f;
    const QString problem = call(f.client);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(f.transport->requests().isEmpty());
}

void TestArmClientRequests::createRoleAssignmentNamesItWithANewGuid()
{
    Fixture f;
    f.transport->answer(201, {}, R"({"name":"n","properties":{"principalId":"p"}})"_ba);
    f.transport->answer(201, {}, R"({"name":"m","properties":{"principalId":"p"}})"_ba);
    RoleAssignmentCreateParameters p;
    p.roleDefinitionId = u"/r"_s;
    p.principalId = u"p"_s;
    QVERIFY(await(f.client.createRoleAssignment(u"/subscriptions/s"_s, p)).ok());
    QVERIFY(await(f.client.createRoleAssignment(u"/subscriptions/s"_s, p)).ok());
    QCOMPARE(f.transport->requests().size(), 2);
    const QString first = f.transport->requests().at(0).url.path().section(u'/', -1);
    const QString second = f.transport->requests().at(1).url.path().section(u'/', -1);
    QVERIFY2(!QUuid::fromString(first).isNull(), qPrintable(first));
    QVERIFY(!QUuid::fromString(second).isNull());
    QVERIFY(first != second);
    QCOMPARE(first, first.toLower());
}

void TestArmClientRequests::listAllVaultsFollowsSkipTokens()
{
    Fixture f;
    auto page = [](const QByteArray &name, const QByteArray &token) -> QByteArray {
        return R"({"count":1,"data":[{"id":"/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/vaults/)"
               + name + R"(","name":")" + name + "\"}]"
               + (token.isEmpty() ? QByteArray() : ",\"$skipToken\":\"" + token + '"') + '}';
    };
    f.transport->answer(200, {}, page("a", "t1"));
    f.transport->answer(200, {}, page("b", "t2"));
    f.transport->answer(200, {}, page("c", {}));
    const auto vaults = await(f.client.listAllVaults({u"s"_s, u"s2"_s}, 1));
    QVERIFY2(vaults.ok(), qPrintable(vaults.error().summary()));
    QStringList names;
    for (const VaultSummary &v : *vaults)
        names.append(v.name);
    QCOMPARE(names, (QStringList{u"a"_s, u"b"_s, u"c"_s}));

    QCOMPARE(f.transport->requests().size(), 3);
    const QStringList tokens{QString(), u"t1"_s, u"t2"_s};
    for (int i = 0; i < 3; ++i) {
        const ResourceGraphRequest sent = ResourceGraphSerializer::requestFromJson(
            QJsonDocument::fromJson(f.transport->requests().at(i).body).object());
        // The same query and subscriptions each time, with the previous page's token.
        QCOMPARE(sent.query, ResourceGraphSerializer::vaultInventoryQuery());
        QCOMPARE(sent.subscriptions, std::optional<QStringList>(QStringList{u"s"_s, u"s2"_s}));
        QCOMPARE(sent.options->skipToken.value_or(QString()), tokens.at(i));
        QCOMPARE(sent.options->top, std::optional<int>(1));
    }
}

void TestArmClientRequests::listAllVaultsStopsOnARepeatedToken()
{
    Fixture f;
    const QByteArray same = R"({"data":[{"id":"/x","name":"x"}],"$skipToken":"again"})";
    f.transport->answer(200, {}, same);
    f.transport->answer(200, {}, same);
    const auto vaults = await(f.client.listAllVaults({u"s"_s}));
    QVERIFY(vaults.ok());
    QCOMPARE(vaults->size(), 2);
    QCOMPARE(f.transport->requests().size(), 2);
}

void TestArmClientRequests::listAllVaultsReportsAFailedPage()
{
    Fixture f;
    f.transport->answer(200, {}, R"({"data":[{"id":"/x","name":"x"}],"$skipToken":"t"})"_ba);
    f.transport->answer(
        400, {},
        R"({"error":{"code":"BadRequest","message":"Please provide below info when asking for support"}})"_ba);
    const auto vaults = await(f.client.listAllVaults({u"s"_s}));
    QVERIFY(!vaults.ok());
    QCOMPARE(vaults.error().status, 400);
    QCOMPARE(vaults.error().code, u"BadRequest"_s);
    QCOMPARE(f.transport->requests().size(), 2);
}

QTEST_GUILESS_MAIN(TestArmClientRequests)
#include "tst_armclientrequests.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "SandboxFixture.h"
#include "arm/ResourceGraphSerializer.h"
#include "arm/VaultSerializer.h"
#include "state/Seed.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using namespace vl::sandbox::DemoIds;

namespace {

const QString ArmScope = u"https://management.azure.com/.default"_s;

QString vaultPath(const QString &subscription, const QString &group, const QString &name)
{
    return u"/subscriptions/"_s + subscription + u"/resourceGroups/"_s + group
           + u"/providers/Microsoft.KeyVault/vaults/"_s + name;
}

QString prodVault()
{
    return vaultPath(ProductionSubscription, u"rg-security"_s, u"kv-contoso-prod"_s);
}

QString privateVault()
{
    return vaultPath(ProductionSubscription, u"rg-security"_s, u"kv-contoso-private"_s);
}

const QString GraphPath = u"/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01"_s;

/// A Resource Graph query over both demo subscriptions.
QJsonObject graphQuery(const QString &query, const QJsonObject &options = {})
{
    QJsonObject body{
        {u"subscriptions"_s, QJsonArray{ProductionSubscription, DevelopmentSubscription}},
        {u"query"_s, query}};
    if (!options.isEmpty())
        body.insert("options"_L1, options);
    return body;
}

QStringList rowNames(const QJsonObject &answer)
{
    QStringList names;
    for (const QJsonValue &row : answer.value("data"_L1).toArray())
        names.append(row.toObject().value("name"_L1).toString());
    return names;
}

QString connectionPath(const QString &name = {})
{
    return privateVault() + u"/privateEndpointConnections"_s
           + (name.isEmpty() ? QString() : QString(u"/"_s + name)) + u"?api-version=2026-02-01"_s;
}

/// A request without a body, as @p token.
HttpReply sendAs(HttpClient &http, const QByteArray &method, const QUrl &url,
                 const QByteArray &token)
{
    return http.send(method, url, {}, {{"Authorization", QByteArray("Bearer " + token)}});
}

QJsonObject connectionState(const QString &status, const QString &description)
{
    return QJsonObject{
        {u"etag"_s, QString()},
        {u"properties"_s,
         QJsonObject{{u"privateLinkServiceConnectionState"_s,
                      QJsonObject{{u"status"_s, status}, {u"description"_s, description}}}}}};
}

} // namespace

/// Resource Manager in the sandbox, over real HTTPS.
class TestSandboxArm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void authentication_data();
    void authentication();
    void subscriptionsAndTenants();
    void vaultGetAndLists();
    void apiVersions_data();
    void apiVersions();
    void authorizationFailed();
    void accessPolicyOperations();
    void networkRulesAreValidatedAndNormalised();
    void irreversibleProperties();
    void createUseAndDeleteAVault();
    void roleAssignmentsAndDefinitions();
    void genericResourceListingAndNameCheck();
    void resourceGraphVaultInventory();
    void resourceGraphFiltersByReadAccess_data();
    void resourceGraphFiltersByReadAccess();
    void resourceGraphRejectsOtherQueries_data();
    void resourceGraphRejectsOtherQueries();
    void privateEndpointConnectionRoutes();
    void privateEndpointConnectionRights_data();
    void privateEndpointConnectionRights();

private:
    HttpReply get(const QString &path, const QByteArray &token);
    std::unique_ptr<SandboxFixture> m_sandbox;
    QByteArray m_token;
};

HttpReply TestSandboxArm::get(const QString &path, const QByteArray &token)
{
    return m_sandbox->http().get(m_sandbox->apiUrl(path), token);
}

void TestSandboxArm::initTestCase()
{
    m_sandbox = std::make_unique<SandboxFixture>();
    QVERIFY2(m_sandbox->isRunning(), qPrintable(m_sandbox->startError()));
    m_token = m_sandbox->automationToken(ArmScope);
    QVERIFY(!m_token.isEmpty());
}

void TestSandboxArm::authentication_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("code");
    QTest::newRow("missing") << QByteArray() << u"AuthenticationFailed"_s;
    QTest::newRow("garbage") << QByteArray("garbage") << u"InvalidAuthenticationToken"_s;
    QTest::newRow("Key Vault audience")
        << m_sandbox->automationToken() << u"InvalidAuthenticationToken"_s;
}

void TestSandboxArm::authentication()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, code);
    const HttpReply r = get(prodVault() + u"?api-version=2026-02-01"_s, token);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), code);
    QVERIFY(r.header("WWW-Authenticate").startsWith("Bearer authorization_uri="));
    // Both Resource Manager audiences are accepted, with or without the trailing slash.
    for (const QString &scope : {u"https://management.azure.com/.default"_s,
                                 u"https://management.core.windows.net//.default"_s})
        QCOMPARE(get(prodVault() + u"?api-version=2026-02-01"_s, m_sandbox->automationToken(scope))
                     .status,
                 200);
}

void TestSandboxArm::subscriptionsAndTenants()
{
    HttpReply r = get(u"/subscriptions?api-version=2022-12-01"_s, m_token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("value"_L1).toArray().size(), 2);
    const QJsonObject first = r.json().value("value"_L1).toArray().first().toObject();
    QCOMPARE(first.value("id"_L1).toString(),
             u"/subscriptions/"_s + first.value("subscriptionId"_L1).toString());
    QCOMPARE(first.value("tenantId"_L1).toString(), ContosoTenant);
    // Erin holds Reader on production only.
    const QByteArray erin = m_sandbox->userToken(u"erin@contoso.example"_s, ArmScope);
    r = get(u"/subscriptions?api-version=2019-11-01"_s, erin);
    QCOMPARE(r.json().value("value"_L1).toArray().size(), 1);
    QCOMPARE(
        get(u"/subscriptions/"_s + DevelopmentSubscription + u"?api-version=2022-12-01"_s, erin)
            .status,
        404);
    // Carol, a guest, sees both of her tenants.
    m_sandbox->userToken(u"carol@fabrikam.example"_s, ArmScope);
    r = get(u"/tenants?api-version=2022-12-01"_s,
            m_sandbox->lastTokenAnswer().value("access_token"_L1).toString().toLatin1());
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("value"_L1).toArray().size(), 2);
    r = get(u"/subscriptions/"_s + ProductionSubscription
                + u"/resourcegroups?api-version=2024-03-01"_s,
            m_token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("value"_L1).toArray().size(), 2);
    QCOMPARE(get(u"/subscriptions/"_s + ProductionSubscription
                     + u"/resourceGroups/nope?api-version=2024-03-01"_s,
                 m_token)
                 .errorCode(),
             u"ResourceGroupNotFound"_s);
}

void TestSandboxArm::vaultGetAndLists()
{
    HttpReply r = get(prodVault() + u"?api-version=2026-02-01"_s, m_token);
    QCOMPARE(r.status, 200);
    const arm::Vault vault = arm::VaultSerializer::vaultFromJson(r.json());
    QCOMPARE(vault.name, u"kv-contoso-prod"_s);
    QCOMPARE(vault.properties.vaultUri.value_or(QString()),
             m_sandbox->vaultOrigin(u"kv-contoso-prod"_s) + u'/');
    QVERIFY(vault.properties.networkAcls->defaultDeny());
    QVERIFY(vault.properties.accessPolicies->size() >= 5);
    QCOMPARE(arm::VaultSerializer::toJson(vault), r.json());

    r = get(u"/subscriptions/"_s + ProductionSubscription
                + u"/providers/Microsoft.KeyVault/vaults?api-version=2026-02-01"_s,
            m_token);
    QCOMPARE(r.json().value("value"_L1).toArray().size(), 3);
    r = get(
        u"/subscriptions/"_s + ProductionSubscription
            + u"/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults?api-version=2023-07-01"_s,
        m_token);
    QCOMPARE(r.json().value("value"_L1).toArray().size(), 1);
    r = get(vaultPath(ProductionSubscription, u"rg-security"_s, u"kv-missing"_s)
                + u"?api-version=2026-02-01"_s,
            m_token);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), u"ResourceNotFound"_s);
}

void TestSandboxArm::apiVersions_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<int>("status");
    for (const char *v : {"2022-07-01", "2023-07-01", "2026-02-01"})
        QTest::newRow(v) << QString::fromLatin1(v) << 200;
    QTest::newRow("unknown") << u"2099-01-01"_s << 400;
}

void TestSandboxArm::apiVersions()
{
    QFETCH(QString, version);
    QFETCH(int, status);
    const HttpReply r = get(prodVault() + u"?api-version="_s + version, m_token);
    QCOMPARE(r.status, status);
    if (status == 400)
        QCOMPARE(r.errorCode(), u"NoRegisteredProviderFound"_s);
    QCOMPARE(get(prodVault(), m_token).errorCode(), u"MissingApiVersionParameter"_s);
}

void TestSandboxArm::authorizationFailed()
{
    const QByteArray erin = m_sandbox->userToken(u"erin@contoso.example"_s, ArmScope);
    QCOMPARE(get(prodVault() + u"?api-version=2026-02-01"_s, erin).status, 200);
    const HttpReply r = m_sandbox->http().sendJson(
        "PATCH", m_sandbox->apiUrl(prodVault() + u"?api-version=2026-02-01"_s),
        QJsonObject{{u"tags"_s, QJsonObject{{u"by"_s, u"erin"_s}}}}, erin);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorCode(), u"AuthorizationFailed"_s);
    QCOMPARE(
        r.errorMessage(),
        u"The client 'erin@contoso.example' with object id '"_s + Erin
            + u"' does not have authorization to perform action 'Microsoft.KeyVault/vaults/write' over scope '"_s
            + prodVault()
            + u"' or the scope is invalid. If access was recently granted, please refresh your credentials."_s);
}

void TestSandboxArm::accessPolicyOperations()
{
    const QString base = prodVault() + u"/accessPolicies/"_s;
    auto update = [&](const QString &kind, const QJsonArray &entries) {
        return m_sandbox->http().sendJson(
            "PUT", m_sandbox->apiUrl(base + kind + u"?api-version=2026-02-01"_s),
            QJsonObject{{u"properties"_s, QJsonObject{{u"accessPolicies"_s, entries}}}}, m_token);
    };
    auto entry = [](const QJsonArray &secrets) {
        return QJsonObject{{u"tenantId"_s, ContosoTenant},
                           {u"objectId"_s, Reporting},
                           {u"permissions"_s, QJsonObject{{u"secrets"_s, secrets}}}};
    };
    auto reportingSecrets = [&]() -> std::optional<QStringList> {
        const arm::Vault v = arm::VaultSerializer::vaultFromJson(
            get(prodVault() + u"?api-version=2026-02-01"_s, m_token).json());
        for (const arm::AccessPolicyEntry &e : *v.properties.accessPolicies)
            if (e.objectId == Reporting && !e.applicationId)
                return e.permissions.secrets.value_or(QStringList{});
        return std::nullopt;
    };
    HttpReply r = update(u"add"_s, {entry({u"get"_s})});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("type"_L1).toString(), u"Microsoft.KeyVault/vaults/accessPolicies"_s);
    QCOMPARE(reportingSecrets().value_or(QStringList{}), QStringList{u"get"_s});
    QCOMPARE(update(u"add"_s, {entry({u"list"_s})}).status, 200);
    QCOMPARE(reportingSecrets().value_or(QStringList{}), (QStringList{u"get"_s, u"list"_s}));
    QCOMPARE(update(u"replace"_s, {entry({u"set"_s})}).status, 200);
    QCOMPARE(reportingSecrets().value_or(QStringList{}), QStringList{u"set"_s});
    QCOMPARE(update(u"remove"_s, {entry({u"set"_s})}).status, 200);
    QVERIFY(!reportingSecrets());

    r = update(u"add"_s, {QJsonObject{{u"tenantId"_s, FabrikamTenant},
                                      {u"objectId"_s, Carol},
                                      {u"permissions"_s,
                                       QJsonObject{{u"secrets"_s, QJsonArray{u"get"_s}}}}}});
    QCOMPARE(r.status, 400);
    QVERIFY(r.errorMessage().contains(u"not the vault's tenant"_s));
    r = update(u"add"_s, {entry({u"teleport"_s})});
    QCOMPARE(r.status, 400);
    QJsonArray seventeen;
    for (int i = 0; i < 17; ++i)
        seventeen.append(entry({u"get"_s}));
    QCOMPARE(update(u"add"_s, seventeen).status, 400);
    QCOMPARE(update(u"merge"_s, {entry({u"get"_s})}).status, 400);
}

void TestSandboxArm::networkRulesAreValidatedAndNormalised()
{
    const QUrl url = m_sandbox->apiUrl(prodVault() + u"?api-version=2026-02-01"_s);
    const QJsonObject acls{
        {u"defaultAction"_s, u"Deny"_s},
        {u"bypass"_s, u"AzureServices"_s},
        {u"ipRules"_s, QJsonArray{QJsonObject{{u"value"_s, u"203.0.113.10"_s}},
                                  QJsonObject{{u"value"_s, u"198.51.100.0/24"_s}}}},
        {u"virtualNetworkRules"_s,
         QJsonArray{QJsonObject{
             {u"id"_s,
              u"/subscriptions/S/resourceGroups/Net/providers/Microsoft.Network/virtualNetworks/V/subnets/A"_s}}}}};
    HttpReply r = m_sandbox->http().sendJson(
        "PATCH", url, QJsonObject{{u"properties"_s, QJsonObject{{u"networkAcls"_s, acls}}}},
        m_token);
    QCOMPARE(r.status, 200);
    const QJsonObject stored = r.json()[u"properties"_s][u"networkAcls"_s].toObject();
    QCOMPARE(stored[u"ipRules"_s][0][u"value"_s].toString(), u"203.0.113.10/32"_s);
    QCOMPARE(
        stored[u"virtualNetworkRules"_s][0][u"id"_s].toString(),
        u"/subscriptions/s/resourcegroups/net/providers/microsoft.network/virtualnetworks/v/subnets/a"_s);
    QJsonObject bad = acls;
    bad.insert("ipRules"_L1, QJsonArray{QJsonObject{{u"value"_s, u"10.1.2.3"_s}}});
    r = m_sandbox->http().sendJson(
        "PATCH", url, QJsonObject{{u"properties"_s, QJsonObject{{u"networkAcls"_s, bad}}}},
        m_token);
    QCOMPARE(r.status, 400);
    QVERIFY(r.errorMessage().contains(u"private (RFC 1918)"_s));
    // Nothing was lost: the rules stored before are still there.
    r = get(prodVault() + u"?api-version=2026-02-01"_s, m_token);
    QCOMPARE(r.json()[u"properties"_s][u"networkAcls"_s][u"ipRules"_s][0][u"value"_s].toString(),
             u"203.0.113.10/32"_s);
}

void TestSandboxArm::irreversibleProperties()
{
    const QUrl url = m_sandbox->apiUrl(prodVault() + u"?api-version=2026-02-01"_s);
    for (const char *property : {"enableSoftDelete", "enablePurgeProtection"}) {
        const HttpReply r = m_sandbox->http().sendJson(
            "PATCH", url,
            QJsonObject{{u"properties"_s, QJsonObject{{QLatin1StringView(property), false}}}},
            m_token);
        QCOMPARE(r.status, 400);
        QVERIFY(r.errorMessage().contains(QLatin1StringView(property)));
    }
}

void TestSandboxArm::createUseAndDeleteAVault()
{
    const QString path = vaultPath(DevelopmentSubscription, u"rg-dev"_s, u"kv-made-by-test"_s);
    const QUrl url = m_sandbox->apiUrl(path + u"?api-version=2026-02-01"_s);
    const QJsonObject body{
        {u"location"_s, u"northeurope"_s},
        {u"properties"_s,
         QJsonObject{{u"tenantId"_s, ContosoTenant},
                     {u"sku"_s, QJsonObject{{u"family"_s, u"A"_s}, {u"name"_s, u"standard"_s}}}}}};
    HttpReply r = m_sandbox->http().sendJson("PUT", url, body, m_token);
    QCOMPARE(r.status, 201);
    // From 2026-02-01 on, a new vault uses Azure RBAC unless told otherwise.
    QCOMPARE(r.json()[u"properties"_s][u"enableRbacAuthorization"_s].toBool(), true);
    const QString uri = r.json()[u"properties"_s][u"vaultUri"_s].toString();
    QVERIFY(uri.startsWith(u"https://127.0.0.1:"_s));
    // Owner of the subscription has no data access in an RBAC vault...
    const QByteArray data = m_sandbox->automationToken();
    r = m_sandbox->http().get(QUrl(uri + u"secrets?api-version=7.6"_s), data);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.innerErrorCode(), u"ForbiddenByRbac"_s);
    // ...until it assigns itself a data role.
    const QString assignment =
        path
        + u"/providers/Microsoft.Authorization/roleAssignments/0b6f9c2e-3d1a-4c5b-8e7f-1a2b3c4d5e6f?api-version=2022-04-01"_s;
    r = m_sandbox->http().sendJson(
        "PUT", m_sandbox->apiUrl(assignment),
        QJsonObject{
            {u"properties"_s,
             QJsonObject{
                 {u"roleDefinitionId"_s,
                  QString(
                      u"/subscriptions/"_s + DevelopmentSubscription
                      + u"/providers/Microsoft.Authorization/roleDefinitions/b86a8fe4-44ce-4948-aee5-eccb2c155cd7"_s)},
                 {u"principalId"_s, CiPipeline}}}},
        m_token);
    QCOMPARE(r.status, 201);
    QCOMPARE(m_sandbox->http().get(QUrl(uri + u"secrets?api-version=7.6"_s), data).status, 200);

    r = m_sandbox->http().sendJson("PUT", url, body, m_token);
    QCOMPARE(r.status, 200); // an update now
    r = m_sandbox->http().sendJson(
        "PUT",
        m_sandbox->apiUrl(vaultPath(ProductionSubscription, u"rg-security"_s, u"kv-made-by-test"_s)
                          + u"?api-version=2026-02-01"_s),
        body, m_token);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), u"VaultAlreadyExists"_s);
    r = m_sandbox->http().sendJson(
        "PUT",
        m_sandbox->apiUrl(vaultPath(DevelopmentSubscription, u"rg-dev"_s, u"1-bad--name"_s)
                          + u"?api-version=2026-02-01"_s),
        body, m_token);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"VaultNameNotValid"_s);

    QCOMPARE(
        m_sandbox->http().send("DELETE", url, {}, {{"Authorization", "Bearer " + m_token}}).status,
        200);
    QCOMPARE(get(path + u"?api-version=2026-02-01"_s, m_token).status, 404);
}

void TestSandboxArm::roleAssignmentsAndDefinitions()
{
    const QString apps = vaultPath(ProductionSubscription, u"rg-apps"_s, u"kv-contoso-apps"_s);
    HttpReply r = get(
        apps
            + u"/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=atScope()"_s,
        m_token);
    QCOMPARE(r.status, 200);
    int atOrAbove = 0;
    for (const QJsonValue &v : r.json().value("value"_L1).toArray()) {
        const QString scope = v[u"properties"_s][u"scope"_s].toString();
        QVERIFY2(apps.startsWith(scope, Qt::CaseInsensitive), qPrintable(scope));
        ++atOrAbove;
    }
    QVERIFY(atOrAbove >= 5);
    r = get(apps + u"/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01"_s,
            m_token);
    QVERIFY(r.json().value("value"_L1).toArray().size() > atOrAbove); // below: the secret scope
    r = get(
        apps
            + u"/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=principalId%20eq%20'"_s
            + WebApp + u"'"_s,
        m_token);
    QCOMPARE(r.json().value("value"_L1).toArray().size(), 1);

    r = get(
        u"/subscriptions/"_s + ProductionSubscription
            + u"/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01&$filter=roleName%20eq%20'Key%20Vault%20Reader'"_s,
        m_token);
    QCOMPARE(r.json().value("value"_L1).toArray().size(), 1);
    QCOMPARE(r.json()[u"value"_s][0][u"properties"_s][u"permissions"_s][0][u"dataActions"_s][1]
                 .toString(),
             u"Microsoft.KeyVault/vaults/secrets/readMetadata/action"_s);

    // Dave (Contributor on development) may not assign roles.
    const QByteArray dave = m_sandbox->userToken(u"dave@contoso.example"_s, ArmScope);
    r = m_sandbox->http().sendJson(
        "PUT",
        m_sandbox->apiUrl(
            u"/subscriptions/"_s + DevelopmentSubscription
            + u"/providers/Microsoft.Authorization/roleAssignments/5c1e7b1a-0000-4000-8000-00000000d001?api-version=2022-04-01"_s),
        QJsonObject{{u"properties"_s,
                     QJsonObject{{u"roleDefinitionId"_s, u"8e3af657-a8ff-443c-a75c-2fe8c4bcb635"_s},
                                 {u"principalId"_s, Dave}}}},
        dave);
    QCOMPARE(r.status, 403);
    QVERIFY(r.errorMessage().contains(u"Microsoft.Authorization/roleAssignments/write"_s));
}

void TestSandboxArm::genericResourceListingAndNameCheck()
{
    HttpReply r = get(
        u"/subscriptions/"_s + ProductionSubscription
            + u"/resources?$filter=resourceType%20eq%20'Microsoft.KeyVault/vaults'&api-version=2015-11-01"_s,
        m_token);
    QCOMPARE(r.status, 200);
    const QJsonArray items = r.json().value("value"_L1).toArray();
    QCOMPARE(items.size(), 3);
    QCOMPARE(items.first().toObject().keys(),
             (QStringList{u"id"_s, u"location"_s, u"name"_s, u"tags"_s, u"type"_s}));
    const QUrl check = m_sandbox->apiUrl(
        u"/subscriptions/"_s + ProductionSubscription
        + u"/providers/Microsoft.KeyVault/checkNameAvailability?api-version=2026-02-01"_s);
    r = m_sandbox->http().sendJson(
        "POST", check,
        QJsonObject{{u"name"_s, u"kv-contoso-prod"_s}, {u"type"_s, u"Microsoft.KeyVault/vaults"_s}},
        m_token);
    QCOMPARE(r.json().value("nameAvailable"_L1).toBool(), false);
    QCOMPARE(r.json().value("reason"_L1).toString(), u"AlreadyExists"_s);
    r = m_sandbox->http().sendJson("POST", check, QJsonObject{{u"name"_s, u"kv-brand-new"_s}},
                                   m_token);
    QCOMPARE(r.json().value("nameAvailable"_L1).toBool(), true);
    r = m_sandbox->http().sendJson("POST", check, QJsonObject{{u"name"_s, u"x"_s}}, m_token);
    QCOMPARE(r.json().value("reason"_L1).toString(), u"AccountNameInvalid"_s);
}

void TestSandboxArm::resourceGraphVaultInventory()
{
    // The inventory query ArmClient sends, two rows a page.
    const QString query = arm::ResourceGraphSerializer::vaultInventoryQuery();
    HttpReply r = m_sandbox->http().sendJson(
        "POST", m_sandbox->apiUrl(GraphPath),
        graphQuery(query, {{u"$top"_s, 2}, {u"resultFormat"_s, u"objectArray"_s}}), m_token);
    QCOMPARE(r.status, 200);
    QJsonObject answer = r.json();
    QCOMPARE(answer.value("totalRecords"_L1).toInt(), 4);
    QCOMPARE(answer.value("count"_L1).toInt(), 2);
    QCOMPARE(answer.value("resultTruncated"_L1).toString(), u"false"_s);
    QCOMPARE(answer.value("facets"_L1).toArray(), QJsonArray{});
    const QString token = answer.value("$skipToken"_L1).toString();
    QVERIFY(!token.isEmpty());
    const QJsonObject first = answer.value("data"_L1).toArray().first().toObject();
    QCOMPARE(first.keys(), (QStringList{u"enablePurgeProtection"_s, u"enableRbacAuthorization"_s,
                                        u"enableSoftDelete"_s, u"id"_s, u"location"_s, u"name"_s,
                                        u"networkDefaultAction"_s, u"publicNetworkAccess"_s,
                                        u"resourceGroup"_s, u"skuName"_s, u"subscriptionId"_s,
                                        u"tags"_s, u"tenantId"_s, u"vaultUri"_s}));
    QStringList ids;
    for (const QJsonValue &row : answer.value("data"_L1).toArray())
        ids.append(row.toObject().value("id"_L1).toString());

    r = m_sandbox->http().sendJson("POST", m_sandbox->apiUrl(GraphPath),
                                   graphQuery(query, {{u"$top"_s, 2}, {u"$skipToken"_s, token}}),
                                   m_token);
    QCOMPARE(r.status, 200);
    answer = r.json();
    QCOMPARE(answer.value("totalRecords"_L1).toInt(), 4);
    QCOMPARE(answer.value("count"_L1).toInt(), 2);
    QVERIFY(!answer.contains("$skipToken"_L1));
    for (const QJsonValue &row : answer.value("data"_L1).toArray())
        ids.append(row.toObject().value("id"_L1).toString());
    QStringList sorted = ids;
    std::sort(sorted.begin(), sorted.end(), [](const QString &a, const QString &b) {
        return QString::compare(a, b, Qt::CaseInsensitive) < 0;
    });
    QCOMPARE(ids, sorted);
    QCOMPARE(ids.size(), 4);
    QCOMPARE(ids.count(prodVault()), 1);

    // Without a projection the rows are whole Resources rows, types in lower case.
    r = m_sandbox->http().sendJson(
        "POST", m_sandbox->apiUrl(GraphPath),
        graphQuery(u"Resources | where type =~ 'Microsoft.KeyVault/vaults' | order by name desc"_s),
        m_token);
    QCOMPARE(r.status, 200);
    QCOMPARE(rowNames(r.json()), (QStringList{u"kv-contoso-prod"_s, u"kv-contoso-private"_s,
                                              u"kv-contoso-dev"_s, u"kv-contoso-apps"_s}));
    const QJsonObject row = r.json().value("data"_L1).toArray().at(1).toObject();
    QCOMPARE(row.value("type"_L1).toString(), u"microsoft.keyvault/vaults"_s);
    QCOMPARE(row.value("resourceGroup"_L1).toString(), u"rg-security"_s);
    QCOMPARE(row.value("properties"_L1).toObject().value("publicNetworkAccess"_L1).toString(),
             u"Disabled"_s);
    QVERIFY(!r.json().contains("$skipToken"_L1));

    // One subscription only.
    QJsonObject dev = graphQuery(query);
    dev.insert("subscriptions"_L1, QJsonArray{DevelopmentSubscription});
    r = m_sandbox->http().sendJson("POST", m_sandbox->apiUrl(GraphPath), dev, m_token);
    QCOMPARE(rowNames(r.json()), QStringList{u"kv-contoso-dev"_s});
}

void TestSandboxArm::resourceGraphFiltersByReadAccess_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QStringList>("vaults");
    // Erin is Reader on production; Dave's groups hold Contributor on development only
    // (Key Vault Secrets Officer on kv-contoso-apps grants no vaults/read).
    QTest::newRow("erin") << u"erin@contoso.example"_s
                          << QStringList{u"kv-contoso-apps"_s, u"kv-contoso-private"_s,
                                         u"kv-contoso-prod"_s};
    QTest::newRow("dave") << u"dave@contoso.example"_s << QStringList{u"kv-contoso-dev"_s};
}

void TestSandboxArm::resourceGraphFiltersByReadAccess()
{
    QFETCH(QString, user);
    QFETCH(QStringList, vaults);
    const HttpReply r =
        m_sandbox->http().sendJson("POST", m_sandbox->apiUrl(GraphPath),
                                   graphQuery(arm::ResourceGraphSerializer::vaultInventoryQuery()),
                                   m_sandbox->userToken(user, ArmScope));
    QCOMPARE(r.status, 200);
    QCOMPARE(rowNames(r.json()), vaults);
    QCOMPARE(r.json().value("totalRecords"_L1).toInt(), int(vaults.size()));
}

void TestSandboxArm::resourceGraphRejectsOtherQueries_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("detail");
    QTest::newRow("summarize") << u"Resources | summarize count() by type"_s
                               << u"UnsupportedQuery"_s;
    QTest::newRow("other table")
        << u"ResourceContainers | where type =~ 'microsoft.resources/subscriptions'"_s
        << u"UnsupportedQuery"_s;
    QTest::newRow("other type")
        << u"Resources | where type =~ 'microsoft.storage/storageaccounts'"_s
        << u"UnsupportedQuery"_s;
    QTest::newRow("no type filter") << u"Resources | project id, name"_s << u"UnsupportedQuery"_s;
    QTest::newRow("function column")
        << u"Resources | where type =~ 'microsoft.keyvault/vaults' | project n = strlen(name)"_s
        << u"UnsupportedQuery"_s;
    QTest::newRow("empty") << QString() << u"EmptyQuery"_s;
}

void TestSandboxArm::resourceGraphRejectsOtherQueries()
{
    QFETCH(QString, query);
    QFETCH(QString, detail);
    const HttpReply r = m_sandbox->http().sendJson("POST", m_sandbox->apiUrl(GraphPath),
                                                   graphQuery(query), m_token);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"BadRequest"_s);
    QVERIFY(r.errorMessage().startsWith(
        u"Please provide below info when asking for support: timestamp = "_s));
    const QJsonArray details = r.json().value("error"_L1).toObject().value("details"_L1).toArray();
    QCOMPARE(details.size(), 2);
    QCOMPARE(details[0].toObject().value("code"_L1).toString(), u"InvalidQuery"_s);
    QCOMPARE(
        details[0].toObject().value("message"_L1).toString(),
        u"Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying."_s);
    QCOMPARE(details[1].toObject().value("code"_L1).toString(), detail);
}

void TestSandboxArm::privateEndpointConnectionRoutes()
{
    auto names = [&]() {
        QStringList out;
        const HttpReply r = get(connectionPath(), m_token);
        for (const QJsonValue &c : r.json().value("value"_L1).toArray())
            out.append(c.toObject().value("name"_L1).toString());
        return out;
    };
    auto put = [&](const QString &name, const QString &status, const QString &description) {
        return m_sandbox->http().sendJson("PUT", m_sandbox->apiUrl(connectionPath(name)),
                                          connectionState(status, description), m_token);
    };
    HttpReply r = get(connectionPath(), m_token);
    QCOMPARE(r.status, 200);
    const QJsonObject web = r.json().value("value"_L1).toArray().first().toObject();
    QCOMPARE(web.value("type"_L1).toString(),
             u"Microsoft.KeyVault/vaults/privateEndpointConnections"_s);
    QCOMPARE(web.value("id"_L1).toString(),
             privateVault() + u"/privateEndpointConnections/pe-web"_s);
    QCOMPARE(names(), (QStringList{u"pe-web"_s, u"pe-partner"_s}));

    r = get(connectionPath(u"pe-partner"_s), m_token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()
                 .value("properties"_L1)
                 .toObject()
                 .value("privateLinkServiceConnectionState"_L1)
                 .toObject()
                 .value("status"_L1)
                 .toString(),
             u"Pending"_s);
    QCOMPARE(get(connectionPath(u"pe-nothing"_s), m_token).status, 204);

    // Approve: the answer is the connection, as the service gives it.
    r = put(u"pe-partner"_s, u"Approved"_s, u"My name is Joe and I'm approving this."_s);
    QCOMPARE(r.status, 200);
    const QJsonObject properties = r.json().value("properties"_L1).toObject();
    QCOMPARE(properties.value("provisioningState"_L1).toString(), u"Succeeded"_s);
    QCOMPARE(properties.value("privateLinkServiceConnectionState"_L1).toObject(),
             (QJsonObject{{u"status"_s, u"Approved"_s},
                          {u"description"_s, u"My name is Joe and I'm approving this."_s},
                          {u"actionsRequired"_s, u"None"_s}}));
    QVERIFY(properties.value("privateEndpoint"_L1)
                .toObject()
                .value("id"_L1)
                .toString()
                .endsWith(u"/providers/Microsoft.Network/privateEndpoints/pe-partner"_s));
    QCOMPARE(r.json().value("name"_L1).toString(), u"pe-partner"_s);
    // The state persists into the vault.
    const arm::Vault vault = arm::VaultSerializer::vaultFromJson(
        get(privateVault() + u"?api-version=2026-02-01"_s, m_token).json());
    const auto connections = vault.properties.privateEndpointConnections.value_or(
        QList<arm::PrivateEndpointConnectionItem>{});
    QCOMPARE(connections.size(), 2);
    QCOMPARE(connections[1].status, std::optional<QString>(u"Approved"_s));

    QCOMPARE(put(u"pe-partner"_s, u"Pending"_s, {}).status, 400);
    QCOMPARE(put(u"pe-nothing"_s, u"Approved"_s, {}).status, 404);
    QCOMPARE(put(u"pe-partner"_s, u"Rejected"_s, u"revoked"_s).status, 200);
    r = put(u"pe-partner"_s, u"Approved"_s, u"again"_s);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"BadRequest"_s);

    r = sendAs(m_sandbox->http(), "DELETE", m_sandbox->apiUrl(connectionPath(u"pe-web"_s)),
               m_token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("properties"_L1).toObject().value("provisioningState"_L1).toString(),
             u"Disconnected"_s);
    QCOMPARE(names(), QStringList{u"pe-partner"_s});
    QCOMPARE(
        sendAs(m_sandbox->http(), "DELETE", m_sandbox->apiUrl(connectionPath(u"pe-web"_s)), m_token)
            .status,
        204);
    QCOMPARE(get(vaultPath(ProductionSubscription, u"rg-security"_s, u"kv-nowhere"_s)
                     + u"/privateEndpointConnections?api-version=2026-02-01"_s,
                 m_token)
                 .status,
             404);
}

void TestSandboxArm::privateEndpointConnectionRights_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("connection");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("action");
    const QString read = u"Microsoft.KeyVault/vaults/privateEndpointConnections/read"_s;
    const QString write = u"Microsoft.KeyVault/vaults/privateEndpointConnections/write"_s;
    const QString erase = u"Microsoft.KeyVault/vaults/privateEndpointConnections/delete"_s;
    const QString erin = u"erin@contoso.example"_s;
    const QString dave = u"dave@contoso.example"_s;
    // Erin is Reader on production: she reads connections but cannot change them.
    QTest::newRow("erin lists") << erin << QByteArray("GET") << QString() << 200 << QString();
    QTest::newRow("erin reads") << erin << QByteArray("GET") << u"pe-partner"_s << 200 << QString();
    QTest::newRow("erin approves") << erin << QByteArray("PUT") << u"pe-partner"_s << 403 << write;
    QTest::newRow("erin deletes") << erin << QByteArray("DELETE") << u"pe-partner"_s << 403
                                  << erase;
    // Dave holds nothing on production.
    QTest::newRow("dave lists") << dave << QByteArray("GET") << QString() << 403 << read;
    QTest::newRow("dave approves") << dave << QByteArray("PUT") << u"pe-partner"_s << 403 << write;
}

void TestSandboxArm::privateEndpointConnectionRights()
{
    QFETCH(QString, user);
    QFETCH(QByteArray, method);
    QFETCH(QString, connection);
    QFETCH(int, status);
    QFETCH(QString, action);
    const QByteArray token = m_sandbox->userToken(user, ArmScope);
    const QUrl url = m_sandbox->apiUrl(connectionPath(connection));
    const HttpReply r =
        method == "PUT"
            ? m_sandbox->http().sendJson(method, url, connectionState(u"Approved"_s, {}), token)
            : sendAs(m_sandbox->http(), method, url, token);
    QCOMPARE(r.status, status);
    if (status != 403)
        return;
    QCOMPARE(r.errorCode(), u"AuthorizationFailed"_s);
    const QString scope = connection.isEmpty()
                              ? privateVault()
                              : privateVault() + u"/privateEndpointConnections/"_s + connection;
    QVERIFY2(r.errorMessage().contains(u"perform action '"_s + action + u"' over scope '"_s + scope
                                       + u"'"_s),
             qPrintable(r.errorMessage()));
}

QTEST_GUILESS_MAIN(TestSandboxArm)
#include "tst_sandboxarm.moc"

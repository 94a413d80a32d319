// SPDX-License-Identifier: GPL-3.0-or-later
#include "arm/ResourceGraphSerializer.h"

#include "TestData.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl::arm;
namespace RGS = vl::arm::ResourceGraphSerializer;

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

QStringList exampleFiles()
{
    const QDir dir(vl::test::testDataPath(u"arm/resourcegraph"_s));
    return dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name);
}

QJsonObject example(const QString &file)
{
    return vl::test::readJsonObject(u"arm/resourcegraph/"_s + file);
}

const QString VaultId =
    u"/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults/kv-apps"_s;

} // namespace

class TestResourceGraphSerializer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void requestRoundTrip_data();
    void requestRoundTrip();
    void responseRoundTrip_data();
    void responseRoundTrip();
    void pagingExamples();
    void tableFormatRows();
    void resultTruncated_data();
    void resultTruncated();
    void vaultSummaryFromRow_data();
    void vaultSummaryFromRow();
    void vaultSummaryRowIsAFixedPoint_data();
    void vaultSummaryRowIsAFixedPoint();
    void inventoryQuery();
    void vaultPage();
};

void TestResourceGraphSerializer::initTestCase()
{
    QCOMPARE(exampleFiles().size(), 4);
}

void TestResourceGraphSerializer::requestRoundTrip_data()
{
    QTest::addColumn<QJsonObject>("json");
    for (const QString &file : exampleFiles())
        QTest::newRow(qPrintable(file))
            << example(file).value("parameters"_L1).toObject().value("query"_L1).toObject();
    QTest::newRow("management groups, table, facets") << parseObject(R"({
        "managementGroups": ["mg1"], "query": "resources | summarize count() by type",
        "options": {"resultFormat": "table", "allowPartialScopes": true,
                    "authorizationScopeFilter": "AtScopeAndAbove", "$top": 1000, "future": 1},
        "facets": [{"expression": "location", "options": {"$top": 3}}]})");
}

void TestResourceGraphSerializer::requestRoundTrip()
{
    QFETCH(QJsonObject, json);
    QVERIFY(json.contains("query"_L1));
    const ResourceGraphRequest request = RGS::requestFromJson(json);
    QVERIFY(!request.query.isEmpty());
    const QJsonObject written = RGS::toJson(request);
    QVERIFY2(written == json, qPrintable(dump(written)));
    QVERIFY(RGS::requestFromJson(written) == request);
}

void TestResourceGraphSerializer::responseRoundTrip_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<int>("rows");
    for (const QString &file : exampleFiles())
        QTest::newRow(qPrintable(file))
            << vl::test::exampleResponseBody(u"arm/resourcegraph/"_s + file) << 3;
}

void TestResourceGraphSerializer::responseRoundTrip()
{
    QFETCH(QJsonObject, json);
    QFETCH(int, rows);
    const ResourceGraphResponse response = RGS::responseFromJson(json);
    const QJsonObject written = RGS::toJson(response);
    QVERIFY2(written == json, qPrintable(dump(written)));
    QVERIFY(RGS::responseFromJson(written) == response);
    QCOMPARE(response.rows().size(), rows);
    QCOMPARE(response.count, std::optional<qint64>(rows));
    QCOMPARE(response.resultTruncated, std::optional<bool>(false));
    QVERIFY(response.facets.has_value() && response.facets->isEmpty());
    QVERIFY(response.extra.isEmpty());
}

void TestResourceGraphSerializer::pagingExamples()
{
    const QJsonObject first = example(u"ResourcesFirstPageQuery.json"_s);
    const ResourceGraphRequest firstRequest =
        RGS::requestFromJson(first.value("parameters"_L1).toObject().value("query"_L1).toObject());
    QCOMPARE(firstRequest.options->top, std::optional<int>(3));
    QCOMPARE(firstRequest.options->skip, std::optional<int>(0));
    QVERIFY(!firstRequest.options->skipToken);
    const ResourceGraphResponse firstAnswer = RGS::responseFromJson(
        vl::test::exampleResponseBody(u"arm/resourcegraph/ResourcesFirstPageQuery.json"_s));
    QCOMPARE(firstAnswer.totalRecords, std::optional<qint64>(386));
    QVERIFY(firstAnswer.hasMore());

    // The next request repeats the query with the token the first answer gave.
    const QJsonObject next = example(u"ResourcesNextPageQuery.json"_s);
    const ResourceGraphRequest nextRequest =
        RGS::requestFromJson(next.value("parameters"_L1).toObject().value("query"_L1).toObject());
    QCOMPARE(nextRequest.query, firstRequest.query);
    QCOMPARE(nextRequest.subscriptions, firstRequest.subscriptions);
    QCOMPARE(nextRequest.options->skipToken, firstAnswer.skipToken);

    const ResourceGraphResponse basic = RGS::responseFromJson(
        vl::test::exampleResponseBody(u"arm/resourcegraph/ResourcesBasicQuery.json"_s));
    QVERIFY(!basic.hasMore());
    QCOMPARE(basic.rows().at(1).value("name"_L1).toString(), u"myVnet"_s);
}

void TestResourceGraphSerializer::tableFormatRows()
{
    const ResourceGraphResponse response = RGS::responseFromJson(parseObject(R"({
        "totalRecords": 2, "count": 2, "resultTruncated": "false",
        "data": {"columns": [{"name": "id", "type": "string"}, {"name": "name", "type": "string"},
                             {"name": "enableRbacAuthorization", "type": "boolean"}],
                 "rows": [["/a", "a", true], ["/b", "b"], "not a row"]}})"));
    const QList<QJsonObject> rows = response.rows();
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(0), parseObject(R"({"id":"/a","name":"a","enableRbacAuthorization":true})"));
    QCOMPARE(rows.at(1), parseObject(R"({"id":"/b","name":"b"})"));
    QVERIFY(RGS::vaultSummaryFromRow(rows.at(0)).usesRbac());
}

void TestResourceGraphSerializer::resultTruncated_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("expected"); // -1: absent
    QTest::newRow("true") << R"({"resultTruncated":"true","data":[]})"_ba << 1;
    QTest::newRow("false") << R"({"resultTruncated":"false","data":[]})"_ba << 0;
    QTest::newRow("missing") << R"({"data":[]})"_ba << -1;
    QTest::newRow("other string kept aside") << R"({"resultTruncated":"maybe"})"_ba << -1;
}

void TestResourceGraphSerializer::resultTruncated()
{
    QFETCH(QByteArray, json);
    QFETCH(int, expected);
    const QJsonObject input = parseObject(json);
    const ResourceGraphResponse response = RGS::responseFromJson(input);
    QCOMPARE(response.resultTruncated.has_value(), expected >= 0);
    if (expected >= 0)
        QCOMPARE(*response.resultTruncated, expected == 1);
    QCOMPARE(RGS::toJson(response), input);
}

void TestResourceGraphSerializer::vaultSummaryFromRow_data()
{
    QTest::addColumn<QByteArray>("row");
    QTest::addColumn<VaultSummary>("expected");

    VaultSummary flat;
    flat.id = VaultId;
    flat.name = u"kv-apps"_s;
    flat.location = u"westeurope"_s;
    flat.resourceGroup = u"rg-apps"_s;
    flat.subscriptionId = u"00000000-0000-0000-0000-00000000000a"_s;
    flat.tenantId = u"tid"_s;
    flat.vaultUri = u"https://kv-apps.vault.azure.net/"_s;
    flat.skuName = u"standard"_s;
    flat.enableRbacAuthorization = true;
    flat.enableSoftDelete = true;
    flat.enablePurgeProtection = false;
    flat.publicNetworkAccess = u"Enabled"_s;
    flat.networkDefaultAction = u"Deny"_s;
    flat.tags = QMap<QString, QString>{{u"env"_s, u"prod"_s}};
    QTest::newRow("inventory columns") << R"({
        "id": "/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults/kv-apps",
        "name": "kv-apps", "location": "westeurope", "resourceGroup": "rg-apps",
        "subscriptionId": "00000000-0000-0000-0000-00000000000a", "tenantId": "tid",
        "tags": {"env": "prod"}, "vaultUri": "https://kv-apps.vault.azure.net/", "skuName": "standard",
        "enableRbacAuthorization": true, "enableSoftDelete": true, "enablePurgeProtection": false,
        "publicNetworkAccess": "Enabled", "networkDefaultAction": "Deny"})"_ba
                                       << flat;

    QTest::newRow("whole Resources row") << R"({
        "id": "/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults/kv-apps",
        "name": "kv-apps", "type": "microsoft.keyvault/vaults", "location": "westeurope",
        "resourceGroup": "rg-apps", "subscriptionId": "00000000-0000-0000-0000-00000000000a",
        "tenantId": "tid", "kind": "", "managedBy": "", "sku": null, "tags": {"env": "prod"},
        "properties": {"tenantId": "other", "vaultUri": "https://kv-apps.vault.azure.net/",
                       "sku": {"family": "A", "name": "standard"},
                       "enableRbacAuthorization": true, "enableSoftDelete": true,
                       "enablePurgeProtection": false, "publicNetworkAccess": "Enabled",
                       "networkAcls": {"defaultAction": "Deny", "bypass": "AzureServices"}}})"_ba
                                         << flat;

    // tostring() of a missing property is "", tobool() null: both read as absent, and the
    // resource group and subscription come from the id.
    VaultSummary sparse;
    sparse.id = VaultId;
    sparse.name = u"kv-apps"_s;
    sparse.resourceGroup = u"rg-apps"_s;
    sparse.subscriptionId = u"00000000-0000-0000-0000-00000000000a"_s;
    QTest::newRow("empty projections") << R"({
        "id": "/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults/kv-apps",
        "name": "kv-apps", "location": "", "vaultUri": "", "enableRbacAuthorization": null,
        "publicNetworkAccess": "", "tags": null})"_ba
                                       << sparse;

    VaultSummary nothing;
    QTest::newRow("empty row") << "{}"_ba << nothing;

    VaultSummary odd;
    odd.name = u"x"_s;
    odd.tags = QMap<QString, QString>{{u"ok"_s, u"yes"_s}};
    QTest::newRow("mistyped members") << R"({"id": 5, "name": "x", "enableSoftDelete": "true",
        "tags": {"ok": "yes", "n": 1}, "properties": "none"})"_ba
                                      << odd;
}

void TestResourceGraphSerializer::vaultSummaryFromRow()
{
    QFETCH(QByteArray, row);
    QFETCH(VaultSummary, expected);
    const VaultSummary actual = RGS::vaultSummaryFromRow(parseObject(row));
    QCOMPARE(actual.id, expected.id);
    QCOMPARE(actual.name, expected.name);
    QCOMPARE(actual.location, expected.location);
    QCOMPARE(actual.resourceGroup, expected.resourceGroup);
    QCOMPARE(actual.subscriptionId, expected.subscriptionId);
    QCOMPARE(actual.tenantId, expected.tenantId);
    QCOMPARE(actual.vaultUri, expected.vaultUri);
    QCOMPARE(actual.skuName, expected.skuName);
    QCOMPARE(actual.enableRbacAuthorization, expected.enableRbacAuthorization);
    QCOMPARE(actual.enableSoftDelete, expected.enableSoftDelete);
    QCOMPARE(actual.enablePurgeProtection, expected.enablePurgeProtection);
    QCOMPARE(actual.publicNetworkAccess, expected.publicNetworkAccess);
    QCOMPARE(actual.networkDefaultAction, expected.networkDefaultAction);
    QCOMPARE(actual.tags, expected.tags);
    QVERIFY(actual == expected);
}

void TestResourceGraphSerializer::vaultSummaryRowIsAFixedPoint_data()
{
    vaultSummaryFromRow_data();
}

void TestResourceGraphSerializer::vaultSummaryRowIsAFixedPoint()
{
    QFETCH(QByteArray, row);
    const VaultSummary once = RGS::vaultSummaryFromRow(parseObject(row));
    const QJsonObject written = RGS::toRow(once);
    QVERIFY(RGS::vaultSummaryFromRow(written) == once);
    QCOMPARE(RGS::toRow(RGS::vaultSummaryFromRow(written)), written);
}

void TestResourceGraphSerializer::inventoryQuery()
{
    const QString query = RGS::vaultInventoryQuery();
    QVERIFY(query.startsWith(u"resources"_s));
    QVERIFY(query.contains(u"type =~ 'microsoft.keyvault/vaults'"_s));
    // Paging with $skipToken needs the id in the projection and a stable order.
    QVERIFY(query.contains(u"| project id,"_s));
    QVERIFY(query.contains(u"order by id"_s));
    // Every column the row mapping reads is projected under its name.
    for (const QString &column :
         {u"name"_s, u"location"_s, u"resourceGroup"_s, u"subscriptionId"_s, u"tenantId"_s,
          u"tags"_s, u"vaultUri ="_s, u"skuName ="_s, u"enableRbacAuthorization ="_s,
          u"enableSoftDelete ="_s, u"enablePurgeProtection ="_s, u"publicNetworkAccess ="_s,
          u"networkDefaultAction ="_s})
        QVERIFY2(query.contains(column), qPrintable(column));
}

void TestResourceGraphSerializer::vaultPage()
{
    const ResourceGraphResponse response = RGS::responseFromJson(parseObject(R"({
        "totalRecords": 5, "count": 2, "resultTruncated": "false", "$skipToken": "next==",
        "facets": [], "data": [
            {"id": "/subscriptions/a/resourceGroups/g/providers/Microsoft.KeyVault/vaults/one", "name": "one"},
            {"id": "/subscriptions/b/resourceGroups/h/providers/Microsoft.KeyVault/vaults/two", "name": "two",
             "enableRbacAuthorization": true}]})"));
    const VaultSummaryPage page = RGS::vaultPageFromResponse(response);
    QCOMPARE(page.vaults.size(), 2);
    QCOMPARE(page.vaults.at(0).subscriptionId, std::optional<QString>(u"a"_s));
    QCOMPARE(page.vaults.at(1).resourceGroup, std::optional<QString>(u"h"_s));
    QVERIFY(!page.vaults.at(0).usesRbac());
    QVERIFY(page.vaults.at(1).usesRbac());
    QCOMPARE(page.skipToken, u"next=="_s);
    QVERIFY(page.hasMore());
    QCOMPARE(page.totalRecords, std::optional<qint64>(5));
    QVERIFY(!page.resultTruncated);

    const VaultSummaryPage last = RGS::vaultPageFromResponse(
        RGS::responseFromJson(parseObject(R"({"count":0,"data":[],"resultTruncated":"true"})")));
    QVERIFY(!last.hasMore());
    QVERIFY(last.vaults.isEmpty());
    QVERIFY(last.resultTruncated);
}

QTEST_GUILESS_MAIN(TestResourceGraphSerializer)
#include "tst_resourcegraphserializer.moc"

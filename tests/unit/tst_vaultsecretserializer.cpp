// SPDX-License-Identifier: GPL-3.0-or-later
#include "vault/ObjectSerializer.h"
#include "vault/SecretSerializer.h"

#include "TestData.h"
#include "VaultTestData.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl::vault;
using vl::Page;
namespace data = vl::test::vaultdata;

namespace {

const QStringList Kinds{u"SecretBundle"_s, u"DeletedSecret"_s, u"SecretPage"_s,
                        u"DeletedSecretPage"_s, u"Backup"_s};

/// Reads @p body as @p kind and writes it back.
QJsonObject rewritten(const QString &kind, const QJsonObject &body)
{
    if (kind == "SecretBundle"_L1)
        return SecretSerializer::toJson(SecretSerializer::bundleFromJson(body));
    if (kind == "DeletedSecret"_L1)
        return SecretSerializer::toJson(SecretSerializer::deletedFromJson(body));
    if (kind == "SecretPage"_L1)
        return SecretSerializer::toJson(SecretSerializer::pageFromJson(body));
    if (kind == "DeletedSecretPage"_L1)
        return SecretSerializer::toJson(SecretSerializer::deletedPageFromJson(body));
    if (kind == "Backup"_L1)
        return ObjectSerializer::toJson(ObjectSerializer::backupFromJson(body));
    return {};
}

/// True when reading what the serializer wrote gives the value it wrote.
bool isFixedPoint(const QString &kind, const QJsonObject &body)
{
    if (kind == "SecretBundle"_L1) {
        const SecretBundle v = SecretSerializer::bundleFromJson(body);
        return SecretSerializer::bundleFromJson(SecretSerializer::toJson(v)) == v;
    }
    if (kind == "DeletedSecret"_L1) {
        const DeletedSecret v = SecretSerializer::deletedFromJson(body);
        return SecretSerializer::deletedFromJson(SecretSerializer::toJson(v)) == v;
    }
    if (kind == "SecretPage"_L1) {
        const auto v = SecretSerializer::pageFromJson(body);
        const auto again = SecretSerializer::pageFromJson(SecretSerializer::toJson(v));
        return again.items == v.items && again.nextLink == v.nextLink;
    }
    if (kind == "DeletedSecretPage"_L1) {
        const auto v = SecretSerializer::deletedPageFromJson(body);
        const auto again = SecretSerializer::deletedPageFromJson(SecretSerializer::toJson(v));
        return again.items == v.items && again.nextLink == v.nextLink;
    }
    if (kind == "Backup"_L1) {
        const BackupBlob v = ObjectSerializer::backupFromJson(body);
        return ObjectSerializer::backupFromJson(ObjectSerializer::toJson(v)) == v;
    }
    return false;
}

QJsonObject exampleBody(const QString &file)
{
    return vl::test::exampleResponseBody(u"vault/"_s + file);
}

QJsonObject exampleRequest(const QString &file)
{
    return vl::test::readJsonObject(u"vault/"_s + file)
        .value("parameters"_L1)
        .toObject()
        .value("parameters"_L1)
        .toObject();
}

} // namespace

class TestVaultSecretSerializer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTrip_data();
    void roundTrip();
    void getSecret_data();
    void getSecret();
    void deletedSecret_data();
    void deletedSecret();
    void listPages_data();
    void listPages();
    void fractionalTimesAreTruncated();
    void emptyAndNullPages_data();
    void emptyAndNullPages();
    void recordedVersionsAcrossPages();
    void setSecretBody_data();
    void setSecretBody();
    void updateSecretBody_data();
    void updateSecretBody();
    void requestsSendOnlyWritableAttributes();
    void restoreBody();
    void valueNeverKeptAsUnknownMember();
    void unknownMembersSurvive();
    void certificateBackingSecret();
};

void TestVaultSecretSerializer::initTestCase()
{
    const QDir dir(vl::test::testDataPath(u"vault"_s));
    QVERIFY2(dir.exists(), qPrintable(u"missing test data directory "_s + dir.path()));
}

void TestVaultSecretSerializer::roundTrip_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QJsonObject>("body");
    int rows = 0;
    for (const data::Payload &p : data::allPayloads()) {
        if (!Kinds.contains(p.kind))
            continue;
        QTest::newRow(qPrintable(p.tag)) << p.kind << p.body;
        ++rows;
    }
    // 7.5: 10 secret examples with a body (purge has none); 7.6: 9 (no backup/restore);
    // recordings: 3 PUT + 3 GET + 3 pages, 2 + 1, and 1 empty page.
    QCOMPARE(rows, 10 + 9 + 9 + 3 + 1);
}

void TestVaultSecretSerializer::roundTrip()
{
    QFETCH(QString, kind);
    QFETCH(QJsonObject, body);

    const QJsonObject expected = data::truncatedNumbers(body).toObject();
    const QJsonObject actual = rewritten(kind, body);
    QVERIFY2(actual == expected, qPrintable(u"expected:\n"_s + data::dump(expected)
                                            + u"\nactual:\n"_s + data::dump(actual)));
    QVERIFY(isFixedPoint(kind, body));
}

void TestVaultSecretSerializer::getSecret_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("7.5") << u"7.5/GetSecret-example.json"_s;
    QTest::newRow("7.6") << u"7.6/GetSecret-example.json"_s;
}

void TestVaultSecretSerializer::getSecret()
{
    QFETCH(QString, file);
    const SecretBundle b = SecretSerializer::bundleFromJson(exampleBody(file));
    QCOMPARE(b.value, std::optional<QString>(u"mysecretvalue"_s));
    QCOMPARE(
        b.properties.id,
        u"https://myvault.vault.azure.net/secrets/mysecretname/4387e9f3d6e14c459867679a90fd0f79"_s);
    QCOMPARE(b.properties.name(), u"mysecretname"_s);
    QCOMPARE(b.properties.version(), u"4387e9f3d6e14c459867679a90fd0f79"_s);
    QVERIFY(b.properties.attributes.has_value());
    QCOMPARE(b.properties.attributes->enabled, std::optional<bool>(true));
    QCOMPARE(b.properties.attributes->created, std::optional<qint64>(1493938410));
    QCOMPARE(b.properties.attributes->recoveryLevel,
             std::optional<QString>(u"Recoverable+Purgeable"_s));
    QVERIFY(b.properties.attributes->isPurgeable());
    QVERIFY(b.properties.isEnabled());
    QVERIFY(!b.properties.keyId.has_value());
    QVERIFY(!b.properties.managed.has_value());
    QVERIFY(b.properties.extra.isEmpty());
}

void TestVaultSecretSerializer::deletedSecret_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &version : {u"7.5"_s, u"7.6"_s}) {
        for (const QString &op : {u"DeleteSecret"_s, u"GetDeletedSecret"_s}) {
            const QString file = version + u'/' + op + u"-example.json"_s;
            QTest::newRow(qPrintable(file)) << file;
        }
    }
}

void TestVaultSecretSerializer::deletedSecret()
{
    QFETCH(QString, file);
    const DeletedSecret d = SecretSerializer::deletedFromJson(exampleBody(file));
    QCOMPARE(d.deletion.recoveryId,
             std::optional<QString>(
                 u"https://myvault.vault.azure.net/deletedsecrets/GetDeletedSecretTest"_s));
    QCOMPARE(d.deletion.deletedDate, std::optional<qint64>(1493938433));
    QCOMPARE(d.deletion.scheduledPurgeDate, std::optional<qint64>(1501714433));
    QCOMPARE(d.properties.name(), u"GetDeletedSecretTest"_s);
    QCOMPARE(d.properties.version(), u"b595353d9c39413d80626575b3b5d865"_s);
    QVERIFY2(d.properties.extra.isEmpty(), qPrintable(data::dump(d.properties.extra)));
    const auto recovery = ObjectId::parse(*d.deletion.recoveryId);
    QVERIFY(recovery.has_value());
    QCOMPARE(recovery->kind, ObjectKind::DeletedSecret);
    QCOMPARE(recovery->name, d.properties.name());
}

void TestVaultSecretSerializer::listPages_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("items");
    QTest::addColumn<bool>("more");
    QTest::addColumn<bool>("versioned");
    for (const QString &version : {u"7.5"_s, u"7.6"_s}) {
        QTest::newRow(qPrintable(version + u"/GetSecrets"_s))
            << QString(version + u"/GetSecrets-example.json"_s) << 1 << true << false;
        QTest::newRow(qPrintable(version + u"/GetSecretVersions"_s))
            << QString(version + u"/GetSecretVersions-example.json"_s) << 1 << true << true;
    }
}

void TestVaultSecretSerializer::listPages()
{
    QFETCH(QString, file);
    QFETCH(int, items);
    QFETCH(bool, more);
    QFETCH(bool, versioned);
    const Page<SecretProperties> page = SecretSerializer::pageFromJson(exampleBody(file));
    QCOMPARE(page.items.size(), items);
    QCOMPARE(page.hasMore(), more);
    // nextLink is followed verbatim: port 443 and the opaque $skiptoken stay as sent.
    QCOMPARE(page.nextLink.port(), 443);
    const QString raw = exampleBody(file).value("nextLink"_L1).toString();
    QCOMPARE(page.nextLink.toString(QUrl::FullyEncoded), raw);
    for (const SecretProperties &item : page.items) {
        // Items of a list of secrets carry the version-less id, items of a list of
        // versions the versioned one; neither ever carries a value.
        QCOMPARE(item.version().isEmpty(), !versioned);
        QVERIFY(!item.name().isEmpty());
        QVERIFY(!item.extra.contains("value"_L1));
    }
}

void TestVaultSecretSerializer::fractionalTimesAreTruncated()
{
    const auto page =
        SecretSerializer::deletedPageFromJson(exampleBody(u"7.6/GetDeletedSecrets-example.json"_s));
    QCOMPARE(page.items.size(), 1);
    const DeletedSecret &d = page.items.first();
    QCOMPARE(d.deletion.deletedDate, std::optional<qint64>(1493937));
    QCOMPARE(d.deletion.scheduledPurgeDate, std::optional<qint64>(1501713855));
    QCOMPARE(d.properties.attributes->created, std::optional<qint64>(1493937));
    QCOMPARE(d.properties.contentType, std::optional<QString>(u"plainText"_s));
    // 7.5 sends the same item with whole seconds (the 7.6 revision's times are garbled).
    const auto page75 =
        SecretSerializer::deletedPageFromJson(exampleBody(u"7.5/GetDeletedSecrets-example.json"_s));
    QCOMPARE(page75.items.size(), 1);
    const DeletedSecret &d75 = page75.items.first();
    QCOMPARE(d75.properties.id, d.properties.id);
    QCOMPARE(d75.deletion.recoveryId, d.deletion.recoveryId);
    QCOMPARE(d75.deletion.deletedDate, std::optional<qint64>(1493937855));
    QCOMPARE(d75.properties.attributes->recoveryLevel, d.properties.attributes->recoveryLevel);
}

void TestVaultSecretSerializer::emptyAndNullPages_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("items");
    QTest::addColumn<QString>("nextLink");
    QTest::newRow("last page") << R"({"value":[],"nextLink":null})"_ba << 0 << QString();
    QTest::newRow("value null (old service)")
        << R"({"value":null,"nextLink":null})"_ba << 0 << QString();
    QTest::newRow("no members") << "{}"_ba << 0 << QString();
    QTest::newRow("empty page, more to come")
        << R"({"value":[],"nextLink":"https://v.vault.azure.net:443/secrets?api-version=7.6&$skiptoken=abc"})"_ba
        << 0 << u"https://v.vault.azure.net:443/secrets?api-version=7.6&$skiptoken=abc"_s;
    QTest::newRow("nextLink empty string")
        << R"({"value":[{"id":"x"}],"nextLink":""})"_ba << 1 << QString();
    QTest::newRow("nextLink not a string")
        << R"({"value":[{"id":"x"}],"nextLink":7})"_ba << 1 << QString();
}

void TestVaultSecretSerializer::emptyAndNullPages()
{
    QFETCH(QByteArray, json);
    QFETCH(int, items);
    QFETCH(QString, nextLink);
    const auto page = SecretSerializer::pageFromJson(QJsonDocument::fromJson(json).object());
    QCOMPARE(page.items.size(), items);
    QCOMPARE(page.nextLink.toString(QUrl::FullyEncoded), nextLink);
    QCOMPARE(page.hasMore(), !nextLink.isEmpty());
}

void TestVaultSecretSerializer::recordedVersionsAcrossPages()
{
    // Three versions set, then listed one per page (maxresults=1) by following nextLink.
    const QJsonArray entries =
        vl::test::readJsonObject(
            u"vault/recordings/recording_can_retrieve_all_versions_of_a_secret_by_page.json"_s)
            .value("Entries"_L1)
            .toArray();
    QSet<QString> created;
    QSet<QString> listed;
    int pages = 0;
    for (const QJsonValue &e : entries) {
        const QJsonObject entry = e.toObject();
        if (entry.value("StatusCode"_L1).toInt() != 200)
            continue;
        const QString method = entry.value("RequestMethod"_L1).toString();
        const QUrl url(entry.value("RequestUri"_L1).toString());
        const QJsonObject body = entry.value("ResponseBody"_L1).toObject();
        if (method == "PUT"_L1) {
            const SecretBundle b = SecretSerializer::bundleFromJson(body);
            QVERIFY(b.value.has_value());
            QCOMPARE(b.properties.attributes->recoverableDays, std::optional<int>(7));
            created.insert(b.properties.version());
        } else if (url.path().endsWith("/versions"_L1)) {
            const auto page = SecretSerializer::pageFromJson(body);
            ++pages;
            QCOMPARE(page.items.size(), 1);
            for (const SecretProperties &item : page.items) {
                QVERIFY(!listed.contains(item.version()));
                listed.insert(item.version());
            }
            QCOMPARE(page.hasMore(), pages < 3);
        }
    }
    QCOMPARE(pages, 3);
    QCOMPARE(created.size(), 3);
    QCOMPARE(listed, created);
}

void TestVaultSecretSerializer::setSecretBody_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("7.5") << u"7.5/SetSecret-example.json"_s;
    QTest::newRow("7.6") << u"7.6/SetSecret-example.json"_s;
}

void TestVaultSecretSerializer::setSecretBody()
{
    QFETCH(QString, file);
    SecretSetParameters parameters;
    parameters.value = u"mysecretvalue"_s;
    QCOMPARE(SecretSerializer::toJson(parameters), exampleRequest(file));

    // What the JS SDK sends: {"value":...,"attributes":{}}.
    parameters.attributes = ObjectAttributes{};
    QCOMPARE(SecretSerializer::toJson(parameters),
             (QJsonObject{{u"value"_s, u"mysecretvalue"_s}, {u"attributes"_s, QJsonObject()}}));
}

void TestVaultSecretSerializer::updateSecretBody_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("7.5") << u"7.5/UpdateSecret-example.json"_s;
    QTest::newRow("7.6") << u"7.6/UpdateSecret-example.json"_s;
}

void TestVaultSecretSerializer::updateSecretBody()
{
    QFETCH(QString, file);
    // The edit a user makes on the answer of the update itself.
    const SecretBundle answer = SecretSerializer::bundleFromJson(exampleBody(file));
    QVERIFY(!answer.value.has_value()); // an update answers without the value
    SecretUpdateParameters parameters;
    parameters.contentType = answer.properties.contentType;
    parameters.tags = answer.properties.tags;
    ObjectAttributes attributes;
    attributes.enabled = answer.properties.attributes->enabled;
    parameters.attributes = attributes;
    QCOMPARE(SecretSerializer::toJson(parameters), exampleRequest(file));
    // Nothing set: an empty PATCH that changes nothing.
    QCOMPARE(SecretSerializer::toJson(SecretUpdateParameters{}), QJsonObject());
}

void TestVaultSecretSerializer::requestsSendOnlyWritableAttributes()
{
    const SecretBundle answer =
        SecretSerializer::bundleFromJson(exampleBody(u"7.5/RestoreSecret-example.json"_s));
    SecretUpdateParameters parameters;
    parameters.attributes = answer.properties.attributes;
    const QJsonObject attributes =
        SecretSerializer::toJson(parameters).value("attributes"_L1).toObject();
    QCOMPARE(attributes,
             (QJsonObject{{u"enabled"_s, true}, {u"nbf"_s, 1262332800}, {u"exp"_s, 1893484800}}));

    SecretSetParameters set;
    set.value = u"v"_s;
    set.contentType = u"text/plain"_s;
    set.tags = Tags{{u"env"_s, u"dev"_s}};
    ObjectAttributes a;
    a.enabled = false;
    a.created = 1;
    a.updated = 2;
    a.recoveryLevel = u"Recoverable"_s;
    a.recoverableDays = 90;
    a.exportable = true;
    set.attributes = a;
    QCOMPARE(SecretSerializer::toJson(set),
             (QJsonObject{{u"value"_s, u"v"_s},
                          {u"contentType"_s, u"text/plain"_s},
                          {u"tags"_s, QJsonObject{{u"env"_s, u"dev"_s}}},
                          {u"attributes"_s, QJsonObject{{u"enabled"_s, false}}}}));
}

void TestVaultSecretSerializer::restoreBody()
{
    const BackupBlob blob =
        ObjectSerializer::backupFromJson(exampleBody(u"7.5/BackupSecret-example.json"_s));
    QVERIFY(blob.value.startsWith("KUF6dXJl"));
    QCOMPARE(ObjectSerializer::toJson(blob), exampleRequest(u"7.5/RestoreSecret-example.json"_s));
    // The blob is base64url: the decoded bytes start with the service's marker.
    QVERIFY(blob.bytes().startsWith(")AzureKeyVaultSecretBackupV1.microsoft.com"));
    QCOMPARE(BackupBlob::fromBytes(blob.bytes()), blob);
}

void TestVaultSecretSerializer::valueNeverKeptAsUnknownMember()
{
    const QJsonObject body{{u"id"_s, u"https://v.vault.azure.net/secrets/s/1"_s},
                           {u"value"_s, u"hunter2"_s},
                           {u"recoveryId"_s, u"https://v.vault.azure.net/deletedsecrets/s"_s}};
    QVERIFY(!SecretSerializer::propertiesFromJson(body).extra.contains("value"_L1));
    const DeletedSecret deleted = SecretSerializer::deletedFromJson(body);
    QVERIFY(!deleted.properties.extra.contains("value"_L1));
    QVERIFY(!SecretSerializer::toJson(deleted).contains("value"_L1));
    const SecretBundle bundle = SecretSerializer::bundleFromJson(body);
    QCOMPARE(bundle.value, std::optional<QString>(u"hunter2"_s));
    QVERIFY(!bundle.properties.extra.contains("value"_L1));
}

void TestVaultSecretSerializer::unknownMembersSurvive()
{
    QJsonObject body = exampleBody(u"7.6/GetSecret-example.json"_s);
    body.insert("previousVersion"_L1, u"0123456789abcdef0123456789abcdef"_s);
    QJsonObject attributes = body.value("attributes"_L1).toObject();
    attributes.insert("newAttribute"_L1, QJsonArray{1, 2});
    body.insert("attributes"_L1, attributes);

    const SecretBundle b = SecretSerializer::bundleFromJson(body);
    QCOMPARE(b.properties.extra.value("previousVersion"_L1).toString(),
             u"0123456789abcdef0123456789abcdef"_s);
    QCOMPARE(b.properties.attributes->extra.value("newAttribute"_L1), QJsonValue(QJsonArray{1, 2}));
    QCOMPARE(SecretSerializer::toJson(b), body);
}

void TestVaultSecretSerializer::certificateBackingSecret()
{
    const QJsonObject body{
        {u"id"_s, u"https://v.vault.azure.net/secrets/cert1/0f0e0d0c0b0a09080706050403020100"_s},
        {u"kid"_s, u"https://v.vault.azure.net/keys/cert1/0f0e0d0c0b0a09080706050403020100"_s},
        {u"managed"_s, true},
        {u"contentType"_s, u"application/x-pkcs12"_s},
        {u"value"_s, u"MIIK"_s}};
    const SecretBundle b = SecretSerializer::bundleFromJson(body);
    QCOMPARE(b.properties.managed, std::optional<bool>(true));
    const auto key = ObjectId::parse(*b.properties.keyId);
    QVERIFY(key.has_value());
    QCOMPARE(key->kind, ObjectKind::Key);
    QCOMPARE(key->name, b.properties.name());
    QCOMPARE(key->version, b.properties.version());
    QCOMPARE(SecretSerializer::toJson(b), body);
}

QTEST_GUILESS_MAIN(TestVaultSecretSerializer)
#include "tst_vaultsecretserializer.moc"

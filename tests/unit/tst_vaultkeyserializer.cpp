// SPDX-License-Identifier: GPL-3.0-or-later
#include "vault/KeySerializer.h"

#include "TestData.h"
#include "VaultTestData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl::vault;
using vl::Page;
namespace data = vl::test::vaultdata;
using data::synthesized;

namespace {

QJsonObject parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

// tests/data/vault/synthesized holds shapes from the 7.5 keys.json definitions (DeletedKeyBundle,
// KeyRotationPolicy) and an EC key as the service writes one; the spec has no example of these.
const QStringList Kinds{u"KeyBundle"_s, u"KeyPage"_s};

QJsonObject rewritten(const QString &kind, const QJsonObject &body)
{
    if (kind == "KeyBundle"_L1)
        return KeySerializer::toJson(KeySerializer::bundleFromJson(body));
    if (kind == "KeyPage"_L1)
        return KeySerializer::toJson(KeySerializer::pageFromJson(body));
    if (kind == "DeletedKey"_L1)
        return KeySerializer::toJson(KeySerializer::deletedFromJson(body));
    if (kind == "RotationPolicy"_L1)
        return KeySerializer::toJson(KeySerializer::rotationPolicyFromJson(body));
    return {};
}

bool isFixedPoint(const QString &kind, const QJsonObject &body)
{
    if (kind == "KeyBundle"_L1) {
        const KeyBundle v = KeySerializer::bundleFromJson(body);
        return KeySerializer::bundleFromJson(KeySerializer::toJson(v)) == v;
    }
    if (kind == "KeyPage"_L1) {
        const auto v = KeySerializer::pageFromJson(body);
        const auto again = KeySerializer::pageFromJson(KeySerializer::toJson(v));
        return again.items == v.items && again.nextLink == v.nextLink;
    }
    if (kind == "DeletedKey"_L1) {
        const DeletedKey v = KeySerializer::deletedFromJson(body);
        return KeySerializer::deletedFromJson(KeySerializer::toJson(v)) == v;
    }
    if (kind == "RotationPolicy"_L1) {
        const KeyRotationPolicy v = KeySerializer::rotationPolicyFromJson(body);
        return KeySerializer::rotationPolicyFromJson(KeySerializer::toJson(v)) == v;
    }
    return false;
}

QJsonObject exampleBody(const QString &file)
{
    return vl::test::exampleResponseBody(u"vault/"_s + file);
}

} // namespace

class TestVaultKeySerializer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void getKey_data();
    void getKey();
    void keyItems_data();
    void keyItems();
    void ecKey();
    void privateParametersDropped();
    void keySize_data();
    void keySize();
    void deletedKey();
    void deletedKeyItem();
    void createKeyBody_data();
    void createKeyBody();
    void createEcKeyBody();
    void updateKeyBody();
    void rotationPolicy();
    void rotationPolicyRequest();
};

void TestVaultKeySerializer::roundTrip_data()
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
    // CreateKey, GetKey, GetKeys in 7.5 and 7.6, GetKeyVersions in 7.5.
    QCOMPARE(rows, 7);
    QTest::newRow("deleted key") << u"DeletedKey"_s << synthesized(u"DeletedKey"_s);
    QTest::newRow("deleted key item") << u"DeletedKey"_s << synthesized(u"DeletedKeyItem"_s);
    QTest::newRow("EC key") << u"KeyBundle"_s << synthesized(u"EcKey"_s);
    QTest::newRow("rotation policy") << u"RotationPolicy"_s << synthesized(u"KeyRotationPolicy"_s);
}

void TestVaultKeySerializer::roundTrip()
{
    QFETCH(QString, kind);
    QFETCH(QJsonObject, body);
    QVERIFY(!body.isEmpty());
    const QJsonObject expected = data::truncatedNumbers(body).toObject();
    const QJsonObject actual = rewritten(kind, body);
    QVERIFY2(actual == expected, qPrintable(u"expected:\n"_s + data::dump(expected)
                                            + u"\nactual:\n"_s + data::dump(actual)));
    QVERIFY(isFixedPoint(kind, body));
}

void TestVaultKeySerializer::getKey_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &version : {u"7.5"_s, u"7.6"_s})
        for (const QString &op : {u"GetKey"_s, u"CreateKey"_s})
            QTest::newRow(qPrintable(version + u'/' + op))
                << QString(version + u'/' + op + u"-example.json"_s);
}

void TestVaultKeySerializer::getKey()
{
    QFETCH(QString, file);
    const KeyBundle b = KeySerializer::bundleFromJson(exampleBody(file));
    QVERIFY(b.jwk.has_value());
    QCOMPARE(
        b.id(),
        u"https://myvault.vault.azure.net/keys/CreateSoftKeyTest/78deebed173b48e48f55abf87ed4cf71"_s);
    QCOMPARE(b.name(), u"CreateSoftKeyTest"_s);
    QCOMPARE(b.version(), u"78deebed173b48e48f55abf87ed4cf71"_s);
    QVERIFY(!b.properties.kid.has_value()); // a bundle's id is in its key
    QCOMPARE(b.jwk->kty, std::optional<QString>(u"RSA"_s));
    QVERIFY(b.jwk->isRsa() && !b.jwk->isEc() && !b.jwk->isHsm());
    QCOMPARE(b.jwk->keySizeBits(), 2048);
    QCOMPARE(b.jwk->exponent(), QByteArray("\x01\x00\x01", 3));
    QCOMPARE(b.jwk->keyOps,
             std::optional<QStringList>({u"encrypt"_s, u"decrypt"_s, u"sign"_s, u"verify"_s,
                                         u"wrapKey"_s, u"unwrapKey"_s}));
    QCOMPARE(b.properties.tags,
             std::optional<Tags>(Tags{{u"purpose"_s, u"unit test"_s},
                                      {u"test name "_s, u"CreateGetDeleteKeyTest"_s}}));
    QCOMPARE(b.properties.attributes->recoveryLevel,
             std::optional<QString>(u"Recoverable+Purgeable"_s));
}

void TestVaultKeySerializer::keyItems_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("versioned");
    QTest::newRow("7.5/GetKeys") << u"7.5/GetKeys-example.json"_s << false;
    QTest::newRow("7.6/GetKeys") << u"7.6/GetKeys-example.json"_s << false;
    QTest::newRow("7.5/GetKeyVersions") << u"7.5/GetKeyVersions-example.json"_s << true;
}

void TestVaultKeySerializer::keyItems()
{
    QFETCH(QString, file);
    QFETCH(bool, versioned);
    const Page<KeyProperties> page = KeySerializer::pageFromJson(exampleBody(file));
    QCOMPARE(page.items.size(), 1);
    QVERIFY(page.hasMore());
    QCOMPARE(page.nextLink.host(), u"myvault.vault.azure.net"_s);
    const KeyItem &item = page.items.first();
    QVERIFY(item.kid.has_value());
    const auto id = ObjectId::parse(*item.kid);
    QVERIFY(id.has_value());
    QCOMPARE(id->kind, ObjectKind::Key);
    QCOMPARE(id->version.isEmpty(), !versioned);
    QVERIFY(item.attributes->enabled.value_or(false));
    QVERIFY(item.attributes->created.has_value());
}

void TestVaultKeySerializer::ecKey()
{
    const KeyBundle b = KeySerializer::bundleFromJson(synthesized(u"EcKey"_s));
    QVERIFY(b.jwk->isEc() && b.jwk->isHsm() && !b.jwk->isRsa());
    QCOMPARE(b.jwk->crv, std::optional<QString>(u"P-384"_s));
    QCOMPARE(b.jwk->keySizeBits(), 384);
    QVERIFY(b.jwk->x && b.jwk->y);
    QVERIFY(b.jwk->modulus().isEmpty());
    QCOMPARE(b.properties.attributes->exportable, std::optional<bool>(false));
    QCOMPARE(b.properties.attributes->hsmPlatform, std::optional<QString>(u"2"_s));
    QVERIFY(b.properties.releasePolicy.has_value());
    QCOMPARE(b.properties.releasePolicy->immutable, std::optional<bool>(false));
    QCOMPARE(b.properties.releasePolicy->data, std::optional<QString>(u"eyJhbnlPZiI6W119"_s));
}

void TestVaultKeySerializer::privateParametersDropped()
{
    QJsonObject key = synthesized(u"EcKey"_s).value("key"_L1).toObject();
    for (const char *name : {"d", "dp", "dq", "qi", "p", "q", "k", "key_hsm"})
        key.insert(QLatin1StringView(name), u"c2VjcmV0"_s);
    key.insert("x5c"_L1, QJsonArray{u"MIIB"_s}); // public, unmodelled: kept
    const JsonWebKey jwk = KeySerializer::jsonWebKeyFromJson(key);
    const QJsonObject written = KeySerializer::toJson(jwk);
    for (const char *name : {"d", "dp", "dq", "qi", "p", "q", "k", "key_hsm"}) {
        QVERIFY2(!jwk.extra.contains(QLatin1StringView(name)), name);
        QVERIFY2(!written.contains(QLatin1StringView(name)), name);
    }
    QCOMPARE(written.value("x5c"_L1).toArray().size(), 1);
    QCOMPARE(written.value("crv"_L1).toString(), u"P-384"_s);
}

void TestVaultKeySerializer::keySize_data()
{
    QTest::addColumn<QString>("kty");
    QTest::addColumn<QString>("crv");
    QTest::addColumn<QByteArray>("modulus");
    QTest::addColumn<int>("bits");
    QTest::newRow("P-256") << u"EC"_s << u"P-256"_s << QByteArray() << 256;
    QTest::newRow("P-256K") << u"EC"_s << u"P-256K"_s << QByteArray() << 256;
    QTest::newRow("P-521") << u"EC-HSM"_s << u"P-521"_s << QByteArray() << 521;
    QTest::newRow("unknown curve") << u"EC"_s << u"X25519"_s << QByteArray() << 0;
    QTest::newRow("RSA 3072") << u"RSA"_s << QString() << QByteArray(384, '\xc1') << 3072;
    QTest::newRow("RSA leading zero byte")
        << u"RSA-HSM"_s << QString() << QByteArray(1, '\0') + QByteArray(256, '\x80') << 2048;
    QTest::newRow("RSA odd size") << u"RSA"_s << QString()
                                  << QByteArray(1, '\x01') + QByteArray(127, '\xff') << 1017;
    QTest::newRow("RSA without modulus") << u"RSA"_s << QString() << QByteArray() << 0;
    QTest::newRow("oct") << u"oct"_s << QString() << QByteArray() << 0;
}

void TestVaultKeySerializer::keySize()
{
    QFETCH(QString, kty);
    QFETCH(QString, crv);
    QFETCH(QByteArray, modulus);
    QFETCH(int, bits);
    JsonWebKey k;
    k.kty = kty;
    if (!crv.isEmpty())
        k.crv = crv;
    if (!modulus.isEmpty())
        k.n = QString::fromLatin1(
            modulus.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    QCOMPARE(k.keySizeBits(), bits);
}

void TestVaultKeySerializer::deletedKey()
{
    const DeletedKey d = KeySerializer::deletedFromJson(synthesized(u"DeletedKey"_s));
    QCOMPARE(
        d.deletion.recoveryId,
        std::optional<QString>(u"https://myvault.vault.azure.net/deletedkeys/CreateSoftKeyTest"_s));
    QCOMPARE(d.deletion.deletedDate, std::optional<qint64>(1493942452));
    QCOMPARE(d.deletion.scheduledPurgeDate, std::optional<qint64>(1501718452));
    QCOMPARE(d.key.name(), u"CreateSoftKeyTest"_s);
    QCOMPARE(d.key.properties.attributes->recoverableDays, std::optional<int>(90));
    QVERIFY(d.key.properties.extra.isEmpty());
}

void TestVaultKeySerializer::deletedKeyItem()
{
    const DeletedKey d = KeySerializer::deletedFromJson(synthesized(u"DeletedKeyItem"_s));
    QVERIFY(!d.key.jwk.has_value());
    QCOMPARE(d.key.id(), u"https://myvault.vault.azure.net/keys/listdeletedkeystest0"_s);
    QCOMPARE(d.key.name(), u"listdeletedkeystest0"_s);
    QVERIFY(d.key.version().isEmpty());
    QCOMPARE(d.key.properties.managed, std::optional<bool>(true));
    const QJsonObject page{{u"value"_s, QJsonArray{synthesized(u"DeletedKeyItem"_s)}},
                           {u"nextLink"_s, QJsonValue::Null}};
    const auto parsed = KeySerializer::deletedPageFromJson(page);
    QCOMPARE(parsed.items.size(), 1);
    QCOMPARE(parsed.items.first(), d);
    QCOMPARE(KeySerializer::toJson(parsed), page);
}

void TestVaultKeySerializer::createKeyBody_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("7.5") << u"7.5/CreateKey-example.json"_s;
    QTest::newRow("7.6") << u"7.6/CreateKey-example.json"_s;
}

void TestVaultKeySerializer::createKeyBody()
{
    QFETCH(QString, file);
    KeyCreateParameters p;
    p.kty = u"RSA"_s;
    p.keySize = 2048;
    p.keyOps = QStringList{u"encrypt"_s, u"decrypt"_s, u"sign"_s,
                           u"verify"_s,  u"wrapKey"_s, u"unwrapKey"_s};
    p.attributes = ObjectAttributes{};
    p.tags = Tags{{u"purpose"_s, u"unit test"_s}, {u"test name "_s, u"CreateGetDeleteKeyTest"_s}};
    const QJsonObject expected = vl::test::readJsonObject(u"vault/"_s + file)
                                     .value("parameters"_L1)
                                     .toObject()
                                     .value("parameters"_L1)
                                     .toObject();
    QVERIFY(!expected.isEmpty());
    QCOMPARE(KeySerializer::toJson(p), expected);
}

void TestVaultKeySerializer::createEcKeyBody()
{
    KeyCreateParameters p;
    p.kty = u"EC"_s;
    p.curve = u"P-256"_s;
    QCOMPARE(KeySerializer::toJson(p), parse(R"({"kty":"EC","crv":"P-256"})"_ba));
    ObjectAttributes a;
    a.exportable = true;
    a.enabled = false;
    a.expires = 1900000000;
    a.created = 5; // read-only, not sent
    p.attributes = a;
    p.publicExponent = 65537;
    QCOMPARE(KeySerializer::toJson(p),
             parse(R"({"kty":"EC","crv":"P-256","public_exponent":65537, )"
                   R"("attributes":{"enabled":false,"exp":1900000000,"exportable":true}})"_ba));
}

void TestVaultKeySerializer::updateKeyBody()
{
    KeyUpdateParameters p;
    QCOMPARE(KeySerializer::toJson(p), QJsonObject());
    p.keyOps = QStringList{u"sign"_s};
    p.tags = Tags{};
    ObjectAttributes a;
    a.enabled = true;
    p.attributes = a;
    QCOMPARE(KeySerializer::toJson(p),
             parse(R"({"key_ops":["sign"],"tags":{},"attributes":{"enabled":true}})"_ba));
}

void TestVaultKeySerializer::rotationPolicy()
{
    const KeyRotationPolicy p =
        KeySerializer::rotationPolicyFromJson(synthesized(u"KeyRotationPolicy"_s));
    QCOMPARE(p.id, std::optional<QString>(
                       u"https://myvault.vault.azure.net/keys/rotateKey/rotationpolicy"_s));
    QVERIFY(p.lifetimeActions.has_value());
    QCOMPARE(p.lifetimeActions->size(), 2);
    QCOMPARE(p.lifetimeActions->at(0).timeAfterCreate, std::optional<QString>(u"P90D"_s));
    QCOMPARE(p.lifetimeActions->at(0).type, std::optional<QString>(u"Rotate"_s));
    QCOMPARE(p.lifetimeActions->at(1).timeBeforeExpiry, std::optional<QString>(u"P30D"_s));
    QCOMPARE(p.lifetimeActions->at(1).type, std::optional<QString>(u"Notify"_s));
    QCOMPARE(p.expiryTime, std::optional<QString>(u"P2Y"_s));
    QCOMPARE(p.created, std::optional<qint64>(1482188947));
    QCOMPARE(p.updated, std::optional<qint64>(1482188948));
}

void TestVaultKeySerializer::rotationPolicyRequest()
{
    // What the service answers, sent back: without the read-only id and times.
    const KeyRotationPolicy answered =
        KeySerializer::rotationPolicyFromJson(synthesized(u"KeyRotationPolicy"_s));
    QCOMPARE(KeySerializer::toRequestJson(answered),
             parse(R"({ )"
                   R"("lifetimeActions": [ )"
                   R"({"trigger": {"timeAfterCreate": "P90D"}, "action": {"type": "Rotate"}}, )"
                   R"({"trigger": {"timeBeforeExpiry": "P30D"}, "action": {"type": "Notify"}} )"
                   R"(], )"
                   R"("attributes": {"expiryTime": "P2Y"}})"_ba));

    // Built from scratch, as an editor does.
    KeyRotationPolicy p;
    KeyLifetimeAction rotate;
    rotate.timeBeforeExpiry = u"P30D"_s;
    rotate.type = u"Rotate"_s;
    p.lifetimeActions = QList<KeyLifetimeAction>{rotate};
    p.expiryTime = u"P1Y"_s;
    QCOMPARE(
        KeySerializer::toRequestJson(p),
        parse(
            R"({ )"
            R"("lifetimeActions": [{"trigger": {"timeBeforeExpiry": "P30D"}, "action": {"type": "Rotate"}}], )"
            R"("attributes": {"expiryTime": "P1Y"}})"_ba));
    // No actions at all is an empty list, not a missing member: it clears the policy.
    p.lifetimeActions = QList<KeyLifetimeAction>{};
    p.expiryTime.reset();
    QCOMPARE(KeySerializer::toRequestJson(p), parse(R"({"lifetimeActions": []})"_ba));
}

QTEST_GUILESS_MAIN(TestVaultKeySerializer)
#include "tst_vaultkeyserializer.moc"

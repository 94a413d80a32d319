// SPDX-License-Identifier: GPL-3.0-or-later
#include "vault/CertificateSerializer.h"

#include "TestData.h"
#include "VaultTestData.h"

#include <QCryptographicHash>
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

// tests/data/vault/synthesized holds shapes from the 7.5 certificates.json definitions (full
// policy, operations, deleted items); the spec has no example of these.
const QStringList Kinds{u"CertificateBundle"_s, u"CertificatePolicy"_s, u"CertificatePage"_s};

QJsonObject rewritten(const QString &kind, const QJsonObject &body)
{
    if (kind == "CertificateBundle"_L1)
        return CertificateSerializer::toJson(CertificateSerializer::bundleFromJson(body));
    if (kind == "CertificatePolicy"_L1)
        return CertificateSerializer::toJson(CertificateSerializer::policyFromJson(body));
    if (kind == "CertificatePage"_L1)
        return CertificateSerializer::toJson(CertificateSerializer::pageFromJson(body));
    if (kind == "DeletedCertificate"_L1)
        return CertificateSerializer::toJson(CertificateSerializer::deletedFromJson(body));
    if (kind == "Operation"_L1)
        return CertificateSerializer::toJson(CertificateSerializer::operationFromJson(body));
    return {};
}

bool isFixedPoint(const QString &kind, const QJsonObject &body)
{
    if (kind == "CertificateBundle"_L1) {
        const auto v = CertificateSerializer::bundleFromJson(body);
        return CertificateSerializer::bundleFromJson(CertificateSerializer::toJson(v)) == v;
    }
    if (kind == "CertificatePolicy"_L1) {
        const auto v = CertificateSerializer::policyFromJson(body);
        return CertificateSerializer::policyFromJson(CertificateSerializer::toJson(v)) == v;
    }
    if (kind == "CertificatePage"_L1) {
        const auto v = CertificateSerializer::pageFromJson(body);
        const auto again = CertificateSerializer::pageFromJson(CertificateSerializer::toJson(v));
        return again.items == v.items && again.nextLink == v.nextLink;
    }
    if (kind == "DeletedCertificate"_L1) {
        const auto v = CertificateSerializer::deletedFromJson(body);
        return CertificateSerializer::deletedFromJson(CertificateSerializer::toJson(v)) == v;
    }
    if (kind == "Operation"_L1) {
        const auto v = CertificateSerializer::operationFromJson(body);
        return CertificateSerializer::operationFromJson(CertificateSerializer::toJson(v)) == v;
    }
    return false;
}

QJsonObject exampleBody(const QString &file)
{
    return vl::test::exampleResponseBody(u"vault/"_s + file);
}

} // namespace

class TestVaultCertificateSerializer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void getCertificate_data();
    void getCertificate();
    void examplePolicy_data();
    void examplePolicy();
    void fullPolicy();
    void policyRequest();
    void createBody();
    void importBody_data();
    void importBody();
    void updateBody();
    void certificateItems_data();
    void certificateItems();
    void deletedCertificate();
    void pendingOperation();
    void failedOperation();
};

void TestVaultCertificateSerializer::roundTrip_data()
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
    // GetCertificate, GetCertificatePolicy, GetCertificates in 7.5 and 7.6, and
    // GetCertificateVersions in 7.5.
    QCOMPARE(rows, 7);
    QTest::newRow("full policy") << u"CertificatePolicy"_s << synthesized(u"CertificatePolicy"_s);
    QTest::newRow("pending operation")
        << u"Operation"_s << synthesized(u"CertificateOperationPending"_s);
    QTest::newRow("failed operation")
        << u"Operation"_s << synthesized(u"CertificateOperationFailed"_s);
    QTest::newRow("deleted certificate item")
        << u"DeletedCertificate"_s << synthesized(u"DeletedCertificateItem"_s);
    QJsonObject deletedBundle = exampleBody(u"7.6/GetCertificate-example.json"_s);
    deletedBundle.insert("recoveryId"_L1,
                         u"https://myvault.vault.azure.net/deletedcertificates/selfSignedCert01"_s);
    deletedBundle.insert("deletedDate"_L1, 1493938300);
    deletedBundle.insert("scheduledPurgeDate"_L1, 1501714300);
    QTest::newRow("deleted certificate bundle") << u"DeletedCertificate"_s << deletedBundle;
}

void TestVaultCertificateSerializer::roundTrip()
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

void TestVaultCertificateSerializer::getCertificate_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("7.5") << u"7.5/GetCertificate-example.json"_s;
    QTest::newRow("7.6") << u"7.6/GetCertificate-example.json"_s;
}

void TestVaultCertificateSerializer::getCertificate()
{
    QFETCH(QString, file);
    const CertificateBundle b = CertificateSerializer::bundleFromJson(exampleBody(file));
    QCOMPARE(b.properties.name(), u"selfSignedCert01"_s);
    QCOMPARE(b.properties.version(), u"f60f2a4f8ae442cfb41ca2090bd4b769"_s);
    // The key and secret that back the version share its name and version.
    for (const auto &[id, kind] :
         {std::pair{b.kid, ObjectKind::Key}, std::pair{b.sid, ObjectKind::Secret}}) {
        QVERIFY(id.has_value());
        const auto parsed = ObjectId::parse(*id);
        QVERIFY(parsed.has_value());
        QCOMPARE(parsed->kind, kind);
        QCOMPARE(parsed->name, b.properties.name());
        QCOMPARE(parsed->version, b.properties.version());
    }
    // cer is DER: a SEQUENCE, and x5t is its SHA-1.
    QVERIFY(b.cer.has_value());
    QCOMPARE(b.cer->size(), 572);
    QCOMPARE(b.cer->left(2), QByteArray("\x30\x82"));
    QCOMPARE(b.properties.thumbprintHex(),
             QString::fromLatin1(
                 QCryptographicHash::hash(*b.cer, QCryptographicHash::Sha1).toHex().toUpper()));
    QCOMPARE(b.properties.thumbprintHex(), u"7CB8B7539D87BA7215357B9B9049DFF2D3FA59BA"_s);
    QCOMPARE(b.properties.attributes->notBefore, std::optional<qint64>(1430344421));
    QCOMPARE(b.properties.attributes->expires, std::optional<qint64>(2208988799));
    QVERIFY(b.policy.has_value());
    QVERIFY(b.policy->id && ObjectId::parse(*b.policy->id)->isCertificatePolicy());
    QVERIFY(b.properties.extra.isEmpty());
}

void TestVaultCertificateSerializer::examplePolicy_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("7.5") << u"7.5/GetCertificatePolicy-example.json"_s;
    QTest::newRow("7.6") << u"7.6/GetCertificatePolicy-example.json"_s;
}

void TestVaultCertificateSerializer::examplePolicy()
{
    QFETCH(QString, file);
    const CertificatePolicy p = CertificateSerializer::policyFromJson(exampleBody(file));
    QCOMPARE(p.id, std::optional<QString>(
                       u"https://myvault.vault.azure.net/certificates/updateCert01/policy"_s));
    QCOMPARE(p.keyProperties->exportable, std::optional<bool>(true));
    QCOMPARE(p.keyProperties->kty, std::optional<QString>(u"RSA"_s));
    QCOMPARE(p.keyProperties->keySize, std::optional<int>(2048));
    QCOMPARE(p.keyProperties->reuseKey, std::optional<bool>(false));
    QCOMPARE(p.secretProperties->contentType, std::optional<QString>(u"application/x-pkcs12"_s));
    QCOMPARE(p.x509Properties->subject, std::optional<QString>(u"CN=KeyVaultTest"_s));
    QCOMPARE(p.x509Properties->ekus, std::optional<QStringList>(QStringList()));
    QCOMPARE(p.x509Properties->validityMonths, std::optional<int>(297));
    QVERIFY(!p.x509Properties->sans.has_value());
    QCOMPARE(p.lifetimeActions->size(), 1);
    QCOMPARE(p.lifetimeActions->first().lifetimePercentage, std::optional<int>(80));
    QCOMPARE(p.lifetimeActions->first().actionType, std::optional<QString>(u"EmailContacts"_s));
    QCOMPARE(p.issuer->name, std::optional<QString>(u"Unknown"_s));
    QCOMPARE(p.attributes->created, std::optional<qint64>(1482188947));
}

void TestVaultCertificateSerializer::fullPolicy()
{
    const CertificatePolicy p =
        CertificateSerializer::policyFromJson(synthesized(u"CertificatePolicy"_s));
    QCOMPARE(p.keyProperties->curve, std::optional<QString>(u"P-256"_s));
    QCOMPARE(p.keyProperties->reuseKey, std::optional<bool>(true));
    QCOMPARE(p.x509Properties->sans->dnsNames,
             std::optional<QStringList>({u"www.contoso.example"_s, u"contoso.example"_s}));
    QCOMPARE(p.x509Properties->sans->emails,
             std::optional<QStringList>(QStringList{u"admin@contoso.example"_s}));
    QCOMPARE(p.x509Properties->sans->upns,
             std::optional<QStringList>(QStringList{u"svc@contoso.example"_s}));
    QCOMPARE(p.x509Properties->keyUsage,
             std::optional<QStringList>({u"digitalSignature"_s, u"keyEncipherment"_s}));
    QCOMPARE(p.x509Properties->ekus->size(), 2);
    QCOMPARE(p.lifetimeActions->at(0).daysBeforeExpiry, std::optional<int>(30));
    QCOMPARE(p.lifetimeActions->at(0).actionType, std::optional<QString>(u"AutoRenew"_s));
    QCOMPARE(p.lifetimeActions->at(1).lifetimePercentage, std::optional<int>(90));
    QCOMPARE(p.issuer->certificateType, std::optional<QString>(u"OV-SSL"_s));
    QCOMPARE(p.issuer->certificateTransparency, std::optional<bool>(false));
}

void TestVaultCertificateSerializer::policyRequest()
{
    const CertificatePolicy p =
        CertificateSerializer::policyFromJson(synthesized(u"CertificatePolicy"_s));
    QJsonObject expected = synthesized(u"CertificatePolicy"_s);
    expected.remove("id"_L1);
    expected.insert("attributes"_L1, QJsonObject{{u"enabled"_s, true}});
    QCOMPARE(CertificateSerializer::toRequestJson(p), expected);
}

void TestVaultCertificateSerializer::createBody()
{
    // The body the JS SDK sends for a self-signed certificate (PROTOCOL.md §9).
    CertificateCreateParameters c;
    c.policy.keyProperties = CertificateKeyProperties{};
    c.policy.secretProperties = CertificateSecretProperties{};
    X509Properties x509;
    x509.subject = u"CN=demo"_s;
    x509.sans = SubjectAlternativeNames{};
    x509.validityMonths = 12;
    c.policy.x509Properties = x509;
    IssuerParameters issuer;
    issuer.name = u"Self"_s;
    c.policy.issuer = issuer;
    c.policy.attributes = ObjectAttributes{};
    c.attributes = ObjectAttributes{};
    QCOMPARE(
        CertificateSerializer::toJson(c),
        parse(
            R"({"policy":{"key_props":{}, )"
            R"("secret_props":{},"x509_props":{"subject":"CN=demo","sans":{},"validity_months":12}, )"
            R"("issuer":{"name":"Self"},"attributes":{}},"attributes":{}})"_ba));

    CertificateCreateParameters withTags;
    withTags.policy = CertificateSerializer::policyFromJson(synthesized(u"CertificatePolicy"_s));
    withTags.tags = Tags{{u"owner"_s, u"web"_s}};
    const QJsonObject body = CertificateSerializer::toJson(withTags);
    QCOMPARE(body.value("tags"_L1).toObject(), (QJsonObject{{u"owner"_s, u"web"_s}}));
    QVERIFY(!body.value("policy"_L1).toObject().contains("id"_L1));
}

void TestVaultCertificateSerializer::importBody_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<std::optional<QString>>("password");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("PFX with password") << u"MIIKQQIBAzCCCf0G"_s << std::optional<QString>(u"p@ss"_s)
                                       << R"({"value":"MIIKQQIBAzCCCf0G","pwd":"p@ss"})"_ba;
    QTest::newRow("PFX, empty password")
        << u"MIIKQQIBAzCCCf0G"_s << std::optional<QString>(QString())
        << R"({"value":"MIIKQQIBAzCCCf0G","pwd":""})"_ba;
    QTest::newRow("PEM")
        << u"-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"_s
        << std::optional<QString>()
        << R"({"value":"-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"})"_ba;
}

void TestVaultCertificateSerializer::importBody()
{
    QFETCH(QString, value);
    QFETCH(std::optional<QString>, password);
    QFETCH(QByteArray, expected);
    CertificateImportParameters p;
    p.value = value;
    p.password = password;
    QCOMPARE(CertificateSerializer::toJson(p), parse(expected));

    // A PEM import says so in the policy's secret properties.
    CertificatePolicy policy;
    policy.secretProperties = CertificateSecretProperties{u"application/x-pem-file"_s, {}};
    p.policy = policy;
    ObjectAttributes a;
    a.enabled = true;
    a.updated = 1;
    p.attributes = a;
    const QJsonObject body = CertificateSerializer::toJson(p);
    QCOMPARE(body.value("policy"_L1).toObject(),
             parse(R"({"secret_props":{"contentType":"application/x-pem-file"}})"_ba));
    QCOMPARE(body.value("attributes"_L1).toObject(), (QJsonObject{{u"enabled"_s, true}}));
}

void TestVaultCertificateSerializer::updateBody()
{
    QCOMPARE(CertificateSerializer::toJson(CertificateUpdateParameters{}), QJsonObject());
    CertificateUpdateParameters p;
    ObjectAttributes a;
    a.enabled = false;
    p.attributes = a;
    p.tags = Tags{{u"a"_s, u"b"_s}};
    QCOMPARE(CertificateSerializer::toJson(p),
             parse(R"({"attributes":{"enabled":false},"tags":{"a":"b"}})"_ba));
}

void TestVaultCertificateSerializer::certificateItems_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("versioned");
    QTest::newRow("7.5/GetCertificates") << u"7.5/GetCertificates-example.json"_s << false;
    QTest::newRow("7.6/GetCertificates") << u"7.6/GetCertificates-example.json"_s << false;
    QTest::newRow("7.5/GetCertificateVersions")
        << u"7.5/GetCertificateVersions-example.json"_s << true;
}

void TestVaultCertificateSerializer::certificateItems()
{
    QFETCH(QString, file);
    QFETCH(bool, versioned);
    const Page<CertificateProperties> page = CertificateSerializer::pageFromJson(exampleBody(file));
    QCOMPARE(page.items.size(), 2);
    QVERIFY(!page.hasMore());
    for (const CertificateItem &item : page.items) {
        QVERIFY(!item.name().isEmpty());
        QCOMPARE(item.version().isEmpty(), !versioned);
        QCOMPARE(item.x5t, std::optional<QString>(u"fLi3U52HunIVNXubkEnf8tP6Wbo"_s));
        QVERIFY(item.attributes->expires.has_value());
    }
}

void TestVaultCertificateSerializer::deletedCertificate()
{
    const DeletedCertificate d =
        CertificateSerializer::deletedFromJson(synthesized(u"DeletedCertificateItem"_s));
    QCOMPARE(d.deletion.recoveryId,
             std::optional<QString>(
                 u"https://myvault.vault.azure.net/deletedcertificates/listDeletedCert01"_s));
    QCOMPARE(d.deletion.deletedDate, std::optional<qint64>(1493937855));
    QCOMPARE(d.certificate.properties.name(), u"listDeletedCert01"_s);
    QCOMPARE(d.certificate.properties.tags, std::optional<Tags>(Tags{{u"env"_s, u"dev"_s}}));
    QVERIFY(!d.certificate.cer.has_value());
    QVERIFY(!d.certificate.policy.has_value());
    QVERIFY(d.certificate.properties.extra.isEmpty());
    const QJsonObject page{{u"value"_s, QJsonArray{synthesized(u"DeletedCertificateItem"_s)}},
                           {u"nextLink"_s, QJsonValue::Null}};
    const auto parsed = CertificateSerializer::deletedPageFromJson(page);
    QCOMPARE(parsed.items.size(), 1);
    QCOMPARE(parsed.items.first(), d);
    QCOMPARE(CertificateSerializer::toJson(parsed), page);
}

void TestVaultCertificateSerializer::pendingOperation()
{
    const CertificateOperation op =
        CertificateSerializer::operationFromJson(synthesized(u"CertificateOperationPending"_s));
    QVERIFY(op.isInProgress());
    QVERIFY(ObjectId::parse(*op.id)->isPendingOperation());
    QCOMPARE(op.issuer->name, std::optional<QString>(u"Self"_s));
    QVERIFY(op.csr.has_value());
    QCOMPARE(op.csr->left(2), QByteArray("\x30\x82"));
    QCOMPARE(op.cancellationRequested, std::optional<bool>(false));
    QCOMPARE(op.requestId, std::optional<QString>(u"a2f7c45a1f5a4d7d9bb6e85b1c33ea5d"_s));
    QVERIFY(!op.error.has_value());
    QVERIFY(!op.target.has_value());
}

void TestVaultCertificateSerializer::failedOperation()
{
    const CertificateOperation op =
        CertificateSerializer::operationFromJson(synthesized(u"CertificateOperationFailed"_s));
    QVERIFY(!op.isInProgress());
    QCOMPARE(op.status, std::optional<QString>(u"failed"_s));
    QVERIFY(op.error.has_value());
    QCOMPARE(op.error->code, std::optional<QString>(u"CertificateCancelled"_s));
    QCOMPARE(op.error->innerCode(), u"Cancelled"_s);
    QCOMPARE(op.target,
             std::optional<QString>(u"https://myvault.vault.azure.net/certificates/web"_s));
    QVERIFY(!op.csr.has_value());
}

QTEST_GUILESS_MAIN(TestVaultCertificateSerializer)
#include "tst_vaultcertificateserializer.moc"

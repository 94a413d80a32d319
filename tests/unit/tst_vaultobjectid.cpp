// SPDX-License-Identifier: GPL-3.0-or-later
#include "vault/ObjectId.h"

#include "VaultTestData.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl::vault;

Q_DECLARE_METATYPE(vl::vault::ObjectKind)

class TestVaultObjectId : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void rejects_data();
    void rejects();
    void toStringRoundTrip_data();
    void toStringRoundTrip();
    void versionless();
    void certificateParts();
    void collections_data();
    void collections();
    void fixtureIds_data();
    void fixtureIds();
};

void TestVaultObjectId::parse_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("vault");
    QTest::addColumn<ObjectKind>("kind");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("version");

    const QString v = u"https://myvault.vault.azure.net/"_s;
    QTest::newRow("secret, versioned")
        << u"https://myvault.vault.azure.net/secrets/crpsecret/03bcccc7c8cf4546a0e3e21e52560441"_s
        << v << ObjectKind::Secret << u"crpsecret"_s << u"03bcccc7c8cf4546a0e3e21e52560441"_s;
    QTest::newRow("secret, version-less (list item)")
        << u"https://myvault.vault.azure.net/secrets/listsecrettest0"_s << v << ObjectKind::Secret
        << u"listsecrettest0"_s << QString();
    QTest::newRow("trailing slash names the latest version")
        << u"https://vaultname.vault.azure.net/secrets/livekvtestsecretc8e42d6b/"_s
        << u"https://vaultname.vault.azure.net/"_s << ObjectKind::Secret
        << u"livekvtestsecretc8e42d6b"_s << QString();
    QTest::newRow("key")
        << u"https://myvault.vault.azure.net/keys/CreateSoftKeyTest/78deebed173b48e48f55abf87ed4cf71"_s
        << v << ObjectKind::Key << u"CreateSoftKeyTest"_s << u"78deebed173b48e48f55abf87ed4cf71"_s;
    QTest::newRow("certificate")
        << u"https://myvault.vault.azure.net/certificates/selfSignedCert01/f60f2a4f8ae442cfb41ca2090bd4b769"_s
        << v << ObjectKind::Certificate << u"selfSignedCert01"_s
        << u"f60f2a4f8ae442cfb41ca2090bd4b769"_s;
    QTest::newRow("deleted secret (recoveryId)")
        << u"https://myvault.vault.azure.net/deletedsecrets/GetDeletedSecretTest"_s << v
        << ObjectKind::DeletedSecret << u"GetDeletedSecretTest"_s << QString();
    QTest::newRow("deleted key") << u"https://myvault.vault.azure.net/deletedkeys/k1"_s << v
                                 << ObjectKind::DeletedKey << u"k1"_s << QString();
    QTest::newRow("deleted certificate")
        << u"https://myvault.vault.azure.net/deletedcertificates/c1"_s << v
        << ObjectKind::DeletedCertificate << u"c1"_s << QString();
    QTest::newRow("explicit port 443 is kept (nextLink style)")
        << u"https://myvault.vault.azure.net:443/secrets/s1/abc"_s
        << u"https://myvault.vault.azure.net:443/"_s << ObjectKind::Secret << u"s1"_s << u"abc"_s;
    QTest::newRow("sandbox vault origin")
        << u"https://127.0.0.1:44123/secrets/db-password/0123456789abcdef0123456789abcdef"_s
        << u"https://127.0.0.1:44123/"_s << ObjectKind::Secret << u"db-password"_s
        << u"0123456789abcdef0123456789abcdef"_s;
    QTest::newRow("managed HSM host")
        << u"https://myhsm.managedhsm.azure.net/keys/hsmkey/1"_s
        << u"https://myhsm.managedhsm.azure.net/"_s << ObjectKind::Key << u"hsmkey"_s << u"1"_s;
    QTest::newRow("collection case-insensitive") << u"https://myvault.vault.azure.net/Secrets/s1"_s
                                                 << v << ObjectKind::Secret << u"s1"_s << QString();
    QTest::newRow("certificate policy")
        << u"https://myvault.vault.azure.net/certificates/c/policy"_s << v
        << ObjectKind::Certificate << u"c"_s << u"policy"_s;
}

void TestVaultObjectId::parse()
{
    QFETCH(QString, id);
    QFETCH(QString, vault);
    QFETCH(ObjectKind, kind);
    QFETCH(QString, name);
    QFETCH(QString, version);

    const auto parsed = ObjectId::parse(id);
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->vaultUrl.toString(), vault);
    QCOMPARE(parsed->kind, kind);
    QCOMPARE(parsed->name, name);
    QCOMPARE(parsed->version, version);
}

void TestVaultObjectId::rejects_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("empty") << QString();
    QTest::newRow("relative") << u"/secrets/s1/v"_s;
    QTest::newRow("no scheme") << u"myvault.vault.azure.net/secrets/s1"_s;
    QTest::newRow("ftp") << u"ftp://myvault.vault.azure.net/secrets/s1"_s;
    QTest::newRow("vault only") << u"https://myvault.vault.azure.net/"_s;
    QTest::newRow("collection only") << u"https://myvault.vault.azure.net/secrets"_s;
    QTest::newRow("collection and slash") << u"https://myvault.vault.azure.net/secrets/"_s;
    QTest::newRow("unknown collection") << u"https://myvault.vault.azure.net/storage/s1"_s;
    QTest::newRow("too many segments") << u"https://myvault.vault.azure.net/secrets/s1/v/x"_s;
    QTest::newRow("empty name") << u"https://myvault.vault.azure.net/secrets//v"_s;
    QTest::newRow("query") << u"https://myvault.vault.azure.net/secrets/s1?api-version=7.6"_s;
    QTest::newRow("fragment") << u"https://myvault.vault.azure.net/secrets/s1#x"_s;
    QTest::newRow("user info") << u"https://u:p@myvault.vault.azure.net/secrets/s1"_s;
    QTest::newRow("deleted with a version")
        << u"https://myvault.vault.azure.net/deletedsecrets/s1/v"_s;
    QTest::newRow("garbage") << u"::not a url::"_s;
}

void TestVaultObjectId::rejects()
{
    QFETCH(QString, id);
    QVERIFY(!ObjectId::parse(id).has_value());
}

void TestVaultObjectId::toStringRoundTrip_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("versioned") << u"https://myvault.vault.azure.net/secrets/crpsecret/03bc"_s;
    QTest::newRow("version-less") << u"https://myvault.vault.azure.net/keys/k1"_s;
    QTest::newRow("port") << u"https://127.0.0.1:44123/certificates/c1/abc"_s;
    QTest::newRow("deleted") << u"https://myvault.vault.azure.net/deletedcertificates/c1"_s;
}

void TestVaultObjectId::toStringRoundTrip()
{
    QFETCH(QString, id);
    const auto parsed = ObjectId::parse(id);
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->toString(), id);
    QCOMPARE(ObjectId::parse(parsed->toString()), parsed);
}

void TestVaultObjectId::versionless()
{
    const auto parsed = ObjectId::parse(u"https://myvault.vault.azure.net/secrets/s1/abc"_s);
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->versionless().toString(), u"https://myvault.vault.azure.net/secrets/s1"_s);
    QVERIFY(!parsed->isDeleted());
}

void TestVaultObjectId::certificateParts()
{
    const auto policy = ObjectId::parse(u"https://myvault.vault.azure.net/certificates/c/policy"_s);
    QVERIFY(policy && policy->isCertificatePolicy() && !policy->isPendingOperation());
    const auto pending =
        ObjectId::parse(u"https://myvault.vault.azure.net/certificates/c/pending"_s);
    QVERIFY(pending && pending->isPendingOperation() && !pending->isCertificatePolicy());
    const auto secret = ObjectId::parse(u"https://myvault.vault.azure.net/secrets/c/pending"_s);
    QVERIFY(secret && !secret->isPendingOperation());
    const auto deleted = ObjectId::parse(u"https://myvault.vault.azure.net/deletedkeys/k"_s);
    QVERIFY(deleted && deleted->isDeleted());
}

void TestVaultObjectId::collections_data()
{
    QTest::addColumn<ObjectKind>("kind");
    QTest::addColumn<QString>("segment");
    QTest::newRow("secrets") << ObjectKind::Secret << u"secrets"_s;
    QTest::newRow("keys") << ObjectKind::Key << u"keys"_s;
    QTest::newRow("certificates") << ObjectKind::Certificate << u"certificates"_s;
    QTest::newRow("deletedsecrets") << ObjectKind::DeletedSecret << u"deletedsecrets"_s;
    QTest::newRow("deletedkeys") << ObjectKind::DeletedKey << u"deletedkeys"_s;
    QTest::newRow("deletedcertificates")
        << ObjectKind::DeletedCertificate << u"deletedcertificates"_s;
}

void TestVaultObjectId::collections()
{
    QFETCH(ObjectKind, kind);
    QFETCH(QString, segment);
    QCOMPARE(collectionName(kind), segment);
    QCOMPARE(kindFromCollection(segment), std::optional<ObjectKind>(kind));
    QCOMPARE(kindFromCollection(segment.toUpper()), std::optional<ObjectKind>(kind));
}

namespace {

/// Every identifier member (id, kid, sid, recoveryId) anywhere in @p v, with its JSON path.
void collectIds(const QJsonValue &v, const QString &path, QList<std::pair<QString, QString>> &out)
{
    static const QStringList Members{u"id"_s, u"kid"_s, u"sid"_s, u"recoveryId"_s};
    if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            collectIds(a.at(i), path + u'[' + QString::number(i) + u']', out);
    } else if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (Members.contains(it.key()) && it.value().isString())
                out.append({path + u'.' + it.key(), it.value().toString()});
            else
                collectIds(it.value(), path + u'.' + it.key(), out);
        }
    }
}

} // namespace

void TestVaultObjectId::fixtureIds_data()
{
    QTest::addColumn<QString>("id");
    QList<std::pair<QString, QString>> ids;
    for (const auto &payload : vl::test::vaultdata::allPayloads())
        collectIds(payload.body, payload.tag, ids);
    for (const auto &[path, id] : ids)
        QTest::newRow(qPrintable(path)) << id;
    QVERIFY(ids.size() > 50);
}

void TestVaultObjectId::fixtureIds()
{
    QFETCH(QString, id);
    const auto parsed = ObjectId::parse(id);
    QVERIFY2(parsed.has_value(), qPrintable(id));
    // Spec examples use myvault, the SDK recordings their sanitized vault names.
    QVERIFY(parsed->vaultUrl.host().endsWith(".vault.azure.net"_L1));
    QVERIFY(!parsed->name.isEmpty());
    QCOMPARE(ObjectId::parse(parsed->toString()), parsed);
    if (parsed->isCertificatePolicy())
        return;
    // Versions are 32 lower-case hex characters.
    if (!parsed->version.isEmpty())
        QVERIFY2(QRegularExpression(u"^[0-9a-f]{32}$"_s).match(parsed->version).hasMatch(),
                 qPrintable(parsed->version));
}

QTEST_GUILESS_MAIN(TestVaultObjectId)
#include "tst_vaultobjectid.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "OpenSslCheck.h"
#include "SandboxFixture.h"
#include "auth/Base64Url.h"
#include "crypto/JwkImport.h"
#include "crypto/KeyPair.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using sandbox::KeyPair;
using vl::base64UrlDecode;
using vl::base64UrlEncode;
using namespace vl::test::OpenSslCheck;

namespace {

QString b64u(const QByteArray &data)
{
    return QString::fromLatin1(base64UrlEncode(data));
}

QByteArray unb64u(const QJsonValue &v)
{
    return base64UrlDecode(v.toString().toLatin1()).value_or(QByteArray());
}

QByteArray sha(const QByteArray &data, QCryptographicHash::Algorithm algorithm)
{
    return QCryptographicHash::hash(data, algorithm);
}

} // namespace

/// The Key Vault data plane of the sandbox, keys, over real HTTPS.
class TestSandboxKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void createGetListAndVersions();
    void missingKeyIs404();
    void createParameters_data();
    void createParameters();
    void importJsonWebKeys();
    void updateAndDisabledKey();
    void rsaRoundTrips_data();
    void rsaRoundTrips();
    void ecSignAndVerify_data();
    void ecSignAndVerify();
    void signaturesVerifyWithOpenSsl();
    void keyOpsRestrictOperations();
    void expiredKeyStillVerifies();
    void badCryptoRequests_data();
    void badCryptoRequests();
    void rbacReaderMayUsePublicKeyOperations();
    void rbacReaderMayNotUsePrivateKeyOperations();
    void rbacReaderWrapsWithTheSeededKek();
    void accessPolicyIsPerOperation();
    void softDeleteRecoverAndPurge();
    void purgeProtectionRefusesPurge();
    void backupAndRestore();
    void rotationPolicy();
    void rotateMakesANewVersion();
    void releaseNeedsAttestation();
    void demoSeedKeys();
    void hsmKeysInAPremiumVault();

private:
    QUrl url(const QString &path, const QString &vault = u"kv-contoso-dev"_s) const
    {
        return m_sandbox->vaultUrl(vault, path);
    }
    HttpReply post(const QString &path, const QJsonObject &body,
                   const QString &vault = u"kv-contoso-dev"_s, const QByteArray &token = {})
    {
        return m_sandbox->http().sendJson("POST", url(path, vault), body,
                                          token.isEmpty() ? m_token : token);
    }
    HttpReply send(const QByteArray &method, const QString &path,
                   const QString &vault = u"kv-contoso-dev"_s)
    {
        return m_sandbox->http().send(method, url(path, vault), {},
                                      {{"Authorization", "Bearer " + m_token}});
    }
    /// Creates a key and answers its KeyBundle (empty on failure).
    QJsonObject create(const QString &name, const QJsonObject &body,
                       const QString &vault = u"kv-contoso-dev"_s)
    {
        const HttpReply r = post(u"/keys/"_s + name + u"/create"_s, body, vault);
        return r.status == 200 ? r.json() : QJsonObject{};
    }

    std::unique_ptr<SandboxFixture> m_sandbox;
    QByteArray m_token;
};

void TestSandboxKeys::initTestCase()
{
    m_sandbox = std::make_unique<SandboxFixture>();
    QVERIFY2(m_sandbox->isRunning(), qPrintable(m_sandbox->startError()));
    m_token = m_sandbox->automationToken();
    QVERIFY(!m_token.isEmpty());
}

void TestSandboxKeys::createGetListAndVersions()
{
    const QJsonObject first =
        create(u"app-key"_s, QJsonObject{{u"kty"_s, u"RSA"_s},
                                         {u"key_size"_s, 2048},
                                         {u"key_ops"_s, QJsonArray{u"encrypt"_s, u"decrypt"_s}},
                                         {u"tags"_s, QJsonObject{{u"team"_s, u"payments"_s}}}});
    QVERIFY(!first.isEmpty());
    const QJsonObject jwk = first.value("key"_L1).toObject();
    const QString kid = jwk.value("kid"_L1).toString();
    QVERIFY(kid.startsWith(m_sandbox->vaultOrigin(u"kv-contoso-dev"_s) + u"/keys/app-key/"_s));
    QCOMPARE(kid.section(u'/', -1).size(), 32);
    QCOMPARE(jwk.value("kty"_L1).toString(), u"RSA"_s);
    QCOMPARE(jwk.value("key_ops"_L1).toArray(), (QJsonArray{u"encrypt"_s, u"decrypt"_s}));
    QCOMPARE(unb64u(jwk.value("n"_L1)).size(), 256);
    QCOMPARE(jwk.value("e"_L1).toString(), u"AQAB"_s);
    for (const char *secret : {"d", "p", "q", "dp", "dq", "qi"})
        QVERIFY2(!jwk.contains(QLatin1StringView(secret)), secret);
    QCOMPARE(first[u"attributes"_s][u"recoveryLevel"_s].toString(), u"Recoverable+Purgeable"_s);
    QCOMPARE(first[u"attributes"_s][u"recoverableDays"_s].toInt(), 90);
    QCOMPARE(first[u"tags"_s][u"team"_s].toString(), u"payments"_s);
    QVERIFY(!first.contains("managed"_L1));

    const QJsonObject second = create(u"app-key"_s, QJsonObject{{u"kty"_s, u"RSA"_s}});
    QCOMPARE(second[u"key"_s][u"key_ops"_s].toArray().size(), 6); // the service's default
    HttpReply r = m_sandbox->http().get(url(u"/keys/app-key/"_s), m_token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[u"key"_s][u"kid"_s], second[u"key"_s][u"kid"_s]);
    r = m_sandbox->http().get(url(u"/keys/app-key/"_s + kid.section(u'/', -1)), m_token);
    QCOMPARE(r.json()[u"key"_s][u"n"_s], jwk.value("n"_L1));

    r = m_sandbox->http().get(url(u"/keys/app-key/versions"_s), m_token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("value"_L1).toArray().size(), 2);
    QVERIFY(r.json().value("nextLink"_L1).isNull());
    r = m_sandbox->http().get(url(u"/keys"_s), m_token);
    QVERIFY(r.json()
                .value("value"_L1)
                .toArray()
                .contains(QJsonValue(QJsonObject{
                    {u"kid"_s,
                     QString(m_sandbox->vaultOrigin(u"kv-contoso-dev"_s) + u"/keys/app-key"_s)},
                    {u"attributes"_s, second.value("attributes"_L1)}})));
}

void TestSandboxKeys::missingKeyIs404()
{
    HttpReply r = m_sandbox->http().get(url(u"/keys/no-such-key"_s), m_token);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), u"KeyNotFound"_s);
    QVERIFY(r.errorMessage().startsWith(
        u"A key with (name/id) no-such-key was not found in this key vault."_s));
    create(u"versioned-key"_s, QJsonObject{{u"kty"_s, u"EC"_s}});
    r = m_sandbox->http().get(url(u"/keys/versioned-key/0123456789abcdef0123456789abcdef"_s),
                              m_token);
    QCOMPARE(r.status, 404);
    QVERIFY(r.errorMessage().startsWith(
        u"A key with (name/id) versioned-key/0123456789abcdef0123456789abcdef was not found"_s));
    // As for secrets: the versions of a missing key are an empty list.
    r = m_sandbox->http().get(url(u"/keys/no-such-key/versions"_s), m_token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("value"_L1).toArray().size(), 0);
}

void TestSandboxKeys::createParameters_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("messagePart");
    auto row = [](const char *name, const QJsonObject &body, int status, const QString &part) {
        QTest::newRow(name) << body << status << part;
    };
    row("RSA 3072", {{u"kty"_s, u"RSA"_s}, {u"key_size"_s, 3072}}, 200, {});
    row("EC P-384", {{u"kty"_s, u"EC"_s}, {u"crv"_s, u"P-384"_s}}, 200, {});
    row("EC P-256K", {{u"kty"_s, u"EC"_s}, {u"crv"_s, u"P-256K"_s}}, 200, {});
    row("oct is Managed HSM only", {{u"kty"_s, u"oct"_s}}, 400, u"Managed HSM"_s);
    row("HSM in a standard vault", {{u"kty"_s, u"RSA-HSM"_s}}, 400,
        u"Hardware key operation not allowed on standard vault"_s);
    row("no kty", {{u"key_size"_s, 2048}}, 400, u"kty"_s);
    row("RSA 1024", {{u"kty"_s, u"RSA"_s}, {u"key_size"_s, 1024}}, 400, u"1024"_s);
    row("unknown curve", {{u"kty"_s, u"EC"_s}, {u"crv"_s, u"P-192"_s}}, 400, u"P-192"_s);
    row("unknown key_ops", {{u"kty"_s, u"RSA"_s}, {u"key_ops"_s, QJsonArray{u"fly"_s}}}, 400,
        u"fly"_s);
    row("exportable without release policy",
        {{u"kty"_s, u"RSA"_s}, {u"attributes"_s, QJsonObject{{u"exportable"_s, true}}}}, 400,
        u"release policy"_s);
}

void TestSandboxKeys::createParameters()
{
    QFETCH(QJsonObject, body);
    QFETCH(int, status);
    QFETCH(QString, messagePart);
    const HttpReply r = post(u"/keys/param-key/create"_s, body);
    QCOMPARE(r.status, status);
    if (status == 400) {
        QCOMPARE(r.errorCode(), u"BadParameter"_s);
        QVERIFY2(r.errorMessage().contains(messagePart), qPrintable(r.errorMessage()));
        return;
    }
    if (body.contains("crv"_L1))
        QCOMPARE(r.json()[u"key"_s][u"crv"_s].toString(), body.value("crv"_L1).toString());
    else
        QCOMPARE(unb64u(r.json()[u"key"_s][u"n"_s]).size() * 8, body.value("key_size"_L1).toInt());
}

void TestSandboxKeys::importJsonWebKeys()
{
    for (const auto &pair : {KeyPair::generateRsa(2048), KeyPair::generateEc(u"P-256"_s)}) {
        QVERIFY(pair);
        const QJsonObject jwk = sandbox::JwkImport::privateJwk(*pair);
        QVERIFY(jwk.contains("d"_L1));
        const bool rsa = pair->type() == KeyPair::Type::Rsa;
        const QString name = rsa ? u"imported-rsa"_s : u"imported-ec"_s;
        HttpReply r = m_sandbox->http().sendJson("PUT", url(u"/keys/"_s + name),
                                                 QJsonObject{{u"key"_s, jwk}}, m_token);
        QCOMPARE(r.status, 200);
        const QJsonObject key = r.json().value("key"_L1).toObject();
        QVERIFY(!key.contains("d"_L1));
        QCOMPARE(key.value(rsa ? "n"_L1 : "x"_L1), jwk.value(rsa ? "n"_L1 : "x"_L1));
        // The vault signs with the imported private key: the original public key verifies.
        const QString alg = rsa ? u"RS256"_s : u"ES256"_s;
        const QByteArray digest = sha("imported", QCryptographicHash::Sha256);
        r = post(u"/keys/"_s + name + u"//sign"_s,
                 QJsonObject{{u"alg"_s, alg}, {u"value"_s, b64u(digest)}});
        QCOMPARE(r.status, 200);
        QVERIFY(pair->verifyDigest(alg, digest, unb64u(r.json().value("value"_L1))));
    }
    // A private exponent that does not belong to the modulus is refused.
    QJsonObject broken = sandbox::JwkImport::privateJwk(*KeyPair::generateRsa(2048));
    broken.insert("d"_L1,
                  sandbox::JwkImport::privateJwk(*KeyPair::generateRsa(2048)).value("d"_L1));
    HttpReply r = m_sandbox->http().sendJson("PUT", url(u"/keys/imported-broken"_s),
                                             QJsonObject{{u"key"_s, broken}}, m_token);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"BadParameter"_s);
    QJsonObject publicOnly = KeyPair::generateEc(u"P-256"_s)->publicJwk();
    r = m_sandbox->http().sendJson("PUT", url(u"/keys/imported-public"_s),
                                   QJsonObject{{u"key"_s, publicOnly}}, m_token);
    QCOMPARE(r.status, 400);
}

void TestSandboxKeys::updateAndDisabledKey()
{
    const QJsonObject key = create(u"toggled-key"_s, QJsonObject{{u"kty"_s, u"RSA"_s}});
    const QString version = key[u"key"_s][u"kid"_s].toString().section(u'/', -1);
    HttpReply r = m_sandbox->http().sendJson(
        "PATCH", url(u"/keys/toggled-key/"_s + version),
        QJsonObject{{u"attributes"_s, QJsonObject{{u"enabled"_s, false}}},
                    {u"tags"_s, QJsonObject{{u"state"_s, u"off"_s}}},
                    {u"key_ops"_s, QJsonArray{u"encrypt"_s, u"decrypt"_s, u"sign"_s}}},
        m_token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[u"attributes"_s][u"enabled"_s].toBool(), false);
    QCOMPARE(r.json()[u"tags"_s][u"state"_s].toString(), u"off"_s);
    QCOMPARE(r.json()[u"key"_s][u"key_ops"_s].toArray().size(), 3);
    // The public key can still be read; cryptography is refused.
    QCOMPARE(m_sandbox->http().get(url(u"/keys/toggled-key"_s), m_token).status, 200);
    r = post(u"/keys/toggled-key/"_s + version + u"/encrypt"_s,
             QJsonObject{{u"alg"_s, u"RSA-OAEP"_s}, {u"value"_s, b64u("x")}});
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorCode(), u"Forbidden"_s);
    QCOMPARE(r.innerErrorCode(), u"KeyDisabled"_s);
    QCOMPARE(r.errorMessage(), u"Operation encrypt is not allowed on a disabled key."_s);
    r = m_sandbox->http().sendJson(
        "PATCH", url(u"/keys/toggled-key/"_s + version),
        QJsonObject{{u"attributes"_s, QJsonObject{{u"enabled"_s, true}}}}, m_token);
    QCOMPARE(r.json()[u"tags"_s][u"state"_s].toString(), u"off"_s); // omitted: unchanged
    r = post(u"/keys/toggled-key/"_s + version + u"/encrypt"_s,
             QJsonObject{{u"alg"_s, u"RSA-OAEP"_s}, {u"value"_s, b64u("x")}});
    QCOMPARE(r.status, 200);
    r = m_sandbox->http().sendJson("PATCH", url(u"/keys/no-such-key/"_s),
                                   QJsonObject{{u"tags"_s, QJsonObject{}}}, m_token);
    QCOMPARE(r.status, 404);
}

void TestSandboxKeys::rsaRoundTrips_data()
{
    QTest::addColumn<QString>("alg");
    for (const char *alg : {"RSA1_5", "RSA-OAEP", "RSA-OAEP-256", "RS256", "RS384", "RS512",
                            "PS256", "PS384", "PS512"})
        QTest::newRow(alg) << QString::fromLatin1(alg);
}

void TestSandboxKeys::rsaRoundTrips()
{
    QFETCH(QString, alg);
    static const QJsonObject key = create(u"rsa-roundtrip"_s, QJsonObject{{u"kty"_s, u"RSA"_s}});
    QVERIFY(!key.isEmpty());
    const QString base =
        u"/keys/rsa-roundtrip/"_s + key[u"key"_s][u"kid"_s].toString().section(u'/', -1) + u'/';
    if (alg.startsWith(u"RSA"_s)) {
        const QByteArray secret = "a 32-byte content encryption key";
        for (const auto &[forward, back] :
             {std::pair{u"encrypt"_s, u"decrypt"_s}, std::pair{u"wrapkey"_s, u"unwrapkey"_s}}) {
            HttpReply r =
                post(base + forward, QJsonObject{{u"alg"_s, alg}, {u"value"_s, b64u(secret)}});
            QCOMPARE(r.status, 200);
            QCOMPARE(r.json().value("kid"_L1), key[u"key"_s][u"kid"_s]);
            const QString cipher = r.json().value("value"_L1).toString();
            QCOMPARE(unb64u(cipher).size(), 256);
            r = post(base + back, QJsonObject{{u"alg"_s, alg}, {u"value"_s, cipher}});
            QCOMPARE(r.status, 200);
            QCOMPARE(unb64u(r.json().value("value"_L1)), secret);
        }
        return;
    }
    const auto hash = alg.endsWith(u"256"_s)   ? QCryptographicHash::Sha256
                      : alg.endsWith(u"384"_s) ? QCryptographicHash::Sha384
                                               : QCryptographicHash::Sha512;
    const QByteArray digest = sha("message", hash);
    HttpReply r = post(base + u"sign"_s, QJsonObject{{u"alg"_s, alg}, {u"value"_s, b64u(digest)}});
    QCOMPARE(r.status, 200);
    const QString signature = r.json().value("value"_L1).toString();
    r = post(base + u"verify"_s,
             QJsonObject{{u"alg"_s, alg}, {u"digest"_s, b64u(digest)}, {u"value"_s, signature}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json(), (QJsonObject{{u"value"_s, true}}));
    const QByteArray tampered = sha("messagE", hash);
    r = post(base + u"verify"_s,
             QJsonObject{{u"alg"_s, alg}, {u"digest"_s, b64u(tampered)}, {u"value"_s, signature}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json(), (QJsonObject{{u"value"_s, false}}));
}

void TestSandboxKeys::ecSignAndVerify_data()
{
    QTest::addColumn<QString>("curve");
    QTest::addColumn<QString>("alg");
    QTest::newRow("P-256") << u"P-256"_s << u"ES256"_s;
    QTest::newRow("P-384") << u"P-384"_s << u"ES384"_s;
    QTest::newRow("P-521") << u"P-521"_s << u"ES512"_s;
    QTest::newRow("P-256K") << u"P-256K"_s << u"ES256K"_s;
}

void TestSandboxKeys::ecSignAndVerify()
{
    QFETCH(QString, curve);
    QFETCH(QString, alg);
    const QString name = u"ec-"_s + curve.toLower();
    const QJsonObject key = create(name, QJsonObject{{u"kty"_s, u"EC"_s}, {u"crv"_s, curve}});
    QCOMPARE(key[u"key"_s][u"key_ops"_s].toArray(), (QJsonArray{u"sign"_s, u"verify"_s}));
    const auto hash = alg == "ES384"_L1   ? QCryptographicHash::Sha384
                      : alg == "ES512"_L1 ? QCryptographicHash::Sha512
                                          : QCryptographicHash::Sha256;
    const QByteArray digest = sha("ec message", hash);
    HttpReply r = post(u"/keys/"_s + name + u"//sign"_s,
                       QJsonObject{{u"alg"_s, alg}, {u"value"_s, b64u(digest)}});
    QCOMPARE(r.status, 200);
    const QString signature = r.json().value("value"_L1).toString();
    const int coordinate = int(unb64u(key[u"key"_s][u"x"_s]).size());
    QCOMPARE(unb64u(signature).size(), 2 * coordinate); // JWS R||S, not DER
    r = post(u"/keys/"_s + name + u"//verify"_s,
             QJsonObject{{u"alg"_s, alg}, {u"digest"_s, b64u(digest)}, {u"value"_s, signature}});
    QCOMPARE(r.json().value("value"_L1).toBool(), true);
    r = post(u"/keys/"_s + name + u"//verify"_s,
             QJsonObject{{u"alg"_s, alg},
                         {u"digest"_s, b64u(sha("other", hash))},
                         {u"value"_s, signature}});
    QCOMPARE(r.json().value("value"_L1).toBool(), false);
    // EC keys do not encrypt: their key_ops do not include it.
    r = post(u"/keys/"_s + name + u"//encrypt"_s,
             QJsonObject{{u"alg"_s, u"RSA-OAEP"_s}, {u"value"_s, b64u("x")}});
    QCOMPARE(r.status, 403);
    QCOMPARE(r.innerErrorCode(), u"KeyOperationForbidden"_s);
}

/// An RSA and an EC signature made by the sandbox verify with the openssl CLI, against
/// public keys built from the JWKs the vault returned.
void TestSandboxKeys::signaturesVerifyWithOpenSsl()
{
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty())
        QSKIP("the openssl command is not installed");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray data = "The quick brown fox signs over the lazy vault";
    const QByteArray digest = sha(data, QCryptographicHash::Sha256);
    QVERIFY(writeFile(dir, u"data.bin"_s, data));
    for (const auto &[kty, alg] :
         {std::pair{u"RSA"_s, u"RS256"_s}, std::pair{u"EC"_s, u"ES256"_s}}) {
        const bool rsa = kty == "RSA"_L1;
        const QString name = u"openssl-"_s + kty.toLower();
        const QJsonObject key = create(name, QJsonObject{{u"kty"_s, kty}});
        const HttpReply r = post(u"/keys/"_s + name + u"//sign"_s,
                                 QJsonObject{{u"alg"_s, alg}, {u"value"_s, b64u(digest)}});
        QCOMPARE(r.status, 200);
        const QByteArray signature = unb64u(r.json().value("value"_L1));
        const QJsonObject jwk = key.value("key"_L1).toObject();
        QVERIFY(writeFile(dir, u"pub.pem"_s, rsa ? rsaPublicPem(jwk) : p256PublicPem(jwk)));
        QVERIFY(writeFile(dir, u"sig.bin"_s, rsa ? signature : ecdsaDer(signature)));
        QVERIFY2(opensslVerifies(openssl, dir), qPrintable(alg));
        // A corrupted signature fails the same check.
        QByteArray wrong = signature;
        wrong[wrong.size() / 3] = char(wrong.at(wrong.size() / 3) ^ 0x01);
        QVERIFY(writeFile(dir, u"sig.bin"_s, rsa ? wrong : ecdsaDer(wrong)));
        QVERIFY(!opensslVerifies(openssl, dir));
    }
}

void TestSandboxKeys::keyOpsRestrictOperations()
{
    const QJsonObject key =
        create(u"encrypt-only"_s,
               QJsonObject{{u"kty"_s, u"RSA"_s}, {u"key_ops"_s, QJsonArray{u"encrypt"_s}}});
    HttpReply r = post(u"/keys/encrypt-only//encrypt"_s,
                       QJsonObject{{u"alg"_s, u"RSA-OAEP-256"_s}, {u"value"_s, b64u("v")}});
    QCOMPARE(r.status, 200);
    const QString cipher = r.json().value("value"_L1).toString();
    r = post(u"/keys/encrypt-only//decrypt"_s,
             QJsonObject{{u"alg"_s, u"RSA-OAEP-256"_s}, {u"value"_s, cipher}});
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorCode(), u"Forbidden"_s);
    QCOMPARE(r.innerErrorCode(), u"KeyOperationForbidden"_s);
    QCOMPARE(r.errorMessage(), u"Operation decrypt is not permitted on this key."_s);
    r = post(u"/keys/encrypt-only//sign"_s,
             QJsonObject{{u"alg"_s, u"RS256"_s},
                         {u"value"_s, b64u(sha("m", QCryptographicHash::Sha256))}});
    QCOMPARE(r.status, 403);
    // Allowing decrypt afterwards lets it through.
    const QString version = key[u"key"_s][u"kid"_s].toString().section(u'/', -1);
    r = m_sandbox->http().sendJson(
        "PATCH", url(u"/keys/encrypt-only/"_s + version),
        QJsonObject{{u"key_ops"_s, QJsonArray{u"encrypt"_s, u"decrypt"_s}}}, m_token);
    QCOMPARE(r.status, 200);
    r = post(u"/keys/encrypt-only//decrypt"_s,
             QJsonObject{{u"alg"_s, u"RSA-OAEP-256"_s}, {u"value"_s, cipher}});
    QCOMPARE(r.status, 200);
    QCOMPARE(unb64u(r.json().value("value"_L1)), QByteArray("v"));
}

void TestSandboxKeys::expiredKeyStillVerifies()
{
    // "About keys": outside nbf/exp a key still decrypts, unwraps and verifies.
    const qint64 past = QDateTime::currentSecsSinceEpoch() - 3600;
    create(u"expired-key"_s, QJsonObject{{u"kty"_s, u"EC"_s},
                                         {u"attributes"_s, QJsonObject{{u"exp"_s, double(past)}}}});
    const QByteArray digest = sha("late", QCryptographicHash::Sha256);
    HttpReply r = post(u"/keys/expired-key//sign"_s,
                       QJsonObject{{u"alg"_s, u"ES256"_s}, {u"value"_s, b64u(digest)}});
    QCOMPARE(r.status, 403);
    QCOMPARE(r.innerErrorCode(), u"KeyExpired"_s);
    r = post(u"/keys/expired-key//verify"_s, QJsonObject{{u"alg"_s, u"ES256"_s},
                                                         {u"digest"_s, b64u(digest)},
                                                         {u"value"_s, b64u(QByteArray(64, '\1'))}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("value"_L1).toBool(), false);
}

void TestSandboxKeys::badCryptoRequests_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QJsonObject>("body");
    const QString digest = b64u(sha("d", QCryptographicHash::Sha256));
    QTest::newRow("symmetric algorithm")
        << u"encrypt"_s << QJsonObject{{u"alg"_s, u"A256GCM"_s}, {u"value"_s, digest}};
    QTest::newRow("unknown algorithm")
        << u"sign"_s << QJsonObject{{u"alg"_s, u"HS256"_s}, {u"value"_s, digest}};
    QTest::newRow("EC algorithm, RSA key")
        << u"sign"_s << QJsonObject{{u"alg"_s, u"ES256"_s}, {u"value"_s, digest}};
    QTest::newRow("digest too short")
        << u"sign"_s << QJsonObject{{u"alg"_s, u"RS256"_s}, {u"value"_s, b64u("short")}};
    QTest::newRow("digest for another hash")
        << u"sign"_s << QJsonObject{{u"alg"_s, u"RS512"_s}, {u"value"_s, digest}};
    QTest::newRow("value missing") << u"encrypt"_s << QJsonObject{{u"alg"_s, u"RSA-OAEP"_s}};
    QTest::newRow("value not base64url")
        << u"encrypt"_s << QJsonObject{{u"alg"_s, u"RSA-OAEP"_s}, {u"value"_s, u"***"_s}};
    QTest::newRow("value too long")
        << u"encrypt"_s
        << QJsonObject{{u"alg"_s, u"RSA-OAEP"_s}, {u"value"_s, b64u(QByteArray(300, 'x'))}};
    QTest::newRow("undecryptable")
        << u"decrypt"_s
        << QJsonObject{{u"alg"_s, u"RSA-OAEP"_s}, {u"value"_s, b64u(QByteArray(256, 'x'))}};
}

void TestSandboxKeys::badCryptoRequests()
{
    QFETCH(QString, operation);
    QFETCH(QJsonObject, body);
    static const QJsonObject key = create(u"bad-requests"_s, QJsonObject{{u"kty"_s, u"RSA"_s}});
    QVERIFY(!key.isEmpty());
    const HttpReply r = post(u"/keys/bad-requests//"_s + operation, body);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"BadParameter"_s);
    QVERIFY(!r.errorMessage().isEmpty());
}

void TestSandboxKeys::rbacReaderMayUsePublicKeyOperations()
{
    // Erin is Key Vault Reader on rg-apps (through Security Auditors): keys/read lets
    // her use the public half of an asymmetric key (RBAC.md §4.2, §5), nothing more.
    const QJsonObject key =
        create(u"reader-public-ops"_s, QJsonObject{{u"kty"_s, u"RSA"_s}}, u"kv-contoso-apps"_s);
    QVERIFY(!key.isEmpty());
    const QByteArray erin = m_sandbox->userToken(u"erin@contoso.example"_s);
    QVERIFY(!erin.isEmpty());
    const QString vault = u"kv-contoso-apps"_s;
    HttpReply r = m_sandbox->http().get(url(u"/keys/reader-public-ops"_s, vault), erin);
    QCOMPARE(r.status, 200);
    r = post(u"/keys/reader-public-ops//encrypt"_s,
             QJsonObject{{u"alg"_s, u"RSA-OAEP"_s}, {u"value"_s, b64u("for erin")}}, vault, erin);
    QCOMPARE(r.status, 200);
    QCOMPARE(unb64u(r.json().value("value"_L1)).size(), 256);
    r = post(u"/keys/reader-public-ops//wrapkey"_s,
             QJsonObject{{u"alg"_s, u"RSA-OAEP"_s}, {u"value"_s, b64u("cek")}}, vault, erin);
    QCOMPARE(r.status, 200);
    const QByteArray digest = sha("signed", QCryptographicHash::Sha256);
    const HttpReply signature =
        post(u"/keys/reader-public-ops//sign"_s,
             QJsonObject{{u"alg"_s, u"PS256"_s}, {u"value"_s, b64u(digest)}}, vault);
    QCOMPARE(signature.status, 200);
    r = post(u"/keys/reader-public-ops//verify"_s,
             QJsonObject{{u"alg"_s, u"PS256"_s},
                         {u"digest"_s, b64u(digest)},
                         {u"value"_s, signature.json().value("value"_L1)}},
             vault, erin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("value"_L1).toBool(), true);
}

void TestSandboxKeys::rbacReaderMayNotUsePrivateKeyOperations()
{
    const QString vault = u"kv-contoso-apps"_s;
    QVERIFY(!create(u"reader-private-ops"_s, QJsonObject{{u"kty"_s, u"RSA"_s}}, vault).isEmpty());
    const QByteArray erin = m_sandbox->userToken(u"erin@contoso.example"_s);
    const QByteArray digest = sha("signed", QCryptographicHash::Sha256);
    const QString cipher = b64u(QByteArray(256, '\1'));
    // Private-key operations need a crypto role.
    for (const auto &[operation, action] : {std::pair{u"decrypt"_s, u"keys/decrypt/action"_s},
                                            std::pair{u"sign"_s, u"keys/sign/action"_s}}) {
        const HttpReply r =
            post(u"/keys/reader-private-ops//"_s + operation,
                 QJsonObject{{u"alg"_s, operation == "sign"_L1 ? u"PS256"_s : u"RSA-OAEP"_s},
                             {u"value"_s, operation == "sign"_L1 ? b64u(digest) : cipher}},
                 vault, erin);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.innerErrorCode(), u"ForbiddenByRbac"_s);
        QVERIFY2(r.errorMessage().contains(action), qPrintable(r.errorMessage()));
    }
}

void TestSandboxKeys::rbacReaderWrapsWithTheSeededKek()
{
    const QByteArray erin = m_sandbox->userToken(u"erin@contoso.example"_s);
    const HttpReply r = post(u"/keys/payments-kek//wrapkey"_s,
                             QJsonObject{{u"alg"_s, u"RSA-OAEP-256"_s}, {u"value"_s, b64u("cek")}},
                             u"kv-contoso-apps"_s, erin);
    QCOMPARE(r.status, 200);
}

void TestSandboxKeys::accessPolicyIsPerOperation()
{
    // Dave's Developers group has keys get and list in kv-contoso-prod: in an
    // access-policy vault every operation needs its own permission.
    const QByteArray dave = m_sandbox->userToken(u"dave@contoso.example"_s);
    const QString vault = u"kv-contoso-prod"_s;
    HttpReply r = m_sandbox->http().get(url(u"/keys/orders-encryption-key"_s, vault), dave);
    QCOMPARE(r.status, 200);
    r = post(u"/keys/orders-encryption-key//encrypt"_s,
             QJsonObject{{u"alg"_s, u"RSA-OAEP"_s}, {u"value"_s, b64u("x")}}, vault, dave);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.innerErrorCode(), u"ForbiddenByPolicy"_s);
    QVERIFY2(r.errorMessage().contains(u"does not have keys encrypt permission"_s),
             qPrintable(r.errorMessage()));
}

void TestSandboxKeys::softDeleteRecoverAndPurge()
{
    create(u"short-lived-key"_s, QJsonObject{{u"kty"_s, u"EC"_s}});
    HttpReply r = send("DELETE", u"/keys/short-lived-key"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("recoveryId"_L1).toString(),
             m_sandbox->vaultOrigin(u"kv-contoso-dev"_s) + u"/deletedkeys/short-lived-key"_s);
    QVERIFY(r.json().value("scheduledPurgeDate"_L1).toInteger()
            > r.json().value("deletedDate"_L1).toInteger());
    QVERIFY(r.json().value("key"_L1).toObject().contains("x"_L1));
    QCOMPARE(m_sandbox->http().get(url(u"/keys/short-lived-key"_s), m_token).status, 404);
    r = post(u"/keys/short-lived-key/create"_s, QJsonObject{{u"kty"_s, u"EC"_s}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), u"Conflict"_s);
    QCOMPARE(r.innerErrorCode(), u"ObjectIsDeletedButRecoverable"_s);
    QCOMPARE(
        r.errorMessage(),
        u"Key short-lived-key is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the key can only be recovered or purged."_s);
    r = m_sandbox->http().get(url(u"/deletedkeys"_s), m_token);
    bool listed = false;
    for (const QJsonValue &v : r.json().value("value"_L1).toArray())
        listed =
            listed || v[u"recoveryId"_s].toString().endsWith(u"/deletedkeys/short-lived-key"_s);
    QVERIFY(listed);
    QCOMPARE(m_sandbox->http().get(url(u"/deletedkeys/short-lived-key"_s), m_token).status, 200);
    r = send("POST", u"/deletedkeys/short-lived-key/recover"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(m_sandbox->http().get(url(u"/keys/short-lived-key"_s), m_token).status, 200);
    QCOMPARE(send("DELETE", u"/keys/short-lived-key"_s).status, 200);
    QCOMPARE(send("DELETE", u"/deletedkeys/short-lived-key"_s).status, 204);
    r = m_sandbox->http().get(url(u"/deletedkeys/short-lived-key"_s), m_token);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), u"KeyNotFound"_s);
    QCOMPARE(post(u"/keys/short-lived-key/create"_s, QJsonObject{{u"kty"_s, u"EC"_s}}).status, 200);
}

void TestSandboxKeys::purgeProtectionRefusesPurge()
{
    const QString vault = u"kv-contoso-prod"_s;
    QVERIFY(!create(u"protected-key"_s, QJsonObject{{u"kty"_s, u"EC"_s}}, vault).isEmpty());
    QCOMPARE(send("DELETE", u"/keys/protected-key"_s, vault).status, 200);
    const HttpReply r = send("DELETE", u"/deletedkeys/protected-key"_s, vault);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.innerErrorCode(), u"PurgeProtectionEnabled"_s);
    QVERIFY(r.errorMessage().contains(u"purge protection is enabled"_s));
}

void TestSandboxKeys::backupAndRestore()
{
    const QJsonObject key = create(u"backed-up-key"_s, QJsonObject{{u"kty"_s, u"RSA"_s}});
    HttpReply r = send("POST", u"/keys/backed-up-key/backup"_s);
    QCOMPARE(r.status, 200);
    const QString blob = r.json().value("value"_L1).toString();
    QVERIFY(!unb64u(blob).isEmpty());
    QCOMPARE(post(u"/keys/restore"_s, QJsonObject{{u"value"_s, blob}}).status, 409);
    send("DELETE", u"/keys/backed-up-key"_s);
    QCOMPARE(post(u"/keys/restore"_s, QJsonObject{{u"value"_s, blob}}).status, 409);
    QCOMPARE(send("DELETE", u"/deletedkeys/backed-up-key"_s).status, 204);
    r = post(u"/keys/restore"_s, QJsonObject{{u"value"_s, blob}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[u"key"_s][u"kid"_s], key[u"key"_s][u"kid"_s]);
    // The restored key is the same key: it decrypts what the original public key encrypts.
    const QByteArray digest = sha("restored", QCryptographicHash::Sha256);
    r = post(u"/keys/backed-up-key//sign"_s,
             QJsonObject{{u"alg"_s, u"RS256"_s}, {u"value"_s, b64u(digest)}});
    const auto original = KeyPair::fromPublicKeyPem(rsaPublicPem(key[u"key"_s].toObject()));
    QVERIFY(original);
    QVERIFY(original->verifyDigest(u"RS256"_s, digest, unb64u(r.json().value("value"_L1))));
    QCOMPARE(post(u"/keys/restore"_s, QJsonObject{{u"value"_s, b64u("not a backup")}}).status, 400);
}

void TestSandboxKeys::rotationPolicy()
{
    create(u"policy-key"_s, QJsonObject{{u"kty"_s, u"EC"_s}});
    HttpReply r = m_sandbox->http().get(url(u"/keys/policy-key/rotationpolicy"_s), m_token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("id"_L1).toString(),
             m_sandbox->vaultOrigin(u"kv-contoso-dev"_s) + u"/keys/policy-key/rotationpolicy"_s);
    const QJsonArray notifyOnly{
        QJsonObject{{u"trigger"_s, QJsonObject{{u"timeBeforeExpiry"_s, u"P30D"_s}}},
                    {u"action"_s, QJsonObject{{u"type"_s, u"Notify"_s}}}}};
    QCOMPARE(r.json().value("lifetimeActions"_L1).toArray(), notifyOnly);
    QVERIFY(r.json()[u"attributes"_s][u"created"_s].isDouble());

    const QJsonObject rotate{{u"trigger"_s, QJsonObject{{u"timeAfterCreate"_s, u"P2M"_s}}},
                             {u"action"_s, QJsonObject{{u"type"_s, u"Rotate"_s}}}};
    r = m_sandbox->http().sendJson(
        "PUT", url(u"/keys/policy-key/rotationpolicy"_s),
        QJsonObject{{u"lifetimeActions"_s, QJsonArray{rotate}},
                    {u"attributes"_s, QJsonObject{{u"expiryTime"_s, u"P90D"_s}}}},
        m_token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("lifetimeActions"_L1).toArray(),
             (QJsonArray{rotate, notifyOnly.first()}));
    QCOMPARE(r.json()[u"attributes"_s][u"expiryTime"_s].toString(), u"P90D"_s);
    r = m_sandbox->http().sendJson(
        "PUT", url(u"/keys/policy-key/rotationpolicy"_s),
        QJsonObject{{u"lifetimeActions"_s, QJsonArray{rotate}},
                    {u"attributes"_s, QJsonObject{{u"expiryTime"_s, u"P7D"_s}}}},
        m_token);
    QCOMPARE(r.status, 400);
}

void TestSandboxKeys::rotateMakesANewVersion()
{
    const QJsonObject key =
        create(u"rotated-key"_s, QJsonObject{{u"kty"_s, u"RSA"_s},
                                             {u"key_size"_s, 3072},
                                             {u"key_ops"_s, QJsonArray{u"sign"_s, u"verify"_s}}});
    const QJsonObject rotate{{u"trigger"_s, QJsonObject{{u"timeAfterCreate"_s, u"P2M"_s}}},
                             {u"action"_s, QJsonObject{{u"type"_s, u"Rotate"_s}}}};
    HttpReply r = m_sandbox->http().sendJson(
        "PUT", url(u"/keys/rotated-key/rotationpolicy"_s),
        QJsonObject{{u"lifetimeActions"_s, QJsonArray{rotate}},
                    {u"attributes"_s, QJsonObject{{u"expiryTime"_s, u"P90D"_s}}}},
        m_token);
    QCOMPARE(r.status, 200);
    r = send("POST", u"/keys/rotated-key/rotate"_s);
    QCOMPARE(r.status, 200);
    const QJsonObject rotated = r.json();
    QVERIFY(rotated[u"key"_s][u"kid"_s] != key[u"key"_s][u"kid"_s]);
    QVERIFY(rotated[u"key"_s][u"n"_s] != key[u"key"_s][u"n"_s]);
    QCOMPARE(unb64u(rotated[u"key"_s][u"n"_s]).size(), 384);
    QCOMPARE(rotated[u"key"_s][u"key_ops"_s], key[u"key"_s][u"key_ops"_s]);
    const qint64 expiry = rotated[u"attributes"_s][u"exp"_s].toInteger();
    const qint64 created = rotated[u"attributes"_s][u"created"_s].toInteger();
    QVERIFY(expiry >= created + 89 * 86400 && expiry <= created + 91 * 86400);
    r = m_sandbox->http().get(url(u"/keys/rotated-key/versions"_s), m_token);
    QCOMPARE(r.json().value("value"_L1).toArray().size(), 2);
    QCOMPARE(send("POST", u"/keys/no-such-key/rotate"_s).status, 404);
}

void TestSandboxKeys::releaseNeedsAttestation()
{
    create(u"release-key"_s, QJsonObject{{u"kty"_s, u"RSA"_s}});
    HttpReply r = post(u"/keys/release-key//release"_s, QJsonObject{{u"target"_s, u"token"_s}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"BadParameter"_s);
    QVERIFY(r.errorMessage().contains(u"attestation"_s));
    r = post(u"/keys/no-such-key//release"_s, QJsonObject{{u"target"_s, u"token"_s}});
    QCOMPARE(r.status, 404);
}

void TestSandboxKeys::demoSeedKeys()
{
    const QString prod = u"kv-contoso-prod"_s;
    HttpReply r =
        m_sandbox->http().get(url(u"/keys/orders-encryption-key/versions"_s, prod), m_token);
    QCOMPARE(r.json().value("value"_L1).toArray().size(), 2);
    r = m_sandbox->http().get(url(u"/keys/orders-encryption-key"_s, prod), m_token);
    QCOMPARE(r.json()[u"key"_s][u"kty"_s].toString(), u"RSA"_s);
    QCOMPARE(unb64u(r.json()[u"key"_s][u"n"_s]).size(), 256);
    r = m_sandbox->http().get(url(u"/keys/signing-key-p256"_s, prod), m_token);
    QCOMPARE(r.json()[u"key"_s][u"crv"_s].toString(), u"P-256"_s);
    r = m_sandbox->http().get(url(u"/keys/payments-kek"_s, u"kv-contoso-apps"_s), m_token);
    QCOMPARE(r.json()[u"key"_s][u"kty"_s].toString(), u"RSA"_s);
    // The keys of the demo certificates are listed, marked as managed.
    r = m_sandbox->http().get(url(u"/keys"_s, prod), m_token);
    QStringList managed;
    for (const QJsonValue &v : r.json().value("value"_L1).toArray())
        if (v[u"managed"_s].toBool())
            managed.append(v[u"kid"_s].toString().section(u'/', -1));
    QCOMPARE(managed, (QStringList{u"api-contoso-example"_s, u"legacy-contoso-example"_s,
                                   u"www-contoso-example"_s}));
    r = send("DELETE", u"/keys/www-contoso-example"_s, prod);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.innerErrorCode(), u"KeyManagedByKeyVault"_s);
}

void TestSandboxKeys::hsmKeysInAPremiumVault()
{
    // HSM-protected keys need the Premium tier: switch kv-contoso-dev through Resource
    // Manager, create RSA-HSM and EC-HSM keys, and switch it back.
    QString vaultId;
    for (const QJsonValue &v : m_sandbox->config().value("vaults"_L1).toArray())
        if (v[u"name"_s].toString() == "kv-contoso-dev"_L1)
            vaultId = v[u"id"_s].toString();
    const QByteArray arm = m_sandbox->automationToken(u"https://management.azure.com/.default"_s);
    auto setSku = [&](const QString &sku) {
        return m_sandbox->http()
            .sendJson("PATCH", m_sandbox->apiUrl(vaultId + u"?api-version=2023-07-01"_s),
                      QJsonObject{{u"properties"_s,
                                   QJsonObject{{u"sku"_s, QJsonObject{{u"family"_s, u"A"_s},
                                                                      {u"name"_s, sku}}}}}},
                      arm)
            .status;
    };
    QCOMPARE(setSku(u"premium"_s), 200);
    const QJsonObject rsa = create(u"hsm-rsa"_s, QJsonObject{{u"kty"_s, u"RSA-HSM"_s}});
    const QJsonObject ec =
        create(u"hsm-ec"_s, QJsonObject{{u"kty"_s, u"EC-HSM"_s}, {u"crv"_s, u"P-384"_s}});
    QCOMPARE(setSku(u"standard"_s), 200);
    QCOMPARE(rsa[u"key"_s][u"kty"_s].toString(), u"RSA-HSM"_s);
    QCOMPARE(ec[u"key"_s][u"kty"_s].toString(), u"EC-HSM"_s);
    const QByteArray digest = sha("hsm", QCryptographicHash::Sha384);
    const HttpReply r = post(u"/keys/hsm-ec//sign"_s,
                             QJsonObject{{u"alg"_s, u"ES384"_s}, {u"value"_s, b64u(digest)}});
    QCOMPARE(r.status, 200);
}

QTEST_GUILESS_MAIN(TestSandboxKeys)
#include "tst_sandboxkeys.moc"

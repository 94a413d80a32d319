// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/Base64Url.h"
#include "crypto/KeyPair.h"
#include "crypto/OpenSslUtil.h"

#include <QCryptographicHash>
#include <QJsonObject>
#include <QTest>

#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <map>

using namespace Qt::StringLiterals;
using vl::base64UrlDecode;
using vl::sandbox::KeyPair;
namespace ossl = vl::sandbox::ossl;

namespace {

QByteArray flipBit(QByteArray data, qsizetype index, int bit = 0)
{
    data[index] = char(data.at(index) ^ (1 << bit));
    return data;
}

QByteArray jwkBytes(const QJsonObject &jwk, const QString &member)
{
    return base64UrlDecode(jwk.value(member).toString().toLatin1()).value_or(QByteArray());
}

// A public key built from a JWK with OpenSSL's own EVP_PKEY_fromdata (RFC 7518 §6).
ossl::Pkey importJwk(const QJsonObject &jwk)
{
    std::unique_ptr<OSSL_PARAM_BLD, ossl::Deleter<&OSSL_PARAM_BLD_free>> builder(
        OSSL_PARAM_BLD_new());
    ossl::Bn n;
    ossl::Bn e;
    QByteArray point;
    const char *type = nullptr;
    if (jwk.value("kty"_L1).toString() == "RSA"_L1) {
        type = "RSA";
        const QByteArray nBytes = jwkBytes(jwk, u"n"_s);
        const QByteArray eBytes = jwkBytes(jwk, u"e"_s);
        n.reset(BN_bin2bn(reinterpret_cast<const unsigned char *>(nBytes.constData()),
                          int(nBytes.size()), nullptr));
        e.reset(BN_bin2bn(reinterpret_cast<const unsigned char *>(eBytes.constData()),
                          int(eBytes.size()), nullptr));
        if (!n || !e || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1
            || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1)
            return {};
    } else {
        type = "EC";
        static const std::map<QString, const char *> groups{{u"P-256"_s, "prime256v1"},
                                                            {u"P-384"_s, "secp384r1"},
                                                            {u"P-521"_s, "secp521r1"},
                                                            {u"P-256K"_s, "secp256k1"}};
        const auto group = groups.find(jwk.value("crv"_L1).toString());
        if (group == groups.end())
            return {};
        // SEC 1 §2.3.3 uncompressed point: 04 || X || Y.
        point = "\x04"_ba + jwkBytes(jwk, u"x"_s) + jwkBytes(jwk, u"y"_s);
        if (OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                            group->second, 0)
                != 1
            || OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY,
                                                point.constData(), size_t(point.size()))
                   != 1)
            return {};
    }
    std::unique_ptr<OSSL_PARAM, ossl::Deleter<&OSSL_PARAM_free>> params(
        OSSL_PARAM_BLD_to_param(builder.get()));
    ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY *key = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1
        || EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return {};
    return ossl::Pkey(key);
}

QByteArray publicDer(EVP_PKEY *key)
{
    unsigned char *buffer = nullptr;
    const int length = i2d_PUBKEY(key, &buffer);
    if (length <= 0)
        return {};
    QByteArray der(reinterpret_cast<const char *>(buffer), length);
    OPENSSL_free(buffer);
    return der;
}

// JWS R||S to DER, written independently of the code under test.
QByteArray rawToDer(const QByteArray &raw)
{
    const int half = int(raw.size() / 2);
    const auto *p = reinterpret_cast<const unsigned char *>(raw.constData());
    ossl::EcdsaSig sig(ECDSA_SIG_new());
    BIGNUM *r = BN_bin2bn(p, half, nullptr);
    BIGNUM *s = BN_bin2bn(p + half, half, nullptr);
    if (ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return {};
    }
    unsigned char *buffer = nullptr;
    const int length = i2d_ECDSA_SIG(sig.get(), &buffer);
    QByteArray der(reinterpret_cast<const char *>(buffer), length);
    OPENSSL_free(buffer);
    return der;
}

// Verifies with plain OpenSSL, as a relying party holding only the JWK would.
bool opensslVerify(EVP_PKEY *key, const QString &alg, const QByteArray &data,
                   const QByteArray &signature)
{
    const EVP_MD *md = alg.endsWith("256"_L1) || alg == "ES256K"_L1 ? EVP_sha256()
                       : alg.endsWith("384"_L1)                     ? EVP_sha384()
                                                                    : EVP_sha512();
    const QByteArray sig = alg.startsWith("ES"_L1) ? rawToDer(signature) : signature;
    ossl::MdCtx ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr;
    if (EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, key) != 1)
        return false;
    if (alg.startsWith("PS"_L1)
        && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1
            || EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1))
        return false;
    const int ok = EVP_DigestVerify(
        ctx.get(), reinterpret_cast<const unsigned char *>(sig.constData()), size_t(sig.size()),
        reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()));
    ossl::clearErrors();
    return ok == 1;
}

} // namespace

class TestKeyPair : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void generate_data();
    void generate();
    void generateRejects_data();
    void generateRejects();
    void nullKey();
    void copiesShareTheKey();

    void signVerify_data();
    void signVerify();
    void algorithmMustFitKey_data();
    void algorithmMustFitKey();
    void digestSizeMustFit_data();
    void digestSizeMustFit();
    void jwsDigest_data();
    void jwsDigest();

    void publicJwk_data();
    void publicJwk();
    void jwkReimportVerifies_data();
    void jwkReimportVerifies();

    void encryptDecrypt_data();
    void encryptDecrypt();
    void wrongPaddingFails_data();
    void wrongPaddingFails();
    void encryptRejects();

    void pemRoundTrip_data();
    void pemRoundTrip();
    void pemTraditionalFormats_data();
    void pemTraditionalFormats();
    void pemRejects_data();
    void pemRejects();
    void publicKeyOnly_data();
    void publicKeyOnly();
    void publicKeyPemRejects_data();
    void publicKeyPemRejects();

private:
    KeyPair key(const QString &name) const { return m_keys.value(name); }
    QMap<QString, KeyPair> m_keys;
};

void TestKeyPair::initTestCase()
{
    const auto add = [this](const QString &name, std::optional<KeyPair> k) {
        QVERIFY2(k && !k->isNull(), qPrintable(name));
        m_keys.insert(name, *k);
    };
    add(u"rsa"_s, KeyPair::generateRsa(2048));
    add(u"rsa2"_s, KeyPair::generateRsa(2048));
    add(u"p256"_s, KeyPair::generateEc(u"P-256"_s));
    add(u"p256b"_s, KeyPair::generateEc(u"P-256"_s));
    add(u"p384"_s, KeyPair::generateEc(u"P-384"_s));
    add(u"p384b"_s, KeyPair::generateEc(u"P-384"_s));
    add(u"p521"_s, KeyPair::generateEc(u"P-521"_s));
    add(u"p521b"_s, KeyPair::generateEc(u"P-521"_s));
    add(u"p256k"_s, KeyPair::generateEc(u"P-256K"_s));
    add(u"p256kb"_s, KeyPair::generateEc(u"P-256K"_s));
}

void TestKeyPair::generate_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("bits");
    QTest::addColumn<QString>("curve");
    QTest::addColumn<QByteArray>("curveOid"); // in the SubjectPublicKeyInfo

    const int rsa = int(KeyPair::Type::Rsa);
    const int ec = int(KeyPair::Type::Ec);
    QTest::newRow("RSA 2048") << u"rsa"_s << rsa << 2048 << QString() << QByteArray();
    QTest::newRow("P-256") << u"p256"_s << ec << 256 << u"P-256"_s << "1.2.840.10045.3.1.7"_ba;
    QTest::newRow("P-384") << u"p384"_s << ec << 384 << u"P-384"_s << "1.3.132.0.34"_ba;
    QTest::newRow("P-521") << u"p521"_s << ec << 521 << u"P-521"_s << "1.3.132.0.35"_ba;
    QTest::newRow("P-256K") << u"p256k"_s << ec << 256 << u"P-256K"_s << "1.3.132.0.10"_ba;
}

void TestKeyPair::generate()
{
    QFETCH(QString, name);
    QFETCH(int, type);
    QFETCH(int, bits);
    QFETCH(QString, curve);
    QFETCH(QByteArray, curveOid);
    const KeyPair k = key(name);
    QCOMPARE(int(k.type()), type);
    QCOMPARE(k.bits(), bits);
    QCOMPARE(k.curve(), curve);

    // The SubjectPublicKeyInfo parses back and names the curve.
    const QByteArray der = k.publicKeyDer();
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    ossl::Pkey pub(d2i_PUBKEY(nullptr, &p, long(der.size())));
    QVERIFY(pub);
    QCOMPARE(EVP_PKEY_get_bits(pub.get()), bits);
    if (!curveOid.isEmpty()) {
        char group[64] = {};
        QVERIFY(EVP_PKEY_get_group_name(pub.get(), group, sizeof group, nullptr) == 1);
        char oid[64] = {};
        ossl::Asn1Object object(OBJ_txt2obj(group, 0));
        QVERIFY(OBJ_obj2txt(oid, sizeof oid, object.get(), 1) > 0);
        QCOMPARE(QByteArray(oid), curveOid);
    } else {
        QVERIFY(EVP_PKEY_is_a(pub.get(), "RSA"));
        BIGNUM *e = nullptr;
        QVERIFY(EVP_PKEY_get_bn_param(pub.get(), OSSL_PKEY_PARAM_RSA_E, &e) == 1);
        const ossl::Bn owner(e);
        QCOMPARE(BN_get_word(e), 65537ul);
    }

    // Two keys generated alike differ.
    QVERIFY(key(name + (name == "rsa"_L1 ? u"2"_s : u"b"_s)).publicKeyDer() != der);
}

void TestKeyPair::generateRejects_data()
{
    QTest::addColumn<int>("bits");
    QTest::addColumn<QString>("curve");
    QTest::newRow("RSA 1024") << 1024 << QString();
    QTest::newRow("RSA 2047") << 2047 << QString();
    QTest::newRow("RSA 0") << 0 << QString();
    QTest::newRow("RSA -1") << -1 << QString();
    QTest::newRow("P-224") << 0 << u"P-224"_s;
    QTest::newRow("OpenSSL name") << 0 << u"secp256k1"_s;
    QTest::newRow("OpenSSL name 2") << 0 << u"prime256v1"_s;
    QTest::newRow("lower case") << 0 << u"p-256"_s;
    QTest::newRow("empty curve") << 0 << QString();
    QTest::newRow("Ed25519") << 0 << u"Ed25519"_s;
}

void TestKeyPair::generateRejects()
{
    QFETCH(int, bits);
    QFETCH(QString, curve);
    if (bits != 0)
        QVERIFY(!KeyPair::generateRsa(bits));
    else
        QVERIFY(!KeyPair::generateEc(curve));
}

void TestKeyPair::nullKey()
{
    const KeyPair k;
    QVERIFY(k.isNull());
    QCOMPARE(k.bits(), 0);
    QVERIFY(k.privateKeyPem().isEmpty());
    QVERIFY(k.publicKeyDer().isEmpty());
    QVERIFY(k.publicJwk().isEmpty());
    QVERIFY(!k.signData(u"RS256"_s, "x"_ba));
    QVERIFY(!k.signDigest(u"RS256"_s, QByteArray(32, 'x')));
    QVERIFY(!k.verifyData(u"RS256"_s, "x"_ba, QByteArray(256, 'x')));
    QVERIFY(!k.encrypt(u"RSA-OAEP"_s, "x"_ba));
    QVERIFY(!k.decrypt(u"RSA-OAEP"_s, QByteArray(256, 'x')));
}

void TestKeyPair::copiesShareTheKey()
{
    const KeyPair original = key(u"p256"_s);
    KeyPair copy = original;
    QCOMPARE(copy.publicKeyDer(), original.publicKeyDer());
    const std::optional<QByteArray> sig = copy.signData(u"ES256"_s, "data"_ba);
    QVERIFY(sig);
    QVERIFY(original.verifyData(u"ES256"_s, "data"_ba, *sig));
    copy = key(u"rsa"_s);
    QCOMPARE(int(copy.type()), int(KeyPair::Type::Rsa));
    QCOMPARE(int(original.type()), int(KeyPair::Type::Ec));
    QVERIFY(original.verifyData(u"ES256"_s, "data"_ba, *sig));
}

void TestKeyPair::signVerify_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("keyName");
    QTest::addColumn<QString>("otherKeyName"); // same type, different key
    QTest::addColumn<int>("signatureSize");
    QTest::addColumn<bool>("deterministic");

    // RFC 7518 §3.3 (RSASSA-PKCS1-v1_5 is deterministic), §3.5 (PSS is salted), §3.4 (ECDSA
    // R||S: 2 x 32, 48 or 66 bytes).
    QTest::newRow("RS256") << u"RS256"_s << u"rsa"_s << u"rsa2"_s << 256 << true;
    QTest::newRow("RS384") << u"RS384"_s << u"rsa"_s << u"rsa2"_s << 256 << true;
    QTest::newRow("RS512") << u"RS512"_s << u"rsa"_s << u"rsa2"_s << 256 << true;
    QTest::newRow("PS256") << u"PS256"_s << u"rsa"_s << u"rsa2"_s << 256 << false;
    QTest::newRow("PS384") << u"PS384"_s << u"rsa"_s << u"rsa2"_s << 256 << false;
    QTest::newRow("PS512") << u"PS512"_s << u"rsa"_s << u"rsa2"_s << 256 << false;
    QTest::newRow("ES256") << u"ES256"_s << u"p256"_s << u"p256b"_s << 64 << false;
    QTest::newRow("ES384") << u"ES384"_s << u"p384"_s << u"p384b"_s << 96 << false;
    QTest::newRow("ES512") << u"ES512"_s << u"p521"_s << u"p521b"_s << 132 << false;
    QTest::newRow("ES256K") << u"ES256K"_s << u"p256k"_s << u"p256kb"_s << 64 << false;
}

void TestKeyPair::signVerify()
{
    QFETCH(QString, alg);
    QFETCH(QString, keyName);
    QFETCH(QString, otherKeyName);
    QFETCH(int, signatureSize);
    QFETCH(bool, deterministic);
    const KeyPair k = key(keyName);
    const KeyPair other = key(otherKeyName);
    const QByteArray data = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzYW5kYm94In0"_ba;
    const std::optional<QByteArray> digest = vl::sandbox::jwsDigest(alg, data);
    QVERIFY(digest);

    const std::optional<QByteArray> sig = k.signData(alg, data);
    QVERIFY(sig);
    QCOMPARE(sig->size(), signatureSize);
    QVERIFY(k.verifyData(alg, data, *sig));
    QVERIFY(k.verifyDigest(alg, *digest, *sig)); // the two paths agree

    const std::optional<QByteArray> sigOfDigest = k.signDigest(alg, *digest);
    QVERIFY(sigOfDigest);
    QCOMPARE(sigOfDigest->size(), signatureSize);
    QVERIFY(k.verifyDigest(alg, *digest, *sigOfDigest));
    QVERIFY(k.verifyData(alg, data, *sigOfDigest));
    QCOMPARE(*sigOfDigest == *sig, deterministic);

    // Tampering: a bit of the data, of the digest, and of the signature at either end.
    QVERIFY(!k.verifyData(alg, flipBit(data, 0), *sig));
    QVERIFY(!k.verifyData(alg, flipBit(data, data.size() - 1, 7), *sig));
    QVERIFY(!k.verifyDigest(alg, flipBit(*digest, 5), *sig));
    QVERIFY(!k.verifyData(alg, data, flipBit(*sig, 0, 1)));
    QVERIFY(!k.verifyData(alg, data, flipBit(*sig, sig->size() - 1)));
    QVERIFY(!k.verifyData(alg, data, flipBit(*sig, sig->size() / 2 - 1))); // end of R for ECDSA
    QVERIFY(!k.verifyDigest(alg, *digest, flipBit(*sig, sig->size() / 2)));
    // Wrong lengths and empty signatures.
    QVERIFY(!k.verifyData(alg, data, sig->chopped(1)));
    QVERIFY(!k.verifyData(alg, data, *sig + '\0'));
    QVERIFY(!k.verifyData(alg, data, QByteArray()));
    QVERIFY(!k.verifyData(alg, data, QByteArray(signatureSize, '\0')));
    // Another key of the same kind.
    QVERIFY(!other.verifyData(alg, data, *sig));
    QVERIFY(!other.verifyDigest(alg, *digest, *sigOfDigest));
    // Empty data is data too.
    const std::optional<QByteArray> empty = k.signData(alg, QByteArray());
    QVERIFY(empty);
    QVERIFY(k.verifyData(alg, QByteArray(), *empty));
    QVERIFY(!k.verifyData(alg, "\0"_ba, *empty));
}

void TestKeyPair::algorithmMustFitKey_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("keyName");

    QTest::newRow("ES256 with RSA") << u"ES256"_s << u"rsa"_s;
    QTest::newRow("RS256 with P-256") << u"RS256"_s << u"p256"_s;
    QTest::newRow("PS256 with P-256") << u"PS256"_s << u"p256"_s;
    QTest::newRow("ES384 with P-256") << u"ES384"_s << u"p256"_s;
    QTest::newRow("ES256 with P-384") << u"ES256"_s << u"p384"_s;
    QTest::newRow("ES512 with P-384") << u"ES512"_s << u"p384"_s;
    QTest::newRow("ES256K with P-256") << u"ES256K"_s << u"p256"_s;
    QTest::newRow("ES256 with P-256K") << u"ES256"_s << u"p256k"_s;
    QTest::newRow("HS256") << u"HS256"_s << u"rsa"_s;
    QTest::newRow("none") << u"none"_s << u"rsa"_s;
    QTest::newRow("empty") << QString() << u"rsa"_s;
    QTest::newRow("lower case") << u"rs256"_s << u"rsa"_s;
    QTest::newRow("trailing space") << u"RS256 "_s << u"rsa"_s;
    QTest::newRow("RSA-OAEP") << u"RSA-OAEP"_s << u"rsa"_s;
}

void TestKeyPair::algorithmMustFitKey()
{
    QFETCH(QString, alg);
    QFETCH(QString, keyName);
    const KeyPair k = key(keyName);
    QVERIFY(!k.signData(alg, "data"_ba));
    QVERIFY(!k.signDigest(alg, QByteArray(32, 'x')));
    QVERIFY(!k.signDigest(alg, QByteArray(48, 'x')));
    QVERIFY(!k.signDigest(alg, QByteArray(64, 'x')));
    // A signature the key could verify under its proper algorithm is refused here.
    const QString proper = k.type() == KeyPair::Type::Rsa ? u"RS256"_s
                           : k.curve() == "P-256"_L1      ? u"ES256"_s
                           : k.curve() == "P-384"_L1      ? u"ES384"_s
                                                          : u"ES256K"_s;
    const std::optional<QByteArray> sig = k.signData(proper, "data"_ba);
    QVERIFY(sig);
    QVERIFY(k.verifyData(proper, "data"_ba, *sig));
    QVERIFY(!k.verifyData(alg, "data"_ba, *sig));
}

void TestKeyPair::digestSizeMustFit_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("keyName");
    QTest::addColumn<int>("size");
    QTest::newRow("RS256 20") << u"RS256"_s << u"rsa"_s << 20;
    QTest::newRow("RS256 48") << u"RS256"_s << u"rsa"_s << 48;
    QTest::newRow("RS512 32") << u"RS512"_s << u"rsa"_s << 32;
    QTest::newRow("PS384 32") << u"PS384"_s << u"rsa"_s << 32;
    QTest::newRow("ES256 48") << u"ES256"_s << u"p256"_s << 48;
    QTest::newRow("ES256 0") << u"ES256"_s << u"p256"_s << 0;
    QTest::newRow("ES512 66") << u"ES512"_s << u"p521"_s << 66;
}

void TestKeyPair::digestSizeMustFit()
{
    QFETCH(QString, alg);
    QFETCH(QString, keyName);
    QFETCH(int, size);
    const KeyPair k = key(keyName);
    QVERIFY(!k.signDigest(alg, QByteArray(size, 'x')));
    QVERIFY(!k.verifyDigest(alg, QByteArray(size, 'x'), QByteArray(256, 'x')));
}

void TestKeyPair::jwsDigest_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QByteArray>("hex"); // of "abc", FIPS 180-2 examples; empty: no digest
    const QByteArray sha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_ba;
    const QByteArray sha384 = "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                              "8086072ba1e7cc2358baeca134c825a7"_ba;
    const QByteArray sha512 = "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                              "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"_ba;
    for (const char *a : {"RS256", "PS256", "ES256", "ES256K"})
        QTest::newRow(a) << QString::fromLatin1(a) << sha256;
    for (const char *a : {"RS384", "PS384", "ES384"})
        QTest::newRow(a) << QString::fromLatin1(a) << sha384;
    for (const char *a : {"RS512", "PS512", "ES512"})
        QTest::newRow(a) << QString::fromLatin1(a) << sha512;
    for (const char *a : {"HS256", "none", "", "SHA256", "RSA-OAEP-256"})
        QTest::newRow(*a ? a : "empty") << QString::fromLatin1(a) << QByteArray();
}

void TestKeyPair::jwsDigest()
{
    QFETCH(QString, alg);
    QFETCH(QByteArray, hex);
    const std::optional<QByteArray> digest = vl::sandbox::jwsDigest(alg, "abc"_ba);
    QCOMPARE(digest.has_value(), !hex.isEmpty());
    if (digest)
        QCOMPARE(digest->toHex(), hex);
}

void TestKeyPair::publicJwk_data()
{
    QTest::addColumn<QString>("keyName");
    QTest::addColumn<QString>("kty");
    QTest::addColumn<QString>("crv");
    QTest::addColumn<int>("size"); // n for RSA, x and y for EC

    QTest::newRow("RSA 2048") << u"rsa"_s << u"RSA"_s << QString() << 256;
    QTest::newRow("P-256") << u"p256"_s << u"EC"_s << u"P-256"_s << 32;
    QTest::newRow("P-384") << u"p384"_s << u"EC"_s << u"P-384"_s << 48;
    QTest::newRow("P-521") << u"p521"_s << u"EC"_s << u"P-521"_s << 66;
    QTest::newRow("P-256K") << u"p256k"_s << u"EC"_s << u"P-256K"_s << 32;
}

void TestKeyPair::publicJwk()
{
    QFETCH(QString, keyName);
    QFETCH(QString, kty);
    QFETCH(QString, crv);
    QFETCH(int, size);
    const QJsonObject jwk = key(keyName).publicJwk();
    QCOMPARE(jwk.value("kty"_L1).toString(), kty);
    QStringList expectedMembers{u"kty"_s};
    expectedMembers << (kty == "RSA"_L1 ? QStringList{u"e"_s, u"n"_s}
                                        : QStringList{u"crv"_s, u"x"_s, u"y"_s});
    expectedMembers.sort();
    QCOMPARE(jwk.keys(), expectedMembers); // no private members (RFC 7517 §4, RFC 7518 §6)
    for (const QString &member : jwk.keys()) {
        const QString value = jwk.value(member).toString();
        QVERIFY2(!value.contains(u'=') && !value.contains(u'+') && !value.contains(u'/'),
                 qPrintable(member));
    }
    if (kty == "RSA"_L1) {
        const QByteArray n = jwkBytes(jwk, u"n"_s);
        QCOMPARE(n.size(), size);
        QVERIFY(quint8(n.at(0)) >= 0x80); // full-size modulus, no leading zero octet
        QCOMPARE(jwk.value("e"_L1).toString(), u"AQAB"_s); // 65537
    } else {
        QCOMPARE(jwk.value("crv"_L1).toString(), crv);
        QCOMPARE(jwkBytes(jwk, u"x"_s).size(), size);
        QCOMPARE(jwkBytes(jwk, u"y"_s).size(), size);
    }
}

void TestKeyPair::jwkReimportVerifies_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("keyName");
    for (const auto &[alg, name] :
         {std::pair{"RS256", "rsa"}, std::pair{"RS512", "rsa"}, std::pair{"PS256", "rsa"},
          std::pair{"PS384", "rsa"}, std::pair{"ES256", "p256"}, std::pair{"ES384", "p384"},
          std::pair{"ES512", "p521"}, std::pair{"ES256K", "p256k"}})
        QTest::newRow(alg) << QString::fromLatin1(alg) << QString::fromLatin1(name);
}

void TestKeyPair::jwkReimportVerifies()
{
    QFETCH(QString, alg);
    QFETCH(QString, keyName);
    const KeyPair k = key(keyName);
    const ossl::Pkey imported = importJwk(k.publicJwk());
    QVERIFY(imported);
    QCOMPARE(publicDer(imported.get()), k.publicKeyDer());

    const QByteArray data = "header.payload"_ba;
    // The leading-zero case of the EC coordinates comes up in some of these signatures.
    for (int i = 0; i < 4; ++i) {
        const std::optional<QByteArray> sig = k.signData(alg, data + QByteArray::number(i));
        QVERIFY(sig);
        QVERIFY(opensslVerify(imported.get(), alg, data + QByteArray::number(i), *sig));
        QVERIFY(!opensslVerify(imported.get(), alg, data + QByteArray::number(i + 1), *sig));
    }
}

void TestKeyPair::encryptDecrypt_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<int>("plaintextSize");
    QTest::addColumn<bool>("fits");

    // RFC 8017: k - 11 for PKCS#1 v1.5, k - 2 hLen - 2 for OAEP (k = 256 here).
    const std::pair<const char *, int> limits[] = {
        {"RSA1_5", 245}, {"RSA-OAEP", 214}, {"RSA-OAEP-256", 190}};
    for (const auto &[alg, max] : limits) {
        for (const int size : {1, 16, 32, max, max + 1}) {
            QTest::addRow("%s %d", alg, size) << QString::fromLatin1(alg) << size << (size <= max);
        }
    }
}

void TestKeyPair::encryptDecrypt()
{
    QFETCH(QString, alg);
    QFETCH(int, plaintextSize);
    QFETCH(bool, fits);
    const KeyPair k = key(u"rsa"_s);
    QByteArray plaintext(plaintextSize, Qt::Uninitialized);
    for (int i = 0; i < plaintextSize; ++i)
        plaintext[i] = char(i * 7 + 1);

    const std::optional<QByteArray> ciphertext = k.encrypt(alg, plaintext);
    QCOMPARE(ciphertext.has_value(), fits);
    if (!fits)
        return;
    QCOMPARE(ciphertext->size(), 256);
    if (plaintextSize >= 16)
        QVERIFY(!ciphertext->contains(plaintext));
    const std::optional<QByteArray> decrypted = k.decrypt(alg, *ciphertext);
    QVERIFY(decrypted);
    QCOMPARE(*decrypted, plaintext);

    // All three paddings are randomised.
    const std::optional<QByteArray> again = k.encrypt(alg, plaintext);
    QVERIFY(again);
    QVERIFY(*again != *ciphertext);
    QCOMPARE(k.decrypt(alg, *again).value_or(QByteArray()), plaintext);

    // Another key, a tampered or truncated ciphertext.
    const std::optional<QByteArray> otherKey = key(u"rsa2"_s).decrypt(alg, *ciphertext);
    QVERIFY(!otherKey || *otherKey != plaintext);
    QVERIFY(!k.decrypt(alg, ciphertext->chopped(1)));
    QVERIFY(!k.decrypt(alg, QByteArray()));
    if (alg != "RSA1_5"_L1) // OAEP detects any change
        QVERIFY(!k.decrypt(alg, flipBit(*ciphertext, 100)));
}

void TestKeyPair::wrongPaddingFails_data()
{
    QTest::addColumn<QString>("encryptWith");
    QTest::addColumn<QString>("decryptWith");
    QTest::addColumn<bool>("alwaysFails");

    // OAEP's checks reject anything else (RFC 8017 §7.1.2). PKCS#1 v1.5 decryption of an
    // OAEP block fails unless its random-looking bytes happen to form valid v1.5 padding
    // (well under 1 %), so that row only requires that the plaintext does not come back.
    QTest::newRow("RSA1_5 as RSA-OAEP") << u"RSA1_5"_s << u"RSA-OAEP"_s << true;
    QTest::newRow("RSA1_5 as RSA-OAEP-256") << u"RSA1_5"_s << u"RSA-OAEP-256"_s << true;
    QTest::newRow("RSA-OAEP as RSA-OAEP-256") << u"RSA-OAEP"_s << u"RSA-OAEP-256"_s << true;
    QTest::newRow("RSA-OAEP-256 as RSA-OAEP") << u"RSA-OAEP-256"_s << u"RSA-OAEP"_s << true;
    QTest::newRow("RSA-OAEP as RSA1_5") << u"RSA-OAEP"_s << u"RSA1_5"_s << false;
    QTest::newRow("RSA-OAEP-256 as RSA1_5") << u"RSA-OAEP-256"_s << u"RSA1_5"_s << false;
    QTest::newRow("RSA-OAEP as unknown") << u"RSA-OAEP"_s << u"RSA-OAEP-384"_s << true;
}

void TestKeyPair::wrongPaddingFails()
{
    QFETCH(QString, encryptWith);
    QFETCH(QString, decryptWith);
    QFETCH(bool, alwaysFails);
    const KeyPair k = key(u"rsa"_s);
    const QByteArray plaintext = "a 256-bit content encryption key"_ba;
    for (int i = 0; i < 8; ++i) {
        const std::optional<QByteArray> ciphertext = k.encrypt(encryptWith, plaintext);
        QVERIFY(ciphertext);
        const std::optional<QByteArray> decrypted = k.decrypt(decryptWith, *ciphertext);
        if (alwaysFails)
            QVERIFY(!decrypted);
        else
            QVERIFY(!decrypted || *decrypted != plaintext);
    }
}

void TestKeyPair::encryptRejects()
{
    QVERIFY(!key(u"p256"_s).encrypt(u"RSA-OAEP"_s, "x"_ba));
    QVERIFY(!key(u"p256"_s).decrypt(u"RSA-OAEP"_s, QByteArray(64, 'x')));
    for (const QString &alg : {u"RSA-OAEP-384"_s, u"rsa-oaep"_s, u"A256KW"_s, QString()})
        QVERIFY2(!key(u"rsa"_s).encrypt(alg, "x"_ba), qPrintable(alg));
}

void TestKeyPair::pemRoundTrip_data()
{
    QTest::addColumn<QString>("keyName");
    QTest::addColumn<QString>("alg");
    QTest::newRow("RSA") << u"rsa"_s << u"PS256"_s;
    QTest::newRow("P-256") << u"p256"_s << u"ES256"_s;
    QTest::newRow("P-384") << u"p384"_s << u"ES384"_s;
    QTest::newRow("P-521") << u"p521"_s << u"ES512"_s;
    QTest::newRow("P-256K") << u"p256k"_s << u"ES256K"_s;
}

void TestKeyPair::pemRoundTrip()
{
    QFETCH(QString, keyName);
    QFETCH(QString, alg);
    const KeyPair k = key(keyName);
    const QByteArray pem = k.privateKeyPem();
    QVERIFY(pem.startsWith("-----BEGIN PRIVATE KEY-----\n")); // PKCS#8, unencrypted
    QVERIFY(pem.endsWith("-----END PRIVATE KEY-----\n"));

    const std::optional<KeyPair> back = KeyPair::fromPrivateKeyPem(pem);
    QVERIFY(back);
    QCOMPARE(int(back->type()), int(k.type()));
    QCOMPARE(back->bits(), k.bits());
    QCOMPARE(back->curve(), k.curve());
    QCOMPARE(back->publicKeyDer(), k.publicKeyDer());
    QCOMPARE(back->privateKeyPem(), pem);
    // The private half came back: what it signs the original verifies.
    const std::optional<QByteArray> sig = back->signData(alg, "round trip"_ba);
    QVERIFY(sig);
    QVERIFY(k.verifyData(alg, "round trip"_ba, *sig));
}

void TestKeyPair::pemTraditionalFormats_data()
{
    QTest::addColumn<QString>("keyName");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("RSA PRIVATE KEY") << u"rsa"_s << "-----BEGIN RSA PRIVATE KEY-----"_ba;
    QTest::newRow("EC PRIVATE KEY") << u"p384"_s << "-----BEGIN EC PRIVATE KEY-----"_ba;
    QTest::newRow("EC PRIVATE KEY secp256k1") << u"p256k"_s << "-----BEGIN EC PRIVATE KEY-----"_ba;
}

void TestKeyPair::pemTraditionalFormats()
{
    QFETCH(QString, keyName);
    QFETCH(QByteArray, header);
    const KeyPair k = key(keyName);
    const QByteArray pkcs8 = k.privateKeyPem();
    ossl::Bio in = ossl::readBio(pkcs8);
    ossl::Pkey pkey(PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr));
    QVERIFY(pkey);
    ossl::Bio out = ossl::writeBio();
    QVERIFY(PEM_write_bio_PrivateKey_traditional(out.get(), pkey.get(), nullptr, nullptr, 0,
                                                 nullptr, nullptr)
            == 1);
    const QByteArray traditional = ossl::bioBytes(out.get());
    QVERIFY(traditional.startsWith(header));

    const std::optional<KeyPair> back = KeyPair::fromPrivateKeyPem(traditional);
    QVERIFY(back);
    QCOMPARE(back->publicKeyDer(), k.publicKeyDer());
    QCOMPARE(back->curve(), k.curve());
}

void TestKeyPair::pemRejects_data()
{
    QTest::addColumn<QByteArray>("pem");

    const KeyPair rsa = key(u"rsa"_s);
    const QByteArray pkcs8 = rsa.privateKeyPem();
    ossl::Bio in = ossl::readBio(pkcs8);
    const ossl::Pkey pkey(PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr));

    ossl::Bio encrypted = ossl::writeBio();
    static const char passphrase[] = "secret";
    if (PEM_write_bio_PKCS8PrivateKey(encrypted.get(), pkey.get(), EVP_aes_256_cbc(), passphrase,
                                      int(sizeof passphrase - 1), nullptr, nullptr)
        != 1)
        QFAIL("cannot write an encrypted key");
    ossl::Bio pub = ossl::writeBio();
    if (PEM_write_bio_PUBKEY(pub.get(), pkey.get()) != 1)
        QFAIL("cannot write a public key");
    ossl::Pkey ed25519(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    ossl::Bio ed = ossl::writeBio();
    if (!ed25519
        || PEM_write_bio_PrivateKey(ed.get(), ed25519.get(), nullptr, nullptr, 0, nullptr, nullptr)
               != 1)
        QFAIL("cannot write an Ed25519 key");
    ossl::Pkey p224(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-224"));
    ossl::Bio p224Pem = ossl::writeBio();
    if (!p224
        || PEM_write_bio_PrivateKey(p224Pem.get(), p224.get(), nullptr, nullptr, 0, nullptr,
                                    nullptr)
               != 1)
        QFAIL("cannot write a P-224 key");

    QByteArray truncated = rsa.privateKeyPem();
    truncated.truncate(truncated.size() / 2);
    QByteArray corrupted = rsa.privateKeyPem();
    corrupted[100] = '*';

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not PEM") << "hello"_ba;
    QTest::newRow("truncated") << truncated;
    QTest::newRow("corrupted base64") << corrupted;
    QTest::newRow("encrypted PKCS#8") << ossl::bioBytes(encrypted.get());
    QTest::newRow("public key") << ossl::bioBytes(pub.get());
    QTest::newRow("Ed25519") << ossl::bioBytes(ed.get());
    QTest::newRow("P-224") << ossl::bioBytes(p224Pem.get());
}

void TestKeyPair::pemRejects()
{
    QFETCH(QByteArray, pem);
    QVERIFY(!KeyPair::fromPrivateKeyPem(pem)); // and never prompts for a passphrase
}

void TestKeyPair::publicKeyOnly_data()
{
    QTest::addColumn<QString>("keyName");
    QTest::addColumn<QString>("alg");
    QTest::addColumn<bool>("fromCertificate"); // else from a PUBLIC KEY block
    QTest::newRow("RSA") << u"rsa"_s << u"RS256"_s << false;
    QTest::newRow("P-256") << u"p256"_s << u"ES256"_s << false;
    QTest::newRow("P-521") << u"p521"_s << u"ES512"_s << false;
    QTest::newRow("RSA certificate") << u"rsa"_s << u"PS256"_s << true;
    QTest::newRow("P-384 certificate") << u"p384"_s << u"ES384"_s << true;
}

void TestKeyPair::publicKeyOnly()
{
    QFETCH(QString, keyName);
    QFETCH(QString, alg);
    QFETCH(bool, fromCertificate);
    const KeyPair k = key(keyName);
    QVERIFY(k.hasPrivateKey());
    const QByteArray publicPem = k.publicKeyPem();
    QVERIFY(publicPem.startsWith("-----BEGIN PUBLIC KEY-----\n"));

    QByteArray pem = publicPem;
    if (fromCertificate) {
        // A minimal self-signed certificate for the key, made with plain OpenSSL.
        const QByteArray pkcs8 = k.privateKeyPem();
        ossl::Bio in = ossl::readBio(pkcs8);
        const ossl::Pkey pkey(PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr));
        ossl::X509Ptr cert(X509_new());
        QVERIFY(pkey && cert);
        QVERIFY(X509_set_pubkey(cert.get(), pkey.get()) == 1);
        QVERIFY(X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0) != nullptr);
        QVERIFY(X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600) != nullptr);
        QVERIFY(X509_sign(cert.get(), pkey.get(), EVP_sha256()) > 0);
        pem = ossl::certificatePem(cert.get());
        QVERIFY(pem.startsWith("-----BEGIN CERTIFICATE-----"));
    }

    const std::optional<KeyPair> pub = KeyPair::fromPublicKeyPem(pem);
    QVERIFY(pub);
    QVERIFY(!pub->hasPrivateKey());
    QCOMPARE(int(pub->type()), int(k.type()));
    QCOMPARE(pub->curve(), k.curve());
    QCOMPARE(pub->bits(), k.bits());
    QCOMPARE(pub->publicKeyDer(), k.publicKeyDer());
    QCOMPARE(pub->publicKeyPem(), publicPem);
    QCOMPARE(pub->publicJwk(), k.publicJwk());
    QVERIFY(pub->privateKeyPem().isEmpty());

    // Verifies what the private key signs, and cannot sign itself.
    const std::optional<QByteArray> sig = k.signData(alg, "data"_ba);
    QVERIFY(sig);
    QVERIFY(pub->verifyData(alg, "data"_ba, *sig));
    QVERIFY(!pub->verifyData(alg, "date"_ba, *sig));
    QVERIFY(!pub->signData(alg, "data"_ba));
    QVERIFY(!pub->signDigest(alg, *vl::sandbox::jwsDigest(alg, "data"_ba)));
    QVERIFY(!KeyPair::fromPrivateKeyPem(pem));

    if (k.type() == KeyPair::Type::Rsa) {
        const std::optional<QByteArray> ciphertext = pub->encrypt(u"RSA-OAEP-256"_s, "wrapped"_ba);
        QVERIFY(ciphertext);
        QVERIFY(!pub->decrypt(u"RSA-OAEP-256"_s, *ciphertext));
        QCOMPARE(k.decrypt(u"RSA-OAEP-256"_s, *ciphertext).value_or(QByteArray()), "wrapped"_ba);
    }
}

void TestKeyPair::publicKeyPemRejects_data()
{
    QTest::addColumn<QByteArray>("pem");
    QByteArray corrupted = key(u"rsa"_s).publicKeyPem();
    corrupted[40] = '*';
    ossl::Pkey ed25519(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    ossl::Bio ed = ossl::writeBio();
    QVERIFY(ed25519 && PEM_write_bio_PUBKEY(ed.get(), ed25519.get()) == 1);

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not PEM") << "hello"_ba;
    QTest::newRow("corrupted") << corrupted;
    QTest::newRow("Ed25519") << ossl::bioBytes(ed.get());
}

void TestKeyPair::publicKeyPemRejects()
{
    QFETCH(QByteArray, pem);
    QVERIFY(!KeyPair::fromPublicKeyPem(pem));
    QVERIFY(KeyPair::fromPublicKeyPem(key(u"p256"_s).publicKeyPem())); // the control
}

QTEST_GUILESS_MAIN(TestKeyPair)
#include "tst_keypair.moc"

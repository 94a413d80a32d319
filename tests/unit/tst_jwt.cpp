// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/Base64Url.h"
#include "crypto/Jwt.h"
#include "crypto/KeyPair.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace Qt::StringLiterals;
using vl::base64UrlDecode;
using vl::base64UrlEncode;
using vl::sandbox::DecodedJwt;
using vl::sandbox::Jwt;
using vl::sandbox::KeyPair;

namespace {

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A JWS built by hand: header and claims as given, signed by @p signer with @p alg.
QByteArray makeToken(const QByteArray &headerJson, const QByteArray &claimsJson,
                     const KeyPair &signer, const QString &alg)
{
    const QByteArray input = base64UrlEncode(headerJson) + '.' + base64UrlEncode(claimsJson);
    return input + '.' + base64UrlEncode(signer.signData(alg, input).value_or(QByteArray()));
}

QJsonObject sampleClaims()
{
    return QJsonObject{{u"aud"_s, u"https://vault.azure.net"_s},
                       {u"iss"_s, u"https://sts.windows.net/tenant/"_s},
                       {u"iat"_s, 1700000000},
                       {u"exp"_s, 1700003600},
                       {u"oid"_s, u"00000000-0000-0000-0000-000000000001"_s},
                       {u"roles"_s, QJsonArray{u"a"_s, u"b"_s}},
                       {u"name"_s, u"Zoë Ünïcode ✓"_s}};
}

} // namespace

class TestJwt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void signDecodeVerify();
    void headerIsEntraShaped_data();
    void headerIsEntraShaped();
    void signRequiresRsa();
    void tampering_data();
    void tampering();
    void algorithms_data();
    void algorithms();
    void hmacWithPublicKeyRejected();
    void decodeMalformed_data();
    void decodeMalformed();

private:
    KeyPair m_rsa;
    KeyPair m_rsa2;
    KeyPair m_p256;
};

void TestJwt::initTestCase()
{
    const auto rsa = KeyPair::generateRsa(2048);
    const auto rsa2 = KeyPair::generateRsa(2048);
    const auto p256 = KeyPair::generateEc(u"P-256"_s);
    QVERIFY(rsa && rsa2 && p256);
    m_rsa = *rsa;
    m_rsa2 = *rsa2;
    m_p256 = *p256;
}

void TestJwt::signDecodeVerify()
{
    const QJsonObject claims = sampleClaims();
    const QByteArray token = Jwt::signRs256(claims, m_rsa, u"kid-1"_s);
    QCOMPARE(token.count('.'), 2);
    QVERIFY(!token.contains('='));

    const std::optional<DecodedJwt> jwt = Jwt::decode(token);
    QVERIFY(jwt);
    QCOMPARE(jwt->claims, claims);
    QCOMPARE(jwt->header.value("alg"_L1).toString(), u"RS256"_s);
    QCOMPARE(jwt->signature.size(), 256);
    QCOMPARE(jwt->signingInput, token.left(token.lastIndexOf('.')));
    QCOMPARE(jwt->encodedHeader, token.left(token.indexOf('.')));
    QVERIFY(Jwt::verify(*jwt, m_rsa));
    // RFC 7515 §5.2: the signature covers the signing input with RS256 (RSASSA-PKCS1-v1_5).
    QVERIFY(m_rsa.verifyData(u"RS256"_s, jwt->signingInput, jwt->signature));

    QVERIFY(!Jwt::verify(*jwt, m_rsa2));
    QVERIFY(!Jwt::verify(*jwt, m_p256));
    QVERIFY(!Jwt::verify(*jwt, KeyPair()));
}

void TestJwt::headerIsEntraShaped_data()
{
    QTest::addColumn<QString>("kid");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("thumbprint")
        << u"nOo3ZDrODXEK1jKWhXslHR_KXEg"_s
        << R"({"typ":"JWT","alg":"RS256","kid":"nOo3ZDrODXEK1jKWhXslHR_KXEg","x5t":"nOo3ZDrODXEK1jKWhXslHR_KXEg"})"_ba;
    QTest::newRow("escaped") << uR"(a"b\c)"_s
                             << R"({"typ":"JWT","alg":"RS256","kid":"a\"b\\c","x5t":"a\"b\\c"})"_ba;
    QTest::newRow("empty") << QString() << R"({"typ":"JWT","alg":"RS256","kid":"","x5t":""})"_ba;
}

void TestJwt::headerIsEntraShaped()
{
    QFETCH(QString, kid);
    QFETCH(QByteArray, header);
    const QByteArray token = Jwt::signRs256(QJsonObject{{u"sub"_s, u"x"_s}}, m_rsa, kid);
    const std::optional<QByteArray> decoded = base64UrlDecode(token.left(token.indexOf('.')));
    QVERIFY(decoded);
    QCOMPARE(*decoded, header); // member order as Entra ID writes it, compact
    const std::optional<DecodedJwt> jwt = Jwt::decode(token);
    QVERIFY(jwt);
    QCOMPARE(jwt->header.value("kid"_L1).toString(), kid);
    QCOMPARE(jwt->header.value("x5t"_L1).toString(), kid);
    QCOMPARE(jwt->header.value("typ"_L1).toString(), u"JWT"_s);
    QVERIFY(Jwt::verify(*jwt, m_rsa));
}

void TestJwt::signRequiresRsa()
{
    QVERIFY(Jwt::signRs256(sampleClaims(), m_p256, u"k"_s).isEmpty());
    QVERIFY(Jwt::signRs256(sampleClaims(), KeyPair(), u"k"_s).isEmpty());
}

void TestJwt::tampering_data()
{
    QTest::addColumn<QString>("what");
    QTest::newRow("untouched") << u"none"_s; // the control: verifies
    QTest::newRow("claims changed") << u"claims"_s;
    QTest::newRow("claim added") << u"claim added"_s;
    QTest::newRow("header alg RS384") << u"alg"_s;
    QTest::newRow("header kid changed") << u"kid"_s;
    QTest::newRow("signature bit") << u"signature"_s;
    QTest::newRow("signature of another token") << u"swap"_s;
    QTest::newRow("header re-serialised") << u"spaces"_s;
}

void TestJwt::tampering()
{
    QFETCH(QString, what);
    const QByteArray token = Jwt::signRs256(sampleClaims(), m_rsa, u"kid"_s);
    QList<QByteArray> parts = token.split('.');
    QCOMPARE(parts.size(), 3);
    const QJsonObject header = QJsonDocument::fromJson(*base64UrlDecode(parts[0])).object();
    QJsonObject claims = sampleClaims();

    if (what == "claims"_L1) {
        claims.insert(u"oid"_s, u"00000000-0000-0000-0000-000000000002"_s);
        parts[1] = base64UrlEncode(compact(claims));
    } else if (what == "claim added"_L1) {
        claims.insert(u"admin"_s, true);
        parts[1] = base64UrlEncode(compact(claims));
    } else if (what == "alg"_L1) {
        QJsonObject h = header;
        h.insert(u"alg"_s, u"RS384"_s);
        parts[0] = base64UrlEncode(compact(h));
    } else if (what == "kid"_L1) {
        QJsonObject h = header;
        h.insert(u"kid"_s, u"other"_s);
        parts[0] = base64UrlEncode(compact(h));
    } else if (what == "signature"_L1) {
        QByteArray sig = *base64UrlDecode(parts[2]);
        sig[17] = char(sig.at(17) ^ 0x10);
        parts[2] = base64UrlEncode(sig);
    } else if (what == "swap"_L1) {
        parts[2] =
            Jwt::signRs256(QJsonObject{{u"sub"_s, u"other"_s}}, m_rsa, u"kid"_s).split('.')[2];
    } else if (what == "spaces"_L1) {
        // The same header members written differently: the signing input is what was
        // received, not a re-serialisation (RFC 7515 §5.2).
        parts[0] = base64UrlEncode(QJsonDocument(header).toJson(QJsonDocument::Indented));
    }
    const QByteArray changed = parts.join('.');
    const std::optional<DecodedJwt> jwt = Jwt::decode(changed);
    QVERIFY(jwt);
    QCOMPARE(Jwt::verify(*jwt, m_rsa), what == "none"_L1);
}

void TestJwt::algorithms_data()
{
    QTest::addColumn<QString>("headerAlg");
    QTest::addColumn<QString>("signWith"); // algorithm actually used to sign
    QTest::addColumn<bool>("ecKey");
    QTest::addColumn<bool>("valid");

    // RFC 7518 §3.1 asymmetric algorithms verify with a fitting key.
    for (const char *alg : {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"})
        QTest::newRow(alg) << QString::fromLatin1(alg) << QString::fromLatin1(alg) << false << true;
    QTest::newRow("ES256") << u"ES256"_s << u"ES256"_s << true << true;
    // Fail closed: "none" (§3.6), HMAC, unknown, mislabelled and missing algorithms, even
    // with a signature that is valid under some algorithm.
    QTest::newRow("none") << u"none"_s << u"RS256"_s << false << false;
    QTest::newRow("None") << u"None"_s << u"RS256"_s << false << false;
    QTest::newRow("HS256") << u"HS256"_s << u"RS256"_s << false << false;
    QTest::newRow("HS512") << u"HS512"_s << u"RS512"_s << false << false;
    QTest::newRow("lower case rs256") << u"rs256"_s << u"RS256"_s << false << false;
    QTest::newRow("RS256 with space") << u"RS256 "_s << u"RS256"_s << false << false;
    QTest::newRow("unknown RS1") << u"RS1"_s << u"RS256"_s << false << false;
    QTest::newRow("EdDSA") << u"EdDSA"_s << u"RS256"_s << false << false;
    QTest::newRow("empty") << QString() << u"RS256"_s << false << false;
    QTest::newRow("missing") << u"<missing>"_s << u"RS256"_s << false << false;
    QTest::newRow("number") << u"<number>"_s << u"RS256"_s << false << false;
    QTest::newRow("RS256 labelled PS256") << u"PS256"_s << u"RS256"_s << false << false;
    QTest::newRow("PS256 labelled RS256") << u"RS256"_s << u"PS256"_s << false << false;
    QTest::newRow("ES256 header, RSA key") << u"ES256"_s << u"RS256"_s << false << false;
    QTest::newRow("crit header") << u"<crit>"_s << u"RS256"_s << false << false;
}

void TestJwt::algorithms()
{
    QFETCH(QString, headerAlg);
    QFETCH(QString, signWith);
    QFETCH(bool, ecKey);
    QFETCH(bool, valid);
    QJsonObject header{{u"typ"_s, u"JWT"_s}};
    if (headerAlg == "<number>"_L1) {
        header.insert(u"alg"_s, 256);
    } else if (headerAlg == "<crit>"_L1) {
        header.insert(u"alg"_s, u"RS256"_s);
        header.insert(u"crit"_s, QJsonArray{u"exp"_s});
    } else if (headerAlg != "<missing>"_L1) {
        header.insert(u"alg"_s, headerAlg);
    }
    const KeyPair &key = ecKey ? m_p256 : m_rsa;
    const QByteArray token = makeToken(compact(header), compact(sampleClaims()), key, signWith);
    const std::optional<DecodedJwt> jwt = Jwt::decode(token);
    QVERIFY(jwt);
    QCOMPARE(Jwt::verify(*jwt, key), valid);
}

void TestJwt::hmacWithPublicKeyRejected()
{
    // The classic confusion attack: HS256 keyed with the verifier's public key.
    const QByteArray header = compact(QJsonObject{{u"alg"_s, u"HS256"_s}, {u"typ"_s, u"JWT"_s}});
    const QByteArray input =
        base64UrlEncode(header) + '.' + base64UrlEncode(compact(sampleClaims()));
    for (const QByteArray &secret : {m_rsa.publicKeyDer(), m_rsa.privateKeyPem()}) {
        const QByteArray mac =
            QMessageAuthenticationCode::hash(input, secret, QCryptographicHash::Sha256);
        const std::optional<DecodedJwt> jwt = Jwt::decode(input + '.' + base64UrlEncode(mac));
        QVERIFY(jwt);
        QVERIFY(!Jwt::verify(*jwt, m_rsa));
    }
}

void TestJwt::decodeMalformed_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<bool>("decodes");

    const QByteArray h = base64UrlEncode(R"({"alg":"RS256","typ":"JWT"})"_ba);
    const QByteArray p = base64UrlEncode(R"({"sub":"x"})"_ba);
    const QByteArray s = base64UrlEncode("signature bytes"_ba);
    const auto b64 = [](const char *json) {
        return base64UrlEncode(QByteArray(json));
    };

    QTest::newRow("well formed") << h + '.' + p + '.' + s << true;
    QCOMPARE(h.size() % 4, 0);
    QCOMPARE(p.size() % 4, 3);
    QTest::newRow("header with a stray =") << h + "=." + p + '.' + s << false;
    QTest::newRow("payload padded") << h + '.' + p + "=." + s << true; // tolerated
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("one part") << h << false;
    QTest::newRow("two parts") << h + '.' + p << false;
    QTest::newRow("four parts") << h + '.' + p + '.' + s + '.' + s << false;
    QTest::newRow("five parts (JWE)") << h + '.' + p + '.' + s + '.' + s + '.' + s << false;
    QTest::newRow("dots only") << ".."_ba << false;
    QTest::newRow("empty header") << '.' + p + '.' + s << false;
    QTest::newRow("empty payload") << h + ".." + s << false;
    QTest::newRow("empty signature (alg none form)") << h + '.' + p + '.' << false;
    QTest::newRow("trailing dot") << h + '.' + p + '.' + s + '.' << false;
    QTest::newRow("not base64url") << "!!!.???.***"_ba << false;
    QTest::newRow("standard base64 plus") << h + '.' + p + '.' + "ab+c"_ba << false;
    QTest::newRow("whitespace") << h + '.' + p + ". " + s << false;
    QTest::newRow("header length 4n+1") << h + "A." + p + '.' + s << false;
    QTest::newRow("header array") << b64("[1,2]") + '.' + p + '.' + s << false;
    QTest::newRow("header null") << b64("null") + '.' + p + '.' + s << false;
    QTest::newRow("header string") << b64("\"RS256\"") + '.' + p + '.' + s << false;
    QTest::newRow("header number") << b64("42") + '.' + p + '.' + s << false;
    QTest::newRow("header truncated json") << b64("{\"alg\":\"RS2") + '.' + p + '.' + s << false;
    QTest::newRow("header trailing garbage") << b64("{} x") + '.' + p + '.' + s << false;
    QTest::newRow("payload array") << h + '.' + b64("[]") + '.' + s << false;
    QTest::newRow("payload plain text") << h + '.' + b64("hello") + '.' + s << false;
    QTest::newRow("payload not base64") << h + ".e30$." + s << false;
    QTest::newRow("empty objects") << b64("{}") + '.' + b64("{}") + '.' + s << true;
}

void TestJwt::decodeMalformed()
{
    QFETCH(QByteArray, token);
    QFETCH(bool, decodes);
    const std::optional<DecodedJwt> jwt = Jwt::decode(token);
    QCOMPARE(jwt.has_value(), decodes);
    if (jwt) // well formed but not signed by this key
        QVERIFY(!Jwt::verify(*jwt, m_rsa));
}

QTEST_GUILESS_MAIN(TestJwt)
#include "tst_jwt.moc"

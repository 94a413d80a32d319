// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestCertificates.h"
#include "auth/Base64Url.h"
#include "auth/ClientCertificate.h"
#include "crypto/Jwt.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

/// Reading client certificates (PEM, PKCS#12) and signing client assertions.
class TestClientCertificate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void reads_data();
    void reads();
    void refuses_data();
    void refuses();
    void pemWithChainPicksTheKeysCertificate();
    void fromFile();
    void assertion_data();
    void assertion();
    void assertionWithChain();

private:
    std::optional<TestCertificate> m_cert;
    std::optional<TestCertificate> m_other;
    std::optional<TestCertificate> m_ec;
};

void TestClientCertificate::initTestCase()
{
    m_cert = makeCertificate(u"CN=ci-pipeline"_s);
    m_other = makeCertificate(u"CN=other"_s);
    m_ec = makeCertificate(u"CN=ec"_s, u"P-256"_s);
    QVERIFY(m_cert && m_other && m_ec);
}

void TestClientCertificate::reads_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("password");
    QTest::newRow("PEM") << m_cert->pem << QByteArray();
    QTest::newRow("PEM, certificate first")
        << QByteArray(m_cert->certificatePem + m_cert->bundle.key.privateKeyPem()) << QByteArray();
    QTest::newRow("encrypted PEM") << encryptedPem(*m_cert, "pa55"_ba) << "pa55"_ba;
    QTest::newRow("PFX without a password") << m_cert->pfx << QByteArray();
    QTest::newRow("PFX with a password") << protectedPfx(*m_cert, "pa55"_ba) << "pa55"_ba;
}

void TestClientCertificate::reads()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, password);
    const Result<ClientCertificate> c = ClientCertificate::fromData(data, password);
    QVERIFY2(c.ok(), qPrintable(c.error().message));
    QVERIFY(!c->isNull());
    QCOMPARE(c->certificateDer(), m_cert->bundle.certificate.der);
    QCOMPARE(c->subject(), u"CN=ci-pipeline"_s);
    QVERIFY(c->expiresOn() > QDateTime::currentDateTimeUtc().addDays(300));
    QCOMPARE(c->thumbprintSha1(), base64UrlEncode(m_cert->bundle.certificate.sha1Thumbprint));
    QCOMPARE(c->thumbprintSha256(), base64UrlEncode(m_cert->bundle.certificate.sha256Thumbprint));
}

void TestClientCertificate::refuses_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("garbage") << "hello"_ba << QByteArray() << u"neither PEM nor PKCS#12"_s;
    QTest::newRow("empty") << QByteArray() << QByteArray() << u"neither PEM nor PKCS#12"_s;
    QTest::newRow("certificate without key")
        << m_cert->certificatePem << QByteArray() << u"no private key"_s;
    QTest::newRow("key without certificate")
        << m_cert->bundle.key.privateKeyPem() << QByteArray() << u"no certificate"_s;
    QTest::newRow("key of another certificate")
        << QByteArray(m_other->bundle.key.privateKeyPem() + m_cert->certificatePem) << QByteArray()
        << u"does not belong"_s;
    QTest::newRow("EC key") << m_ec->pem << QByteArray() << u"RSA"_s;
    QTest::newRow("encrypted PEM, wrong password")
        << encryptedPem(*m_cert, "pa55"_ba) << "nope"_ba << u"password"_s;
    QTest::newRow("encrypted PEM, no password")
        << encryptedPem(*m_cert, "pa55"_ba) << QByteArray() << u"password"_s;
    QTest::newRow("PFX, wrong password")
        << protectedPfx(*m_cert, "pa55"_ba) << "nope"_ba << u"wrong password"_s;
    QTest::newRow("truncated PFX")
        << m_cert->pfx.left(100) << QByteArray() << u"neither PEM nor PKCS#12"_s;
}

void TestClientCertificate::refuses()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, password);
    QFETCH(QString, messagePart);
    const Result<ClientCertificate> c = ClientCertificate::fromData(data, password);
    QVERIFY(!c.ok());
    QCOMPARE(c.error().kind, AzureError::Kind::Unauthenticated);
    QVERIFY2(c.error().message.contains(messagePart), qPrintable(c.error().message));
}

void TestClientCertificate::pemWithChainPicksTheKeysCertificate()
{
    // Another certificate first (as an issuer would be), then the key and its certificate.
    const QByteArray pem = m_other->certificatePem + m_cert->pem;
    const Result<ClientCertificate> c = ClientCertificate::fromPem(pem);
    QVERIFY2(c.ok(), qPrintable(c.error().message));
    QCOMPARE(c->certificateDer(), m_cert->bundle.certificate.der);
    QCOMPARE(c->chainDer(), QList<QByteArray>{m_other->bundle.certificate.der});
}

void TestClientCertificate::fromFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"app.pfx"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(protectedPfx(*m_cert, "x"_ba));
    f.close();
    QVERIFY(ClientCertificate::fromFile(path, "x"_ba).ok());
    const Result<ClientCertificate> missing = ClientCertificate::fromFile(dir.filePath(u"no"_s));
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().message.contains("cannot be read"_L1));
}

void TestClientCertificate::assertion_data()
{
    QTest::addColumn<int>("algorithm");
    QTest::addColumn<QString>("alg");
    QTest::addColumn<bool>("sha1Thumbprint");
    QTest::newRow("RS256") << int(ClientCertificate::Algorithm::Rs256) << u"RS256"_s << true;
    QTest::newRow("PS256") << int(ClientCertificate::Algorithm::Ps256) << u"PS256"_s << false;
}

void TestClientCertificate::assertion()
{
    QFETCH(int, algorithm);
    QFETCH(QString, alg);
    QFETCH(bool, sha1Thumbprint);
    const Result<ClientCertificate> c = ClientCertificate::fromPem(m_cert->pem);
    QVERIFY(c.ok());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString audience = u"https://login.microsoftonline.com/tid/oauth2/v2.0/token"_s;
    const QByteArray jwt =
        c->assertion(u"app-id"_s, audience, now, ClientCertificate::Algorithm(algorithm));
    QVERIFY(!jwt.isEmpty());

    // Checked with the sandbox's verifier, as Entra ID would check it.
    const auto decoded = sandbox::Jwt::decode(jwt);
    QVERIFY(decoded);
    const auto key = sandbox::KeyPair::fromPublicKeyPem(m_cert->certificatePem);
    QVERIFY(key);
    QVERIFY(sandbox::Jwt::verify(*decoded, *key));
    QVERIFY(!sandbox::Jwt::verify(*decoded,
                                  *sandbox::KeyPair::fromPublicKeyPem(m_other->certificatePem)));
    QCOMPARE(decoded->header.value("alg"_L1).toString(), alg);
    QCOMPARE(decoded->header.value("typ"_L1).toString(), u"JWT"_s);
    QCOMPARE(decoded->header.value("x5t#S256"_L1).toString(),
             QString::fromLatin1(c->thumbprintSha256()));
    QCOMPARE(decoded->header.contains("x5t"_L1), sha1Thumbprint);
    if (sha1Thumbprint)
        QCOMPARE(decoded->header.value("x5t"_L1).toString(),
                 QString::fromLatin1(base64UrlEncode(QCryptographicHash::hash(
                     m_cert->bundle.certificate.der, QCryptographicHash::Sha1))));
    QVERIFY(!decoded->header.contains("x5c"_L1));
    const QJsonObject &claims = decoded->claims;
    QCOMPARE(claims.value("aud"_L1).toString(), audience);
    QCOMPARE(claims.value("iss"_L1).toString(), u"app-id"_s);
    QCOMPARE(claims.value("sub"_L1).toString(), u"app-id"_s);
    QCOMPARE(claims.value("jti"_L1).toString().size(), 36);
    QCOMPARE(qint64(claims.value("nbf"_L1).toDouble()), now.toSecsSinceEpoch());
    QCOMPARE(qint64(claims.value("iat"_L1).toDouble()), now.toSecsSinceEpoch());
    QCOMPARE(qint64(claims.value("exp"_L1).toDouble()), now.toSecsSinceEpoch() + 600);
    // A fresh jti every time.
    const QByteArray again =
        c->assertion(u"app-id"_s, audience, now, ClientCertificate::Algorithm(algorithm));
    QVERIFY(sandbox::Jwt::decode(again)->claims.value("jti"_L1) != claims.value("jti"_L1));
}

void TestClientCertificate::assertionWithChain()
{
    const Result<ClientCertificate> c =
        ClientCertificate::fromPem(m_cert->pem + m_other->certificatePem);
    QVERIFY(c.ok());
    const QByteArray jwt =
        c->assertion(u"a"_s, u"https://x/t/oauth2/v2.0/token"_s, QDateTime::currentDateTimeUtc(),
                     ClientCertificate::Algorithm::Rs256, true);
    const auto decoded = sandbox::Jwt::decode(jwt);
    QVERIFY(decoded);
    const QJsonArray x5c = decoded->header.value("x5c"_L1).toArray();
    QCOMPARE(x5c.size(), 2);
    QCOMPARE(x5c.at(0).toString(), QString::fromLatin1(m_cert->bundle.certificate.der.toBase64()));
    QCOMPARE(x5c.at(1).toString(), QString::fromLatin1(m_other->bundle.certificate.der.toBase64()));
}

QTEST_GUILESS_MAIN(TestClientCertificate)
#include "tst_clientcertificate.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "SandboxFixture.h"
#include "auth/Base64Url.h"
#include "crypto/Certificate.h"
#include "crypto/CertificateRequests.h"
#include "crypto/KeyPair.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using sandbox::CertificateRequests;
using sandbox::Certificates;
using sandbox::KeyPair;
using vl::base64UrlEncode;

namespace {

/// The create body the JS SDK sends for a self-signed certificate (PROTOCOL.md §9).
QJsonObject sdkCreateBody(const QString &subject, const QString &issuer = u"Self"_s)
{
    return QJsonObject{
        {u"policy"_s, QJsonObject{{u"key_props"_s, QJsonObject{}},
                                  {u"secret_props"_s, QJsonObject{}},
                                  {u"x509_props"_s, QJsonObject{{u"subject"_s, subject},
                                                                {u"sans"_s, QJsonObject{}},
                                                                {u"validity_months"_s, 12}}},
                                  {u"issuer"_s, QJsonObject{{u"name"_s, issuer}}},
                                  {u"attributes"_s, QJsonObject{}}}},
        {u"attributes"_s, QJsonObject{}}};
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

/// The DER of the first CERTIFICATE block of @p pem.
QByteArray pemToDer(const QByteArray &pem)
{
    const qsizetype begin = pem.indexOf("-----BEGIN CERTIFICATE-----");
    const qsizetype end = pem.indexOf("-----END CERTIFICATE-----");
    if (begin < 0 || end < 0)
        return {};
    return QByteArray::fromBase64(pem.mid(begin + 27, end - begin - 27));
}

} // namespace

/// The Key Vault data plane of the sandbox, certificates, over real HTTPS.
class TestSandboxCertificates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void createSelfSignedAsTheSdkDoes();
    void serviceDefaultsFillTheSdkPolicy();
    void backingSecretAndKey();
    void managedKeyAndSecretAreReadOnly();
    void pemContentType();
    void importPemWithoutContentType();
    void importPfxMadeWithOpenSsl();
    void mergeWithUnknownIssuer();
    void cancelAndDeletePendingOperation();
    void listsAndVersions();
    void updateAttributes();
    void updatePolicy();
    void createErrors_data();
    void createErrors();
    void deleteRecoverAndPurge();
    void purgeProtectionRefusesPurge();
    void backupAndRestore();
    void contacts();
    void issuers();
    void demoSeedCertificates();

private:
    QUrl url(const QString &path, const QString &vault = u"kv-contoso-dev"_s) const
    {
        return m_sandbox->vaultUrl(vault, path);
    }
    HttpReply send(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                   const QString &vault = u"kv-contoso-dev"_s)
    {
        if (body.isEmpty())
            return m_sandbox->http().send(method, url(path, vault), {},
                                          {{"Authorization", "Bearer " + m_token}});
        return m_sandbox->http().sendJson(method, url(path, vault), body, m_token);
    }
    HttpReply get(const QString &path, const QString &vault = u"kv-contoso-dev"_s)
    {
        return m_sandbox->http().get(url(path, vault), m_token);
    }
    /// Creates a self-signed certificate and answers its bundle.
    QJsonObject createSelfSigned(const QString &name, const QJsonObject &body)
    {
        if (send("POST", u"/certificates/"_s + name + u"/create"_s, body).status != 202)
            return {};
        return get(u"/certificates/"_s + name).json();
    }
    /// Runs the openssl command in @p dir; false (with a message) when it fails.
    bool openssl(const QTemporaryDir &dir, const QStringList &arguments)
    {
        QProcess process;
        process.setWorkingDirectory(dir.path());
        process.start(m_openssl, arguments);
        if (!process.waitForFinished(60000) || process.exitCode() != 0) {
            qWarning("openssl %s: %s", qPrintable(arguments.join(u' ')),
                     process.readAllStandardError().constData());
            return false;
        }
        return true;
    }

    /// Signs @p csr with a new CA made with the openssl CLI (checking the CSR on the way).
    bool signWithTestCa(const QByteArray &csr, QByteArray &signedDer, QByteArray &caDer)
    {
        QTemporaryDir dir;
        const bool ok = writeFile(dir.filePath(u"request.der"_s), csr)
                        && openssl(dir, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                                         u"ec_paramgen_curve:P-256"_s, u"-nodes"_s, u"-keyout"_s,
                                         u"ca-key.pem"_s, u"-out"_s, u"ca.pem"_s, u"-days"_s,
                                         u"30"_s, u"-subj"_s, u"/CN=Contoso Test CA"_s})
                        && openssl(dir, {u"req"_s, u"-in"_s, u"request.der"_s, u"-inform"_s,
                                         u"DER"_s, u"-verify"_s, u"-noout"_s})
                        && openssl(dir, {u"x509"_s, u"-req"_s, u"-in"_s, u"request.der"_s,
                                         u"-inform"_s, u"DER"_s, u"-CA"_s, u"ca.pem"_s, u"-CAkey"_s,
                                         u"ca-key.pem"_s, u"-CAcreateserial"_s, u"-days"_s, u"20"_s,
                                         u"-outform"_s, u"DER"_s, u"-out"_s, u"signed.der"_s});
        signedDer = readFile(dir.filePath(u"signed.der"_s));
        caDer = pemToDer(readFile(dir.filePath(u"ca.pem"_s)));
        return ok && !signedDer.isEmpty() && !caDer.isEmpty();
    }

    std::unique_ptr<SandboxFixture> m_sandbox;
    QByteArray m_token;
    QString m_openssl;
};

void TestSandboxCertificates::initTestCase()
{
    m_sandbox = std::make_unique<SandboxFixture>();
    QVERIFY2(m_sandbox->isRunning(), qPrintable(m_sandbox->startError()));
    m_token = m_sandbox->automationToken();
    QVERIFY(!m_token.isEmpty());
    m_openssl = QStandardPaths::findExecutable(u"openssl"_s);
}

void TestSandboxCertificates::createSelfSignedAsTheSdkDoes()
{
    HttpReply r = send("POST", u"/certificates/sdk-cert/create"_s,
                       sdkCreateBody(u"CN=sdk.contoso.example"_s));
    QCOMPARE(r.status, 202);
    const QString origin = m_sandbox->vaultOrigin(u"kv-contoso-dev"_s);
    QCOMPARE(r.json().value("id"_L1).toString(), origin + u"/certificates/sdk-cert/pending"_s);
    QCOMPARE(r.json().value("status"_L1).toString(), u"inProgress"_s);
    QVERIFY(!r.json().value("csr"_L1).toString().isEmpty());
    QVERIFY(
        r.header("Location").startsWith((origin + u"/certificates/sdk-cert/pending?"_s).toUtf8()));
    r = get(u"/certificates/sdk-cert/pending"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("status"_L1).toString(), u"completed"_s);
    QCOMPARE(r.json().value("target"_L1).toString(), origin + u"/certificates/sdk-cert"_s);

    r = get(u"/certificates/sdk-cert/"_s);
    QCOMPARE(r.status, 200);
    const QJsonObject bundle = r.json();
    const QString version = bundle.value("id"_L1).toString().section(u'/', -1);
    QCOMPARE(version.size(), 32);
    QCOMPARE(bundle.value("kid"_L1).toString(), origin + u"/keys/sdk-cert/"_s + version);
    QCOMPARE(bundle.value("sid"_L1).toString(), origin + u"/secrets/sdk-cert/"_s + version);
    const QByteArray der = QByteArray::fromBase64(bundle.value("cer"_L1).toString().toLatin1());
    QVERIFY(!der.isEmpty());
    QCOMPARE(bundle.value("x5t"_L1).toString(),
             QString::fromLatin1(
                 base64UrlEncode(QCryptographicHash::hash(der, QCryptographicHash::Sha1))));
    const auto info = Certificates::parseDer(der);
    QVERIFY(info);
    QCOMPARE(info->subject, u"CN=sdk.contoso.example"_s);
    QCOMPARE(bundle[u"attributes"_s][u"nbf"_s].toInteger(), info->notBefore.toSecsSinceEpoch());
    QCOMPARE(bundle[u"attributes"_s][u"exp"_s].toInteger(), info->notAfter.toSecsSinceEpoch());
    QCOMPARE(info->notBefore.addMonths(12).daysTo(info->notAfter), 0);
    QCOMPARE(bundle[u"attributes"_s][u"enabled"_s].toBool(), true);
    QCOMPARE(bundle[u"attributes"_s][u"recoveryLevel"_s].toString(), u"Recoverable+Purgeable"_s);
}

void TestSandboxCertificates::serviceDefaultsFillTheSdkPolicy()
{
    // The service's defaults fill the empty objects of the SDK's policy.
    const QJsonObject bundle =
        createSelfSigned(u"sdk-cert"_s, sdkCreateBody(u"CN=sdk.contoso.example"_s));
    const QString origin = m_sandbox->vaultOrigin(u"kv-contoso-dev"_s);
    const QJsonObject policy = bundle.value("policy"_L1).toObject();
    QCOMPARE(policy.value("id"_L1).toString(), origin + u"/certificates/sdk-cert/policy"_s);
    QCOMPARE(policy.value("key_props"_L1).toObject(), (QJsonObject{{u"exportable"_s, true},
                                                                   {u"kty"_s, u"RSA"_s},
                                                                   {u"key_size"_s, 2048},
                                                                   {u"reuse_key"_s, false}}));
    QCOMPARE(policy[u"secret_props"_s][u"contentType"_s].toString(), u"application/x-pkcs12"_s);
    QCOMPARE(policy[u"x509_props"_s][u"validity_months"_s].toInt(), 12);
    QCOMPARE(policy[u"issuer"_s][u"name"_s].toString(), u"Self"_s);
    QCOMPARE(policy[u"lifetime_actions"_s][0][u"action"_s][u"action_type"_s].toString(),
             u"AutoRenew"_s);
    QCOMPARE(get(u"/certificates/sdk-cert/policy"_s).json(), policy);
}

void TestSandboxCertificates::backingSecretAndKey()
{
    const QJsonObject bundle =
        createSelfSigned(u"backed-cert"_s, sdkCreateBody(u"CN=backed.contoso.example"_s));
    const QByteArray der = QByteArray::fromBase64(bundle.value("cer"_L1).toString().toLatin1());
    HttpReply r = get(u"/secrets/backed-cert"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("managed"_L1).toBool(), true);
    QCOMPARE(r.json().value("kid"_L1), bundle.value("kid"_L1));
    QCOMPARE(r.json().value("id"_L1), bundle.value("sid"_L1));
    QCOMPARE(r.json().value("contentType"_L1).toString(), u"application/x-pkcs12"_s);
    QString why;
    const auto pfx = Certificates::importPkcs12(
        QByteArray::fromBase64(r.json().value("value"_L1).toString().toLatin1()), QString(), &why);
    QVERIFY2(pfx, qPrintable(why));
    QCOMPARE(pfx->certificate.der, der);
    QCOMPARE(pfx->key.publicKeyDer(), CertificateRequests::publicKeyDer(der));
    const auto certificateKey = KeyPair::fromPublicKeyPem(CertificateRequests::certificatePem(der));
    const QByteArray digest = QCryptographicHash::hash("pfx", QCryptographicHash::Sha256);
    QVERIFY(
        certificateKey->verifyDigest(u"PS256"_s, digest, *pfx->key.signDigest(u"PS256"_s, digest)));

    r = get(u"/keys/backed-cert"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("managed"_L1).toBool(), true);
    QCOMPARE(r.json()[u"key"_s][u"kid"_s], bundle.value("kid"_L1));
    QCOMPARE(r.json()[u"key"_s][u"n"_s], certificateKey->publicJwk().value("n"_L1));
    // The vault signs with the certificate's key.
    r = send("POST", u"/keys/backed-cert//sign"_s,
             QJsonObject{{u"alg"_s, u"RS256"_s},
                         {u"value"_s, QString::fromLatin1(base64UrlEncode(digest))}});
    QVERIFY(certificateKey->verifyDigest(
        u"RS256"_s, digest,
        *vl::base64UrlDecode(r.json().value("value"_L1).toString().toLatin1())));
}

void TestSandboxCertificates::managedKeyAndSecretAreReadOnly()
{
    // The certificate owns them: they cannot be written or deleted on their own.
    createSelfSigned(u"owned-cert"_s, sdkCreateBody(u"CN=owned.contoso.example"_s));
    HttpReply r = send("PUT", u"/secrets/owned-cert"_s, QJsonObject{{u"value"_s, u"x"_s}});
    QCOMPARE(r.status, 403);
    QCOMPARE(r.innerErrorCode(), u"SecretManagedByKeyVault"_s);
    QCOMPARE(
        r.errorMessage(),
        u"Operation \"set\" is not allowed as this object's lifetime is managed by Key Vault."_s);
    QCOMPARE(send("DELETE", u"/secrets/owned-cert"_s).status, 403);
    QCOMPARE(send("DELETE", u"/keys/owned-cert"_s).status, 403);
    r = send("PATCH", u"/keys/owned-cert/"_s, QJsonObject{{u"tags"_s, QJsonObject{}}});
    QCOMPARE(r.status, 403);
    QCOMPARE(r.innerErrorCode(), u"KeyManagedByKeyVault"_s);
}

void TestSandboxCertificates::pemContentType()
{
    QJsonObject body = sdkCreateBody(u"CN=pem.contoso.example"_s);
    QJsonObject policy = body.value("policy"_L1).toObject();
    policy.insert("secret_props"_L1, QJsonObject{{u"contentType"_s, u"application/x-pem-file"_s}});
    policy.insert("key_props"_L1, QJsonObject{{u"kty"_s, u"EC"_s}, {u"crv"_s, u"P-384"_s}});
    body.insert("policy"_L1, policy);
    const QJsonObject bundle = createSelfSigned(u"pem-cert"_s, body);
    QCOMPARE(bundle.value("contentType"_L1).toString(), u"application/x-pem-file"_s);
    const HttpReply r = get(u"/secrets/pem-cert"_s);
    const QByteArray pem = r.json().value("value"_L1).toString().toLatin1();
    QVERIFY(pem.startsWith("-----BEGIN PRIVATE KEY-----"));
    const auto imported = Certificates::importPem(pem);
    QVERIFY(imported);
    QCOMPARE(imported->key.curve(), u"P-384"_s);
    QCOMPARE(imported->certificate.der.toBase64(), bundle.value("cer"_L1).toString().toLatin1());
}

void TestSandboxCertificates::importPemWithoutContentType()
{
    // The JS SDK drops the policy: the PEM is recognised by its content.
    const auto key = KeyPair::generateEc(u"P-256"_s);
    sandbox::CertificateRequest request;
    request.subject = u"CN=imported-pem.contoso.example"_s;
    request.dnsNames = {u"imported-pem.contoso.example"_s};
    const auto info = Certificates::createSelfSigned(*key, request);
    QVERIFY(info);
    const QByteArray pem = Certificates::exportPem({*info, *key, {}});
    HttpReply r = send("POST", u"/certificates/imported-pem/import"_s,
                       QJsonObject{{u"value"_s, QString::fromLatin1(pem)}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("cer"_L1).toString().toLatin1(), info->der.toBase64());
    const QJsonObject policy = r.json().value("policy"_L1).toObject();
    QCOMPARE(policy[u"secret_props"_s][u"contentType"_s].toString(), u"application/x-pem-file"_s);
    QCOMPARE(policy[u"key_props"_s][u"kty"_s].toString(), u"EC"_s);
    QCOMPARE(policy[u"x509_props"_s][u"subject"_s].toString(),
             u"CN=imported-pem.contoso.example"_s);
    QCOMPARE(policy[u"issuer"_s][u"name"_s].toString(), u"Unknown"_s);
    r = get(u"/secrets/imported-pem"_s);
    QVERIFY(r.json().value("value"_L1).toString().contains(u"-----BEGIN CERTIFICATE-----"_s));
    QCOMPARE(get(u"/certificates/imported-pem/pending"_s).status, 404);
    // The JS SDK sends the PEM bytes base64 encoded when it has no content type.
    r = send("POST", u"/certificates/imported-pem-base64/import"_s,
             QJsonObject{{u"value"_s, QString::fromLatin1(pem.toBase64())}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[u"policy"_s][u"secret_props"_s][u"contentType"_s].toString(),
             u"application/x-pem-file"_s);
    // Garbage is refused.
    r = send("POST", u"/certificates/imported-garbage/import"_s,
             QJsonObject{{u"value"_s,
                          u"-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n"_s}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"BadParameter"_s);
}

void TestSandboxCertificates::importPfxMadeWithOpenSsl()
{
    if (m_openssl.isEmpty())
        QSKIP("the openssl command is not installed");
    QTemporaryDir dir;
    QVERIFY(openssl(dir, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s,
                          u"-keyout"_s, u"key.pem"_s, u"-out"_s, u"cert.pem"_s, u"-days"_s, u"30"_s,
                          u"-subj"_s, u"/CN=pfx.contoso.example"_s}));
    QVERIFY(
        openssl(dir, {u"pkcs12"_s, u"-export"_s, u"-inkey"_s, u"key.pem"_s, u"-in"_s, u"cert.pem"_s,
                      u"-out"_s, u"cert.pfx"_s, u"-passout"_s, u"pass:Pfx-Passw0rd"_s}));
    const QString value = QString::fromLatin1(readFile(dir.filePath(u"cert.pfx"_s)).toBase64());
    const QByteArray der = pemToDer(readFile(dir.filePath(u"cert.pem"_s)));
    HttpReply r = send("POST", u"/certificates/imported-pfx/import"_s,
                       QJsonObject{{u"value"_s, value}, {u"pwd"_s, u"wrong"_s}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"BadParameter"_s);
    QVERIFY2(r.errorMessage().contains(u"PKCS#12"_s), qPrintable(r.errorMessage()));
    r = send("POST", u"/certificates/imported-pfx/import"_s,
             QJsonObject{{u"value"_s, value},
                         {u"pwd"_s, u"Pfx-Passw0rd"_s},
                         {u"tags"_s, QJsonObject{{u"source"_s, u"openssl"_s}}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("x5t"_L1).toString(),
             QString::fromLatin1(
                 base64UrlEncode(QCryptographicHash::hash(der, QCryptographicHash::Sha1))));
    QCOMPARE(r.json()[u"tags"_s][u"source"_s].toString(), u"openssl"_s);
    QCOMPARE(r.json()[u"policy"_s][u"key_props"_s][u"key_size"_s].toInt(), 2048);
    // The secret holds the same key as the file, now without a password.
    r = get(u"/secrets/imported-pfx"_s);
    const auto pfx = Certificates::importPkcs12(
        QByteArray::fromBase64(r.json().value("value"_L1).toString().toLatin1()), QString());
    QVERIFY(pfx);
    const auto original = Certificates::importPem(readFile(dir.filePath(u"key.pem"_s))
                                                  + readFile(dir.filePath(u"cert.pem"_s)));
    QVERIFY(original);
    QCOMPARE(pfx->key.privateKeyPem(), original->key.privateKeyPem());
}

void TestSandboxCertificates::mergeWithUnknownIssuer()
{
    if (m_openssl.isEmpty())
        QSKIP("the openssl command is not installed");
    HttpReply r = send("POST", u"/certificates/merged-cert/create"_s,
                       sdkCreateBody(u"CN=merged.contoso.example"_s, u"Unknown"_s));
    QCOMPARE(r.status, 202);
    QCOMPARE(r.json().value("status_details"_L1).toString(),
             u"Pending certificate created. Please Perform Merge to complete the request."_s);
    r = get(u"/certificates/merged-cert/pending"_s);
    QCOMPARE(r.json().value("status"_L1).toString(), u"inProgress"_s);
    const QByteArray csr = QByteArray::fromBase64(r.json().value("csr"_L1).toString().toLatin1());
    // Until the merge the certificate is a disabled version without a certificate.
    r = get(u"/certificates/merged-cert"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[u"attributes"_s][u"enabled"_s].toBool(), false);
    QVERIFY(!r.json().contains("cer"_L1));

    QByteArray signedDer;
    QByteArray caDer;
    QVERIFY(signWithTestCa(csr, signedDer, caDer));

    // A certificate for another key does not merge.
    r = send("POST", u"/certificates/merged-cert/pending/merge"_s,
             QJsonObject{{u"x5c"_s, QJsonArray{QString::fromLatin1(caDer.toBase64())}}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorMessage(),
             u"Public key from x509 certificate and key of this instance doesn't match"_s);
    r = send("POST", u"/certificates/merged-cert/pending/merge"_s,
             QJsonObject{{u"x5c"_s, QJsonArray{QString::fromLatin1(signedDer.toBase64()),
                                               QString::fromLatin1(caDer.toBase64())}}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json().value("cer"_L1).toString().toLatin1(), signedDer.toBase64());
    QCOMPARE(r.json()[u"attributes"_s][u"enabled"_s].toBool(), true);
    QCOMPARE(get(u"/certificates/merged-cert/pending"_s).json().value("status"_L1).toString(),
             u"completed"_s);
    // The secret carries the chain.
    r = get(u"/secrets/merged-cert"_s);
    const auto pfx = Certificates::importPkcs12(
        QByteArray::fromBase64(r.json().value("value"_L1).toString().toLatin1()), QString());
    QVERIFY(pfx);
    QCOMPARE(pfx->certificate.der, signedDer);
    QCOMPARE(pfx->chainDer, QList<QByteArray>{caDer});
    r = send("POST", u"/certificates/merged-cert/pending/merge"_s,
             QJsonObject{{u"x5c"_s, QJsonArray{QString::fromLatin1(signedDer.toBase64())}}});
    QCOMPARE(r.status, 400);
}

void TestSandboxCertificates::cancelAndDeletePendingOperation()
{
    QCOMPARE(send("POST", u"/certificates/cancelled-cert/create"_s,
                  sdkCreateBody(u"CN=cancelled.contoso.example"_s, u"Unknown"_s))
                 .status,
             202);
    HttpReply r = send("PATCH", u"/certificates/cancelled-cert/pending"_s,
                       QJsonObject{{u"cancellation_requested"_s, true}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("cancellation_requested"_L1).toBool(), true);
    r = send("DELETE", u"/certificates/cancelled-cert/pending"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("id"_L1).toString(), m_sandbox->vaultOrigin(u"kv-contoso-dev"_s)
                                                     + u"/certificates/cancelled-cert/pending"_s);
    r = get(u"/certificates/cancelled-cert/pending"_s);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), u"PendingCertificateNotFound"_s);
    QCOMPARE(r.errorMessage(), u"Pending certificate not found: cancelled-cert"_s);
}

void TestSandboxCertificates::listsAndVersions()
{
    createSelfSigned(u"listed-cert"_s, sdkCreateBody(u"CN=listed.contoso.example"_s));
    const QJsonObject second =
        createSelfSigned(u"listed-cert"_s, sdkCreateBody(u"CN=listed.contoso.example"_s));
    HttpReply r = get(u"/certificates/listed-cert/versions"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("value"_L1).toArray().size(), 2);
    r = get(u"/certificates"_s);
    bool listed = false;
    for (const QJsonValue &v : r.json().value("value"_L1).toArray()) {
        if (v[u"id"_s].toString().endsWith(u"/certificates/listed-cert"_s)) {
            listed = true;
            QCOMPARE(v[u"x5t"_s], second.value("x5t"_L1));
            QVERIFY(!v[u"attributes"_s].toObject().contains("recoveryLevel"_L1));
        }
    }
    QVERIFY(listed);
    r = get(u"/certificates/no-such-cert"_s);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), u"CertificateNotFound"_s);
    QVERIFY(r.errorMessage().startsWith(
        u"A certificate with (name/id) no-such-cert was not found in this key vault."_s));
}

void TestSandboxCertificates::updateAttributes()
{
    const QJsonObject bundle =
        createSelfSigned(u"updated-cert"_s, sdkCreateBody(u"CN=updated.contoso.example"_s));
    const QString version = bundle.value("id"_L1).toString().section(u'/', -1);
    HttpReply r = send("PATCH", u"/certificates/updated-cert/"_s + version,
                       QJsonObject{{u"attributes"_s, QJsonObject{{u"enabled"_s, false}}},
                                   {u"tags"_s, QJsonObject{{u"owner"_s, u"web"_s}}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[u"attributes"_s][u"enabled"_s].toBool(), false);
    QCOMPARE(r.json()[u"tags"_s][u"owner"_s].toString(), u"web"_s);
    // The backing secret follows: a disabled secret cannot be read.
    r = get(u"/secrets/updated-cert"_s);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.innerErrorCode(), u"SecretDisabled"_s);
}

void TestSandboxCertificates::updatePolicy()
{
    createSelfSigned(u"policy-cert"_s, sdkCreateBody(u"CN=updated.contoso.example"_s));
    HttpReply r = send(
        "PATCH", u"/certificates/policy-cert/policy"_s,
        QJsonObject{{u"x509_props"_s, QJsonObject{{u"validity_months"_s, 24}}},
                    {u"lifetime_actions"_s,
                     QJsonArray{QJsonObject{
                         {u"trigger"_s, QJsonObject{{u"days_before_expiry"_s, 30}}},
                         {u"action"_s, QJsonObject{{u"action_type"_s, u"EmailContacts"_s}}}}}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[u"x509_props"_s][u"validity_months"_s].toInt(), 24);
    QCOMPARE(r.json()[u"x509_props"_s][u"subject"_s].toString(), u"CN=updated.contoso.example"_s);
    QCOMPARE(get(u"/certificates/policy-cert/policy"_s)
                 .json()[u"lifetime_actions"_s][0][u"trigger"_s][u"days_before_expiry"_s]
                 .toInt(),
             30);
    r = send("PATCH", u"/certificates/policy-cert/policy"_s,
             QJsonObject{{u"key_props"_s, QJsonObject{{u"key_size"_s, 1000}}}});
    QCOMPARE(r.status, 400);
    // The next version follows the updated policy.
    const QJsonObject next = createSelfSigned(
        u"policy-cert"_s,
        QJsonObject{{u"policy"_s, get(u"/certificates/policy-cert/policy"_s).json()}});
    const auto info =
        Certificates::parseDer(QByteArray::fromBase64(next.value("cer"_L1).toString().toLatin1()));
    QVERIFY(info);
    QCOMPARE(info->notBefore.addMonths(24).daysTo(info->notAfter), 0);
}

void TestSandboxCertificates::createErrors_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("status");
    auto with = [](const char *member, const QJsonObject &value) {
        QJsonObject body = sdkCreateBody(u"CN=errors.contoso.example"_s);
        QJsonObject policy = body.value("policy"_L1).toObject();
        policy.insert(QLatin1StringView(member), value);
        body.insert("policy"_L1, policy);
        return body;
    };
    QTest::newRow("no policy") << u"errors-cert"_s << QJsonObject{{u"attributes"_s, QJsonObject{}}}
                               << 400;
    QTest::newRow("key size") << u"errors-cert"_s
                              << with("key_props", {{u"kty"_s, u"RSA"_s}, {u"key_size"_s, 1024}})
                              << 400;
    QTest::newRow("HSM in a standard vault")
        << u"errors-cert"_s << with("key_props", {{u"kty"_s, u"RSA-HSM"_s}}) << 400;
    QTest::newRow("content type") << u"errors-cert"_s
                                  << with("secret_props", {{u"contentType"_s, u"text/plain"_s}})
                                  << 400;
    QTest::newRow("no subject") << u"errors-cert"_s << with("x509_props", {}) << 400;
    QTest::newRow("bad EKU") << u"errors-cert"_s
                             << with("x509_props", {{u"subject"_s, u"CN=x"_s},
                                                    {u"ekus"_s, QJsonArray{u"not-an-oid"_s}}})
                             << 400;
    QTest::newRow("name of a secret") << u"feature-x"_s << sdkCreateBody(u"CN=x"_s) << 409;
}

void TestSandboxCertificates::createErrors()
{
    QFETCH(QString, name);
    QFETCH(QJsonObject, body);
    QFETCH(int, status);
    if (name == "feature-x"_L1)
        QCOMPARE(send("PUT", u"/secrets/feature-x"_s, QJsonObject{{u"value"_s, u"v"_s}}).status,
                 200);
    const HttpReply r = send("POST", u"/certificates/"_s + name + u"/create"_s, body);
    QCOMPARE(r.status, status);
    QVERIFY(!r.errorMessage().isEmpty());
}

void TestSandboxCertificates::deleteRecoverAndPurge()
{
    const QJsonObject bundle =
        createSelfSigned(u"deleted-cert"_s, sdkCreateBody(u"CN=deleted.contoso.example"_s));
    HttpReply r = send("DELETE", u"/certificates/deleted-cert"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("recoveryId"_L1).toString(),
             m_sandbox->vaultOrigin(u"kv-contoso-dev"_s) + u"/deletedcertificates/deleted-cert"_s);
    QCOMPARE(r.json().value("x5t"_L1), bundle.value("x5t"_L1));
    // Its key and secret go with it, and are not listed as deleted on their own.
    QCOMPARE(get(u"/certificates/deleted-cert"_s).status, 404);
    QCOMPARE(get(u"/keys/deleted-cert"_s).status, 404);
    QCOMPARE(get(u"/secrets/deleted-cert"_s).status, 404);
    QVERIFY(!get(u"/deletedkeys"_s).body.contains("deleted-cert"));
    QVERIFY(!get(u"/deletedsecrets"_s).body.contains("deleted-cert"));
    QCOMPARE(get(u"/deletedkeys/deleted-cert"_s).status, 200);
    QVERIFY(get(u"/deletedcertificates"_s).body.contains("/deletedcertificates/deleted-cert"));
    QCOMPARE(get(u"/deletedcertificates/deleted-cert"_s).status, 200);
    r = send("POST", u"/certificates/deleted-cert/create"_s,
             sdkCreateBody(u"CN=deleted.contoso.example"_s));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.innerErrorCode(), u"ObjectIsDeletedButRecoverable"_s);
    QVERIFY(r.errorMessage().startsWith(
        u"Certificate deleted-cert is currently in a deleted but recoverable state"_s));
    QCOMPARE(send("PUT", u"/secrets/deleted-cert"_s, QJsonObject{{u"value"_s, u"v"_s}}).status,
             409);

    r = send("POST", u"/deletedcertificates/deleted-cert/recover"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(get(u"/certificates/deleted-cert"_s).json().value("x5t"_L1), bundle.value("x5t"_L1));
    QCOMPARE(get(u"/secrets/deleted-cert"_s).status, 200);
    QCOMPARE(get(u"/keys/deleted-cert"_s).status, 200);

    QCOMPARE(send("DELETE", u"/certificates/deleted-cert"_s).status, 200);
    QCOMPARE(send("DELETE", u"/deletedcertificates/deleted-cert"_s).status, 204);
    r = get(u"/deletedcertificates/deleted-cert"_s);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorMessage(), u"Deleted Certificate not found: deleted-cert"_s);
    QVERIFY(!createSelfSigned(u"deleted-cert"_s, sdkCreateBody(u"CN=again"_s)).isEmpty());
}

void TestSandboxCertificates::purgeProtectionRefusesPurge()
{

    // Purge protection (kv-contoso-prod) refuses the purge.
    const QString prod = u"kv-contoso-prod"_s;
    QCOMPARE(send("DELETE", u"/certificates/legacy-contoso-example"_s, {}, prod).status, 200);
    const HttpReply r = send("DELETE", u"/deletedcertificates/legacy-contoso-example"_s, {}, prod);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.innerErrorCode(), u"PurgeProtectionEnabled"_s);
    QCOMPARE(
        send("POST", u"/deletedcertificates/legacy-contoso-example/recover"_s, {}, prod).status,
        200);
    QCOMPARE(get(u"/secrets/legacy-contoso-example"_s, prod).status, 200);
}

void TestSandboxCertificates::backupAndRestore()
{
    const QJsonObject bundle =
        createSelfSigned(u"saved-cert"_s, sdkCreateBody(u"CN=saved.contoso.example"_s));
    HttpReply r = send("POST", u"/certificates/saved-cert/backup"_s);
    QCOMPARE(r.status, 200);
    const QString blob = r.json().value("value"_L1).toString();
    QCOMPARE(send("POST", u"/certificates/restore"_s, QJsonObject{{u"value"_s, blob}}).status, 409);
    const QString secret = get(u"/secrets/saved-cert"_s).json().value("value"_L1).toString();
    send("DELETE", u"/certificates/saved-cert"_s);
    QCOMPARE(send("DELETE", u"/deletedcertificates/saved-cert"_s).status, 204);
    r = send("POST", u"/certificates/restore"_s, QJsonObject{{u"value"_s, blob}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("id"_L1), bundle.value("id"_L1));
    QCOMPARE(r.json().value("x5t"_L1), bundle.value("x5t"_L1));
    QCOMPARE(get(u"/secrets/saved-cert"_s).json().value("value"_L1).toString(), secret);
    QCOMPARE(get(u"/keys/saved-cert"_s).json()[u"key"_s][u"kid"_s], bundle.value("kid"_L1));
    r = send("POST", u"/certificates/restore"_s, QJsonObject{{u"value"_s, u"bm9wZQ"_s}});
    QCOMPARE(r.status, 400);
}

void TestSandboxCertificates::contacts()
{
    HttpReply r = get(u"/certificates/contacts"_s);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), u"ContactsNotFound"_s);
    QCOMPARE(r.errorMessage(), u"Contacts not found"_s);
    const QJsonArray contacts{
        QJsonObject{
            {u"email"_s, u"a@contoso.example"_s}, {u"name"_s, u"a"_s}, {u"phone"_s, u"111"_s}},
        QJsonObject{{u"email"_s, u"b@contoso.example"_s}, {u"name"_s, u"b"_s}}};
    r = send("PUT", u"/certificates/contacts"_s, QJsonObject{{u"contacts"_s, contacts}});
    QCOMPARE(r.status, 200);
    const QJsonObject expected{{u"id"_s, QString(m_sandbox->vaultOrigin(u"kv-contoso-dev"_s)
                                                 + u"/certificates/contacts"_s)},
                               {u"contacts"_s, contacts}};
    QCOMPARE(r.json(), expected);
    QCOMPARE(get(u"/certificates/contacts"_s).json(), expected);
    r = send("DELETE", u"/certificates/contacts"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json(), expected);
    QCOMPARE(get(u"/certificates/contacts"_s).status, 404);
    r = send("PUT", u"/certificates/contacts"_s,
             QJsonObject{{u"contacts"_s, QJsonArray{QJsonObject{{u"name"_s, u"no mail"_s}}}}});
    QCOMPARE(r.status, 400);
}

void TestSandboxCertificates::issuers()
{
    const QJsonObject admin{{u"first_name"_s, u"John"_s},
                            {u"last_name"_s, u"Doe"_s},
                            {u"email"_s, u"admin@contoso.example"_s}};
    HttpReply r =
        send("PUT", u"/certificates/issuers/test-issuer"_s,
             QJsonObject{{u"provider"_s, u"Test"_s},
                         {u"credentials"_s, QJsonObject{{u"account_id"_s, u"keyvaultuser"_s},
                                                        {u"pwd"_s, u"secret"_s}}},
                         {u"org_details"_s, QJsonObject{{u"admin_details"_s, QJsonArray{admin}}}}});
    QCOMPARE(r.status, 200);
    const QJsonObject issuer = r.json();
    QCOMPARE(issuer.value("id"_L1).toString(),
             m_sandbox->vaultOrigin(u"kv-contoso-dev"_s) + u"/certificates/issuers/test-issuer"_s);
    QCOMPARE(issuer.value("credentials"_L1).toObject(),
             (QJsonObject{{u"account_id"_s, u"keyvaultuser"_s}})); // never the password
    QCOMPARE(issuer[u"org_details"_s][u"admin_details"_s][0].toObject(), admin);
    QCOMPARE(issuer[u"attributes"_s][u"enabled"_s].toBool(), true);
    QCOMPARE(get(u"/certificates/issuers/test-issuer"_s).json(), issuer);
    r = get(u"/certificates/issuers"_s);
    const QJsonArray listed{
        QJsonObject{{u"id"_s, issuer.value("id"_L1)}, {u"provider"_s, u"Test"_s}}};
    QCOMPARE(r.json().value("value"_L1).toArray(), listed);
    r = send("PATCH", u"/certificates/issuers/test-issuer"_s,
             QJsonObject{{u"provider"_s, u"Test2"_s}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("provider"_L1).toString(), u"Test2"_s);
    QCOMPARE(r.json().value("org_details"_L1), issuer.value("org_details"_L1));
    QCOMPARE(send("PUT", u"/certificates/issuers/no-provider"_s,
                  QJsonObject{{u"credentials"_s, QJsonObject{}}})
                 .status,
             400);
    QCOMPARE(send("DELETE", u"/certificates/issuers/test-issuer"_s).status, 200);
    r = get(u"/certificates/issuers/test-issuer"_s);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), u"CertificateIssuerNotFound"_s);
    QCOMPARE(r.errorMessage(), u"Issuer not found"_s);
    QCOMPARE(
        send("PATCH", u"/certificates/issuers/test-issuer"_s, QJsonObject{{u"provider"_s, u"x"_s}})
            .status,
        404);
}

void TestSandboxCertificates::demoSeedCertificates()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const qint64 day = 86400;
    struct Expected
    {
        QString name;
        qint64 minExpiry;
        qint64 maxExpiry;
    };
    const QList<Expected> expected{
        {u"www-contoso-example"_s, now + 300 * day, now + 366 * day},
        {u"api-contoso-example"_s, now + 19 * day, now + 21 * day},
        {u"legacy-contoso-example"_s, now - 60 * day, now - day},
    };
    for (const Expected &e : expected) {
        const HttpReply r = get(u"/certificates/"_s + e.name, u"kv-contoso-prod"_s);
        QCOMPARE(r.status, 200);
        const qint64 exp = r.json()[u"attributes"_s][u"exp"_s].toInteger();
        QVERIFY2(exp >= e.minExpiry && exp <= e.maxExpiry, qPrintable(e.name));
        const auto info = Certificates::parseDer(
            QByteArray::fromBase64(r.json().value("cer"_L1).toString().toLatin1()));
        QVERIFY(info);
        QCOMPARE(info->notAfter.toSecsSinceEpoch(), exp);
        QCOMPARE(r.json()[u"policy"_s][u"issuer"_s][u"name"_s].toString(), u"Self"_s);
        QCOMPARE(
            get(u"/secrets/"_s + e.name, u"kv-contoso-prod"_s).json().value("managed"_L1).toBool(),
            true);
    }
}

QTEST_GUILESS_MAIN(TestSandboxCertificates)
#include "tst_sandboxcertificates.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/KeyPair.h"
#include "crypto/OpenSslUtil.h"
#include "crypto/Pki.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/pem.h>
#include <openssl/x509_vfy.h>

#include <algorithm>

using namespace Qt::StringLiterals;
using vl::sandbox::KeyPair;
using vl::sandbox::Pki;
using vl::sandbox::TlsMaterial;
namespace ossl = vl::sandbox::ossl;

namespace {

ossl::X509Ptr readCert(const QByteArray &pem)
{
    ossl::Bio bio = ossl::readBio(pem);
    return ossl::X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Accepts connections and starts TLS as a server with the sandbox's certificate.
class TlsServer : public QTcpServer
{
public:
    TlsServer(const QSslCertificate &certificate, const QSslKey &key)
        : m_certificate(certificate)
        , m_key(key)
    {}
    int encrypted = 0;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        socket->setLocalCertificate(m_certificate);
        socket->setPrivateKey(m_key);
        socket->setPeerVerifyMode(QSslSocket::VerifyNone);
        connect(socket, &QSslSocket::encrypted, this, [this] { ++encrypted; });
        socket->startServerEncryption();
        addPendingConnection(socket);
    }

private:
    QSslCertificate m_certificate;
    QSslKey m_key;
};

} // namespace

class TestPki : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pemFormats();
    void caCertificate();
    void serverCertificate();
    void freshSerialsAndKeys();
    void chainVerifies_data();
    void chainVerifies();
    void tlsHandshake_data();
    void tlsHandshake();
    void loadOrCreate();
    void loadErrors_data();
    void loadErrors();
    void createInUnwritablePlace();

private:
    TlsMaterial m_material;
    TlsMaterial m_other; // an unrelated CA and server
};

void TestPki::initTestCase()
{
    const std::optional<TlsMaterial> material = Pki::create();
    const std::optional<TlsMaterial> other = Pki::create();
    QVERIFY(material && other);
    m_material = *material;
    m_other = *other;
}

void TestPki::pemFormats()
{
    QVERIFY(m_material.caCertificatePem.startsWith("-----BEGIN CERTIFICATE-----\n"));
    QVERIFY(m_material.serverCertificatePem.startsWith("-----BEGIN CERTIFICATE-----\n"));
    QVERIFY(m_material.caPrivateKeyPem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
    QVERIFY(m_material.serverPrivateKeyPem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
    QCOMPARE(m_material.caCertificatePem.count("-----BEGIN"), 1);
    QCOMPARE(m_material.serverCertificatePem.count("-----BEGIN"), 1);
    // Qt reads all four, as the sandbox's HTTPS server will.
    QVERIFY(!QSslCertificate(m_material.caCertificatePem, QSsl::Pem).isNull());
    QVERIFY(!QSslCertificate(m_material.serverCertificatePem, QSsl::Pem).isNull());
    QVERIFY(!QSslKey(m_material.serverPrivateKeyPem, QSsl::Ec, QSsl::Pem).isNull());
    QVERIFY(!QSslKey(m_material.caPrivateKeyPem, QSsl::Ec, QSsl::Pem).isNull());
}

void TestPki::caCertificate()
{
    const ossl::X509Ptr ca = readCert(m_material.caCertificatePem);
    QVERIFY(ca);
    const QSslCertificate qca(m_material.caCertificatePem, QSsl::Pem);
    QCOMPARE(qca.subjectInfo(QSslCertificate::CommonName), QStringList{u"VaultLens Sandbox CA"_s});
    QVERIFY(qca.isSelfSigned());
    QCOMPARE(X509_get_version(ca.get()), long(X509_VERSION_3));

    // basicConstraints: critical, CA:TRUE (RFC 5280 §4.2.1.9).
    const int bcIndex = X509_get_ext_by_NID(ca.get(), NID_basic_constraints, -1);
    QVERIFY(bcIndex >= 0);
    QCOMPARE(X509_EXTENSION_get_critical(X509_get_ext(ca.get(), bcIndex)), 1);
    QCOMPARE(X509_check_ca(ca.get()), 1);
    QVERIFY(X509_get_extension_flags(ca.get()) & EXFLAG_CA);
    // keyUsage: critical, exactly keyCertSign and cRLSign.
    const int kuIndex = X509_get_ext_by_NID(ca.get(), NID_key_usage, -1);
    QVERIFY(kuIndex >= 0);
    QCOMPARE(X509_EXTENSION_get_critical(X509_get_ext(ca.get(), kuIndex)), 1);
    QCOMPARE(X509_get_key_usage(ca.get()), uint32_t(KU_KEY_CERT_SIGN | KU_CRL_SIGN));
    QVERIFY(X509_get0_subject_key_id(ca.get()) != nullptr);

    QCOMPARE(EVP_PKEY_get_bits(X509_get0_pubkey(ca.get())), 256);
    QCOMPARE(X509_get_signature_nid(ca.get()), NID_ecdsa_with_SHA256);
    QCOMPARE(X509_verify(ca.get(), X509_get0_pubkey(ca.get())), 1);

    // The key file holds the CA's key.
    const std::optional<KeyPair> key = KeyPair::fromPrivateKeyPem(m_material.caPrivateKeyPem);
    QVERIFY(key);
    QCOMPARE(key->bits(), 256);
    QCOMPARE(qca.publicKey().toDer(), key->publicKeyDer());
}

void TestPki::serverCertificate()
{
    const ossl::X509Ptr ca = readCert(m_material.caCertificatePem);
    const ossl::X509Ptr server = readCert(m_material.serverCertificatePem);
    QVERIFY(ca && server);
    const QSslCertificate qserver(m_material.serverCertificatePem, QSsl::Pem);
    QCOMPARE(qserver.subjectInfo(QSslCertificate::CommonName), QStringList{u"127.0.0.1"_s});
    QCOMPARE(qserver.issuerInfo(QSslCertificate::CommonName),
             QStringList{u"VaultLens Sandbox CA"_s});
    QCOMPARE(X509_NAME_cmp(X509_get_issuer_name(server.get()), X509_get_subject_name(ca.get())), 0);
    QVERIFY(!qserver.isSelfSigned());

    const auto sans = qserver.subjectAlternativeNames();
    QCOMPARE(sans.values(QSsl::DnsEntry), QStringList{u"localhost"_s});
    QCOMPARE(sans.values(QSsl::IpAddressEntry), QStringList{u"127.0.0.1"_s});
    QCOMPARE(sans.size(), 2);

    QCOMPARE(X509_check_ca(server.get()), 0);
    QVERIFY(X509_get_extension_flags(server.get()) & EXFLAG_XKUSAGE);
    QCOMPARE(X509_get_extended_key_usage(server.get()), uint32_t(XKU_SSL_SERVER));
    QCOMPARE(X509_get_key_usage(server.get()), uint32_t(KU_DIGITAL_SIGNATURE));
    // authorityKeyIdentifier names the CA's subjectKeyIdentifier.
    const ASN1_OCTET_STRING *aki = X509_get0_authority_key_id(server.get());
    QVERIFY(aki != nullptr);
    QCOMPARE(ASN1_OCTET_STRING_cmp(aki, X509_get0_subject_key_id(ca.get())), 0);

    QCOMPARE(EVP_PKEY_get_bits(X509_get0_pubkey(server.get())), 256);
    QCOMPARE(X509_get_signature_nid(server.get()), NID_ecdsa_with_SHA256);
    QCOMPARE(X509_verify(server.get(), X509_get0_pubkey(ca.get())), 1);
    QCOMPARE(X509_verify(server.get(), X509_get0_pubkey(server.get())), 0);

    // Valid from a day ago for ten years.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const X509 *cert : {ca.get(), server.get()}) {
        const QDateTime notBefore = ossl::toDateTime(X509_get0_notBefore(cert));
        const QDateTime notAfter = ossl::toDateTime(X509_get0_notAfter(cert));
        QVERIFY2(qAbs(notBefore.secsTo(now.addDays(-1))) < 600, qPrintable(notBefore.toString()));
        QVERIFY2(qAbs(notAfter.secsTo(now.addYears(10))) < 600, qPrintable(notAfter.toString()));
    }
    QCOMPARE(qserver.expiryDate(), ossl::toDateTime(X509_get0_notAfter(server.get())));

    const std::optional<KeyPair> key = KeyPair::fromPrivateKeyPem(m_material.serverPrivateKeyPem);
    QVERIFY(key);
    QCOMPARE(qserver.publicKey().toDer(), key->publicKeyDer());
}

void TestPki::freshSerialsAndKeys()
{
    QByteArrayList serials;
    for (const TlsMaterial *m : {&m_material, &m_other}) {
        for (const QByteArray &pem : {m->caCertificatePem, m->serverCertificatePem}) {
            const QSslCertificate cert(pem, QSsl::Pem);
            const QByteArray serial = QByteArray::fromHex(cert.serialNumber().replace(':', ""));
            QCOMPARE(serial.size(), 16); // random 16 bytes, positive
            QVERIFY(quint8(serial.at(0)) < 0x80);
            serials.append(serial);
        }
    }
    for (int i = 0; i < serials.size(); ++i) {
        for (int j = i + 1; j < serials.size(); ++j)
            QVERIFY(serials.at(i) != serials.at(j));
    }
    QVERIFY(m_material.caPrivateKeyPem != m_other.caPrivateKeyPem);
    QVERIFY(m_material.serverPrivateKeyPem != m_material.caPrivateKeyPem);
}

void TestPki::chainVerifies_data()
{
    QTest::addColumn<bool>("otherCa");
    QTest::addColumn<QString>("host"); // empty: no name check
    QTest::addColumn<QString>("ip");
    QTest::addColumn<int>("expectedError");

    QTest::newRow("chain") << false << QString() << QString() << int(X509_V_OK);
    QTest::newRow("IP 127.0.0.1") << false << QString() << u"127.0.0.1"_s << int(X509_V_OK);
    QTest::newRow("DNS localhost") << false << u"localhost"_s << QString() << int(X509_V_OK);
    QTest::newRow("IP 127.0.0.2") << false << QString() << u"127.0.0.2"_s
                                  << int(X509_V_ERR_IP_ADDRESS_MISMATCH);
    QTest::newRow("IP ::1") << false << QString() << u"::1"_s
                            << int(X509_V_ERR_IP_ADDRESS_MISMATCH);
    QTest::newRow("DNS example.com")
        << false << u"example.com"_s << QString() << int(X509_V_ERR_HOSTNAME_MISMATCH);
    QTest::newRow("another CA") << true << QString() << QString()
                                << int(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
}

void TestPki::chainVerifies()
{
    QFETCH(bool, otherCa);
    QFETCH(QString, host);
    QFETCH(QString, ip);
    QFETCH(int, expectedError);
    const ossl::X509Ptr ca = readCert((otherCa ? m_other : m_material).caCertificatePem);
    const ossl::X509Ptr server = readCert(m_material.serverCertificatePem);
    QVERIFY(ca && server);

    std::unique_ptr<X509_STORE, ossl::Deleter<&X509_STORE_free>> store(X509_STORE_new());
    std::unique_ptr<X509_STORE_CTX, ossl::Deleter<&X509_STORE_CTX_free>> ctx(X509_STORE_CTX_new());
    QVERIFY(store && ctx);
    QCOMPARE(X509_STORE_add_cert(store.get(), ca.get()), 1);
    QCOMPARE(X509_STORE_CTX_init(ctx.get(), store.get(), server.get(), nullptr), 1);
    X509_VERIFY_PARAM *param = X509_STORE_CTX_get0_param(ctx.get());
    // Strict RFC 5280 checks, as Python 3.13's default context applies them.
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_X509_STRICT);
    QCOMPARE(X509_VERIFY_PARAM_set_purpose(param, X509_PURPOSE_SSL_SERVER), 1);
    if (!host.isEmpty())
        QCOMPARE(X509_VERIFY_PARAM_set1_host(param, host.toLatin1().constData(), 0), 1);
    if (!ip.isEmpty())
        QCOMPARE(X509_VERIFY_PARAM_set1_ip_asc(param, ip.toLatin1().constData()), 1);
    const int ok = X509_verify_cert(ctx.get());
    const int error = X509_STORE_CTX_get_error(ctx.get());
    ossl::clearErrors();
    QVERIFY2(error == expectedError, X509_verify_cert_error_string(error));
    QCOMPARE(ok == 1, expectedError == X509_V_OK);
}

void TestPki::tlsHandshake_data()
{
    QTest::addColumn<bool>("trustCa");
    QTest::addColumn<QString>("peerName");
    QTest::addColumn<bool>("succeeds");
    QTest::addColumn<QList<int>>("acceptableErrors"); // QSslError::SslError, any of them

    const QList<int> untrusted{int(QSslError::UnableToGetLocalIssuerCertificate),
                               int(QSslError::UnableToVerifyFirstCertificate),
                               int(QSslError::CertificateUntrusted)};
    QTest::newRow("CA trusted, 127.0.0.1") << true << u"127.0.0.1"_s << true << QList<int>();
    QTest::newRow("CA trusted, localhost") << true << u"localhost"_s << true << QList<int>();
    QTest::newRow("CA not trusted") << false << u"127.0.0.1"_s << false << untrusted;
    QTest::newRow("CA trusted, wrong name")
        << true << u"vault.example.com"_s << false << QList<int>{int(QSslError::HostNameMismatch)};
}

void TestPki::tlsHandshake()
{
    QFETCH(bool, trustCa);
    QFETCH(QString, peerName);
    QFETCH(bool, succeeds);
    QFETCH(QList<int>, acceptableErrors);
    QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend");

    TlsServer server(QSslCertificate(m_material.serverCertificatePem, QSsl::Pem),
                     QSslKey(m_material.serverPrivateKeyPem, QSsl::Ec, QSsl::Pem));
    QVERIFY(server.listen(QHostAddress::LocalHost));

    QSslSocket client;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    if (trustCa)
        configuration.addCaCertificates(QSslCertificate::fromData(m_material.caCertificatePem));
    client.setSslConfiguration(configuration);
    bool encrypted = false;
    bool failed = false;
    QList<QSslError> errors;
    connect(&client, &QSslSocket::encrypted, this, [&] { encrypted = true; });
    connect(&client, &QSslSocket::errorOccurred, this, [&] { failed = true; });
    connect(&client, &QSslSocket::sslErrors, this,
            [&](const QList<QSslError> &list) { errors += list; });

    // Connect to the IPv4 loopback the server listens on, and check the name given.
    client.connectToHostEncrypted(u"127.0.0.1"_s, server.serverPort(), peerName);
    QTRY_VERIFY_WITH_TIMEOUT(encrypted || failed, 30000);

    QCOMPARE(encrypted, succeeds);
    if (succeeds) {
        QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).errorString()));
        QVERIFY(client.sslHandshakeErrors().isEmpty());
        QVERIFY(client.isEncrypted());
        QVERIFY(client.sessionProtocol() == QSsl::TlsV1_3
                || client.sessionProtocol() == QSsl::TlsV1_2);
        QCOMPARE(client.peerCertificate(), QSslCertificate(m_material.serverCertificatePem));
        QTRY_COMPARE(server.encrypted, 1);
        client.disconnectFromHost();
    } else {
        QVERIFY(!errors.isEmpty());
        QVERIFY(!client.isEncrypted());
        QCOMPARE(server.encrypted, 0);
        bool matched = false;
        for (const QSslError &error : std::as_const(errors)) {
            matched = matched || acceptableErrors.contains(int(error.error()));
            // Untrusted is not a name problem, nor the other way round.
            if (!trustCa)
                QVERIFY(error.error() != QSslError::HostNameMismatch);
        }
        QVERIFY2(matched, qPrintable(errors.first().errorString()));
    }
}

void TestPki::loadOrCreate()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString dir = tmp.filePath(u"state/tls"_s); // created on demand
    QString error = u"stale"_s;
    const std::optional<TlsMaterial> first = Pki::loadOrCreate(dir, &error);
    QVERIFY2(first, qPrintable(error));
    QVERIFY(error.isEmpty());

    QStringList files = QDir(dir).entryList(QDir::Files | QDir::Hidden);
    files.sort();
    // Only the four files: QSaveFile left no temporary behind.
    QCOMPARE(files,
             (QStringList{u"ca-key.pem"_s, u"ca.pem"_s, u"server-key.pem"_s, u"server.pem"_s}));
    QCOMPARE(readFile(dir + u"/ca.pem"_s), first->caCertificatePem);
    QCOMPARE(readFile(dir + u"/ca-key.pem"_s), first->caPrivateKeyPem);
    QCOMPARE(readFile(dir + u"/server.pem"_s), first->serverCertificatePem);
    QCOMPARE(readFile(dir + u"/server-key.pem"_s), first->serverPrivateKeyPem);

    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
                                            | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                            | QFileDevice::WriteOther | QFileDevice::ExeOther;
    for (const QString &key : {u"ca-key.pem"_s, u"server-key.pem"_s}) {
        const QFileDevice::Permissions p = QFileInfo(dir + u'/' + key).permissions();
        QVERIFY2((p & others) == 0, qPrintable(key)); // mode 0600
        QVERIFY(p & QFileDevice::ReadOwner);
        QVERIFY(p & QFileDevice::WriteOwner);
        QVERIFY(!(p & QFileDevice::ExeOwner));
    }

    // The second call loads what the first wrote.
    const std::optional<TlsMaterial> second = Pki::loadOrCreate(dir, &error);
    QVERIFY2(second, qPrintable(error));
    QCOMPARE(second->caCertificatePem, first->caCertificatePem);
    QCOMPARE(second->caPrivateKeyPem, first->caPrivateKeyPem);
    QCOMPARE(second->serverCertificatePem, first->serverCertificatePem);
    QCOMPARE(second->serverPrivateKeyPem, first->serverPrivateKeyPem);
    // And without an error pointer.
    QVERIFY(Pki::loadOrCreate(dir));
}

void TestPki::loadErrors_data()
{
    QTest::addColumn<QStringList>("edits"); // file=garbage|truncate|delete|other
    QTest::addColumn<QString>("errorContains");

    const auto row = [](const char *name, QStringList edits, QString error) {
        QTest::newRow(name) << edits << error;
    };
    row("ca.pem garbage", {u"ca.pem=garbage"_s}, u"ca.pem"_s);
    row("ca.pem truncated", {u"ca.pem=truncate"_s}, u"ca.pem"_s);
    row("server.pem garbage", {u"server.pem=garbage"_s}, u"server.pem"_s);
    row("server.pem empty", {u"server.pem=empty"_s}, u"server.pem"_s);
    row("ca-key.pem garbage", {u"ca-key.pem=garbage"_s}, u"ca-key.pem"_s);
    row("server-key.pem truncated", {u"server-key.pem=truncate"_s}, u"server-key.pem"_s);
    row("server-key.pem from elsewhere", {u"server-key.pem=other"_s},
        u"not the key of server.pem"_s);
    row("ca-key.pem from elsewhere", {u"ca-key.pem=other"_s}, u"not the key of ca.pem"_s);
    row("server from another CA", {u"server.pem=other"_s, u"server-key.pem=other"_s},
        u"not signed by the CA"_s);
    row("another CA", {u"ca.pem=other"_s, u"ca-key.pem=other"_s}, u"not signed by the CA"_s);
    row("server cert as the CA", {u"ca.pem=server"_s, u"ca-key.pem=server"_s},
        u"not a CA certificate"_s);
    row("server.pem missing", {u"server.pem=delete"_s}, u"server.pem"_s);
    row("both keys missing", {u"ca-key.pem=delete"_s, u"server-key.pem=delete"_s}, u"missing"_s);
}

void TestPki::loadErrors()
{
    QFETCH(QStringList, edits);
    QFETCH(QString, errorContains);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString dir = tmp.path();
    const auto files = [](const TlsMaterial &m) {
        return QMap<QString, QByteArray>{{u"ca.pem"_s, m.caCertificatePem},
                                         {u"ca-key.pem"_s, m.caPrivateKeyPem},
                                         {u"server.pem"_s, m.serverCertificatePem},
                                         {u"server-key.pem"_s, m.serverPrivateKeyPem}};
    };
    const QMap<QString, QByteArray> mine = files(m_material);
    const QMap<QString, QByteArray> other = files(m_other);
    for (auto it = mine.cbegin(); it != mine.cend(); ++it)
        QVERIFY(writeFile(dir + u'/' + it.key(), it.value()));
    // The untouched set loads: the edits below are what breaks it.
    QString error;
    QVERIFY2(Pki::loadOrCreate(dir, &error), qPrintable(error));

    for (const QString &edit : edits) {
        const QString file = edit.section(u'=', 0, 0);
        const QString action = edit.section(u'=', 1);
        const QString path = dir + u'/' + file;
        if (action == "garbage"_L1)
            QVERIFY(writeFile(path, "-----BEGIN CERTIFICATE-----\nnot base64\n"_ba));
        else if (action == "empty"_L1)
            QVERIFY(writeFile(path, QByteArray()));
        else if (action == "truncate"_L1)
            QVERIFY(writeFile(path, mine.value(file).left(mine.value(file).size() / 2)));
        else if (action == "other"_L1)
            QVERIFY(writeFile(path, other.value(file)));
        else if (action == "server"_L1)
            QVERIFY(writeFile(path, mine.value(file.startsWith("ca-key"_L1) ? u"server-key.pem"_s
                                                                            : u"server.pem"_s)));
        else if (action == "delete"_L1)
            QVERIFY(QFile::remove(path));
        else
            QFAIL(qPrintable(action));
    }
    const QByteArray serverBefore = readFile(dir + u"/server.pem"_s);
    error.clear();
    QVERIFY(!Pki::loadOrCreate(dir, &error));
    QVERIFY2(error.contains(errorContains), qPrintable(error));
    // Nothing was overwritten or recreated.
    QCOMPARE(readFile(dir + u"/server.pem"_s), serverBefore);
    QCOMPARE(QDir(dir).entryList(QDir::Files).size(),
             4 - int(std::count_if(edits.cbegin(), edits.cend(), [](const QString &e) {
                 return e.endsWith("=delete"_L1);
             })));
}

void TestPki::createInUnwritablePlace()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    QVERIFY(writeFile(tmp.filePath(u"file"_s), "not a directory"_ba));
    QString error;
    QVERIFY(!Pki::loadOrCreate(tmp.filePath(u"file/tls"_s), &error));
    QVERIFY2(!error.isEmpty(), "no error text");
}

QTEST_GUILESS_MAIN(TestPki)
#include "tst_pki.moc"

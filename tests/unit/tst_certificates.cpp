// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/Base64Url.h"
#include "crypto/Certificate.h"
#include "crypto/KeyPair.h"
#include "crypto/OpenSslUtil.h"
#include "crypto/Pki.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/pem.h>
#include <openssl/provider.h>

using namespace Qt::StringLiterals;
using vl::base64UrlEncode;
using vl::sandbox::CertificateBundle;
using vl::sandbox::CertificateInfo;
using vl::sandbox::CertificateRequest;
using vl::sandbox::Certificates;
using vl::sandbox::KeyPair;
namespace ossl = vl::sandbox::ossl;

namespace {

QDateTime utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), Qt::UTC);
}

CertificateRequest basicRequest(const QString &subject)
{
    CertificateRequest r;
    r.subject = subject;
    r.notBefore = utc(2024, 1, 1);
    r.notAfter = utc(2025, 1, 1);
    return r;
}

QByteArray pemOf(const QByteArray &der)
{
    const ossl::X509Ptr cert = ossl::certificateFromDer(der);
    return cert ? ossl::certificatePem(cert.get()) : QByteArray();
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

// Bytes from "AB:CD:..." as `openssl x509 -fingerprint` prints them.
QByteArray fromColonHex(QByteArray text)
{
    return QByteArray::fromHex(text.trimmed().replace(':', ""));
}

QList<const GENERAL_NAME *> altNames(X509 *cert, ossl::GeneralNames *owner)
{
    owner->reset(static_cast<GENERAL_NAMES *>(
        X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
    QList<const GENERAL_NAME *> out;
    for (int i = 0; *owner && i < sk_GENERAL_NAME_num(owner->get()); ++i)
        out.append(sk_GENERAL_NAME_value(owner->get(), i));
    return out;
}

QString asn1Text(const ASN1_STRING *s)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(ASN1_STRING_get0_data(s)),
                             ASN1_STRING_length(s));
}

} // namespace

class TestCertificates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void selfSigned_data();
    void selfSigned();
    void subjectRoundTrip_data();
    void subjectRoundTrip();
    void keyUsageNames_data();
    void keyUsageNames();
    void emailAndUpnNames();
    void defaultValidity();
    void invalidRequests_data();
    void invalidRequests();
    void thumbprintsMatchOpenSslCli();
    void parseDerRejects_data();
    void parseDerRejects();

    void importPem_data();
    void importPem();

    void defaultPfxNeedsNoLegacyProvider();
    void importPkcs12_data();
    void importPkcs12();
    void importPkcs12Rejects_data();
    void importPkcs12Rejects();
    void exportPkcs12RoundTrip();
    void exportPkcs12Rejects();
    void exportPemRoundTrip();
    void looksLikePem_data();
    void looksLikePem();

private:
    bool openssl(const QStringList &arguments, QByteArray *output = nullptr,
                 QByteArray *errors = nullptr);
    QString path(const QString &name) const { return m_tmp.filePath(name); }

    QTemporaryDir m_tmp;
    QString m_openssl;
    KeyPair m_rsa;
    KeyPair m_rsa2;
    KeyPair m_p256;
    vl::sandbox::TlsMaterial m_pki; // a CA-issued leaf and its CA
    CertificateInfo m_rsaCert;      // self-signed for m_rsa
    CertificateInfo m_ecCert;       // self-signed for m_p256
};

bool TestCertificates::openssl(const QStringList &arguments, QByteArray *output, QByteArray *errors)
{
    QProcess process;
    process.start(m_openssl, arguments);
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return false;
    }
    if (output != nullptr)
        *output = process.readAllStandardOutput();
    if (errors != nullptr)
        *errors = process.readAllStandardError();
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

void TestCertificates::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_openssl = QStandardPaths::findExecutable(u"openssl"_s);
    const auto rsa = KeyPair::generateRsa(2048);
    const auto rsa2 = KeyPair::generateRsa(2048);
    const auto p256 = KeyPair::generateEc(u"P-256"_s);
    const auto pki = vl::sandbox::Pki::create();
    QVERIFY(rsa && rsa2 && p256 && pki);
    m_rsa = *rsa;
    m_rsa2 = *rsa2;
    m_p256 = *p256;
    m_pki = *pki;
    const auto rsaCert = Certificates::createSelfSigned(m_rsa, basicRequest(u"CN=rsa.example"_s));
    const auto ecCert = Certificates::createSelfSigned(m_p256, basicRequest(u"CN=ec.example"_s));
    QVERIFY(rsaCert && ecCert);
    m_rsaCert = *rsaCert;
    m_ecCert = *ecCert;
}

void TestCertificates::selfSigned_data()
{
    QTest::addColumn<bool>("ec");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QStringList>("dnsNames");
    QTest::addColumn<QStringList>("ekus");
    QTest::addColumn<QStringList>("keyUsage");
    QTest::addColumn<uint>("ekuFlags");
    QTest::addColumn<uint>("kuFlags");

    QTest::newRow("TLS server, RSA") << false << u"CN=www.contoso.example, O=Contoso"_s
                                     << QStringList{u"www.contoso.example"_s, u"contoso.example"_s}
                                     << QStringList{u"1.3.6.1.5.5.7.3.1"_s, u"1.3.6.1.5.5.7.3.2"_s}
                                     << QStringList{u"digitalSignature"_s, u"keyEncipherment"_s}
                                     << uint(XKU_SSL_SERVER | XKU_SSL_CLIENT)
                                     << uint(KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT);
    QTest::newRow("client, EC") << true << u"CN=client"_s << QStringList()
                                << QStringList{u"1.3.6.1.5.5.7.3.2"_s}
                                << QStringList{u"digitalSignature"_s, u"keyAgreement"_s}
                                << uint(XKU_SSL_CLIENT)
                                << uint(KU_DIGITAL_SIGNATURE | KU_KEY_AGREEMENT);
    QTest::newRow("code signing, wildcard")
        << false << u"CN=*.contoso.example, OU=Build, O=Contoso Ltd, L=Redmond, ST=WA, C=US"_s
        << QStringList{u"*.contoso.example"_s} << QStringList{u"1.3.6.1.5.5.7.3.3"_s}
        << QStringList{u"digitalSignature"_s} << uint(XKU_CODE_SIGN) << uint(KU_DIGITAL_SIGNATURE);
    QTest::newRow("no extensions asked") << true << u"CN=bare"_s << QStringList() << QStringList()
                                         << QStringList() << uint(0) << uint(0);
}

void TestCertificates::selfSigned()
{
    QFETCH(bool, ec);
    QFETCH(QString, subject);
    QFETCH(QStringList, dnsNames);
    QFETCH(QStringList, ekus);
    QFETCH(QStringList, keyUsage);
    QFETCH(uint, ekuFlags);
    QFETCH(uint, kuFlags);
    const KeyPair &key = ec ? m_p256 : m_rsa;
    CertificateRequest request = basicRequest(subject);
    request.dnsNames = dnsNames;
    request.ekus = ekus;
    request.keyUsage = keyUsage;
    request.notBefore = utc(2024, 3, 1, 12, 30, 15);
    request.notAfter = utc(2026, 3, 1, 12, 30, 15);

    const std::optional<CertificateInfo> info = Certificates::createSelfSigned(key, request);
    QVERIFY(info);
    QCOMPARE(info->subject, subject);
    QCOMPARE(info->issuer, subject);
    QCOMPARE(info->dnsNames, dnsNames);
    QCOMPARE(info->notBefore, request.notBefore);
    QCOMPARE(info->notAfter, request.notAfter);
    QCOMPARE(info->serialNumber.size(), 16);
    QCOMPARE(info->sha1Thumbprint.size(), 20);
    QCOMPARE(info->sha256Thumbprint.size(), 32);
    QCOMPARE(info->sha1Thumbprint, QCryptographicHash::hash(info->der, QCryptographicHash::Sha1));
    QCOMPARE(info->sha256Thumbprint,
             QCryptographicHash::hash(info->der, QCryptographicHash::Sha256));
    QCOMPARE(base64UrlEncode(info->sha1Thumbprint).size(), 27); // x5t

    // parseDer reports the same values.
    const std::optional<CertificateInfo> parsed = Certificates::parseDer(info->der);
    QVERIFY(parsed);
    QCOMPARE(parsed->subject, info->subject);
    QCOMPARE(parsed->serialNumber, info->serialNumber);
    QCOMPARE(parsed->dnsNames, info->dnsNames);
    QCOMPARE(parsed->notAfter, info->notAfter);
    QCOMPARE(parsed->sha256Thumbprint, info->sha256Thumbprint);

    // What Qt sees.
    const QSslCertificate q(info->der, QSsl::Der);
    QVERIFY(!q.isNull());
    QCOMPARE(q.issuerDisplayName(), q.subjectDisplayName());
    QCOMPARE(q.effectiveDate(), request.notBefore);
    QCOMPARE(q.expiryDate(), request.notAfter);
    QCOMPARE(q.digest(QCryptographicHash::Sha1), info->sha1Thumbprint);
    QStringList qtDnsNames = q.subjectAlternativeNames().values(QSsl::DnsEntry);
    QStringList sortedDnsNames = dnsNames;
    qtDnsNames.sort();
    sortedDnsNames.sort();
    QCOMPARE(qtDnsNames, sortedDnsNames); // QMultiMap does not keep the order
    QCOMPARE(q.publicKey().toDer(), key.publicKeyDer());

    // What OpenSSL sees.
    const ossl::X509Ptr x = ossl::certificateFromDer(info->der);
    QVERIFY(x);
    QCOMPARE(X509_get_version(x.get()), long(X509_VERSION_3));
    QCOMPARE(X509_verify(x.get(), X509_get0_pubkey(x.get())), 1); // self-signed
    QCOMPARE(X509_NAME_cmp(X509_get_subject_name(x.get()), X509_get_issuer_name(x.get())), 0);
    QCOMPARE(X509_get_signature_nid(x.get()),
             ec ? NID_ecdsa_with_SHA256 : NID_sha256WithRSAEncryption);
    QCOMPARE(X509_get_extended_key_usage(x.get()), ekus.isEmpty() ? UINT32_MAX : ekuFlags);
    QCOMPARE(X509_get_key_usage(x.get()), keyUsage.isEmpty() ? UINT32_MAX : kuFlags);
    const int ku = X509_get_ext_by_NID(x.get(), NID_key_usage, -1);
    if (!keyUsage.isEmpty())
        QCOMPARE(X509_EXTENSION_get_critical(X509_get_ext(x.get(), ku)), 1);
    QVERIFY(X509_get0_subject_key_id(x.get()) != nullptr);
    // The EKU OIDs in the order asked.
    std::unique_ptr<EXTENDED_KEY_USAGE, ossl::Deleter<&EXTENDED_KEY_USAGE_free>> eku(
        static_cast<EXTENDED_KEY_USAGE *>(
            X509_get_ext_d2i(x.get(), NID_ext_key_usage, nullptr, nullptr)));
    QStringList oids;
    for (int i = 0; eku && i < sk_ASN1_OBJECT_num(eku.get()); ++i) {
        char text[80];
        OBJ_obj2txt(text, sizeof text, sk_ASN1_OBJECT_value(eku.get(), i), 1);
        oids.append(QString::fromLatin1(text));
    }
    QCOMPARE(oids, ekus);
    // RFC 4514 order: the first RDN of the string is the last in the DER sequence.
    const X509_NAME *name = X509_get_subject_name(x.get());
    const int count = X509_NAME_entry_count(name);
    QCOMPARE(OBJ_obj2nid(X509_NAME_ENTRY_get_object(X509_NAME_get_entry(name, count - 1))),
             NID_commonName);
}

void TestCertificates::subjectRoundTrip_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("shown"); // how CertificateInfo reports it

    const auto same = [](const QString &s) {
        QTest::newRow(qPrintable(s)) << s << s;
    };
    same(u"CN=www.contoso.example, O=Contoso"_s);
    same(u"CN=a"_s);
    same(u"CN=a, OU=b, O=c, L=d, ST=e, C=US"_s);
    same(u"C=US, O=Reversed Order, CN=still kept"_s);
    same(u"CN=Müller, O=Bäckerei Ünïcödé, L=東京"_s);
    same(uR"(CN=Contoso\, Inc., O=a\+b)"_s);
    same(u"CN=host, DC=contoso, DC=example"_s);
    QTest::newRow("spaces") << u"  CN = a ,O=  b  "_s << u"CN=a, O=b"_s;
    QTest::newRow("trailing separator") << u"CN=a, O=b, "_s << u"CN=a, O=b"_s;
    QTest::newRow("plus is text") << u"CN=a+O=b"_s << uR"(CN=a\+O=b)"_s;
    QTest::newRow("semicolons") << u"CN=a;O=b"_s << u"CN=a, O=b"_s;
    QTest::newRow("quoted") << uR"(CN="a, b", O=c)"_s << uR"(CN=a\, b, O=c)"_s;
    QTest::newRow("hex escape") << uR"(CN=M\C3\BCller)"_s << u"CN=Müller"_s;
    QTest::newRow("lower-case types") << u"cn=a, o=b"_s << u"CN=a, O=b"_s;
    QTest::newRow("S for ST") << u"CN=a, S=WA"_s << u"CN=a, ST=WA"_s;
    QTest::newRow("E for email") << u"CN=a, E=a@contoso.example"_s
                                 << u"CN=a, emailAddress=a@contoso.example"_s;
    QTest::newRow("dotted OID") << u"2.5.4.3=by oid"_s << u"CN=by oid"_s;
}

void TestCertificates::subjectRoundTrip()
{
    QFETCH(QString, subject);
    QFETCH(QString, shown);
    const std::optional<CertificateInfo> info =
        Certificates::createSelfSigned(m_p256, basicRequest(subject));
    QVERIFY(info);
    QCOMPARE(info->subject, shown);
    QCOMPARE(info->issuer, shown);
}

void TestCertificates::keyUsageNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<uint>("flag");
    // Key Vault's names and RFC 5280 §4.2.1.3's bits, as OpenSSL reports them.
    QTest::newRow("digitalSignature") << u"digitalSignature"_s << uint(KU_DIGITAL_SIGNATURE);
    QTest::newRow("nonRepudiation") << u"nonRepudiation"_s << uint(KU_NON_REPUDIATION);
    QTest::newRow("keyEncipherment") << u"keyEncipherment"_s << uint(KU_KEY_ENCIPHERMENT);
    QTest::newRow("dataEncipherment") << u"dataEncipherment"_s << uint(KU_DATA_ENCIPHERMENT);
    QTest::newRow("keyAgreement") << u"keyAgreement"_s << uint(KU_KEY_AGREEMENT);
    QTest::newRow("keyCertSign") << u"keyCertSign"_s << uint(KU_KEY_CERT_SIGN);
    QTest::newRow("cRLSign") << u"cRLSign"_s << uint(KU_CRL_SIGN);
    QTest::newRow("encipherOnly") << u"encipherOnly"_s << uint(KU_ENCIPHER_ONLY);
    QTest::newRow("decipherOnly") << u"decipherOnly"_s << uint(KU_DECIPHER_ONLY);
}

void TestCertificates::keyUsageNames()
{
    QFETCH(QString, name);
    QFETCH(uint, flag);
    CertificateRequest request = basicRequest(u"CN=ku"_s);
    request.keyUsage = {name};
    const std::optional<CertificateInfo> info = Certificates::createSelfSigned(m_p256, request);
    QVERIFY(info);
    const ossl::X509Ptr x = ossl::certificateFromDer(info->der);
    QVERIFY(x);
    QCOMPARE(X509_get_key_usage(x.get()), flag);
}

void TestCertificates::emailAndUpnNames()
{
    CertificateRequest request = basicRequest(u"CN=Alice"_s);
    request.dnsNames = {u"alice.contoso.example"_s};
    request.emails = {u"alice@contoso.example"_s, u"a@contoso.example"_s};
    request.upns = {u"alice@contoso.onmicrosoft.com"_s};
    const std::optional<CertificateInfo> info = Certificates::createSelfSigned(m_rsa, request);
    QVERIFY(info);
    QCOMPARE(info->dnsNames, request.dnsNames); // only the DNS entries
    const ossl::X509Ptr x = ossl::certificateFromDer(info->der);
    QVERIFY(x);
    ossl::GeneralNames owner;
    QStringList dns, emails, upns;
    for (const GENERAL_NAME *name : altNames(x.get(), &owner)) {
        if (name->type == GEN_DNS) {
            dns.append(asn1Text(name->d.dNSName));
        } else if (name->type == GEN_EMAIL) {
            emails.append(asn1Text(name->d.rfc822Name));
        } else if (name->type == GEN_OTHERNAME) {
            char oid[64];
            OBJ_obj2txt(oid, sizeof oid, name->d.otherName->type_id, 1);
            QCOMPARE(QByteArray(oid), "1.3.6.1.4.1.311.20.2.3"_ba); // Microsoft UPN
            QCOMPARE(name->d.otherName->value->type, V_ASN1_UTF8STRING);
            upns.append(asn1Text(name->d.otherName->value->value.utf8string));
        } else {
            QFAIL("unexpected subjectAltName type");
        }
    }
    QCOMPARE(dns, request.dnsNames);
    QCOMPARE(emails, request.emails);
    QCOMPARE(upns, request.upns);
    // Not critical: the subject is not empty (RFC 5280 §4.2.1.6).
    const int index = X509_get_ext_by_NID(x.get(), NID_subject_alt_name, -1);
    QCOMPARE(X509_EXTENSION_get_critical(X509_get_ext(x.get(), index)), 0);

    // An empty subject makes the extension critical.
    request.subject.clear();
    const std::optional<CertificateInfo> noSubject = Certificates::createSelfSigned(m_rsa, request);
    QVERIFY(noSubject);
    QCOMPARE(noSubject->subject, QString());
    const ossl::X509Ptr y = ossl::certificateFromDer(noSubject->der);
    const int yIndex = X509_get_ext_by_NID(y.get(), NID_subject_alt_name, -1);
    QCOMPARE(X509_EXTENSION_get_critical(X509_get_ext(y.get(), yIndex)), 1);
}

void TestCertificates::defaultValidity()
{
    CertificateRequest request;
    request.subject = u"CN=defaults"_s;
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-2);
    const std::optional<CertificateInfo> info = Certificates::createSelfSigned(m_p256, request);
    QVERIFY(info);
    QVERIFY(info->notBefore >= before);
    QVERIFY(info->notBefore <= QDateTime::currentDateTimeUtc().addSecs(2));
    QCOMPARE(info->notAfter, info->notBefore.addMonths(12)); // Key Vault's default

    // Past 2049 the times are GeneralizedTime (RFC 5280 §4.1.2.5) and still read back.
    request.notBefore = utc(2049, 6, 1);
    request.notAfter = utc(2051, 6, 1);
    const std::optional<CertificateInfo> late = Certificates::createSelfSigned(m_p256, request);
    QVERIFY(late);
    QCOMPARE(late->notBefore, request.notBefore);
    QCOMPARE(late->notAfter, request.notAfter);
}

void TestCertificates::invalidRequests_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QStringList>("dnsNames");
    QTest::addColumn<QStringList>("ekus");
    QTest::addColumn<QStringList>("keyUsage");
    QTest::addColumn<bool>("backwards"); // notAfter before notBefore
    QTest::addColumn<bool>("valid");

    const QStringList none;
    QTest::newRow("control") << u"CN=ok"_s << QStringList{u"ok.example"_s}
                             << QStringList{u"1.3.6.1.5.5.7.3.1"_s}
                             << QStringList{u"digitalSignature"_s} << false << true;
    QTest::newRow("no equals") << u"CN"_s << none << none << none << false << false;
    QTest::newRow("no type") << u"=x"_s << none << none << none << false << false;
    QTest::newRow("empty value") << u"CN="_s << none << none << none << false << false;
    QTest::newRow("empty RDN") << u"CN=a,,O=b"_s << none << none << none << false << false;
    QTest::newRow("unknown type") << u"XX=y"_s << none << none << none << false << false;
    QTest::newRow("three-letter country")
        << u"CN=a, C=USA"_s << none << none << none << false << false;
    QTest::newRow("unterminated quote") << uR"(CN="a)"_s << none << none << none << false << false;
    QTest::newRow("EKU by name") << u"CN=a"_s << none << QStringList{u"serverAuth"_s} << none
                                 << false << false;
    QTest::newRow("EKU empty arc")
        << u"CN=a"_s << none << QStringList{u"1..2"_s} << none << false << false;
    QTest::newRow("EKU one arc") << u"CN=a"_s << none << QStringList{u"1"_s} << none << false
                                 << false;
    QTest::newRow("EKU leading zero")
        << u"CN=a"_s << none << QStringList{u"1.03.6"_s} << none << false << false;
    QTest::newRow("unknown key usage")
        << u"CN=a"_s << none << none << QStringList{u"sign"_s} << false << false;
    QTest::newRow("non-ASCII DNS name")
        << u"CN=a"_s << QStringList{u"bücher.example"_s} << none << none << false << false;
    QTest::newRow("empty DNS name")
        << u"CN=a"_s << QStringList{QString()} << none << none << false << false;
    QTest::newRow("ends before it starts") << u"CN=a"_s << none << none << none << true << false;
}

void TestCertificates::invalidRequests()
{
    QFETCH(QString, subject);
    QFETCH(QStringList, dnsNames);
    QFETCH(QStringList, ekus);
    QFETCH(QStringList, keyUsage);
    QFETCH(bool, backwards);
    QFETCH(bool, valid);
    CertificateRequest request = basicRequest(subject);
    request.dnsNames = dnsNames;
    request.ekus = ekus;
    request.keyUsage = keyUsage;
    if (backwards)
        std::swap(request.notBefore, request.notAfter);
    QCOMPARE(Certificates::createSelfSigned(m_rsa, request).has_value(), valid);
    QVERIFY(!Certificates::createSelfSigned(KeyPair(), request));
}

void TestCertificates::thumbprintsMatchOpenSslCli()
{
    if (m_openssl.isEmpty())
        QSKIP("the openssl command-line tool is not installed");
    for (const CertificateInfo &info : {m_rsaCert, m_ecCert}) {
        const QString file = path(u"thumbprint.pem"_s);
        QVERIFY(writeFile(file, pemOf(info.der)));
        QByteArray sha1, sha256, serial;
        QVERIFY(openssl({u"x509"_s, u"-in"_s, file, u"-noout"_s, u"-fingerprint"_s, u"-sha1"_s},
                        &sha1));
        QVERIFY(openssl({u"x509"_s, u"-in"_s, file, u"-noout"_s, u"-fingerprint"_s, u"-sha256"_s},
                        &sha256));
        QVERIFY(openssl({u"x509"_s, u"-in"_s, file, u"-noout"_s, u"-serial"_s}, &serial));
        // "SHA1 Fingerprint=AB:CD:..." and "serial=0123..."
        QVERIFY2(sha1.toUpper().startsWith("SHA1 FINGERPRINT="), sha1.constData());
        const QByteArray cliSha1 = fromColonHex(sha1.mid(sha1.indexOf('=') + 1));
        QCOMPARE(cliSha1.size(), 20);
        QCOMPARE(info.sha1Thumbprint, cliSha1);
        QCOMPARE(base64UrlEncode(info.sha1Thumbprint), base64UrlEncode(cliSha1)); // x5t
        QCOMPARE(info.sha256Thumbprint, fromColonHex(sha256.mid(sha256.indexOf('=') + 1)));
        QCOMPARE(info.serialNumber.toHex().toUpper(),
                 serial.mid(serial.indexOf('=') + 1).trimmed());
    }
}

void TestCertificates::parseDerRejects_data()
{
    QTest::addColumn<QByteArray>("der");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("garbage") << "not a certificate"_ba;
    QTest::newRow("PEM") << pemOf(m_rsaCert.der);
    QTest::newRow("trailing byte") << m_rsaCert.der + '\0';
    QTest::newRow("truncated") << m_rsaCert.der.chopped(1);
}

void TestCertificates::parseDerRejects()
{
    QFETCH(QByteArray, der);
    QVERIFY(!Certificates::parseDer(der));
    QVERIFY(Certificates::parseDer(m_rsaCert.der)); // the control
}

void TestCertificates::importPem_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<QString>("errorContains"); // empty: imports
    QTest::addColumn<QByteArray>("leafSha1");
    QTest::addColumn<int>("chainSize");

    const QByteArray rsaKey = m_rsa.privateKeyPem();
    const QByteArray rsaCert = pemOf(m_rsaCert.der);
    const QByteArray ecKey = m_p256.privateKeyPem();
    const QByteArray ecCert = pemOf(m_ecCert.der);
    const QByteArray leafKey = m_pki.serverPrivateKeyPem;
    const QByteArray leaf = m_pki.serverCertificatePem;
    const QByteArray ca = m_pki.caCertificatePem;
    const QByteArray leafSha1 = QSslCertificate(leaf, QSsl::Pem).digest(QCryptographicHash::Sha1);

    // The traditional encodings of the same keys.
    const auto traditional = [](const QByteArray &pkcs8) {
        ossl::Bio in = ossl::readBio(pkcs8);
        const ossl::Pkey key(PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr));
        ossl::Bio out = ossl::writeBio();
        PEM_write_bio_PrivateKey_traditional(out.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                             nullptr);
        return ossl::bioBytes(out.get());
    };
    const QByteArray rsaTraditional = traditional(rsaKey);
    const QByteArray ecTraditional = traditional(ecKey);
    QVERIFY(rsaTraditional.startsWith("-----BEGIN RSA PRIVATE KEY-----"));
    QVERIFY(ecTraditional.startsWith("-----BEGIN EC PRIVATE KEY-----"));

    const QString ok;
    const QByteArray rsaSha1 = m_rsaCert.sha1Thumbprint;
    const QByteArray ecSha1 = m_ecCert.sha1Thumbprint;
    QTest::newRow("key first") << rsaKey + rsaCert << ok << rsaSha1 << 0;
    QTest::newRow("certificate first") << rsaCert + rsaKey << ok << rsaSha1 << 0;
    QTest::newRow("EC") << ecCert + ecKey << ok << ecSha1 << 0;
    QTest::newRow("RSA PRIVATE KEY") << rsaTraditional + rsaCert << ok << rsaSha1 << 0;
    QTest::newRow("EC PRIVATE KEY") << ecCert + ecTraditional << ok << ecSha1 << 0;
    QTest::newRow("chain: key, leaf, CA") << leafKey + leaf + ca << ok << leafSha1 << 1;
    QTest::newRow("chain: CA, leaf, key") << ca + leaf + leafKey << ok << leafSha1 << 1;
    QTest::newRow("chain: CA, key, leaf") << ca + leafKey + leaf << ok << leafSha1 << 1;
    QTest::newRow("text around the blocks")
        << "Bag Attributes\n    friendlyName: x\n"_ba + leaf + "subject=...\n"_ba + leafKey + ca
        << ok << leafSha1 << 1;
    QTest::newRow("CRLF line ends")
        << QByteArray(rsaKey + rsaCert).replace("\n", "\r\n") << ok << rsaSha1 << 0;
    QTest::newRow("EC PARAMETERS block ignored")
        << "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"_ba
               + ecTraditional + ecCert
        << ok << ecSha1 << 0;

    const QByteArray none;
    QTest::newRow("key does not match") << m_rsa2.privateKeyPem() + rsaCert
                                        << u"no certificate matches the private key"_s << none << 0;
    QTest::newRow("EC key with the RSA certificate")
        << ecKey + rsaCert << u"no certificate matches the private key"_s << none << 0;
    QTest::newRow("no key") << rsaCert << u"no private key in the PEM"_s << none << 0;
    QTest::newRow("chain without key") << leaf + ca << u"no private key in the PEM"_s << none << 0;
    QTest::newRow("no certificate") << rsaKey << u"no certificate"_s << none << 0;
    QTest::newRow("two keys") << rsaKey + rsaCert + ecKey << u"more than one private key"_s << none
                              << 0;
    QTest::newRow("not PEM") << "hello"_ba << u"no PEM blocks"_s << none << 0;
    QTest::newRow("empty") << QByteArray() << u"no PEM blocks"_s << none << 0;
    QByteArray broken = rsaCert;
    broken[64] = '#';
    QTest::newRow("broken base64") << rsaKey + broken << u"malformed"_s << none << 0;
    QTest::newRow("missing END line")
        << rsaKey + rsaCert.left(rsaCert.indexOf("-----END")) << u"malformed"_s << none << 0;
    QTest::newRow("certificate block holds a key")
        << "-----BEGIN CERTIFICATE-----\n"_ba + rsaKey.mid(28, rsaKey.indexOf("-----END") - 28)
               + "-----END CERTIFICATE-----\n"_ba + rsaKey
        << u"not an X.509 certificate"_s << none << 0;

    ossl::Bio in = ossl::readBio(rsaKey);
    const ossl::Pkey key(PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr));
    ossl::Bio encrypted = ossl::writeBio();
    static const char passphrase[] = "pw";
    QVERIFY(PEM_write_bio_PKCS8PrivateKey(encrypted.get(), key.get(), EVP_aes_128_cbc(), passphrase,
                                          2, nullptr, nullptr)
            == 1);
    QTest::newRow("encrypted key")
        << ossl::bioBytes(encrypted.get()) + rsaCert << u"encrypted"_s << none << 0;
}

void TestCertificates::importPem()
{
    QFETCH(QByteArray, pem);
    QFETCH(QString, errorContains);
    QFETCH(QByteArray, leafSha1);
    QFETCH(int, chainSize);
    QString error = u"stale"_s;
    const std::optional<CertificateBundle> bundle = Certificates::importPem(pem, &error);
    if (!errorContains.isEmpty()) {
        QVERIFY(!bundle);
        QVERIFY2(error.contains(errorContains), qPrintable(error));
        QVERIFY(!Certificates::importPem(pem)); // no error pointer: no crash
        return;
    }
    QVERIFY2(bundle, qPrintable(error));
    QCOMPARE(bundle->certificate.sha1Thumbprint, leafSha1);
    QCOMPARE(bundle->chainDer.size(), chainSize);
    if (chainSize == 1)
        QCOMPARE(bundle->chainDer.first(),
                 QSslCertificate(m_pki.caCertificatePem, QSsl::Pem).toDer());
    // The key is the certificate's.
    QCOMPARE(QSslCertificate(bundle->certificate.der, QSsl::Der).publicKey().toDer(),
             bundle->key.publicKeyDer());
    const std::optional<QByteArray> sig = bundle->key.signData(
        bundle->key.type() == KeyPair::Type::Rsa ? u"RS256"_s : u"ES256"_s, "x"_ba);
    QVERIFY(sig);
}

void TestCertificates::defaultPfxNeedsNoLegacyProvider()
{
    // OpenSSL 3's defaults (PBES2/AES-256-CBC, HMAC-SHA-256 MAC) import with the default
    // provider alone; the legacy provider is loaded only for RC2 (next test).
    if (OSSL_PROVIDER_available(nullptr, "legacy"))
        QSKIP("the legacy provider is already loaded in this process");
    CertificateBundle bundle;
    bundle.certificate = m_rsaCert;
    bundle.key = m_rsa;
    const std::optional<QByteArray> pfx = Certificates::exportPkcs12(bundle);
    QVERIFY(pfx);
    QVERIFY(Certificates::importPkcs12(*pfx, QString()));
    QVERIFY(!OSSL_PROVIDER_available(nullptr, "legacy"));
}

void TestCertificates::importPkcs12_data()
{
    QTest::addColumn<QStringList>("exportArgs");
    QTest::addColumn<QString>("exportPassword");
    QTest::addColumn<QString>("importPassword");
    QTest::addColumn<bool>("withChain");
    QTest::addColumn<QString>("errorContains");   // empty: imports
    QTest::addColumn<QByteArray>("infoContains"); // in `openssl pkcs12 -info`, to be sure

    const QString pw = u"Pa55 wörd!"_s;
    const QString ok;
    const QStringList legacy{u"-legacy"_s};
    const QStringList tripleDes{u"-keypbe"_s,       u"PBE-SHA1-3DES"_s, u"-certpbe"_s,
                                u"PBE-SHA1-3DES"_s, u"-macalg"_s,       u"sha1"_s};
    QTest::newRow("default, password")
        << QStringList() << pw << pw << false << ok << "AES-256-CBC"_ba;
    QTest::newRow("default, empty password")
        << QStringList() << QString() << QString() << false << ok << "AES-256-CBC"_ba;
    QTest::newRow("default, with chain")
        << QStringList() << pw << pw << true << ok << "AES-256-CBC"_ba;
    QTest::newRow("legacy, password") << legacy << pw << pw << false << ok << "RC2"_ba;
    QTest::newRow("legacy, empty password")
        << legacy << QString() << QString() << false << ok << "RC2"_ba;
    QTest::newRow("legacy, with chain") << legacy << pw << pw << true << ok << "RC2"_ba;
    QTest::newRow("3DES, SHA-1 MAC") << tripleDes << pw << pw << false << ok << "TripleDES"_ba;
    QTest::newRow("unencrypted bags")
        << QStringList{u"-keypbe"_s, u"NONE"_s, u"-certpbe"_s, u"NONE"_s} << pw << pw << false << ok
        << "MAC"_ba;

    const QString wrong = u"the password is wrong or the file is not PKCS#12"_s;
    QTest::newRow("default, wrong password")
        << QStringList() << pw << u"pa55 wörd!"_s << false << wrong << QByteArray();
    QTest::newRow("legacy, wrong password")
        << legacy << pw << u"nope"_s << false << wrong << QByteArray();
    QTest::newRow("password given, none set")
        << QStringList() << QString() << pw << false << wrong << QByteArray();
    QTest::newRow("password missing")
        << QStringList() << pw << QString() << false << wrong << QByteArray();
    QTest::newRow("no MAC") << QStringList{u"-nomac"_s} << pw << pw << false << ok
                            << "AES-256-CBC"_ba;
    QTest::newRow("no MAC, empty password")
        << QStringList{u"-nomac"_s} << QString() << QString() << false << ok << "AES-256-CBC"_ba;
    QTest::newRow("no MAC, legacy")
        << QStringList{u"-nomac"_s, u"-legacy"_s, u"-certpbe"_s, u"PBE-SHA1-RC2-40"_s} << pw << pw
        << false << ok << "RC2"_ba;
    QTest::newRow("no MAC, wrong password")
        << QStringList{u"-nomac"_s} << pw << u"nope"_s << false << wrong << QByteArray();
    QTest::newRow("no key") << QStringList{u"-nokeys"_s} << pw << pw << false << u"no private key"_s
                            << QByteArray();
}

void TestCertificates::importPkcs12()
{
    QFETCH(QStringList, exportArgs);
    QFETCH(QString, exportPassword);
    QFETCH(QString, importPassword);
    QFETCH(bool, withChain);
    QFETCH(QString, errorContains);
    QFETCH(QByteArray, infoContains);
    if (m_openssl.isEmpty())
        QSKIP("the openssl command-line tool is not installed");

    const QString key = path(u"leaf-key.pem"_s);
    const QString cert = path(u"leaf.pem"_s);
    const QString ca = path(u"ca.pem"_s);
    const QString pfx = path(u"out.pfx"_s);
    QVERIFY(writeFile(key, m_pki.serverPrivateKeyPem));
    QVERIFY(writeFile(cert, m_pki.serverCertificatePem));
    QVERIFY(writeFile(ca, m_pki.caCertificatePem));
    QFile::remove(pfx);
    QStringList args{
        u"pkcs12"_s, u"-export"_s, u"-in"_s, cert, u"-passout"_s, u"pass:"_s + exportPassword,
        u"-out"_s,   pfx};
    if (!exportArgs.contains(u"-nokeys"_s))
        args << u"-inkey"_s << key;
    if (withChain)
        args << u"-certfile"_s << ca;
    args << exportArgs;
    QByteArray stderrText;
    if (!openssl(args, nullptr, &stderrText)) {
        if (exportArgs.contains(u"-legacy"_s))
            QSKIP(qPrintable(u"openssl pkcs12 -legacy is not supported here: "_s
                             + QString::fromUtf8(stderrText)));
        QFAIL(stderrText.constData());
    }
    if (!infoContains.isEmpty()) {
        QByteArray info;
        QStringList infoArgs{u"pkcs12"_s,
                             u"-in"_s,
                             pfx,
                             u"-info"_s,
                             u"-noout"_s,
                             u"-passin"_s,
                             u"pass:"_s + exportPassword};
        if (exportArgs.contains(u"-legacy"_s))
            infoArgs << u"-legacy"_s;
        QVERIFY(openssl(infoArgs, nullptr, &info)); // -info writes to stderr
        QVERIFY2(info.contains(infoContains), info.constData());
    }

    QString error;
    const std::optional<CertificateBundle> bundle =
        Certificates::importPkcs12(readFile(pfx), importPassword, &error);
    if (!errorContains.isEmpty()) {
        QVERIFY(!bundle);
        QVERIFY2(error.contains(errorContains), qPrintable(error));
        return;
    }
    QVERIFY2(bundle, qPrintable(error));
    QCOMPARE(bundle->certificate.der, QSslCertificate(m_pki.serverCertificatePem).toDer());
    QCOMPARE(bundle->key.publicKeyDer(),
             KeyPair::fromPrivateKeyPem(m_pki.serverPrivateKeyPem)->publicKeyDer());
    QCOMPARE(bundle->chainDer.size(), withChain ? 1 : 0);
    if (withChain)
        QCOMPARE(bundle->chainDer.first(), QSslCertificate(m_pki.caCertificatePem).toDer());
    QCOMPARE(bundle->certificate.subject, u"CN=127.0.0.1"_s);
    QCOMPARE(bundle->certificate.issuer, u"CN=VaultLens Sandbox CA"_s);
    QCOMPARE(bundle->certificate.dnsNames, QStringList{u"localhost"_s});
}

void TestCertificates::importPkcs12Rejects_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("errorContains");
    CertificateBundle bundle;
    bundle.certificate = m_ecCert;
    bundle.key = m_p256;
    const QByteArray pfx = Certificates::exportPkcs12(bundle).value_or(QByteArray());
    QVERIFY(!pfx.isEmpty());
    QByteArray flipped = pfx;
    flipped[pfx.size() / 2] = char(flipped.at(pfx.size() / 2) ^ 1);

    QTest::newRow("empty") << QByteArray() << u"not PKCS#12"_s;
    QTest::newRow("text") << "not a pfx"_ba << u"not PKCS#12"_s;
    QTest::newRow("a certificate") << m_ecCert.der << u"not PKCS#12"_s;
    QTest::newRow("truncated") << pfx.left(pfx.size() - 10) << u"not PKCS#12"_s;
    QTest::newRow("a bit flipped") << flipped << u"PKCS#12"_s;
}

void TestCertificates::importPkcs12Rejects()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, errorContains);
    QString error;
    QVERIFY(!Certificates::importPkcs12(data, QString(), &error));
    QVERIFY2(error.contains(errorContains), qPrintable(error));
}

void TestCertificates::exportPkcs12RoundTrip()
{
    // A CA-issued leaf with its chain, and a self-signed EC certificate.
    const std::optional<CertificateBundle> issued = Certificates::importPem(
        m_pki.serverPrivateKeyPem + m_pki.serverCertificatePem + m_pki.caCertificatePem);
    QVERIFY(issued);
    CertificateBundle selfSigned;
    selfSigned.certificate = m_ecCert;
    selfSigned.key = m_p256;

    for (const CertificateBundle &bundle : {*issued, selfSigned}) {
        const std::optional<QByteArray> pfx = Certificates::exportPkcs12(bundle);
        QVERIFY(pfx);
        QString error;
        const std::optional<CertificateBundle> back =
            Certificates::importPkcs12(*pfx, QString(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->certificate.der, bundle.certificate.der);
        QCOMPARE(back->certificate.sha1Thumbprint, bundle.certificate.sha1Thumbprint);
        QCOMPARE(back->chainDer, bundle.chainDer);
        QCOMPARE(back->key.publicKeyDer(), bundle.key.publicKeyDer());
        QCOMPARE(back->key.privateKeyPem(), bundle.key.privateKeyPem());
        // Any password is wrong for it.
        QVERIFY(!Certificates::importPkcs12(*pfx, u"x"_s, &error));
        QVERIFY2(error.contains(u"password is wrong"_s), qPrintable(error));

        if (m_openssl.isEmpty())
            continue;
        // The openssl tool reads it with an empty password and names OpenSSL 3's defaults.
        const QString file = path(u"export.pfx"_s);
        QVERIFY(writeFile(file, *pfx));
        QByteArray info;
        QVERIFY(openssl(
            {u"pkcs12"_s, u"-in"_s, file, u"-info"_s, u"-noout"_s, u"-passin"_s, u"pass:"_s},
            nullptr, &info));
        QVERIFY2(info.contains("MAC: sha256"), info.constData());
        QVERIFY2(info.contains("PBES2, PBKDF2, AES-256-CBC"), info.constData());
        QVERIFY2(!info.contains("RC2") && !info.contains("TripleDES"), info.constData());
        QByteArray certs;
        QVERIFY(openssl(
            {u"pkcs12"_s, u"-in"_s, file, u"-nokeys"_s, u"-clcerts"_s, u"-passin"_s, u"pass:"_s},
            &certs));
        QCOMPARE(QSslCertificate(certs, QSsl::Pem).toDer(), bundle.certificate.der);
    }
}

void TestCertificates::exportPkcs12Rejects()
{
    CertificateBundle mismatched;
    mismatched.certificate = m_rsaCert;
    mismatched.key = m_rsa2;
    QVERIFY(!Certificates::exportPkcs12(mismatched));
    CertificateBundle noKey;
    noKey.certificate = m_rsaCert;
    QVERIFY(!Certificates::exportPkcs12(noKey));
    QVERIFY(!Certificates::exportPkcs12(CertificateBundle()));
    CertificateBundle badChain;
    badChain.certificate = m_rsaCert;
    badChain.key = m_rsa;
    badChain.chainDer = {"junk"_ba};
    QVERIFY(!Certificates::exportPkcs12(badChain));
}

void TestCertificates::exportPemRoundTrip()
{
    const std::optional<CertificateBundle> bundle = Certificates::importPem(
        m_pki.caCertificatePem + m_pki.serverCertificatePem + m_pki.serverPrivateKeyPem);
    QVERIFY(bundle);
    const QByteArray pem = Certificates::exportPem(*bundle);
    QVERIFY(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
    QCOMPARE(pem.count("-----BEGIN CERTIFICATE-----"), 2);
    // Key, leaf, then the chain.
    QVERIFY(pem.indexOf(m_pki.serverCertificatePem) > 0);
    QVERIFY(pem.indexOf(m_pki.caCertificatePem) > pem.indexOf(m_pki.serverCertificatePem));
    const std::optional<CertificateBundle> back = Certificates::importPem(pem);
    QVERIFY(back);
    QCOMPARE(back->certificate.der, bundle->certificate.der);
    QCOMPARE(back->chainDer, bundle->chainDer);
    QCOMPARE(back->key.privateKeyPem(), bundle->key.privateKeyPem());
}

void TestCertificates::looksLikePem_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("pem");
    QTest::newRow("certificate") << pemOf(m_rsaCert.der) << true;
    QTest::newRow("key after text") << "Bag Attributes\n"_ba + m_rsa.privateKeyPem() << true;
    QTest::newRow("DER") << m_rsaCert.der << false;
    QTest::newRow("PFX") << Certificates::exportPkcs12({m_rsaCert, m_rsa, {}}).value_or("x"_ba)
                         << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("BEGIN without dashes") << "BEGIN CERTIFICATE"_ba << false;
}

void TestCertificates::looksLikePem()
{
    QFETCH(QByteArray, data);
    QFETCH(bool, pem);
    QCOMPARE(Certificates::looksLikePem(data), pem);
}

QTEST_GUILESS_MAIN(TestCertificates)
#include "tst_certificates.moc"

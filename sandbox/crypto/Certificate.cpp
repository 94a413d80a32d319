// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/Certificate.h"

#include "crypto/OpenSslUtil.h"

#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/provider.h>

#include <algorithm>
#include <climits>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace vl::sandbox {

namespace {

using Pkcs8 = std::unique_ptr<PKCS8_PRIV_KEY_INFO, ossl::Deleter<&PKCS8_PRIV_KEY_INFO_free>>;

void setError(QString *error, const QString &text)
{
    if (error != nullptr)
        *error = text;
}

// --- Distinguished names ---------------------------------------------------------------

// Attribute types as Key Vault and Windows write them, mapped to OpenSSL's short names.
const char *attributeName(const QByteArray &type)
{
    static const std::pair<const char *, const char *> names[] = {
        {"CN", "CN"},
        {"O", "O"},
        {"OU", "OU"},
        {"L", "L"},
        {"ST", "ST"},
        {"S", "ST"},
        {"C", "C"},
        {"E", "emailAddress"},
        {"EMAIL", "emailAddress"},
        {"EMAILADDRESS", "emailAddress"},
        {"DC", "DC"},
        {"STREET", "street"},
        {"SERIALNUMBER", "serialNumber"},
        {"T", "title"},
        {"TITLE", "title"},
        {"G", "GN"},
        {"GN", "GN"},
        {"GIVENNAME", "GN"},
        {"SN", "SN"},
        {"SURNAME", "SN"},
        {"UID", "UID"},
        {"POSTALCODE", "postalCode"},
    };
    const QByteArray upper = type.toUpper();
    for (const auto &[from, to] : names) {
        if (upper == from)
            return to;
    }
    return nullptr;
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// "CN=a, O=b" in RFC 4514 string syntax: ',' or ';' between attributes, '\' escapes
// (a character or two hex digits), double-quoted values. The result is in text order.
// Multi-valued RDNs are not supported: an unescaped '+' is part of the value.
std::optional<QList<std::pair<QByteArray, QByteArray>>> parseDn(const QString &text)
{
    const QByteArray in = text.toUtf8();
    QList<std::pair<QByteArray, QByteArray>> out;
    qsizetype i = 0;
    for (;;) {
        while (i < in.size() && in.at(i) == ' ')
            ++i;
        if (i >= in.size())
            break;
        const qsizetype eq = in.indexOf('=', i);
        if (eq < 0)
            return std::nullopt;
        const QByteArray type = in.mid(i, eq - i).trimmed();
        i = eq + 1;
        while (i < in.size() && in.at(i) == ' ')
            ++i;
        QByteArray value;
        if (i < in.size() && in.at(i) == '"') {
            ++i;
            while (i < in.size() && in.at(i) != '"') {
                if (in.at(i) == '\\' && i + 1 < in.size())
                    ++i;
                value.append(in.at(i++));
            }
            if (i >= in.size())
                return std::nullopt; // unterminated quote
            ++i;
            while (i < in.size() && in.at(i) == ' ')
                ++i;
            if (i < in.size() && in.at(i) != ',' && in.at(i) != ';')
                return std::nullopt;
        } else {
            qsizetype keep = 0; // length of value up to the last escaped character
            while (i < in.size() && in.at(i) != ',' && in.at(i) != ';') {
                if (in.at(i) == '\\') {
                    if (i + 2 < in.size() && hexDigit(in.at(i + 1)) >= 0
                        && hexDigit(in.at(i + 2)) >= 0) {
                        value.append(char(hexDigit(in.at(i + 1)) * 16 + hexDigit(in.at(i + 2))));
                        i += 3;
                    } else if (i + 1 < in.size()) {
                        value.append(in.at(i + 1));
                        i += 2;
                    } else {
                        return std::nullopt;
                    }
                    keep = value.size();
                    continue;
                }
                value.append(in.at(i++));
            }
            while (value.size() > keep && value.endsWith(' '))
                value.chop(1);
        }
        if (i < in.size())
            ++i; // the separator
        if (type.isEmpty() || value.isEmpty())
            return std::nullopt;
        out.append({type, value});
    }
    return out;
}

bool setSubject(X509 *cert, const QString &subject)
{
    const auto parts = parseDn(subject);
    if (!parts)
        return false;
    X509_NAME *name = X509_get_subject_name(cert);
    // RFC 4514 §2.1 writes the most significant RDN last, so the DER order is the reverse.
    for (auto it = parts->crbegin(); it != parts->crend(); ++it) {
        const auto &[type, value] = *it;
        const char *field = attributeName(type);
        const QByteArray oid = field != nullptr ? QByteArray(field) : type;
        if (field == nullptr && oid.count('.') == 0)
            return false; // neither a known name nor a dotted OID
        if (X509_NAME_add_entry_by_txt(name, oid.constData(), MBSTRING_UTF8,
                                       reinterpret_cast<const unsigned char *>(value.constData()),
                                       int(value.size()), -1, 0)
            != 1)
            return false;
    }
    return true;
}

QString printName(const X509_NAME *name)
{
    // RFC 2253 (which lists the DER sequence reversed), with ", " between RDNs as Key
    // Vault shows them and UTF-8 left as is rather than \XX-escaped.
    const unsigned long flags =
        (XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB & ~XN_FLAG_SEP_MASK) | XN_FLAG_SEP_CPLUS_SPC;
    ossl::Bio bio = ossl::writeBio();
    if (!bio || X509_NAME_print_ex(bio.get(), name, 0, flags) < 0)
        return {};
    return QString::fromUtf8(ossl::bioBytes(bio.get()));
}

// --- Extensions ------------------------------------------------------------------------

bool isAscii(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() > 0x7e || c.unicode() < 0x20)
            return false;
    }
    return !text.isEmpty();
}

bool appendIa5(GENERAL_NAMES *names, int type, const QString &text)
{
    if (!isAscii(text)) // IA5String: RFC 5280 §4.2.1.6 wants A-labels and ASCII mailboxes
        return false;
    const QByteArray bytes = text.toLatin1();
    ossl::Asn1String value(ASN1_IA5STRING_new());
    ossl::GeneralName name(GENERAL_NAME_new());
    if (!value || !name || ASN1_STRING_set(value.get(), bytes.constData(), int(bytes.size())) != 1)
        return false;
    GENERAL_NAME_set0_value(name.get(), type, value.release());
    if (sk_GENERAL_NAME_push(names, name.get()) <= 0)
        return false;
    (void)name.release();
    return true;
}

bool appendUpn(GENERAL_NAMES *names, const QString &upn)
{
    // Microsoft's UPN otherName: 1.3.6.1.4.1.311.20.2.3 with a UTF8String.
    const QByteArray bytes = upn.toUtf8();
    ossl::Asn1Object oid(OBJ_txt2obj("1.3.6.1.4.1.311.20.2.3", 1));
    ossl::Asn1String text(ASN1_UTF8STRING_new());
    ossl::Asn1Type value(ASN1_TYPE_new());
    ossl::GeneralName name(GENERAL_NAME_new());
    if (upn.isEmpty() || !oid || !text || !value || !name
        || ASN1_STRING_set(text.get(), bytes.constData(), int(bytes.size())) != 1)
        return false;
    ASN1_TYPE_set(value.get(), V_ASN1_UTF8STRING, text.release());
    if (GENERAL_NAME_set0_othername(name.get(), oid.get(), value.get()) != 1)
        return false;
    (void)oid.release();
    (void)value.release();
    if (sk_GENERAL_NAME_push(names, name.get()) <= 0)
        return false;
    (void)name.release();
    return true;
}

bool addSubjectAltNames(X509 *cert, const CertificateRequest &request)
{
    if (request.dnsNames.isEmpty() && request.emails.isEmpty() && request.upns.isEmpty())
        return true;
    ossl::GeneralNames names(GENERAL_NAMES_new());
    if (!names)
        return false;
    for (const QString &dns : request.dnsNames) {
        if (!appendIa5(names.get(), GEN_DNS, dns))
            return false;
    }
    for (const QString &email : request.emails) {
        if (!appendIa5(names.get(), GEN_EMAIL, email))
            return false;
    }
    for (const QString &upn : request.upns) {
        if (!appendUpn(names.get(), upn))
            return false;
    }
    // RFC 5280 §4.2.1.6: critical when the subject is empty.
    const int critical = X509_NAME_entry_count(X509_get_subject_name(cert)) == 0 ? 1 : 0;
    return X509_add1_ext_i2d(cert, NID_subject_alt_name, names.get(), critical, X509V3_ADD_DEFAULT)
           == 1;
}

// Dotted decimal (X.660): at least two arcs, the first 0, 1 or 2, no empty arcs or leading
// zeros. OBJ_txt2obj alone lets "1..2" through.
bool isDottedOid(const QByteArray &text)
{
    const QList<QByteArray> arcs = text.split('.');
    if (arcs.size() < 2 || (arcs.first() != "0" && arcs.first() != "1" && arcs.first() != "2"))
        return false;
    for (const QByteArray &arc : arcs) {
        if (arc.isEmpty() || (arc.size() > 1 && arc.startsWith('0')))
            return false;
        if (!std::all_of(arc.cbegin(), arc.cend(), [](char c) { return c >= '0' && c <= '9'; }))
            return false;
    }
    return true;
}

bool addExtendedKeyUsage(X509 *cert, const QStringList &oids)
{
    if (oids.isEmpty())
        return true;
    ossl::ExtendedKeyUsage usage(sk_ASN1_OBJECT_new_null());
    if (!usage)
        return false;
    for (const QString &oid : oids) {
        const QByteArray text = oid.trimmed().toLatin1();
        if (!isDottedOid(text))
            return false;
        ossl::Asn1Object object(OBJ_txt2obj(text.constData(), 1));
        if (!object || sk_ASN1_OBJECT_push(usage.get(), object.get()) <= 0)
            return false;
        (void)object.release();
    }
    return X509_add1_ext_i2d(cert, NID_ext_key_usage, usage.get(), 0, X509V3_ADD_DEFAULT) == 1;
}

bool addKeyUsage(X509 *cert, const QStringList &usages)
{
    if (usages.isEmpty())
        return true;
    // RFC 5280 §4.2.1.3 bit numbers, Key Vault's names.
    static const char *const bits[] = {"digitalSignature", "nonRepudiation", "keyEncipherment",
                                       "dataEncipherment", "keyAgreement",   "keyCertSign",
                                       "cRLSign",          "encipherOnly",   "decipherOnly"};
    ossl::Asn1BitString value(ASN1_BIT_STRING_new());
    if (!value)
        return false;
    for (const QString &usage : usages) {
        int bit = -1;
        for (int i = 0; i < int(std::size(bits)); ++i) {
            if (usage.compare(QLatin1StringView(bits[i]), Qt::CaseInsensitive) == 0)
                bit = i;
        }
        if (bit < 0 || ASN1_BIT_STRING_set_bit(value.get(), bit, 1) != 1)
            return false;
    }
    return X509_add1_ext_i2d(cert, NID_key_usage, value.get(), 1, X509V3_ADD_DEFAULT) == 1;
}

// --- Certificates and keys -------------------------------------------------------------

std::optional<CertificateInfo> describe(X509 *cert, const QByteArray &der)
{
    CertificateInfo info;
    info.der = der;
    info.subject = printName(X509_get_subject_name(cert));
    info.issuer = printName(X509_get_issuer_name(cert));
    ossl::Bn serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr));
    if (!serial)
        return std::nullopt;
    info.serialNumber = ossl::bnBytes(serial.get());
    info.notBefore = ossl::toDateTime(X509_get0_notBefore(cert));
    info.notAfter = ossl::toDateTime(X509_get0_notAfter(cert));

    int critical = 0;
    ossl::GeneralNames names(static_cast<GENERAL_NAMES *>(
        X509_get_ext_d2i(cert, NID_subject_alt_name, &critical, nullptr)));
    for (int i = 0; names && i < sk_GENERAL_NAME_num(names.get()); ++i) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(names.get(), i);
        if (name->type == GEN_DNS) {
            const ASN1_IA5STRING *dns = name->d.dNSName;
            info.dnsNames.append(
                QString::fromLatin1(reinterpret_cast<const char *>(ASN1_STRING_get0_data(dns)),
                                    ASN1_STRING_length(dns)));
        }
    }

    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(cert, EVP_sha1(), digest, &length) != 1)
        return std::nullopt;
    info.sha1Thumbprint = QByteArray(reinterpret_cast<const char *>(digest), int(length));
    if (X509_digest(cert, EVP_sha256(), digest, &length) != 1)
        return std::nullopt;
    info.sha256Thumbprint = QByteArray(reinterpret_cast<const char *>(digest), int(length));
    return info;
}

std::optional<CertificateInfo> describe(X509 *cert)
{
    const QByteArray der = ossl::certificateDer(cert);
    if (der.isEmpty())
        return std::nullopt;
    return describe(cert, der);
}

bool sameKey(const X509 *cert, const EVP_PKEY *key)
{
    const EVP_PKEY *certKey = X509_get0_pubkey(cert);
    return certKey != nullptr && EVP_PKEY_eq(certKey, key) == 1;
}

// Builds a bundle from a key and certificates; the one matching the key is the leaf.
std::optional<CertificateBundle> makeBundle(ossl::Pkey key, std::vector<ossl::X509Ptr> certs,
                                            QString *error)
{
    const auto leaf = std::find_if(certs.begin(), certs.end(), [&](const ossl::X509Ptr &c) {
        return sameKey(c.get(), key.get());
    });
    if (leaf == certs.end()) {
        setError(error, u"no certificate matches the private key"_s);
        return std::nullopt;
    }
    std::optional<CertificateInfo> info = describe(leaf->get());
    if (!info) {
        setError(error, u"the certificate cannot be encoded"_s);
        return std::nullopt;
    }
    CertificateBundle bundle;
    bundle.certificate = std::move(*info);
    for (auto it = certs.begin(); it != certs.end(); ++it) {
        if (it != leaf)
            bundle.chainDer.append(ossl::certificateDer(it->get()));
    }
    std::optional<KeyPair> pair = KeyPairAccess::adopt(std::move(key));
    if (!pair) {
        setError(error,
                 u"the private key is neither RSA nor EC on P-256, P-384, P-521 or P-256K"_s);
        return std::nullopt;
    }
    bundle.key = std::move(*pair);
    return bundle;
}

// The legacy provider (RC2, and anything else OpenSSL 3 moved there), loaded into the
// default library context on first need and unloaded at exit.
bool loadLegacyProvider()
{
    struct Legacy
    {
        OSSL_PROVIDER *provider = OSSL_PROVIDER_try_load(nullptr, "legacy", 1);
        Legacy() = default;
        Legacy(const Legacy &) = delete;
        Legacy &operator=(const Legacy &) = delete;
        ~Legacy()
        {
            if (provider != nullptr)
                OSSL_PROVIDER_unload(provider);
        }
    };
    static const Legacy legacy;
    return legacy.provider != nullptr;
}

bool pkcs12MacMatches(PKCS12 *p12, const QByteArray &password)
{
    if (PKCS12_mac_present(p12) != 1)
        return true;
    // An empty password is written either as no password or as an empty BMPString.
    if (password.isEmpty())
        return PKCS12_verify_mac(p12, nullptr, 0) == 1 || PKCS12_verify_mac(p12, "", 0) == 1;
    return PKCS12_verify_mac(p12, password.constData(), int(password.size())) == 1;
}

} // namespace

std::optional<CertificateInfo> Certificates::createSelfSigned(const KeyPair &key,
                                                              const CertificateRequest &request)
{
    const ossl::ErrorQueueGuard guard;
    EVP_PKEY *pkey = KeyPairAccess::pkey(key);
    if (pkey == nullptr || !key.hasPrivateKey())
        return std::nullopt;
    const QDateTime notBefore =
        request.notBefore.isValid() ? request.notBefore : QDateTime::currentDateTimeUtc();
    // Key Vault's default validity is 12 months.
    const QDateTime notAfter =
        request.notAfter.isValid() ? request.notAfter : notBefore.addMonths(12);
    if (notAfter <= notBefore)
        return std::nullopt;

    ossl::X509Ptr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1
        || !ossl::setRandomSerial(cert.get())
        || !ossl::setTime(X509_getm_notBefore(cert.get()), notBefore)
        || !ossl::setTime(X509_getm_notAfter(cert.get()), notAfter)
        || X509_set_pubkey(cert.get(), pkey) != 1 || !setSubject(cert.get(), request.subject)
        || X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get())) != 1
        || !addSubjectAltNames(cert.get(), request) || !addKeyUsage(cert.get(), request.keyUsage)
        || !addExtendedKeyUsage(cert.get(), request.ekus)
        || !ossl::addExtension(cert.get(), cert.get(), NID_subject_key_identifier, "hash")
        || X509_sign(cert.get(), pkey, EVP_sha256()) <= 0)
        return std::nullopt;
    return describe(cert.get());
}

std::optional<CertificateInfo> Certificates::parseDer(const QByteArray &der)
{
    const ossl::ErrorQueueGuard guard;
    const ossl::X509Ptr cert = ossl::certificateFromDer(der);
    if (!cert)
        return std::nullopt;
    return describe(cert.get(), der);
}

std::optional<CertificateBundle> Certificates::importPem(const QByteArray &pem, QString *error)
{
    const ossl::ErrorQueueGuard guard;
    ossl::Bio bio = ossl::readBio(pem);
    if (!bio) {
        setError(error, u"the PEM text is too large"_s);
        return std::nullopt;
    }
    ossl::Pkey key;
    std::vector<ossl::X509Ptr> certs;
    int blocks = 0;
    for (;;) {
        char *rawName = nullptr;
        char *rawHeader = nullptr;
        unsigned char *rawData = nullptr;
        long length = 0;
        if (PEM_read_bio(bio.get(), &rawName, &rawHeader, &rawData, &length) != 1) {
            if (ERR_GET_REASON(ERR_peek_last_error()) != PEM_R_NO_START_LINE) {
                setError(error, u"a PEM block is malformed"_s);
                return std::nullopt;
            }
            break; // no more blocks
        }
        ++blocks;
        const QByteArray name(rawName);
        const bool encryptedHeader = QByteArray(rawHeader).contains("ENCRYPTED"); // RFC 1421
        const QByteArray data(reinterpret_cast<const char *>(rawData), qsizetype(length));
        OPENSSL_free(rawName);
        OPENSSL_free(rawHeader);
        OPENSSL_free(rawData);

        const auto *p = reinterpret_cast<const unsigned char *>(data.constData());
        if (name == "CERTIFICATE") {
            ossl::X509Ptr cert = ossl::certificateFromDer(data);
            if (!cert) {
                setError(error, u"a CERTIFICATE block is not an X.509 certificate"_s);
                return std::nullopt;
            }
            certs.push_back(std::move(cert));
        } else if (name == "ENCRYPTED PRIVATE KEY"
                   || (name.endsWith("PRIVATE KEY") && encryptedHeader)) {
            setError(error, u"the private key is encrypted: export it without a password"_s);
            return std::nullopt;
        } else if (name == "PRIVATE KEY" || name == "RSA PRIVATE KEY" || name == "EC PRIVATE KEY") {
            if (key) {
                setError(error, u"more than one private key in the PEM"_s);
                return std::nullopt;
            }
            if (name == "PRIVATE KEY") { // PKCS#8 (RFC 5208)
                const Pkcs8 info(d2i_PKCS8_PRIV_KEY_INFO(nullptr, &p, long(data.size())));
                key.reset(info ? EVP_PKCS82PKEY(info.get()) : nullptr);
            } else { // PKCS#1 (RFC 8017 A.1.2) or SEC 1 (RFC 5915)
                const int type = name == "RSA PRIVATE KEY" ? EVP_PKEY_RSA : EVP_PKEY_EC;
                key.reset(d2i_PrivateKey(type, nullptr, &p, long(data.size())));
            }
            if (!key) {
                setError(error, u"the %1 block cannot be read"_s.arg(QString::fromLatin1(name)));
                return std::nullopt;
            }
        }
        // Other blocks ("EC PARAMETERS" from openssl ecparam, ...) are ignored.
    }
    if (blocks == 0) {
        setError(error, u"the text holds no PEM blocks"_s);
        return std::nullopt;
    }
    if (!key) {
        setError(error, u"no private key in the PEM"_s);
        return std::nullopt;
    }
    if (certs.empty()) {
        setError(error, u"no certificate in the PEM"_s);
        return std::nullopt;
    }
    return makeBundle(std::move(key), std::move(certs), error);
}

std::optional<CertificateBundle> Certificates::importPkcs12(const QByteArray &pfx,
                                                            const QString &password, QString *error)
{
    const ossl::ErrorQueueGuard guard;
    const auto *p = reinterpret_cast<const unsigned char *>(pfx.constData());
    const ossl::Pkcs12 p12(pfx.size() > 0 && pfx.size() <= LONG_MAX
                               ? d2i_PKCS12(nullptr, &p, long(pfx.size()))
                               : nullptr);
    const QString wrongPassword = u"the password is wrong or the file is not PKCS#12"_s;
    if (!p12) {
        setError(error, u"the file is not PKCS#12"_s);
        return std::nullopt;
    }
    const QByteArray pass = password.toUtf8();
    if (!pkcs12MacMatches(p12.get(), pass)) {
        setError(error, wrongPassword);
        return std::nullopt;
    }

    ossl::Pkey key;
    ossl::X509Ptr cert;
    ossl::X509Stack others;
    const auto parse = [&] {
        EVP_PKEY *rawKey = nullptr;
        X509 *rawCert = nullptr;
        STACK_OF(X509) *rawOthers = nullptr;
        const bool ok =
            PKCS12_parse(p12.get(), pass.constData(), &rawKey, &rawCert, &rawOthers) == 1;
        key.reset(rawKey);
        cert.reset(rawCert);
        others.reset(rawOthers);
        return ok;
    };
    // OpenSSL 3.0's PKCS12_parse insists on a MAC when given a password (later versions do
    // not): a PFX without one (-nomac, Java's keytool) gets one here, in memory, under the
    // same password, so that decryption alone decides. An empty password may mean none or
    // an empty BMPString: PKCS12_parse tries none first, then "" once there is a MAC for it.
    const bool macAbsent = PKCS12_mac_present(p12.get()) != 1;
    const auto addMac = [&](const char *macPass, int length) {
        return PKCS12_set_mac(p12.get(), macPass, length, nullptr, 0, 1, nullptr) == 1;
    };
    if (macAbsent && !pass.isEmpty() && !addMac(pass.constData(), int(pass.size()))) {
        setError(error, u"the PKCS#12 file cannot be read (%1)"_s.arg(ossl::takeError()));
        return std::nullopt;
    }
    const auto parseAny = [&] {
        if (parse())
            return true;
        return macAbsent && pass.isEmpty() && PKCS12_mac_present(p12.get()) != 1 && addMac("", 0)
               && parse();
    };
    // PBES2/AES (OpenSSL 3's default) and 3DES work with the default provider; RC2-40, the
    // old default for certificate bags, needs the legacy provider.
    if (!parseAny()) {
        QString reason = ossl::takeError();
        const bool legacy = loadLegacyProvider();
        if (!legacy || !parseAny()) {
            if (legacy) {
                const QString again = ossl::takeError();
                reason = again.isEmpty() ? reason : again;
            }
            QString text = macAbsent ? wrongPassword // nothing else tells a wrong password
                                     : u"the PKCS#12 contents cannot be decrypted"_s;
            if (!reason.isEmpty())
                text += u" ("_s + reason + u')';
            if (!legacy)
                text += u"; OpenSSL's legacy provider, needed for RC2, is not available"_s;
            setError(error, text);
            return std::nullopt;
        }
    }
    if (!key) {
        setError(error, u"the PKCS#12 file holds no private key"_s);
        return std::nullopt;
    }
    std::vector<ossl::X509Ptr> certs;
    if (cert)
        certs.push_back(std::move(cert));
    while (others && sk_X509_num(others.get()) > 0)
        certs.emplace_back(sk_X509_shift(others.get()));
    if (certs.empty()) {
        setError(error, u"the PKCS#12 file holds no certificate"_s);
        return std::nullopt;
    }
    return makeBundle(std::move(key), std::move(certs), error);
}

std::optional<QByteArray> Certificates::exportPkcs12(const CertificateBundle &bundle)
{
    const ossl::ErrorQueueGuard guard;
    EVP_PKEY *key = KeyPairAccess::pkey(bundle.key);
    const ossl::X509Ptr cert = ossl::certificateFromDer(bundle.certificate.der);
    ossl::X509Stack chain(sk_X509_new_null());
    if (key == nullptr || !bundle.key.hasPrivateKey() || !cert || !chain
        || !sameKey(cert.get(), key))
        return std::nullopt;
    for (const QByteArray &der : bundle.chainDer) {
        ossl::X509Ptr issuer = ossl::certificateFromDer(der);
        if (!issuer || sk_X509_push(chain.get(), issuer.get()) <= 0)
            return std::nullopt;
        (void)issuer.release();
    }
    // NIDs 0: OpenSSL 3's defaults, PBES2 with PBKDF2 and AES-256-CBC for both bags; the
    // MAC is HMAC-SHA-256.
    const ossl::Pkcs12 p12(PKCS12_create("", nullptr, key, cert.get(), chain.get(), 0, 0,
                                         PKCS12_DEFAULT_ITER, PKCS12_DEFAULT_ITER, 0));
    if (!p12)
        return std::nullopt;
    unsigned char *buffer = nullptr;
    const int length = i2d_PKCS12(p12.get(), &buffer);
    if (length <= 0)
        return std::nullopt;
    QByteArray out(reinterpret_cast<const char *>(buffer), length);
    OPENSSL_free(buffer);
    return out;
}

QByteArray Certificates::exportPem(const CertificateBundle &bundle)
{
    const ossl::ErrorQueueGuard guard;
    QByteArray pem = bundle.key.privateKeyPem();
    if (const ossl::X509Ptr cert = ossl::certificateFromDer(bundle.certificate.der))
        pem += ossl::certificatePem(cert.get());
    for (const QByteArray &der : bundle.chainDer) {
        if (const ossl::X509Ptr cert = ossl::certificateFromDer(der))
            pem += ossl::certificatePem(cert.get());
    }
    return pem;
}

bool Certificates::looksLikePem(const QByteArray &data)
{
    return data.contains("-----BEGIN ");
}

} // namespace vl::sandbox

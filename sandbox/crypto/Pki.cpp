// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/Pki.h"

#include "crypto/KeyPair.h"
#include "crypto/OpenSslUtil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <openssl/pem.h>

using namespace Qt::StringLiterals;

namespace vl::sandbox {

namespace {

constexpr auto caFile = "ca.pem"_L1;
constexpr auto caKeyFile = "ca-key.pem"_L1;
constexpr auto serverFile = "server.pem"_L1;
constexpr auto serverKeyFile = "server-key.pem"_L1;

// A version 3 certificate for @p key named CN=@p commonName with a random serial and the
// validity described in Pki.h, not yet carrying extensions or a signature.
ossl::X509Ptr newCertificate(EVP_PKEY *key, const char *commonName)
{
    ossl::X509Ptr cert(X509_new());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1
        || !ossl::setRandomSerial(cert.get())
        || !ossl::setTime(X509_getm_notBefore(cert.get()), now.addDays(-1))
        || !ossl::setTime(X509_getm_notAfter(cert.get()), now.addYears(10))
        || X509_set_pubkey(cert.get(), key) != 1)
        return {};
    X509_NAME *name = X509_get_subject_name(cert.get());
    if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char *>(commonName), -1, -1, 0)
        != 1)
        return {};
    return cert;
}

ossl::X509Ptr readCertificate(const QByteArray &pem)
{
    ossl::Bio bio = ossl::readBio(pem);
    return ossl::X509Ptr(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

bool writeFile(const QString &path, const QByteArray &data, bool secret, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = u"Cannot write %1: %2"_s.arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    // The permissions apply to the temporary file, before any key material is in it.
    if (secret && !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        *error = u"Cannot restrict the permissions of %1: %2"_s.arg(QDir::toNativeSeparators(path),
                                                                    file.errorString());
        return false;
    }
    if (file.write(data) != data.size() || !file.commit()) {
        *error = u"Cannot write %1: %2"_s.arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

std::optional<TlsMaterial> validate(const TlsMaterial &m, const QDir &dir, QString *error)
{
    const auto fail = [&](const QString &text) {
        *error = text.arg(QDir::toNativeSeparators(dir.absolutePath()));
        return std::nullopt;
    };
    const ossl::X509Ptr ca = readCertificate(m.caCertificatePem);
    if (!ca)
        return fail(u"ca.pem in %1 is not a PEM certificate"_s);
    const ossl::X509Ptr server = readCertificate(m.serverCertificatePem);
    if (!server)
        return fail(u"server.pem in %1 is not a PEM certificate"_s);
    const std::optional<KeyPair> caKey = KeyPair::fromPrivateKeyPem(m.caPrivateKeyPem);
    if (!caKey)
        return fail(u"ca-key.pem in %1 is not a PEM private key"_s);
    const std::optional<KeyPair> serverKey = KeyPair::fromPrivateKeyPem(m.serverPrivateKeyPem);
    if (!serverKey)
        return fail(u"server-key.pem in %1 is not a PEM private key"_s);
    if (X509_check_ca(ca.get()) < 1)
        return fail(u"ca.pem in %1 is not a CA certificate"_s);
    if (X509_check_private_key(ca.get(), KeyPairAccess::pkey(*caKey)) != 1)
        return fail(u"ca-key.pem in %1 is not the key of ca.pem"_s);
    if (X509_check_private_key(server.get(), KeyPairAccess::pkey(*serverKey)) != 1)
        return fail(u"server-key.pem in %1 is not the key of server.pem"_s);
    if (X509_verify(server.get(), X509_get0_pubkey(ca.get())) != 1)
        return fail(u"server.pem in %1 is not signed by the CA in ca.pem"_s);
    return m;
}

} // namespace

std::optional<TlsMaterial> Pki::create()
{
    const ossl::ErrorQueueGuard guard;
    // ECDSA P-256 keys: every TLS client of the sandbox accepts them, and they take
    // microseconds to make where RSA keys take a tenth of a second or more each.
    const std::optional<KeyPair> caKey = KeyPair::generateEc(u"P-256"_s);
    const std::optional<KeyPair> serverKey = KeyPair::generateEc(u"P-256"_s);
    if (!caKey || !serverKey)
        return std::nullopt;
    EVP_PKEY *caPkey = KeyPairAccess::pkey(*caKey);
    EVP_PKEY *serverPkey = KeyPairAccess::pkey(*serverKey);

    // RFC 5280 §4.2.1.9 and §4.2.1.3: a CA certificate, critical basicConstraints and
    // keyUsage; the key identifiers let strict verifiers (X509_V_FLAG_X509_STRICT) build
    // the chain.
    ossl::X509Ptr ca = newCertificate(caPkey, "VaultLens Sandbox CA");
    if (!ca || X509_set_issuer_name(ca.get(), X509_get_subject_name(ca.get())) != 1
        || !ossl::addExtension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE")
        || !ossl::addExtension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign")
        || !ossl::addExtension(ca.get(), ca.get(), NID_subject_key_identifier, "hash")
        || X509_sign(ca.get(), caPkey, EVP_sha256()) <= 0)
        return std::nullopt;

    ossl::X509Ptr server = newCertificate(serverPkey, "127.0.0.1");
    const auto ext = [&](int nid, const char *value) {
        return ossl::addExtension(server.get(), ca.get(), nid, value);
    };
    if (!server || X509_set_issuer_name(server.get(), X509_get_subject_name(ca.get())) != 1
        || !ext(NID_basic_constraints, "CA:FALSE")
        || !ext(NID_key_usage, "critical,digitalSignature") || !ext(NID_ext_key_usage, "serverAuth")
        || !ext(NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost")
        || !ext(NID_subject_key_identifier, "hash")
        || !ext(NID_authority_key_identifier, "keyid:always")
        || X509_sign(server.get(), caPkey, EVP_sha256()) <= 0)
        return std::nullopt;

    TlsMaterial m;
    m.caCertificatePem = ossl::certificatePem(ca.get());
    m.caPrivateKeyPem = caKey->privateKeyPem();
    m.serverCertificatePem = ossl::certificatePem(server.get());
    m.serverPrivateKeyPem = serverKey->privateKeyPem();
    if (m.caCertificatePem.isEmpty() || m.caPrivateKeyPem.isEmpty()
        || m.serverCertificatePem.isEmpty() || m.serverPrivateKeyPem.isEmpty())
        return std::nullopt;
    return m;
}

std::optional<TlsMaterial> Pki::loadOrCreate(const QString &dir, QString *error)
{
    const ossl::ErrorQueueGuard guard;
    QString ignored;
    if (error == nullptr)
        error = &ignored;
    error->clear();

    const QDir d(dir);
    const QLatin1StringView names[] = {caFile, caKeyFile, serverFile, serverKeyFile};
    QStringList missing;
    for (const QLatin1StringView name : names) {
        if (!QFileInfo::exists(d.filePath(name)))
            missing.append(name);
    }

    if (missing.size() == 4) {
        if (!d.mkpath(u"."_s)) {
            *error = u"Cannot create the directory %1"_s.arg(QDir::toNativeSeparators(dir));
            return std::nullopt;
        }
        const std::optional<TlsMaterial> m = create();
        if (!m) {
            *error = u"Cannot create the sandbox CA and server certificate"_s;
            return std::nullopt;
        }
        // Keys first: a certificate never exists without its key.
        if (!writeFile(d.filePath(caKeyFile), m->caPrivateKeyPem, true, error)
            || !writeFile(d.filePath(caFile), m->caCertificatePem, false, error)
            || !writeFile(d.filePath(serverKeyFile), m->serverPrivateKeyPem, true, error)
            || !writeFile(d.filePath(serverFile), m->serverCertificatePem, false, error))
            return std::nullopt;
        return m;
    }
    if (!missing.isEmpty()) {
        *error = u"%1 in %2 is missing: remove the other TLS files there to create new ones"_s.arg(
            missing.join(", "_L1), QDir::toNativeSeparators(dir));
        return std::nullopt;
    }

    const auto read = [&](QLatin1StringView name, QByteArray *out) {
        QFile file(d.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = u"Cannot read %1: %2"_s.arg(QDir::toNativeSeparators(file.fileName()),
                                                 file.errorString());
            return false;
        }
        *out = file.readAll();
        return true;
    };
    TlsMaterial m;
    if (!read(caFile, &m.caCertificatePem) || !read(caKeyFile, &m.caPrivateKeyPem)
        || !read(serverFile, &m.serverCertificatePem)
        || !read(serverKeyFile, &m.serverPrivateKeyPem))
        return std::nullopt;
    return validate(m, d, error);
}

} // namespace vl::sandbox

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Certificates for the credential tests: made with the sandbox's crypto (which the
// core does not link) and libcrypto, so the core's reader is checked against an
// independent writer.

#include "crypto/Certificate.h"
#include "crypto/KeyPair.h"

#include <QByteArray>
#include <QDateTime>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <optional>

namespace vl::test {

/// A self-signed certificate and its key, in the forms the credentials read.
struct TestCertificate
{
    sandbox::CertificateBundle bundle;
    QByteArray pem;            ///< PKCS#8 key + certificate
    QByteArray certificatePem; ///< the certificate alone
    QByteArray pfx;            ///< PKCS#12, empty password
};

inline std::optional<TestCertificate> makeCertificate(const QString &subject,
                                                      const QString &curve = {})
{
    const std::optional<sandbox::KeyPair> key =
        curve.isEmpty() ? sandbox::KeyPair::generateRsa(2048) : sandbox::KeyPair::generateEc(curve);
    if (!key)
        return std::nullopt;
    sandbox::CertificateRequest request;
    request.subject = subject;
    request.notBefore = QDateTime::currentDateTimeUtc().addDays(-1);
    request.notAfter = QDateTime::currentDateTimeUtc().addDays(365);
    const auto info = sandbox::Certificates::createSelfSigned(*key, request);
    if (!info)
        return std::nullopt;
    TestCertificate c;
    c.bundle.certificate = *info;
    c.bundle.key = *key;
    c.pem = sandbox::Certificates::exportPem(c.bundle);
    c.certificatePem =
        "-----BEGIN CERTIFICATE-----\n" + info->der.toBase64() + "\n-----END CERTIFICATE-----\n";
    const auto pfx = sandbox::Certificates::exportPkcs12(c.bundle);
    if (!pfx)
        return std::nullopt;
    c.pfx = *pfx;
    return c;
}

namespace detail {
inline EVP_PKEY *readKey(const QByteArray &pem)
{
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    return key;
}
inline X509 *readCertificate(const QByteArray &der)
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    return d2i_X509(nullptr, &p, long(der.size()));
}
} // namespace detail

/// The key as encrypted PKCS#8 (AES-256-CBC) under @p password, then the certificate.
inline QByteArray encryptedPem(const TestCertificate &c, const QByteArray &password)
{
    EVP_PKEY *key = detail::readKey(c.bundle.key.privateKeyPem());
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PKCS8PrivateKey(bio, key, EVP_aes_256_cbc(), password.constData(),
                                  int(password.size()), nullptr, nullptr);
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    const QByteArray out = QByteArray(data, length) + c.certificatePem;
    BIO_free(bio);
    EVP_PKEY_free(key);
    return out;
}

/// PKCS#12 under @p password (OpenSSL 3 defaults: AES-256, PBKDF2).
inline QByteArray protectedPfx(const TestCertificate &c, const QByteArray &password)
{
    EVP_PKEY *key = detail::readKey(c.bundle.key.privateKeyPem());
    X509 *cert = detail::readCertificate(c.bundle.certificate.der);
    PKCS12 *p12 = PKCS12_create(password.constData(), "test", key, cert, nullptr, 0, 0, 0, 0, 0);
    QByteArray out;
    if (p12) {
        const int length = i2d_PKCS12(p12, nullptr);
        out.resize(length);
        auto *p = reinterpret_cast<unsigned char *>(out.data());
        i2d_PKCS12(p12, &p);
        PKCS12_free(p12);
    }
    X509_free(cert);
    EVP_PKEY_free(key);
    return out;
}

} // namespace vl::test

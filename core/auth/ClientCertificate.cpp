// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/ClientCertificate.h"

#include "auth/Base64Url.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <algorithm>
#include <optional>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

using namespace Qt::StringLiterals;

namespace vl {
namespace {

template<auto Free>
struct Deleter
{
    template<typename T>
    void operator()(T *p) const
    {
        Free(p);
    }
};
using Bio = std::unique_ptr<BIO, Deleter<&BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, Deleter<&X509_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<&EVP_MD_CTX_free>>;
using Pkcs12 = std::unique_ptr<PKCS12, Deleter<&PKCS12_free>>;

/// Leaves the thread's OpenSSL error queue empty on every return (Qt's TLS shares it).
struct ErrorQueueGuard
{
    ErrorQueueGuard() { ERR_clear_error(); }
    ~ErrorQueueGuard() { ERR_clear_error(); }
    ErrorQueueGuard(const ErrorQueueGuard &) = delete;
    ErrorQueueGuard &operator=(const ErrorQueueGuard &) = delete;
};

QString lastError()
{
    const unsigned long code = ERR_peek_last_error();
    if (code == 0)
        return u"unknown error"_s;
    char text[256] = {};
    ERR_error_string_n(code, text, sizeof text);
    return QString::fromLatin1(text);
}

AzureError certificateError(const QString &message)
{
    return AzureError::make(AzureError::Kind::Unauthenticated, message);
}

Bio readBio(const QByteArray &data)
{
    return Bio(BIO_new_mem_buf(data.constData(), int(data.size())));
}

QByteArray derOf(X509 *cert)
{
    const int length = i2d_X509(cert, nullptr);
    if (length <= 0)
        return {};
    QByteArray der(length, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    i2d_X509(cert, &out);
    return der;
}

/// Supplies the password to PEM_read_bio_PrivateKey.
int passwordCallback(char *buffer, int size, int, void *userData)
{
    const auto *password = static_cast<const QByteArray *>(userData);
    const int length = int(std::min<qsizetype>(password->size(), size));
    std::copy_n(password->constData(), length, buffer);
    return length;
}

} // namespace

struct ClientCertificate::Data
{
    std::shared_ptr<EVP_PKEY> key;
    X509Ptr certificate;
    QByteArray der;
    QList<QByteArray> chain;
};

namespace {

/// Why @p key and @p cert cannot sign assertions, or nothing when they can.
std::optional<AzureError> unusable(EVP_PKEY *key, X509 *cert)
{
    if (!key)
        return certificateError(QCoreApplication::translate(
            "vl::ClientCertificate", "The certificate file holds no private key."));
    if (!cert)
        return certificateError(QCoreApplication::translate(
            "vl::ClientCertificate", "The certificate file holds no certificate."));
    if (EVP_PKEY_base_id(key) != EVP_PKEY_RSA)
        return certificateError(QCoreApplication::translate(
            "vl::ClientCertificate",
            "The certificate's key is not an RSA key: Entra ID accepts RSA certificates only."));
    if (X509_check_private_key(cert, key) != 1)
        return certificateError(QCoreApplication::translate(
            "vl::ClientCertificate", "The private key does not belong to the certificate."));
    return std::nullopt;
}

} // namespace

ClientCertificate::ClientCertificate() = default;
ClientCertificate::~ClientCertificate() = default;
ClientCertificate::ClientCertificate(const ClientCertificate &) = default;
ClientCertificate &ClientCertificate::operator=(const ClientCertificate &) = default;

Result<ClientCertificate> ClientCertificate::fromPem(const QByteArray &pem,
                                                     const QByteArray &password)
{
    const ErrorQueueGuard guard;
    std::shared_ptr<EVP_PKEY> key;
    {
        const Bio bio = readBio(pem);
        QByteArray pass = password;
        EVP_PKEY *raw = PEM_read_bio_PrivateKey(bio.get(), nullptr, passwordCallback, &pass);
        if (raw)
            key.reset(raw, EVP_PKEY_free);
        else if (pem.contains("ENCRYPTED"))
            return certificateError(QCoreApplication::translate(
                "vl::ClientCertificate",
                "The certificate's private key cannot be decrypted: wrong or missing password."));
    }
    X509Ptr chosen;
    QList<QByteArray> chain;
    const Bio bio = readBio(pem);
    while (X509 *raw = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
        X509Ptr cert(raw);
        if (!chosen && key && X509_check_private_key(cert.get(), key.get()) == 1)
            chosen = std::move(cert);
        else
            chain.append(derOf(cert.get()));
    }
    if (!chosen && !chain.isEmpty() && !key) {
        // No key at all: report that, not a mismatch.
        return certificateError(QCoreApplication::translate(
            "vl::ClientCertificate", "The certificate file holds no private key."));
    }
    if (!chosen && !chain.isEmpty()) {
        const QByteArray first = chain.takeFirst();
        const auto *p = reinterpret_cast<const unsigned char *>(first.constData());
        chosen.reset(d2i_X509(nullptr, &p, long(first.size())));
    }
    if (auto error = unusable(key.get(), chosen.get()))
        return *error;
    auto data = std::make_shared<Data>();
    data->key = std::move(key);
    data->der = derOf(chosen.get());
    data->certificate = std::move(chosen);
    data->chain = std::move(chain);
    ClientCertificate certificate;
    certificate.d = std::move(data);
    return certificate;
}

Result<ClientCertificate> ClientCertificate::fromPkcs12(const QByteArray &der,
                                                        const QByteArray &password)
{
    const ErrorQueueGuard guard;
    const Bio bio = readBio(der);
    const Pkcs12 p12(d2i_PKCS12_bio(bio.get(), nullptr));
    if (!p12)
        return certificateError(QCoreApplication::translate(
            "vl::ClientCertificate", "The certificate file is neither PEM nor PKCS#12."));
    EVP_PKEY *rawKey = nullptr;
    X509 *rawCert = nullptr;
    STACK_OF(X509) *rawOthers = nullptr;
    const QByteArray pass = password;
    if (PKCS12_parse(p12.get(), pass.constData(), &rawKey, &rawCert, &rawOthers) != 1)
        return certificateError(
            QCoreApplication::translate(
                "vl::ClientCertificate",
                "The PKCS#12 file cannot be opened: wrong password, or an encryption this "
                "OpenSSL does not support (%1).")
                .arg(lastError()));
    std::shared_ptr<EVP_PKEY> key(rawKey, EVP_PKEY_free);
    X509Ptr cert(rawCert);
    QList<QByteArray> chain;
    if (rawOthers) {
        for (int i = 0; i < sk_X509_num(rawOthers); ++i)
            chain.append(derOf(sk_X509_value(rawOthers, i)));
        sk_X509_pop_free(rawOthers, X509_free);
    }
    if (!rawKey)
        key.reset();
    if (auto error = unusable(key.get(), cert.get()))
        return *error;
    auto data = std::make_shared<Data>();
    data->key = std::move(key);
    data->der = derOf(cert.get());
    data->certificate = std::move(cert);
    data->chain = std::move(chain);
    ClientCertificate certificate;
    certificate.d = std::move(data);
    return certificate;
}

Result<ClientCertificate> ClientCertificate::fromData(const QByteArray &data,
                                                      const QByteArray &password)
{
    if (data.contains("-----BEGIN "))
        return fromPem(data, password);
    return fromPkcs12(data, password);
}

Result<ClientCertificate> ClientCertificate::fromFile(const QString &path,
                                                      const QByteArray &password)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return certificateError(
            QCoreApplication::translate("vl::ClientCertificate",
                                        "The certificate file %1 cannot be read: %2")
                .arg(path, file.errorString()));
    return fromData(file.readAll(), password);
}

bool ClientCertificate::isNull() const
{
    return !d;
}

QByteArray ClientCertificate::certificateDer() const
{
    return d ? d->der : QByteArray();
}

QList<QByteArray> ClientCertificate::chainDer() const
{
    return d ? d->chain : QList<QByteArray>();
}

QString ClientCertificate::subject() const
{
    if (!d)
        return {};
    const Bio bio(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(bio.get(), X509_get_subject_name(d->certificate.get()), 0, XN_FLAG_RFC2253);
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QString::fromUtf8(data, qsizetype(length));
}

QDateTime ClientCertificate::expiresOn() const
{
    if (!d)
        return {};
    struct tm t = {};
    if (ASN1_TIME_to_tm(X509_get0_notAfter(d->certificate.get()), &t) != 1)
        return {};
    return QDateTime(QDate(t.tm_year + 1900, t.tm_mon + 1, t.tm_mday),
                     QTime(t.tm_hour, t.tm_min, t.tm_sec), Qt::UTC);
}

QByteArray ClientCertificate::thumbprintSha1() const
{
    return d ? base64UrlEncode(QCryptographicHash::hash(d->der, QCryptographicHash::Sha1))
             : QByteArray();
}

QByteArray ClientCertificate::thumbprintSha256() const
{
    return d ? base64UrlEncode(QCryptographicHash::hash(d->der, QCryptographicHash::Sha256))
             : QByteArray();
}

QByteArray ClientCertificate::sign(Algorithm algorithm, const QByteArray &data) const
{
    if (!d)
        return {};
    const ErrorQueueGuard guard;
    const MdCtx ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *keyCtx = nullptr;
    if (!ctx || EVP_DigestSignInit(ctx.get(), &keyCtx, EVP_sha256(), nullptr, d->key.get()) != 1)
        return {};
    if (algorithm == Algorithm::Ps256
        && (EVP_PKEY_CTX_set_rsa_padding(keyCtx, RSA_PKCS1_PSS_PADDING) != 1
            || EVP_PKEY_CTX_set_rsa_pss_saltlen(keyCtx, RSA_PSS_SALTLEN_DIGEST) != 1))
        return {};
    const auto *in = reinterpret_cast<const unsigned char *>(data.constData());
    size_t length = 0;
    if (EVP_DigestSign(ctx.get(), nullptr, &length, in, size_t(data.size())) != 1)
        return {};
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length, in,
                       size_t(data.size()))
        != 1)
        return {};
    signature.resize(qsizetype(length));
    return signature;
}

QByteArray ClientCertificate::assertion(const QString &clientId, const QString &audience,
                                        const QDateTime &now, Algorithm algorithm,
                                        bool includeChain, int lifetimeSecs) const
{
    if (!d)
        return {};
    QJsonObject header{{u"typ"_s, u"JWT"_s},
                       {u"alg"_s, algorithm == Algorithm::Ps256 ? u"PS256"_s : u"RS256"_s},
                       {u"x5t#S256"_s, QString::fromLatin1(thumbprintSha256())}};
    if (algorithm == Algorithm::Rs256)
        header.insert("x5t"_L1, QString::fromLatin1(thumbprintSha1()));
    if (includeChain) {
        QJsonArray x5c{QString::fromLatin1(d->der.toBase64())};
        for (const QByteArray &c : d->chain)
            x5c.append(QString::fromLatin1(c.toBase64()));
        header.insert("x5c"_L1, x5c);
    }
    const qint64 issued = now.toSecsSinceEpoch();
    const QJsonObject claims{{u"aud"_s, audience},
                             {u"iss"_s, clientId},
                             {u"sub"_s, clientId},
                             {u"jti"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)},
                             {u"nbf"_s, double(issued)},
                             {u"iat"_s, double(issued)},
                             {u"exp"_s, double(issued + lifetimeSecs)}};
    const QByteArray input =
        base64UrlEncode(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + base64UrlEncode(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const QByteArray signature = sign(algorithm, input);
    if (signature.isEmpty())
        return {};
    return input + '.' + base64UrlEncode(signature);
}

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/OpenSslUtil.h"

#include <QDate>
#include <QTime>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include <climits>
#include <ctime>

using namespace Qt::StringLiterals;

namespace vl::sandbox::ossl {

Bio readBio(const QByteArray &data)
{
    if (data.size() > INT_MAX)
        return {};
    return Bio(BIO_new_mem_buf(data.constData(), int(data.size())));
}

Bio writeBio()
{
    return Bio(BIO_new(BIO_s_mem()));
}

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    if (size <= 0 || data == nullptr)
        return {};
    return QByteArray(data, qsizetype(size));
}

QString takeError()
{
    const unsigned long code = ERR_peek_last_error();
    QString text;
    if (code != 0) {
        const char *reason = ERR_reason_error_string(code);
        text =
            reason != nullptr ? QString::fromUtf8(reason) : u"OpenSSL error %1"_s.arg(code, 0, 16);
    }
    ERR_clear_error();
    return text;
}

void clearErrors()
{
    ERR_clear_error();
}

QByteArray bnBytes(const BIGNUM *bn, int width)
{
    if (bn == nullptr)
        return {};
    const int size = BN_num_bytes(bn);
    if (width < size)
        width = size;
    QByteArray out(width, Qt::Uninitialized);
    if (BN_bn2binpad(bn, reinterpret_cast<unsigned char *>(out.data()), width) != width)
        return {};
    return out;
}

QByteArray certificateDer(const X509 *cert)
{
    unsigned char *buffer = nullptr;
    const int size = i2d_X509(cert, &buffer);
    if (size <= 0)
        return {};
    QByteArray der(reinterpret_cast<const char *>(buffer), size);
    OPENSSL_free(buffer);
    return der;
}

X509Ptr certificateFromDer(const QByteArray &der)
{
    if (der.isEmpty() || der.size() > LONG_MAX)
        return {};
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    X509Ptr cert(d2i_X509(nullptr, &p, long(der.size())));
    // Trailing bytes after the certificate are an error, not something to ignore.
    if (cert && p != reinterpret_cast<const unsigned char *>(der.constData()) + der.size())
        cert.reset();
    return cert;
}

QByteArray certificatePem(const X509 *cert)
{
    Bio bio = writeBio();
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1)
        return {};
    return bioBytes(bio.get());
}

QByteArray privateKeyPem(const EVP_PKEY *key)
{
    // PEM_write_bio_PrivateKey writes unencrypted PKCS#8 ("PRIVATE KEY").
    Bio bio = writeBio();
    if (!bio || key == nullptr
        || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return {};
    return bioBytes(bio.get());
}

QDateTime toDateTime(const ASN1_TIME *time)
{
    struct tm tm = {};
    if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1)
        return {};
    return QDateTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
                     QTime(tm.tm_hour, tm.tm_min, tm.tm_sec), Qt::UTC);
}

bool setTime(ASN1_TIME *time, const QDateTime &dateTime)
{
    if (!dateTime.isValid())
        return false;
    return ASN1_TIME_set(time, time_t(dateTime.toSecsSinceEpoch())) != nullptr;
}

bool addExtension(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509Ext ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

bool setRandomSerial(X509 *cert)
{
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        return false;
    bytes[0] = (bytes[0] & 0x7f) | 0x40; // positive, non-zero, always 16 bytes long
    Bn bn(BN_bin2bn(bytes, sizeof bytes, nullptr));
    return bn && BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert)) != nullptr;
}

} // namespace vl::sandbox::ossl

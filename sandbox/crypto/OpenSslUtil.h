// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to sandbox/crypto (and its tests): RAII owners for OpenSSL objects and
// small conversions between OpenSSL and Qt types.

#include "crypto/KeyPair.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <optional>

namespace vl::sandbox::ossl {

/// Calls the OpenSSL free function @p Free on destruction.
template<auto Free>
struct Deleter
{
    template<typename T>
    void operator()(T *p) const
    {
        Free(p);
    }
};

using Pkey = std::unique_ptr<EVP_PKEY, Deleter<&EVP_PKEY_free>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<&EVP_PKEY_CTX_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<&EVP_MD_CTX_free>>;
using Bio = std::unique_ptr<BIO, Deleter<&BIO_free_all>>;
using Bn = std::unique_ptr<BIGNUM, Deleter<&BN_free>>;
using EcdsaSig = std::unique_ptr<ECDSA_SIG, Deleter<&ECDSA_SIG_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<&X509_free>>;
using X509Name = std::unique_ptr<X509_NAME, Deleter<&X509_NAME_free>>;
using X509Ext = std::unique_ptr<X509_EXTENSION, Deleter<&X509_EXTENSION_free>>;
using Asn1Integer = std::unique_ptr<ASN1_INTEGER, Deleter<&ASN1_INTEGER_free>>;
using Asn1BitString = std::unique_ptr<ASN1_BIT_STRING, Deleter<&ASN1_BIT_STRING_free>>;
using Asn1Object = std::unique_ptr<ASN1_OBJECT, Deleter<&ASN1_OBJECT_free>>;
using Asn1Type = std::unique_ptr<ASN1_TYPE, Deleter<&ASN1_TYPE_free>>;
using Asn1String = std::unique_ptr<ASN1_STRING, Deleter<&ASN1_STRING_free>>;
using GeneralName = std::unique_ptr<GENERAL_NAME, Deleter<&GENERAL_NAME_free>>;
using GeneralNames = std::unique_ptr<GENERAL_NAMES, Deleter<&GENERAL_NAMES_free>>;
using ExtendedKeyUsage = std::unique_ptr<EXTENDED_KEY_USAGE, Deleter<&EXTENDED_KEY_USAGE_free>>;
using Pkcs12 = std::unique_ptr<PKCS12, Deleter<&PKCS12_free>>;

/// Frees a STACK_OF(X509) and the certificates in it.
struct X509StackDeleter
{
    void operator()(STACK_OF(X509) * s) const { sk_X509_pop_free(s, X509_free); }
};
using X509Stack = std::unique_ptr<STACK_OF(X509), X509StackDeleter>;

/// A memory BIO reading @p data (which must outlive it).
[[nodiscard]] Bio readBio(const QByteArray &data);
/// An empty, growable memory BIO.
[[nodiscard]] Bio writeBio();
/// What was written to a memory BIO.
[[nodiscard]] QByteArray bioBytes(BIO *bio);

/// The reason of the last OpenSSL error on this thread, and clears the queue.
[[nodiscard]] QString takeError();
/// Clears this thread's OpenSSL error queue.
void clearErrors();

/// Clears the error queue when the public function it guards returns, so failures here
/// never surface in an unrelated later OpenSSL call (Qt's TLS backend shares the queue).
struct ErrorQueueGuard
{
    ErrorQueueGuard() = default;
    ErrorQueueGuard(const ErrorQueueGuard &) = delete;
    ErrorQueueGuard &operator=(const ErrorQueueGuard &) = delete;
    ~ErrorQueueGuard() { clearErrors(); }
};

/// @p bn as big-endian bytes; left-padded with zeros to @p width when it is positive.
[[nodiscard]] QByteArray bnBytes(const BIGNUM *bn, int width = 0);

[[nodiscard]] QByteArray certificateDer(const X509 *cert);
[[nodiscard]] X509Ptr certificateFromDer(const QByteArray &der);
[[nodiscard]] QByteArray certificatePem(const X509 *cert);
[[nodiscard]] QByteArray privateKeyPem(const EVP_PKEY *key);

/// An ASN.1 time as a UTC QDateTime (invalid when it cannot be read).
[[nodiscard]] QDateTime toDateTime(const ASN1_TIME *time);
/// Sets @p time to @p dateTime (UTCTime until 2049, GeneralizedTime after, RFC 5280 §4.1.2.5).
[[nodiscard]] bool setTime(ASN1_TIME *time, const QDateTime &dateTime);
/// Adds the extension @p nid written in openssl.cnf syntax (x509v3_config(5)), e.g.
/// "critical,CA:TRUE"; @p issuer is the certificate itself when self-signed. Only for
/// fixed texts: values from users are built as ASN.1 structures instead.
[[nodiscard]] bool addExtension(X509 *cert, X509 *issuer, int nid, const char *value);
/// Sets a random positive 16-byte serial number (RFC 5280 §4.1.2.2 allows up to 20 bytes).
[[nodiscard]] bool setRandomSerial(X509 *cert);

} // namespace vl::sandbox::ossl

namespace vl::sandbox {

/// The crypto layer's access to the EVP_PKEY behind a KeyPair.
struct KeyPairAccess
{
    /// The key, owned by @p key; null for a null KeyPair.
    [[nodiscard]] static EVP_PKEY *pkey(const KeyPair &key);
    /// Takes @p key when it is RSA or EC on one of the curves Key Vault knows; else nothing.
    /// @p isPrivate says whether @p key holds the private half.
    [[nodiscard]] static std::optional<KeyPair> adopt(ossl::Pkey key, bool isPrivate = true);
};

} // namespace vl::sandbox

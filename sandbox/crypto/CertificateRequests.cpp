// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/CertificateRequests.h"

#include "crypto/OpenSslUtil.h"

#include <openssl/x509.h>

using namespace Qt::StringLiterals;

namespace vl::sandbox {
namespace {

using Req = std::unique_ptr<X509_REQ, ossl::Deleter<&X509_REQ_free>>;

struct ExtensionStackDeleter
{
    void operator()(STACK_OF(X509_EXTENSION) * s) const
    {
        sk_X509_EXTENSION_pop_free(s, X509_EXTENSION_free);
    }
};
using Extensions = std::unique_ptr<STACK_OF(X509_EXTENSION), ExtensionStackDeleter>;

/// The certificate's extensions a request asks for: the names and usages, not the key id.
Extensions requestedExtensions(const X509 *cert)
{
    Extensions out(sk_X509_EXTENSION_new_null());
    const int nids[] = {NID_subject_alt_name, NID_key_usage, NID_ext_key_usage};
    for (int nid : nids) {
        const int at = X509_get_ext_by_NID(cert, nid, -1);
        if (at < 0 || !out)
            continue;
        X509_EXTENSION *copy = X509_EXTENSION_dup(X509_get_ext(cert, at));
        if (copy == nullptr || sk_X509_EXTENSION_push(out.get(), copy) <= 0) {
            X509_EXTENSION_free(copy);
            return {};
        }
    }
    return out;
}

} // namespace

std::optional<QByteArray> CertificateRequests::createCsr(const KeyPair &key,
                                                         const CertificateRequest &request)
{
    // The subject and extensions are written exactly as a self-signed certificate would
    // have them (Certificates owns the DN and extension encoding); the request copies them.
    const auto draft = Certificates::createSelfSigned(key, request);
    const ossl::ErrorQueueGuard guard;
    EVP_PKEY *pkey = KeyPairAccess::pkey(key);
    const ossl::X509Ptr cert = draft ? ossl::certificateFromDer(draft->der) : ossl::X509Ptr();
    if (!cert || pkey == nullptr)
        return std::nullopt;
    const Req req(X509_to_X509_REQ(cert.get(), nullptr, nullptr));
    const Extensions extensions = requestedExtensions(cert.get());
    if (!req || !extensions || X509_REQ_set_version(req.get(), X509_REQ_VERSION_1) != 1
        || (sk_X509_EXTENSION_num(extensions.get()) > 0
            && X509_REQ_add_extensions(req.get(), extensions.get()) != 1)
        || X509_REQ_sign(req.get(), pkey, EVP_sha256()) <= 0)
        return std::nullopt;
    unsigned char *buffer = nullptr;
    const int length = i2d_X509_REQ(req.get(), &buffer);
    if (length <= 0)
        return std::nullopt;
    QByteArray der(reinterpret_cast<const char *>(buffer), length);
    OPENSSL_free(buffer);
    return der;
}

std::optional<QByteArray>
CertificateRequests::certificatesOnlyPkcs12(const QByteArray &leafDer,
                                            const QList<QByteArray> &chainDer)
{
    const ossl::ErrorQueueGuard guard;
    const ossl::X509Ptr leaf = ossl::certificateFromDer(leafDer);
    ossl::X509Stack chain(sk_X509_new_null());
    if (!leaf || !chain)
        return std::nullopt;
    for (const QByteArray &der : chainDer) {
        ossl::X509Ptr issuer = ossl::certificateFromDer(der);
        if (!issuer || sk_X509_push(chain.get(), issuer.get()) <= 0)
            return std::nullopt;
        (void)issuer.release();
    }
    const ossl::Pkcs12 p12(PKCS12_create("", nullptr, nullptr, leaf.get(), chain.get(), 0, 0,
                                         PKCS12_DEFAULT_ITER, PKCS12_DEFAULT_ITER, 0));
    unsigned char *buffer = nullptr;
    const int length = p12 ? i2d_PKCS12(p12.get(), &buffer) : 0;
    if (length <= 0)
        return std::nullopt;
    QByteArray out(reinterpret_cast<const char *>(buffer), length);
    OPENSSL_free(buffer);
    return out;
}

QByteArray CertificateRequests::publicKeyDer(const QByteArray &der)
{
    const ossl::ErrorQueueGuard guard;
    const ossl::X509Ptr cert = ossl::certificateFromDer(der);
    const EVP_PKEY *key = cert ? X509_get0_pubkey(cert.get()) : nullptr;
    unsigned char *buffer = nullptr;
    const int length = key != nullptr ? i2d_PUBKEY(key, &buffer) : 0;
    if (length <= 0)
        return {};
    QByteArray out(reinterpret_cast<const char *>(buffer), length);
    OPENSSL_free(buffer);
    return out;
}

QByteArray CertificateRequests::certificatePem(const QByteArray &der)
{
    const ossl::ErrorQueueGuard guard;
    const ossl::X509Ptr cert = ossl::certificateFromDer(der);
    return cert ? ossl::certificatePem(cert.get()) : QByteArray();
}

} // namespace vl::sandbox

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/Certificate.h"
#include "crypto/KeyPair.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace vl::sandbox {

/**
 * @brief What Key Vault's certificate operations need beyond Certificates: the CSR of
 * a pending certificate, the certificate-only PKCS#12 of a non-exportable key, and the
 * public key of a certificate to merge.
 */
class CertificateRequests
{
public:
    /**
     * A PKCS#10 request (RFC 2986) for @p key with the subject, subject alternative
     * names, key usage and extended key usage of @p request as extensionRequest
     * attributes, signed with SHA-256. DER; nothing on failure.
     */
    [[nodiscard]] static std::optional<QByteArray> createCsr(const KeyPair &key,
                                                             const CertificateRequest &request);
    /// PKCS#12 holding @p leafDer and @p chainDer without a private key (empty password).
    [[nodiscard]] static std::optional<QByteArray>
    certificatesOnlyPkcs12(const QByteArray &leafDer, const QList<QByteArray> &chainDer);
    /// The SubjectPublicKeyInfo DER of the certificate @p der (empty when unreadable).
    [[nodiscard]] static QByteArray publicKeyDer(const QByteArray &der);
    /// "-----BEGIN CERTIFICATE-----" PEM of the certificate @p der (empty when unreadable).
    [[nodiscard]] static QByteArray certificatePem(const QByteArray &der);
};

} // namespace vl::sandbox

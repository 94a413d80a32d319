// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>

namespace vl {

/**
 * @brief An application's certificate and RSA private key, and the client
 * assertion (RFC 7523, PROTOCOL.md §1.3) it signs for Entra ID.
 *
 * Loaded from PEM (the certificate and its key, the key possibly encrypted)
 * or PKCS#12 (with an optional password). The key stays in memory, inside
 * libcrypto; nothing here writes it anywhere.
 */
class ClientCertificate
{
public:
    /// How the assertion is signed and which thumbprint its header names.
    enum class Algorithm {
        Rs256, ///< RSASSA-PKCS1-v1_5 with SHA-256; header x5t (SHA-1) and x5t#S256
        Ps256, ///< RSASSA-PSS with SHA-256; header x5t#S256 only
    };

    ClientCertificate();
    ~ClientCertificate();
    ClientCertificate(const ClientCertificate &);
    ClientCertificate &operator=(const ClientCertificate &);

    /**
     * Reads PEM holding a CERTIFICATE and its PRIVATE KEY (PKCS#8, encrypted
     * PKCS#8 with @p password, or PKCS#1 "RSA PRIVATE KEY"). The certificate is
     * the one whose public key matches the key; other certificates are its chain.
     */
    [[nodiscard]] static Result<ClientCertificate> fromPem(const QByteArray &pem,
                                                           const QByteArray &password = {});
    /// Reads a PKCS#12 (PFX) file's bytes, decrypted with @p password (may be empty).
    [[nodiscard]] static Result<ClientCertificate> fromPkcs12(const QByteArray &der,
                                                              const QByteArray &password = {});
    /// Reads @p data as PEM when it looks like PEM, else as PKCS#12.
    [[nodiscard]] static Result<ClientCertificate> fromData(const QByteArray &data,
                                                            const QByteArray &password = {});
    /// fromData() of the file at @p path.
    [[nodiscard]] static Result<ClientCertificate> fromFile(const QString &path,
                                                            const QByteArray &password = {});

    [[nodiscard]] bool isNull() const;
    [[nodiscard]] QByteArray certificateDer() const;
    [[nodiscard]] QList<QByteArray> chainDer() const; ///< the other certificates, if any
    [[nodiscard]] QString subject() const;            ///< e.g. "CN=ci-pipeline"
    [[nodiscard]] QDateTime expiresOn() const;        ///< notAfter, UTC
    /// base64url SHA-1 of the certificate DER: the `x5t` header.
    [[nodiscard]] QByteArray thumbprintSha1() const;
    /// base64url SHA-256 of the certificate DER: the `x5t#S256` header.
    [[nodiscard]] QByteArray thumbprintSha256() const;

    /// The signature of @p data with the private key; empty on failure.
    [[nodiscard]] QByteArray sign(Algorithm algorithm, const QByteArray &data) const;

    /**
     * A signed client assertion for @p clientId to present at @p audience
     * (the token endpoint): `iss` = `sub` = client id, a fresh `jti`, `nbf` =
     * `iat` = @p now, `exp` = @p now + @p lifetimeSecs. With @p includeChain the
     * header carries `x5c` (subject name / issuer authentication).
     */
    [[nodiscard]] QByteArray assertion(const QString &clientId, const QString &audience,
                                       const QDateTime &now, Algorithm algorithm,
                                       bool includeChain = false, int lifetimeSecs = 600) const;

private:
    struct Data;
    std::shared_ptr<const Data> d;
};

} // namespace vl

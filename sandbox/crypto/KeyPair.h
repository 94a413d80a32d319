// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

namespace vl::sandbox {

/**
 * @brief An asymmetric key pair (RSA or EC) held in memory, with the operations
 * the sandbox needs: JWT signing for Entra ID tokens, and the Key Vault key
 * operations (sign, verify, encrypt, decrypt, wrapKey, unwrapKey).
 *
 * Copyable (shares the underlying EVP_PKEY). PEM is PKCS#8 for the private key.
 */
class KeyPair
{
public:
    enum class Type { Rsa, Ec };

    KeyPair();
    ~KeyPair();
    KeyPair(const KeyPair &);
    KeyPair &operator=(const KeyPair &);

    /// RSA with @p bits (2048, 3072, 4096) and public exponent 65537.
    [[nodiscard]] static std::optional<KeyPair> generateRsa(int bits = 2048);
    /// EC on @p curve: "P-256", "P-384", "P-521" or "P-256K".
    [[nodiscard]] static std::optional<KeyPair> generateEc(const QString &curve);
    [[nodiscard]] static std::optional<KeyPair> fromPrivateKeyPem(const QByteArray &pem);
    /**
     * A public key only, from a "PUBLIC KEY" (SubjectPublicKeyInfo) PEM block or the key of
     * a "CERTIFICATE" block: it verifies and encrypts; signing, decrypting and
     * privateKeyPem() give nothing.
     */
    [[nodiscard]] static std::optional<KeyPair> fromPublicKeyPem(const QByteArray &pem);

    [[nodiscard]] bool isNull() const;
    [[nodiscard]] Type type() const;
    [[nodiscard]] int bits() const;      ///< RSA modulus size or EC field size
    [[nodiscard]] QString curve() const; ///< JWK curve name for EC keys, empty for RSA
    [[nodiscard]] QByteArray privateKeyPem() const;
    [[nodiscard]] QByteArray publicKeyDer() const; ///< SubjectPublicKeyInfo DER
    [[nodiscard]] QByteArray publicKeyPem() const; ///< "-----BEGIN PUBLIC KEY-----" PEM
    [[nodiscard]] bool hasPrivateKey() const;      ///< false for fromPublicKeyPem() keys

    /**
     * The public JWK members: RSA `{"kty":"RSA","n","e"}`, EC `{"kty":"EC","crv","x","y"}`
     * (base64url, unpadded, big-endian, EC coordinates left-padded to the field size).
     */
    [[nodiscard]] QJsonObject publicJwk() const;

    /**
     * Signs @p digest (already hashed) with a JWS algorithm: RS256/384/512, PS256/384/512,
     * ES256/384/512, ES256K. EC signatures are raw R||S (JWS form), not DER.
     * Nothing when the algorithm does not fit the key or the digest size is wrong.
     */
    [[nodiscard]] std::optional<QByteArray> signDigest(const QString &algorithm,
                                                       const QByteArray &digest) const;
    [[nodiscard]] bool verifyDigest(const QString &algorithm, const QByteArray &digest,
                                    const QByteArray &signature) const;
    /// Signs @p data: hashes it with the algorithm's hash, then signDigest.
    [[nodiscard]] std::optional<QByteArray> signData(const QString &algorithm,
                                                     const QByteArray &data) const;
    [[nodiscard]] bool verifyData(const QString &algorithm, const QByteArray &data,
                                  const QByteArray &signature) const;

    /// RSA encryption with "RSA1_5", "RSA-OAEP" (SHA-1) or "RSA-OAEP-256". Nothing on error.
    [[nodiscard]] std::optional<QByteArray> encrypt(const QString &algorithm,
                                                    const QByteArray &plaintext) const;
    [[nodiscard]] std::optional<QByteArray> decrypt(const QString &algorithm,
                                                    const QByteArray &ciphertext) const;

    struct Impl;

private:
    friend struct KeyPairAccess; // crypto/OpenSslUtil.h: the EVP_PKEY for the crypto layer
    std::shared_ptr<Impl> d;
};

/// The JWS hash for an algorithm ("RS256" -> SHA-256, ...); nothing when unknown.
[[nodiscard]] std::optional<QByteArray> jwsDigest(const QString &algorithm, const QByteArray &data);

} // namespace vl::sandbox

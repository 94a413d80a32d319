// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/KeyPair.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace vl::sandbox {

/// What a Key Vault certificate policy asks of an X.509 certificate.
struct CertificateRequest
{
    QString subject;      ///< e.g. "CN=www.contoso.example, O=Contoso"
    QStringList dnsNames; ///< subjectAltName DNS entries
    QStringList emails;   ///< subjectAltName email entries
    QStringList upns;     ///< subjectAltName UPN entries (otherName)
    QStringList ekus;     ///< OIDs, e.g. 1.3.6.1.5.5.7.3.1
    QStringList keyUsage; ///< Key Vault names: digitalSignature, keyEncipherment, ...
    QDateTime notBefore;
    QDateTime notAfter;
};

/// A parsed X.509 certificate with the values Key Vault reports.
struct CertificateInfo
{
    QByteArray der;
    QString subject; ///< RFC 2253-like: "CN=..., O=..."
    QString issuer;
    QByteArray serialNumber; ///< big-endian bytes
    QDateTime notBefore;
    QDateTime notAfter;
    QStringList dnsNames;
    QByteArray sha1Thumbprint; ///< raw 20 bytes (x5t is its base64url)
    QByteArray sha256Thumbprint;
};

/// A certificate with its key pair and any chain, as imported or created.
struct CertificateBundle
{
    CertificateInfo certificate;
    KeyPair key;
    QList<QByteArray> chainDer; ///< issuers, leaf excluded
};

class Certificates
{
public:
    /// Creates a self-signed certificate for @p key (SHA-256 signature).
    [[nodiscard]] static std::optional<CertificateInfo>
    createSelfSigned(const KeyPair &key, const CertificateRequest &request);
    [[nodiscard]] static std::optional<CertificateInfo> parseDer(const QByteArray &der);
    /// Reads a PEM text holding a private key and one or more certificates (leaf first
    /// or the one matching the key). @p error says what was wrong.
    [[nodiscard]] static std::optional<CertificateBundle> importPem(const QByteArray &pem,
                                                                    QString *error = nullptr);
    /// Reads PKCS#12 (PFX) bytes with @p password (may be empty), OpenSSL 3 default
    /// (AES-256/PBKDF2) and legacy (3DES/RC2) encryption alike.
    [[nodiscard]] static std::optional<CertificateBundle>
    importPkcs12(const QByteArray &pfx, const QString &password, QString *error = nullptr);
    /// Writes PKCS#12 with an empty password (what Key Vault returns as a secret value).
    [[nodiscard]] static std::optional<QByteArray> exportPkcs12(const CertificateBundle &bundle);
    /// Writes "-----BEGIN PRIVATE KEY-----...-----BEGIN CERTIFICATE-----..." PEM.
    [[nodiscard]] static QByteArray exportPem(const CertificateBundle &bundle);
    /// True when @p data looks like PEM text (contains a "-----BEGIN " line).
    [[nodiscard]] static bool looksLikePem(const QByteArray &data);
};

} // namespace vl::sandbox

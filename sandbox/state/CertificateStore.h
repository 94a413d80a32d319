// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/Certificate.h"
#include "state/VaultData.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace vl::sandbox {

/// A certificate version ready to be stored with its managed key and secret.
struct IssuedCertificate
{
    QString version;          ///< the version id shared by certificate, key and secret
    CertificateBundle bundle; ///< the certificate, its key pair and any chain
    std::optional<QMap<QString, QString>> tags;
    bool enabled = true;
};

/**
 * @brief Certificates as Key Vault keeps them: a certificate, plus a managed key and a
 * managed secret of the same name and version (RBAC.md §6.2; certificates.json).
 *
 * Policies follow the CertificatePolicy shape (PROTOCOL.md §4.4). The official SDKs send
 * empty objects for the parts left at their defaults (PROTOCOL.md §9), so the service's
 * defaults are applied here: RSA 2048, exportable, reuse_key false,
 * application/x-pkcs12, 12 months, the EKUs serverAuth and clientAuth, key usage
 * digitalSignature and keyEncipherment, basic constraints CA false, and a lifetime
 * action at 80 % (AutoRenew, or EmailContacts for issuer Unknown) — the values the
 * service reports in recorded answers.
 */
namespace CertificateStore {

/// @p given with the service's defaults filled in; @p error says what is invalid.
[[nodiscard]] std::optional<QJsonObject> policyWithDefaults(const QJsonObject &given, qint64 now,
                                                            QString *error);
/// The policy of an imported certificate: what the certificate shows, @p given on top.
[[nodiscard]] std::optional<QJsonObject>
importedPolicy(const CertificateInfo &certificate, const KeyPair &key, const QString &contentType,
               const QJsonObject &given, qint64 now, QString *error);
/// @p stored updated with the members of @p update (objects merged member by member).
[[nodiscard]] std::optional<QJsonObject>
updatedPolicy(const QJsonObject &stored, const QJsonObject &update, qint64 now, QString *error);
/// The X.509 request a policy asks for: valid from ten minutes before @p now for
/// validity_months (as the service dates its certificates).
[[nodiscard]] CertificateRequest requestFromPolicy(const QJsonObject &policy, qint64 now);
/// A new key pair of the policy's key_props.
[[nodiscard]] std::optional<KeyPair> generateKey(const QJsonObject &policy);
/// Whether the policy's issuer is Self (the sandbox then issues the certificate itself).
[[nodiscard]] bool selfIssued(const QJsonObject &policy);
[[nodiscard]] QString contentType(const QJsonObject &policy);

/**
 * Stores @p issued as version `issued.version` of certificate @p name with @p policy:
 * the certificate (replacing a pending version of that id), the managed key and the
 * managed secret (PFX base64 or PEM text, with the private key when exportable).
 * @p origin prefixes the secret's `kid` (may be empty: the vault service fills it in).
 */
bool storeVersion(VaultData &data, const QString &name, const QJsonObject &policy,
                  const IssuedCertificate &issued, qint64 now, const QString &origin);

/// The value of the managed secret for @p bundle under @p policy.
[[nodiscard]] std::optional<QString> secretValue(const CertificateBundle &bundle,
                                                 const QJsonObject &policy);

} // namespace CertificateStore

} // namespace vl::sandbox

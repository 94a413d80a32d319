// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "vault/ObjectId.h"
#include "vault/VaultObject.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/**
 * @file
 * Plain value types for Key Vault certificates (data plane 2025-07-01). JSON
 * mapping lives in CertificateSerializer.
 */
namespace vl::vault {

/// `key_props` of a certificate policy: the key a new certificate version gets.
struct CertificateKeyProperties
{
    std::optional<bool> exportable;
    std::optional<QString> kty;   ///< RSA, RSA-HSM, EC, EC-HSM
    std::optional<int> keySize;   ///< `key_size`
    std::optional<bool> reuseKey; ///< `reuse_key`
    std::optional<QString> curve; ///< `crv`
    QJsonObject extra;

    friend bool operator==(const CertificateKeyProperties &,
                           const CertificateKeyProperties &) = default;
};

/// `secret_props`: the format of the backing secret.
struct CertificateSecretProperties
{
    std::optional<QString> contentType; ///< application/x-pkcs12 or application/x-pem-file
    QJsonObject extra;

    friend bool operator==(const CertificateSecretProperties &,
                           const CertificateSecretProperties &) = default;
};

/// `x509_props.sans`.
struct SubjectAlternativeNames
{
    std::optional<QStringList> emails;
    std::optional<QStringList> dnsNames; ///< `dns_names`
    std::optional<QStringList> upns;
    QJsonObject extra;

    friend bool operator==(const SubjectAlternativeNames &,
                           const SubjectAlternativeNames &) = default;
};

/// `x509_props`: what goes into the certificate.
struct X509Properties
{
    std::optional<QString> subject;  ///< e.g. "CN=www.contoso.example"
    std::optional<QStringList> ekus; ///< extended key usage OIDs
    std::optional<SubjectAlternativeNames> sans;
    /// `key_usage`: digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment,
    /// keyAgreement, keyCertSign, cRLSign, encipherOnly, decipherOnly
    std::optional<QStringList> keyUsage;
    std::optional<int> validityMonths; ///< `validity_months`
    QJsonObject extra;

    friend bool operator==(const X509Properties &, const X509Properties &) = default;
};

/// One entry of `lifetime_actions`: when (`trigger`) to do what (`action`).
struct CertificateLifetimeAction
{
    std::optional<int> lifetimePercentage; ///< `trigger.lifetime_percentage`
    std::optional<int> daysBeforeExpiry;   ///< `trigger.days_before_expiry`
    std::optional<QString> actionType;     ///< `action.action_type`: EmailContacts or AutoRenew
    bool hasTrigger = false;               ///< `trigger` was present
    bool hasAction = false;                ///< `action` was present
    QJsonObject extraTrigger;
    QJsonObject extraAction;
    QJsonObject extra;

    friend bool operator==(const CertificateLifetimeAction &,
                           const CertificateLifetimeAction &) = default;
};

/// `issuer`: who signs new versions.
struct IssuerParameters
{
    std::optional<QString> name;                 ///< Self, Unknown, or an issuer's name
    std::optional<QString> certificateType;      ///< `cty`
    std::optional<bool> certificateTransparency; ///< `cert_transparency`
    QJsonObject extra;

    friend bool operator==(const IssuerParameters &, const IssuerParameters &) = default;
};

/// A certificate's management policy (`CertificatePolicy`).
struct CertificatePolicy
{
    std::optional<QString> id; ///< https://{vault}/certificates/{name}/policy
    std::optional<CertificateKeyProperties> keyProperties;           ///< `key_props`
    std::optional<CertificateSecretProperties> secretProperties;     ///< `secret_props`
    std::optional<X509Properties> x509Properties;                    ///< `x509_props`
    std::optional<QList<CertificateLifetimeAction>> lifetimeActions; ///< `lifetime_actions`
    std::optional<IssuerParameters> issuer;
    std::optional<ObjectAttributes> attributes;
    QJsonObject extra;

    friend bool operator==(const CertificatePolicy &, const CertificatePolicy &) = default;
};

/**
 * @brief A certificate without its content: what list items
 * (`CertificateItem`) carry, and the metadata part of a CertificateBundle.
 */
struct CertificateProperties
{
    QString id;
    std::optional<ObjectAttributes> attributes;
    std::optional<Tags> tags;
    std::optional<QString> x5t; ///< base64url SHA-1 thumbprint
    QJsonObject extra;          ///< top-level members not modelled above

    [[nodiscard]] std::optional<ObjectId> objectId() const { return ObjectId::parse(id); }
    [[nodiscard]] QString name() const;
    [[nodiscard]] QString version() const;
    /// The SHA-1 thumbprint in upper-case hex (as Windows shows it); empty when absent.
    [[nodiscard]] QString thumbprintHex() const;

    friend bool operator==(const CertificateProperties &, const CertificateProperties &) = default;
};

/// A list item of `GET /certificates` and `GET /certificates/{name}/versions`.
using CertificateItem = CertificateProperties;

/// A certificate version (`CertificateBundle`).
struct CertificateBundle
{
    CertificateProperties properties;
    std::optional<QString> kid;    ///< the key that backs this version
    std::optional<QString> sid;    ///< the secret that backs it (the private key, when exportable)
    std::optional<QByteArray> cer; ///< the certificate, DER (base64 on the wire)
    std::optional<QString> contentType;
    std::optional<CertificatePolicy> policy;

    friend bool operator==(const CertificateBundle &, const CertificateBundle &) = default;
};

/// A soft-deleted certificate (`DeletedCertificateItem` and `DeletedCertificateBundle`).
struct DeletedCertificate
{
    CertificateBundle certificate; ///< a list item has only `properties`
    DeletionInfo deletion;

    friend bool operator==(const DeletedCertificate &, const DeletedCertificate &) = default;
};

/// `error` of a failed certificate operation (`Error`: code, message, inner error).
struct OperationError
{
    std::optional<QString> code;
    std::optional<QString> message;
    std::optional<QJsonObject> innerError; ///< `innererror` as sent (it may nest)
    QJsonObject extra;

    /// `innererror.code`, or an empty string.
    [[nodiscard]] QString innerCode() const;

    friend bool operator==(const OperationError &, const OperationError &) = default;
};

/// `GET /certificates/{name}/pending` (`CertificateOperation`).
struct CertificateOperation
{
    std::optional<QString> id; ///< https://{vault}/certificates/{name}/pending
    std::optional<IssuerParameters> issuer;
    std::optional<QByteArray> csr;             ///< the signing request, DER (base64 on the wire)
    std::optional<bool> cancellationRequested; ///< `cancellation_requested`
    std::optional<QString> status;             ///< inProgress, completed, failed, cancelled
    std::optional<QString> statusDetails;      ///< `status_details`
    std::optional<OperationError> error;
    std::optional<QString> target;    ///< the certificate id once completed
    std::optional<QString> requestId; ///< `request_id`
    QJsonObject extra;

    [[nodiscard]] bool isInProgress() const;

    friend bool operator==(const CertificateOperation &, const CertificateOperation &) = default;
};

/**
 * @brief The body of `POST /certificates/{name}/import`.
 *
 * `value` is a PFX (base64) or PEM text holding the private key, and
 * `password` protects a PFX: both are secret.
 */
struct CertificateImportParameters
{
    QString value;
    std::optional<QString> password; ///< `pwd`
    std::optional<CertificatePolicy> policy;
    /// Only enabled, nbf and exp are sent.
    std::optional<ObjectAttributes> attributes;
    std::optional<Tags> tags;
};

/// The body of `POST /certificates/{name}/create`.
struct CertificateCreateParameters
{
    CertificatePolicy policy;
    std::optional<ObjectAttributes> attributes;
    std::optional<Tags> tags;
};

/// The body of `PATCH /certificates/{name}/{version}`.
struct CertificateUpdateParameters
{
    std::optional<CertificatePolicy> policy;
    std::optional<ObjectAttributes> attributes;
    std::optional<Tags> tags;
};

} // namespace vl::vault

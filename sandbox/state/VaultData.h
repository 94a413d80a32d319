// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace vl::sandbox {

/// The `attributes` of a secret, key or certificate version.
struct ObjectAttributes
{
    bool enabled = true;
    std::optional<qint64> notBefore; ///< nbf, Unix seconds
    std::optional<qint64> expires;   ///< exp, Unix seconds
    qint64 created = 0;
    qint64 updated = 0;
};

/// When and until when a soft-deleted object is kept.
struct Deletion
{
    qint64 deletedDate = 0;
    qint64 scheduledPurgeDate = 0;
};

struct SecretVersion
{
    QString version; ///< 32 lower-case hex characters
    QString value;
    std::optional<QString> contentType;
    ObjectAttributes attributes;
    std::optional<QMap<QString, QString>> tags;
    bool managed = false; ///< backs a certificate
    QString kid;          ///< the certificate's key id, when managed
};

struct SecretEntry
{
    QString name;                  ///< as first created (names are case-insensitive)
    QList<SecretVersion> versions; ///< oldest first; the last is the current version
    std::optional<Deletion> deleted;

    [[nodiscard]] const SecretVersion *version(const QString &version) const;
    [[nodiscard]] SecretVersion *version(const QString &version);
};

/// One version of a key (keys.json KeyBundle); the private key never leaves the sandbox.
struct KeyVersion
{
    QString version;
    QString kty;              ///< RSA, RSA-HSM, EC or EC-HSM
    QByteArray privateKeyPem; ///< PKCS#8 (KeyPair::privateKeyPem)
    QStringList keyOps;       ///< JsonWebKeyOperation names, e.g. sign, wrapKey
    ObjectAttributes attributes;
    bool exportable = false; ///< attributes.exportable (needs a release policy)
    std::optional<QMap<QString, QString>> tags;
    bool managed = false;                     ///< backs a certificate
    std::optional<QJsonObject> releasePolicy; ///< {contentType, immutable, data}
};

struct KeyEntry
{
    QString name;
    QList<KeyVersion> versions; ///< oldest first; the last is the current version
    std::optional<Deletion> deleted;
    /// The rotation policy as set: {lifetimeActions, attributes{expiryTime, created, updated}}.
    std::optional<QJsonObject> rotationPolicy;

    [[nodiscard]] const KeyVersion *version(const QString &version) const;
    [[nodiscard]] KeyVersion *version(const QString &version);
};

/// A certificate version: the X.509 certificate, or nothing yet while it is pending.
struct CertificateVersion
{
    QString version;
    QByteArray der;             ///< empty while the version's operation is in progress
    QList<QByteArray> chainDer; ///< issuers from a merge or an import, leaf excluded
    ObjectAttributes attributes;
    std::optional<QMap<QString, QString>> tags;
};

/// The certificate operation (`.../certificates/{name}/pending`) of the last create.
struct CertificateOperationState
{
    QString requestId;
    QString version;       ///< the certificate version it produces
    QString status;        ///< inProgress, completed, failed
    QString statusDetails; ///< empty: none
    bool cancellationRequested = false;
    QByteArray csrDer;
    QByteArray privateKeyPem; ///< the new key, until the certificate is merged
    QJsonObject issuer;       ///< IssuerParameters as in the policy
    std::optional<QJsonObject> error;
};

struct CertificateEntry
{
    QString name;
    QList<CertificateVersion> versions; ///< oldest first; the last is the current version
    QJsonObject policy;                 ///< CertificatePolicy without its id, attributes included
    std::optional<CertificateOperationState> pending;
    std::optional<Deletion> deleted;
    /// While deleted, the managed key and secret of the certificate are kept here: the
    /// deleted-key and deleted-secret lists do not show them (service behaviour).
    std::optional<KeyEntry> deletedKey;
    std::optional<SecretEntry> deletedSecret;

    [[nodiscard]] const CertificateVersion *version(const QString &version) const;
    [[nodiscard]] CertificateVersion *version(const QString &version);
};

/// A certificate issuer (IssuerBundle) as set; the credentials' password is kept, never shown.
struct IssuerEntry
{
    QString name;
    QJsonObject bundle; ///< provider, credentials, org_details, attributes
};

/// Everything stored in one vault's data plane.
struct VaultData
{
    QMap<QString, SecretEntry> secrets;            ///< keyed by lower-case name
    QMap<QString, KeyEntry> keys;                  ///< keyed by lower-case name
    QMap<QString, CertificateEntry> certificates;  ///< keyed by lower-case name
    QMap<QString, IssuerEntry> issuers;            ///< keyed by lower-case name
    std::optional<QJsonArray> certificateContacts; ///< Contact objects; none: never set

    [[nodiscard]] SecretEntry *secret(const QString &name);
    [[nodiscard]] const SecretEntry *secret(const QString &name) const;
    [[nodiscard]] KeyEntry *key(const QString &name);
    [[nodiscard]] const KeyEntry *key(const QString &name) const;
    [[nodiscard]] CertificateEntry *certificate(const QString &name);
    [[nodiscard]] const CertificateEntry *certificate(const QString &name) const;
};

/// The key_ops a new key of type @p kty gets when none are asked for (keys.json examples:
/// all six RSA operations; sign and verify for EC).
[[nodiscard]] QStringList defaultKeyOperations(const QString &kty);

/// A new random version id: 32 lower-case hex characters.
[[nodiscard]] QString newVersionId();

[[nodiscard]] QJsonObject toJson(const VaultData &data);
[[nodiscard]] VaultData vaultDataFromJson(const QJsonObject &o);

/// One entry as persisted (also the content of backup blobs).
[[nodiscard]] QJsonObject toJson(const SecretEntry &entry);
[[nodiscard]] SecretEntry secretEntryFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const KeyEntry &entry);
[[nodiscard]] KeyEntry keyEntryFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const CertificateEntry &entry);
[[nodiscard]] CertificateEntry certificateEntryFromJson(const QJsonObject &o);

} // namespace vl::sandbox

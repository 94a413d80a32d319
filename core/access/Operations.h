// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/ObjectKind.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace vl::access {

/// Every Key Vault data-plane operation on a vault (Managed HSM-only calls excluded).
enum class DataOperation {
    // Secrets
    SetSecret,
    UpdateSecret,
    GetSecret,
    ListSecrets,
    ListSecretVersions,
    DeleteSecret,
    ListDeletedSecrets,
    GetDeletedSecret,
    PurgeDeletedSecret,
    RecoverDeletedSecret,
    BackupSecret,
    RestoreSecret,
    // Keys
    CreateKey,
    ImportKey,
    GetKey,
    ListKeys,
    ListKeyVersions,
    UpdateKey,
    DeleteKey,
    ListDeletedKeys,
    GetDeletedKey,
    PurgeDeletedKey,
    RecoverDeletedKey,
    BackupKey,
    RestoreKey,
    Encrypt,
    Decrypt,
    Sign,
    Verify,
    WrapKey,
    UnwrapKey,
    RotateKey,
    GetKeyRotationPolicy,
    SetKeyRotationPolicy,
    ReleaseKey,
    GetKeyAttestation,
    // Certificates
    CreateCertificate,
    ImportCertificate,
    GetCertificate,
    ListCertificates,
    ListCertificateVersions,
    UpdateCertificate,
    DeleteCertificate,
    GetCertificatePolicy,
    UpdateCertificatePolicy,
    GetCertificateOperation,
    UpdateCertificateOperation,
    DeleteCertificateOperation,
    MergeCertificate,
    BackupCertificate,
    RestoreCertificate,
    ListDeletedCertificates,
    GetDeletedCertificate,
    PurgeDeletedCertificate,
    RecoverDeletedCertificate,
    GetCertificateContacts,
    SetCertificateContacts,
    DeleteCertificateContacts,
    ListCertificateIssuers,
    GetCertificateIssuer,
    SetCertificateIssuer,
    UpdateCertificateIssuer,
    DeleteCertificateIssuer,
    // Managed storage accounts (legacy)
    ListStorageAccounts,
    GetStorageAccount,
    SetStorageAccount,
    UpdateStorageAccount,
    DeleteStorageAccount,
    RegenerateStorageKey,
    BackupStorageAccount,
    RestoreStorageAccount,
    ListDeletedStorageAccounts,
    GetDeletedStorageAccount,
    RecoverDeletedStorageAccount,
    PurgeDeletedStorageAccount,
    ListSasDefinitions,
    GetSasDefinition,
    SetSasDefinition,
    DeleteSasDefinition,
};

/// What authorizes an operation, in each permission model, and where it lives on the wire.
struct OperationInfo
{
    DataOperation operation;
    const char *id;          ///< stable identifier, e.g. "secrets/get"
    const char *displayName; ///< untranslated, e.g. "Get secret"
    ObjectKind kind;
    /// Access-policy permissions, any of which allows the operation. The first is
    /// the one the service names in its denial message.
    QStringList permissions;
    /// The RBAC data action, e.g. Microsoft.KeyVault/vaults/secrets/getSecret/action.
    QString dataAction;
    /// For asymmetric keys, `keys/read` also allows this public-key operation.
    bool asymmetricReadSuffices = false;
    QByteArray method; ///< HTTP method
    QString path;      ///< path template relative to the vault origin
    /// True when the operation acts on one named object (its RBAC resource is the object).
    bool targetsObject = true;
    /// True when the service documents the mapping; false where it is inferred (RBAC.md §4).
    bool documented = true;
};

/// A request recognised as a data-plane operation.
struct ClassifiedRequest
{
    DataOperation operation;
    QString objectName; ///< empty for collection operations
    QString version;    ///< empty for "latest"
    QString subName;    ///< issuer name, SAS definition name
};

class Operations
{
public:
    [[nodiscard]] static const QList<OperationInfo> &all();
    [[nodiscard]] static const OperationInfo &info(DataOperation operation);
    [[nodiscard]] static std::optional<DataOperation> fromId(const QString &id);
    /**
     * Recognises a request to a vault origin by method and path (the query is not
     * part of @p path). A trailing slash on a version-less object path names the
     * latest version, as the service treats it.
     */
    [[nodiscard]] static std::optional<ClassifiedRequest> classify(const QByteArray &method,
                                                                   const QString &path);
};

} // namespace vl::access

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/ClientCall.h"
#include "util/Result.h"
#include "vault/Certificate.h"
#include "vault/Key.h"
#include "vault/Secret.h"
#include "vault/VaultObject.h"

#include <QCoreApplication>
#include <QFuture>
#include <QJsonObject>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <memory>
#include <optional>

namespace vl::vault {

/// The data-plane api-version every VaultClient request carries (DESIGN.md, Names).
inline constexpr QLatin1StringView DataPlaneApiVersion{"2025-07-01"};

/**
 * @brief The Key Vault data-plane client for one vault: secrets, keys and
 * certificates, their versions, soft delete (list, get, recover, purge),
 * backup and restore, key rotation and certificate policies and operations.
 *
 * ```
 *  VaultClient ──request (Service::KeyVault, vault scope, api-version 2025-07-01)──► HttpPipeline
 *      (the authentication policy answers the vault's 401 challenge first)
 *              ◄── Result<T>: the parsed answer, or an AzureError ──
 *  (404 SecretNotFound -> Kind::NotFound; 409 ObjectIsDeletedButRecoverable -> Kind::Conflict;
 *   403 ForbiddenByFirewall / ForbiddenByPolicy / ForbiddenByRbac -> Firewall, Policy, Rbac)
 * ```
 *
 * Every call returns `QFuture<Result<T>>` and never a failed future; receive
 * it with vl::onFinished(). Lists answer one Page at a time; `maxResults`
 * (1 to 25, the service's limit) sets the page size, and the listXNext()
 * call of the same kind fetches the page a nextLink names. A nextLink is
 * followed on this client's vault origin only (the service writes its public
 * host even when the vault was reached by another name), so the token never
 * travels to another host; its api-version is replaced by this client's.
 *
 * Requests and answers that carry secret material (secret values, backups,
 * certificate imports) are marked RequestContext::bodyIsSecret, so the
 * journal never records their bodies. The client holds no state besides its
 * pipeline, vault URI and scope; copies are cheap.
 */
class VaultClient
{
    Q_DECLARE_TR_FUNCTIONS(vl::vault::VaultClient)

public:
    /// The public cloud's Key Vault scope, `https://vault.azure.net/.default`.
    [[nodiscard]] static QString defaultScope();
    /// The scope for the Key Vault audience @p audience (e.g. `https://vault.azure.cn`).
    [[nodiscard]] static QString scopeForAudience(const QString &audience);

    /**
     * @param pipeline the authenticated pipeline (one per credential)
     * @param vaultUri the vault, e.g. `https://kv-contoso.vault.azure.net/`
     * @param scope the token scope for Key Vault in that cloud
     */
    VaultClient(std::shared_ptr<HttpPipeline> pipeline, QUrl vaultUri,
                QString scope = defaultScope());

    [[nodiscard]] const QUrl &vaultUri() const { return m_vaultUri; }
    [[nodiscard]] const QString &scope() const { return m_scope; }
    void setScope(const QString &scope) { m_scope = scope; }

    /// @name Secrets
    /// @{
    [[nodiscard]] QFuture<Result<Page<SecretProperties>>>
    listSecrets(std::optional<int> maxResults = std::nullopt) const;
    [[nodiscard]] QFuture<Result<Page<SecretProperties>>>
    listSecretVersions(const QString &name, std::optional<int> maxResults = std::nullopt) const;
    /// The next page of listSecrets() or listSecretVersions().
    [[nodiscard]] QFuture<Result<Page<SecretProperties>>>
    listSecretsNext(const QUrl &nextLink) const;
    /// The version @p version, or the latest when it is empty. The answer holds the value.
    [[nodiscard]] QFuture<Result<SecretBundle>> getSecret(const QString &name,
                                                          const QString &version = {}) const;
    /// A new version of @p name (creates the secret when it does not exist).
    [[nodiscard]] QFuture<Result<SecretBundle>>
    setSecret(const QString &name, const SecretSetParameters &parameters) const;
    /// Content type, attributes and tags of a version (the latest when @p version is empty).
    [[nodiscard]] QFuture<Result<SecretBundle>>
    updateSecret(const QString &name, const QString &version,
                 const SecretUpdateParameters &parameters) const;
    /// Deletes every version; with soft delete on, the secret can be recovered until purged.
    [[nodiscard]] QFuture<Result<DeletedSecret>> deleteSecret(const QString &name) const;
    [[nodiscard]] QFuture<Result<Page<DeletedSecret>>>
    listDeletedSecrets(std::optional<int> maxResults = std::nullopt) const;
    [[nodiscard]] QFuture<Result<Page<DeletedSecret>>>
    listDeletedSecretsNext(const QUrl &nextLink) const;
    [[nodiscard]] QFuture<Result<DeletedSecret>> getDeletedSecret(const QString &name) const;
    [[nodiscard]] QFuture<Result<SecretBundle>> recoverDeletedSecret(const QString &name) const;
    [[nodiscard]] QFuture<Result<Done>> purgeDeletedSecret(const QString &name) const;
    [[nodiscard]] QFuture<Result<BackupBlob>> backupSecret(const QString &name) const;
    [[nodiscard]] QFuture<Result<SecretBundle>> restoreSecret(const BackupBlob &backup) const;
    /// @}

    /// @name Keys
    /// @{
    [[nodiscard]] QFuture<Result<Page<KeyProperties>>>
    listKeys(std::optional<int> maxResults = std::nullopt) const;
    [[nodiscard]] QFuture<Result<Page<KeyProperties>>>
    listKeyVersions(const QString &name, std::optional<int> maxResults = std::nullopt) const;
    /// The next page of listKeys() or listKeyVersions().
    [[nodiscard]] QFuture<Result<Page<KeyProperties>>> listKeysNext(const QUrl &nextLink) const;
    [[nodiscard]] QFuture<Result<KeyBundle>> getKey(const QString &name,
                                                    const QString &version = {}) const;
    /// A new key, or a new version of @p name: RSA (kty, key_size) or EC (kty, crv).
    [[nodiscard]] QFuture<Result<KeyBundle>> createKey(const QString &name,
                                                       const KeyCreateParameters &parameters) const;
    /// Key operations, attributes and tags of a version (the latest when @p version is empty).
    [[nodiscard]] QFuture<Result<KeyBundle>> updateKey(const QString &name, const QString &version,
                                                       const KeyUpdateParameters &parameters) const;
    [[nodiscard]] QFuture<Result<DeletedKey>> deleteKey(const QString &name) const;
    [[nodiscard]] QFuture<Result<Page<DeletedKey>>>
    listDeletedKeys(std::optional<int> maxResults = std::nullopt) const;
    [[nodiscard]] QFuture<Result<Page<DeletedKey>>> listDeletedKeysNext(const QUrl &nextLink) const;
    [[nodiscard]] QFuture<Result<DeletedKey>> getDeletedKey(const QString &name) const;
    [[nodiscard]] QFuture<Result<KeyBundle>> recoverDeletedKey(const QString &name) const;
    [[nodiscard]] QFuture<Result<Done>> purgeDeletedKey(const QString &name) const;
    [[nodiscard]] QFuture<Result<BackupBlob>> backupKey(const QString &name) const;
    [[nodiscard]] QFuture<Result<KeyBundle>> restoreKey(const BackupBlob &backup) const;
    /// A new version of @p name made by the service with the current version's parameters.
    [[nodiscard]] QFuture<Result<KeyBundle>> rotateKey(const QString &name) const;
    [[nodiscard]] QFuture<Result<KeyRotationPolicy>>
    getKeyRotationPolicy(const QString &name) const;
    /// Replaces the rotation policy (read-only members of @p policy are not sent).
    [[nodiscard]] QFuture<Result<KeyRotationPolicy>>
    setKeyRotationPolicy(const QString &name, const KeyRotationPolicy &policy) const;
    /// @}

    /// @name Certificates
    /// @{
    [[nodiscard]] QFuture<Result<Page<CertificateProperties>>>
    listCertificates(std::optional<int> maxResults = std::nullopt) const;
    [[nodiscard]] QFuture<Result<Page<CertificateProperties>>>
    listCertificateVersions(const QString &name,
                            std::optional<int> maxResults = std::nullopt) const;
    /// The next page of listCertificates() or listCertificateVersions().
    [[nodiscard]] QFuture<Result<Page<CertificateProperties>>>
    listCertificatesNext(const QUrl &nextLink) const;
    /// The version @p version, or the latest (with its policy) when it is empty.
    [[nodiscard]] QFuture<Result<CertificateBundle>>
    getCertificate(const QString &name, const QString &version = {}) const;
    /// Imports a PFX (base64, with its password) or PEM (certificate and private key).
    [[nodiscard]] QFuture<Result<CertificateBundle>>
    importCertificate(const QString &name, const CertificateImportParameters &parameters) const;
    /**
     * Starts creating a certificate with @p parameters' policy. The service
     * answers 202 with the pending operation: poll getCertificateOperation()
     * until it is no longer in progress, then getCertificate().
     */
    [[nodiscard]] QFuture<Result<CertificateOperation>>
    createCertificate(const QString &name, const CertificateCreateParameters &parameters) const;
    /// Attributes, tags (and policy) of a version (the latest when @p version is empty).
    [[nodiscard]] QFuture<Result<CertificateBundle>>
    updateCertificate(const QString &name, const QString &version,
                      const CertificateUpdateParameters &parameters) const;
    [[nodiscard]] QFuture<Result<CertificatePolicy>>
    getCertificatePolicy(const QString &name) const;
    /// Changes what @p policy sets (PATCH); answers the whole policy.
    [[nodiscard]] QFuture<Result<CertificatePolicy>>
    updateCertificatePolicy(const QString &name, const CertificatePolicy &policy) const;
    [[nodiscard]] QFuture<Result<CertificateOperation>>
    getCertificateOperation(const QString &name) const;
    /// Asks the service to cancel the pending operation (`cancellation_requested`).
    [[nodiscard]] QFuture<Result<CertificateOperation>>
    cancelCertificateOperation(const QString &name) const;
    /// Deletes the pending operation; answers it as it was.
    [[nodiscard]] QFuture<Result<CertificateOperation>>
    deleteCertificateOperation(const QString &name) const;
    [[nodiscard]] QFuture<Result<DeletedCertificate>> deleteCertificate(const QString &name) const;
    [[nodiscard]] QFuture<Result<Page<DeletedCertificate>>>
    listDeletedCertificates(std::optional<int> maxResults = std::nullopt) const;
    [[nodiscard]] QFuture<Result<Page<DeletedCertificate>>>
    listDeletedCertificatesNext(const QUrl &nextLink) const;
    [[nodiscard]] QFuture<Result<DeletedCertificate>>
    getDeletedCertificate(const QString &name) const;
    [[nodiscard]] QFuture<Result<CertificateBundle>>
    recoverDeletedCertificate(const QString &name) const;
    [[nodiscard]] QFuture<Result<Done>> purgeDeletedCertificate(const QString &name) const;
    [[nodiscard]] QFuture<Result<BackupBlob>> backupCertificate(const QString &name) const;
    [[nodiscard]] QFuture<Result<CertificateBundle>>
    restoreCertificate(const BackupBlob &backup) const;
    /// @}

private:
    /// The vault origin with @p path (starting with '/') and the api-version (+ @p query).
    [[nodiscard]] QUrl url(const QString &path, QUrlQuery query = {}) const;
    /// `/{collection}/{name}` with the name percent-encoded, and `/{version}` when given
    /// (or a trailing slash with @p latestSlash: the latest version, as the SDKs ask for it).
    [[nodiscard]] static QString objectPath(QLatin1StringView collection, const QString &name,
                                            const QString &version = {}, bool latestSlash = false);
    /// A query with `maxresults` when @p maxResults is set.
    [[nodiscard]] static QUrlQuery pageQuery(std::optional<int> maxResults);
    /// @p nextLink moved onto this vault's origin with this client's api-version.
    [[nodiscard]] Result<QUrl> followable(const QUrl &nextLink) const;
    /// An error for a call refused before sending (an empty or invalid name).
    [[nodiscard]] std::optional<AzureError> checkName(const QString &name) const;

    [[nodiscard]] HttpRequest request(const QByteArray &method, const QUrl &url,
                                      const QString &operation, bool secret = false) const;
    [[nodiscard]] HttpRequest jsonRequest(const QByteArray &method, const QUrl &url,
                                          const QString &operation, const QJsonObject &body,
                                          bool secret = false) const;
    template<typename T>
    [[nodiscard]] QFuture<Result<T>> send(HttpRequest request,
                                          T (*parse)(const QJsonObject &)) const;
    template<typename T>
    [[nodiscard]] QFuture<Result<Page<T>>> getPage(const QUrl &url, const QString &operation,
                                                   Page<T> (*parse)(const QJsonObject &)) const;
    template<typename T>
    [[nodiscard]] QFuture<Result<Page<T>>> nextPage(const QUrl &nextLink, const QString &operation,
                                                    Page<T> (*parse)(const QJsonObject &)) const;
    template<typename T>
    [[nodiscard]] static QFuture<Result<T>> refused(const AzureError &error);

    std::shared_ptr<HttpPipeline> m_pipeline;
    QUrl m_vaultUri;
    QString m_scope;
};

} // namespace vl::vault

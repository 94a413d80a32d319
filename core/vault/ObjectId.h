// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace vl::vault {

/// The collections a Key Vault object identifier can name.
enum class ObjectKind {
    Secret,
    Key,
    Certificate,
    DeletedSecret,
    DeletedKey,
    DeletedCertificate,
};

/// The path segment of @p kind: "secrets", "keys", ..., "deletedcertificates".
[[nodiscard]] QString collectionName(ObjectKind kind);
/// The kind whose collection segment is @p segment (compared case-insensitively).
[[nodiscard]] std::optional<ObjectKind> kindFromCollection(const QString &segment);

/**
 * @brief A Key Vault object identifier taken apart:
 * `https://{vault}/{collection}/{name}[/{version}]`.
 *
 * Secrets, keys and certificates carry such ids (`id`, `kid`, `sid`,
 * `recoveryId`); list items carry the version-less form. A certificate's
 * policy and pending operation are `.../certificates/{name}/policy` and
 * `.../certificates/{name}/pending`: their last segment is kept in `version`
 * and told apart by isCertificatePolicy() and isPendingOperation().
 */
struct ObjectId
{
    QUrl vaultUrl; ///< scheme, host and port as given, with path "/" (like a vault URI)
    ObjectKind kind = ObjectKind::Secret;
    QString name;
    QString version; ///< empty for a version-less id

    /// Parses @p id; nullopt unless it is an absolute http(s) URL whose path is
    /// `/{collection}/{name}` or `/{collection}/{name}/{version}` (a trailing slash
    /// after the name is allowed), with no query or fragment.
    [[nodiscard]] static std::optional<ObjectId> parse(const QString &id);

    /// The identifier as the service writes it.
    [[nodiscard]] QString toString() const;
    /// The same id without its version.
    [[nodiscard]] ObjectId versionless() const;

    [[nodiscard]] bool isDeleted() const;
    [[nodiscard]] bool isCertificatePolicy() const;
    [[nodiscard]] bool isPendingOperation() const;

    friend bool operator==(const ObjectId &, const ObjectId &) = default;
};

} // namespace vl::vault

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "vault/ObjectId.h"
#include "vault/VaultObject.h"

#include <QJsonObject>
#include <QString>

#include <optional>

/**
 * @file
 * Plain value types for Key Vault secrets (data plane 2025-07-01). JSON
 * mapping lives in SecretSerializer.
 */
namespace vl::vault {

/**
 * @brief A secret without its value: what list items (`SecretItem`) carry,
 * and the metadata part of a SecretBundle.
 */
struct SecretProperties
{
    QString id; ///< versioned in a bundle, version-less in a list of secrets
    std::optional<QString> contentType;
    std::optional<ObjectAttributes> attributes;
    std::optional<Tags> tags;
    std::optional<QString> keyId; ///< `kid`: set when the secret backs a certificate
    std::optional<bool> managed;  ///< true when Key Vault manages it (certificate backing)
    QJsonObject extra;            ///< top-level members not modelled above

    /// The parsed `id`, when it is one.
    [[nodiscard]] std::optional<ObjectId> objectId() const { return ObjectId::parse(id); }
    /// The name from `id` (empty when `id` does not parse).
    [[nodiscard]] QString name() const;
    /// The version from `id` (empty for a version-less id).
    [[nodiscard]] QString version() const;
    [[nodiscard]] bool isEnabled() const { return !attributes || attributes->isEnabled(); }

    friend bool operator==(const SecretProperties &, const SecretProperties &) = default;
};

/// A list item of `GET /secrets` and `GET /secrets/{name}/versions`.
using SecretItem = SecretProperties;

/**
 * @brief A secret version with its value (`SecretBundle`).
 *
 * `value` is the secret itself: keep it only as long as it is shown, never
 * log it, never write it anywhere but where the user asked. An update
 * (PATCH) answers without a value.
 */
struct SecretBundle
{
    SecretProperties properties;
    std::optional<QString> value;

    friend bool operator==(const SecretBundle &, const SecretBundle &) = default;
};

/// A soft-deleted secret (`DeletedSecretItem` and `DeletedSecretBundle`; never with a value).
struct DeletedSecret
{
    SecretProperties properties;
    DeletionInfo deletion;

    friend bool operator==(const DeletedSecret &, const DeletedSecret &) = default;
};

/// The body of `PUT /secrets/{name}`: a new version. `value` is secret.
struct SecretSetParameters
{
    QString value;
    std::optional<QString> contentType;
    /// Only enabled, nbf and exp are sent.
    std::optional<ObjectAttributes> attributes;
    std::optional<Tags> tags;
};

/// The body of `PATCH /secrets/{name}/{version}`: what is absent stays unchanged.
struct SecretUpdateParameters
{
    std::optional<QString> contentType;
    /// Only enabled, nbf and exp are sent.
    std::optional<ObjectAttributes> attributes;
    std::optional<Tags> tags;
};

} // namespace vl::vault

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
 * Plain value types for Key Vault keys (data plane 2025-07-01). JSON mapping
 * lives in KeySerializer.
 */
namespace vl::vault {

/**
 * @brief The public part of a key as a JSON Web Key (`JsonWebKey`).
 *
 * Only public parameters are kept: the serializer drops `d`, `dp`, `dq`,
 * `qi`, `p`, `q`, `k` and `key_hsm` should they ever arrive. Binary
 * parameters stay in their base64url wire form.
 */
struct JsonWebKey
{
    std::optional<QString> kid;
    std::optional<QString> kty;        ///< EC, EC-HSM, RSA, RSA-HSM, oct, oct-HSM
    std::optional<QStringList> keyOps; ///< `key_ops`: encrypt, decrypt, sign, verify, wrapKey, ...
    std::optional<QString> n;          ///< RSA modulus, base64url
    std::optional<QString> e;          ///< RSA public exponent, base64url
    std::optional<QString> crv;        ///< P-256, P-384, P-521, P-256K
    std::optional<QString> x;          ///< EC point, base64url
    std::optional<QString> y;          ///< EC point, base64url
    QJsonObject extra;                 ///< public members not modelled above

    [[nodiscard]] bool isRsa() const;
    [[nodiscard]] bool isEc() const;
    [[nodiscard]] bool isHsm() const;
    /// The decoded modulus (leading zero bytes removed).
    [[nodiscard]] QByteArray modulus() const;
    /// The decoded public exponent.
    [[nodiscard]] QByteArray exponent() const;
    /// Key size in bits: RSA from the modulus, EC from the curve; 0 when unknown.
    [[nodiscard]] int keySizeBits() const;

    friend bool operator==(const JsonWebKey &, const JsonWebKey &) = default;
};

/// `release_policy` of an exportable key, kept as sent.
struct KeyReleasePolicy
{
    std::optional<QString> contentType;
    std::optional<bool> immutable;
    std::optional<QString> data; ///< base64url policy document
    QJsonObject extra;

    friend bool operator==(const KeyReleasePolicy &, const KeyReleasePolicy &) = default;
};

/**
 * @brief A key without its key material: what list items (`KeyItem`) carry,
 * and the metadata part of a KeyBundle (whose id is in `key.kid`).
 */
struct KeyProperties
{
    std::optional<QString> kid; ///< list items only; a bundle's id is in its JsonWebKey
    std::optional<ObjectAttributes> attributes;
    std::optional<Tags> tags;
    std::optional<bool> managed; ///< true when the key backs a certificate
    std::optional<KeyReleasePolicy> releasePolicy;
    QJsonObject extra; ///< top-level members not modelled above

    friend bool operator==(const KeyProperties &, const KeyProperties &) = default;
};

/// A list item of `GET /keys` and `GET /keys/{name}/versions`.
using KeyItem = KeyProperties;

/// A key version (`KeyBundle`): its properties and public JSON Web Key.
struct KeyBundle
{
    KeyProperties properties;
    std::optional<JsonWebKey> jwk; ///< `key` on the wire

    /// `key.kid`, else the top-level `kid`.
    [[nodiscard]] QString id() const;
    [[nodiscard]] std::optional<ObjectId> objectId() const { return ObjectId::parse(id()); }
    [[nodiscard]] QString name() const;
    [[nodiscard]] QString version() const;

    friend bool operator==(const KeyBundle &, const KeyBundle &) = default;
};

/// A soft-deleted key (`DeletedKeyItem` and `DeletedKeyBundle`).
struct DeletedKey
{
    KeyBundle key; ///< a list item has no JsonWebKey, only `properties.kid`
    DeletionInfo deletion;

    friend bool operator==(const DeletedKey &, const DeletedKey &) = default;
};

/// The body of `POST /keys/{name}/create`.
struct KeyCreateParameters
{
    QString kty = QStringLiteral("RSA"); ///< RSA, RSA-HSM, EC, EC-HSM, oct, oct-HSM
    std::optional<int> keySize;          ///< `key_size`: RSA 2048, 3072, 4096
    std::optional<int> publicExponent;   ///< `public_exponent` (RSA)
    std::optional<QString> curve;        ///< `crv`: P-256, P-384, P-521, P-256K
    std::optional<QStringList> keyOps;   ///< `key_ops`
    /// Only enabled, nbf, exp and exportable are sent.
    std::optional<ObjectAttributes> attributes;
    std::optional<Tags> tags;
};

/// The body of `PATCH /keys/{name}/{version}`: what is absent stays unchanged.
struct KeyUpdateParameters
{
    std::optional<QStringList> keyOps;
    /// Only enabled, nbf, exp and exportable are sent.
    std::optional<ObjectAttributes> attributes;
    std::optional<Tags> tags;
};

/// One entry of a rotation policy's `lifetimeActions`.
struct KeyLifetimeAction
{
    std::optional<QString> timeAfterCreate;  ///< ISO 8601 duration, e.g. "P90D"
    std::optional<QString> timeBeforeExpiry; ///< ISO 8601 duration, e.g. "P30D"
    std::optional<QString> type;             ///< `action.type`: Rotate or Notify
    bool hasTrigger = false;                 ///< `trigger` was present
    bool hasAction = false;                  ///< `action` was present
    QJsonObject extraTrigger;                ///< members of `trigger` not modelled above
    QJsonObject extraAction;                 ///< members of `action` not modelled above
    QJsonObject extra;                       ///< other members of the entry

    friend bool operator==(const KeyLifetimeAction &, const KeyLifetimeAction &) = default;
};

/// `GET|PUT /keys/{name}/rotationpolicy` (`KeyRotationPolicy`).
struct KeyRotationPolicy
{
    std::optional<QString> id; ///< https://{vault}/keys/{name}/rotationpolicy
    std::optional<QList<KeyLifetimeAction>> lifetimeActions;
    std::optional<QString> expiryTime; ///< `attributes.expiryTime`: ISO 8601 duration, e.g. "P2Y"
    std::optional<qint64> created;     ///< `attributes.created`
    std::optional<qint64> updated;     ///< `attributes.updated`
    bool hasAttributes = false;        ///< `attributes` was present
    QJsonObject extraAttributes;       ///< members of `attributes` not modelled above
    QJsonObject extra;                 ///< top-level members not modelled above

    friend bool operator==(const KeyRotationPolicy &, const KeyRotationPolicy &) = default;
};

} // namespace vl::vault

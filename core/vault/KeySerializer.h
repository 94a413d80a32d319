// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/ClientCall.h"
#include "vault/Key.h"

#include <QJsonObject>

namespace vl::vault {

/// JSON mapping for keys (data plane 2025-07-01; shapes of 7.5 and 7.6).
namespace KeySerializer {

/// The public members of a JsonWebKey; private ones (`d`, `p`, `k`, ...) are dropped.
[[nodiscard]] JsonWebKey jsonWebKeyFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const JsonWebKey &key);

[[nodiscard]] KeyProperties propertiesFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const KeyProperties &properties);

[[nodiscard]] KeyBundle bundleFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const KeyBundle &bundle);

[[nodiscard]] DeletedKey deletedFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const DeletedKey &deleted);

/// `KeyListResult`: a page of `GET /keys` or `GET /keys/{name}/versions`.
[[nodiscard]] Page<KeyProperties> pageFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const Page<KeyProperties> &page);

/// `DeletedKeyListResult`: a page of `GET /deletedkeys`.
[[nodiscard]] Page<DeletedKey> deletedPageFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const Page<DeletedKey> &page);

[[nodiscard]] KeyRotationPolicy rotationPolicyFromJson(const QJsonObject &o);
/// Every member, as the service writes it.
[[nodiscard]] QJsonObject toJson(const KeyRotationPolicy &policy);
/// The body of `PUT /keys/{name}/rotationpolicy`: without the read-only id and times.
[[nodiscard]] QJsonObject toRequestJson(const KeyRotationPolicy &policy);

/// The body of `POST /keys/{name}/create`.
[[nodiscard]] QJsonObject toJson(const KeyCreateParameters &parameters);
/// The body of `PATCH /keys/{name}/{version}`.
[[nodiscard]] QJsonObject toJson(const KeyUpdateParameters &parameters);

} // namespace KeySerializer
} // namespace vl::vault

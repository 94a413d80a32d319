// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/ClientCall.h"
#include "vault/Secret.h"

#include <QJsonObject>

namespace vl::vault {

/// JSON mapping for secrets (data plane 2025-07-01; shapes of 7.5 and 7.6).
namespace SecretSerializer {

[[nodiscard]] SecretProperties propertiesFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const SecretProperties &properties);

[[nodiscard]] SecretBundle bundleFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const SecretBundle &bundle);

[[nodiscard]] DeletedSecret deletedFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const DeletedSecret &deleted);

/// `SecretListResult`: a page of `GET /secrets` or `GET /secrets/{name}/versions`.
[[nodiscard]] Page<SecretProperties> pageFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const Page<SecretProperties> &page);

/// `DeletedSecretListResult`: a page of `GET /deletedsecrets`.
[[nodiscard]] Page<DeletedSecret> deletedPageFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const Page<DeletedSecret> &page);

/// The body of `PUT /secrets/{name}` (it holds the secret value).
[[nodiscard]] QJsonObject toJson(const SecretSetParameters &parameters);
/// The body of `PATCH /secrets/{name}/{version}`.
[[nodiscard]] QJsonObject toJson(const SecretUpdateParameters &parameters);

} // namespace SecretSerializer
} // namespace vl::vault

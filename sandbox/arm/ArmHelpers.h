// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "arm/Vault.h"
#include "http/ServerTypes.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace vl::sandbox::ArmHelpers {

/// api-versions of Microsoft.KeyVault/vaults the sandbox answers.
[[nodiscard]] const QStringList &vaultApiVersions();
/// api-versions of Microsoft.Authorization role assignments and definitions.
[[nodiscard]] const QStringList &authorizationApiVersions();

/// `{id, name, type, location, tags}`: the generic /resources listing item.
[[nodiscard]] QJsonObject genericResource(const arm::Vault &vault);
/// 404 ResourceNotFound for the vault @p name in resource group @p group.
[[nodiscard]] HttpResponse vaultNotFound(const QString &name, const QString &group);
/// The request body as a JSON object, or a 400 answer.
[[nodiscard]] std::optional<QJsonObject> jsonBody(const HttpRequest &request, HttpResponse &error);

} // namespace vl::sandbox::ArmHelpers

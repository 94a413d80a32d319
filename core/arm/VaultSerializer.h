// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "arm/Vault.h"

#include <QJsonObject>

namespace vl::arm {

/// JSON mapping for the vault resource and its parts (Microsoft.KeyVault 2026-02-01).
namespace VaultSerializer {

[[nodiscard]] Vault vaultFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const Vault &vault);

[[nodiscard]] VaultProperties propertiesFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const VaultProperties &properties);

[[nodiscard]] AccessPolicyEntry accessPolicyFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const AccessPolicyEntry &entry);

[[nodiscard]] NetworkRuleSet networkRuleSetFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const NetworkRuleSet &rules);

[[nodiscard]] PrivateEndpointConnectionItem privateEndpointConnectionFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const PrivateEndpointConnectionItem &item);

} // namespace VaultSerializer
} // namespace vl::arm

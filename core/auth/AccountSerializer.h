// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/Account.h"
#include "util/Result.h"

#include <QJsonArray>
#include <QJsonObject>

namespace vl {

/// JSON mapping of accounts (the settings' form) and of Resource Manager's tenant list.
namespace AccountSerializer {

[[nodiscard]] QJsonObject toJson(const Account &account);
/// The account in @p o; a Malformed error when the id, cloud or home tenant is missing.
[[nodiscard]] Result<Account> accountFromJson(const QJsonObject &o);

[[nodiscard]] QJsonObject toJson(const TenantInfo &tenant);
[[nodiscard]] TenantInfo tenantFromJson(const QJsonObject &o);

/// `GET /tenants?api-version=2022-12-01`: `{"value":[{"tenantId","displayName",...}]}`.
[[nodiscard]] QList<TenantInfo> tenantListFromJson(const QJsonObject &page);

} // namespace AccountSerializer
} // namespace vl

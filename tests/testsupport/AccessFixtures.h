// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/AccessEngine.h"
#include "access/Caller.h"
#include "arm/Vault.h"

#include <QString>

/// Builders for access-engine tests: a vault, callers and arrivals with readable defaults.
namespace vl::test {

inline const QString TenantId = QStringLiteral("72f988bf-86f1-41af-91ab-2d7cd011db47");
inline const QString OtherTenantId = QStringLiteral("f8cdef31-a31e-4b4a-93e4-5f571e91255a");
inline const QString SubscriptionId = QStringLiteral("a1b2c3d4-0000-4000-8000-00000000000a");
inline const QString AliceId = QStringLiteral("11111111-1111-4111-8111-111111111111");
inline const QString BobId = QStringLiteral("22222222-2222-4222-8222-222222222222");
inline const QString GroupId = QStringLiteral("33333333-3333-4333-8333-333333333333");
inline const QString AppId = QStringLiteral("44444444-4444-4444-8444-444444444444");
inline const QString OtherAppId = QStringLiteral("55555555-5555-4555-8555-555555555555");
inline const QString ClientAddress = QStringLiteral("203.0.113.10");

/// `/subscriptions/{SubscriptionId}/resourceGroups/rg-demo/providers/Microsoft.KeyVault/vaults/{name}`
[[nodiscard]] QString vaultId(const QString &name = QStringLiteral("kv-demo"));
[[nodiscard]] QString resourceGroupId();
[[nodiscard]] QString subscriptionScope();

/// An access-policy vault in TenantId, location westeurope, firewall open.
[[nodiscard]] arm::Vault makeVault(const QString &name = QStringLiteral("kv-demo"));
/// An access-policy entry in TenantId.
[[nodiscard]] arm::AccessPolicyEntry policy(const QString &objectId, const QStringList &secrets,
                                            const QStringList &keys = {},
                                            const QStringList &certificates = {});
/// A user caller in TenantId with a valid Key Vault token.
[[nodiscard]] access::Caller user(const QString &objectId = AliceId);
/// A public-internet arrival from ClientAddress.
[[nodiscard]] access::Arrival publicArrival(const QString &address = ClientAddress);
/// A role assignment of @p roleGuid to @p principal at @p scope.
[[nodiscard]] arm::RoleAssignment assignment(const QString &principal, QLatin1StringView roleGuid,
                                             const QString &scope);
/// A token valid now (exp one hour ahead of @p now).
[[nodiscard]] access::TokenFacts validToken(qint64 now, const QString &tenant = TenantId);

inline constexpr qint64 Now = 1'768'467'600; // 2026-01-15 09:00:00 UTC

} // namespace vl::test

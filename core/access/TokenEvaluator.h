// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/Caller.h"
#include "access/FirewallEvaluator.h"

#include <QByteArray>
#include <QString>

namespace vl::access {

/// The audience Key Vault accepts: its resource URI, exactly (no trailing slash), or its app id.
inline constexpr QLatin1StringView KeyVaultAudience{"https://vault.azure.net"};
inline constexpr QLatin1StringView KeyVaultApplicationId{"cfa8b339-82a2-471a-a3c9-0fc0be7a4093"};
/// Tolerance for `exp` and `nbf`, as token validation libraries apply by default.
inline constexpr qint64 TokenClockSkewSeconds = 300;

/**
 * The challenge Key Vault sends with every 401:
 * `Bearer authorization="{authorityHost}/{tenantId}", resource="https://vault.azure.net"`.
 * The SDKs split it on ", " and take the tenant from the last path segment, so
 * there is no trailing slash and exactly one space after the comma (PROTOCOL.md §9).
 */
[[nodiscard]] QByteArray keyVaultChallenge(const QString &authorityHost, const QString &tenantId);

/**
 * @brief Token validation, as Key Vault applies it after the firewall.
 *
 * ```
 *  no token ───────────────► 401 AKV10000 + challenge
 *  not a JWT ──────────────► 401 + challenge
 *  bad signature ──────────► 401 AKV10046
 *  expired / not yet valid ► 401 TokenExpired / not yet valid
 *  wrong audience ─────────► 401 AKV10022 "Expected https://vault.azure.net, found: …"
 *  other tenant ───────────► 401 AKV10032 + challenge naming the vault's tenant
 *  otherwise ──────────────► pass
 * ```
 *
 * Messages: AKV10000 and AKV10032 from recorded service answers (PROTOCOL.md §4.7,
 * §4.8); AKV10022, AKV10046 and the TokenExpired text as the service prints them
 * in public issue reports (MicrosoftDocs/azure-docs#109562, azure-sdk-for-python#27266,
 * Azure-Samples/azuresandbox#188). The malformed-token and not-yet-valid texts are
 * not documented; the engine uses plain descriptions for them.
 */
[[nodiscard]] StageResult evaluateToken(const TokenFacts &token, const QString &vaultTenantId,
                                        const QString &authorityHost, qint64 nowSecs);

} // namespace vl::access

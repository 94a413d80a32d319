// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/Caller.h"
#include "access/Verdict.h"
#include "arm/Vault.h"

namespace vl::access {

/// One stage's decision, with the service's answer when it refuses.
struct StageResult
{
    StageVerdict verdict;
    std::optional<Denial> denial;
};

/// Identifies the vault in the service's messages: `{vault};location={region}`.
struct VaultLabel
{
    QString name;
    QString location;
    [[nodiscard]] QString toString() const;
};

/**
 * @brief The vault firewall, in the order the service applies it.
 *
 * ```
 *  request ──► private endpoint? ── approved connection ──► pass
 *      │                          └─ otherwise ───────────► 403 ForbiddenByConnection
 *      ▼
 *  publicNetworkAccess Disabled? ── trusted service + bypass AzureServices ─► pass
 *      │                          └─ otherwise ───────────► 403 ForbiddenByConnection
 *      ▼
 *  defaultAction Allow (or no networkAcls) ───────────────► pass
 *      ▼
 *  trusted service + bypass AzureServices ────────────────► pass
 *  service endpoint from a listed subnet ─────────────────► pass
 *  public address inside an IP rule ──────────────────────► pass
 *      ▼
 *  403 ForbiddenByFirewall (names the client address, the caller and the vault)
 * ```
 *
 * Sources: Key Vault network security documentation (network-security.md);
 * `publicNetworkAccess` in the Microsoft.KeyVault 2026-02-01 schema ("disabled
 * overrides firewall rules"; private endpoint and trusted-service traffic still
 * pass); denial texts from PROTOCOL.md §4.8.
 */
[[nodiscard]] StageResult evaluateFirewall(const arm::VaultProperties &vault,
                                           const VaultLabel &label, const Arrival &arrival,
                                           const Caller &caller);

} // namespace vl::access

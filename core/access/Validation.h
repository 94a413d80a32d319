// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/ObjectKind.h"
#include "arm/Vault.h"

#include <QList>
#include <QMap>
#include <QString>

namespace vl::access {

/// The outcome of a validation: ok, or a message a person can act on.
struct ValidationResult
{
    bool ok = true;
    QString message;    ///< English; empty when ok
    QString normalized; ///< the value as the service stores it, when it differs in form

    [[nodiscard]] static ValidationResult success(QString normalized = {})
    {
        return {true, {}, std::move(normalized)};
    }
    [[nodiscard]] static ValidationResult failure(QString message)
    {
        return {false, std::move(message), {}};
    }
    explicit operator bool() const { return ok; }
};

/// Where tags are set: the limits differ between ARM resources and vault objects.
enum class TagTarget { Vault, VaultObject };

/**
 * @brief Input checks shared by the sandbox (to answer 400 as the service does)
 * and the editors (to refuse bad input before it is sent).
 *
 * Limits and sources:
 * - vault names: 3-24 characters, letters, digits and hyphens, starting with a
 *   letter, ending with a letter or digit, no consecutive hyphens (Microsoft.KeyVault
 *   `VaultName` pattern `^[a-zA-Z0-9-]{3,24}$` and the naming-rules page for
 *   Microsoft.KeyVault);
 * - object names: 1-127 letters, digits and hyphens (data-plane `^[0-9a-zA-Z-]+$`;
 *   Key Vault "About keys, secrets and certificates", object identifiers);
 * - tags: vault objects take at most 15 tags; ARM resources at most 50; names up to
 *   512 and values up to 256 characters; ARM tag names may not contain `<>%&\?/`
 *   (Key Vault object model; ARM "Use tags" limitations);
 * - firewall: public IPv4 addresses and CIDR ranges only, at most 1,000 IP rules and
 *   200 virtual network rules per vault (Key Vault network security and service
 *   limits pages); private ranges are refused (Add-AzKeyVaultNetworkRule notes);
 * - access policies: at most 1,024 entries per vault, 16 per incremental call,
 *   every entry in the vault's tenant (Microsoft.KeyVault schema, PROTOCOL.md §5.2).
 */
namespace Validation {

inline constexpr int MaxIpRules = 1000;
inline constexpr int MaxVirtualNetworkRules = 200;
inline constexpr int MaxAccessPolicies = 1024;
inline constexpr int MaxAccessPoliciesPerUpdate = 16;
inline constexpr int MaxObjectNameLength = 127;
inline constexpr int MaxObjectTags = 15;
inline constexpr int MaxResourceTags = 50;
inline constexpr int MaxTagNameLength = 512;
inline constexpr int MaxTagValueLength = 256;

[[nodiscard]] ValidationResult vaultName(const QString &name);
[[nodiscard]] ValidationResult objectName(const QString &name);
[[nodiscard]] ValidationResult guid(const QString &value);
[[nodiscard]] ValidationResult tags(const QMap<QString, QString> &tags, TagTarget target);
/// One IP rule: a public IPv4 address or CIDR range; `normalized` is the /n form.
[[nodiscard]] ValidationResult ipRule(const QString &value);
/// A subnet resource id for a virtual network rule.
[[nodiscard]] ValidationResult subnetId(const QString &id);
/// The whole firewall: each rule, duplicates, counts, the enum values.
[[nodiscard]] ValidationResult networkRuleSet(const arm::NetworkRuleSet &rules);
/// One access-policy entry against the vault's tenant.
[[nodiscard]] ValidationResult accessPolicyEntry(const arm::AccessPolicyEntry &entry,
                                                 const QString &vaultTenantId);
/// A full access-policy list (duplicates by object id and application id, count).
[[nodiscard]] ValidationResult accessPolicies(const QList<arm::AccessPolicyEntry> &entries,
                                              const QString &vaultTenantId);

} // namespace Validation
} // namespace vl::access

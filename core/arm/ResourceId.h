// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace vl::arm {

/**
 * @brief A parsed Azure Resource Manager id, such as
 * `/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{v}/secrets/{n}`.
 *
 * Only the parts the access engine needs are kept. Segment names are matched
 * case-insensitively, as ARM does.
 */
struct ResourceId
{
    QString subscriptionId;
    QString resourceGroup;
    QString provider;     ///< e.g. Microsoft.KeyVault
    QString resourceType; ///< e.g. vaults
    QString name;         ///< e.g. the vault name
    QString childType;    ///< e.g. secrets, keys, certificates (empty for the vault)
    QString childName;

    [[nodiscard]] bool isValid() const { return !subscriptionId.isEmpty(); }
    [[nodiscard]] static ResourceId parse(const QString &id);

    /// The id of the scope the resource group defines.
    [[nodiscard]] QString resourceGroupScope() const;
    [[nodiscard]] QString subscriptionScope() const;
};

/**
 * True when @p scope is @p resource itself or one of its ancestors
 * ("/" is the root of everything). Comparison is case-insensitive and on
 * whole path segments, so `/subscriptions/a` is not a parent of `/subscriptions/ab`.
 */
[[nodiscard]] bool scopeContains(const QString &scope, const QString &resource);

} // namespace vl::arm

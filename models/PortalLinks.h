// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "VaultItem.h"
#include "auth/CloudProfile.h"

#include <QUrl>

namespace vl {

/**
 * @brief Addresses of a vault and its items in the Azure portal of their
 * cloud, as the portal itself links them. Invalid URLs for the sandbox, which
 * has no portal, and for what the portal cannot show.
 *
 * ```
 *  vault:  {portal}/#@{tenant}/resource{resource id}/overview
 *  item:   {portal}/#@{tenant}/asset/Microsoft_Azure_KeyVault/{Secret|Key|Certificate}/{item id}
 * ```
 */
namespace portal {

[[nodiscard]] QUrl vaultUrl(const CloudProfile &cloud, const QString &tenantId,
                            const QString &resourceId);
[[nodiscard]] QUrl itemUrl(const CloudProfile &cloud, const QString &tenantId, VaultItemKind kind,
                           const QString &itemId);

} // namespace portal
} // namespace vl

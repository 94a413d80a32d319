// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace vl::access {

/**
 * True when the RBAC permission string @p pattern matches @p action.
 *
 * `*` matches any run of characters, `/` included, and may appear anywhere and
 * more than once (as in `Microsoft.CostManagement/ * /query/ *` without the spaces);
 * comparison is
 * case-insensitive. Source: Azure RBAC documentation, "Azure role definitions",
 * sections "Wildcard permissions" and "Permission strings are case-insensitive".
 */
[[nodiscard]] bool actionMatches(const QString &pattern, const QString &action);

} // namespace vl::access

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServiceContext.h"
#include "http/ServerTypes.h"

#include <optional>

namespace vl::sandbox {

/**
 * @brief Microsoft Graph v1.0, the part VaultLens and the SDKs use: resolve object
 * ids (`directoryObjects/getByIds`), the signed-in user (`me`), search users, groups
 * and service principals by `startswith(displayName,'x')` or `$search` (with
 * `ConsistencyLevel: eventual`), get one object (users also by UPN), and its
 * transitive group memberships. Tokens must be for `https://graph.microsoft.com`.
 * The caller sees the objects of its token's tenant; guests appear there as
 * `userType` Guest with an `#EXT#` user principal name.
 */
class GraphService
{
public:
    explicit GraphService(ServiceContext &context);

    /// Requests under /v1.0 and /beta; nothing for other paths.
    [[nodiscard]] std::optional<HttpResponse> handle(const HttpRequest &request);

private:
    /// `GET /users|groups|servicePrincipals` with `$filter`, `$search`, `$top`, `$count`.
    HttpResponse list(const HttpRequest &request, const QString &set, const QString &metadata,
                      const QString &tenantId);

    ServiceContext &m_context;
};

} // namespace vl::sandbox

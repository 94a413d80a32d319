// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServiceContext.h"
#include "http/HttpTypes.h"

#include <optional>

namespace vl::sandbox {

/**
 * @brief Microsoft Graph v1.0, the part VaultLens and the SDKs use: resolve object
 * ids (`directoryObjects/getByIds`), the signed-in user (`me`), search users, groups
 * and service principals by `startswith(displayName,'x')`, get one object, and its
 * transitive group memberships. Tokens must be for `https://graph.microsoft.com`.
 */
class GraphService
{
public:
    explicit GraphService(ServiceContext &context);

    /// Requests under /v1.0 and /beta; nothing for other paths.
    [[nodiscard]] std::optional<HttpResponse> handle(const HttpRequest &request);

private:
    ServiceContext &m_context;
};

} // namespace vl::sandbox

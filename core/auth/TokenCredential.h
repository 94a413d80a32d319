// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/AccessToken.h"
#include "util/Result.h"

#include <QFuture>
#include <QString>

namespace vl {

/**
 * @brief Anything that can get an access token for a scope and tenant.
 *
 * Implementations answer asynchronously on the thread that asked, with the
 * token and its source (TokenSource::MemoryCache when it was already held),
 * or an AzureError of kind Unauthenticated (or Network) saying why not.
 */
class TokenCredential
{
public:
    virtual ~TokenCredential() = default;
    /// A short English name for the journal: "client secret", "browser sign-in", ...
    [[nodiscard]] virtual QString name() const = 0;
    [[nodiscard]] virtual QFuture<Result<AccessToken>>
    getToken(const TokenRequestContext &request) = 0;
};

} // namespace vl

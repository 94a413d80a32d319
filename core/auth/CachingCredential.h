// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/TokenCache.h"
#include "auth/TokenCredential.h"

#include <memory>

namespace vl {

/**
 * @brief A credential that answers from memory while it can.
 *
 * ```
 * getToken(scopes, tenant)
 *   ├─ held token with > 5 min left ──► answer it (TokenSource::MemoryCache)
 *   ├─ same request already on its way ─► share its answer
 *   └─ otherwise ─► inner credential (refresh token, client secret, ...) ─► hold ─► answer
 * ```
 *
 * The cache is keyed by account, tenant and scope set, so one TokenCache can
 * serve every account and tenant of the app. A request with `forceRefresh` or a
 * claims challenge always goes to the inner credential. Time comes from the
 * cache's clock. A request that names no tenant is passed on for @p tenantId,
 * so one inner credential (an account's refresh token) can serve several tenants.
 */
class CachingCredential final : public TokenCredential
{
public:
    /**
     * @param inner       the credential that really gets tokens
     * @param cache       where tokens are held (shared between credentials)
     * @param account     the cache key's account part (an account id, an app id)
     * @param tenantId    the tenant asked for (and keyed under) when a request names none
     */
    CachingCredential(std::shared_ptr<TokenCredential> inner, std::shared_ptr<TokenCache> cache,
                      QString account, QString tenantId = {});
    ~CachingCredential() override;

    [[nodiscard]] QString name() const override;
    [[nodiscard]] QFuture<Result<AccessToken>>
    getToken(const TokenRequestContext &request) override;

    [[nodiscard]] const std::shared_ptr<TokenCredential> &inner() const { return m_inner; }
    [[nodiscard]] const QString &account() const { return m_account; }

private:
    struct State;
    std::shared_ptr<TokenCredential> m_inner;
    std::shared_ptr<State> m_state;
    QString m_account;
    QString m_tenantId;
};

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/PublicClient.h"
#include "auth/TokenCredential.h"

#include <functional>
#include <memory>

namespace vl {

/**
 * @brief Tokens for a signed-in user, from the user's refresh token, for any
 * tenant the user may use (home or guest), without a prompt.
 *
 * ```
 * getToken(scopes, tenant T)
 *   └─ POST {authority}/T/oauth2/v2.0/token  grant_type=refresh_token
 *        ├─ 200: access token (TokenSource::RefreshToken) + a new refresh token
 *        │       └─ the new one replaces the old one here and goes to onRotated (the keychain)
 *        └─ 400 invalid_grant / interaction_required: the user must sign in again
 * ```
 *
 * A request that names no tenant goes to the home tenant. The refresh token
 * stays in memory here; whoever made the credential stores it (KeychainStore).
 * An account keeps one such credential and wraps it per tenant in a
 * CachingCredential, so every tenant sees the newest refresh token.
 */
class RefreshTokenCredential final : public TokenCredential
{
public:
    /**
     * @param client        the public client that signed the user in
     * @param homeTenantId  the tenant of requests that name none
     * @param refreshToken  the token to redeem (may be set later)
     * @param name          the journal's name for the credential ("browser sign-in", ...)
     */
    RefreshTokenCredential(std::shared_ptr<const PublicClient> client, QString homeTenantId,
                           QByteArray refreshToken, QString name);
    ~RefreshTokenCredential() override;

    [[nodiscard]] QString name() const override;
    [[nodiscard]] QFuture<Result<AccessToken>>
    getToken(const TokenRequestContext &request) override;
    /// The same redemption, with the whole answer (ID token claims and all).
    [[nodiscard]] QFuture<Result<UserTokenAnswer>> redeem(const TokenRequestContext &request);

    [[nodiscard]] bool hasRefreshToken() const;
    /// Replaces the refresh token (after a new sign-in); does not call onRotated.
    void setRefreshToken(const QByteArray &refreshToken);
    /// Forgets the refresh token (sign-out): later requests fail until a new one is set.
    void clear();
    /// Called with each new refresh token the service hands out, on the thread that asked.
    void setOnRotated(std::function<void(const QByteArray &)> onRotated);

    [[nodiscard]] const QString &homeTenantId() const { return m_homeTenantId; }
    [[nodiscard]] const std::shared_ptr<const PublicClient> &client() const { return m_client; }

private:
    struct State;
    std::shared_ptr<const PublicClient> m_client;
    QString m_homeTenantId;
    QString m_name;
    std::shared_ptr<State> m_state;
};

} // namespace vl

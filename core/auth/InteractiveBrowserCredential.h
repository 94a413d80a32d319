// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/BrowserSignIn.h"
#include "auth/RefreshTokenCredential.h"
#include "auth/TokenCredential.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

namespace vl {

/**
 * @brief A user's credential obtained through the system browser.
 *
 * ```
 * authenticate()            ─► BrowserSignIn (authorization code + PKCE, loopback redirect)
 *                               └─ tokens + refresh token + who signed in
 * getToken(scopes, tenant)  ─► refresh token held? ─► RefreshTokenCredential (silent, any tenant)
 *                              none yet?          ─► authenticate() for that tenant and scopes
 * ```
 *
 * Each sign-in goes to the authority of the tenant chosen beforehand
 * (BrowserSignInOptions::tenant, or the request's tenant), so a guest tenant
 * is signed in to directly. A failed silent refresh is reported, never turned
 * into a prompt behind the user's back: the app offers to sign in again. The
 * refresh token stays in memory here; onRefreshToken hands each new one to
 * whoever keeps it (the account's keychain entry).
 */
class InteractiveBrowserCredential final : public QObject, public TokenCredential
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InteractiveBrowserCredential)

public:
    InteractiveBrowserCredential(std::shared_ptr<const PublicClient> client,
                                 BrowserSignInOptions options, QObject *parent = nullptr);
    ~InteractiveBrowserCredential() override;

    [[nodiscard]] QString name() const override;
    [[nodiscard]] QFuture<Result<AccessToken>>
    getToken(const TokenRequestContext &request) override;

    /**
     * Signs in through the browser now, for @p scopes (empty: the options' scopes)
     * at @p tenant (empty: the options' tenant). While one sign-in runs, a second
     * call returns the same answer.
     */
    [[nodiscard]] QFuture<Result<UserTokenAnswer>> authenticate(const QStringList &scopes = {},
                                                                const QString &tenant = {});
    /// Abandons the running sign-in (its answer: a Cancelled error).
    void cancel();

    /// Who signed in, once someone did.
    [[nodiscard]] const std::optional<SignedInIdentity> &identity() const { return m_identity; }
    /// The silent credential behind getToken (null until the first sign-in).
    [[nodiscard]] std::shared_ptr<RefreshTokenCredential> refreshCredential() const
    {
        return m_refresh;
    }
    /// The running (or last) sign-in, for the UI to show its state.
    [[nodiscard]] BrowserSignIn *currentSignIn() const { return m_signIn; }
    [[nodiscard]] BrowserSignInOptions &options() { return m_options; }
    /// Called with every new refresh token (sign-in and rotation), on this thread.
    void setOnRefreshToken(std::function<void(const QByteArray &)> onRefreshToken);

Q_SIGNALS:
    void signedIn(const vl::SignedInIdentity &identity);

private:
    std::shared_ptr<const PublicClient> m_client;
    BrowserSignInOptions m_options;
    QPointer<BrowserSignIn> m_signIn;
    QFuture<Result<UserTokenAnswer>> m_pending; ///< the running sign-in's answer
    std::shared_ptr<RefreshTokenCredential> m_refresh;
    std::optional<SignedInIdentity> m_identity;
    std::function<void(const QByteArray &)> m_onRefreshToken;
};

} // namespace vl

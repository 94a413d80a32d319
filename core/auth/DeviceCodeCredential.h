// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/PublicClient.h"
#include "auth/RefreshTokenCredential.h"
#include "auth/TokenCredential.h"
#include "util/Future.h"

#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace vl {

/// What the user must do to approve a device code sign-in (no secret in it).
struct DeviceCodeMessage
{
    QString userCode;     ///< to type on the verification page
    QUrl verificationUri; ///< the page to open, on any device
    QString message;      ///< the service's sentence naming both
    QDateTime expiresOn;  ///< UTC; the code is useless afterwards
};

/// What a device code sign-in asks for, and how.
struct DeviceCodeOptions
{
    /// The tenant of the authority, chosen before the prompt.
    QString tenant = QStringLiteral("organizations");
    /// The resource scope(s); `offline_access openid profile` are added.
    QStringList scopes;
    /// Shows @p message to the user (required); called once per sign-in.
    std::function<void(const DeviceCodeMessage &message)> onMessage;
    /// Runs @p callback after @p delay; the seam tests replace (default: a QTimer).
    std::function<void(std::chrono::milliseconds delay, std::function<void()> callback)> schedule;
};

/**
 * @brief One device code sign-in (RFC 8628; PROTOCOL.md §1.4).
 *
 * ```
 *  app ── POST /{tenant}/oauth2/v2.0/devicecode (client_id, scope) ──► Entra ID
 *  app ◄── device_code, user_code, verification_uri, expires_in, interval, message
 *  app ── onMessage(user_code, verification_uri, message) ──► the user, on any device
 *  every `interval` s: POST /{tenant}/oauth2/v2.0/token grant_type=device_code
 *     authorization_pending ─► poll again
 *     slow_down             ─► interval + 5 s, poll again
 *     authorization_declined, expired_token, bad_verification_code, other ─► fail
 *     200                   ─► tokens (TokenSource::DeviceCode)
 * ```
 *
 * The code also expires on this side (the clock passes `expires_in`); cancel()
 * stops polling at once.
 */
class DeviceCodeSignIn final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeviceCodeSignIn)

public:
    DeviceCodeSignIn(std::shared_ptr<const PublicClient> client, DeviceCodeOptions options,
                     QObject *parent = nullptr);
    ~DeviceCodeSignIn() override;

    /// Asks for a code, tells the user, polls; the answer comes once. Again: the same future.
    [[nodiscard]] QFuture<Result<UserTokenAnswer>> start();
    void cancel();

    [[nodiscard]] bool isFinished() const { return m_promise.isFinished(); }
    /// The current poll interval (grows with slow_down).
    [[nodiscard]] std::chrono::seconds interval() const { return m_interval; }
    [[nodiscard]] int polls() const { return m_polls; }

private:
    void scheduleNext();
    void poll();
    void finish(Result<UserTokenAnswer> result);

    std::shared_ptr<const PublicClient> m_client;
    DeviceCodeOptions m_options;
    SharedPromise<Result<UserTokenAnswer>> m_promise;
    QByteArray m_deviceCode;
    QDateTime m_expiresOn;
    std::chrono::seconds m_interval{5};
    int m_polls = 0;
    bool m_started = false;
};

/**
 * @brief A user's credential obtained with a device code, for machines
 * without a browser: the user approves on another device.
 *
 * authenticate() runs a DeviceCodeSignIn; afterwards getToken() is silent,
 * from the refresh token (RefreshTokenCredential), for any tenant the user may
 * use. Before the first sign-in, getToken() starts one. A failed silent
 * refresh is reported, never turned into a new prompt.
 */
class DeviceCodeCredential final : public QObject, public TokenCredential
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeviceCodeCredential)

public:
    DeviceCodeCredential(std::shared_ptr<const PublicClient> client, DeviceCodeOptions options,
                         QObject *parent = nullptr);
    ~DeviceCodeCredential() override;

    [[nodiscard]] QString name() const override;
    [[nodiscard]] QFuture<Result<AccessToken>>
    getToken(const TokenRequestContext &request) override;

    /// Signs in with a device code now (empty arguments: the options').
    [[nodiscard]] QFuture<Result<UserTokenAnswer>> authenticate(const QStringList &scopes = {},
                                                                const QString &tenant = {});
    void cancel();

    [[nodiscard]] const std::optional<SignedInIdentity> &identity() const { return m_identity; }
    [[nodiscard]] std::shared_ptr<RefreshTokenCredential> refreshCredential() const
    {
        return m_refresh;
    }
    [[nodiscard]] DeviceCodeSignIn *currentSignIn() const { return m_signIn; }
    [[nodiscard]] DeviceCodeOptions &options() { return m_options; }
    /// Called with every new refresh token (sign-in and rotation), on this thread.
    void setOnRefreshToken(std::function<void(const QByteArray &)> onRefreshToken);

Q_SIGNALS:
    void signedIn(const vl::SignedInIdentity &identity);

private:
    std::shared_ptr<const PublicClient> m_client;
    DeviceCodeOptions m_options;
    QPointer<DeviceCodeSignIn> m_signIn;
    QFuture<Result<UserTokenAnswer>> m_pending;
    std::shared_ptr<RefreshTokenCredential> m_refresh;
    std::optional<SignedInIdentity> m_identity;
    std::function<void(const QByteArray &)> m_onRefreshToken;
};

} // namespace vl

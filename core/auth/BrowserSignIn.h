// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/Pkce.h"
#include "auth/PublicClient.h"
#include "util/Future.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QVariantMap>

#include <chrono>
#include <functional>
#include <memory>

class QOAuthHttpServerReplyHandler;

namespace vl {

/// What a browser sign-in asks for, and how.
struct BrowserSignInOptions
{
    /// The tenant of the authority (`/{tenant}/oauth2/v2.0/authorize`), chosen before
    /// the prompt: a tenant id or domain, `organizations` or `common`.
    QString tenant = QStringLiteral("organizations");
    /// The resource scope(s), e.g. Resource Manager's; `offline_access openid profile` are added.
    QStringList scopes;
    QString prompt = QStringLiteral("select_account"); ///< empty: no prompt parameter
    QString loginHint;  ///< pre-fills the account (an account's upn when signing in again)
    QString domainHint; ///< skips home realm discovery
    std::chrono::milliseconds timeout = std::chrono::minutes(5); ///< then the sign-in fails
    QString callbackPath = QStringLiteral("/"); ///< path of the loopback redirect URI
    /// Opens @p url in the user's browser; the app passes QDesktopServices::openUrl,
    /// tests play the browser. Required.
    std::function<void(const QUrl &url)> openBrowser;
};

/**
 * @brief One interactive sign-in: authorization code with PKCE S256 through
 * the system browser and a loopback redirect (RFC 8252), then the code
 * redeemed over the identity pipeline.
 *
 * ```
 *  app: listen on 127.0.0.1:<random port>; verifier, challenge, state (256 random bits)
 *  app ──openBrowser(authorize?client_id&redirect_uri=http://127.0.0.1:P/&scope
 *                    &state&code_challenge&code_challenge_method=S256&prompt...)──► browser
 *  browser ── sign-in page ── 302 http://127.0.0.1:P/?code=C&state=S ──► listener
 *  listener: state differs ─► answer "not this sign-in", keep waiting (noise, as MSAL does)
 *            state matches  ─► stop listening (one use), answer "return to VaultLens"
 *  app ── POST /{tenant}/oauth2/v2.0/token code=C&code_verifier ──► Entra ID (pipeline)
 *  app ◄── access token, refresh token, ID token (who signed in)
 * ```
 *
 * What comes from QtNetworkAuth and what is written here: the loopback
 * listener is QOAuthHttpServerReplyHandler, bound to QHostAddress::LocalHost
 * (its default constructors bind every interface, so the address is always
 * given) on a random port; it parses the redirect's query and answers the
 * browser with a page whose text is set per redirect (its status is always
 * 200, and its parser wants the request head in one read, as browsers send
 * it; neither matters for a loopback redirect). The rest is written
 * here rather than taken from QOAuth2AuthorizationCodeFlow (Qt 6.4): PKCE (it
 * has none before 6.8), the state (its own is 8 characters and reused across
 * grants), the single use and the timeout, and above all the code-for-token
 * exchange, which must go through the app's journaled identity pipeline so
 * that it is recorded and its TLS is the cloud profile's (the flow builds its
 * own QNetworkRequest, and reports no token-endpoint error by signal).
 *
 * The answer comes once: the tokens, or an AzureError (the service's error
 * from the redirect or the token endpoint; `sign_in_timeout` after the
 * timeout; kind Cancelled after cancel()).
 */
class BrowserSignIn final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrowserSignIn)

public:
    BrowserSignIn(std::shared_ptr<const PublicClient> client, BrowserSignInOptions options,
                  QObject *parent = nullptr);
    ~BrowserSignIn() override;

    /**
     * Listens, hands the authorize URL to the browser callback (before this
     * returns) and answers when the sign-in is over. Calling it again returns
     * the same future.
     */
    [[nodiscard]] QFuture<Result<UserTokenAnswer>> start();
    /// Stops waiting: the answer is a Cancelled error (unless it was already given).
    void cancel();

    [[nodiscard]] bool isFinished() const { return m_promise.isFinished(); }
    /// True until a redirect with the right state came (or the sign-in ended).
    [[nodiscard]] bool isListening() const;
    [[nodiscard]] const QUrl &redirectUri() const { return m_redirectUri; }
    [[nodiscard]] const QUrl &authorizeUrl() const { return m_authorizeUrl; }
    [[nodiscard]] const BrowserSignInOptions &options() const { return m_options; }
    /// How many redirects were turned away (wrong or missing state, or after the first).
    [[nodiscard]] int rejectedRedirects() const { return m_rejected; }

Q_SIGNALS:
    /// A redirect reached the listener but was turned away; @p reason is for the log.
    void redirectRejected(const QString &reason);

private:
    void onRedirect(const QVariantMap &values);
    void finish(Result<UserTokenAnswer> result);
    void stopListening();
    void setPage(const QString &title, const QString &text);

    std::shared_ptr<const PublicClient> m_client;
    BrowserSignInOptions m_options;
    SharedPromise<Result<UserTokenAnswer>> m_promise;
    QPointer<QOAuthHttpServerReplyHandler> m_listener;
    QTimer m_timeout;
    Pkce m_pkce;
    QByteArray m_state;
    QUrl m_redirectUri;
    QUrl m_authorizeUrl;
    bool m_started = false;
    bool m_used = false; ///< a redirect with the right state came
    int m_rejected = 0;
};

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/InteractiveBrowserCredential.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace vl {

InteractiveBrowserCredential::InteractiveBrowserCredential(
    std::shared_ptr<const PublicClient> client, BrowserSignInOptions options, QObject *parent)
    : QObject(parent)
    , m_client(std::move(client))
    , m_options(std::move(options))
{}

InteractiveBrowserCredential::~InteractiveBrowserCredential() = default;

QString InteractiveBrowserCredential::name() const
{
    return QCoreApplication::translate("vl::InteractiveBrowserCredential", "browser sign-in");
}

void InteractiveBrowserCredential::setOnRefreshToken(
    std::function<void(const QByteArray &)> onRefreshToken)
{
    m_onRefreshToken = std::move(onRefreshToken);
    if (m_refresh)
        m_refresh->setOnRotated(m_onRefreshToken);
}

QFuture<Result<UserTokenAnswer>>
InteractiveBrowserCredential::authenticate(const QStringList &scopes, const QString &tenant)
{
    if (m_signIn && !m_pending.isFinished())
        return m_pending;
    if (m_signIn)
        m_signIn->deleteLater();
    BrowserSignInOptions options = m_options;
    if (!scopes.isEmpty())
        options.scopes = scopes;
    if (!tenant.isEmpty())
        options.tenant = tenant;
    m_signIn = new BrowserSignIn(m_client, options, this);
    const QFuture<Result<UserTokenAnswer>> answer = m_signIn->start();
    // Keep the outcome before anyone else sees it: the next getToken is silent.
    SharedPromise<Result<UserTokenAnswer>> promise;
    onFinished(answer, this, [this, promise](const Result<UserTokenAnswer> &result) {
        if (result.ok()) {
            m_identity = result->identity;
            if (!result->refreshToken.isEmpty()) {
                m_refresh = std::make_shared<RefreshTokenCredential>(
                    m_client, result->identity.tenantId, result->refreshToken, name());
                m_refresh->setOnRotated(m_onRefreshToken);
                if (m_onRefreshToken)
                    m_onRefreshToken(result->refreshToken);
            }
        }
        promise.finish(result);
        if (result.ok())
            Q_EMIT signedIn(result->identity);
    });
    m_pending = promise.future();
    return m_pending;
}

void InteractiveBrowserCredential::cancel()
{
    if (m_signIn)
        m_signIn->cancel();
}

QFuture<Result<AccessToken>>
InteractiveBrowserCredential::getToken(const TokenRequestContext &request)
{
    auto toToken = [](const Result<UserTokenAnswer> &answer) -> Result<AccessToken> {
        if (!answer.ok())
            return answer.error();
        return answer->accessToken;
    };
    if (m_refresh && m_refresh->hasRefreshToken())
        return m_refresh->getToken(request);
    return authenticate(request.scopes, request.tenantId).then(toToken);
}

} // namespace vl

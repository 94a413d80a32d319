// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/RefreshTokenCredential.h"

#include "util/Future.h"

#include <QCoreApplication>
#include <QMutex>
#include <QMutexLocker>

using namespace Qt::StringLiterals;

namespace vl {

struct RefreshTokenCredential::State
{
    mutable QMutex mutex;
    QByteArray refreshToken;
    std::function<void(const QByteArray &)> onRotated;
};

RefreshTokenCredential::RefreshTokenCredential(std::shared_ptr<const PublicClient> client,
                                               QString homeTenantId, QByteArray refreshToken,
                                               QString name)
    : m_client(std::move(client))
    , m_homeTenantId(std::move(homeTenantId))
    , m_name(std::move(name))
    , m_state(std::make_shared<State>())
{
    m_state->refreshToken = std::move(refreshToken);
}

RefreshTokenCredential::~RefreshTokenCredential() = default;

QString RefreshTokenCredential::name() const
{
    return m_name;
}

bool RefreshTokenCredential::hasRefreshToken() const
{
    QMutexLocker lock(&m_state->mutex);
    return !m_state->refreshToken.isEmpty();
}

void RefreshTokenCredential::setRefreshToken(const QByteArray &refreshToken)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->refreshToken = refreshToken;
}

void RefreshTokenCredential::clear()
{
    setRefreshToken({});
}

void RefreshTokenCredential::setOnRotated(std::function<void(const QByteArray &)> onRotated)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->onRotated = std::move(onRotated);
}

QFuture<Result<UserTokenAnswer>> RefreshTokenCredential::redeem(const TokenRequestContext &request)
{
    QByteArray refreshToken;
    {
        QMutexLocker lock(&m_state->mutex);
        refreshToken = m_state->refreshToken;
    }
    if (refreshToken.isEmpty()) {
        AzureError e = AzureError::make(
            AzureError::Kind::Unauthenticated,
            QCoreApplication::translate("vl::RefreshTokenCredential",
                                        "This account has no saved sign-in. Sign in again."));
        e.code = u"interaction_required"_s;
        return readyFuture(Result<UserTokenAnswer>(e));
    }
    const QString tenant = request.tenantId.isEmpty() ? m_homeTenantId : request.tenantId;
    std::weak_ptr<State> weak = m_state;
    const QString name = m_name;
    return m_client->redeemRefreshToken(tenant, refreshToken, request.scopes, request.claims)
        .then([weak, refreshToken, name](Result<UserTokenAnswer> answer) {
            if (!answer.ok())
                return answer;
            answer.value().accessToken.credential = name;
            const QByteArray rotated = answer->refreshToken;
            auto state = weak.lock();
            if (!state || rotated.isEmpty() || rotated == refreshToken)
                return answer;
            std::function<void(const QByteArray &)> onRotated;
            {
                QMutexLocker lock(&state->mutex);
                // Only replace the token this answer was redeemed from: a sign-in
                // meanwhile brought a newer one.
                if (state->refreshToken != refreshToken)
                    return answer;
                state->refreshToken = rotated;
                onRotated = state->onRotated;
            }
            if (onRotated)
                onRotated(rotated);
            return answer;
        });
}

QFuture<Result<AccessToken>> RefreshTokenCredential::getToken(const TokenRequestContext &request)
{
    return redeem(request).then([](const Result<UserTokenAnswer> &answer) -> Result<AccessToken> {
        if (!answer.ok())
            return answer.error();
        return answer->accessToken;
    });
}

} // namespace vl

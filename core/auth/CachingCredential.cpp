// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/CachingCredential.h"

#include "util/Future.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>

#include <functional>

namespace vl {

struct CachingCredential::State
{
    std::shared_ptr<TokenCache> cache;
    QMutex mutex; ///< guards the cache and the requests in flight
    QHash<QString, QFuture<Result<AccessToken>>> inFlight;
};

CachingCredential::CachingCredential(std::shared_ptr<TokenCredential> inner,
                                     std::shared_ptr<TokenCache> cache, QString account,
                                     QString tenantId)
    : m_inner(std::move(inner))
    , m_state(std::make_shared<State>())
    , m_account(std::move(account))
    , m_tenantId(std::move(tenantId))
{
    m_state->cache = cache ? std::move(cache) : std::make_shared<TokenCache>();
}

CachingCredential::~CachingCredential() = default;

QString CachingCredential::name() const
{
    return m_inner ? m_inner->name() : QString();
}

QFuture<Result<AccessToken>> CachingCredential::getToken(const TokenRequestContext &request)
{
    const QString tenant = request.tenantId.isEmpty() ? m_tenantId : request.tenantId;
    const QString key = TokenCache::keyOf(m_account, tenant, request.scopes);
    const bool mayUseHeld = !request.forceRefresh && request.claims.isEmpty();
    {
        QMutexLocker lock(&m_state->mutex);
        if (mayUseHeld) {
            if (auto held = m_state->cache->find(m_account, tenant, request.scopes)) {
                held->source = TokenSource::MemoryCache;
                return readyFuture(Result<AccessToken>(*held));
            }
            const auto running = m_state->inFlight.constFind(key);
            if (running != m_state->inFlight.constEnd() && !running->isFinished())
                return *running;
        }
    }

    std::weak_ptr<State> weak = m_state;
    const QString account = m_account;
    const QStringList scopes = request.scopes;
    const bool shared = mayUseHeld;
    // Set under the lock once the answer is in, so that a request already answered is
    // never recorded as in flight. The promise is fulfilled outside the lock: whatever
    // runs on fulfilment may ask this credential again.
    auto answered = std::make_shared<bool>(false);
    SharedPromise<Result<AccessToken>> promise;
    TokenRequestContext forwarded = request;
    forwarded.tenantId = tenant;
    auto settle = [weak, key, shared, answered](const std::function<void(State &)> &update) {
        if (auto state = weak.lock()) {
            QMutexLocker lock(&state->mutex);
            update(*state);
            if (shared)
                state->inFlight.remove(key);
            *answered = true;
        }
    };
    auto tail =
        m_inner->getToken(forwarded)
            .then([settle, promise, account, tenant, scopes](const Result<AccessToken> &result) {
                settle([&](State &state) {
                    if (result.ok())
                        state.cache->insert(account, tenant, scopes, *result);
                });
                promise.finish(result);
            })
            .onCanceled([settle, promise]() {
                settle([](State &) {});
                promise.finish(AzureError::make(
                    AzureError::Kind::Cancelled,
                    QCoreApplication::translate("vl::CachingCredential",
                                                "The token request was cancelled.")));
            });
    Q_UNUSED(tail)
    if (shared) {
        QMutexLocker lock(&m_state->mutex);
        if (!*answered)
            m_state->inFlight.insert(key, promise.future());
    }
    return promise.future();
}

} // namespace vl

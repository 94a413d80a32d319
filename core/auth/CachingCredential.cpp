// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/CachingCredential.h"

#include "util/Future.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>

#include <functional>

namespace vl {

namespace {
using TokenPromise = SharedPromise<Result<AccessToken>>;
/// Everyone waiting for one token request in flight. Each waiter has its own
/// future: a QFuture takes only one continuation, so one future shared by two
/// callers would answer only the one that attached last.
using Waiters = QList<TokenPromise>;
} // namespace

struct CachingCredential::State
{
    std::shared_ptr<TokenCache> cache;
    QMutex mutex; ///< guards the cache and the requests in flight
    QHash<QString, std::shared_ptr<Waiters>> inFlight;
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
            if (running != m_state->inFlight.constEnd()) {
                TokenPromise waiter;
                (*running)->append(waiter);
                return waiter.future();
            }
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
    auto waiters = std::make_shared<Waiters>();
    TokenPromise promise;
    waiters->append(promise);
    TokenRequestContext forwarded = request;
    forwarded.tenantId = tenant;
    // Updates the state under the lock; answers every waiter outside it.
    auto settle = [weak, key, shared, answered, waiters](const std::function<void(State &)> &update,
                                                         const Result<AccessToken> &result) {
        Waiters answer;
        if (auto state = weak.lock()) {
            QMutexLocker lock(&state->mutex);
            update(*state);
            if (shared)
                state->inFlight.remove(key);
            *answered = true;
            answer = *waiters;
        } else {
            answer = *waiters;
        }
        for (const TokenPromise &waiter : std::as_const(answer))
            waiter.finish(result);
    };
    auto tail =
        m_inner->getToken(forwarded)
            .then([settle, account, tenant, scopes](const Result<AccessToken> &result) {
                settle(
                    [&](State &state) {
                        if (result.ok())
                            state.cache->insert(account, tenant, scopes, *result);
                    },
                    result);
            })
            .onCanceled([settle]() {
                settle([](State &) {}, AzureError::make(AzureError::Kind::Cancelled,
                                                        QCoreApplication::translate(
                                                            "vl::CachingCredential",
                                                            "The token request was cancelled.")));
            });
    Q_UNUSED(tail)
    if (shared) {
        QMutexLocker lock(&m_state->mutex);
        if (!*answered)
            m_state->inFlight.insert(key, waiters);
    }
    return promise.future();
}

} // namespace vl

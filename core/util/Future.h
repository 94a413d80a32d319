// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QPromise>

#include <memory>
#include <utility>

namespace vl {

/**
 * @brief Delivers @p future's result to @p function on @p context's thread,
 * once, and never after @p context is destroyed.
 *
 * This is the one way the app and the models receive results: a watcher
 * owned by the context, so a closed window never receives a callback (a bare
 * `QFuture::then(context, ...)` in Qt 6.4 still runs after the context died).
 */
template<typename T, typename Function>
void onFinished(const QFuture<T> &future, QObject *context, Function &&function)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, function = std::forward<Function>(function)]() mutable {
                         watcher->deleteLater();
                         if (watcher->future().isCanceled() || watcher->future().resultCount() == 0)
                             return;
                         function(watcher->future().result());
                     });
    watcher->setFuture(future);
}

/// A future that has already finished with @p value.
template<typename T>
QFuture<T> readyFuture(T value)
{
    QPromise<T> promise;
    promise.start();
    promise.addResult(std::move(value));
    promise.finish();
    return promise.future();
}

/**
 * @brief A QPromise shared between the callbacks that will fulfil it (QPromise
 * itself is move-only, and Qt's signal lambdas must be copyable).
 */
template<typename T>
class SharedPromise
{
public:
    SharedPromise()
        : m_promise(std::make_shared<QPromise<T>>())
    {
        m_promise->start();
    }
    [[nodiscard]] QFuture<T> future() const { return m_promise->future(); }
    /// Fulfils the promise with @p value; later calls are ignored.
    void finish(T value) const
    {
        if (m_promise->future().isFinished())
            return;
        m_promise->addResult(std::move(value));
        m_promise->finish();
    }
    [[nodiscard]] bool isFinished() const { return m_promise->future().isFinished(); }
    [[nodiscard]] bool isCanceled() const { return m_promise->isCanceled(); }

private:
    std::shared_ptr<QPromise<T>> m_promise;
};

} // namespace vl

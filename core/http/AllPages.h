// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/ClientCall.h"
#include "util/Future.h"
#include "util/Result.h"

#include <QFuture>
#include <QList>
#include <QUrl>

#include <functional>
#include <memory>

namespace vl {

/**
 * Every item of a paged list: calls @p fetch with an empty link, then with each
 * page's nextLink, until a page has none (or repeats the link it was asked for).
 * Fails with the first failed page's error. @p fetch is a client call such as
 * `[client](const QUrl &next) { return client.listRoleAssignments(scope, filter, next); }`.
 */
template<typename T>
[[nodiscard]] QFuture<Result<QList<T>>>
allPages(std::function<QFuture<Result<Page<T>>>(const QUrl &)> fetch)
{
    using Step = std::function<void(const QUrl &)>;
    SharedPromise<Result<QList<T>>> promise;
    auto items = std::make_shared<QList<T>>();
    auto step = std::make_shared<Step>();
    // Each page's continuation holds the step that asks for the next one.
    *step = [fetch = std::move(fetch), promise, items,
             self = std::weak_ptr<Step>(step)](const QUrl &link) {
        auto keep = self.lock();
        fetch(link).then([promise, items, keep, link](const Result<Page<T>> &page) {
            if (!page) {
                promise.finish(page.error());
                return;
            }
            items->append(page->items);
            if (page->hasMore() && page->nextLink != link && keep)
                (*keep)(page->nextLink);
            else
                promise.finish(*items);
        });
    };
    (*step)(QUrl());
    return promise.future();
}

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/ServerTypes.h"
#include "vault/VaultService.h"

#include <QJsonArray>
#include <QList>

#include <functional>
#include <optional>

namespace vl::sandbox {

/**
 * One page of a Key Vault list: `{"value":[...],"nextLink":"<absolute URL>"|null}`.
 * `maxresults` is 1 to 25 (25 when absent, as the service does); the skip token is
 * opaque base64url JSON. With the emptyPage fault the page is empty but its
 * nextLink points at the same position.
 */
[[nodiscard]] HttpResponse listPage(const VaultCall &call, const QList<QJsonObject> &items);

/**
 * The same page of @p count items, where @p itemAt makes the JSON of the item at an
 * index: only the page's own items are made, so a page of a large vault costs what
 * the page holds, not what the vault holds.
 */
[[nodiscard]] HttpResponse listPage(const VaultCall &call, qsizetype count,
                                    const std::function<QJsonObject(qsizetype index)> &itemAt);

/// listPage() over @p entries, each made into JSON by @p toJson when on the page.
template<typename Entry, typename ToJson>
[[nodiscard]] HttpResponse listPageOf(const VaultCall &call, const QList<Entry> &entries,
                                      ToJson toJson)
{
    return listPage(call, entries.size(),
                    [&](qsizetype index) { return toJson(entries.at(index)); });
}

} // namespace vl::sandbox

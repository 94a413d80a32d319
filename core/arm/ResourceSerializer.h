// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "arm/ResourceTypes.h"
#include "http/ClientCall.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>

namespace vl::arm {

/// JSON mapping for tenants, subscriptions, resource groups, private endpoint
/// connections, and the `{value, nextLink}` list shape Resource Manager pages with.
namespace ResourceSerializer {

[[nodiscard]] Tenant tenantFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const Tenant &tenant);

[[nodiscard]] Subscription subscriptionFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const Subscription &subscription);

[[nodiscard]] ResourceGroup resourceGroupFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const ResourceGroup &group);

[[nodiscard]] PrivateEndpointConnection privateEndpointConnectionFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const PrivateEndpointConnection &connection);

/// A `nextLink` as a URL: empty for null, a missing member, an empty string, or a
/// string that is no valid URL (ArmClient reports that case as a malformed answer).
[[nodiscard]] QUrl nextLinkFromJson(const QJsonObject &o);
/// The URL as it is written back into `nextLink`.
[[nodiscard]] QString nextLinkToString(const QUrl &url);

/**
 * Reads a list answer `{"value":[...], "nextLink": "..."}` with @p parse
 * (QJsonObject -> T) for each element. A `value` of null reads as empty (old
 * services answered so for an empty list); elements that are not objects are
 * skipped.
 */
template<typename T, typename Parse>
[[nodiscard]] Page<T> pageFromJson(const QJsonObject &o, Parse parse)
{
    Page<T> page;
    const QJsonArray value = o.value(QLatin1StringView("value")).toArray();
    page.items.reserve(value.size());
    for (const QJsonValue &item : value)
        if (item.isObject())
            page.items.append(parse(item.toObject()));
    page.nextLink = nextLinkFromJson(o);
    return page;
}

/// Writes @p page in the list shape, each element with @p write (T -> QJsonObject).
template<typename T, typename Write>
[[nodiscard]] QJsonObject pageToJson(const Page<T> &page, Write write)
{
    QJsonArray value;
    for (const T &item : page.items)
        value.append(write(item));
    QJsonObject o{{QStringLiteral("value"), value}};
    if (!page.nextLink.isEmpty())
        o.insert(QLatin1StringView("nextLink"), nextLinkToString(page.nextLink));
    return o;
}

} // namespace ResourceSerializer
} // namespace vl::arm

// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/PrincipalSerializer.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace vl::graph::PrincipalSerializer {

namespace {

constexpr QLatin1StringView OdataType("@odata.type");
constexpr QLatin1StringView OdataContext("@odata.context");
constexpr QLatin1StringView OdataCount("@odata.count");
constexpr QLatin1StringView OdataNextLink("@odata.nextLink");
constexpr QLatin1StringView Value("value");
constexpr QLatin1StringView Ids("ids");
constexpr QLatin1StringView Types("types");

/// Moves @p key from @p rest into @p field when it holds a non-empty string.
void take(QJsonObject &rest, QLatin1StringView key, QString &field)
{
    const QJsonValue v = rest.value(key);
    if (!v.isString() || v.toString().isEmpty())
        return;
    field = v.toString();
    rest.remove(key);
}

void put(QJsonObject &o, QLatin1StringView key, const QString &field)
{
    if (!field.isEmpty())
        o.insert(key, field);
}

/// The members of @p extra that @p o does not have yet.
void mergeExtra(QJsonObject &o, const QJsonObject &extra)
{
    for (auto it = extra.begin(); it != extra.end(); ++it)
        if (!o.contains(it.key()))
            o.insert(it.key(), it.value());
}

/// The array's strings, or nothing when it is not an array of strings only.
std::optional<QStringList> strings(const QJsonValue &v)
{
    if (!v.isArray())
        return std::nullopt;
    QStringList out;
    const QJsonArray array = v.toArray();
    out.reserve(array.size());
    for (const QJsonValue &item : array) {
        if (!item.isString())
            return std::nullopt;
        out.append(item.toString());
    }
    return out;
}

/// An integral JSON number that a double holds exactly.
std::optional<qint64> integer(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    constexpr double Exact = 9007199254740992.0; // 2^53
    if (!std::isfinite(d) || std::trunc(d) != d || std::abs(d) > Exact)
        return std::nullopt;
    return qint64(d);
}

PrincipalKind kindOf(const Principal &p, PrincipalKind implied)
{
    if (!p.odataType.isEmpty())
        return kindFromOdataType(p.odataType, p.servicePrincipalType);
    PrincipalKind kind = implied;
    if (kind == PrincipalKind::Unknown)
        kind = kindFromContext(p.extra.value(OdataContext).toString());
    if (kind != PrincipalKind::ServicePrincipal && kind != PrincipalKind::ManagedIdentity)
        return kind;
    return p.servicePrincipalType.compare("ManagedIdentity"_L1, Qt::CaseInsensitive) == 0
               ? PrincipalKind::ManagedIdentity
               : PrincipalKind::ServicePrincipal;
}

} // namespace

Principal principalFromJson(const QJsonObject &o, PrincipalKind implied)
{
    Principal p;
    QJsonObject rest = o;
    take(rest, "id"_L1, p.id);
    take(rest, OdataType, p.odataType);
    take(rest, "displayName"_L1, p.displayName);
    take(rest, "userPrincipalName"_L1, p.userPrincipalName);
    take(rest, "mail"_L1, p.mail);
    take(rest, "appId"_L1, p.appId);
    take(rest, "servicePrincipalType"_L1, p.servicePrincipalType);
    take(rest, "userType"_L1, p.userType);
    p.extra = rest;
    p.kind = kindOf(p, implied);
    return p;
}

QJsonObject toJson(const Principal &principal)
{
    QJsonObject o;
    put(o, OdataType, principal.odataType);
    put(o, "id"_L1, principal.id);
    put(o, "displayName"_L1, principal.displayName);
    put(o, "userPrincipalName"_L1, principal.userPrincipalName);
    put(o, "mail"_L1, principal.mail);
    put(o, "appId"_L1, principal.appId);
    put(o, "servicePrincipalType"_L1, principal.servicePrincipalType);
    put(o, "userType"_L1, principal.userType);
    mergeExtra(o, principal.extra);
    return o;
}

PrincipalCollection collectionFromJson(const QJsonObject &o, PrincipalKind implied)
{
    PrincipalCollection c;
    QJsonObject rest = o;
    take(rest, OdataContext, c.context);
    take(rest, OdataNextLink, c.nextLink);
    if (const auto count = integer(rest.value(OdataCount))) {
        c.count = *count;
        rest.remove(OdataCount);
    }
    const QJsonValue value = rest.value(Value);
    const QJsonArray items = value.toArray();
    const bool objectsOnly = value.isArray()
                             && std::all_of(items.begin(), items.end(),
                                            [](const QJsonValue &v) { return v.isObject(); });
    if (objectsOnly) {
        const PrincipalKind itemKind =
            implied != PrincipalKind::Unknown ? implied : kindFromContext(c.context);
        c.value.reserve(items.size());
        for (const QJsonValue &item : items)
            c.value.append(principalFromJson(item.toObject(), itemKind));
        rest.remove(Value);
    }
    c.extra = rest;
    return c;
}

QJsonObject toJson(const PrincipalCollection &collection)
{
    QJsonObject o;
    put(o, OdataContext, collection.context);
    put(o, OdataNextLink, collection.nextLink);
    if (collection.count)
        o.insert(OdataCount, QJsonValue(*collection.count));
    if (!collection.value.isEmpty() || !collection.extra.contains(Value)) {
        QJsonArray items;
        for (const Principal &p : collection.value)
            items.append(toJson(p));
        o.insert(Value, items);
    }
    mergeExtra(o, collection.extra);
    return o;
}

GetByIdsRequest getByIdsRequestFromJson(const QJsonObject &o)
{
    GetByIdsRequest r;
    QJsonObject rest = o;
    if (const auto ids = strings(rest.value(Ids))) {
        r.ids = *ids;
        rest.remove(Ids);
    }
    if (const auto types = strings(rest.value(Types))) {
        r.types = *types;
        rest.remove(Types);
    }
    r.extra = rest;
    return r;
}

QJsonObject toJson(const GetByIdsRequest &request)
{
    QJsonObject o;
    if (!request.ids.isEmpty() || !request.extra.contains(Ids))
        o.insert(Ids, QJsonArray::fromStringList(request.ids));
    if (request.types)
        o.insert(Types, QJsonArray::fromStringList(*request.types));
    mergeExtra(o, request.extra);
    return o;
}

} // namespace vl::graph::PrincipalSerializer

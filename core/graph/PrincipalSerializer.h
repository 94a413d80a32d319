// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/Principal.h"

#include <QJsonObject>

namespace vl::graph {

/**
 * @brief JSON mapping for Graph directory objects (user, group, servicePrincipal,
 * application, any directoryObject by its `@odata.type`), their collections and
 * the getByIds request.
 *
 * A modelled string property is taken only when it is a non-empty string, a
 * modelled number only when it is an integer; anything else (null, another type)
 * stays in `extra`, so toJson(fromJson(x)) == x for every object x (a collection
 * without `value`, or a request without `ids`, gains an empty one).
 *
 * The kind comes from the item's `@odata.type` when it has one; else from
 * @p implied (what the caller asked for: `/users` items carry no type), refined to
 * ManagedIdentity by servicePrincipalType; else from the `@odata.context`.
 */
namespace PrincipalSerializer {

[[nodiscard]] Principal principalFromJson(const QJsonObject &o,
                                          PrincipalKind implied = PrincipalKind::Unknown);
[[nodiscard]] QJsonObject toJson(const Principal &principal);

/// A collection answer; items without a type take @p implied, else the context's kind.
[[nodiscard]] PrincipalCollection
collectionFromJson(const QJsonObject &o, PrincipalKind implied = PrincipalKind::Unknown);
[[nodiscard]] QJsonObject toJson(const PrincipalCollection &collection);

[[nodiscard]] GetByIdsRequest getByIdsRequestFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const GetByIdsRequest &request);

} // namespace PrincipalSerializer
} // namespace vl::graph

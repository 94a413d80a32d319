// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/ObjectKind.h"
#include "arm/Vault.h"

#include <QSet>
#include <QString>
#include <QStringList>

/**
 * @file
 * Reading and writing the permission lists of an access-policy entry: one
 * category at a time, compared as case-insensitive sets, shown as readable
 * summaries ("All", "Get, List", "—") and as diff lines ("secrets: get, list").
 */
namespace vl::accesspolicy {

/// The list of @p kind in @p permissions (empty when absent).
[[nodiscard]] QStringList list(const arm::Permissions &permissions, access::ObjectKind kind);
/// Sets the list of @p kind in @p permissions.
void setList(arm::Permissions &permissions, access::ObjectKind kind, const QStringList &names);
/// @p names lower-cased, as a set.
[[nodiscard]] QSet<QString> nameSet(const QStringList &names);
/// True when both hold the same permissions in every category (case-insensitive sets).
[[nodiscard]] bool samePermissions(const arm::Permissions &a, const arm::Permissions &b);
/// The names of @p a that @p b does not hold (case-insensitive, by name: `all` is one
/// name like any other), each once, in @p a's order.
[[nodiscard]] QStringList without(const QStringList &a, const QStringList &b);
/// The names of @p a that @p b holds too (case-insensitive), each once, in @p a's order.
[[nodiscard]] QStringList common(const QStringList &a, const QStringList &b);
/**
 * Per category, the permissions @p a holds that @p b does not: what going from @p b to
 * @p a gains (or, swapped, loses). Categories with none are left unset.
 */
[[nodiscard]] arm::Permissions difference(const arm::Permissions &a, const arm::Permissions &b);
/// True when @p permissions holds nothing in any category.
[[nodiscard]] bool isEmpty(const arm::Permissions &permissions);
/// True when @p a and @p b name the same principal (object id and application id).
[[nodiscard]] bool sameIdentity(const arm::AccessPolicyEntry &a, const QString &objectId,
                                const std::optional<QString> &applicationId);
/// @p names in the catalogue's order and wire spelling; unknown names last, as given.
[[nodiscard]] QStringList canonical(access::ObjectKind kind, const QStringList &names);
/// A readable summary of one category: "All", "Get, List", "All except Purge", "—".
[[nodiscard]] QString summary(access::ObjectKind kind, const QStringList &names);
/// "secrets: get, list" (empty when @p names is empty).
[[nodiscard]] QString line(access::ObjectKind kind, const QStringList &names);
/// One line per non-empty category.
[[nodiscard]] QStringList lines(const arm::Permissions &permissions);
/// The permissions of @p before that @p after does not grant, in catalogue order.
[[nodiscard]] QStringList lost(access::ObjectKind kind, const QStringList &before,
                               const QStringList &after);
/// Every non-privileged permission of @p kind (what the portal's management templates hold).
[[nodiscard]] QStringList managementSet(access::ObjectKind kind);
/**
 * True when @p permissions fully manage keys, secrets and certificates: each holds
 * `all` or every non-privileged permission of its kind (the "Key, Secret, &
 * Certificate Management" template).
 */
[[nodiscard]] bool fullManagement(const arm::Permissions &permissions);
/// How many permissions the entry holds in @p kind (`all` counts as the whole kind but purge).
[[nodiscard]] int weight(access::ObjectKind kind, const QStringList &names);
/// "Keys", "Secrets", "Certificates", "Storage" (translated).
[[nodiscard]] QString categoryName(access::ObjectKind kind);
/// The catalogue's description of a permission, translated.
[[nodiscard]] QString description(access::ObjectKind kind, const QString &name);

} // namespace vl::accesspolicy

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "arm/Vault.h"
#include "state/VaultData.h"
#include "vault/VaultService.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace vl::sandbox {

/**
 * What the secret, key and certificate operations share: the attribute and tag shapes, soft-delete
 * dates, body parsing and the error answers whose text the service uses for every object kind
 * (PROTOCOL.md §4.4, §4.5, §4.8).
 */
namespace VaultObjects {

constexpr qint64 Day = 86400;

/// `Recoverable+Purgeable`, `CustomizedRecoverable`, ... from retention and purge protection.
[[nodiscard]] QString recoveryLevel(const arm::VaultProperties &p);
/// `attributes`: enabled, nbf, exp, created, updated and, with @p recovery,
/// recoveryLevel and recoverableDays.
[[nodiscard]] QJsonObject attributesJson(const ObjectAttributes &a, const arm::VaultProperties &p,
                                         bool recovery = true);
[[nodiscard]] QJsonObject tagsJson(const QMap<QString, QString> &tags);
/// When a deletion now is purged (the vault's retention, 90 days by default).
[[nodiscard]] Deletion deletionNow(const arm::VaultProperties &p, qint64 now);
/// Adds recoveryId, deletedDate and scheduledPurgeDate to a deleted object's answer.
void addDeletion(QJsonObject &o, const QString &recoveryId, const Deletion &d);

[[nodiscard]] HttpResponse badParameter(const QString &message);
/// The request body as a JSON object; @p error is the 400 answer otherwise.
[[nodiscard]] std::optional<QJsonObject> jsonBody(const HttpRequest &r, HttpResponse &error);
/// Reads `tags` of @p body into @p tags when present (at most 15, Validation rules).
[[nodiscard]] std::optional<HttpResponse> readTags(const QJsonObject &body,
                                                   std::optional<QMap<QString, QString>> &tags);
/// Reads enabled, nbf and exp of an `attributes` object into @p a.
[[nodiscard]] std::optional<HttpResponse>
readAttributes(const QJsonObject &attributes, ObjectAttributes &a, bool withDates = true);
/// 400 for an invalid object name (Validation::objectName).
[[nodiscard]] std::optional<HttpResponse> checkName(const QString &name);

/// 409 ObjectIsDeletedButRecoverable: "@p kind {name} is currently in a deleted but
/// recoverable state, and its name cannot be reused; ..." (PROTOCOL.md §4.8).
[[nodiscard]] HttpResponse deletedButRecoverable(const QString &kind, const QString &name);
/// 403 when purge protection refuses a purge (the text SecretOperations uses).
[[nodiscard]] HttpResponse purgeProtected();
/// 403 for a write to a key or secret that backs a certificate: the service answers
/// `Operation "set" is not allowed as this object's lifetime is managed by Key Vault.`
/// (inner SecretManagedByKeyVault, seen in an azurerm issue; the key code is by analogy).
[[nodiscard]] HttpResponse managedByKeyVault(const QString &operation, const QString &innerCode);

/// A backup blob: @p magic then the compact JSON of @p data, base64url.
[[nodiscard]] HttpResponse backupAnswer(QByteArrayView magic, const VaultData &data);
/// The data of a backup blob of kind @p magic, from a restore body's `value`.
[[nodiscard]] std::optional<VaultData> restoredData(const QJsonObject &body, QByteArrayView magic);

} // namespace VaultObjects

} // namespace vl::sandbox

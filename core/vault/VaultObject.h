// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QString>

#include <optional>

/**
 * @file
 * What secrets, keys and certificates of the Key Vault data plane share
 * (api-version 2025-07-01; the shapes are those of 7.5 and 7.6): attributes,
 * tags, the soft-delete facts of a deleted object, and backup blobs.
 * Times are Unix seconds as on the wire. Members the service sends that are
 * not modelled are kept in `extra`, so a read-modify-write drops nothing.
 */
namespace vl::vault {

/// Tags of a secret, key or certificate (at most 15, string to string).
using Tags = QMap<QString, QString>;

/// The QDateTime (UTC) of Unix seconds @p seconds; invalid when absent.
[[nodiscard]] QDateTime dateTimeFromSeconds(std::optional<qint64> seconds);
/// Unix seconds of @p dateTime; nullopt for an invalid one.
[[nodiscard]] std::optional<qint64> secondsFromDateTime(const QDateTime &dateTime);

/**
 * @brief `attributes` of a secret, key or certificate.
 *
 * `created`, `updated`, `recoveryLevel`, `recoverableDays` and `hsmPlatform`
 * are read-only: the request serializers never send them.
 */
struct ObjectAttributes
{
    std::optional<bool> enabled;
    std::optional<qint64> notBefore; ///< `nbf`
    std::optional<qint64> expires;   ///< `exp`
    std::optional<qint64> created;
    std::optional<qint64> updated;
    /// `Purgeable`, `Recoverable+Purgeable`, `CustomizedRecoverable`, ... (wire spelling)
    std::optional<QString> recoveryLevel;
    std::optional<int> recoverableDays;
    std::optional<bool> exportable;     ///< keys only
    std::optional<QString> hsmPlatform; ///< keys only
    QJsonObject extra;                  ///< members not modelled above

    /// True unless `enabled` is false (the service's default is enabled).
    [[nodiscard]] bool isEnabled() const { return enabled.value_or(true); }
    /// True when `nbf` or `exp` excludes @p now (UTC).
    [[nodiscard]] bool isOutsideValidity(const QDateTime &now) const;
    /// True when the recovery level allows a purge (it ends in "Purgeable").
    [[nodiscard]] bool isPurgeable() const;

    friend bool operator==(const ObjectAttributes &, const ObjectAttributes &) = default;
};

/// What a deleted object adds: where to recover it from, and the dates.
struct DeletionInfo
{
    std::optional<QString> recoveryId; ///< https://{vault}/deleted{kind}s/{name}
    std::optional<qint64> deletedDate;
    std::optional<qint64> scheduledPurgeDate;

    friend bool operator==(const DeletionInfo &, const DeletionInfo &) = default;
};

/**
 * @brief A backup of a secret, key or certificate with all its versions: an
 * opaque base64url text that only a vault of the same geography and
 * subscription can restore. It holds secret material (encrypted by the
 * service), so treat it as secret.
 */
struct BackupBlob
{
    QByteArray value; ///< the base64url text exactly as the service sent it

    /// The decoded bytes (for saving to a file as other tools do).
    [[nodiscard]] QByteArray bytes() const;
    /// The blob for @p bytes read from a file.
    [[nodiscard]] static BackupBlob fromBytes(const QByteArray &bytes);

    friend bool operator==(const BackupBlob &, const BackupBlob &) = default;
};

} // namespace vl::vault

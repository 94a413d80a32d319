// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace vl::sandbox {

/// The `attributes` of a secret, key or certificate version.
struct ObjectAttributes
{
    bool enabled = true;
    std::optional<qint64> notBefore; ///< nbf, Unix seconds
    std::optional<qint64> expires;   ///< exp, Unix seconds
    qint64 created = 0;
    qint64 updated = 0;
};

/// When and until when a soft-deleted object is kept.
struct Deletion
{
    qint64 deletedDate = 0;
    qint64 scheduledPurgeDate = 0;
};

struct SecretVersion
{
    QString version; ///< 32 lower-case hex characters
    QString value;
    std::optional<QString> contentType;
    ObjectAttributes attributes;
    std::optional<QMap<QString, QString>> tags;
    bool managed = false; ///< backs a certificate
    QString kid;          ///< the certificate's key id, when managed
};

struct SecretEntry
{
    QString name;                  ///< as first created (names are case-insensitive)
    QList<SecretVersion> versions; ///< oldest first; the last is the current version
    std::optional<Deletion> deleted;

    [[nodiscard]] const SecretVersion *version(const QString &version) const;
    [[nodiscard]] SecretVersion *version(const QString &version);
};

/// Everything stored in one vault's data plane.
struct VaultData
{
    QMap<QString, SecretEntry> secrets; ///< keyed by lower-case name

    [[nodiscard]] SecretEntry *secret(const QString &name);
    [[nodiscard]] const SecretEntry *secret(const QString &name) const;
};

/// A new random version id: 32 lower-case hex characters.
[[nodiscard]] QString newVersionId();

[[nodiscard]] QJsonObject toJson(const VaultData &data);
[[nodiscard]] VaultData vaultDataFromJson(const QJsonObject &o);

} // namespace vl::sandbox

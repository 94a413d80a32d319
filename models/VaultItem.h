// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "vault/VaultObject.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace vl {

/// What a vault tab lists.
enum class VaultItemKind {
    Secret,
    Key,
    Certificate,
};

/**
 * @brief One row of a vault's list of secrets, keys or certificates: what the
 * list call answers (never a secret value), kept small because a vault may
 * hold tens of thousands of them.
 */
struct VaultItem
{
    VaultItemKind kind = VaultItemKind::Secret;
    QString name;
    QString id;          ///< the version-less identifier, `https://{vault}/{kind}s/{name}`
    QString contentType; ///< secrets only
    vault::ObjectAttributes attributes;
    vault::Tags tags;
    bool managed = false; ///< a secret or key that backs a certificate
    QString thumbprint;   ///< certificates: `x5t`, base64url
    bool deleted = false; ///< listed from the soft-deleted items
    vault::DeletionInfo deletion;

    [[nodiscard]] bool isEnabled() const { return attributes.isEnabled(); }
    [[nodiscard]] QDateTime expires() const
    {
        return vault::dateTimeFromSeconds(attributes.expires);
    }
    [[nodiscard]] QDateTime updated() const
    {
        return vault::dateTimeFromSeconds(attributes.updated);
    }
};

} // namespace vl

Q_DECLARE_METATYPE(vl::VaultItem)

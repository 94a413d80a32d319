// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "arm/RoleTypes.h"
#include "arm/Vault.h"
#include "state/Directory.h"
#include "state/VaultData.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace vl::sandbox {

struct Subscription
{
    QString id;
    QString displayName;
    QString tenantId;
    QString state = QStringLiteral("Enabled");
    QStringList
        managementGroups; ///< `/providers/Microsoft.Management/managementGroups/{id}`, root first
};

struct ResourceGroup
{
    QString subscriptionId;
    QString name;
    QString location;
    QMap<QString, QString> tags;

    [[nodiscard]] QString id() const;
};

/// A vault: its ARM resource, its data plane and the port of its origin.
struct VaultRecord
{
    arm::Vault resource;
    quint16 port = 0; ///< 0: pick one on start
    VaultData data;
};

/// A refresh token the sandbox issued.
struct RefreshGrant
{
    QString principalId;
    QString tenantId;
    QString clientId;
    qint64 issuedAt = 0;
};

/**
 * @brief Everything the sandbox knows: the directory, subscriptions, resource
 * groups, vaults with their contents, role assignments and refresh tokens.
 *
 * It persists as one JSON document written atomically (QSaveFile), so a crash
 * never leaves a half-written state behind.
 */
class SandboxState
{
public:
    Directory directory;
    QList<Subscription> subscriptions;
    QList<ResourceGroup> resourceGroups;
    QList<VaultRecord> vaults;
    QList<arm::RoleAssignment> roleAssignments;
    QHash<QString, RefreshGrant> refreshTokens;
    QString clientAddress; ///< what the firewall sees; empty: the real peer address
    QString publicClientId;

    [[nodiscard]] const Subscription *subscription(const QString &id) const;
    [[nodiscard]] const ResourceGroup *resourceGroup(const QString &subscriptionId,
                                                     const QString &name) const;
    [[nodiscard]] VaultRecord *vaultByName(const QString &name);
    [[nodiscard]] VaultRecord *vaultByPort(quint16 port);
    [[nodiscard]] VaultRecord *vaultById(const QString &resourceId);

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static std::optional<SandboxState> fromJson(const QJsonObject &o,
                                                              QString *error = nullptr);
    /// Writes `state.json` in @p dir atomically.
    bool save(const QString &dir, QString *error = nullptr) const;
    /// Reads `state.json` from @p dir; nothing (without error) when there is none.
    [[nodiscard]] static std::optional<SandboxState> load(const QString &dir,
                                                          QString *error = nullptr);
};

} // namespace vl::sandbox

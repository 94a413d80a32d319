// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "VaultLocation.h"
#include "arm/RoleTypes.h"
#include "arm/Vault.h"
#include "http/AzureError.h"

#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace vl {

class Session;
class PrincipalDirectory;

namespace access {
class RoleCatalogue;
}

/// True when any of @p permissions allows @p action (actions minus notActions, wildcards).
[[nodiscard]] bool permissionsAllow(const QList<arm::RolePermission> &permissions,
                                    const QString &action);

/// What switching a vault's permission model changes for the data plane.
struct PermissionModelConsequences
{
    bool toRbac = false; ///< the switch goes to Azure RBAC (else back to access policies)
    /// Entries that stop granting access (switching to RBAC): all of them.
    QList<arm::AccessPolicyEntry> policiesThatStop;
    /// Assignments that grant data actions on the vault and stop doing so
    /// (switching to access policies).
    QList<arm::RoleAssignment> assignmentsThatStop;
    /// Principals that have data-plane access after the switch: the assignments with
    /// data actions at, above or below the vault (to RBAC), or the policy entries
    /// (to access policies). Each with what grants it ("Key Vault Secrets User",
    /// "secrets: get, list").
    QList<QPair<QString, QString>> keepers;
    /// True when the signed-in principal is among the keepers (directly, not through a group).
    bool selfKeepsAccess = false;
};

/**
 * The consequences of switching @p vault to the other permission model, given
 * the role assignments that apply to it (at, above and below it) and the
 * signed-in principal's object id. Role names come from @p roles.
 */
[[nodiscard]] PermissionModelConsequences
switchConsequences(const arm::Vault &vault, const QList<arm::RoleAssignment> &assignments,
                   const access::RoleCatalogue &roles, const QString &selfObjectId);

/**
 * @brief Reads what a permission model switch needs (the vault, the role
 * assignments that apply to it, and the caller's own permissions), tells its
 * consequences, and switches with one PATCH of `enableRbacAuthorization`, read
 * back afterwards.
 *
 * Switching needs `Microsoft.Authorization/roleAssignments/write` on the vault
 * (Owner, User Access Administrator or Role Based Access Control Administrator),
 * as Key Vault requires; canSwitch() says whether the caller has it.
 */
class PermissionModelSwitch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PermissionModelSwitch)

public:
    static inline const QString SwitchAction =
        QStringLiteral("Microsoft.Authorization/roleAssignments/write");

    PermissionModelSwitch(Session &session, VaultLocation location, QObject *parent = nullptr);
    ~PermissionModelSwitch() override;

    /// Reads the vault, the assignments and the caller's permissions; ends with loaded() or
    /// failed().
    void load();
    [[nodiscard]] bool isLoaded() const { return m_vault.has_value(); }
    [[nodiscard]] const std::optional<arm::Vault> &vault() const { return m_vault; }
    [[nodiscard]] bool usesRbac() const;
    [[nodiscard]] bool canSwitch() const { return m_canSwitch; }
    [[nodiscard]] PermissionModelConsequences consequences() const;
    [[nodiscard]] PrincipalDirectory &directory() { return *m_directory; }
    [[nodiscard]] QString selfObjectId() const { return m_selfObjectId; }

    /// Switches to the other model; ends with switched() (read back) or failed().
    void switchModel();

Q_SIGNALS:
    void loaded();
    void failed(const vl::AzureError &error);
    /// The switch was sent and the vault read back: @p usesRbac is what it says now.
    void switched(bool usesRbac);

private:
    void loadStep(int step);

    Session &m_session;
    VaultLocation m_location;
    PrincipalDirectory *m_directory;
    QString m_selfObjectId;
    std::optional<arm::Vault> m_vault;
    QList<arm::RoleAssignment> m_assignments;
    bool m_canSwitch = false;
    int m_generation = 0;
};

} // namespace vl

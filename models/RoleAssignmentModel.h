// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StagedChanges.h"
#include "VaultLocation.h"
#include "access/ObjectKind.h"
#include "access/Validation.h"
#include "arm/ArmClient.h"
#include "arm/RoleTypes.h"
#include "graph/Principal.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>

class QAbstractTableModel;

namespace vl {

class PrincipalDirectory;
class RoleAssignmentTable;
class Session;

/// One row of the role assignments: an assignment read from the service, or a staged one.
struct RoleAssignmentRow
{
    enum class Staged { None, Added, Removed };

    arm::RoleAssignment assignment;
    Staged staged = Staged::None;
};

/**
 * @brief The Azure RBAC role assignments that apply to one vault, with staged
 * assignments and removals (the staging contract of StagedEditor).
 *
 * ```
 *  reload ─► listRoleAssignments(vault, All), every page ─► rows (fine-grained)
 *         ─► PrincipalDirectory::resolve(principals), getSubscription (scope names),
 *            getRoleDefinition (roles the catalogue does not know)
 *  stageAssign / stageRemove ─► rows marked Added / Removed ─► stagedChanges()
 *  apply ─► PUT / DELETE roleAssignments one by one (stop at the first failure)
 *        ─► list again, compare ─► applied(ApplyReport)
 * ```
 *
 * Listed are the assignments at the vault, those inherited from the root,
 * management groups, the subscription and the resource group, and those on
 * single secrets, keys and certificates of the vault. Inherited assignments
 * are read-only here: they are changed where they are made.
 */
class RoleAssignmentModel final : public StagedEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoleAssignmentModel)

public:
    /// Item data roles of table() besides the shared models::RawValueRole.
    enum DataRole {
        AssignmentIdRole = Qt::UserRole + 40, ///< the assignment's full id
        PrincipalIdRole,                      ///< the principal's object id
        RoleDefinitionIdRole,                 ///< the role definition id
        ScopeRole,                            ///< the raw scope
        InheritedRole,                        ///< bool: made above the vault
        StagedRole,                           ///< int: RoleAssignmentRow::Staged
    };

    RoleAssignmentModel(Session &session, VaultLocation location, QObject *parent = nullptr);
    ~RoleAssignmentModel() override;

    /// @name StagedEditor
    /// @{
    [[nodiscard]] QString title() const override;
    [[nodiscard]] QList<StagedChange> stagedChanges() const override;
    [[nodiscard]] QList<GuardWarning> guardWarnings() const override;
    void discardStaged() override;
    void reload() override;
    void apply() override;
    /// @}

    /// The rows as a table (Column enum in RoleAssignmentTable), owned by this model.
    [[nodiscard]] QAbstractTableModel *table() const;
    /// The principals behind the rows (also used by the principal picker).
    [[nodiscard]] PrincipalDirectory &directory() const { return *m_directory; }
    [[nodiscard]] const VaultLocation &location() const { return m_location; }
    /// The vault's resource id: the scope of "This vault".
    [[nodiscard]] const QString &vaultScope() const { return m_location.resourceId; }
    /// True once the assignments were read at least once.
    [[nodiscard]] bool isLoaded() const { return m_loaded; }
    /// The rows: the assignments read (in the service's order), then the staged additions.
    [[nodiscard]] const QList<RoleAssignmentRow> &rows() const { return m_rows; }
    /// The row of @p assignmentId (case-insensitive), or -1.
    [[nodiscard]] int rowOf(const QString &assignmentId) const;
    /// The object id of the signed-in account (empty when unknown).
    [[nodiscard]] QString signedInObjectId() const;

    /// @name Staging
    /// @{
    /**
     * Stages a new assignment of @p roleDefinitionId (a full id or the GUID) to
     * @p principal at @p scope (the vault's id or one object's scope below it).
     * Refused, with the reason, for a role the catalogue does not know, a
     * principal that cannot hold roles, another scope, or an assignment that
     * exists or is staged already.
     */
    access::ValidationResult stageAssign(const graph::Principal &principal,
                                         const QString &roleDefinitionId, const QString &scope);
    /**
     * Stages the removal of @p assignmentId; a staged addition is simply dropped.
     * Refused for an inherited assignment (the message says where to change it).
     */
    access::ValidationResult stageRemove(const QString &assignmentId);
    /// Keeps an assignment staged for removal after all.
    void unstageRemove(const QString &assignmentId);
    /// Why @p assignmentId cannot be removed here; empty when it can.
    [[nodiscard]] QString removeRefusal(const QString &assignmentId) const;
    /// @}

    /// @name Presentation of scopes and roles
    /// @{
    /// True when @p scope is above the vault (the assignment is inherited).
    [[nodiscard]] bool isInherited(const QString &scope) const;
    /// "This vault", "Secret db-password", "Subscription Contoso Production", "Root", ...
    [[nodiscard]] QString scopeLabel(const QString &scope) const;
    /// The same in running text: "this vault", "secret db-password", ...
    [[nodiscard]] QString scopePhrase(const QString &scope) const;
    /// The role's name, or a placeholder while an unknown role is being read.
    [[nodiscard]] QString roleName(const QString &roleDefinitionId) const;
    /// A role definition known to the catalogue or read from the service; nullptr when not.
    [[nodiscard]] const arm::RoleDefinition *roleDefinition(const QString &roleDefinitionId) const;
    /// The full role definition id to send for @p idOrGuid (subscription-scoped).
    [[nodiscard]] QString fullRoleDefinitionId(const QString &idOrGuid) const;
    /// The scope of one object of the vault: `<vaultId>/secrets/<name>` etc.
    [[nodiscard]] static QString objectScope(const QString &vaultId, access::ObjectKind kind,
                                             const QString &name);
    /// "Key Vault Secrets User for Dave Jones at secret db-password".
    [[nodiscard]] QString describe(const arm::RoleAssignment &assignment) const;
    /// @}

private:
    friend class RoleAssignmentTable;
    using ListCallback = std::function<void(const Result<QList<arm::RoleAssignment>> &)>;

    void listAll(const QUrl &nextLink, QList<arm::RoleAssignment> collected, ListCallback done);
    void syncRows(const QList<arm::RoleAssignment> &assignments);
    void lookUpNames(const QList<arm::RoleAssignment> &assignments);
    void sendNext(int index, QList<RoleAssignmentRow> queue, std::shared_ptr<ApplyReport> report);
    void readBack(QList<RoleAssignmentRow> sentQueue, std::shared_ptr<ApplyReport> report);
    void notifyColumn(int column);
    void notifyRow(int row);
    [[nodiscard]] int currentCount() const;
    [[nodiscard]] bool grantsRoleAssignmentWrite(const QString &roleDefinitionId) const;
    [[nodiscard]] bool grantsDataActions(const QString &roleDefinitionId) const;
    [[nodiscard]] bool isFullRights(const QString &roleDefinitionId) const;

    Session &m_session;
    VaultLocation m_location;
    PrincipalDirectory *m_directory;
    RoleAssignmentTable *m_table;
    QList<RoleAssignmentRow> m_rows;
    QHash<QString, arm::RoleDefinition> m_customRoles; ///< lower-case GUID -> definition
    QSet<QString> m_rolesRequested;                    ///< lower-case GUIDs
    QHash<QString, QString> m_subscriptionNames;       ///< lower-case id -> display name
    QSet<QString> m_subscriptionsRequested;
    int m_generation = 0;
    bool m_loaded = false;
    bool m_applying = false;
};

} // namespace vl

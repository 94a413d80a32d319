// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StagedChanges.h"
#include "VaultLocation.h"
#include "access/ObjectKind.h"
#include "arm/ArmClient.h"
#include "arm/Vault.h"
#include "graph/GraphClient.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

#include <optional>

namespace vl {

class PrincipalDirectory;
class Session;
class AccessPolicyTable;

/**
 * @brief The access policies of one vault, with staged edits: what was read
 * from Resource Manager (the base) and the working list kept apart.
 *
 * ```
 *  reload() ─► ArmClient::getVault ─► base entries ─► PrincipalDirectory::resolve(object ids)
 *  stageAdd / stageReplace / stageRemove / stageGrant ─► edits (one per principal)
 *  working list = base + edits ─► table() rows, stagedChanges(), guardWarnings()
 *  apply() ─► PUT accessPolicies/add    (new entries; changed entries: the permissions gained)
 *          ─► PUT accessPolicies/remove (changed entries: the permissions lost; removed
 *                                        entries: the permissions they were read with)
 *             ≤ 16 entries a request
 *          ─► getVault ─► check the deltas ─► applied(report)
 * ```
 *
 * Only deltas are sent, never a whole entry or the whole vault: entries others add
 * meanwhile survive, and so do permissions others add meanwhile to an entry edited
 * here. The read-back checks the same deltas: every permission staged as gained is
 * held, every permission staged as lost is not, added entries are there with at least
 * their staged permissions, removed entries are gone.
 *
 * Edits are kept across reload(): they are applied to the new base. While an apply runs,
 * staging is refused and reload() does nothing; a reload still running when apply()
 * starts is superseded by the apply's read-back.
 */
class AccessPolicyModel final : public StagedEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessPolicyModel)

public:
    /// The table's columns.
    enum Column {
        PrincipalColumn,
        TypeColumn,
        KeysColumn,
        SecretsColumn,
        CertificatesColumn,
        StorageColumn,
        StagedColumn,
        ColumnCount
    };
    /// What the working list does to an entry.
    enum class RowState { Unchanged, Added, Changed, Removed };

    /**
     * The vault at @p location, through the Session's clients for its account and
     * tenant; the signed-in account's object id and name feed the lockout guard.
     * Nothing is read until reload().
     */
    AccessPolicyModel(Session &session, VaultLocation location, QObject *parent = nullptr);
    /**
     * The same with the clients given (tests): @p signedInObjectId and
     * @p signedInName name the person at the keyboard.
     */
    AccessPolicyModel(std::optional<arm::ArmClient> arm, std::optional<graph::GraphClient> graph,
                      VaultLocation location, QString signedInObjectId, QString signedInName,
                      QObject *parent = nullptr);
    ~AccessPolicyModel() override;

    /// The rows for views: one per entry, staged additions included, removals marked.
    [[nodiscard]] QAbstractTableModel *table() const;
    /// The principals behind the entries (resolved as they load).
    [[nodiscard]] PrincipalDirectory &directory() const { return *m_directory; }
    [[nodiscard]] const VaultLocation &location() const { return m_location; }
    [[nodiscard]] bool isLoaded() const { return m_loaded; }
    /// True from apply() until applied(): staging is refused meanwhile.
    [[nodiscard]] bool isApplying() const { return m_isApplying; }
    /// The vault's tenant (from the vault read; the location's until then).
    [[nodiscard]] QString vaultTenantId() const;
    [[nodiscard]] QString signedInObjectId() const { return m_selfObjectId; }

    /// The entries as read (the base).
    [[nodiscard]] const QList<arm::AccessPolicyEntry> &baseEntries() const { return m_base; }
    /// The working list: the base with the edits applied (removed entries left out).
    [[nodiscard]] QList<arm::AccessPolicyEntry> workingEntries() const;
    /// Number of rows in table().
    [[nodiscard]] int rowCount() const { return int(m_rows.size()); }
    /// The entry shown in @p row (working permissions; a removed row keeps its base ones).
    [[nodiscard]] arm::AccessPolicyEntry entry(int row) const;
    /// The entry as read, when @p row was read (not a staged addition).
    [[nodiscard]] std::optional<arm::AccessPolicyEntry> baseEntry(int row) const;
    [[nodiscard]] RowState rowState(int row) const;
    /// True when @p row is added, changed or removed by a staged edit.
    [[nodiscard]] bool isStagedRow(int row) const;
    /// The row of the entry for @p objectId (+ @p applicationId), or -1.
    [[nodiscard]] int rowOf(const QString &objectId,
                            const std::optional<QString> &applicationId = std::nullopt) const;
    /// "Dave Duarte", "reporting-app for Dave Duarte", "Unknown principal (…)".
    [[nodiscard]] QString principalLabel(const arm::AccessPolicyEntry &entry) const;

    /// Stages @p entry: a new entry, or its permissions merged into the one for the same
    /// object id and application id (a removed entry comes back with @p entry's permissions).
    /// Does nothing while an apply runs.
    void stageAdd(arm::AccessPolicyEntry entry);
    /// Stages @p permissions as the entry's whole permissions; false when there is no entry
    /// or an apply runs.
    bool stageReplace(const QString &objectId, const std::optional<QString> &applicationId,
                      const arm::Permissions &permissions);
    /// Stages the removal of an entry (a staged addition is just dropped); false when none
    /// or an apply runs.
    bool stageRemove(const QString &objectId, const std::optional<QString> &applicationId);
    /// Stages one more permission for @p principalId (its own entry, added when missing).
    /// Does nothing while an apply runs.
    void stageGrant(const QString &principalId, access::ObjectKind kind, const QString &permission);

    // StagedEditor
    [[nodiscard]] QString title() const override;
    [[nodiscard]] QList<StagedChange> stagedChanges() const override;
    [[nodiscard]] QList<GuardWarning> guardWarnings() const override;
    void discardStaged() override;
    void reload() override;
    void apply() override;

private:
    friend class AccessPolicyTable;

    /**
     * The signed-in identity losing, through its groups' entries, what no entry keeps.
     * @p keptThroughGroups: set when its groups are known and, together with its own
     * entry, keep everything it holds now.
     */
    [[nodiscard]] std::optional<GuardWarning> groupLockout(bool *keptThroughGroups) const;

    /// A staged edit: the permissions wanted for one principal, or its removal.
    struct Edit
    {
        QString objectId;
        std::optional<QString> applicationId;
        QString tenantId;
        std::optional<arm::Permissions> permissions; ///< nullopt: remove
    };
    struct Row
    {
        arm::AccessPolicyEntry entry;
        std::optional<arm::AccessPolicyEntry> base;
        RowState state = RowState::Unchanged;
    };
    /// One staged entry being applied: what is sent for it and checked in the read-back.
    struct Pending
    {
        RowState state = RowState::Unchanged;
        arm::AccessPolicyEntry entry; ///< identity (and tenant) as sent
        arm::Permissions gained;      ///< Added: every staged permission
        arm::Permissions lost;        ///< Removed: the permissions read at load time
    };
    struct Batch
    {
        arm::AccessPolicyOperation operation;
        QList<arm::AccessPolicyEntry> entries;
    };

    [[nodiscard]] QList<Row> computeRows() const;
    [[nodiscard]] int editIndex(const QString &objectId,
                                const std::optional<QString> &applicationId) const;
    [[nodiscard]] const arm::AccessPolicyEntry *
    baseFor(const QString &objectId, const std::optional<QString> &applicationId) const;
    void setEdit(Edit edit);
    void refresh(bool reset);
    void resolvePrincipals();
    [[nodiscard]] QString vaultName() const;
    [[nodiscard]] QString operationText(arm::AccessPolicyOperation operation) const;
    void sendNext();
    void readBack();
    void finishApply(const std::optional<arm::Vault> &vault);
    void compareReadBack(const QList<arm::AccessPolicyEntry> &now);

    std::optional<arm::ArmClient> m_arm;
    VaultLocation m_location;
    QString m_selfObjectId;
    QString m_selfName;
    graph::PrincipalKind m_selfKind = graph::PrincipalKind::User;
    PrincipalDirectory *m_directory;
    AccessPolicyTable *m_table;

    QList<arm::AccessPolicyEntry> m_base;
    QString m_vaultTenant;
    QString m_vaultName;
    QList<Edit> m_edits;
    QList<Row> m_rows;
    bool m_loaded = false;
    int m_generation = 0; ///< bumped by reload() and apply(): older answers are ignored

    // apply in progress
    QList<Batch> m_queue;
    QList<Pending> m_applying;
    ApplyReport m_report;
    bool m_isApplying = false;
};

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#include "RoleAssignmentModel.h"
#include "RoleAssignmentModel_p.h"

#include "Presentation.h"
#include "PrincipalDirectory.h"
#include "RoleAssignmentTable.h"
#include "Session.h"
#include "access/ActionPattern.h"
#include "access/RoleCatalogue.h"
#include "arm/ResourceId.h"
#include "util/Future.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace vl {
using namespace rbacdetail;
namespace {

const QString AssignmentsPath = u"/providers/Microsoft.Authorization/roleAssignments/"_s;
const QString DefinitionsPath = u"/providers/Microsoft.Authorization/roleDefinitions/"_s;
const QString ManagementGroups = u"/providers/Microsoft.Management/managementGroups/"_s;
const QString RoleAssignmentsWrite = u"Microsoft.Authorization/roleAssignments/write"_s;

enum class ScopeKind {
    Root,
    ManagementGroup,
    Subscription,
    ResourceGroup,
    Vault,
    Secret,
    Key,
    Certificate,
    Resource
};

struct ScopeParts
{
    ScopeKind kind = ScopeKind::Resource;
    QString name;
};

ScopeParts parseScope(const QString &rawScope, const QString &vaultScope)
{
    const QString scope = trimmedScope(rawScope);
    if (scope.isEmpty() || scope == "/"_L1)
        return {ScopeKind::Root, {}};
    if (scope.startsWith(ManagementGroups, Qt::CaseInsensitive))
        return {ScopeKind::ManagementGroup, scope.mid(ManagementGroups.size())};
    if (!vaultScope.isEmpty() && sameText(scope, vaultScope))
        return {ScopeKind::Vault, {}};
    if (!vaultScope.isEmpty() && scope.startsWith(vaultScope + u'/', Qt::CaseInsensitive)) {
        const QStringList rest = scope.mid(vaultScope.size() + 1).split(u'/');
        if (rest.size() == 2) {
            if (sameText(rest[0], "secrets"_L1))
                return {ScopeKind::Secret, rest[1]};
            if (sameText(rest[0], "keys"_L1))
                return {ScopeKind::Key, rest[1]};
            if (sameText(rest[0], "certificates"_L1))
                return {ScopeKind::Certificate, rest[1]};
        }
        return {ScopeKind::Resource, scope.section(u'/', -1)};
    }
    const QStringList parts = scope.split(u'/', Qt::SkipEmptyParts);
    if (parts.size() == 2 && sameText(parts[0], "subscriptions"_L1))
        return {ScopeKind::Subscription, parts[1]};
    if (parts.size() == 4 && sameText(parts[0], "subscriptions"_L1)
        && sameText(parts[2], "resourceGroups"_L1))
        return {ScopeKind::ResourceGroup, parts[3]};
    return {ScopeKind::Resource, parts.value(parts.size() - 1)};
}

} // namespace

RoleAssignmentModel::RoleAssignmentModel(Session &session, VaultLocation location, QObject *parent)
    : StagedEditor(parent)
    , m_session(session)
    , m_location(std::move(location))
    , m_directory(
          new PrincipalDirectory(session.graph(m_location.accountId, m_location.tenantId), this))
    , m_table(new RoleAssignmentTable(*this))
{
    m_location.resourceId = trimmedScope(m_location.resourceId);
    connect(m_directory, &PrincipalDirectory::resolved, this, [this] {
        notifyColumn(RoleAssignmentTable::PrincipalColumn);
        notifyColumn(RoleAssignmentTable::TypeColumn);
    });
    connect(&Presentation::instance(), &Presentation::changed, this, [this] {
        for (int c = 0; c < RoleAssignmentTable::ColumnCount; ++c)
            notifyColumn(c);
    });
    // The signed-in identity's groups: their assignments count as its own in the guard.
    connect(m_directory, &PrincipalDirectory::groupsResolved, this, [this](const QString &id) {
        if (sameText(id, signedInObjectId()))
            Q_EMIT stagedChanged();
    });
}

RoleAssignmentModel::~RoleAssignmentModel() = default;

QString RoleAssignmentModel::title() const
{
    return tr("Role assignments");
}

QAbstractTableModel *RoleAssignmentModel::table() const
{
    return m_table;
}

QString RoleAssignmentModel::signedInObjectId() const
{
    const std::optional<Account> account = m_session.accounts().account(m_location.accountId);
    return account ? account->objectId : QString();
}

int RoleAssignmentModel::rowOf(const QString &assignmentId) const
{
    for (int r = 0; r < m_rows.size(); ++r)
        if (sameText(m_rows[r].assignment.id, assignmentId))
            return r;
    return -1;
}

int RoleAssignmentModel::currentCount() const
{
    int n = 0;
    for (const RoleAssignmentRow &row : m_rows)
        n += row.staged == RoleAssignmentRow::Staged::Added ? 0 : 1;
    return n;
}

// --- Scopes and roles -----------------------------------------------------------------------

bool RoleAssignmentModel::isInherited(const QString &scope) const
{
    return !arm::scopeContains(vaultScope(), trimmedScope(scope));
}

QString RoleAssignmentModel::scopeLabel(const QString &scope) const
{
    const ScopeParts p = parseScope(scope, vaultScope());
    switch (p.kind) {
    case ScopeKind::Root:
        return tr("Root");
    case ScopeKind::ManagementGroup:
        return tr("Management group %1").arg(p.name);
    case ScopeKind::Subscription:
        return tr("Subscription %1")
            .arg(
                m_subscriptionNames.value(p.name.toLower(), Presentation::instance().guid(p.name)));
    case ScopeKind::ResourceGroup:
        return tr("Resource group %1").arg(p.name);
    case ScopeKind::Vault:
        return tr("This vault");
    case ScopeKind::Secret:
        return tr("Secret %1").arg(p.name);
    case ScopeKind::Key:
        return tr("Key %1").arg(p.name);
    case ScopeKind::Certificate:
        return tr("Certificate %1").arg(p.name);
    case ScopeKind::Resource:
        break;
    }
    return tr("Resource %1").arg(Presentation::instance().text(p.name));
}

QString RoleAssignmentModel::scopePhrase(const QString &scope) const
{
    const ScopeParts p = parseScope(scope, vaultScope());
    switch (p.kind) {
    case ScopeKind::Root:
        return tr("the root scope");
    case ScopeKind::ManagementGroup:
        return tr("management group %1").arg(p.name);
    case ScopeKind::Subscription:
        return tr("subscription %1")
            .arg(
                m_subscriptionNames.value(p.name.toLower(), Presentation::instance().guid(p.name)));
    case ScopeKind::ResourceGroup:
        return tr("resource group %1").arg(p.name);
    case ScopeKind::Vault:
        return tr("this vault");
    case ScopeKind::Secret:
        return tr("secret %1").arg(p.name);
    case ScopeKind::Key:
        return tr("key %1").arg(p.name);
    case ScopeKind::Certificate:
        return tr("certificate %1").arg(p.name);
    case ScopeKind::Resource:
        break;
    }
    return tr("resource %1").arg(Presentation::instance().text(p.name));
}

const arm::RoleDefinition *
RoleAssignmentModel::roleDefinition(const QString &roleDefinitionId) const
{
    if (const arm::RoleDefinition *d = access::RoleCatalogue::builtIn().find(roleDefinitionId))
        return d;
    const auto it =
        m_customRoles.constFind(arm::RoleDefinition::guidFromId(roleDefinitionId).toLower());
    return it == m_customRoles.constEnd() ? nullptr : &*it;
}

QString RoleAssignmentModel::roleName(const QString &roleDefinitionId) const
{
    if (const arm::RoleDefinition *d = roleDefinition(roleDefinitionId))
        return d->roleName;
    return tr("Role %1").arg(
        Presentation::instance().guid(arm::RoleDefinition::guidFromId(roleDefinitionId)));
}

QString RoleAssignmentModel::fullRoleDefinitionId(const QString &idOrGuid) const
{
    const QString guid = arm::RoleDefinition::guidFromId(idOrGuid);
    QString subscription = m_location.subscriptionId;
    if (subscription.isEmpty())
        subscription = arm::ResourceId::parse(vaultScope()).subscriptionId;
    if (subscription.isEmpty())
        return DefinitionsPath + guid;
    return QString(u"/subscriptions/"_s + subscription + DefinitionsPath + guid);
}

QString RoleAssignmentModel::objectScope(const QString &vaultId, access::ObjectKind kind,
                                         const QString &name)
{
    return QString(trimmedScope(vaultId) + u'/' + access::wireName(kind) + u'/' + name);
}

QString RoleAssignmentModel::describe(const arm::RoleAssignment &assignment) const
{
    return tr("%1 for %2 at %3")
        .arg(roleName(assignment.roleDefinitionId), m_directory->label(assignment.principalId),
             scopePhrase(assignment.scope));
}

bool RoleAssignmentModel::grantsRoleAssignmentWrite(const QString &roleDefinitionId) const
{
    const arm::RoleDefinition *d = roleDefinition(roleDefinitionId);
    if (!d)
        return false;
    for (const arm::RolePermission &p : d->permissions) {
        const auto matches = [](const QStringList &patterns) {
            return std::any_of(patterns.begin(), patterns.end(), [](const QString &pattern) {
                return access::actionMatches(pattern, RoleAssignmentsWrite);
            });
        };
        if (matches(p.actions) && !matches(p.notActions))
            return true;
    }
    return false;
}

bool RoleAssignmentModel::grantsDataActions(const QString &roleDefinitionId) const
{
    const arm::RoleDefinition *d = roleDefinition(roleDefinitionId);
    if (!d)
        return false;
    return std::any_of(d->permissions.begin(), d->permissions.end(),
                       [](const arm::RolePermission &p) { return !p.dataActions.isEmpty(); });
}

bool RoleAssignmentModel::isFullRights(const QString &roleDefinitionId) const
{
    return sameRole(roleDefinitionId, access::BuiltInRole::Owner)
           || sameRole(roleDefinitionId, access::BuiltInRole::KeyVaultAdministrator);
}

// --- Staging --------------------------------------------------------------------------------

access::ValidationResult RoleAssignmentModel::stageAssign(const graph::Principal &principal,
                                                          const QString &roleDefinitionId,
                                                          const QString &scope)
{
    using access::ValidationResult;
    if (m_applying)
        return ValidationResult::failure(tr("Changes are being applied; wait until they are."));
    if (!m_location.hasResourceId())
        return ValidationResult::failure(
            tr("This vault was opened by its address: Resource Manager does not know it here."));
    const arm::RoleDefinition *role = access::RoleCatalogue::builtIn().find(roleDefinitionId);
    if (!role)
        return ValidationResult::failure(
            tr("The role %1 cannot be assigned here: choose a Key Vault built-in role or a "
               "general built-in role.")
                .arg(roleName(roleDefinitionId)));
    const QString principalType = graph::armPrincipalTypeOf(principal.kind);
    if (principal.id.isEmpty() || !principal.isResolved() || principalType.isEmpty())
        return ValidationResult::failure(
            tr("%1 cannot hold roles: choose a user, group, service principal or managed "
               "identity.")
                .arg(principal.id.isEmpty() ? tr("This principal") : principal.label()));

    QString normalized;
    bool objectLevel = false;
    const QString wanted = trimmedScope(scope);
    if (sameText(wanted, vaultScope())) {
        normalized = vaultScope();
    } else if (wanted.startsWith(vaultScope() + u'/', Qt::CaseInsensitive)) {
        const QStringList rest = wanted.mid(vaultScope().size() + 1).split(u'/');
        const auto kind = access::objectKindFromWireName(rest.value(0).toLower());
        if (rest.size() != 2 || !kind || *kind == access::ObjectKind::Storage)
            return ValidationResult::failure(
                tr("An object scope names one secret, key or certificate of this vault."));
        const access::ValidationResult name = access::Validation::objectName(rest[1]);
        if (!name)
            return ValidationResult::failure(
                tr("The object name is not valid: %1").arg(name.message));
        normalized = objectScope(vaultScope(), *kind, rest[1]);
        objectLevel = true;
    } else {
        return ValidationResult::failure(
            tr("Roles are assigned here at this vault or at one of its secrets, keys or "
               "certificates."));
    }
    if (objectLevel && !grantsDataActions(role->name))
        return ValidationResult::failure(
            tr("%1 has no data actions: assigned to a single object it would grant nothing.")
                .arg(role->roleName));

    for (int r = 0; r < m_rows.size(); ++r) {
        const arm::RoleAssignment &a = m_rows[r].assignment;
        if (!sameText(a.principalId, principal.id) || !sameRole(a.roleDefinitionId, role->name)
            || !sameScope(a.scope, normalized))
            continue;
        if (m_rows[r].staged == RoleAssignmentRow::Staged::Removed) {
            unstageRemove(a.id);
            return ValidationResult::success();
        }
        return ValidationResult::failure(
            m_rows[r].staged == RoleAssignmentRow::Staged::Added
                ? tr("This assignment is staged already: %1.").arg(describe(a))
                : tr("This assignment exists already: %1.").arg(describe(a)));
    }

    m_directory->insert(principal);
    RoleAssignmentRow row;
    row.staged = RoleAssignmentRow::Staged::Added;
    arm::RoleAssignment &a = row.assignment;
    a.name = QUuid::createUuid().toString(QUuid::WithoutBraces);
    a.scope = normalized;
    a.id = QString(normalized + AssignmentsPath + a.name);
    a.roleDefinitionId = fullRoleDefinitionId(role->name);
    a.principalId = principal.id;
    a.principalType = principalType;
    const int at = int(m_rows.size());
    m_table->beginInsertRows({}, at, at);
    m_rows.append(row);
    m_table->endInsertRows();
    Q_EMIT stagedChanged();
    return ValidationResult::success();
}

QString RoleAssignmentModel::removeRefusal(const QString &assignmentId) const
{
    const int r = rowOf(assignmentId);
    if (r < 0)
        return tr("This assignment is not listed here any more.");
    const arm::RoleAssignment &a = m_rows[r].assignment;
    if (isInherited(a.scope))
        return tr("This assignment is inherited from %1. It can only be removed there: in the "
                  "access control (IAM) of %1, by someone who manages access at that scope.")
            .arg(scopePhrase(a.scope));
    return {};
}

access::ValidationResult RoleAssignmentModel::stageRemove(const QString &assignmentId)
{
    using access::ValidationResult;
    if (m_applying)
        return ValidationResult::failure(tr("Changes are being applied; wait until they are."));
    const int r = rowOf(assignmentId);
    if (r < 0)
        return ValidationResult::failure(tr("This assignment is not listed here any more."));
    RoleAssignmentRow &row = m_rows[r];
    if (row.staged == RoleAssignmentRow::Staged::Added) {
        m_table->beginRemoveRows({}, r, r);
        m_rows.removeAt(r);
        m_table->endRemoveRows();
        Q_EMIT stagedChanged();
        return ValidationResult::success();
    }
    if (row.staged == RoleAssignmentRow::Staged::Removed)
        return ValidationResult::success();
    const QString refusal = removeRefusal(assignmentId);
    if (!refusal.isEmpty())
        return ValidationResult::failure(refusal);
    row.staged = RoleAssignmentRow::Staged::Removed;
    notifyRow(r);
    Q_EMIT stagedChanged();
    return ValidationResult::success();
}

void RoleAssignmentModel::unstageRemove(const QString &assignmentId)
{
    const int r = rowOf(assignmentId);
    if (r < 0 || m_rows[r].staged != RoleAssignmentRow::Staged::Removed)
        return;
    m_rows[r].staged = RoleAssignmentRow::Staged::None;
    notifyRow(r);
    Q_EMIT stagedChanged();
}

void RoleAssignmentModel::discardStaged()
{
    if (m_applying)
        return;
    bool changed = false;
    for (int r = int(m_rows.size()) - 1; r >= 0; --r) {
        if (m_rows[r].staged == RoleAssignmentRow::Staged::Added) {
            m_table->beginRemoveRows({}, r, r);
            m_rows.removeAt(r);
            m_table->endRemoveRows();
            changed = true;
        } else if (m_rows[r].staged == RoleAssignmentRow::Staged::Removed) {
            m_rows[r].staged = RoleAssignmentRow::Staged::None;
            notifyRow(r);
            changed = true;
        }
    }
    if (changed)
        Q_EMIT stagedChanged();
}

QList<StagedChange> RoleAssignmentModel::stagedChanges() const
{
    QList<StagedChange> changes;
    for (const RoleAssignmentRow &row : m_rows) {
        if (row.staged != RoleAssignmentRow::Staged::Added)
            continue;
        const arm::RoleAssignment &a = row.assignment;
        changes.append(
            StagedChange{StagedChange::Kind::Add,
                         tr("Role assignment for %1").arg(m_directory->label(a.principalId)),
                         {},
                         {describe(a)},
                         QString(u"PUT roleAssignments/"_s + a.name)});
    }
    for (const RoleAssignmentRow &row : m_rows) {
        if (row.staged != RoleAssignmentRow::Staged::Removed)
            continue;
        const arm::RoleAssignment &a = row.assignment;
        changes.append(
            StagedChange{StagedChange::Kind::Remove,
                         tr("Role assignment for %1").arg(m_directory->label(a.principalId)),
                         {describe(a)},
                         {},
                         QString(u"DELETE roleAssignments/"_s + a.name)});
    }
    return changes;
}

QList<GuardWarning> RoleAssignmentModel::guardWarnings() const
{
    QList<GuardWarning> warnings;
    const bool removing = std::any_of(m_rows.begin(), m_rows.end(), [](const auto &row) {
        return row.staged == RoleAssignmentRow::Staged::Removed;
    });
    if (!removing)
        return warnings;
    const QString vault = m_location.name;
    const QString me = signedInObjectId();
    // Assignments to the groups the signed-in identity belongs to are its own too.
    const QStringList groups = m_directory->groupsOf(me).value_or(QStringList{});
    const auto mine = [&](const QString &principalId) {
        return !me.isEmpty()
               && (sameText(principalId, me) || groups.contains(principalId.toLower()));
    };

    // The signed-in user's own rights at or above the vault, before and after.
    int manageBefore = 0, manageAfter = 0, dataBefore = 0, dataAfter = 0;
    int fullBefore = 0, fullAfter = 0;
    QStringList lostManage, lostData;
    for (const RoleAssignmentRow &row : m_rows) {
        const arm::RoleAssignment &a = row.assignment;
        if (!arm::scopeContains(trimmedScope(a.scope), vaultScope()))
            continue;
        const bool before = row.staged != RoleAssignmentRow::Staged::Added;
        const bool after = row.staged != RoleAssignmentRow::Staged::Removed;
        if (isFullRights(a.roleDefinitionId)) {
            fullBefore += before ? 1 : 0;
            fullAfter += after ? 1 : 0;
        }
        if (!mine(a.principalId))
            continue;
        QString what = tr("%1 at %2").arg(roleName(a.roleDefinitionId), scopePhrase(a.scope));
        if (!sameText(a.principalId, me))
            what = tr("%1, through the group %2").arg(what, m_directory->label(a.principalId));
        if (grantsRoleAssignmentWrite(a.roleDefinitionId)) {
            manageBefore += before ? 1 : 0;
            manageAfter += after ? 1 : 0;
            if (before && !after)
                lostManage << what;
        }
        if (grantsDataActions(a.roleDefinitionId)) {
            dataBefore += before ? 1 : 0;
            dataAfter += after ? 1 : 0;
            if (before && !after)
                lostData << what;
        }
    }
    QStringList consequences;
    if (manageBefore > 0 && manageAfter == 0)
        consequences << tr("You could no longer manage access to %1: the removal of %2 takes "
                           "away your last role assignment that allows assigning roles there.")
                            .arg(vault, lostManage.join(tr(", ")));
    if (dataBefore > 0 && dataAfter == 0)
        consequences << tr("You would lose your last data-plane role on %1 (%2): you could no "
                           "longer read or change its secrets, keys and certificates.")
                            .arg(vault, lostData.join(tr(", ")));
    if (!consequences.isEmpty())
        warnings.append(GuardWarning{GuardWarning::SelfLockout, consequences.join(u' ')});
    if (fullBefore > 0 && fullAfter == 0)
        warnings.append(GuardWarning{
            GuardWarning::LastFullRights,
            tr("No principal would keep Owner or Key Vault Administrator on %1: nobody could "
               "administer its access or all of its data until someone with rights above the "
               "vault assigns them again.")
                .arg(vault)});
    return warnings;
}

// --- Loading --------------------------------------------------------------------------------

void RoleAssignmentModel::listAll(const QUrl &nextLink, QList<arm::RoleAssignment> collected,
                                  ListCallback done)
{
    const auto arm = m_session.arm(m_location.accountId, m_location.tenantId);
    if (!arm) {
        done(AzureError::make(AzureError::Kind::Unauthenticated,
                              tr("The account of this vault is not signed in.")));
        return;
    }
    onFinished(arm->listRoleAssignments(vaultScope(), arm::RoleAssignmentFilter::All, nextLink),
               this,
               [this, collected = std::move(collected),
                done = std::move(done)](const Result<Page<arm::RoleAssignment>> &page) mutable {
                   if (!page) {
                       done(page.error());
                       return;
                   }
                   collected += page->items;
                   if (page->hasMore()) {
                       listAll(page->nextLink, std::move(collected), std::move(done));
                       return;
                   }
                   done(collected);
               });
}

void RoleAssignmentModel::reload()
{
    if (m_applying)
        return;
    if (!m_location.hasResourceId()) {
        Q_EMIT loadFailed(AzureError::make(
            AzureError::Kind::NotFound,
            tr("This vault was opened by its address: its role assignments are kept by "
               "Resource Manager, which does not list it for this account.")));
        return;
    }
    const int generation = ++m_generation;
    setBusy(true);
    listAll({}, {}, [this, generation](const Result<QList<arm::RoleAssignment>> &r) {
        if (generation != m_generation)
            return;
        setBusy(false);
        if (!r) {
            Q_EMIT loadFailed(r.error());
            return;
        }
        syncRows(*r);
        m_loaded = true;
        lookUpNames(*r);
        Q_EMIT loaded();
    });
}

void RoleAssignmentModel::syncRows(const QList<arm::RoleAssignment> &assignments)
{
    QHash<QString, int> incoming;
    for (int i = 0; i < assignments.size(); ++i)
        incoming.insert(assignments[i].id.toLower(), i);
    bool stagedDropped = false;
    for (int r = int(m_rows.size()) - 1; r >= 0; --r) {
        if (m_rows[r].staged == RoleAssignmentRow::Staged::Added
            || incoming.contains(m_rows[r].assignment.id.toLower()))
            continue;
        stagedDropped |= m_rows[r].staged == RoleAssignmentRow::Staged::Removed;
        m_table->beginRemoveRows({}, r, r);
        m_rows.removeAt(r);
        m_table->endRemoveRows();
    }
    for (const arm::RoleAssignment &a : assignments) {
        int found = -1;
        for (int r = 0; r < m_rows.size(); ++r)
            if (m_rows[r].staged != RoleAssignmentRow::Staged::Added
                && sameText(m_rows[r].assignment.id, a.id)) {
                found = r;
                break;
            }
        if (found >= 0) {
            if (!(m_rows[found].assignment == a)) {
                m_rows[found].assignment = a;
                notifyRow(found);
            }
            continue;
        }
        const int at = currentCount();
        m_table->beginInsertRows({}, at, at);
        m_rows.insert(at, RoleAssignmentRow{a, RoleAssignmentRow::Staged::None});
        m_table->endInsertRows();
    }
    if (stagedDropped)
        Q_EMIT stagedChanged();
}

void RoleAssignmentModel::lookUpNames(const QList<arm::RoleAssignment> &assignments)
{
    QStringList principals;
    for (const arm::RoleAssignment &a : assignments)
        principals << a.principalId;
    m_directory->resolve(principals);
    if (const std::optional<Account> account = m_session.accounts().account(m_location.accountId))
        m_directory->resolveGroupsOf(account->objectId,
                                     account->isUser() ? graph::PrincipalKind::User
                                                       : graph::PrincipalKind::ServicePrincipal);

    const auto arm = m_session.arm(m_location.accountId, m_location.tenantId);
    if (!arm)
        return;
    for (const arm::RoleAssignment &a : assignments) {
        const ScopeParts scope = parseScope(a.scope, vaultScope());
        const QString subscription = arm::ResourceId::parse(a.scope).subscriptionId.toLower();
        if (scope.kind == ScopeKind::Subscription && !subscription.isEmpty()
            && !m_subscriptionsRequested.contains(subscription)) {
            m_subscriptionsRequested.insert(subscription);
            onFinished(arm->getSubscription(subscription), this,
                       [this, subscription](const Result<arm::Subscription> &s) {
                           if (!s || s->displayName.isEmpty())
                               return;
                           m_subscriptionNames.insert(subscription, s->displayName);
                           notifyColumn(RoleAssignmentTable::ScopeColumn);
                       });
        }
        const QString guid = arm::RoleDefinition::guidFromId(a.roleDefinitionId).toLower();
        if (roleDefinition(a.roleDefinitionId) || m_rolesRequested.contains(guid))
            continue;
        m_rolesRequested.insert(guid);
        onFinished(arm->getRoleDefinition(a.roleDefinitionId), this,
                   [this, guid](const Result<arm::RoleDefinition> &d) {
                       if (!d)
                           return;
                       m_customRoles.insert(guid, *d);
                       notifyColumn(RoleAssignmentTable::RoleColumn);
                   });
    }
}

void RoleAssignmentModel::notifyColumn(int column)
{
    if (m_rows.isEmpty())
        return;
    Q_EMIT m_table->dataChanged(m_table->index(0, column),
                                m_table->index(int(m_rows.size()) - 1, column));
}

void RoleAssignmentModel::notifyRow(int row)
{
    Q_EMIT m_table->dataChanged(m_table->index(row, 0),
                                m_table->index(row, RoleAssignmentTable::ColumnCount - 1));
}

} // namespace vl

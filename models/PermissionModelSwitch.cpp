// SPDX-License-Identifier: GPL-3.0-or-later
#include "PermissionModelSwitch.h"

#include "PrincipalDirectory.h"
#include "Session.h"
#include "access/ActionPattern.h"
#include "access/RoleCatalogue.h"
#include "arm/ResourceId.h"
#include "http/AllPages.h"
#include "util/Future.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vl {
namespace {

bool anyMatches(const QStringList &patterns, const QString &action)
{
    return std::any_of(patterns.cbegin(), patterns.cend(),
                       [&](const QString &p) { return access::actionMatches(p, action); });
}

/// True when the role grants any data action (reads or writes vault contents).
bool grantsData(const arm::RoleDefinition &role)
{
    return std::any_of(role.permissions.cbegin(), role.permissions.cend(),
                       [](const arm::RolePermission &p) { return !p.dataActions.isEmpty(); });
}

QString permissionSummary(const arm::Permissions &p)
{
    QStringList parts;
    const auto add = [&](const QString &kind, const std::optional<QStringList> &list) {
        if (list && !list->isEmpty())
            parts.append(kind + u": "_s + list->join(u", "_s));
    };
    add(PermissionModelSwitch::tr("keys"), p.keys);
    add(PermissionModelSwitch::tr("secrets"), p.secrets);
    add(PermissionModelSwitch::tr("certificates"), p.certificates);
    add(PermissionModelSwitch::tr("storage"), p.storage);
    return parts.isEmpty() ? PermissionModelSwitch::tr("no permissions") : parts.join(u"; "_s);
}

} // namespace

bool permissionsAllow(const QList<arm::RolePermission> &permissions, const QString &action)
{
    return std::any_of(permissions.cbegin(), permissions.cend(), [&](const arm::RolePermission &p) {
        return anyMatches(p.actions, action) && !anyMatches(p.notActions, action);
    });
}

PermissionModelConsequences switchConsequences(const arm::Vault &vault,
                                               const QList<arm::RoleAssignment> &assignments,
                                               const access::RoleCatalogue &roles,
                                               const QString &selfObjectId)
{
    PermissionModelConsequences c;
    c.toRbac = !vault.properties.usesRbac();
    const QList<arm::AccessPolicyEntry> policies =
        vault.properties.accessPolicies.value_or(QList<arm::AccessPolicyEntry>{});
    const auto isSelf = [&](const QString &id) {
        return !selfObjectId.isEmpty() && id.compare(selfObjectId, Qt::CaseInsensitive) == 0;
    };

    QList<QPair<QString, QString>> dataAssignments;
    QList<arm::RoleAssignment> dataAssignmentList;
    for (const arm::RoleAssignment &a : assignments) {
        // Assignments at, above or below the vault reach its data plane.
        if (!arm::scopeContains(a.scope, vault.id) && !arm::scopeContains(vault.id, a.scope))
            continue;
        const arm::RoleDefinition *role = roles.find(a.roleDefinitionId);
        if (!role || !grantsData(*role))
            continue;
        dataAssignments.append({a.principalId, role->roleName});
        dataAssignmentList.append(a);
    }

    if (c.toRbac) {
        c.policiesThatStop = policies;
        c.keepers = dataAssignments;
    } else {
        c.assignmentsThatStop = dataAssignmentList;
        for (const arm::AccessPolicyEntry &e : policies)
            c.keepers.append({e.objectId, permissionSummary(e.permissions)});
    }
    c.selfKeepsAccess = std::any_of(c.keepers.cbegin(), c.keepers.cend(),
                                    [&](const auto &k) { return isSelf(k.first); });
    return c;
}

PermissionModelSwitch::PermissionModelSwitch(Session &session, VaultLocation location,
                                             QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_location(std::move(location))
    , m_directory(
          new PrincipalDirectory(session.graph(m_location.accountId, m_location.tenantId), this))
{
    if (const auto account = session.accounts().account(m_location.accountId))
        m_selfObjectId = account->objectId;
}

PermissionModelSwitch::~PermissionModelSwitch() = default;

bool PermissionModelSwitch::usesRbac() const
{
    return m_vault && m_vault->properties.usesRbac();
}

PermissionModelConsequences PermissionModelSwitch::consequences() const
{
    if (!m_vault)
        return {};
    return switchConsequences(*m_vault, m_assignments, access::RoleCatalogue::builtIn(),
                              m_selfObjectId);
}

void PermissionModelSwitch::load()
{
    loadStep(0);
}

void PermissionModelSwitch::loadStep(int step)
{
    const auto arm = m_session.arm(m_location.accountId, m_location.tenantId);
    if (!arm) {
        Q_EMIT failed(AzureError::network(tr("The account of this vault is not signed in")));
        return;
    }
    const int generation = step == 0 ? ++m_generation : m_generation;
    const QString id = m_location.resourceId;
    switch (step) {
    case 0:
        onFinished(arm->getVault(id), this, [this, generation](const Result<arm::Vault> &r) {
            if (generation != m_generation)
                return;
            if (!r) {
                Q_EMIT failed(r.error());
                return;
            }
            m_vault = *r;
            loadStep(1);
        });
        return;
    case 1: {
        const std::function fetch = [client = *arm, id](const QUrl &next) {
            return client.listRoleAssignments(id, arm::RoleAssignmentFilter::All, next);
        };
        onFinished(allPages<arm::RoleAssignment>(fetch), this,
                   [this, generation](const Result<QList<arm::RoleAssignment>> &r) {
                       if (generation != m_generation)
                           return;
                       // Without the right to read assignments the consequences are partial;
                       // the switch itself is refused by the service then anyway.
                       m_assignments = r ? *r : QList<arm::RoleAssignment>{};
                       loadStep(2);
                   });
        return;
    }
    default: {
        const std::function fetch = [client = *arm, id](const QUrl &next) {
            return client.listPermissions(id, next);
        };
        onFinished(allPages<arm::RolePermission>(fetch), this,
                   [this, generation](const Result<QList<arm::RolePermission>> &r) {
                       if (generation != m_generation)
                           return;
                       m_canSwitch = r && permissionsAllow(*r, SwitchAction);
                       QStringList ids;
                       for (const auto &k : consequences().keepers)
                           ids.append(k.first);
                       if (m_vault)
                           for (const auto &e : m_vault->properties.accessPolicies.value_or(
                                    QList<arm::AccessPolicyEntry>{}))
                               ids.append(e.objectId);
                       for (const arm::RoleAssignment &a : std::as_const(m_assignments))
                           ids.append(a.principalId);
                       m_directory->resolve(ids);
                       Q_EMIT loaded();
                   });
        return;
    }
    }
}

void PermissionModelSwitch::switchModel()
{
    const auto arm = m_session.arm(m_location.accountId, m_location.tenantId);
    if (!arm || !m_vault) {
        Q_EMIT failed(AzureError::network(tr("The vault is not loaded")));
        return;
    }
    const bool target = !m_vault->properties.usesRbac();
    arm::VaultPatchParameters patch;
    patch.properties.enableRbacAuthorization = target;
    onFinished(arm->updateVault(m_location.resourceId, patch), this,
               [this, client = *arm, target](const Result<arm::Vault> &sent) {
                   if (!sent) {
                       Q_EMIT failed(sent.error());
                       return;
                   }
                   // Read back rather than trusting the PATCH's answer.
                   onFinished(client.getVault(m_location.resourceId), this,
                              [this, target](const Result<arm::Vault> &r) {
                                  if (!r) {
                                      Q_EMIT failed(r.error());
                                      return;
                                  }
                                  m_vault = *r;
                                  if (r->properties.usesRbac() != target) {
                                      Q_EMIT failed(AzureError::make(
                                          AzureError::Kind::Conflict,
                                          target ? tr("The vault was read back still using "
                                                      "access policies.")
                                                 : tr("The vault was read back still using "
                                                      "Azure RBAC.")));
                                      return;
                                  }
                                  Q_EMIT switched(r->properties.usesRbac());
                              });
               });
}

} // namespace vl

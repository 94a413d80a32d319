// SPDX-License-Identifier: GPL-3.0-or-later
#include "journal/RoleSuggestion.h"

#include "access/Operations.h"
#include "access/RbacEvaluator.h"

#include <QSet>

#include <limits>

using namespace Qt::StringLiterals;

namespace vl {
namespace {

struct Universe
{
    QStringList actions;
    QStringList dataActions;
};

/// Every permission string the roles and operations name, and a few outside Key
/// Vault, so that a role with `*` counts as broad as it is.
Universe universe(const access::RoleCatalogue &catalogue)
{
    QSet<QString> actions{u"Microsoft.Compute/virtualMachines/write"_s,
                          u"Microsoft.Storage/storageAccounts/listKeys/action"_s,
                          u"Microsoft.Network/virtualNetworks/write"_s,
                          u"Microsoft.Authorization/roleAssignments/write"_s,
                          u"Microsoft.Resources/subscriptions/resourceGroups/write"_s};
    QSet<QString> dataActions;
    for (const arm::RoleDefinition &role : catalogue.definitions()) {
        for (const arm::RolePermission &p : role.permissions) {
            for (const QString &a : p.actions)
                actions.insert(a);
            for (const QString &a : p.dataActions)
                dataActions.insert(a);
        }
    }
    for (const access::OperationInfo &op : access::Operations::all())
        dataActions.insert(op.dataAction);
    Universe u{actions.values(), dataActions.values()};
    u.actions.sort();
    u.dataActions.sort();
    return u;
}

int breadth(const arm::RoleDefinition &role, const Universe &u)
{
    int n = 0;
    for (const QString &a : u.actions)
        n += access::RbacEvaluator::roleAllows(role, a, false) ? 1 : 0;
    for (const QString &a : u.dataActions)
        n += access::RbacEvaluator::roleAllows(role, a, true) ? 1 : 0;
    return n;
}

bool isKeyVaultRole(const arm::RoleDefinition &role)
{
    return role.roleName.startsWith("Key Vault"_L1);
}

} // namespace

const arm::RoleDefinition *leastPrivilegedRole(const access::RoleCatalogue &catalogue,
                                               const QString &action, bool dataAction)
{
    if (action.isEmpty())
        return nullptr;
    const Universe u = universe(catalogue);
    const arm::RoleDefinition *best = nullptr;
    int bestBreadth = std::numeric_limits<int>::max();
    for (const arm::RoleDefinition &role : catalogue.definitions()) {
        if (role.roleType.compare("BuiltInRole"_L1, Qt::CaseInsensitive) != 0
            || !access::RbacEvaluator::roleAllows(role, action, dataAction))
            continue;
        const int b = breadth(role, u);
        const bool better = !best || b < bestBreadth
                            || (b == bestBreadth
                                && (isKeyVaultRole(role) > isKeyVaultRole(*best)
                                    || (isKeyVaultRole(role) == isKeyVaultRole(*best)
                                        && role.roleName < best->roleName)));
        if (better) {
            best = &role;
            bestBreadth = b;
        }
    }
    return best;
}

} // namespace vl

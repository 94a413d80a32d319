// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/AccessPolicyEvaluator.h"

#include "access/PermissionCatalogue.h"

using namespace Qt::StringLiterals;

namespace vl::access {

bool accessPolicyApplies(const arm::AccessPolicyEntry &entry, const Caller &caller)
{
    if (entry.tenantId.compare(caller.tenantId, Qt::CaseInsensitive) != 0)
        return false;
    const bool principalMatches = entry.objectId.compare(caller.objectId, Qt::CaseInsensitive) == 0
                                  || caller.groupIds.contains(entry.objectId, Qt::CaseInsensitive);
    if (!principalMatches)
        return false;
    if (entry.applicationId && !entry.applicationId->isEmpty())
        return entry.applicationId->compare(caller.applicationId, Qt::CaseInsensitive) == 0;
    return true;
}

QStringList effectivePermissions(const QList<arm::AccessPolicyEntry> &entries, const Caller &caller,
                                 ObjectKind kind)
{
    QStringList held;
    for (const arm::AccessPolicyEntry &e : entries)
        if (accessPolicyApplies(e, caller))
            held += permissionsOf(e.permissions, kind).value_or(QStringList{});
    return held;
}

StageResult evaluateAccessPolicies(const QList<arm::AccessPolicyEntry> &entries,
                                   const Caller &caller, const OperationInfo &operation,
                                   const VaultLabel &label)
{
    for (const arm::AccessPolicyEntry &e : entries) {
        if (!accessPolicyApplies(e, caller))
            continue;
        const QStringList held =
            permissionsOf(e.permissions, operation.kind).value_or(QStringList{});
        for (const QString &required : operation.permissions) {
            if (PermissionCatalogue::grants(operation.kind, held, required)) {
                const bool viaGroup = e.objectId.compare(caller.objectId, Qt::CaseInsensitive) != 0;
                return {{Stage::Authorization, Outcome::Passed, Rule::AccessPolicyGrants,
                         u"An access policy entry%1 grants %2 %3"_s.arg(
                             viaGroup ? u" for a group of the caller"_s : QString(),
                             wireName(operation.kind), required),
                         e.objectId},
                        std::nullopt};
            }
        }
    }
    const QString needed = operation.permissions.value(0);
    return {
        {Stage::Authorization,
         Outcome::Failed,
         Rule::AccessPolicyMissingPermission,
         u"No access policy entry grants the caller %1 %2"_s.arg(wireName(operation.kind), needed),
         {}},
        Denial{
            403,
            u"Forbidden"_s,
            u"ForbiddenByPolicy"_s,
            u"The user, group or application '"_s + caller.principalString() + u"' does not have "_s
                + wireName(operation.kind) + u' ' + needed + u" permission on key vault '"_s
                + label.toString()
                + u"'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287"_s,
            {}}};
}

} // namespace vl::access

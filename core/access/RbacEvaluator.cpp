// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/RbacEvaluator.h"

#include "access/ActionPattern.h"
#include "arm/ResourceId.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace vl::access {
namespace {

bool principalMatches(const arm::RoleAssignment &a, const Caller &caller)
{
    return a.principalId.compare(caller.objectId, Qt::CaseInsensitive) == 0
           || caller.groupIds.contains(a.principalId, Qt::CaseInsensitive);
}

bool scopeApplies(const RbacContext &context, const QString &assignmentScope,
                  const QString &resource)
{
    if (assignmentScope.startsWith("/providers/Microsoft.Management/managementGroups/"_L1,
                                   Qt::CaseInsensitive))
        return context.managementGroupScopes.contains(assignmentScope, Qt::CaseInsensitive);
    return arm::scopeContains(assignmentScope, resource);
}

RbacDecision check(const RbacContext &context, const Caller &caller, const QString &action,
                   const QString &resource, bool data, const ConditionAttributes &attributes)
{
    RbacDecision decision;
    for (const arm::RoleAssignment &a : context.assignments) {
        if (!principalMatches(a, caller) || !scopeApplies(context, a.scope, resource))
            continue;
        const arm::RoleDefinition *role = context.catalogue->find(a.roleDefinitionId);
        if (!role)
            continue;
        if (a.condition && !a.condition->isEmpty()) {
            const auto ok = RbacEvaluator::evaluateCondition(*a.condition, action, attributes);
            if (!ok) {
                decision.skippedConditional.append(a.id);
                continue;
            }
            if (!*ok)
                continue;
        }
        if (RbacEvaluator::roleAllows(*role, action, data, attributes)) {
            decision.allowed = true;
            decision.assignmentId = a.id;
            decision.roleName = role->roleName;
            decision.scope = a.scope;
            return decision;
        }
    }
    return decision;
}

} // namespace

bool RbacEvaluator::roleAllows(const arm::RoleDefinition &role, const QString &action, bool data,
                               const ConditionAttributes &attributes)
{
    for (const arm::RolePermission &p : role.permissions) {
        const QStringList &allow = data ? p.dataActions : p.actions;
        const QStringList &deny = data ? p.notDataActions : p.notActions;
        const bool allowed = std::any_of(allow.begin(), allow.end(), [&](const QString &pattern) {
            return actionMatches(pattern, action);
        });
        if (!allowed)
            continue;
        const bool excluded = std::any_of(deny.begin(), deny.end(), [&](const QString &pattern) {
            return actionMatches(pattern, action);
        });
        if (excluded)
            continue;
        if (p.condition && !p.condition->isEmpty()) {
            const auto ok = evaluateCondition(*p.condition, action, attributes);
            if (!ok || !*ok)
                continue;
        }
        return true;
    }
    return false;
}

std::optional<bool> RbacEvaluator::evaluateCondition(const QString &condition,
                                                     const QString &action,
                                                     const ConditionAttributes &attributes)
{
    // ((!(ActionMatches{'A'})) OR (@Request[ATTR] ForAnyOfAnyValues:GuidEquals{g1, g2}))
    static const QRegularExpression clause(
        uR"(\(\(!\(ActionMatches\{'([^']+)'\}\)\)\s+OR\s+\(@(Request|Resource)\[([^\]]+)\]\s+ForAnyOfAnyValues:GuidEquals\{([^}]*)\}\)\))"_s);
    QString rest = condition;
    bool result = true;
    bool any = false;
    auto it = clause.globalMatch(condition);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        any = true;
        rest.replace(m.captured(0), QString());
        if (!actionMatches(m.captured(1), action))
            continue; // the clause does not concern this action: true
        const QString key = m.captured(2) + u':' + m.captured(3);
        QStringList allowed;
        for (const QString &g : m.captured(4).split(u','))
            allowed.append(g.trimmed());
        const QStringList values = attributes.value(key);
        const bool anyEqual = std::any_of(values.begin(), values.end(), [&](const QString &v) {
            return allowed.contains(arm::RoleDefinition::guidFromId(v), Qt::CaseInsensitive);
        });
        result = result && anyEqual;
    }
    rest.remove(u"AND"_s);
    rest.remove(u'(');
    rest.remove(u')');
    if (!any || !rest.trimmed().isEmpty())
        return std::nullopt;
    return result;
}

RbacDecision RbacEvaluator::checkDataAction(const RbacContext &context, const Caller &caller,
                                            const QString &dataAction, const QString &resourceId)
{
    return check(context, caller, dataAction, resourceId, true, {});
}

RbacDecision RbacEvaluator::checkAction(const RbacContext &context, const Caller &caller,
                                        const QString &action, const QString &scope,
                                        const ConditionAttributes &attributes)
{
    return check(context, caller, action, scope, false, attributes);
}

Denial RbacEvaluator::dataPlaneDenial(const Caller &caller, const QString &dataAction,
                                      const QString &resourceId, const VaultLabel &label)
{
    const QString message =
        u"Caller is not authorized to perform action on resource.\r\n"
        u"If role assignments, deny assignments or role definitions were changed recently, please "
        u"observe propagation time.\r\n"
        u"Caller: "_s
        + caller.principalString() + u"\r\nAction: '"_s + dataAction + u"'\r\nResource: '"_s
        + resourceId.toLower()
        + u"'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: 'DeniedWithNoValidRBAC' \r\nVault: "_s
        + label.toString() + u"\r\n"_s;
    return Denial{403, u"Forbidden"_s, u"ForbiddenByRbac"_s, message, {}};
}

Denial RbacEvaluator::managementDenial(const Caller &caller, const QString &action,
                                       const QString &scope)
{
    const QString client =
        caller.displayName.isEmpty()
            ? (caller.applicationId.isEmpty() ? caller.objectId : caller.applicationId)
            : caller.displayName;
    return Denial{
        403,
        u"AuthorizationFailed"_s,
        {},
        u"The client '"_s + client + u"' with object id '"_s + caller.objectId
            + u"' does not have authorization to perform action '"_s + action + u"' over scope '"_s
            + scope
            + u"' or the scope is invalid. If access was recently granted, please refresh your credentials."_s,
        {}};
}

} // namespace vl::access

// SPDX-License-Identifier: GPL-3.0-or-later
// Microsoft.Authorization at any scope (api-version 2022-04-01): role assignments
// (list with atScope() and principalId filters, create, delete), role definitions and
// the caller's effective permissions (PROTOCOL.md §5.7).
#include "access/RoleCatalogue.h"
#include "access/Validation.h"
#include "arm/ArmHelpers.h"
#include "arm/ArmService.h"
#include "arm/ResourceId.h"
#include "arm/RoleSerializer.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace vl::sandbox {
namespace {

const QString AssignmentAttribute = u"Microsoft.Authorization/roleAssignments:RoleDefinitionId"_s;

/// The role definition id as Resource Manager writes it for a scope.
QString definitionId(const QString &scope, const QString &guid)
{
    const arm::ResourceId id = arm::ResourceId::parse(scope);
    const QString prefix = id.isValid() ? id.subscriptionScope() : QString();
    return prefix + u"/providers/Microsoft.Authorization/roleDefinitions/"_s + guid;
}

QJsonObject definitionJson(const QString &scope, const arm::RoleDefinition &d)
{
    arm::RoleDefinition scoped = d;
    scoped.id = definitionId(scope, d.name);
    return arm::RoleSerializer::toJson(scoped);
}

std::optional<QString> principalFilter(const QString &filter)
{
    static const QRegularExpression re(u"principalId\\s+eq\\s+'([^']+)'"_s,
                                       QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(filter);
    return m.hasMatch() ? std::optional(m.captured(1)) : std::nullopt;
}

} // namespace

HttpResponse ArmService::authorization(ArmCall &call, const QString &scope, const QStringList &rest)
{
    if (!ArmHelpers::authorizationApiVersions().contains(call.apiVersion))
        return armError(400, u"InvalidApiVersionParameter"_s,
                        u"The api-version '%1' is invalid. The supported versions are '%2'."_s.arg(
                            call.apiVersion, ArmHelpers::authorizationApiVersions().join(u',')));
    const QString kind = rest.value(0).toLower();
    const access::RoleCatalogue &catalogue = access::RoleCatalogue::builtIn();
    auto &assignments = m_context.state.roleAssignments;

    if (kind == "roledefinitions"_L1 && call.request.method == "GET") {
        if (auto denied = authorize(call, u"Microsoft.Authorization/roleDefinitions/read"_s, scope))
            return *denied;
        if (rest.size() == 2) {
            const arm::RoleDefinition *d = catalogue.find(rest[1]);
            if (!d)
                return armError(
                    404, u"RoleDefinitionDoesNotExist"_s,
                    u"The specified role definition with ID '%1' does not exist."_s.arg(rest[1]));
            return HttpResponse::json(200, definitionJson(scope, *d));
        }
        static const QRegularExpression byName(u"roleName\\s+eq\\s+'([^']+)'"_s,
                                               QRegularExpression::CaseInsensitiveOption);
        const auto m = byName.match(call.request.queryValue(u"$filter"_s).value_or(QString()));
        QJsonArray value;
        for (const arm::RoleDefinition &d : catalogue.definitions())
            if (!m.hasMatch() || d.roleName.compare(m.captured(1), Qt::CaseInsensitive) == 0)
                value.append(definitionJson(scope, d));
        return HttpResponse::json(200, QJsonObject{{u"value"_s, value}});
    }

    if (kind == "permissions"_L1 && rest.size() == 1 && call.request.method == "GET") {
        QJsonArray value;
        for (const arm::RoleAssignment &a : assignments) {
            const bool mine = a.principalId.compare(call.caller.objectId, Qt::CaseInsensitive) == 0
                              || call.caller.groupIds.contains(a.principalId, Qt::CaseInsensitive);
            if (!mine || !arm::scopeContains(a.scope, scope))
                continue;
            if (const arm::RoleDefinition *d = catalogue.find(a.roleDefinitionId))
                for (const arm::RolePermission &p : d->permissions)
                    value.append(QJsonObject{
                        {u"actions"_s, QJsonArray::fromStringList(p.actions)},
                        {u"notActions"_s, QJsonArray::fromStringList(p.notActions)},
                        {u"dataActions"_s, QJsonArray::fromStringList(p.dataActions)},
                        {u"notDataActions"_s, QJsonArray::fromStringList(p.notDataActions)}});
        }
        return HttpResponse::json(200, QJsonObject{{u"value"_s, value}});
    }

    if (kind != "roleassignments"_L1)
        return armError(
            404, u"InvalidResourceType"_s,
            u"The resource type '%1' could not be found in the namespace 'Microsoft.Authorization'."_s
                .arg(rest.value(0)));

    if (rest.size() == 1) {
        if (call.request.method != "GET")
            return armError(405, u"MethodNotAllowed"_s, u"The method is not allowed."_s);
        if (auto denied = authorize(call, u"Microsoft.Authorization/roleAssignments/read"_s, scope))
            return *denied;
        const QString filter = call.request.queryValue(u"$filter"_s).value_or(QString());
        const bool atScope = filter.contains("atScope()"_L1, Qt::CaseInsensitive);
        const auto principal = principalFilter(filter);
        QJsonArray value;
        for (const arm::RoleAssignment &a : assignments) {
            const bool above = arm::scopeContains(a.scope, scope);
            const bool below = arm::scopeContains(scope, a.scope);
            if (atScope ? !above : !(above || below))
                continue;
            if (principal && a.principalId.compare(*principal, Qt::CaseInsensitive) != 0)
                continue;
            value.append(arm::RoleSerializer::toJson(a));
        }
        return HttpResponse::json(200, QJsonObject{{u"value"_s, value}});
    }

    const QString name = rest[1];
    const QString id = (scope == "/"_L1 ? QString() : scope)
                       + u"/providers/Microsoft.Authorization/roleAssignments/"_s + name;
    auto existing =
        std::find_if(assignments.begin(), assignments.end(), [&](const arm::RoleAssignment &a) {
            return a.name.compare(name, Qt::CaseInsensitive) == 0
                   && arm::scopeContains(a.scope, scope) && arm::scopeContains(scope, a.scope);
        });
    if (call.request.method == "GET") {
        if (auto denied = authorize(call, u"Microsoft.Authorization/roleAssignments/read"_s, scope))
            return *denied;
        if (existing == assignments.end())
            return armError(404, u"RoleAssignmentNotFound"_s,
                            u"The role assignment '%1' is not found."_s.arg(name));
        return HttpResponse::json(200, arm::RoleSerializer::toJson(*existing));
    }
    if (call.request.method == "DELETE") {
        access::ConditionAttributes attributes;
        if (existing != assignments.end())
            attributes.insert(u"Resource:"_s + AssignmentAttribute, {existing->roleDefinitionId});
        if (auto denied = authorize(call, u"Microsoft.Authorization/roleAssignments/delete"_s,
                                    scope, attributes))
            return *denied;
        if (existing == assignments.end())
            return HttpResponse::empty(204);
        const QJsonObject json = arm::RoleSerializer::toJson(*existing);
        assignments.erase(existing);
        m_context.persist();
        return HttpResponse::json(200, json);
    }
    if (call.request.method != "PUT")
        return armError(405, u"MethodNotAllowed"_s, u"The method is not allowed."_s);

    HttpResponse error;
    const auto body = ArmHelpers::jsonBody(call.request, error);
    if (!body)
        return error;
    const QJsonObject props = body->value("properties"_L1).toObject();
    const QString roleDefinitionId = props.value("roleDefinitionId"_L1).toString();
    access::ConditionAttributes attributes;
    attributes.insert(u"Request:"_s + AssignmentAttribute, {roleDefinitionId});
    if (auto denied =
            authorize(call, u"Microsoft.Authorization/roleAssignments/write"_s, scope, attributes))
        return *denied;
    if (!access::Validation::guid(name))
        return armError(
            400, u"InvalidRoleAssignmentId"_s,
            u"The role assignment ID '%1' is not valid. The role assignment ID must be a GUID."_s
                .arg(name));
    const arm::RoleDefinition *role = catalogue.find(roleDefinitionId);
    if (!role)
        return armError(400, u"RoleDefinitionDoesNotExist"_s,
                        u"The specified role definition with ID '%1' does not exist."_s.arg(
                            arm::RoleDefinition::guidFromId(roleDefinitionId)));
    const QString principalId = props.value("principalId"_L1).toString();
    const Principal *principal = m_context.state.directory.principal(principalId);
    if (!principal)
        return armError(
            400, u"PrincipalNotFound"_s,
            u"Principal %1 does not exist in the directory %2. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype"_s
                .arg(principalId, call.caller.tenantId));
    for (const arm::RoleAssignment &a : assignments)
        if (a.principalId.compare(principalId, Qt::CaseInsensitive) == 0
            && arm::RoleDefinition::guidFromId(a.roleDefinitionId)
                       .compare(role->name, Qt::CaseInsensitive)
                   == 0
            && arm::scopeContains(a.scope, scope) && arm::scopeContains(scope, a.scope)
            && a.name.compare(name, Qt::CaseInsensitive) != 0)
            return armError(409, u"RoleAssignmentExists"_s,
                            u"The role assignment already exists."_s);
    arm::RoleAssignment a;
    a.id = id;
    a.name = name;
    a.scope = scope;
    a.roleDefinitionId = definitionId(scope, role->name);
    a.principalId = principal->objectId;
    a.principalType = props.value("principalType"_L1).toString(principalKindName(principal->kind));
    if (props.value("description"_L1).isString())
        a.description = props.value("description"_L1).toString();
    if (props.value("condition"_L1).isString()) {
        a.condition = props.value("condition"_L1).toString();
        a.conditionVersion = props.value("conditionVersion"_L1).toString(u"2.0"_s);
    }
    const QString now = QDateTime::fromSecsSinceEpoch(m_context.clock.nowSecsSinceEpoch(), Qt::UTC)
                            .toString(Qt::ISODate);
    a.createdOn = now;
    a.updatedOn = now;
    a.createdBy = call.caller.objectId;
    a.updatedBy = call.caller.objectId;
    if (existing != assignments.end())
        *existing = a;
    else
        assignments.append(a);
    m_context.persist();
    return HttpResponse::json(201, arm::RoleSerializer::toJson(a));
}

} // namespace vl::sandbox

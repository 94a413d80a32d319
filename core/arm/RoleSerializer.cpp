// SPDX-License-Identifier: GPL-3.0-or-later
#include "arm/RoleSerializer.h"

#include "util/Json.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace vl::arm {

QString RoleDefinition::guidFromId(const QString &roleDefinitionId)
{
    return roleDefinitionId.section(u'/', -1);
}

namespace RoleSerializer {

RolePermission permissionFromJson(const QJsonObject &po)
{
    RolePermission rp;
    rp.actions = json::stringList(po.value("actions"_L1));
    rp.notActions = json::stringList(po.value("notActions"_L1));
    rp.dataActions = json::stringList(po.value("dataActions"_L1));
    rp.notDataActions = json::stringList(po.value("notDataActions"_L1));
    rp.condition = json::optionalString(po, "condition"_L1);
    rp.conditionVersion = json::optionalString(po, "conditionVersion"_L1);
    return rp;
}

RoleDefinition definitionFromJson(const QJsonObject &o)
{
    RoleDefinition d;
    d.id = o.value("id"_L1).toString();
    d.name = o.value("name"_L1).toString();
    // The ARM shape nests everything under "properties"; the documentation's flat shape does not.
    const QJsonObject p =
        o.value("properties"_L1).isObject() ? o.value("properties"_L1).toObject() : o;
    d.roleName = p.value("roleName"_L1).toString();
    d.roleType = p.value(p.contains("roleType"_L1) ? "roleType"_L1 : "type"_L1).toString();
    d.description = p.value("description"_L1).toString();
    d.assignableScopes = json::stringList(p.value("assignableScopes"_L1));
    const QJsonArray perms = p.value("permissions"_L1).toArray();
    for (const QJsonValue &v : perms)
        d.permissions.append(permissionFromJson(v.toObject()));
    if (d.name.isEmpty())
        d.name = RoleDefinition::guidFromId(d.id);
    return d;
}

QJsonObject toJson(const RoleDefinition &d)
{
    QJsonArray perms;
    for (const RolePermission &rp : d.permissions) {
        QJsonObject po{{u"actions"_s, json::toArray(rp.actions)},
                       {u"notActions"_s, json::toArray(rp.notActions)},
                       {u"dataActions"_s, json::toArray(rp.dataActions)},
                       {u"notDataActions"_s, json::toArray(rp.notDataActions)}};
        json::insertOptional(po, "condition"_L1, rp.condition);
        json::insertOptional(po, "conditionVersion"_L1, rp.conditionVersion);
        perms.append(po);
    }
    const QJsonObject props{{u"roleName"_s, d.roleName},
                            {u"type"_s, d.roleType},
                            {u"description"_s, d.description},
                            {u"assignableScopes"_s, json::toArray(d.assignableScopes)},
                            {u"permissions"_s, perms}};
    return QJsonObject{{u"id"_s, d.id},
                       {u"name"_s, d.name},
                       {u"type"_s, u"Microsoft.Authorization/roleDefinitions"_s},
                       {u"properties"_s, props}};
}

RoleAssignment assignmentFromJson(const QJsonObject &o)
{
    RoleAssignment a;
    a.id = o.value("id"_L1).toString();
    a.name = o.value("name"_L1).toString();
    const QJsonObject p = o.value("properties"_L1).toObject();
    a.scope = p.value("scope"_L1).toString();
    a.roleDefinitionId = p.value("roleDefinitionId"_L1).toString();
    a.principalId = p.value("principalId"_L1).toString();
    a.principalType = p.value("principalType"_L1).toString();
    a.description = json::optionalString(p, "description"_L1);
    a.condition = json::optionalString(p, "condition"_L1);
    a.conditionVersion = json::optionalString(p, "conditionVersion"_L1);
    a.createdOn = json::optionalString(p, "createdOn"_L1);
    a.updatedOn = json::optionalString(p, "updatedOn"_L1);
    a.createdBy = json::optionalString(p, "createdBy"_L1);
    a.updatedBy = json::optionalString(p, "updatedBy"_L1);
    a.delegatedManagedIdentityResourceId =
        json::optionalString(p, "delegatedManagedIdentityResourceId"_L1);
    return a;
}

QJsonObject toJson(const RoleAssignment &a)
{
    QJsonObject p{{u"scope"_s, a.scope},
                  {u"roleDefinitionId"_s, a.roleDefinitionId},
                  {u"principalId"_s, a.principalId},
                  {u"principalType"_s, a.principalType}};
    json::insertOptional(p, "description"_L1, a.description);
    json::insertOptional(p, "condition"_L1, a.condition);
    json::insertOptional(p, "conditionVersion"_L1, a.conditionVersion);
    json::insertOptional(p, "createdOn"_L1, a.createdOn);
    json::insertOptional(p, "updatedOn"_L1, a.updatedOn);
    json::insertOptional(p, "createdBy"_L1, a.createdBy);
    json::insertOptional(p, "updatedBy"_L1, a.updatedBy);
    json::insertOptional(p, "delegatedManagedIdentityResourceId"_L1,
                         a.delegatedManagedIdentityResourceId);
    return QJsonObject{{u"id"_s, a.id},
                       {u"name"_s, a.name},
                       {u"type"_s, u"Microsoft.Authorization/roleAssignments"_s},
                       {u"properties"_s, p}};
}

} // namespace RoleSerializer
} // namespace vl::arm

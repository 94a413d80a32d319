// SPDX-License-Identifier: GPL-3.0-or-later
#include "arm/ArmRequestSerializer.h"

#include "arm/JsonReader.h"
#include "arm/VaultSerializer.h"
#include "util/Json.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace vl::arm {

bool VaultPatchProperties::isEmpty() const
{
    return !tenantId && !sku && !accessPolicies && !enabledForDeployment
           && !enabledForDiskEncryption && !enabledForTemplateDeployment && !enableSoftDelete
           && !enableRbacAuthorization && !softDeleteRetentionInDays && !createMode
           && !enablePurgeProtection && !networkAcls && !publicNetworkAccess && extra.isEmpty();
}

QString accessPolicyOperationName(AccessPolicyOperation operation)
{
    switch (operation) {
    case AccessPolicyOperation::Add:
        return u"add"_s;
    case AccessPolicyOperation::Replace:
        return u"replace"_s;
    case AccessPolicyOperation::Remove:
        return u"remove"_s;
    }
    return u"add"_s;
}

std::optional<AccessPolicyOperation> accessPolicyOperationFromName(const QString &name)
{
    for (const auto op : {AccessPolicyOperation::Add, AccessPolicyOperation::Replace,
                          AccessPolicyOperation::Remove})
        if (name.compare(accessPolicyOperationName(op), Qt::CaseInsensitive) == 0)
            return op;
    return std::nullopt;
}

namespace ArmRequestSerializer {
namespace {

using namespace JsonWriter;

std::optional<QList<AccessPolicyEntry>> accessPoliciesFromJson(JsonReader &r)
{
    const auto objects = r.optionalObjects("accessPolicies"_L1);
    if (!objects)
        return std::nullopt;
    QList<AccessPolicyEntry> out;
    out.reserve(objects->size());
    for (const QJsonObject &o : *objects)
        out.append(VaultSerializer::accessPolicyFromJson(o));
    return out;
}

QJsonArray toArray(const QList<AccessPolicyEntry> &entries)
{
    QJsonArray array;
    for (const AccessPolicyEntry &e : entries)
        array.append(VaultSerializer::toJson(e));
    return array;
}

Sku skuFromJson(const QJsonObject &o)
{
    JsonReader r(o);
    Sku sku;
    sku.family = r.optionalString("family"_L1).value_or(u"A"_s);
    sku.name = r.optionalString("name"_L1).value_or(u"standard"_s);
    sku.extra = r.rest();
    return sku;
}

QJsonObject toJson(const Sku &sku)
{
    QJsonObject o{{u"family"_s, sku.family}, {u"name"_s, sku.name}};
    overlay(o, sku.extra);
    return o;
}

VaultPatchProperties patchPropertiesFromJson(const QJsonObject &o)
{
    JsonReader r(o);
    VaultPatchProperties p;
    p.tenantId = r.optionalString("tenantId"_L1);
    if (const auto sku = r.optionalObject("sku"_L1))
        p.sku = skuFromJson(*sku);
    p.accessPolicies = accessPoliciesFromJson(r);
    p.enabledForDeployment = r.optionalBool("enabledForDeployment"_L1);
    p.enabledForDiskEncryption = r.optionalBool("enabledForDiskEncryption"_L1);
    p.enabledForTemplateDeployment = r.optionalBool("enabledForTemplateDeployment"_L1);
    p.enableSoftDelete = r.optionalBool("enableSoftDelete"_L1);
    p.enableRbacAuthorization = r.optionalBool("enableRbacAuthorization"_L1);
    p.softDeleteRetentionInDays = r.optionalInt("softDeleteRetentionInDays"_L1);
    p.createMode = r.optionalString("createMode"_L1);
    p.enablePurgeProtection = r.optionalBool("enablePurgeProtection"_L1);
    if (const auto acls = r.optionalObject("networkAcls"_L1))
        p.networkAcls = VaultSerializer::networkRuleSetFromJson(*acls);
    p.publicNetworkAccess = r.optionalString("publicNetworkAccess"_L1);
    p.extra = r.rest();
    return p;
}

QJsonObject toJson(const VaultPatchProperties &p)
{
    QJsonObject o;
    json::insertOptional(o, "tenantId"_L1, p.tenantId);
    if (p.sku)
        o.insert("sku"_L1, toJson(*p.sku));
    if (p.accessPolicies)
        o.insert("accessPolicies"_L1, toArray(*p.accessPolicies));
    json::insertOptional(o, "enabledForDeployment"_L1, p.enabledForDeployment);
    json::insertOptional(o, "enabledForDiskEncryption"_L1, p.enabledForDiskEncryption);
    json::insertOptional(o, "enabledForTemplateDeployment"_L1, p.enabledForTemplateDeployment);
    json::insertOptional(o, "enableSoftDelete"_L1, p.enableSoftDelete);
    json::insertOptional(o, "enableRbacAuthorization"_L1, p.enableRbacAuthorization);
    json::insertOptional(o, "softDeleteRetentionInDays"_L1, p.softDeleteRetentionInDays);
    json::insertOptional(o, "createMode"_L1, p.createMode);
    json::insertOptional(o, "enablePurgeProtection"_L1, p.enablePurgeProtection);
    if (p.networkAcls)
        o.insert("networkAcls"_L1, VaultSerializer::toJson(*p.networkAcls));
    json::insertOptional(o, "publicNetworkAccess"_L1, p.publicNetworkAccess);
    overlay(o, p.extra);
    return o;
}

} // namespace

VaultPatchParameters vaultPatchFromJson(const QJsonObject &o)
{
    JsonReader r(o);
    VaultPatchParameters patch;
    patch.tags = r.optionalStringMap("tags"_L1);
    if (const auto properties = r.optionalObject("properties"_L1))
        patch.properties = patchPropertiesFromJson(*properties);
    patch.extra = r.rest();
    return patch;
}

QJsonObject toJson(const VaultPatchParameters &patch)
{
    QJsonObject o;
    insertStringMap(o, "tags"_L1, patch.tags);
    if (!patch.properties.isEmpty())
        o.insert("properties"_L1, toJson(patch.properties));
    overlay(o, patch.extra);
    return o;
}

VaultAccessPolicyParameters accessPolicyParametersFromJson(const QJsonObject &o)
{
    JsonReader r(o);
    VaultAccessPolicyParameters a;
    a.id = r.optionalString("id"_L1);
    a.name = r.optionalString("name"_L1);
    a.type = r.optionalString("type"_L1);
    a.location = r.optionalString("location"_L1);
    if (const auto properties = r.optionalObject("properties"_L1)) {
        JsonReader p(*properties);
        a.accessPolicies = accessPoliciesFromJson(p).value_or(QList<AccessPolicyEntry>{});
        a.extraProperties = p.rest();
    }
    a.extra = r.rest();
    return a;
}

QJsonObject toJson(const VaultAccessPolicyParameters &a)
{
    QJsonObject o;
    json::insertOptional(o, "id"_L1, a.id);
    json::insertOptional(o, "name"_L1, a.name);
    json::insertOptional(o, "type"_L1, a.type);
    json::insertOptional(o, "location"_L1, a.location);
    QJsonObject properties{{u"accessPolicies"_s, toArray(a.accessPolicies)}};
    overlay(properties, a.extraProperties);
    o.insert("properties"_L1, properties);
    overlay(o, a.extra);
    return o;
}

RoleAssignmentCreateParameters roleAssignmentCreateFromJson(const QJsonObject &o)
{
    RoleAssignmentCreateParameters c;
    JsonReader p(o.value("properties"_L1).toObject());
    c.roleDefinitionId = p.optionalString("roleDefinitionId"_L1).value_or(QString());
    c.principalId = p.optionalString("principalId"_L1).value_or(QString());
    c.principalType = p.optionalString("principalType"_L1);
    c.description = p.optionalString("description"_L1);
    c.condition = p.optionalString("condition"_L1);
    c.conditionVersion = p.optionalString("conditionVersion"_L1);
    c.delegatedManagedIdentityResourceId =
        p.optionalString("delegatedManagedIdentityResourceId"_L1);
    c.extraProperties = p.rest();
    return c;
}

QJsonObject toJson(const RoleAssignmentCreateParameters &c)
{
    QJsonObject p{{u"roleDefinitionId"_s, c.roleDefinitionId}, {u"principalId"_s, c.principalId}};
    json::insertOptional(p, "principalType"_L1, c.principalType);
    json::insertOptional(p, "description"_L1, c.description);
    json::insertOptional(p, "condition"_L1, c.condition);
    json::insertOptional(p, "conditionVersion"_L1, c.conditionVersion);
    json::insertOptional(p, "delegatedManagedIdentityResourceId"_L1,
                         c.delegatedManagedIdentityResourceId);
    overlay(p, c.extraProperties);
    return QJsonObject{{u"properties"_s, p}};
}

} // namespace ArmRequestSerializer
} // namespace vl::arm

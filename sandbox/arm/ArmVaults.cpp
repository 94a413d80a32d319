// SPDX-License-Identifier: GPL-3.0-or-later
// Microsoft.KeyVault/vaults in Resource Manager (api-version 2026-02-01 and the older
// versions clients send): get, list, create or update, PATCH, delete, the incremental
// accessPolicies/{add|replace|remove} operations and checkNameAvailability
// (PROTOCOL.md §5.1-§5.4). Private endpoint connections are in ArmPrivateEndpoints.cpp.
#include "access/Ipv4.h"
#include "access/PermissionCatalogue.h"
#include "access/Validation.h"
#include "arm/ArmHelpers.h"
#include "arm/ArmService.h"
#include "arm/ResourceId.h"
#include "arm/VaultSerializer.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace vl::sandbox {
namespace {

const QString ReadAction = u"Microsoft.KeyVault/vaults/read"_s;
const QString WriteAction = u"Microsoft.KeyVault/vaults/write"_s;
const QString DeleteAction = u"Microsoft.KeyVault/vaults/delete"_s;
const QString PoliciesAction = u"Microsoft.KeyVault/vaults/accessPolicies/write"_s;

HttpResponse badRequest(const QString &message)
{
    return armError(400, u"BadRequest"_s, message);
}

/// The forms the service stores: IP rules as a.b.c.d/n, subnet ids in lower case.
void normalizeNetworkRules(arm::NetworkRuleSet &rules)
{
    if (rules.ipRules)
        for (arm::IpRule &r : *rules.ipRules)
            if (const auto range = access::Ipv4Range::parse(r.value.trimmed()))
                r.value = range->toCanonicalString();
    if (rules.virtualNetworkRules)
        for (arm::VirtualNetworkRule &r : *rules.virtualNetworkRules)
            r.id = r.id.toLower();
}

/// Checks the properties a client may set; a 400 answer for the first problem.
std::optional<HttpResponse> validateProperties(const arm::VaultProperties &p)
{
    if (const auto r = access::Validation::guid(p.tenantId); !r)
        return badRequest(u"properties.tenantId: "_s + r.message);
    if (p.sku.name.compare("standard"_L1, Qt::CaseInsensitive) != 0
        && p.sku.name.compare("premium"_L1, Qt::CaseInsensitive) != 0)
        return badRequest(
            u"properties.sku.name must be standard or premium, not '%1'."_s.arg(p.sku.name));
    if (p.networkAcls)
        if (const auto r = access::Validation::networkRuleSet(*p.networkAcls); !r)
            return badRequest(u"properties.networkAcls: "_s + r.message);
    if (p.accessPolicies)
        if (const auto r = access::Validation::accessPolicies(*p.accessPolicies, p.tenantId); !r)
            return badRequest(u"properties.accessPolicies: "_s + r.message);
    if (p.softDeleteRetentionInDays
        && (*p.softDeleteRetentionInDays < 7 || *p.softDeleteRetentionInDays > 90))
        return badRequest(u"properties.softDeleteRetentionInDays must be between 7 and 90."_s);
    if (p.publicNetworkAccess
        && p.publicNetworkAccess->compare("Enabled"_L1, Qt::CaseInsensitive) != 0
        && p.publicNetworkAccess->compare("Disabled"_L1, Qt::CaseInsensitive) != 0)
        return badRequest(u"properties.publicNetworkAccess must be Enabled or Disabled."_s);
    return std::nullopt;
}

/// Changes the service refuses whatever the caller's rights (PROTOCOL.md §5.4).
std::optional<HttpResponse> checkIrreversible(const arm::VaultProperties &before,
                                              const arm::VaultProperties &after)
{
    if (before.enableSoftDelete.value_or(true) && after.enableSoftDelete == false)
        return badRequest(
            u"The property \"enableSoftDelete\" has been set to true previously and cannot be set to false."_s);
    if (before.enablePurgeProtection.value_or(false) && after.enablePurgeProtection == false)
        return badRequest(
            u"The property \"enablePurgeProtection\" has been set to true previously and cannot be set to false."_s);
    return std::nullopt;
}

QStringList mergeLists(const QStringList &a, const QStringList &b)
{
    QStringList out = a;
    for (const QString &x : b)
        if (!out.contains(x, Qt::CaseInsensitive))
            out.append(x);
    return out;
}

QStringList subtractLists(const QStringList &a, const QStringList &b)
{
    QStringList out;
    for (const QString &x : a)
        if (!b.contains(x, Qt::CaseInsensitive))
            out.append(x);
    return out;
}

using ListOp = QStringList (*)(const QStringList &, const QStringList &);

void combine(std::optional<QStringList> &target, const std::optional<QStringList> &given, ListOp op)
{
    if (!given)
        return;
    target = op(target.value_or(QStringList{}), *given);
}

bool sameIdentity(const arm::AccessPolicyEntry &a, const arm::AccessPolicyEntry &b)
{
    return a.tenantId.compare(b.tenantId, Qt::CaseInsensitive) == 0
           && a.objectId.compare(b.objectId, Qt::CaseInsensitive) == 0
           && a.applicationId.value_or(QString()).compare(b.applicationId.value_or(QString()),
                                                          Qt::CaseInsensitive)
                  == 0;
}

bool isEmpty(const arm::Permissions &p)
{
    return p.keys.value_or(QStringList{}).isEmpty() && p.secrets.value_or(QStringList{}).isEmpty()
           && p.certificates.value_or(QStringList{}).isEmpty()
           && p.storage.value_or(QStringList{}).isEmpty();
}

/// accessPolicies/add merges permissions into an existing entry (or appends one);
/// replace sets the entry's lists; remove takes permissions away and drops the entry
/// once it has none left.
void applyPolicyUpdate(QList<arm::AccessPolicyEntry> &policies, const arm::AccessPolicyEntry &given,
                       const QString &kind)
{
    auto it = std::find_if(policies.begin(), policies.end(),
                           [&](const arm::AccessPolicyEntry &e) { return sameIdentity(e, given); });
    if (kind == "remove"_L1) {
        if (it == policies.end())
            return;
        combine(it->permissions.keys, given.permissions.keys, subtractLists);
        combine(it->permissions.secrets, given.permissions.secrets, subtractLists);
        combine(it->permissions.certificates, given.permissions.certificates, subtractLists);
        combine(it->permissions.storage, given.permissions.storage, subtractLists);
        if (isEmpty(it->permissions))
            policies.erase(it);
        return;
    }
    if (it == policies.end()) {
        policies.append(given);
        return;
    }
    if (kind == "replace"_L1) {
        it->permissions = given.permissions;
        return;
    }
    combine(it->permissions.keys, given.permissions.keys, mergeLists);
    combine(it->permissions.secrets, given.permissions.secrets, mergeLists);
    combine(it->permissions.certificates, given.permissions.certificates, mergeLists);
    combine(it->permissions.storage, given.permissions.storage, mergeLists);
}

QJsonObject vaultJson(const VaultRecord &record)
{
    return arm::VaultSerializer::toJson(record.resource);
}

} // namespace

HttpResponse ArmService::vaults(ArmCall &call)
{
    const QStringList &s = call.segments;
    if (!ArmHelpers::vaultApiVersions().contains(call.apiVersion))
        return armError(
            400, u"NoRegisteredProviderFound"_s,
            u"No registered resource provider found for location 'westeurope' and API version '%1' for type 'vaults'. The supported api-versions are '%2'. The supported locations are 'westeurope, northeurope, eastus, westus'."_s
                .arg(call.apiVersion, ArmHelpers::vaultApiVersions().join(u", "_s)));
    const QString subscription = s[1];
    const bool atGroup = s[2].compare("resourceGroups"_L1, Qt::CaseInsensitive) == 0;
    const qsizetype typeIndex = atGroup ? 6 : 4;
    const QString group = atGroup ? s[3] : QString();
    if (atGroup && !m_context.state.resourceGroup(subscription, group))
        return armError(404, u"ResourceGroupNotFound"_s,
                        u"Resource group '%1' could not be found."_s.arg(group));
    const QString type = s.value(typeIndex);

    if (!atGroup && type.compare("checkNameAvailability"_L1, Qt::CaseInsensitive) == 0
        && call.request.method == "POST") {
        HttpResponse error;
        const auto body = ArmHelpers::jsonBody(call.request, error);
        if (!body)
            return error;
        const QString name = body->value("name"_L1).toString();
        if (const auto r = access::Validation::vaultName(name); !r)
            return HttpResponse::json(200, QJsonObject{{u"nameAvailable"_s, false},
                                                       {u"reason"_s, u"AccountNameInvalid"_s},
                                                       {u"message"_s, r.message}});
        if (m_context.state.vaultByName(name))
            return HttpResponse::json(
                200,
                QJsonObject{
                    {u"nameAvailable"_s, false},
                    {u"reason"_s, u"AlreadyExists"_s},
                    {u"message"_s,
                     u"The vault name '%1' is already in use. Vault names are globally unique so it is possible that the name is already taken."_s
                         .arg(name)}});
        return HttpResponse::json(200, QJsonObject{{u"nameAvailable"_s, true}});
    }
    if (type.compare("vaults"_L1, Qt::CaseInsensitive) != 0)
        return armError(
            404, u"InvalidResourceType"_s,
            u"The resource type '%1' could not be found in the namespace 'Microsoft.KeyVault' for api version '%2'."_s
                .arg(type, call.apiVersion));

    // Lists: every vault of the subscription or group the caller may read.
    if (s.size() == typeIndex + 1) {
        if (call.request.method != "GET")
            return armError(405, u"MethodNotAllowed"_s, u"The method is not allowed."_s);
        QJsonArray value;
        for (const VaultRecord &v : m_context.state.vaults) {
            const arm::ResourceId id = arm::ResourceId::parse(v.resource.id);
            if (id.subscriptionId.compare(subscription, Qt::CaseInsensitive) != 0)
                continue;
            if (atGroup && id.resourceGroup.compare(group, Qt::CaseInsensitive) != 0)
                continue;
            if (allowed(call, ReadAction, v.resource.id))
                value.append(vaultJson(v));
        }
        return HttpResponse::json(200, QJsonObject{{u"value"_s, value}});
    }
    if (!atGroup)
        return armError(404, u"InvalidResourceType"_s, u"The resource type could not be found."_s);

    const QString name = s[typeIndex + 1];
    const QString id = u"/subscriptions/"_s + subscription + u"/resourceGroups/"_s + group
                       + u"/providers/Microsoft.KeyVault/vaults/"_s + name;
    VaultRecord *record = m_context.state.vaultById(id);

    if (s.size() == typeIndex + 4
        && s[typeIndex + 2].compare("accessPolicies"_L1, Qt::CaseInsensitive) == 0) {
        const QString kind = s[typeIndex + 3].toLower();
        if (call.request.method != "PUT"
            || (kind != "add"_L1 && kind != "replace"_L1 && kind != "remove"_L1))
            return armError(400, u"BadRequest"_s,
                            u"The access policy operation must be PUT add, replace or remove."_s);
        if (auto denied = authorize(call, PoliciesAction, id))
            return *denied;
        if (!record)
            return ArmHelpers::vaultNotFound(name, group);
        HttpResponse error;
        const auto body = ArmHelpers::jsonBody(call.request, error);
        if (!body)
            return error;
        QList<arm::AccessPolicyEntry> given;
        for (const QJsonValue &v :
             body->value("properties"_L1).toObject().value("accessPolicies"_L1).toArray())
            given.append(arm::VaultSerializer::accessPolicyFromJson(v.toObject()));
        if (given.isEmpty())
            return badRequest(u"properties.accessPolicies must list at least one entry."_s);
        if (given.size() > access::Validation::MaxAccessPoliciesPerUpdate)
            return badRequest(
                u"At most %1 access policies can be updated in one request; %2 were given."_s
                    .arg(access::Validation::MaxAccessPoliciesPerUpdate)
                    .arg(given.size()));
        for (const arm::AccessPolicyEntry &e : given)
            if (const auto r =
                    access::Validation::accessPolicyEntry(e, record->resource.properties.tenantId);
                !r)
                return badRequest(r.message);
        QList<arm::AccessPolicyEntry> policies =
            record->resource.properties.accessPolicies.value_or(QList<arm::AccessPolicyEntry>{});
        for (const arm::AccessPolicyEntry &e : given)
            applyPolicyUpdate(policies, e, kind);
        if (policies.size() > access::Validation::MaxAccessPolicies)
            return badRequest(u"A vault takes at most %1 access policies."_s.arg(
                access::Validation::MaxAccessPolicies));
        record->resource.properties.accessPolicies = policies;
        m_context.persist();
        QJsonArray echoed;
        for (const arm::AccessPolicyEntry &e : given)
            echoed.append(arm::VaultSerializer::toJson(e));
        return HttpResponse::json(
            200, QJsonObject{{u"id"_s, QString(id + u"/accessPolicies/"_s + kind)},
                             {u"name"_s, kind},
                             {u"type"_s, u"Microsoft.KeyVault/vaults/accessPolicies"_s},
                             {u"properties"_s, QJsonObject{{u"accessPolicies"_s, echoed}}}});
    }
    if (s.size() >= typeIndex + 3
        && s[typeIndex + 2].compare("privateEndpointConnections"_L1, Qt::CaseInsensitive) == 0)
        return privateEndpointConnections(call, id, group, s.mid(typeIndex + 3));
    if (s.size() != typeIndex + 2)
        return armError(404, u"InvalidResourceType"_s, u"The resource type could not be found."_s);

    if (call.request.method == "GET") {
        if (auto denied = authorize(call, ReadAction, id))
            return *denied;
        if (!record)
            return ArmHelpers::vaultNotFound(name, group);
        return HttpResponse::json(200, vaultJson(*record));
    }
    if (call.request.method == "DELETE") {
        if (auto denied = authorize(call, DeleteAction, id))
            return *denied;
        if (!record)
            return HttpResponse::empty(204);
        m_context.state.vaults.removeIf([&](const VaultRecord &v) {
            return v.resource.id.compare(id, Qt::CaseInsensitive) == 0;
        });
        m_context.persist();
        return HttpResponse::empty(200);
    }
    if (call.request.method != "PUT" && call.request.method != "PATCH")
        return armError(405, u"MethodNotAllowed"_s, u"The method is not allowed."_s);

    if (auto denied = authorize(call, WriteAction, id))
        return *denied;
    HttpResponse error;
    const auto body = ArmHelpers::jsonBody(call.request, error);
    if (!body)
        return error;
    const bool patch = call.request.method == "PATCH";
    if (patch && !record)
        return ArmHelpers::vaultNotFound(name, group);
    if (const auto r = access::Validation::vaultName(name); !r)
        return armError(
            400, u"VaultNameNotValid"_s,
            u"The vault name '%1' is invalid. %2 Follow this link for more information: https://go.microsoft.com/fwlink/?linkid=2147742"_s
                .arg(name, r.message));
    if (!record && m_context.state.vaultByName(name))
        return armError(
            409, u"VaultAlreadyExists"_s,
            u"The vault name '%1' is already in use. Vault names are globally unique so it is possible that the name is already taken."_s
                .arg(name));

    VaultRecord updated = record ? *record : VaultRecord{};
    const QJsonObject props = body->value("properties"_L1).toObject();
    if (patch) {
        // Only the properties given change; lists given replace the stored ones whole.
        QJsonObject merged = arm::VaultSerializer::toJson(updated.resource.properties);
        for (auto it = props.begin(); it != props.end(); ++it)
            merged.insert(it.key(), it.value());
        updated.resource.properties = arm::VaultSerializer::propertiesFromJson(merged);
        if (body->contains("tags"_L1))
            updated.resource.tags = arm::VaultSerializer::vaultFromJson(*body).tags;
    } else {
        if (!body->value("location"_L1).isString())
            return badRequest(u"The 'location' property is required."_s);
        if (!props.contains("tenantId"_L1) || !props.contains("sku"_L1))
            return badRequest(
                u"The 'properties.tenantId' and 'properties.sku' properties are required."_s);
        const arm::Vault given = arm::VaultSerializer::vaultFromJson(*body);
        arm::VaultProperties p = given.properties;
        if (record) {
            p.vaultUri = record->resource.properties.vaultUri;
            p.hsmPoolResourceId = record->resource.properties.hsmPoolResourceId;
            p.privateEndpointConnections = record->resource.properties.privateEndpointConnections;
        }
        if (!p.enableRbacAuthorization && !record && call.apiVersion >= u"2026-02-01"_s)
            p.enableRbacAuthorization = true; // the default from 2026-02-01 on
        if (!p.enableSoftDelete)
            p.enableSoftDelete = true;
        if (!p.softDeleteRetentionInDays)
            p.softDeleteRetentionInDays = 90;
        if (!p.accessPolicies)
            p.accessPolicies = QList<arm::AccessPolicyEntry>{};
        updated.resource.id = id;
        updated.resource.name = name;
        updated.resource.location = given.location;
        updated.resource.tags = given.tags.value_or(QMap<QString, QString>{});
        updated.resource.properties = p;
    }
    auto &p = updated.resource.properties;
    p.provisioningState = u"Succeeded"_s;
    if (p.networkAcls)
        normalizeNetworkRules(*p.networkAcls);
    if (const auto problem = validateProperties(p))
        return *problem;
    if (record)
        if (const auto problem = checkIrreversible(record->resource.properties, p))
            return *problem;
    const bool modelChanges =
        record ? record->resource.properties.usesRbac() != p.usesRbac() : false;
    if (modelChanges)
        if (auto denied = authorize(call, u"Microsoft.Authorization/roleAssignments/write"_s, id))
            return *denied;

    if (!record) {
        updated.resource.systemData = QJsonObject{
            {u"createdBy"_s, call.caller.displayName},
            {u"createdByType"_s,
             call.caller.kind == access::Caller::Kind::User ? u"User"_s : u"Application"_s},
            {u"createdAt"_s,
             QDateTime::fromSecsSinceEpoch(m_context.clock.nowSecsSinceEpoch(), Qt::UTC)
                 .toString(Qt::ISODate)}};
        m_context.state.vaults.append(updated);
        VaultRecord &stored = m_context.state.vaults.last();
        if (!m_openVault(stored)) {
            m_context.state.vaults.removeLast();
            return armError(500, u"InternalServerError"_s,
                            u"The sandbox could not open an origin for the new vault."_s);
        }
        m_context.persist();
        return HttpResponse::json(201, vaultJson(stored));
    }
    *record = updated;
    m_context.persist();
    return HttpResponse::json(200, vaultJson(*record));
}

} // namespace vl::sandbox

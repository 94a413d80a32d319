// SPDX-License-Identifier: GPL-3.0-or-later
#include "state/SandboxState.h"

#include "arm/RoleSerializer.h"
#include "arm/VaultSerializer.h"
#include "util/Json.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace vl::sandbox {
namespace {

constexpr int StateFormat = 1;

QJsonObject principalToJson(const Principal &p)
{
    QJsonObject o{{u"kind"_s, int(p.kind)},
                  {u"objectId"_s, p.objectId},
                  {u"tenantId"_s, p.tenantId},
                  {u"displayName"_s, p.displayName}};
    auto put = [&](QLatin1StringView key, const QString &value) {
        if (!value.isEmpty())
            o.insert(key, value);
    };
    put("userPrincipalName"_L1, p.userPrincipalName);
    put("appId"_L1, p.appId);
    put("clientSecret"_L1, p.clientSecret);
    put("certificateThumbprint"_L1, p.certificateThumbprint);
    put("certificatePublicKeyPem"_L1, QString::fromLatin1(p.certificatePublicKeyPem));
    put("jobTitle"_L1, p.jobTitle);
    if (!p.members.isEmpty())
        o.insert("members"_L1, json::toArray(p.members));
    if (!p.guestIn.isEmpty())
        o.insert("guestIn"_L1, json::toArray(p.guestIn));
    if (p.trustedService)
        o.insert("trustedService"_L1, true);
    if (p.deleted)
        o.insert("deleted"_L1, true);
    return o;
}

Principal principalFromJson(const QJsonObject &o)
{
    Principal p;
    p.kind = PrincipalKind(o.value("kind"_L1).toInt());
    p.objectId = o.value("objectId"_L1).toString();
    p.tenantId = o.value("tenantId"_L1).toString();
    p.displayName = o.value("displayName"_L1).toString();
    p.userPrincipalName = o.value("userPrincipalName"_L1).toString();
    p.appId = o.value("appId"_L1).toString();
    p.clientSecret = o.value("clientSecret"_L1).toString();
    p.certificateThumbprint = o.value("certificateThumbprint"_L1).toString();
    p.certificatePublicKeyPem = o.value("certificatePublicKeyPem"_L1).toString().toLatin1();
    p.jobTitle = o.value("jobTitle"_L1).toString();
    p.members = json::stringList(o.value("members"_L1));
    p.guestIn = json::stringList(o.value("guestIn"_L1));
    p.trustedService = o.value("trustedService"_L1).toBool();
    p.deleted = o.value("deleted"_L1).toBool();
    return p;
}

} // namespace

QString ResourceGroup::id() const
{
    return u"/subscriptions/"_s + subscriptionId + u"/resourceGroups/"_s + name;
}

const Subscription *SandboxState::subscription(const QString &id) const
{
    for (const Subscription &s : subscriptions)
        if (s.id.compare(id, Qt::CaseInsensitive) == 0)
            return &s;
    return nullptr;
}

const ResourceGroup *SandboxState::resourceGroup(const QString &subscriptionId,
                                                 const QString &name) const
{
    for (const ResourceGroup &g : resourceGroups)
        if (g.subscriptionId.compare(subscriptionId, Qt::CaseInsensitive) == 0
            && g.name.compare(name, Qt::CaseInsensitive) == 0)
            return &g;
    return nullptr;
}

VaultRecord *SandboxState::vaultByName(const QString &name)
{
    for (VaultRecord &v : vaults)
        if (v.resource.name.compare(name, Qt::CaseInsensitive) == 0)
            return &v;
    return nullptr;
}

VaultRecord *SandboxState::vaultByPort(quint16 port)
{
    for (VaultRecord &v : vaults)
        if (v.port == port)
            return &v;
    return nullptr;
}

VaultRecord *SandboxState::vaultById(const QString &resourceId)
{
    for (VaultRecord &v : vaults)
        if (v.resource.id.compare(resourceId, Qt::CaseInsensitive) == 0)
            return &v;
    return nullptr;
}

QJsonObject SandboxState::toJson() const
{
    QJsonArray tenants;
    for (const Tenant &t : directory.tenants)
        tenants.append(
            QJsonObject{{u"id"_s, t.id},
                        {u"domain"_s, t.domain},
                        {u"displayName"_s, t.displayName},
                        {u"keyId"_s, t.keyId},
                        {u"signingKeyPem"_s, QString::fromLatin1(t.signingKey.privateKeyPem())}});
    QJsonArray principals;
    for (const Principal &p : directory.principals)
        principals.append(principalToJson(p));
    QJsonArray applications;
    for (const Application &a : directory.applications)
        applications.append(QJsonObject{{u"appId"_s, a.appId},
                                        {u"displayName"_s, a.displayName},
                                        {u"publicClient"_s, a.publicClient}});
    QJsonArray subs;
    for (const Subscription &s : subscriptions)
        subs.append(QJsonObject{{u"id"_s, s.id},
                                {u"displayName"_s, s.displayName},
                                {u"tenantId"_s, s.tenantId},
                                {u"state"_s, s.state},
                                {u"managementGroups"_s, json::toArray(s.managementGroups)}});
    QJsonArray groups;
    for (const ResourceGroup &g : resourceGroups)
        groups.append(QJsonObject{{u"subscriptionId"_s, g.subscriptionId},
                                  {u"name"_s, g.name},
                                  {u"location"_s, g.location},
                                  {u"tags"_s, json::fromStringMap(g.tags)}});
    QJsonArray vaultArray;
    for (const VaultRecord &v : vaults)
        vaultArray.append(QJsonObject{{u"resource"_s, arm::VaultSerializer::toJson(v.resource)},
                                      {u"port"_s, int(v.port)},
                                      {u"data"_s, sandbox::toJson(v.data)}});
    QJsonArray assignments;
    for (const arm::RoleAssignment &a : roleAssignments)
        assignments.append(arm::RoleSerializer::toJson(a));
    QJsonObject refresh;
    for (auto it = refreshTokens.begin(); it != refreshTokens.end(); ++it)
        refresh.insert(it.key(), QJsonObject{{u"principalId"_s, it->principalId},
                                             {u"tenantId"_s, it->tenantId},
                                             {u"clientId"_s, it->clientId},
                                             {u"issuedAt"_s, double(it->issuedAt)}});
    return QJsonObject{{u"format"_s, StateFormat},
                       {u"tenants"_s, tenants},
                       {u"principals"_s, principals},
                       {u"applications"_s, applications},
                       {u"subscriptions"_s, subs},
                       {u"resourceGroups"_s, groups},
                       {u"vaults"_s, vaultArray},
                       {u"roleAssignments"_s, assignments},
                       {u"refreshTokens"_s, refresh},
                       {u"clientAddress"_s, clientAddress},
                       {u"publicClientId"_s, publicClientId}};
}

std::optional<SandboxState> SandboxState::fromJson(const QJsonObject &o, QString *error)
{
    if (o.value("format"_L1).toInt() != StateFormat) {
        if (error)
            *error = u"unknown state format %1"_s.arg(o.value("format"_L1).toInt());
        return std::nullopt;
    }
    SandboxState s;
    for (const QJsonValue &v : o.value("tenants"_L1).toArray()) {
        const QJsonObject t = v.toObject();
        auto key = KeyPair::fromPrivateKeyPem(t.value("signingKeyPem"_L1).toString().toLatin1());
        if (!key) {
            if (error)
                *error = u"the signing key of tenant %1 is unreadable"_s.arg(
                    t.value("id"_L1).toString());
            return std::nullopt;
        }
        s.directory.tenants.append(
            Tenant{t.value("id"_L1).toString(), t.value("domain"_L1).toString(),
                   t.value("displayName"_L1).toString(), *key, t.value("keyId"_L1).toString()});
    }
    for (const QJsonValue &v : o.value("principals"_L1).toArray())
        s.directory.principals.append(principalFromJson(v.toObject()));
    for (const QJsonValue &v : o.value("applications"_L1).toArray()) {
        const QJsonObject a = v.toObject();
        s.directory.applications.append(Application{a.value("appId"_L1).toString(),
                                                    a.value("displayName"_L1).toString(),
                                                    a.value("publicClient"_L1).toBool(true)});
    }
    for (const QJsonValue &v : o.value("subscriptions"_L1).toArray()) {
        const QJsonObject x = v.toObject();
        s.subscriptions.append(Subscription{
            x.value("id"_L1).toString(), x.value("displayName"_L1).toString(),
            x.value("tenantId"_L1).toString(), x.value("state"_L1).toString(u"Enabled"_s),
            json::stringList(x.value("managementGroups"_L1))});
    }
    for (const QJsonValue &v : o.value("resourceGroups"_L1).toArray()) {
        const QJsonObject x = v.toObject();
        s.resourceGroups.append(ResourceGroup{
            x.value("subscriptionId"_L1).toString(), x.value("name"_L1).toString(),
            x.value("location"_L1).toString(),
            json::optionalStringMap(x, "tags"_L1).value_or(QMap<QString, QString>{})});
    }
    for (const QJsonValue &v : o.value("vaults"_L1).toArray()) {
        const QJsonObject x = v.toObject();
        s.vaults.append(VaultRecord{
            arm::VaultSerializer::vaultFromJson(x.value("resource"_L1).toObject()),
            quint16(x.value("port"_L1).toInt()), vaultDataFromJson(x.value("data"_L1).toObject())});
    }
    for (const QJsonValue &v : o.value("roleAssignments"_L1).toArray())
        s.roleAssignments.append(arm::RoleSerializer::assignmentFromJson(v.toObject()));
    const QJsonObject refresh = o.value("refreshTokens"_L1).toObject();
    for (auto it = refresh.begin(); it != refresh.end(); ++it) {
        const QJsonObject r = it.value().toObject();
        s.refreshTokens.insert(it.key(), RefreshGrant{r.value("principalId"_L1).toString(),
                                                      r.value("tenantId"_L1).toString(),
                                                      r.value("clientId"_L1).toString(),
                                                      qint64(r.value("issuedAt"_L1).toDouble())});
    }
    s.clientAddress = o.value("clientAddress"_L1).toString();
    s.publicClientId = o.value("publicClientId"_L1).toString();
    return s;
}

bool SandboxState::save(const QString &dir, QString *error) const
{
    QSaveFile file(QDir(dir).filePath(u"state.json"_s));
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(toJson()).toJson(QJsonDocument::Compact));
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

std::optional<SandboxState> SandboxState::load(const QString &dir, QString *error)
{
    QFile file(QDir(dir).filePath(u"state.json"_s));
    if (!file.exists())
        return std::nullopt;
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = u"state.json is not valid JSON: "_s + parseError.errorString();
        return std::nullopt;
    }
    return fromJson(doc.object(), error);
}

} // namespace vl::sandbox

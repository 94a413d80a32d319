// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccessFixtures.h"

using namespace Qt::StringLiterals;

namespace vl::test {

QString subscriptionScope()
{
    return u"/subscriptions/"_s + SubscriptionId;
}

QString resourceGroupId()
{
    return subscriptionScope() + u"/resourceGroups/rg-demo"_s;
}

QString vaultId(const QString &name)
{
    return resourceGroupId() + u"/providers/Microsoft.KeyVault/vaults/"_s + name;
}

arm::Vault makeVault(const QString &name)
{
    arm::Vault v;
    v.name = name;
    v.id = vaultId(name);
    v.location = u"westeurope"_s;
    v.properties.tenantId = TenantId;
    v.properties.vaultUri = u"https://"_s + name + u".vault.azure.net/"_s;
    v.properties.accessPolicies = QList<arm::AccessPolicyEntry>{};
    return v;
}

arm::AccessPolicyEntry policy(const QString &objectId, const QStringList &secrets,
                              const QStringList &keys, const QStringList &certificates)
{
    arm::AccessPolicyEntry e;
    e.tenantId = TenantId;
    e.objectId = objectId;
    e.permissions.secrets = secrets;
    e.permissions.keys = keys;
    e.permissions.certificates = certificates;
    return e;
}

access::TokenFacts validToken(qint64 now, const QString &tenant)
{
    access::TokenFacts t;
    t.audience = u"https://vault.azure.net"_s;
    t.tenantId = tenant;
    t.issuer = access::Caller::stsIssuer(tenant);
    t.notBefore = now - 60;
    t.expiresOn = now + 3600;
    t.encodedHeader = u"eyJhbGciOiJSUzI1NiJ9"_s;
    return t;
}

access::Caller user(const QString &objectId)
{
    access::Caller c;
    c.kind = access::Caller::Kind::User;
    c.objectId = objectId;
    c.applicationId = AppId;
    c.tenantId = TenantId;
    c.displayName = u"alice@contoso.example"_s;
    c.token = validToken(Now);
    return c;
}

access::Arrival publicArrival(const QString &address)
{
    access::Arrival a;
    a.path = access::Arrival::Path::PublicInternet;
    a.clientAddress = address;
    return a;
}

arm::RoleAssignment assignment(const QString &principal, QLatin1StringView roleGuid,
                               const QString &scope)
{
    arm::RoleAssignment a;
    a.name = u"%1"_s.arg(qHash(principal + scope + roleGuid), 8, 16, QChar(u'0'));
    a.scope = scope;
    a.id = scope + u"/providers/Microsoft.Authorization/roleAssignments/"_s + a.name;
    a.roleDefinitionId =
        subscriptionScope() + u"/providers/Microsoft.Authorization/roleDefinitions/"_s + roleGuid;
    a.principalId = principal;
    return a;
}

} // namespace vl::test

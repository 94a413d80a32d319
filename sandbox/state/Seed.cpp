// SPDX-License-Identifier: GPL-3.0-or-later
#include "state/Seed.h"

#include "access/RoleCatalogue.h"
#include "auth/Base64Url.h"
#include "state/CertificateStore.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QUuid>

#include <future>
#include <vector>

using namespace Qt::StringLiterals;

namespace vl::sandbox {
namespace {

using namespace DemoIds;
constexpr qint64 Day = 86400;

std::optional<Tenant> makeTenant(const QString &id, const QString &domain, const QString &name)
{
    auto key = KeyPair::generateRsa(2048);
    if (!key)
        return std::nullopt;
    const QByteArray thumbprint =
        QCryptographicHash::hash(key->publicKeyDer(), QCryptographicHash::Sha1);
    return Tenant{id, domain, name, *key, QString::fromLatin1(base64UrlEncode(thumbprint))};
}

Principal user(const QString &oid, const QString &tenant, const QString &upn, const QString &name,
               const QString &title)
{
    Principal p;
    p.kind = PrincipalKind::User;
    p.objectId = oid;
    p.tenantId = tenant;
    p.userPrincipalName = upn;
    p.displayName = name;
    p.jobTitle = title;
    return p;
}

Principal servicePrincipal(const QString &oid, const QString &appId, const QString &name,
                           const QString &secret)
{
    Principal p;
    p.kind = PrincipalKind::ServicePrincipal;
    p.objectId = oid;
    p.tenantId = ContosoTenant;
    p.appId = appId;
    p.displayName = name;
    p.clientSecret = secret;
    return p;
}

Principal group(const QString &oid, const QString &name, const QStringList &members)
{
    Principal p;
    p.kind = PrincipalKind::Group;
    p.objectId = oid;
    p.tenantId = ContosoTenant;
    p.displayName = name;
    p.members = members;
    return p;
}

QString vaultId(const QString &subscription, const QString &group, const QString &name)
{
    return u"/subscriptions/"_s + subscription + u"/resourceGroups/"_s + group
           + u"/providers/Microsoft.KeyVault/vaults/"_s + name;
}

arm::AccessPolicyEntry entry(const QString &oid, QStringList secrets, QStringList keys = {},
                             QStringList certificates = {})
{
    arm::AccessPolicyEntry e;
    e.tenantId = ContosoTenant;
    e.objectId = oid;
    e.permissions.secrets = std::move(secrets);
    e.permissions.keys = std::move(keys);
    e.permissions.certificates = std::move(certificates);
    return e;
}

/// Every permission of every kind, purge included: the automation identity's entry.
arm::AccessPolicyEntry everything(const QString &oid)
{
    return entry(
        oid, u"get list set delete backup restore recover purge"_s.split(u' '),
        u"get list update create import delete recover backup restore decrypt encrypt unwrapKey wrapKey verify sign purge release rotate getrotationpolicy setrotationpolicy"_s
            .split(u' '),
        u"get list update create import delete recover backup restore managecontacts manageissuers getissuers listissuers setissuers deleteissuers purge"_s
            .split(u' '));
}

VaultRecord makeVault(const QString &subscription, const QString &group, const QString &name,
                      bool rbac, qint64 now)
{
    VaultRecord v;
    v.resource.id = vaultId(subscription, group, name);
    v.resource.name = name;
    v.resource.location = u"westeurope"_s;
    v.resource.tags = QMap<QString, QString>{};
    v.resource.systemData =
        QJsonObject{{u"createdBy"_s, u"alice@contoso.example"_s},
                    {u"createdByType"_s, u"User"_s},
                    {u"createdAt"_s,
                     QDateTime::fromSecsSinceEpoch(now - 90 * Day, Qt::UTC).toString(Qt::ISODate)}};
    auto &p = v.resource.properties;
    p.tenantId = ContosoTenant;
    p.sku = arm::Sku{u"A"_s, u"standard"_s, {}};
    p.accessPolicies = QList<arm::AccessPolicyEntry>{};
    p.enabledForDeployment = false;
    p.enabledForDiskEncryption = false;
    p.enabledForTemplateDeployment = false;
    p.enableSoftDelete = true;
    p.softDeleteRetentionInDays = 90;
    p.enableRbacAuthorization = rbac;
    p.provisioningState = u"Succeeded"_s;
    p.publicNetworkAccess = u"Enabled"_s;
    return v;
}

void addSecret(VaultData &data, const QString &name, const QStringList &values, qint64 created,
               std::optional<QString> contentType = std::nullopt,
               std::optional<QMap<QString, QString>> tags = std::nullopt)
{
    SecretEntry e;
    e.name = name;
    qint64 at = created;
    for (const QString &value : values) {
        SecretVersion v;
        v.version = newVersionId();
        v.value = value;
        v.contentType = contentType;
        v.tags = tags;
        v.attributes.created = at;
        v.attributes.updated = at;
        e.versions.append(v);
        at += 7 * Day;
    }
    data.secrets.insert(name.toLower(), e);
}

arm::RoleAssignment assign(const QString &principal, const QString &principalType,
                           QLatin1StringView role, const QString &scope, qint64 now)
{
    arm::RoleAssignment a;
    a.name = QUuid::createUuid().toString(QUuid::WithoutBraces);
    a.scope = scope;
    a.id = scope + u"/providers/Microsoft.Authorization/roleAssignments/"_s + a.name;
    const QString subscription = scope.section(u'/', 1, 2, QString::SectionSkipEmpty);
    a.roleDefinitionId =
        u"/"_s + subscription + u"/providers/Microsoft.Authorization/roleDefinitions/"_s + role;
    a.principalId = principal;
    a.principalType = principalType;
    const QString when =
        QDateTime::fromSecsSinceEpoch(now - 30 * Day, Qt::UTC).toString(Qt::ISODate);
    a.createdOn = when;
    a.updatedOn = when;
    a.createdBy = Alice;
    a.updatedBy = Alice;
    return a;
}

// --- Demo keys and certificates ----------------------------------------------------------

using PendingKey = std::future<std::optional<KeyPair>>;

/// RSA generation dominates the demo seed's start time (about 0.1 s per 2048-bit key), so
/// the demo's RSA keys are made on worker threads while the rest of the seed is built.
std::vector<PendingKey> startRsaKeys(int count)
{
    std::vector<PendingKey> keys;
    for (int i = 0; i < count; ++i)
        keys.push_back(std::async(std::launch::async, [] { return KeyPair::generateRsa(2048); }));
    return keys;
}

/// A key with one version per key pair, a week apart, the last one current.
bool addKey(VaultData &data, const QString &name, const QList<std::optional<KeyPair>> &pairs,
            qint64 created, std::optional<QMap<QString, QString>> tags = std::nullopt)
{
    KeyEntry e;
    e.name = name;
    qint64 at = created;
    for (const auto &pair : pairs) {
        if (!pair)
            return false;
        KeyVersion v;
        v.version = newVersionId();
        v.kty = pair->type() == KeyPair::Type::Rsa ? u"RSA"_s : u"EC"_s;
        v.privateKeyPem = pair->privateKeyPem();
        v.keyOps = defaultKeyOperations(v.kty);
        v.tags = tags;
        v.attributes.created = v.attributes.updated = at;
        e.versions.append(v);
        at += 7 * Day;
    }
    data.keys.insert(name.toLower(), e);
    return true;
}

/// A self-signed certificate for @p host (EC P-256: cheap to generate) valid from
/// @p notBefore to @p notAfter, stored with its managed key and secret.
bool addCertificate(VaultData &data, const QString &name, const QString &host, qint64 notBefore,
                    qint64 notAfter)
{
    const QJsonObject given{
        {u"key_props"_s, QJsonObject{{u"kty"_s, u"EC"_s}, {u"crv"_s, u"P-256"_s}}},
        {u"x509_props"_s,
         QJsonObject{{u"subject"_s, QString(u"CN="_s + host)},
                     {u"sans"_s, QJsonObject{{u"dns_names"_s, QJsonArray{host}}}}}},
        {u"issuer"_s, QJsonObject{{u"name"_s, u"Self"_s}}}};
    const qint64 created = notBefore + 600;
    const auto policy = CertificateStore::policyWithDefaults(given, created, nullptr);
    const auto key = policy ? CertificateStore::generateKey(*policy) : std::nullopt;
    if (!key)
        return false;
    CertificateRequest request = CertificateStore::requestFromPolicy(*policy, created);
    request.notBefore = QDateTime::fromSecsSinceEpoch(notBefore, Qt::UTC);
    request.notAfter = QDateTime::fromSecsSinceEpoch(notAfter, Qt::UTC);
    const auto info = Certificates::createSelfSigned(*key, request);
    if (!info)
        return false;
    IssuedCertificate issued{newVersionId(), CertificateBundle{*info, *key, {}}, std::nullopt,
                             true};
    return CertificateStore::storeVersion(data, name, *policy, issued, created, {});
}

/// kv-contoso-prod: two RSA versions, an EC signing key, and certificates that are
/// valid, about to expire and expired. kv-contoso-apps: a key-encryption key.
bool addDemoKeys(VaultData &prod, VaultData &apps, std::vector<PendingKey> &rsa, qint64 now)
{
    const QMap<QString, QString> orders{{u"app"_s, u"orders"_s}, {u"purpose"_s, u"encryption"_s}};
    return addKey(prod, u"orders-encryption-key"_s, {rsa[0].get(), rsa[1].get()}, now - 40 * Day,
                  orders)
           && addKey(prod, u"signing-key-p256"_s, {KeyPair::generateEc(u"P-256"_s)}, now - 12 * Day)
           && addKey(apps, u"payments-kek"_s, {rsa[2].get()}, now - 25 * Day,
                     QMap<QString, QString>{{u"app"_s, u"payments"_s}})
           && addCertificate(prod, u"www-contoso-example"_s, u"www.contoso.example"_s,
                             now - 30 * Day, now + 335 * Day)
           && addCertificate(prod, u"api-contoso-example"_s, u"api.contoso.example"_s,
                             now - 345 * Day, now + 20 * Day)
           && addCertificate(prod, u"legacy-contoso-example"_s, u"legacy.contoso.example"_s,
                             now - 400 * Day, now - 35 * Day);
}

/// The part every seed shares: Contoso, its administrator, the automation identity,
/// the production subscription.
std::optional<SandboxState> base(const SandboxOptions &options, const Clock &clock, QString *error)
{
    SandboxState s;
    auto contoso = makeTenant(ContosoTenant, u"contoso.example"_s, u"Contoso"_s);
    if (!contoso) {
        if (error)
            *error = u"could not generate the tenant signing key"_s;
        return std::nullopt;
    }
    s.directory.tenants.append(*contoso);
    s.directory.applications = {{PublicClient, u"VaultLens"_s, true},
                                {AzureCli, u"Microsoft Azure CLI"_s, true}};
    s.publicClientId = PublicClient;
    s.directory.principals.append(user(Alice, ContosoTenant, u"alice@contoso.example"_s,
                                       u"Alice Ahmed"_s, u"Cloud administrator"_s));
    s.directory.principals.append(servicePrincipal(CiPipeline, CiPipelineApp, u"ci-pipeline"_s,
                                                   u"demo-ci-pipeline-secret-do-not-use"_s));
    s.subscriptions.append(Subscription{
        ProductionSubscription, u"Contoso Production"_s, ContosoTenant, u"Enabled"_s, {}});
    s.resourceGroups.append(ResourceGroup{
        ProductionSubscription, u"rg-security"_s, u"westeurope"_s, {{u"env"_s, u"production"_s}}});
    const qint64 now = clock.nowSecsSinceEpoch();
    const QString prodScope = u"/subscriptions/"_s + ProductionSubscription;
    s.roleAssignments.append(assign(Alice, u"User"_s, access::BuiltInRole::Owner, prodScope, now));
    s.roleAssignments.append(
        assign(CiPipeline, u"ServicePrincipal"_s, access::BuiltInRole::Owner, prodScope, now));
    s.clientAddress = options.clientAddress;
    return s;
}

void addEmptyVault(SandboxState &s, qint64 now)
{
    VaultRecord v =
        makeVault(ProductionSubscription, u"rg-security"_s, u"kv-contoso-prod"_s, false, now);
    v.resource.properties.accessPolicies = QList{everything(Alice), everything(CiPipeline)};
    s.vaults.append(v);
}

void addDemo(SandboxState &s, const Clock &clock, std::vector<PendingKey> &rsaKeys, QString *error,
             bool &ok)
{
    const qint64 now = clock.nowSecsSinceEpoch();
    auto fabrikam = makeTenant(FabrikamTenant, u"fabrikam.example"_s, u"Fabrikam"_s);
    if (!fabrikam) {
        ok = false;
        if (error)
            *error = u"could not generate the tenant signing key"_s;
        return;
    }
    s.directory.tenants.append(*fabrikam);
    auto &principals = s.directory.principals;
    principals.append(
        user(Dave, ContosoTenant, u"dave@contoso.example"_s, u"Dave Duarte"_s, u"Developer"_s));
    principals.append(user(Erin, ContosoTenant, u"erin@contoso.example"_s, u"Erin Eriksen"_s,
                           u"Security auditor"_s));
    Principal carol = user(Carol, FabrikamTenant, u"carol@fabrikam.example"_s, u"Carol Chen"_s,
                           u"Partner engineer"_s);
    carol.guestIn = {ContosoTenant};
    principals.append(carol);
    principals.append(group(Developers, u"Developers"_s, {Dave, Carol}));
    principals.append(group(Auditors, u"Security Auditors"_s, {Erin}));
    principals.append(servicePrincipal(Reporting, ReportingApp, u"reporting-app"_s,
                                       u"demo-reporting-secret-do-not-use"_s));
    Principal mi;
    mi.kind = PrincipalKind::ManagedIdentity;
    mi.objectId = WebApp;
    mi.tenantId = ContosoTenant;
    mi.appId = WebAppClient;
    mi.displayName = u"web-app"_s;
    principals.append(mi);
    Principal backup = servicePrincipal(BackupService, BackupServiceApp, u"Azure Backup"_s, {});
    backup.trustedService = true;
    principals.append(backup);

    s.subscriptions.append(Subscription{
        DevelopmentSubscription, u"Contoso Development"_s, ContosoTenant, u"Enabled"_s, {}});
    s.resourceGroups.append(ResourceGroup{
        ProductionSubscription, u"rg-apps"_s, u"westeurope"_s, {{u"env"_s, u"production"_s}}});
    s.resourceGroups.append(ResourceGroup{
        DevelopmentSubscription, u"rg-dev"_s, u"northeurope"_s, {{u"env"_s, u"development"_s}}});

    // vaults[0]: access policies, firewall on (the demo's client address is let in).
    VaultRecord prod =
        makeVault(ProductionSubscription, u"rg-security"_s, u"kv-contoso-prod"_s, false, now);
    arm::AccessPolicyEntry compound = entry(Dave, {u"get"_s, u"list"_s});
    compound.applicationId = ReportingApp;
    prod.resource.properties.accessPolicies = QList{
        everything(Alice),
        everything(CiPipeline),
        entry(Developers, {u"get"_s, u"list"_s}, {u"get"_s, u"list"_s}, {u"get"_s, u"list"_s}),
        entry(Auditors, {u"list"_s}, {u"list"_s}, {u"list"_s}),
        entry(WebApp, {u"get"_s}),
        compound,
        entry(FormerContractor, {u"get"_s, u"list"_s, u"set"_s}),
    };
    arm::NetworkRuleSet acls;
    acls.bypass = u"AzureServices"_s;
    acls.defaultAction = u"Deny"_s;
    acls.ipRules = QList<arm::IpRule>{{DefaultClientAddress + u"/32"_s}, {u"198.51.100.0/24"_s}};
    acls.virtualNetworkRules = QList<arm::VirtualNetworkRule>{
        {u"/subscriptions/"_s + ProductionSubscription
             + u"/resourcegroups/rg-network/providers/microsoft.network/virtualnetworks/vnet-apps/subnets/snet-web"_s,
         false}};
    prod.resource.properties.networkAcls = acls;
    prod.resource.properties.enablePurgeProtection = true;
    prod.resource.tags =
        QMap<QString, QString>{{u"env"_s, u"production"_s}, {u"owner"_s, u"platform-team"_s}};
    VaultData &pd = prod.data;
    const QMap<QString, QString> dbTags{{u"env"_s, u"production"_s}, {u"owner"_s, u"data-team"_s}};
    addSecret(
        pd, u"sql-connection-string"_s,
        {u"Server=tcp:sql-contoso.example,1433;Database=orders;User ID=app;Password=Winter2025!"_s,
         u"Server=tcp:sql-contoso.example,1433;Database=orders;User ID=app;Password=Spring2026!"_s,
         u"Server=tcp:sql-contoso.example,1433;Database=orders;User ID=app;Password=Autumn2026!"_s},
        now - 60 * Day, u"text/plain"_s, dbTags);
    addSecret(pd, u"storage-account-key"_s, {u"c3RvcmFnZS1rZXktZGVtby1vbmx5"_s}, now - 80 * Day,
              u"application/octet-stream"_s, QMap<QString, QString>{{u"rotation"_s, u"90d"_s}});
    pd.secret(u"storage-account-key"_s)->versions.last().attributes.expires = now + 10 * Day;
    addSecret(pd, u"legacy-api-token"_s, {u"tok_live_demo_0000"_s}, now - 400 * Day,
              u"text/plain"_s);
    pd.secret(u"legacy-api-token"_s)->versions.last().attributes.expires = now - 30 * Day;
    addSecret(pd, u"feature-flags-signing-key"_s, {u"ZmVhdHVyZS1mbGFncw=="_s}, now - 20 * Day);
    pd.secret(u"feature-flags-signing-key"_s)->versions.last().attributes.enabled = false;
    addSecret(pd, u"service-bus-connection"_s,
              {u"Endpoint=sb://contoso.example/;SharedAccessKeyName=send;SharedAccessKey=demo"_s},
              now - 5 * Day, u"text/plain"_s);
    addSecret(pd, u"temp-migration-password"_s, {u"Temp-Pa55-demo"_s}, now - 15 * Day);
    pd.secret(u"temp-migration-password"_s)->deleted = Deletion{now - 2 * Day, now + 88 * Day};
    s.vaults.append(prod);

    // An RBAC vault with assignments at several scopes.
    VaultRecord rbac =
        makeVault(ProductionSubscription, u"rg-apps"_s, u"kv-contoso-apps"_s, true, now);
    addSecret(rbac.data, u"payments-api-key"_s, {u"pk_demo_1"_s, u"pk_demo_2"_s}, now - 30 * Day,
              u"text/plain"_s, QMap<QString, QString>{{u"app"_s, u"payments"_s}});
    addSecret(rbac.data, u"web-app-client-secret"_s, {u"web-demo-secret"_s}, now - 3 * Day);
    if (!addDemoKeys(s.vaults.last().data, rbac.data, rsaKeys, now)) {
        ok = false;
        if (error)
            *error = u"could not generate the demo keys and certificates"_s;
        return;
    }
    s.vaults.append(rbac);
    const QString prodScope = u"/subscriptions/"_s + ProductionSubscription;
    const QString appsGroup = prodScope + u"/resourceGroups/rg-apps"_s;
    auto &ra = s.roleAssignments;
    ra.append(assign(Alice, u"User"_s, access::BuiltInRole::KeyVaultAdministrator, prodScope, now));
    ra.append(assign(CiPipeline, u"ServicePrincipal"_s, access::BuiltInRole::KeyVaultAdministrator,
                     prodScope, now));
    ra.append(assign(Auditors, u"Group"_s, access::BuiltInRole::KeyVaultReader, appsGroup, now));
    ra.append(assign(Developers, u"Group"_s, access::BuiltInRole::KeyVaultSecretsOfficer,
                     rbac.resource.id, now));
    ra.append(assign(WebApp, u"ServicePrincipal"_s, access::BuiltInRole::KeyVaultSecretsUser,
                     rbac.resource.id + u"/secrets/web-app-client-secret"_s, now));
    ra.append(assign(Reporting, u"ServicePrincipal"_s, access::BuiltInRole::KeyVaultSecretsUser,
                     rbac.resource.id, now));
    ra.append(assign(Erin, u"User"_s, access::BuiltInRole::Reader, prodScope, now));

    // An open development vault.
    VaultRecord dev =
        makeVault(DevelopmentSubscription, u"rg-dev"_s, u"kv-contoso-dev"_s, false, now);
    dev.resource.properties.accessPolicies =
        QList{everything(Alice), everything(CiPipeline), everything(Developers)};
    addSecret(dev.data, u"dev-database-password"_s, {u"dev-only-password"_s}, now - 10 * Day,
              u"text/plain"_s);
    s.vaults.append(dev);
    const QString devScope = u"/subscriptions/"_s + DevelopmentSubscription;
    ra.append(assign(Alice, u"User"_s, access::BuiltInRole::Owner, devScope, now));
    ra.append(assign(CiPipeline, u"ServicePrincipal"_s, access::BuiltInRole::Owner, devScope, now));
    ra.append(assign(Developers, u"Group"_s, access::BuiltInRole::Contributor, devScope, now));

    // Public network access disabled, reachable through private endpoints only.
    VaultRecord priv =
        makeVault(ProductionSubscription, u"rg-security"_s, u"kv-contoso-private"_s, false, now);
    priv.resource.properties.accessPolicies = QList{everything(Alice), everything(CiPipeline)};
    priv.resource.properties.publicNetworkAccess = u"Disabled"_s;
    arm::NetworkRuleSet closed;
    closed.bypass = u"None"_s;
    closed.defaultAction = u"Deny"_s;
    closed.ipRules = QList<arm::IpRule>{};
    closed.virtualNetworkRules = QList<arm::VirtualNetworkRule>{};
    priv.resource.properties.networkAcls = closed;
    auto connection = [&](const QString &name, const QString &status) {
        arm::PrivateEndpointConnectionItem c;
        c.id = priv.resource.id + u"/privateEndpointConnections/"_s + name;
        c.etag = u"W/\"1\""_s;
        c.privateEndpointId =
            u"/subscriptions/"_s + ProductionSubscription
            + u"/resourceGroups/rg-network/providers/Microsoft.Network/privateEndpoints/"_s + name;
        c.status = status;
        c.description = status == "Approved"_L1 ? u"Approved by alice"_s : u"Requested"_s;
        c.actionsRequired = u"None"_s;
        c.provisioningState = u"Succeeded"_s;
        return c;
    };
    priv.resource.properties.privateEndpointConnections =
        QList{connection(u"pe-web"_s, u"Approved"_s), connection(u"pe-partner"_s, u"Pending"_s)};
    addSecret(priv.data, u"hsm-backup-passphrase"_s, {u"demo-passphrase"_s}, now - 45 * Day);
    s.vaults.append(priv);
}

} // namespace

std::optional<SandboxState> Seed::build(const SandboxOptions &options, const Clock &clock,
                                        QString *error)
{
    // The demo's RSA keys are generated on worker threads from the start, alongside the
    // tenants' signing keys (see startRsaKeys).
    std::vector<PendingKey> demoKeys;
    if (options.seed == SandboxOptions::Seed::Demo)
        demoKeys = startRsaKeys(3);
    auto state = base(options, clock, error);
    if (!state)
        return std::nullopt;
    const qint64 now = clock.nowSecsSinceEpoch();
    switch (options.seed) {
    case SandboxOptions::Seed::Empty:
        addEmptyVault(*state, now);
        break;
    case SandboxOptions::Seed::Large: {
        addEmptyVault(*state, now);
        VaultData &data = state->vaults.first().data;
        for (int i = 0; i < options.largeCount; ++i)
            addSecret(data, u"secret-%1"_s.arg(i, 6, 10, QChar(u'0')), {u"value-%1"_s.arg(i)},
                      now - Day, u"text/plain"_s);
        break;
    }
    case SandboxOptions::Seed::Demo: {
        bool ok = true;
        addDemo(*state, clock, demoKeys, error, ok);
        if (!ok)
            return std::nullopt;
        if (state->clientAddress.isEmpty())
            state->clientAddress = DemoIds::DefaultClientAddress;
        break;
    }
    }
    return state;
}

} // namespace vl::sandbox

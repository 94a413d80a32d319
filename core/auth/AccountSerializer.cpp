// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/AccountSerializer.h"

#include "auth/SecretStore.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace vl {

QString credentialKindName(CredentialKind kind)
{
    switch (kind) {
    case CredentialKind::Browser:
        return u"browser"_s;
    case CredentialKind::DeviceCode:
        return u"device-code"_s;
    case CredentialKind::ClientSecret:
        return u"client-secret"_s;
    case CredentialKind::ClientCertificate:
        return u"client-certificate"_s;
    case CredentialKind::ManagedIdentity:
        return u"managed-identity"_s;
    case CredentialKind::AzureCli:
        return u"azure-cli"_s;
    }
    return u"browser"_s;
}

CredentialKind credentialKindFromName(const QString &name, bool *ok)
{
    for (CredentialKind kind : {CredentialKind::Browser, CredentialKind::DeviceCode,
                                CredentialKind::ClientSecret, CredentialKind::ClientCertificate,
                                CredentialKind::ManagedIdentity, CredentialKind::AzureCli}) {
        if (credentialKindName(kind) == name) {
            if (ok)
                *ok = true;
            return kind;
        }
    }
    if (ok)
        *ok = false;
    return CredentialKind::Browser;
}

QString Account::secretPurpose() const
{
    switch (credential) {
    case CredentialKind::Browser:
    case CredentialKind::DeviceCode:
        return QString(SecretPurpose::RefreshToken);
    case CredentialKind::ClientSecret:
        return QString(SecretPurpose::ClientSecret);
    case CredentialKind::ClientCertificate:
        return QString(SecretPurpose::ClientCertificate);
    case CredentialKind::ManagedIdentity:
    case CredentialKind::AzureCli:
        break;
    }
    return {};
}

const TenantInfo *Account::tenant(const QString &tenantId) const
{
    for (const TenantInfo &t : tenants)
        if (t.id.compare(tenantId, Qt::CaseInsensitive) == 0)
            return &t;
    return nullptr;
}

QString Account::makeId(const QString &objectId, const QString &tenantId)
{
    return objectId.toLower() + u'.' + tenantId.toLower();
}

namespace AccountSerializer {

QJsonObject toJson(const TenantInfo &tenant)
{
    QJsonObject o{{u"tenantId"_s, tenant.id}};
    if (!tenant.displayName.isEmpty())
        o.insert("displayName"_L1, tenant.displayName);
    if (!tenant.defaultDomain.isEmpty())
        o.insert("defaultDomain"_L1, tenant.defaultDomain);
    if (!tenant.category.isEmpty())
        o.insert("tenantCategory"_L1, tenant.category);
    return o;
}

TenantInfo tenantFromJson(const QJsonObject &o)
{
    TenantInfo t;
    t.id = o.value("tenantId"_L1).toString();
    if (t.id.isEmpty()) // `id` is "/tenants/<guid>"
        t.id = o.value("id"_L1).toString().section(u'/', -1);
    t.displayName = o.value("displayName"_L1).toString();
    t.defaultDomain = o.value("defaultDomain"_L1).toString();
    t.category = o.value("tenantCategory"_L1).toString();
    return t;
}

QList<TenantInfo> tenantListFromJson(const QJsonObject &page)
{
    QList<TenantInfo> tenants;
    for (const QJsonValue &v : page.value("value"_L1).toArray()) {
        TenantInfo t = tenantFromJson(v.toObject());
        if (!t.id.isEmpty())
            tenants.append(t);
    }
    return tenants;
}

QJsonObject toJson(const Account &a)
{
    QJsonArray tenants;
    for (const TenantInfo &t : a.tenants)
        tenants.append(toJson(t));
    return QJsonObject{{u"id"_s, a.id},
                       {u"cloud"_s, a.cloud},
                       {u"credential"_s, credentialKindName(a.credential)},
                       {u"userName"_s, a.userName},
                       {u"displayName"_s, a.displayName},
                       {u"objectId"_s, a.objectId},
                       {u"homeTenantId"_s, a.homeTenantId},
                       {u"clientId"_s, a.clientId},
                       {u"tenants"_s, tenants}};
}

Result<Account> accountFromJson(const QJsonObject &o)
{
    Account a;
    a.id = o.value("id"_L1).toString();
    a.cloud = o.value("cloud"_L1).toString();
    bool known = false;
    a.credential = credentialKindFromName(o.value("credential"_L1).toString(), &known);
    a.userName = o.value("userName"_L1).toString();
    a.displayName = o.value("displayName"_L1).toString();
    a.objectId = o.value("objectId"_L1).toString();
    a.homeTenantId = o.value("homeTenantId"_L1).toString();
    a.clientId = o.value("clientId"_L1).toString();
    for (const QJsonValue &v : o.value("tenants"_L1).toArray()) {
        TenantInfo t = tenantFromJson(v.toObject());
        if (!t.id.isEmpty())
            a.tenants.append(t);
    }
    if (a.id.isEmpty() || a.cloud.isEmpty() || a.homeTenantId.isEmpty() || !known)
        return AzureError::make(
            AzureError::Kind::Malformed,
            QCoreApplication::translate("vl::AccountSerializer",
                                        "A saved account lacks its id, cloud, home tenant or "
                                        "credential kind."));
    if (!a.tenant(a.homeTenantId))
        a.tenants.prepend(TenantInfo{a.homeTenantId, {}, {}, u"Home"_s});
    return a;
}

} // namespace AccountSerializer
} // namespace vl

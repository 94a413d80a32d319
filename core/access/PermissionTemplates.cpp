// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/PermissionTemplates.h"

#include "access/PermissionCatalogue.h"

using namespace Qt::StringLiterals;

namespace vl::access {
namespace {

/// Every permission of a kind except `all` and the privileged ones (purge, release).
QStringList managementSet(ObjectKind kind)
{
    QStringList out;
    for (const PermissionInfo &p : PermissionCatalogue::permissions(kind))
        if (p.group != PermissionGroup::All && p.group != PermissionGroup::Privileged)
            out.append(p.name);
    return out;
}

QList<PermissionTemplate> makeTemplates()
{
    const QStringList keys = managementSet(ObjectKind::Keys);
    const QStringList secrets = managementSet(ObjectKind::Secrets);
    const QStringList certs = managementSet(ObjectKind::Certificates);
    const QString officerKeys = u"Key Vault Crypto Officer"_s;
    const QString officerSecrets = u"Key Vault Secrets Officer"_s;
    const QString officerCerts = u"Key Vault Certificates Officer"_s;
    const QString encryptionUser = u"Key Vault Crypto Service Encryption User"_s;

    auto perms = [](std::optional<QStringList> k, std::optional<QStringList> s,
                    std::optional<QStringList> c) {
        arm::Permissions p;
        p.keys = std::move(k);
        p.secrets = std::move(s);
        p.certificates = std::move(c);
        return p;
    };
    const QStringList keyWrap{u"get"_s, u"list"_s, u"wrapKey"_s, u"unwrapKey"_s};

    return {
        {u"key-secret-certificate-management"_s,
         QT_TR_NOOP("Key, Secret, & Certificate Management"),
         perms(keys, secrets, certs),
         {u"Key Vault Administrator"_s}},
        {u"key-secret-management"_s,
         QT_TR_NOOP("Key & Secret Management"),
         perms(keys, secrets, std::nullopt),
         {officerKeys, officerSecrets}},
        {u"secret-certificate-management"_s,
         QT_TR_NOOP("Secret & Certificate Management"),
         perms(std::nullopt, secrets, certs),
         {officerCerts, officerSecrets}},
        {u"key-management"_s,
         QT_TR_NOOP("Key Management"),
         perms(keys, std::nullopt, std::nullopt),
         {officerKeys}},
        {u"secret-management"_s,
         QT_TR_NOOP("Secret Management"),
         perms(std::nullopt, secrets, std::nullopt),
         {officerSecrets}},
        {u"certificate-management"_s,
         QT_TR_NOOP("Certificate Management"),
         perms(std::nullopt, std::nullopt, certs),
         {officerCerts}},
        {u"sql-server-connector"_s,
         QT_TR_NOOP("SQL Server Connector"),
         perms(keyWrap, std::nullopt, std::nullopt),
         {encryptionUser}},
        {u"azure-storage"_s,
         QT_TR_NOOP("Azure Data Lake Storage or Azure Storage"),
         perms(QStringList{u"get"_s, u"list"_s, u"unwrapKey"_s}, std::nullopt, std::nullopt),
         {}},
        {u"azure-backup"_s,
         QT_TR_NOOP("Azure Backup"),
         perms(QStringList{u"get"_s, u"list"_s, u"backup"_s},
               QStringList{u"get"_s, u"list"_s, u"backup"_s}, std::nullopt),
         {}},
        {u"exchange-online-customer-key"_s,
         QT_TR_NOOP("Exchange Online Customer Key"),
         perms(keyWrap, std::nullopt, std::nullopt),
         {encryptionUser}},
        {u"sharepoint-online-customer-key"_s,
         QT_TR_NOOP("SharePoint Online Customer Key"),
         perms(keyWrap, std::nullopt, std::nullopt),
         {encryptionUser}},
        {u"azure-information-byok"_s,
         QT_TR_NOOP("Azure Information BYOK"),
         perms(QStringList{u"get"_s, u"decrypt"_s, u"sign"_s}, std::nullopt, std::nullopt),
         {}},
    };
}

} // namespace

const QList<PermissionTemplate> &PermissionTemplates::all()
{
    static const QList<PermissionTemplate> templates = makeTemplates();
    return templates;
}

const PermissionTemplate *PermissionTemplates::find(const QString &id)
{
    for (const PermissionTemplate &t : all())
        if (t.id == id)
            return &t;
    return nullptr;
}

} // namespace vl::access

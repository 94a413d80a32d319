// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/PermissionCatalogue.h"

#include <QtGlobal>

using namespace Qt::StringLiterals;

namespace vl::access {
namespace {

using G = PermissionGroup;

QList<PermissionInfo> keyPermissions()
{
    const ObjectKind k = ObjectKind::Keys;
    return {
        {k, u"all"_s, G::All, QT_TR_NOOP("Every key permission except purge")},
        {k, u"encrypt"_s, G::Cryptographic, QT_TR_NOOP("Encrypt with a key")},
        {k, u"decrypt"_s, G::Cryptographic, QT_TR_NOOP("Decrypt with a key")},
        {k, u"wrapKey"_s, G::Cryptographic, QT_TR_NOOP("Wrap a symmetric key")},
        {k, u"unwrapKey"_s, G::Cryptographic, QT_TR_NOOP("Unwrap a symmetric key")},
        {k, u"sign"_s, G::Cryptographic, QT_TR_NOOP("Sign a digest")},
        {k, u"verify"_s, G::Cryptographic, QT_TR_NOOP("Verify a signature")},
        {k, u"get"_s, G::Management, QT_TR_NOOP("Read a key's public part and attributes")},
        {k, u"list"_s, G::Management, QT_TR_NOOP("List keys or the versions of a key")},
        {k, u"create"_s, G::Management, QT_TR_NOOP("Create a key or a new version")},
        {k, u"update"_s, G::Management, QT_TR_NOOP("Change a key's attributes")},
        {k, u"import"_s, G::Management, QT_TR_NOOP("Import key material")},
        {k, u"delete"_s, G::Management, QT_TR_NOOP("Delete a key")},
        {k, u"backup"_s, G::Management, QT_TR_NOOP("Back up a key")},
        {k, u"restore"_s, G::Management, QT_TR_NOOP("Restore a key from a backup")},
        {k, u"recover"_s, G::Management, QT_TR_NOOP("Recover a deleted key")},
        {k, u"purge"_s, G::Privileged, QT_TR_NOOP("Permanently delete a deleted key")},
        {k, u"release"_s, G::Privileged, QT_TR_NOOP("Release a key (secure key release)")},
        {k, u"rotate"_s, G::Rotation, QT_TR_NOOP("Rotate a key")},
        {k, u"getrotationpolicy"_s, G::Rotation, QT_TR_NOOP("Read a key's rotation policy")},
        {k, u"setrotationpolicy"_s, G::Rotation, QT_TR_NOOP("Change a key's rotation policy")},
    };
}

QList<PermissionInfo> secretPermissions()
{
    const ObjectKind k = ObjectKind::Secrets;
    return {
        {k, u"all"_s, G::All, QT_TR_NOOP("Every secret permission except purge")},
        {k, u"get"_s, G::Management, QT_TR_NOOP("Read a secret's value")},
        {k, u"list"_s, G::Management,
         QT_TR_NOOP("List secrets, their versions and attributes, never values")},
        {k, u"set"_s, G::Management, QT_TR_NOOP("Set a secret's value or change its attributes")},
        {k, u"delete"_s, G::Management, QT_TR_NOOP("Delete a secret")},
        {k, u"backup"_s, G::Management, QT_TR_NOOP("Back up a secret")},
        {k, u"restore"_s, G::Management, QT_TR_NOOP("Restore a secret from a backup")},
        {k, u"recover"_s, G::Management, QT_TR_NOOP("Recover a deleted secret")},
        {k, u"purge"_s, G::Privileged, QT_TR_NOOP("Permanently delete a deleted secret")},
    };
}

QList<PermissionInfo> certificatePermissions()
{
    const ObjectKind k = ObjectKind::Certificates;
    return {
        {k, u"all"_s, G::All, QT_TR_NOOP("Every certificate permission except purge")},
        {k, u"get"_s, G::Management, QT_TR_NOOP("Read a certificate, its policy and operation")},
        {k, u"list"_s, G::Management, QT_TR_NOOP("List certificates or their versions")},
        {k, u"delete"_s, G::Management, QT_TR_NOOP("Delete a certificate")},
        {k, u"create"_s, G::Management, QT_TR_NOOP("Create a certificate or merge a request")},
        {k, u"import"_s, G::Management, QT_TR_NOOP("Import a certificate with its private key")},
        {k, u"update"_s, G::Management,
         QT_TR_NOOP("Change a certificate's attributes, policy or pending operation")},
        {k, u"managecontacts"_s, G::Issuers, QT_TR_NOOP("Manage certificate contacts")},
        {k, u"getissuers"_s, G::Issuers, QT_TR_NOOP("Read certificate issuers")},
        {k, u"listissuers"_s, G::Issuers, QT_TR_NOOP("List certificate issuers")},
        {k, u"setissuers"_s, G::Issuers, QT_TR_NOOP("Create or change certificate issuers")},
        {k, u"deleteissuers"_s, G::Issuers, QT_TR_NOOP("Delete certificate issuers")},
        {k, u"manageissuers"_s, G::Issuers, QT_TR_NOOP("Manage certificate issuers")},
        {k, u"recover"_s, G::Management, QT_TR_NOOP("Recover a deleted certificate")},
        {k, u"purge"_s, G::Privileged, QT_TR_NOOP("Permanently delete a deleted certificate")},
        {k, u"backup"_s, G::Management, QT_TR_NOOP("Back up a certificate")},
        {k, u"restore"_s, G::Management, QT_TR_NOOP("Restore a certificate from a backup")},
    };
}

QList<PermissionInfo> storagePermissions()
{
    const ObjectKind k = ObjectKind::Storage;
    return {
        {k, u"all"_s, G::All, QT_TR_NOOP("Every storage permission except purge")},
        {k, u"get"_s, G::Management, QT_TR_NOOP("Read a managed storage account")},
        {k, u"list"_s, G::Management, QT_TR_NOOP("List managed storage accounts")},
        {k, u"delete"_s, G::Management, QT_TR_NOOP("Delete a managed storage account")},
        {k, u"set"_s, G::Management, QT_TR_NOOP("Add a managed storage account")},
        {k, u"update"_s, G::Management, QT_TR_NOOP("Change a managed storage account")},
        {k, u"regeneratekey"_s, G::Management, QT_TR_NOOP("Regenerate a storage account key")},
        {k, u"recover"_s, G::Management, QT_TR_NOOP("Recover a deleted storage account")},
        {k, u"purge"_s, G::Privileged, QT_TR_NOOP("Permanently delete a storage account")},
        {k, u"backup"_s, G::Management, QT_TR_NOOP("Back up a storage account")},
        {k, u"restore"_s, G::Management, QT_TR_NOOP("Restore a storage account")},
        {k, u"setsas"_s, G::Sas, QT_TR_NOOP("Create or change a SAS definition")},
        {k, u"listsas"_s, G::Sas, QT_TR_NOOP("List SAS definitions")},
        {k, u"getsas"_s, G::Sas, QT_TR_NOOP("Read a SAS definition")},
        {k, u"deletesas"_s, G::Sas, QT_TR_NOOP("Delete a SAS definition")},
    };
}

} // namespace

const QList<PermissionInfo> &PermissionCatalogue::permissions(ObjectKind kind)
{
    static const QList<PermissionInfo> keys = keyPermissions();
    static const QList<PermissionInfo> secrets = secretPermissions();
    static const QList<PermissionInfo> certificates = certificatePermissions();
    static const QList<PermissionInfo> storage = storagePermissions();
    switch (kind) {
    case ObjectKind::Keys:
        return keys;
    case ObjectKind::Secrets:
        return secrets;
    case ObjectKind::Certificates:
        return certificates;
    case ObjectKind::Storage:
        break;
    }
    return storage;
}

QStringList PermissionCatalogue::names(ObjectKind kind)
{
    QStringList out;
    for (const PermissionInfo &p : permissions(kind))
        out.append(p.name);
    return out;
}

std::optional<PermissionInfo> PermissionCatalogue::info(ObjectKind kind, const QString &name)
{
    for (const PermissionInfo &p : permissions(kind))
        if (p.name.compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return p;
    return std::nullopt;
}

std::optional<QString> PermissionCatalogue::canonical(ObjectKind kind, const QString &name)
{
    if (auto p = info(kind, name))
        return p->name;
    return std::nullopt;
}

bool PermissionCatalogue::grants(ObjectKind kind, const QStringList &held, const QString &required)
{
    const bool requiredIsPurge = required.compare("purge"_L1, Qt::CaseInsensitive) == 0;
    for (const QString &h : held) {
        const QString name = h.trimmed();
        if (name.compare(required, Qt::CaseInsensitive) == 0)
            return isKnown(kind, required);
        if (!requiredIsPurge && name.compare("all"_L1, Qt::CaseInsensitive) == 0
            && isKnown(kind, required))
            return true;
    }
    return false;
}

} // namespace vl::access

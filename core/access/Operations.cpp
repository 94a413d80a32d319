// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/Operations.h"

#include <QHash>

using namespace Qt::StringLiterals;

// Sources for the table below (see ../shared/RBAC.md §4 for the full citations):
// - access-policy permissions: the doc comment of each operation in the Key Vault
//   TypeSpec (Security.KeyVault.{Secrets,Keys,Certificates}/routes.tsp);
// - data actions: "Azure permissions for Security", section Microsoft.KeyVault, and
//   the Key Vault ABAC article for secrets;
// - rotation policies: the key documentation's dedicated getrotationpolicy and
//   setrotationpolicy permissions (the spec comments say get/update);
// - rows with `documented = false` have a data action inferred from the shape of
//   the API because no stored source names one (deleted-object reads, certificate
//   policy and pending operations, contacts reads, issuer listing).
// - storage rows: data actions from the provider operations page, permissions from
//   the StoragePermissions enum (the legacy feature has no operation comments).

namespace vl::access {
namespace {

constexpr auto P = "Microsoft.KeyVault/vaults/";

OperationInfo op(DataOperation o, const char *id, const char *name, ObjectKind kind,
                 QStringList permissions, const char *dataAction, const char *method,
                 const char *path, bool targetsObject = true, bool documented = true,
                 bool asymmetricReadSuffices = false)
{
    OperationInfo info{o,
                       id,
                       name,
                       kind,
                       std::move(permissions),
                       QLatin1StringView(P) + QLatin1StringView(dataAction),
                       asymmetricReadSuffices,
                       QByteArray(method),
                       QString::fromLatin1(path),
                       targetsObject,
                       documented};
    return info;
}

QList<OperationInfo> makeTable()
{
    using D = DataOperation;
    const ObjectKind S = ObjectKind::Secrets;
    const ObjectKind K = ObjectKind::Keys;
    const ObjectKind C = ObjectKind::Certificates;
    const ObjectKind St = ObjectKind::Storage;
    const bool collection = false;
    const bool inferred = false;
    const bool obj = true;
    const bool doc = true;
    const bool asym = true;
    return {
        // Secrets
        op(D::SetSecret, "secrets/set", "Set secret", S, {u"set"_s}, "secrets/setSecret/action",
           "PUT", "/secrets/{name}"),
        op(D::UpdateSecret, "secrets/update", "Update secret attributes", S, {u"set"_s},
           "secrets/update/action", "PATCH", "/secrets/{name}/{version}"),
        op(D::GetSecret, "secrets/get", "Get secret", S, {u"get"_s}, "secrets/getSecret/action",
           "GET", "/secrets/{name}/{version}"),
        op(D::ListSecrets, "secrets/list", "List secrets", S, {u"list"_s},
           "secrets/readMetadata/action", "GET", "/secrets", collection),
        op(D::ListSecretVersions, "secrets/listVersions", "List secret versions", S, {u"list"_s},
           "secrets/readMetadata/action", "GET", "/secrets/{name}/versions"),
        op(D::DeleteSecret, "secrets/delete", "Delete secret", S, {u"delete"_s}, "secrets/delete",
           "DELETE", "/secrets/{name}"),
        op(D::ListDeletedSecrets, "secrets/listDeleted", "List deleted secrets", S, {u"list"_s},
           "secrets/readMetadata/action", "GET", "/deletedsecrets", collection, inferred),
        op(D::GetDeletedSecret, "secrets/getDeleted", "Get deleted secret", S, {u"get"_s},
           "secrets/readMetadata/action", "GET", "/deletedsecrets/{name}", obj, inferred),
        op(D::PurgeDeletedSecret, "secrets/purge", "Purge deleted secret", S, {u"purge"_s},
           "secrets/purge/action", "DELETE", "/deletedsecrets/{name}"),
        op(D::RecoverDeletedSecret, "secrets/recover", "Recover deleted secret", S, {u"recover"_s},
           "secrets/recover/action", "POST", "/deletedsecrets/{name}/recover"),
        op(D::BackupSecret, "secrets/backup", "Back up secret", S, {u"backup"_s},
           "secrets/backup/action", "POST", "/secrets/{name}/backup"),
        op(D::RestoreSecret, "secrets/restore", "Restore secret", S, {u"restore"_s},
           "secrets/restore/action", "POST", "/secrets/restore", collection),
        // Keys
        op(D::CreateKey, "keys/create", "Create key", K, {u"create"_s}, "keys/create/action",
           "POST", "/keys/{name}/create"),
        op(D::ImportKey, "keys/import", "Import key", K, {u"import"_s}, "keys/import/action", "PUT",
           "/keys/{name}"),
        op(D::GetKey, "keys/get", "Get key", K, {u"get"_s}, "keys/read", "GET",
           "/keys/{name}/{version}"),
        op(D::ListKeys, "keys/list", "List keys", K, {u"list"_s}, "keys/read", "GET", "/keys",
           collection),
        op(D::ListKeyVersions, "keys/listVersions", "List key versions", K, {u"list"_s},
           "keys/read", "GET", "/keys/{name}/versions"),
        op(D::UpdateKey, "keys/update", "Update key attributes", K, {u"update"_s},
           "keys/update/action", "PATCH", "/keys/{name}/{version}"),
        op(D::DeleteKey, "keys/delete", "Delete key", K, {u"delete"_s}, "keys/delete", "DELETE",
           "/keys/{name}"),
        op(D::ListDeletedKeys, "keys/listDeleted", "List deleted keys", K, {u"list"_s}, "keys/read",
           "GET", "/deletedkeys", collection, inferred),
        op(D::GetDeletedKey, "keys/getDeleted", "Get deleted key", K, {u"get"_s}, "keys/read",
           "GET", "/deletedkeys/{name}", obj, inferred),
        op(D::PurgeDeletedKey, "keys/purge", "Purge deleted key", K, {u"purge"_s},
           "keys/purge/action", "DELETE", "/deletedkeys/{name}"),
        op(D::RecoverDeletedKey, "keys/recover", "Recover deleted key", K, {u"recover"_s},
           "keys/recover/action", "POST", "/deletedkeys/{name}/recover"),
        op(D::BackupKey, "keys/backup", "Back up key", K, {u"backup"_s}, "keys/backup/action",
           "POST", "/keys/{name}/backup"),
        op(D::RestoreKey, "keys/restore", "Restore key", K, {u"restore"_s}, "keys/restore/action",
           "POST", "/keys/restore", collection),
        op(D::Encrypt, "keys/encrypt", "Encrypt", K, {u"encrypt"_s}, "keys/encrypt/action", "POST",
           "/keys/{name}/{version}/encrypt", obj, doc, asym),
        op(D::Decrypt, "keys/decrypt", "Decrypt", K, {u"decrypt"_s}, "keys/decrypt/action", "POST",
           "/keys/{name}/{version}/decrypt"),
        op(D::Sign, "keys/sign", "Sign", K, {u"sign"_s}, "keys/sign/action", "POST",
           "/keys/{name}/{version}/sign"),
        op(D::Verify, "keys/verify", "Verify", K, {u"verify"_s}, "keys/verify/action", "POST",
           "/keys/{name}/{version}/verify", obj, doc, asym),
        op(D::WrapKey, "keys/wrapKey", "Wrap key", K, {u"wrapKey"_s}, "keys/wrap/action", "POST",
           "/keys/{name}/{version}/wrapkey", obj, doc, asym),
        op(D::UnwrapKey, "keys/unwrapKey", "Unwrap key", K, {u"unwrapKey"_s}, "keys/unwrap/action",
           "POST", "/keys/{name}/{version}/unwrapkey"),
        op(D::RotateKey, "keys/rotate", "Rotate key", K, {u"rotate"_s}, "keys/rotate/action",
           "POST", "/keys/{name}/rotate"),
        op(D::GetKeyRotationPolicy, "keys/getRotationPolicy", "Get key rotation policy", K,
           {u"getrotationpolicy"_s}, "keyrotationpolicies/read", "GET",
           "/keys/{name}/rotationpolicy"),
        op(D::SetKeyRotationPolicy, "keys/setRotationPolicy", "Set key rotation policy", K,
           {u"setrotationpolicy"_s}, "keyrotationpolicies/write", "PUT",
           "/keys/{name}/rotationpolicy"),
        op(D::ReleaseKey, "keys/release", "Release key", K, {u"release"_s}, "keys/release/action",
           "POST", "/keys/{name}/{version}/release"),
        op(D::GetKeyAttestation, "keys/getAttestation", "Get key attestation", K, {u"get"_s},
           "keys/read", "GET", "/keys/{name}/{version}/attestation", obj, inferred),
        // Certificates
        op(D::CreateCertificate, "certificates/create", "Create certificate", C, {u"create"_s},
           "certificates/create/action", "POST", "/certificates/{name}/create"),
        op(D::ImportCertificate, "certificates/import", "Import certificate", C, {u"import"_s},
           "certificates/import/action", "POST", "/certificates/{name}/import"),
        op(D::GetCertificate, "certificates/get", "Get certificate", C, {u"get"_s},
           "certificates/read", "GET", "/certificates/{name}/{version}"),
        op(D::ListCertificates, "certificates/list", "List certificates", C, {u"list"_s},
           "certificates/read", "GET", "/certificates", collection),
        op(D::ListCertificateVersions, "certificates/listVersions", "List certificate versions", C,
           {u"list"_s}, "certificates/read", "GET", "/certificates/{name}/versions"),
        op(D::UpdateCertificate, "certificates/update", "Update certificate attributes", C,
           {u"update"_s}, "certificates/update/action", "PATCH", "/certificates/{name}/{version}"),
        op(D::DeleteCertificate, "certificates/delete", "Delete certificate", C, {u"delete"_s},
           "certificates/delete", "DELETE", "/certificates/{name}"),
        op(D::GetCertificatePolicy, "certificates/getPolicy", "Get certificate policy", C,
           {u"get"_s}, "certificates/read", "GET", "/certificates/{name}/policy", obj, inferred),
        op(D::UpdateCertificatePolicy, "certificates/updatePolicy", "Update certificate policy", C,
           {u"update"_s}, "certificates/update/action", "PATCH", "/certificates/{name}/policy", obj,
           inferred),
        op(D::GetCertificateOperation, "certificates/getOperation", "Get certificate operation", C,
           {u"get"_s}, "certificates/read", "GET", "/certificates/{name}/pending", obj, inferred),
        op(D::UpdateCertificateOperation, "certificates/updateOperation",
           "Cancel certificate operation", C, {u"update"_s}, "certificates/update/action", "PATCH",
           "/certificates/{name}/pending", obj, inferred),
        op(D::DeleteCertificateOperation, "certificates/deleteOperation",
           "Delete certificate operation", C, {u"update"_s}, "certificates/update/action", "DELETE",
           "/certificates/{name}/pending", obj, inferred),
        op(D::MergeCertificate, "certificates/merge", "Merge certificate", C, {u"create"_s},
           "certificates/create/action", "POST", "/certificates/{name}/pending/merge", obj,
           inferred),
        op(D::BackupCertificate, "certificates/backup", "Back up certificate", C, {u"backup"_s},
           "certificates/backup/action", "POST", "/certificates/{name}/backup"),
        op(D::RestoreCertificate, "certificates/restore", "Restore certificate", C, {u"restore"_s},
           "certificates/restore/action", "POST", "/certificates/restore", collection),
        op(D::ListDeletedCertificates, "certificates/listDeleted", "List deleted certificates", C,
           {u"list"_s}, "certificates/read", "GET", "/deletedcertificates", collection, inferred),
        op(D::GetDeletedCertificate, "certificates/getDeleted", "Get deleted certificate", C,
           {u"get"_s}, "certificates/read", "GET", "/deletedcertificates/{name}", obj, inferred),
        op(D::PurgeDeletedCertificate, "certificates/purge", "Purge deleted certificate", C,
           {u"purge"_s}, "certificates/purge/action", "DELETE", "/deletedcertificates/{name}"),
        op(D::RecoverDeletedCertificate, "certificates/recover", "Recover deleted certificate", C,
           {u"recover"_s}, "certificates/recover/action", "POST",
           "/deletedcertificates/{name}/recover"),
        op(D::GetCertificateContacts, "certificates/getContacts", "Get certificate contacts", C,
           {u"managecontacts"_s}, "certificatecontacts/write", "GET", "/certificates/contacts",
           collection, inferred),
        op(D::SetCertificateContacts, "certificates/setContacts", "Set certificate contacts", C,
           {u"managecontacts"_s}, "certificatecontacts/write", "PUT", "/certificates/contacts",
           collection),
        op(D::DeleteCertificateContacts, "certificates/deleteContacts",
           "Delete certificate contacts", C, {u"managecontacts"_s}, "certificatecontacts/write",
           "DELETE", "/certificates/contacts", collection, inferred),
        op(D::ListCertificateIssuers, "certificates/listIssuers", "List certificate issuers", C,
           {u"listissuers"_s, u"manageissuers"_s}, "certificatecas/read", "GET",
           "/certificates/issuers", collection, inferred),
        op(D::GetCertificateIssuer, "certificates/getIssuer", "Get certificate issuer", C,
           {u"getissuers"_s, u"manageissuers"_s}, "certificatecas/read", "GET",
           "/certificates/issuers/{issuer}", collection),
        op(D::SetCertificateIssuer, "certificates/setIssuer", "Set certificate issuer", C,
           {u"setissuers"_s, u"manageissuers"_s}, "certificatecas/write", "PUT",
           "/certificates/issuers/{issuer}", collection),
        op(D::UpdateCertificateIssuer, "certificates/updateIssuer", "Update certificate issuer", C,
           {u"setissuers"_s, u"manageissuers"_s}, "certificatecas/write", "PATCH",
           "/certificates/issuers/{issuer}", collection),
        op(D::DeleteCertificateIssuer, "certificates/deleteIssuer", "Delete certificate issuer", C,
           {u"deleteissuers"_s, u"manageissuers"_s}, "certificatecas/delete", "DELETE",
           "/certificates/issuers/{issuer}", collection),
        // Managed storage accounts (legacy)
        op(D::ListStorageAccounts, "storage/list", "List storage accounts", St, {u"list"_s},
           "storageaccounts/read", "GET", "/storage", collection),
        op(D::GetStorageAccount, "storage/get", "Get storage account", St, {u"get"_s},
           "storageaccounts/read", "GET", "/storage/{name}"),
        op(D::SetStorageAccount, "storage/set", "Set storage account", St, {u"set"_s},
           "storageaccounts/set/action", "PUT", "/storage/{name}"),
        op(D::UpdateStorageAccount, "storage/update", "Update storage account", St, {u"update"_s},
           "storageaccounts/set/action", "PATCH", "/storage/{name}", obj, inferred),
        op(D::DeleteStorageAccount, "storage/delete", "Delete storage account", St, {u"delete"_s},
           "storageaccounts/delete", "DELETE", "/storage/{name}"),
        op(D::RegenerateStorageKey, "storage/regenerateKey", "Regenerate storage key", St,
           {u"regeneratekey"_s}, "storageaccounts/regeneratekey/action", "POST",
           "/storage/{name}/regeneratekey"),
        op(D::BackupStorageAccount, "storage/backup", "Back up storage account", St, {u"backup"_s},
           "storageaccounts/backup/action", "POST", "/storage/{name}/backup"),
        op(D::RestoreStorageAccount, "storage/restore", "Restore storage account", St,
           {u"restore"_s}, "storageaccounts/restore/action", "POST", "/storage/restore",
           collection),
        op(D::ListDeletedStorageAccounts, "storage/listDeleted", "List deleted storage accounts",
           St, {u"list"_s}, "storageaccounts/read", "GET", "/deletedstorage", collection, inferred),
        op(D::GetDeletedStorageAccount, "storage/getDeleted", "Get deleted storage account", St,
           {u"get"_s}, "storageaccounts/read", "GET", "/deletedstorage/{name}", obj, inferred),
        op(D::RecoverDeletedStorageAccount, "storage/recover", "Recover deleted storage account",
           St, {u"recover"_s}, "storageaccounts/recover/action", "POST",
           "/deletedstorage/{name}/recover"),
        op(D::PurgeDeletedStorageAccount, "storage/purge", "Purge deleted storage account", St,
           {u"purge"_s}, "storageaccounts/purge/action", "DELETE", "/deletedstorage/{name}"),
        op(D::ListSasDefinitions, "storage/listSas", "List SAS definitions", St, {u"listsas"_s},
           "storageaccounts/sas/read", "GET", "/storage/{name}/sas"),
        op(D::GetSasDefinition, "storage/getSas", "Get SAS definition", St, {u"getsas"_s},
           "storageaccounts/sas/read", "GET", "/storage/{name}/sas/{sas}"),
        op(D::SetSasDefinition, "storage/setSas", "Set SAS definition", St, {u"setsas"_s},
           "storageaccounts/sas/set/action", "PUT", "/storage/{name}/sas/{sas}"),
        op(D::DeleteSasDefinition, "storage/deleteSas", "Delete SAS definition", St,
           {u"deletesas"_s}, "storageaccounts/sas/delete", "DELETE", "/storage/{name}/sas/{sas}"),
    };
}

struct Match
{
    int literals = -1;
    ClassifiedRequest request{};
};

/// Matches @p segments against a template; returns the number of literal segments
/// matched, or -1. `{version}` may be empty or absent when it is the last placeholder
/// segment of a GET/PATCH object path.
int matchTemplate(const QStringList &tmpl, const QStringList &segments, ClassifiedRequest &out)
{
    if (tmpl.size() != segments.size())
        return -1;
    int literals = 0;
    for (qsizetype i = 0; i < tmpl.size(); ++i) {
        const QString &t = tmpl[i];
        const QString &s = segments[i];
        if (t.startsWith(u'{')) {
            if (t == "{version}"_L1) {
                out.version = s;
                continue;
            }
            if (s.isEmpty())
                return -1;
            if (t == "{name}"_L1)
                out.objectName = s;
            else
                out.subName = s;
            continue;
        }
        if (t.compare(s, Qt::CaseInsensitive) != 0)
            return -1;
        ++literals;
    }
    return literals;
}

} // namespace

const QList<OperationInfo> &Operations::all()
{
    static const QList<OperationInfo> table = makeTable();
    return table;
}

const OperationInfo &Operations::info(DataOperation operation)
{
    static const QHash<int, qsizetype> index = [] {
        QHash<int, qsizetype> h;
        for (qsizetype i = 0; i < all().size(); ++i)
            h.insert(int(all()[i].operation), i);
        return h;
    }();
    return all()[index.value(int(operation))];
}

std::optional<DataOperation> Operations::fromId(const QString &id)
{
    for (const OperationInfo &i : all())
        if (id.compare(QLatin1StringView(i.id), Qt::CaseInsensitive) == 0)
            return i.operation;
    return std::nullopt;
}

std::optional<ClassifiedRequest> Operations::classify(const QByteArray &method, const QString &path)
{
    QString p = path;
    if (!p.startsWith(u'/'))
        p.prepend(u'/');
    QStringList segments = p.mid(1).split(u'/');
    Match best;
    for (const OperationInfo &info : all()) {
        if (info.method.compare(method, Qt::CaseInsensitive) != 0)
            continue;
        const QStringList tmpl = info.path.mid(1).split(u'/');
        ClassifiedRequest candidate{info.operation, {}, {}, {}};
        int literals = matchTemplate(tmpl, segments, candidate);
        // "/secrets/{name}" names the latest version as "/secrets/{name}/" does.
        if (literals < 0 && tmpl.size() == segments.size() + 1 && tmpl.last() == "{version}"_L1) {
            QStringList padded = segments;
            padded.append(QString());
            literals = matchTemplate(tmpl, padded, candidate);
        }
        // "/keys/{name}/encrypt" names the latest version as "/keys/{name}//encrypt" does.
        if (literals < 0 && tmpl.size() == segments.size() + 1) {
            const qsizetype at = tmpl.indexOf(u"{version}"_s);
            if (at > 0 && at < tmpl.size() - 1) {
                QStringList padded = segments;
                padded.insert(at, QString());
                literals = matchTemplate(tmpl, padded, candidate);
            }
        }
        // "/secrets/{name}/" is the same path as "/secrets/{name}" for version-less paths.
        if (literals < 0 && segments.size() == tmpl.size() + 1 && segments.last().isEmpty()) {
            literals = matchTemplate(tmpl, segments.mid(0, segments.size() - 1), candidate);
        }
        if (literals > best.literals) {
            best.literals = literals;
            best.request = candidate;
        }
    }
    if (best.literals < 0)
        return std::nullopt;
    return best.request;
}

} // namespace vl::access

// SPDX-License-Identifier: GPL-3.0-or-later
// Certificate reads and lifecycle (certificates.json 7.5): get, list, versions, update,
// policy, soft delete with recover and purge, backup and restore. Deleting a certificate
// deletes its managed key and secret; while deleted they are kept with the certificate,
// so the deleted-key and deleted-secret lists do not show them (the service's behaviour,
// reported for azure-keyvault-emulator #398).
#include "state/CertificateStore.h"
#include "vault/CertificateCommon.h"
#include "vault/Paging.h"
#include "vault/VaultObjects.h"

using namespace Qt::StringLiterals;

namespace vl::sandbox {
namespace {

using access::DataOperation;
using CertificateCommon::Ctx;
using VaultObjects::badParameter;

constexpr QByteArrayView BackupMagic = "VLCBK1";

HttpResponse get(Ctx &c)
{
    const CertificateEntry *e = CertificateCommon::active(c);
    if (!e)
        return CertificateCommon::notFound(c.name());
    const CertificateVersion *v = e->version(c.version());
    if (!v)
        return CertificateCommon::notFound(c.name(), c.version());
    return HttpResponse::json(200, CertificateCommon::bundleJson(c, *e, *v));
}

QList<const CertificateEntry *> entries(const VaultData &data, bool deleted)
{
    QList<const CertificateEntry *> out;
    for (const CertificateEntry &e : data.certificates)
        if (e.deleted.has_value() == deleted && !e.versions.isEmpty())
            out.append(&e);
    return out;
}

HttpResponse list(Ctx &c)
{
    return listPageOf(c.call, entries(c.data(), false), [&c](const CertificateEntry *e) {
        return CertificateCommon::itemJson(c, *e, e->versions.last(), false);
    });
}

HttpResponse versions(Ctx &c)
{
    QList<QJsonObject> items;
    if (const CertificateEntry *e = CertificateCommon::active(c))
        for (const CertificateVersion &v : e->versions)
            items.append(CertificateCommon::itemJson(c, *e, v, true));
    return listPage(c.call, items);
}

/// The key and secret of a certificate version follow its enabled state and dates
/// (RBAC.md §6.2: "Certificate attributes are mirrored onto the key and secret").
void mirror(VaultData &data, const CertificateEntry &e, const CertificateVersion &v)
{
    if (KeyEntry *key = data.key(e.name))
        if (KeyVersion *kv = key->version(v.version); kv && kv->managed)
            kv->attributes = v.attributes;
    if (SecretEntry *secret = data.secret(e.name))
        if (SecretVersion *sv = secret->version(v.version); sv && sv->managed)
            sv->attributes = v.attributes;
}

HttpResponse update(Ctx &c)
{
    CertificateEntry *e = CertificateCommon::active(c);
    if (!e)
        return CertificateCommon::notFound(c.name());
    CertificateVersion *v = e->version(c.version());
    if (!v)
        return CertificateCommon::notFound(c.name(), c.version());
    HttpResponse error;
    const auto body = VaultObjects::jsonBody(c.call.request, error);
    if (!body)
        return error;
    CertificateVersion updated = *v;
    // nbf and exp come from the X.509 validity; only enabled can change.
    if (auto r = VaultObjects::readAttributes(body->value("attributes"_L1).toObject(),
                                              updated.attributes, false))
        return *r;
    if (auto r = VaultObjects::readTags(*body, updated.tags))
        return *r;
    if (body->value("policy"_L1).isObject()) {
        QString why;
        const auto policy = CertificateStore::updatedPolicy(
            e->policy, body->value("policy"_L1).toObject(), c.now(), &why);
        if (!policy)
            return badParameter(why);
        e->policy = *policy;
    }
    updated.attributes.updated = c.now();
    *v = updated;
    mirror(c.data(), *e, *v);
    c.context.persist();
    return HttpResponse::json(200, CertificateCommon::bundleJson(c, *e, *v));
}

HttpResponse getPolicy(Ctx &c)
{
    const CertificateEntry *e = CertificateCommon::active(c);
    if (!e)
        return CertificateCommon::notFound(c.name());
    return HttpResponse::json(200, CertificateCommon::policyJson(c, *e));
}

HttpResponse updatePolicy(Ctx &c)
{
    CertificateEntry *e = CertificateCommon::active(c);
    if (!e)
        return CertificateCommon::notFound(c.name());
    HttpResponse error;
    const auto body = VaultObjects::jsonBody(c.call.request, error);
    if (!body)
        return error;
    QString why;
    const auto policy = CertificateStore::updatedPolicy(e->policy, *body, c.now(), &why);
    if (!policy)
        return badParameter(why);
    if (auto r = CertificateCommon::checkHsm(c, *policy))
        return *r;
    e->policy = *policy;
    c.context.persist();
    return HttpResponse::json(200, CertificateCommon::policyJson(c, *e));
}

QJsonObject deletedJson(const Ctx &c, const CertificateEntry &e, bool bundle)
{
    QJsonObject o = bundle ? CertificateCommon::bundleJson(c, e, e.versions.last())
                           : CertificateCommon::itemJson(c, e, e.versions.last(), false);
    VaultObjects::addDeletion(o, c.call.origin + u"/deletedcertificates/"_s + e.name, *e.deleted);
    return o;
}

HttpResponse deletedNotFound(const QString &name)
{
    return vaultError(404, u"CertificateNotFound"_s,
                      u"Deleted Certificate not found: %1"_s.arg(name));
}

HttpResponse remove(Ctx &c)
{
    CertificateEntry *e = CertificateCommon::active(c);
    if (!e)
        return CertificateCommon::notFound(c.name());
    e->deleted = VaultObjects::deletionNow(c.props(), c.now());
    if (const KeyEntry *key = c.data().key(e->name)) {
        e->deletedKey = *key;
        c.data().keys.remove(e->name.toLower());
    }
    if (const SecretEntry *secret = c.data().secret(e->name)) {
        e->deletedSecret = *secret;
        c.data().secrets.remove(e->name.toLower());
    }
    c.context.persist();
    return HttpResponse::json(200, deletedJson(c, *e, true));
}

HttpResponse listDeleted(Ctx &c)
{
    return listPageOf(c.call, entries(c.data(), true),
                      [&c](const CertificateEntry *e) { return deletedJson(c, *e, false); });
}

CertificateEntry *deleted(const Ctx &c)
{
    CertificateEntry *e = c.data().certificate(c.name());
    return e && e->deleted && !e->versions.isEmpty() ? e : nullptr;
}

HttpResponse getDeleted(Ctx &c)
{
    const CertificateEntry *e = deleted(c);
    if (!e)
        return deletedNotFound(c.name());
    return HttpResponse::json(200, deletedJson(c, *e, true));
}

HttpResponse recover(Ctx &c)
{
    CertificateEntry *e = deleted(c);
    if (!e)
        return deletedNotFound(c.name());
    if (e->deletedKey)
        c.data().keys.insert(e->name.toLower(), *e->deletedKey);
    if (e->deletedSecret)
        c.data().secrets.insert(e->name.toLower(), *e->deletedSecret);
    e->deleted.reset();
    e->deletedKey.reset();
    e->deletedSecret.reset();
    c.context.persist();
    return HttpResponse::json(200, CertificateCommon::bundleJson(c, *e, e->versions.last()));
}

HttpResponse purge(Ctx &c)
{
    if (!deleted(c))
        return deletedNotFound(c.name());
    if (c.props().enablePurgeProtection.value_or(false))
        return VaultObjects::purgeProtected();
    c.data().certificates.remove(c.name().toLower());
    c.context.persist();
    return HttpResponse::empty(204);
}

HttpResponse backup(Ctx &c)
{
    const CertificateEntry *e = CertificateCommon::active(c);
    if (!e)
        return CertificateCommon::notFound(c.name());
    VaultData one;
    one.certificates.insert(e->name.toLower(), *e);
    if (const KeyEntry *key = c.data().key(e->name))
        one.keys.insert(e->name.toLower(), *key);
    if (const SecretEntry *secret = c.data().secret(e->name))
        one.secrets.insert(e->name.toLower(), *secret);
    return VaultObjects::backupAnswer(BackupMagic, one);
}

std::optional<HttpResponse> restoreConflict(const Ctx &c, const QString &name)
{
    if (const CertificateEntry *existing = c.data().certificate(name)) {
        if (existing->deleted)
            return VaultObjects::deletedButRecoverable(u"Certificate"_s, existing->name);
        return vaultError(409, u"Conflict"_s,
                          u"Certificate %1 already exists."_s.arg(existing->name));
    }
    if (c.data().key(name) || c.data().secret(name))
        return vaultError(409, u"Conflict"_s,
                          u"A key or secret named %1 already exists."_s.arg(name));
    return std::nullopt;
}

HttpResponse restore(Ctx &c)
{
    HttpResponse error;
    const auto body = VaultObjects::jsonBody(c.call.request, error);
    if (!body)
        return error;
    const auto restored = VaultObjects::restoredData(*body, BackupMagic);
    if (!restored || restored->certificates.size() != 1
        || restored->certificates.first().versions.isEmpty())
        return badParameter(u"Backup blob contains invalid or corrupt version."_s);
    CertificateEntry entry = restored->certificates.first();
    if (auto r = restoreConflict(c, entry.name))
        return *r;
    entry.deleted.reset();
    const QString key = entry.name.toLower();
    if (restored->keys.contains(key))
        c.data().keys.insert(key, restored->keys.value(key));
    if (restored->secrets.contains(key))
        c.data().secrets.insert(key, restored->secrets.value(key));
    const CertificateEntry &stored = *c.data().certificates.insert(key, entry);
    c.context.persist();
    return HttpResponse::json(200,
                              CertificateCommon::bundleJson(c, stored, stored.versions.last()));
}

} // namespace

std::optional<HttpResponse> CertificateLifecycle::run(CertificateCommon::Ctx &c)
{
    switch (c.call.operation.operation) {
    case DataOperation::GetCertificate:
        return get(c);
    case DataOperation::ListCertificates:
        return list(c);
    case DataOperation::ListCertificateVersions:
        return versions(c);
    case DataOperation::UpdateCertificate:
        return update(c);
    case DataOperation::GetCertificatePolicy:
        return getPolicy(c);
    case DataOperation::UpdateCertificatePolicy:
        return updatePolicy(c);
    case DataOperation::DeleteCertificate:
        return remove(c);
    case DataOperation::ListDeletedCertificates:
        return listDeleted(c);
    case DataOperation::GetDeletedCertificate:
        return getDeleted(c);
    case DataOperation::RecoverDeletedCertificate:
        return recover(c);
    case DataOperation::PurgeDeletedCertificate:
        return purge(c);
    case DataOperation::BackupCertificate:
        return backup(c);
    case DataOperation::RestoreCertificate:
        return restore(c);
    default:
        return std::nullopt;
    }
}

} // namespace vl::sandbox

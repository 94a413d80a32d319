// SPDX-License-Identifier: GPL-3.0-or-later
// The secret operations of the Key Vault data plane (secrets.json 7.6 / 2025-07-01):
// shapes of SecretBundle, SecretItem and DeletedSecretBundle, soft delete with
// recover and purge, backup and restore, and the service's error texts
// (PROTOCOL.md §4.2-§4.8).
#include "access/Validation.h"
#include "auth/Base64Url.h"
#include "vault/Paging.h"
#include "vault/VaultObjects.h"
#include "vault/VaultService.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vl::sandbox {
namespace {

using access::DataOperation;
using namespace VaultObjects;

constexpr qsizetype MaxSecretValueBytes = 25 * 1024; // Key Vault service limits: 25 KB

struct Ctx
{
    VaultCall &call;
    ServiceContext &context;
    [[nodiscard]] VaultData &data() const { return call.vault.data; }
    [[nodiscard]] const arm::VaultProperties &props() const
    {
        return call.vault.resource.properties;
    }
    [[nodiscard]] qint64 now() const { return context.clock.nowSecsSinceEpoch(); }
    [[nodiscard]] QString name() const { return call.operation.objectName; }
};

/// SecretBundle / SecretItem: @p versioned ids for bundles and version lists.
QJsonObject secretJson(const Ctx &c, const SecretEntry &e, const SecretVersion &v, bool versioned,
                       bool withValue)
{
    QJsonObject o{{u"id"_s, QString(c.call.origin + u"/secrets/"_s + e.name
                                    + (versioned ? QString(u'/' + v.version) : QString()))},
                  {u"attributes"_s, attributesJson(v.attributes, c.props())}};
    if (withValue)
        o.insert("value"_L1, v.value);
    if (v.contentType)
        o.insert("contentType"_L1, *v.contentType);
    if (v.tags)
        o.insert("tags"_L1, tagsJson(*v.tags));
    if (v.managed) {
        o.insert("managed"_L1, true);
        if (!v.kid.isEmpty())
            o.insert("kid"_L1, v.kid);
    }
    return o;
}

QJsonObject deletedJson(const Ctx &c, const SecretEntry &e, bool versioned)
{
    QJsonObject o = secretJson(c, e, e.versions.last(), versioned, false);
    addDeletion(o, c.call.origin + u"/deletedsecrets/"_s + e.name, *e.deleted);
    return o;
}

HttpResponse notFound(const QString &name, const QString &version = {})
{
    return vaultError(
        404, u"SecretNotFound"_s,
        u"A secret with (name/id) %1 was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182"_s
            .arg(version.isEmpty() ? name : name + u'/' + version));
}

HttpResponse deletedNotFound(const QString &name)
{
    return vaultError(404, u"SecretNotFound"_s, u"Deleted Secret not found: %1"_s.arg(name));
}

/// Applies `attributes`, `contentType` and `tags` from a set/update body to @p v.
std::optional<HttpResponse> applyProperties(const QJsonObject &body, SecretVersion &v)
{
    if (body.contains("contentType"_L1)) {
        if (!body.value("contentType"_L1).isString() && !body.value("contentType"_L1).isNull())
            return badParameter(u"contentType must be a string."_s);
        v.contentType = body.value("contentType"_L1).isNull()
                            ? std::nullopt
                            : std::optional(body.value("contentType"_L1).toString());
    }
    if (auto problem = readTags(body, v.tags))
        return problem;
    return readAttributes(body.value("attributes"_L1).toObject(), v.attributes);
}

HttpResponse setSecret(Ctx &c)
{
    if (auto problem = checkName(c.name()))
        return *problem;
    HttpResponse error;
    const auto body = jsonBody(c.call.request, error);
    if (!body)
        return error;
    if (!body->value("value"_L1).isString())
        return badParameter(u"The secret value is required and must be a string."_s);
    const QString value = body->value("value"_L1).toString();
    if (value.toUtf8().size() > MaxSecretValueBytes)
        return badParameter(u"The secret value is larger than the limit of 25 KB."_s);
    SecretEntry *entry = c.data().secret(c.name());
    if (entry && entry->deleted)
        return deletedButRecoverable(u"Secret"_s, entry->name);
    SecretVersion v;
    v.version = newVersionId();
    v.value = value;
    v.attributes.created = v.attributes.updated = c.now();
    if (const auto problem = applyProperties(*body, v))
        return *problem;
    if (!entry) {
        SecretEntry fresh;
        fresh.name = c.name();
        entry = &*c.data().secrets.insert(c.name().toLower(), fresh);
    }
    entry->versions.append(v);
    c.context.persist();
    return HttpResponse::json(200, secretJson(c, *entry, entry->versions.last(), true, true));
}

HttpResponse updateSecret(Ctx &c)
{
    SecretEntry *entry = c.data().secret(c.name());
    if (!entry || entry->deleted)
        return notFound(c.name());
    SecretVersion *v = entry->version(c.call.operation.version);
    if (!v)
        return notFound(c.name(), c.call.operation.version);
    HttpResponse error;
    const auto body = jsonBody(c.call.request, error);
    if (!body)
        return error;
    SecretVersion updated = *v;
    if (const auto problem = applyProperties(*body, updated))
        return *problem;
    updated.attributes.updated = c.now();
    *v = updated;
    c.context.persist();
    return HttpResponse::json(200, secretJson(c, *entry, *v, true, false));
}

HttpResponse getSecret(Ctx &c)
{
    const SecretEntry *entry = c.data().secret(c.name());
    if (!entry || entry->deleted)
        return notFound(c.name());
    const SecretVersion *v = entry->version(c.call.operation.version);
    if (!v)
        return notFound(c.name(), c.call.operation.version);
    return HttpResponse::json(200, secretJson(c, *entry, *v, true, true));
}

QList<const SecretEntry *> sortedEntries(const VaultData &data, bool deleted)
{
    QList<const SecretEntry *> out;
    for (const SecretEntry &e : data.secrets)
        if (e.deleted.has_value() == deleted && !e.versions.isEmpty())
            out.append(&e);
    return out; // QMap keeps them ordered by lower-case name
}

HttpResponse listSecrets(Ctx &c)
{
    return listPageOf(c.call, sortedEntries(c.data(), false), [&c](const SecretEntry *e) {
        return secretJson(c, *e, e->versions.last(), false, false);
    });
}

HttpResponse listVersions(Ctx &c)
{
    QList<QJsonObject> items;
    const SecretEntry *entry = c.data().secret(c.name());
    if (entry && !entry->deleted)
        for (const SecretVersion &v : entry->versions)
            items.append(secretJson(c, *entry, v, true, false));
    return listPage(c.call, items); // a missing secret has no versions: 200 and an empty list
}

HttpResponse deleteSecret(Ctx &c)
{
    SecretEntry *entry = c.data().secret(c.name());
    if (!entry || entry->deleted)
        return notFound(c.name());
    entry->deleted = deletionNow(c.props(), c.now());
    c.context.persist();
    return HttpResponse::json(200, deletedJson(c, *entry, true));
}

HttpResponse listDeleted(Ctx &c)
{
    return listPageOf(c.call, sortedEntries(c.data(), true),
                      [&c](const SecretEntry *e) { return deletedJson(c, *e, false); });
}

HttpResponse getDeleted(Ctx &c)
{
    const SecretEntry *entry = c.data().secret(c.name());
    if (!entry || !entry->deleted)
        return deletedNotFound(c.name());
    return HttpResponse::json(200, deletedJson(c, *entry, true));
}

HttpResponse purgeDeleted(Ctx &c)
{
    const SecretEntry *entry = c.data().secret(c.name());
    if (!entry || !entry->deleted)
        return deletedNotFound(c.name());
    if (c.props().enablePurgeProtection.value_or(false))
        return purgeProtected();
    c.data().secrets.remove(c.name().toLower());
    c.context.persist();
    return HttpResponse::empty(204);
}

HttpResponse recoverDeleted(Ctx &c)
{
    SecretEntry *entry = c.data().secret(c.name());
    if (!entry || !entry->deleted)
        return deletedNotFound(c.name());
    entry->deleted.reset();
    c.context.persist();
    return HttpResponse::json(200, secretJson(c, *entry, entry->versions.last(), true, false));
}

constexpr QByteArrayView BackupMagic = "VLSBK1";

HttpResponse backupSecret(Ctx &c)
{
    const SecretEntry *entry = c.data().secret(c.name());
    if (!entry || entry->deleted)
        return notFound(c.name());
    VaultData one;
    one.secrets.insert(entry->name.toLower(), *entry);
    return backupAnswer(BackupMagic, one);
}

HttpResponse restoreSecret(Ctx &c)
{
    HttpResponse error;
    const auto body = jsonBody(c.call.request, error);
    if (!body)
        return error;
    const auto restored = restoredData(*body, BackupMagic);
    if (!restored || restored->secrets.size() != 1 || restored->secrets.first().versions.isEmpty())
        return badParameter(u"Backup blob contains invalid or corrupt version."_s);
    SecretEntry entry = restored->secrets.first();
    entry.deleted.reset();
    if (const SecretEntry *existing = c.data().secret(entry.name)) {
        if (existing->deleted)
            return vaultError(
                409, u"Conflict"_s,
                u"Secret %1 is currently in a deleted but recoverable state."_s.arg(existing->name),
                u"ObjectIsDeletedButRecoverable"_s);
        return vaultError(409, u"Conflict"_s, u"Secret %1 already exists."_s.arg(existing->name));
    }
    const SecretEntry &stored = *c.data().secrets.insert(entry.name.toLower(), entry);
    c.context.persist();
    return HttpResponse::json(200, secretJson(c, stored, stored.versions.last(), true, false));
}

} // namespace

std::optional<bool> SecretOperations::enabledFact(const VaultCall &call)
{
    if (call.operation.operation != DataOperation::GetSecret)
        return std::nullopt;
    const SecretEntry *entry = call.vault.data.secret(call.operation.objectName);
    if (!entry || entry->deleted)
        return std::nullopt;
    const SecretVersion *v = entry->version(call.operation.version);
    return v ? std::optional(v->attributes.enabled) : std::nullopt;
}

HttpResponse SecretOperations::run(VaultCall &call, ServiceContext &context)
{
    Ctx c{call, context};
    switch (call.operation.operation) {
    case DataOperation::SetSecret:
        return setSecret(c);
    case DataOperation::UpdateSecret:
        return updateSecret(c);
    case DataOperation::GetSecret:
        return getSecret(c);
    case DataOperation::ListSecrets:
        return listSecrets(c);
    case DataOperation::ListSecretVersions:
        return listVersions(c);
    case DataOperation::DeleteSecret:
        return deleteSecret(c);
    case DataOperation::ListDeletedSecrets:
        return listDeleted(c);
    case DataOperation::GetDeletedSecret:
        return getDeleted(c);
    case DataOperation::PurgeDeletedSecret:
        return purgeDeleted(c);
    case DataOperation::RecoverDeletedSecret:
        return recoverDeleted(c);
    case DataOperation::BackupSecret:
        return backupSecret(c);
    case DataOperation::RestoreSecret:
        return restoreSecret(c);
    default:
        break;
    }
    return vaultError(400, u"BadParameter"_s, u"Not a secret operation."_s);
}

} // namespace vl::sandbox

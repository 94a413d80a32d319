// SPDX-License-Identifier: GPL-3.0-or-later
// VaultClient: keys.
#include "vault/KeySerializer.h"
#include "vault/ObjectSerializer.h"
#include "vault/VaultClient.h"
#include "vault/VaultClientCommon.h"

using namespace Qt::StringLiterals;

namespace vl::vault {
namespace {

const QLatin1StringView Keys{"keys"};
const QLatin1StringView DeletedKeys{"deletedkeys"};

} // namespace

QFuture<Result<Page<KeyProperties>>> VaultClient::listKeys(std::optional<int> maxResults) const
{
    return getPage<KeyProperties>(url(u"/keys"_s, pageQuery(maxResults)), tr("list keys"),
                                  &KeySerializer::pageFromJson);
}

QFuture<Result<Page<KeyProperties>>>
VaultClient::listKeyVersions(const QString &name, std::optional<int> maxResults) const
{
    if (const auto problem = checkName(name))
        return refused<Page<KeyProperties>>(*problem);
    return getPage<KeyProperties>(
        url(objectPath(Keys, name) + u"/versions"_s, pageQuery(maxResults)),
        tr("list key versions"), &KeySerializer::pageFromJson);
}

QFuture<Result<Page<KeyProperties>>> VaultClient::listKeysNext(const QUrl &nextLink) const
{
    return nextPage<KeyProperties>(nextLink, tr("list keys"), &KeySerializer::pageFromJson);
}

QFuture<Result<KeyBundle>> VaultClient::getKey(const QString &name, const QString &version) const
{
    if (const auto problem = checkName(name))
        return refused<KeyBundle>(*problem);
    if (!version.isEmpty())
        if (const auto problem = checkName(version))
            return refused<KeyBundle>(*problem);
    return send<KeyBundle>(
        request("GET", url(objectPath(Keys, name, version, true)), tr("get key")),
        &KeySerializer::bundleFromJson);
}

QFuture<Result<KeyBundle>> VaultClient::createKey(const QString &name,
                                                  const KeyCreateParameters &parameters) const
{
    if (const auto problem = checkName(name))
        return refused<KeyBundle>(*problem);
    return send<KeyBundle>(jsonRequest("POST", url(objectPath(Keys, name) + u"/create"_s),
                                       tr("create key"), KeySerializer::toJson(parameters)),
                           &KeySerializer::bundleFromJson);
}

QFuture<Result<KeyBundle>> VaultClient::updateKey(const QString &name, const QString &version,
                                                  const KeyUpdateParameters &parameters) const
{
    if (const auto problem = checkName(name))
        return refused<KeyBundle>(*problem);
    if (!version.isEmpty())
        if (const auto problem = checkName(version))
            return refused<KeyBundle>(*problem);
    HttpRequest r = jsonRequest("PATCH", url(objectPath(Keys, name, version, true)),
                                tr("update key"), KeySerializer::toJson(parameters));
    r.context.idempotent = true;
    return send<KeyBundle>(std::move(r), &KeySerializer::bundleFromJson);
}

QFuture<Result<DeletedKey>> VaultClient::deleteKey(const QString &name) const
{
    if (const auto problem = checkName(name))
        return refused<DeletedKey>(*problem);
    return send<DeletedKey>(request("DELETE", url(objectPath(Keys, name)), tr("delete key")),
                            &KeySerializer::deletedFromJson);
}

QFuture<Result<Page<DeletedKey>>> VaultClient::listDeletedKeys(std::optional<int> maxResults) const
{
    return getPage<DeletedKey>(url(u"/deletedkeys"_s, pageQuery(maxResults)),
                               tr("list deleted keys"), &KeySerializer::deletedPageFromJson);
}

QFuture<Result<Page<DeletedKey>>> VaultClient::listDeletedKeysNext(const QUrl &nextLink) const
{
    return nextPage<DeletedKey>(nextLink, tr("list deleted keys"),
                                &KeySerializer::deletedPageFromJson);
}

QFuture<Result<DeletedKey>> VaultClient::getDeletedKey(const QString &name) const
{
    if (const auto problem = checkName(name))
        return refused<DeletedKey>(*problem);
    return send<DeletedKey>(
        request("GET", url(objectPath(DeletedKeys, name)), tr("get deleted key")),
        &KeySerializer::deletedFromJson);
}

QFuture<Result<KeyBundle>> VaultClient::recoverDeletedKey(const QString &name) const
{
    if (const auto problem = checkName(name))
        return refused<KeyBundle>(*problem);
    return send<KeyBundle>(request("POST", url(objectPath(DeletedKeys, name) + u"/recover"_s),
                                   tr("recover deleted key")),
                           &KeySerializer::bundleFromJson);
}

QFuture<Result<Done>> VaultClient::purgeDeletedKey(const QString &name) const
{
    if (const auto problem = checkName(name))
        return refused<Done>(*problem);
    return sendExpectingSuccess(*m_pipeline, request("DELETE", url(objectPath(DeletedKeys, name)),
                                                     tr("purge deleted key")));
}

QFuture<Result<BackupBlob>> VaultClient::backupKey(const QString &name) const
{
    if (const auto problem = checkName(name))
        return refused<BackupBlob>(*problem);
    HttpRequest r =
        request("POST", url(objectPath(Keys, name) + u"/backup"_s), tr("back up key"), true);
    r.context.idempotent = true; // reads only
    return send<BackupBlob>(std::move(r), &ObjectSerializer::backupFromJson);
}

QFuture<Result<KeyBundle>> VaultClient::restoreKey(const BackupBlob &backup) const
{
    return send<KeyBundle>(jsonRequest("POST", url(u"/keys/restore"_s), tr("restore key"),
                                       ObjectSerializer::toJson(backup), true),
                           &KeySerializer::bundleFromJson);
}

QFuture<Result<KeyBundle>> VaultClient::rotateKey(const QString &name) const
{
    if (const auto problem = checkName(name))
        return refused<KeyBundle>(*problem);
    return send<KeyBundle>(
        request("POST", url(objectPath(Keys, name) + u"/rotate"_s), tr("rotate key")),
        &KeySerializer::bundleFromJson);
}

QFuture<Result<KeyRotationPolicy>> VaultClient::getKeyRotationPolicy(const QString &name) const
{
    if (const auto problem = checkName(name))
        return refused<KeyRotationPolicy>(*problem);
    return send<KeyRotationPolicy>(request("GET",
                                           url(objectPath(Keys, name) + u"/rotationpolicy"_s),
                                           tr("get key rotation policy")),
                                   &KeySerializer::rotationPolicyFromJson);
}

QFuture<Result<KeyRotationPolicy>>
VaultClient::setKeyRotationPolicy(const QString &name, const KeyRotationPolicy &policy) const
{
    if (const auto problem = checkName(name))
        return refused<KeyRotationPolicy>(*problem);
    return send<KeyRotationPolicy>(
        jsonRequest("PUT", url(objectPath(Keys, name) + u"/rotationpolicy"_s),
                    tr("set key rotation policy"), KeySerializer::toRequestJson(policy)),
        &KeySerializer::rotationPolicyFromJson);
}

} // namespace vl::vault

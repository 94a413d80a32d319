// SPDX-License-Identifier: GPL-3.0-or-later
// VaultClient: secrets.
#include "vault/ObjectSerializer.h"
#include "vault/SecretSerializer.h"
#include "vault/VaultClient.h"
#include "vault/VaultClientCommon.h"

using namespace Qt::StringLiterals;

namespace vl::vault {
namespace {

const QLatin1StringView Secrets{"secrets"};
const QLatin1StringView DeletedSecrets{"deletedsecrets"};

} // namespace

QFuture<Result<Page<SecretProperties>>>
VaultClient::listSecrets(std::optional<int> maxResults) const
{
    return getPage<SecretProperties>(url(u"/secrets"_s, pageQuery(maxResults)), tr("list secrets"),
                                     &SecretSerializer::pageFromJson);
}

QFuture<Result<Page<SecretProperties>>>
VaultClient::listSecretVersions(const QString &name, std::optional<int> maxResults) const
{
    if (const auto problem = checkName(name))
        return refused<Page<SecretProperties>>(*problem);
    return getPage<SecretProperties>(
        url(objectPath(Secrets, name) + u"/versions"_s, pageQuery(maxResults)),
        tr("list secret versions"), &SecretSerializer::pageFromJson);
}

QFuture<Result<Page<SecretProperties>>> VaultClient::listSecretsNext(const QUrl &nextLink) const
{
    return nextPage<SecretProperties>(nextLink, tr("list secrets"),
                                      &SecretSerializer::pageFromJson);
}

QFuture<Result<SecretBundle>> VaultClient::getSecret(const QString &name,
                                                     const QString &version) const
{
    if (const auto problem = checkName(name))
        return refused<SecretBundle>(*problem);
    if (!version.isEmpty())
        if (const auto problem = checkName(version))
            return refused<SecretBundle>(*problem);
    // The answer carries the value.
    return send<SecretBundle>(
        request("GET", url(objectPath(Secrets, name, version, true)), tr("get secret"), true),
        &SecretSerializer::bundleFromJson);
}

QFuture<Result<SecretBundle>> VaultClient::setSecret(const QString &name,
                                                     const SecretSetParameters &parameters) const
{
    if (const auto problem = checkName(name))
        return refused<SecretBundle>(*problem);
    return send<SecretBundle>(jsonRequest("PUT", url(objectPath(Secrets, name)), tr("set secret"),
                                          SecretSerializer::toJson(parameters), true),
                              &SecretSerializer::bundleFromJson);
}

QFuture<Result<SecretBundle>>
VaultClient::updateSecret(const QString &name, const QString &version,
                          const SecretUpdateParameters &parameters) const
{
    if (const auto problem = checkName(name))
        return refused<SecretBundle>(*problem);
    if (!version.isEmpty())
        if (const auto problem = checkName(version))
            return refused<SecretBundle>(*problem);
    HttpRequest r = jsonRequest("PATCH", url(objectPath(Secrets, name, version, true)),
                                tr("update secret"), SecretSerializer::toJson(parameters));
    // Sending the same PATCH twice leaves the secret as sending it once.
    r.context.idempotent = true;
    return send<SecretBundle>(std::move(r), &SecretSerializer::bundleFromJson);
}

QFuture<Result<DeletedSecret>> VaultClient::deleteSecret(const QString &name) const
{
    if (const auto problem = checkName(name))
        return refused<DeletedSecret>(*problem);
    return send<DeletedSecret>(
        request("DELETE", url(objectPath(Secrets, name)), tr("delete secret")),
        &SecretSerializer::deletedFromJson);
}

QFuture<Result<Page<DeletedSecret>>>
VaultClient::listDeletedSecrets(std::optional<int> maxResults) const
{
    return getPage<DeletedSecret>(url(u"/deletedsecrets"_s, pageQuery(maxResults)),
                                  tr("list deleted secrets"),
                                  &SecretSerializer::deletedPageFromJson);
}

QFuture<Result<Page<DeletedSecret>>> VaultClient::listDeletedSecretsNext(const QUrl &nextLink) const
{
    return nextPage<DeletedSecret>(nextLink, tr("list deleted secrets"),
                                   &SecretSerializer::deletedPageFromJson);
}

QFuture<Result<DeletedSecret>> VaultClient::getDeletedSecret(const QString &name) const
{
    if (const auto problem = checkName(name))
        return refused<DeletedSecret>(*problem);
    return send<DeletedSecret>(
        request("GET", url(objectPath(DeletedSecrets, name)), tr("get deleted secret")),
        &SecretSerializer::deletedFromJson);
}

QFuture<Result<SecretBundle>> VaultClient::recoverDeletedSecret(const QString &name) const
{
    if (const auto problem = checkName(name))
        return refused<SecretBundle>(*problem);
    return send<SecretBundle>(request("POST", url(objectPath(DeletedSecrets, name) + u"/recover"_s),
                                      tr("recover deleted secret")),
                              &SecretSerializer::bundleFromJson);
}

QFuture<Result<Done>> VaultClient::purgeDeletedSecret(const QString &name) const
{
    if (const auto problem = checkName(name))
        return refused<Done>(*problem);
    return sendExpectingSuccess(
        *m_pipeline,
        request("DELETE", url(objectPath(DeletedSecrets, name)), tr("purge deleted secret")));
}

QFuture<Result<BackupBlob>> VaultClient::backupSecret(const QString &name) const
{
    if (const auto problem = checkName(name))
        return refused<BackupBlob>(*problem);
    HttpRequest r =
        request("POST", url(objectPath(Secrets, name) + u"/backup"_s), tr("back up secret"), true);
    r.context.idempotent = true; // reads only
    return send<BackupBlob>(std::move(r), &ObjectSerializer::backupFromJson);
}

QFuture<Result<SecretBundle>> VaultClient::restoreSecret(const BackupBlob &backup) const
{
    return send<SecretBundle>(jsonRequest("POST", url(u"/secrets/restore"_s), tr("restore secret"),
                                          ObjectSerializer::toJson(backup), true),
                              &SecretSerializer::bundleFromJson);
}

} // namespace vl::vault

// SPDX-License-Identifier: GPL-3.0-or-later
// VaultClient: certificates.
#include "vault/CertificateSerializer.h"
#include "vault/ObjectSerializer.h"
#include "vault/VaultClient.h"
#include "vault/VaultClientCommon.h"

using namespace Qt::StringLiterals;

namespace vl::vault {
namespace {

const QLatin1StringView Certificates{"certificates"};
const QLatin1StringView DeletedCertificates{"deletedcertificates"};

} // namespace

QFuture<Result<Page<CertificateProperties>>>
VaultClient::listCertificates(std::optional<int> maxResults) const
{
    return getPage<CertificateProperties>(url(u"/certificates"_s, pageQuery(maxResults)),
                                          tr("list certificates"),
                                          &CertificateSerializer::pageFromJson);
}

QFuture<Result<Page<CertificateProperties>>>
VaultClient::listCertificateVersions(const QString &name, std::optional<int> maxResults) const
{
    if (const auto problem = checkName(name))
        return refused<Page<CertificateProperties>>(*problem);
    return getPage<CertificateProperties>(
        url(objectPath(Certificates, name) + u"/versions"_s, pageQuery(maxResults)),
        tr("list certificate versions"), &CertificateSerializer::pageFromJson);
}

QFuture<Result<Page<CertificateProperties>>>
VaultClient::listCertificatesNext(const QUrl &nextLink) const
{
    return nextPage<CertificateProperties>(nextLink, tr("list certificates"),
                                           &CertificateSerializer::pageFromJson);
}

QFuture<Result<CertificateBundle>> VaultClient::getCertificate(const QString &name,
                                                               const QString &version) const
{
    if (const auto problem = checkName(name))
        return refused<CertificateBundle>(*problem);
    if (!version.isEmpty())
        if (const auto problem = checkName(version))
            return refused<CertificateBundle>(*problem);
    return send<CertificateBundle>(
        request("GET", url(objectPath(Certificates, name, version, true)), tr("get certificate")),
        &CertificateSerializer::bundleFromJson);
}

QFuture<Result<CertificateBundle>>
VaultClient::importCertificate(const QString &name,
                               const CertificateImportParameters &parameters) const
{
    if (const auto problem = checkName(name))
        return refused<CertificateBundle>(*problem);
    // The body holds the private key and the PFX password.
    return send<CertificateBundle>(
        jsonRequest("POST", url(objectPath(Certificates, name) + u"/import"_s),
                    tr("import certificate"), CertificateSerializer::toJson(parameters), true),
        &CertificateSerializer::bundleFromJson);
}

QFuture<Result<CertificateOperation>>
VaultClient::createCertificate(const QString &name,
                               const CertificateCreateParameters &parameters) const
{
    if (const auto problem = checkName(name))
        return refused<CertificateOperation>(*problem);
    return send<CertificateOperation>(
        jsonRequest("POST", url(objectPath(Certificates, name) + u"/create"_s),
                    tr("create certificate"), CertificateSerializer::toJson(parameters)),
        &CertificateSerializer::operationFromJson);
}

QFuture<Result<CertificateBundle>>
VaultClient::updateCertificate(const QString &name, const QString &version,
                               const CertificateUpdateParameters &parameters) const
{
    if (const auto problem = checkName(name))
        return refused<CertificateBundle>(*problem);
    if (!version.isEmpty())
        if (const auto problem = checkName(version))
            return refused<CertificateBundle>(*problem);
    HttpRequest r =
        jsonRequest("PATCH", url(objectPath(Certificates, name, version, true)),
                    tr("update certificate"), CertificateSerializer::toJson(parameters));
    r.context.idempotent = true;
    return send<CertificateBundle>(std::move(r), &CertificateSerializer::bundleFromJson);
}

QFuture<Result<CertificatePolicy>> VaultClient::getCertificatePolicy(const QString &name) const
{
    if (const auto problem = checkName(name))
        return refused<CertificatePolicy>(*problem);
    return send<CertificatePolicy>(request("GET",
                                           url(objectPath(Certificates, name) + u"/policy"_s),
                                           tr("get certificate policy")),
                                   &CertificateSerializer::policyFromJson);
}

QFuture<Result<CertificatePolicy>>
VaultClient::updateCertificatePolicy(const QString &name, const CertificatePolicy &policy) const
{
    if (const auto problem = checkName(name))
        return refused<CertificatePolicy>(*problem);
    HttpRequest r =
        jsonRequest("PATCH", url(objectPath(Certificates, name) + u"/policy"_s),
                    tr("update certificate policy"), CertificateSerializer::toRequestJson(policy));
    r.context.idempotent = true;
    return send<CertificatePolicy>(std::move(r), &CertificateSerializer::policyFromJson);
}

QFuture<Result<CertificateOperation>>
VaultClient::getCertificateOperation(const QString &name) const
{
    if (const auto problem = checkName(name))
        return refused<CertificateOperation>(*problem);
    return send<CertificateOperation>(request("GET",
                                              url(objectPath(Certificates, name) + u"/pending"_s),
                                              tr("get certificate operation")),
                                      &CertificateSerializer::operationFromJson);
}

QFuture<Result<CertificateOperation>>
VaultClient::cancelCertificateOperation(const QString &name) const
{
    if (const auto problem = checkName(name))
        return refused<CertificateOperation>(*problem);
    HttpRequest r = jsonRequest("PATCH", url(objectPath(Certificates, name) + u"/pending"_s),
                                tr("cancel certificate operation"),
                                QJsonObject{{u"cancellation_requested"_s, true}});
    r.context.idempotent = true;
    return send<CertificateOperation>(std::move(r), &CertificateSerializer::operationFromJson);
}

QFuture<Result<CertificateOperation>>
VaultClient::deleteCertificateOperation(const QString &name) const
{
    if (const auto problem = checkName(name))
        return refused<CertificateOperation>(*problem);
    return send<CertificateOperation>(request("DELETE",
                                              url(objectPath(Certificates, name) + u"/pending"_s),
                                              tr("delete certificate operation")),
                                      &CertificateSerializer::operationFromJson);
}

QFuture<Result<DeletedCertificate>> VaultClient::deleteCertificate(const QString &name) const
{
    if (const auto problem = checkName(name))
        return refused<DeletedCertificate>(*problem);
    return send<DeletedCertificate>(
        request("DELETE", url(objectPath(Certificates, name)), tr("delete certificate")),
        &CertificateSerializer::deletedFromJson);
}

QFuture<Result<Page<DeletedCertificate>>>
VaultClient::listDeletedCertificates(std::optional<int> maxResults) const
{
    return getPage<DeletedCertificate>(url(u"/deletedcertificates"_s, pageQuery(maxResults)),
                                       tr("list deleted certificates"),
                                       &CertificateSerializer::deletedPageFromJson);
}

QFuture<Result<Page<DeletedCertificate>>>
VaultClient::listDeletedCertificatesNext(const QUrl &nextLink) const
{
    return nextPage<DeletedCertificate>(nextLink, tr("list deleted certificates"),
                                        &CertificateSerializer::deletedPageFromJson);
}

QFuture<Result<DeletedCertificate>> VaultClient::getDeletedCertificate(const QString &name) const
{
    if (const auto problem = checkName(name))
        return refused<DeletedCertificate>(*problem);
    return send<DeletedCertificate>(
        request("GET", url(objectPath(DeletedCertificates, name)), tr("get deleted certificate")),
        &CertificateSerializer::deletedFromJson);
}

QFuture<Result<CertificateBundle>> VaultClient::recoverDeletedCertificate(const QString &name) const
{
    if (const auto problem = checkName(name))
        return refused<CertificateBundle>(*problem);
    return send<CertificateBundle>(
        request("POST", url(objectPath(DeletedCertificates, name) + u"/recover"_s),
                tr("recover deleted certificate")),
        &CertificateSerializer::bundleFromJson);
}

QFuture<Result<Done>> VaultClient::purgeDeletedCertificate(const QString &name) const
{
    if (const auto problem = checkName(name))
        return refused<Done>(*problem);
    return sendExpectingSuccess(*m_pipeline,
                                request("DELETE", url(objectPath(DeletedCertificates, name)),
                                        tr("purge deleted certificate")));
}

QFuture<Result<BackupBlob>> VaultClient::backupCertificate(const QString &name) const
{
    if (const auto problem = checkName(name))
        return refused<BackupBlob>(*problem);
    HttpRequest r = request("POST", url(objectPath(Certificates, name) + u"/backup"_s),
                            tr("back up certificate"), true);
    r.context.idempotent = true; // reads only
    return send<BackupBlob>(std::move(r), &ObjectSerializer::backupFromJson);
}

QFuture<Result<CertificateBundle>> VaultClient::restoreCertificate(const BackupBlob &backup) const
{
    return send<CertificateBundle>(jsonRequest("POST", url(u"/certificates/restore"_s),
                                               tr("restore certificate"),
                                               ObjectSerializer::toJson(backup), true),
                                   &CertificateSerializer::bundleFromJson);
}

} // namespace vl::vault

// SPDX-License-Identifier: GPL-3.0-or-later
#include "vault/VaultClient.h"

#include "vault/VaultClientCommon.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace vl::vault {

AzureError detail::incompleteAnswer(const HttpResponse &response, const QString &what)
{
    AzureError error = AzureError::make(
        AzureError::Kind::Malformed,
        VaultClient::tr("The answer to %1 does not describe a Key Vault object.").arg(what));
    error.status = response.status;
    error.requestId = QString::fromLatin1(response.header("x-ms-request-id"));
    error.clientRequestId = response.context.clientRequestId;
    return error;
}

QString VaultClient::defaultScope()
{
    return scopeForAudience(u"https://vault.azure.net"_s);
}

QString VaultClient::scopeForAudience(const QString &audience)
{
    QString base = audience.trimmed();
    while (base.endsWith(u'/'))
        base.chop(1);
    return base + u"/.default"_s;
}

VaultClient::VaultClient(std::shared_ptr<HttpPipeline> pipeline, QUrl vaultUri, QString scope)
    : m_pipeline(std::move(pipeline))
    , m_vaultUri(std::move(vaultUri))
    , m_scope(std::move(scope))
{}

QUrl VaultClient::url(const QString &path, QUrlQuery query) const
{
    QUrl u;
    u.setScheme(m_vaultUri.scheme());
    u.setHost(m_vaultUri.host());
    u.setPort(m_vaultUri.port());
    u.setPath(path, QUrl::TolerantMode);
    query.addQueryItem(u"api-version"_s, DataPlaneApiVersion);
    u.setQuery(query);
    return u;
}

QString VaultClient::objectPath(QLatin1StringView collection, const QString &name,
                                const QString &version, bool latestSlash)
{
    QString path = u'/' + collection + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(name));
    if (!version.isEmpty())
        path += u'/' + QString::fromLatin1(QUrl::toPercentEncoding(version));
    else if (latestSlash)
        path += u'/';
    return path;
}

QUrlQuery VaultClient::pageQuery(std::optional<int> maxResults)
{
    QUrlQuery query;
    if (maxResults)
        query.addQueryItem(u"maxresults"_s, QString::number(*maxResults));
    return query;
}

Result<QUrl> VaultClient::followable(const QUrl &nextLink) const
{
    const QString path = nextLink.path(QUrl::FullyEncoded);
    if (!nextLink.isValid() || !path.startsWith(u'/') || path.size() < 2)
        return AzureError::make(
            AzureError::Kind::Malformed,
            tr("The next page link '%1' names no list of this vault; it was not followed.")
                .arg(nextLink.toString()));
    // The service writes its canonical host (with :443) even when the vault was reached by
    // another name; the path and query go to this vault's origin, nowhere else.
    QStringList items;
    const QStringList parts = nextLink.query(QUrl::FullyEncoded).split(u'&', Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QString name = QUrl::fromPercentEncoding(part.section(u'=', 0, 0).toLatin1());
        if (name.compare("api-version"_L1, Qt::CaseInsensitive) != 0)
            items.append(part);
    }
    items.append(u"api-version="_s + DataPlaneApiVersion);
    QUrl link;
    link.setScheme(m_vaultUri.scheme());
    link.setHost(m_vaultUri.host());
    link.setPort(m_vaultUri.port());
    link.setPath(path, QUrl::TolerantMode);
    link.setQuery(items.join(u'&'), QUrl::TolerantMode);
    return link;
}

std::optional<AzureError> VaultClient::checkName(const QString &name) const
{
    if (!name.isEmpty() && !name.contains(u'/') && name != "."_L1 && name != ".."_L1)
        return std::nullopt;
    return AzureError::make(AzureError::Kind::Malformed,
                            tr("'%1' is not the name of a Key Vault object.").arg(name));
}

HttpRequest VaultClient::request(const QByteArray &method, const QUrl &url,
                                 const QString &operation, bool secret) const
{
    HttpRequest r = makeRequest(method, url, Service::KeyVault, m_scope, operation);
    r.context.bodyIsSecret = secret;
    return r;
}

HttpRequest VaultClient::jsonRequest(const QByteArray &method, const QUrl &url,
                                     const QString &operation, const QJsonObject &body,
                                     bool secret) const
{
    HttpRequest r = makeJsonRequest(method, url, Service::KeyVault, m_scope, operation, body);
    r.context.bodyIsSecret = secret;
    return r;
}

} // namespace vl::vault

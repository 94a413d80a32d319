// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/ManagedIdentityCredential.h"

#include "auth/IdentityRequests.h"
#include "util/Future.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace vl {
namespace {

QString appServiceEndpoint(const QProcessEnvironment &env)
{
    const QString endpoint = env.value(u"IDENTITY_ENDPOINT"_s);
    return endpoint.isEmpty() ? env.value(u"MSI_ENDPOINT"_s) : endpoint;
}

QString appServiceHeader(const QProcessEnvironment &env)
{
    const QString header = env.value(u"IDENTITY_HEADER"_s);
    return header.isEmpty() ? env.value(u"MSI_SECRET"_s) : header;
}

} // namespace

ManagedIdentityCredential::ManagedIdentityCredential(ManagedIdentityOptions options)
    : m_options(std::move(options))
{}

QString ManagedIdentityCredential::name() const
{
    return u"managed identity"_s;
}

bool ManagedIdentityCredential::usesAppService() const
{
    return m_options.endpoint.isEmpty() && !appServiceEndpoint(m_options.environment).isEmpty()
           && !appServiceHeader(m_options.environment).isEmpty();
}

Result<HttpRequest> ManagedIdentityCredential::buildRequest(const QString &scope) const
{
    const QString resource = scope.endsWith("/.default"_L1) ? scope.chopped(9) : scope;
    if (resource.isEmpty())
        return identity::unauthenticated(QCoreApplication::translate(
            "vl::ManagedIdentityCredential", "A managed identity token needs a scope."));
    if (m_options.idKind != ManagedIdentityOptions::IdKind::SystemAssigned
        && m_options.id.isEmpty())
        return identity::unauthenticated(QCoreApplication::translate(
            "vl::ManagedIdentityCredential",
            "A user-assigned managed identity needs its client id, object id or resource "
            "id."));
    const bool appService = usesAppService();
    QUrl url;
    identity::FormFields query;
    if (appService) {
        url = QUrl(appServiceEndpoint(m_options.environment));
        query.append({u"api-version"_s, u"2019-08-01"_s});
    } else {
        url = m_options.endpoint.isEmpty() ? QUrl(u"http://169.254.169.254"_s) : m_options.endpoint;
        QString path = url.path();
        while (path.endsWith(u'/'))
            path.chop(1);
        url.setPath(path + "/metadata/identity/oauth2/token"_L1);
        query.append({u"api-version"_s, u"2018-02-01"_s});
    }
    if (!url.isValid() || url.host().isEmpty())
        return identity::unauthenticated(
            QCoreApplication::translate("vl::ManagedIdentityCredential",
                                        "The managed identity endpoint '%1' is not a URL.")
                .arg(url.toString()));
    query.append({u"resource"_s, resource});
    switch (m_options.idKind) {
    case ManagedIdentityOptions::IdKind::SystemAssigned:
        break;
    case ManagedIdentityOptions::IdKind::ClientId:
        query.append({u"client_id"_s, m_options.id});
        break;
    case ManagedIdentityOptions::IdKind::ObjectId:
        query.append({appService ? u"principal_id"_s : u"object_id"_s, m_options.id});
        break;
    case ManagedIdentityOptions::IdKind::ResourceId:
        query.append({appService ? u"mi_res_id"_s : u"msi_res_id"_s, m_options.id});
        break;
    }
    url.setQuery(QString::fromLatin1(identity::formEncode(query)), QUrl::StrictMode);

    HttpRequest request;
    request.method = "GET"_ba;
    request.url = url;
    if (appService)
        request.setHeader("X-IDENTITY-HEADER"_ba, appServiceHeader(m_options.environment).toUtf8());
    else
        request.setHeader("Metadata"_ba, "true"_ba);
    request.setHeader("Accept"_ba, "application/json"_ba);
    request.context.service = Service::ManagedIdentity;
    request.context.operation = u"get token"_s;
    request.context.bodyIsSecret = true;
    request.context.idempotent = true;
    return request;
}

QFuture<Result<AccessToken>> ManagedIdentityCredential::getToken(const TokenRequestContext &request)
{
    if (request.scopes.size() != 1)
        return readyFuture(Result<AccessToken>(identity::unauthenticated(
            QCoreApplication::translate(
                "vl::ManagedIdentityCredential",
                "A managed identity token is for exactly one scope; %1 were asked for.")
                .arg(request.scopes.size()))));
    Result<HttpRequest> built = buildRequest(request.scopes.first());
    if (!built)
        return readyFuture(Result<AccessToken>(built.error()));
    CredentialOptions options;
    options.pipeline = m_options.pipeline;
    options.clock = m_options.clock;
    const bool appService = usesAppService();
    const QUrl endpoint = built->url.adjusted(QUrl::RemoveQuery);
    return identity::requestToken(options, std::move(built).value(), TokenSource::ManagedIdentity,
                                  name())
        .then([appService, endpoint](Result<AccessToken> token) {
            if (token || token.error().kind != AzureError::Kind::Network)
                return token;
            // No answer at all: most often there is no managed identity here.
            AzureError e = token.error();
            e.kind = AzureError::Kind::Unauthenticated;
            e.message = (appService ? QCoreApplication::translate(
                             "vl::ManagedIdentityCredential",
                             "The App Service identity endpoint %1 did not answer "
                             "(%2).")
                                    : QCoreApplication::translate(
                                        "vl::ManagedIdentityCredential",
                                        "The managed identity endpoint %1 did not answer (%2): "
                                        "VaultLens does not seem to run on an Azure resource "
                                        "with a managed identity."))
                            .arg(endpoint.toString(), e.message);
            return Result<AccessToken>(e);
        });
}

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#include "arm/ArmClient.h"

#include "arm/ArmRequestSerializer.h"
#include "arm/ResourceGraphSerializer.h"
#include "arm/ResourceId.h"
#include "arm/ResourceSerializer.h"
#include "arm/RoleSerializer.h"
#include "arm/VaultSerializer.h"
#include "util/Future.h"

#include <QCoreApplication>
#include <QUuid>

#include <functional>

using namespace Qt::StringLiterals;

namespace vl::arm {
namespace {

const QString AuthorizationProvider = u"/providers/Microsoft.Authorization"_s;

/// @p scope as a path prefix: "" for the root "/", else with one leading and no trailing slash.
QString scopePath(const QString &scope)
{
    QString path = scope.trimmed();
    while (path.endsWith(u'/'))
        path.chop(1);
    if (!path.isEmpty() && !path.startsWith(u'/'))
        path.prepend(u'/');
    return path;
}

/// A query with api-version @p apiVersion.
QUrlQuery apiQuery(QLatin1StringView apiVersion)
{
    QUrlQuery query;
    query.addQueryItem(u"api-version"_s, apiVersion);
    return query;
}

/// Adds `$filter` = @p filter, percent-encoded so that quotes, spaces and '+' survive.
void addFilter(QUrlQuery &query, const QString &filter)
{
    query.addQueryItem(u"$filter"_s, QString::fromLatin1(QUrl::toPercentEncoding(filter)));
}

/// An OData string literal: quoted, with quotes doubled.
QString odataString(const QString &value)
{
    return u'\'' + QString(value).replace(u'\'', u"''"_s) + u'\'';
}

template<typename T>
QFuture<Result<T>> failed(AzureError::Kind kind, const QString &message)
{
    return readyFuture(Result<T>(AzureError::make(kind, message)));
}

/// Nothing when @p vaultId names a vault; else the error to answer with.
std::optional<QString> checkVaultId(const QString &vaultId)
{
    const ResourceId id = ResourceId::parse(vaultId);
    if (id.isValid() && !id.resourceGroup.isEmpty() && !id.name.isEmpty()
        && id.resourceType.compare("vaults"_L1, Qt::CaseInsensitive) == 0 && id.childType.isEmpty())
        return std::nullopt;
    return ArmClient::tr("'%1' is not the resource id of a key vault.").arg(vaultId);
}

int defaultPort(const QUrl &url)
{
    return url.port(url.scheme() == "http"_L1 ? 80 : 443);
}

} // namespace

QString ArmClient::defaultScope()
{
    return u"https://management.azure.com/.default"_s;
}

ArmClient::ArmClient(std::shared_ptr<HttpPipeline> pipeline, QUrl endpoint, QString scope)
    : m_pipeline(std::move(pipeline))
    , m_endpoint(std::move(endpoint))
    , m_scope(std::move(scope))
{}

QUrl ArmClient::url(const QString &path, QUrlQuery query) const
{
    QUrl u = m_endpoint;
    QString base = u.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    u.setPath(base + path);
    u.setQuery(query);
    return u;
}

Result<QUrl> ArmClient::followable(const QUrl &nextLink, QLatin1StringView apiVersion) const
{
    const bool sameOrigin = nextLink.isValid() && nextLink.scheme() == m_endpoint.scheme()
                            && nextLink.host().compare(m_endpoint.host(), Qt::CaseInsensitive) == 0
                            && defaultPort(nextLink) == defaultPort(m_endpoint);
    if (!sameOrigin)
        return AzureError::make(
            AzureError::Kind::Malformed,
            tr("The next page link '%1' does not point at Resource Manager (%2); it was not "
               "followed.")
                .arg(nextLink.toString(), m_endpoint.toString()));
    // Follow it as written; add the api-version only when it has none.
    const QUrlQuery query(nextLink);
    const auto items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &[name, value] : items)
        if (name.compare("api-version"_L1, Qt::CaseInsensitive) == 0)
            return nextLink;
    QUrl link = nextLink;
    QString encoded = nextLink.query(QUrl::FullyEncoded);
    if (!encoded.isEmpty())
        encoded += u'&';
    link.setQuery(encoded + u"api-version="_s + apiVersion, QUrl::TolerantMode);
    return link;
}

HttpRequest ArmClient::request(const QByteArray &method, const QUrl &url,
                               const QString &operation) const
{
    return makeRequest(method, url, Service::ResourceManager, m_scope, operation);
}

HttpRequest ArmClient::jsonRequest(const QByteArray &method, const QUrl &url,
                                   const QString &operation, const QJsonObject &body) const
{
    return makeJsonRequest(method, url, Service::ResourceManager, m_scope, operation, body);
}

template<typename T>
QFuture<Result<T>> ArmClient::send(HttpRequest request, T (*parse)(const QJsonObject &)) const
{
    const QString what = request.context.operation;
    return sendAndParse<T>(*m_pipeline, std::move(request),
                           [parse, what](const HttpResponse &response) -> Result<T> {
                               const Result<QJsonObject> body = jsonBody(response, what);
                               if (!body)
                                   return body.error();
                               return parse(*body);
                           });
}

template<typename T>
QFuture<Result<Page<T>>> ArmClient::getPage(const QUrl &first, const QUrl &nextLink,
                                            QLatin1StringView apiVersion, const QString &operation,
                                            T (*parse)(const QJsonObject &)) const
{
    QUrl target = first;
    if (!nextLink.isEmpty()) {
        const Result<QUrl> link = followable(nextLink, apiVersion);
        if (!link)
            return readyFuture(Result<Page<T>>(link.error()));
        target = *link;
    }
    return sendAndParse<Page<T>>(
        *m_pipeline, request("GET", target, operation),
        [parse, operation](const HttpResponse &response) -> Result<Page<T>> {
            const Result<QJsonObject> body = jsonBody(response, operation);
            if (!body)
                return body.error();
            Page<T> page = ResourceSerializer::pageFromJson<T>(*body, parse);
            const QString link = body->value("nextLink"_L1).toString();
            if (!link.isEmpty() && page.nextLink.isEmpty()) {
                AzureError error = AzureError::make(
                    AzureError::Kind::Malformed,
                    tr("The answer to %1 names a next page that is no valid URL: '%2'.")
                        .arg(operation, link));
                error.status = response.status;
                error.requestId = QString::fromLatin1(response.header("x-ms-request-id"));
                return error;
            }
            return page;
        });
}

// --- Tenants, subscriptions, resource groups ---------------------------------------------

QFuture<Result<Page<Tenant>>> ArmClient::listTenants(const QUrl &nextLink) const
{
    return getPage<Tenant>(url(u"/tenants"_s, apiQuery(ApiVersion::Subscriptions)), nextLink,
                           ApiVersion::Subscriptions, tr("list tenants"),
                           &ResourceSerializer::tenantFromJson);
}

QFuture<Result<Page<Subscription>>> ArmClient::listSubscriptions(const QUrl &nextLink) const
{
    return getPage<Subscription>(url(u"/subscriptions"_s, apiQuery(ApiVersion::Subscriptions)),
                                 nextLink, ApiVersion::Subscriptions, tr("list subscriptions"),
                                 &ResourceSerializer::subscriptionFromJson);
}

QFuture<Result<Subscription>> ArmClient::getSubscription(const QString &subscriptionId) const
{
    return send<Subscription>(
        request("GET",
                url(u"/subscriptions/"_s + subscriptionId, apiQuery(ApiVersion::Subscriptions)),
                tr("read subscription")),
        &ResourceSerializer::subscriptionFromJson);
}

QFuture<Result<Page<ResourceGroup>>> ArmClient::listResourceGroups(const QString &subscriptionId,
                                                                   const QUrl &nextLink) const
{
    return getPage<ResourceGroup>(url(u"/subscriptions/"_s + subscriptionId + u"/resourcegroups"_s,
                                      apiQuery(ApiVersion::ResourceGroups)),
                                  nextLink, ApiVersion::ResourceGroups, tr("list resource groups"),
                                  &ResourceSerializer::resourceGroupFromJson);
}

// --- Vaults ------------------------------------------------------------------------------

QFuture<Result<Page<Vault>>> ArmClient::listVaults(const QString &subscriptionId,
                                                   const QUrl &nextLink) const
{
    return getPage<Vault>(
        url(u"/subscriptions/"_s + subscriptionId + u"/providers/Microsoft.KeyVault/vaults"_s,
            apiQuery(ApiVersion::KeyVault)),
        nextLink, ApiVersion::KeyVault, tr("list key vaults"), &VaultSerializer::vaultFromJson);
}

QFuture<Result<Page<Vault>>> ArmClient::listVaults(const QString &subscriptionId,
                                                   const QString &resourceGroup,
                                                   const QUrl &nextLink) const
{
    return getPage<Vault>(url(u"/subscriptions/"_s + subscriptionId + u"/resourceGroups/"_s
                                  + resourceGroup + u"/providers/Microsoft.KeyVault/vaults"_s,
                              apiQuery(ApiVersion::KeyVault)),
                          nextLink, ApiVersion::KeyVault, tr("list key vaults"),
                          &VaultSerializer::vaultFromJson);
}

QFuture<Result<Vault>> ArmClient::getVault(const QString &vaultId) const
{
    if (const auto problem = checkVaultId(vaultId))
        return failed<Vault>(AzureError::Kind::Malformed, *problem);
    return send<Vault>(
        request("GET", url(vaultId, apiQuery(ApiVersion::KeyVault)), tr("read key vault")),
        &VaultSerializer::vaultFromJson);
}

QFuture<Result<Vault>> ArmClient::updateVault(const QString &vaultId,
                                              const VaultPatchParameters &patch) const
{
    if (const auto problem = checkVaultId(vaultId))
        return failed<Vault>(AzureError::Kind::Malformed, *problem);
    HttpRequest r = jsonRequest("PATCH", url(vaultId, apiQuery(ApiVersion::KeyVault)),
                                tr("update key vault"), ArmRequestSerializer::toJson(patch));
    // Sending the same PATCH twice leaves the vault as sending it once.
    r.context.idempotent = true;
    return send<Vault>(std::move(r), &VaultSerializer::vaultFromJson);
}

QFuture<Result<VaultAccessPolicyParameters>>
ArmClient::updateAccessPolicies(const QString &vaultId, AccessPolicyOperation operation,
                                const QList<AccessPolicyEntry> &entries) const
{
    if (const auto problem = checkVaultId(vaultId))
        return failed<VaultAccessPolicyParameters>(AzureError::Kind::Malformed, *problem);
    VaultAccessPolicyParameters body;
    body.accessPolicies = entries;
    const QString kind = accessPolicyOperationName(operation);
    QString what;
    switch (operation) {
    case AccessPolicyOperation::Add:
        what = tr("add access policies");
        break;
    case AccessPolicyOperation::Replace:
        what = tr("replace access policies");
        break;
    case AccessPolicyOperation::Remove:
        what = tr("remove access policies");
        break;
    }
    return send<VaultAccessPolicyParameters>(
        jsonRequest("PUT",
                    url(vaultId + u"/accessPolicies/"_s + kind, apiQuery(ApiVersion::KeyVault)),
                    what, ArmRequestSerializer::toJson(body)),
        &ArmRequestSerializer::accessPolicyParametersFromJson);
}

QFuture<Result<Page<PrivateEndpointConnection>>>
ArmClient::listPrivateEndpointConnections(const QString &vaultId, const QUrl &nextLink) const
{
    if (const auto problem = checkVaultId(vaultId))
        return failed<Page<PrivateEndpointConnection>>(AzureError::Kind::Malformed, *problem);
    return getPage<PrivateEndpointConnection>(
        url(vaultId + u"/privateEndpointConnections"_s, apiQuery(ApiVersion::KeyVault)), nextLink,
        ApiVersion::KeyVault, tr("list private endpoint connections"),
        &ResourceSerializer::privateEndpointConnectionFromJson);
}

QFuture<Result<PrivateEndpointConnection>>
ArmClient::setPrivateEndpointConnectionStatus(const QString &vaultId, const QString &connectionName,
                                              const QString &status, const QString &description,
                                              const std::optional<QString> &etag) const
{
    if (const auto problem = checkVaultId(vaultId))
        return failed<PrivateEndpointConnection>(AzureError::Kind::Malformed, *problem);
    if (connectionName.isEmpty() || connectionName.contains(u'/'))
        return failed<PrivateEndpointConnection>(
            AzureError::Kind::Malformed,
            tr("'%1' is not the name of a private endpoint connection.").arg(connectionName));
    PrivateEndpointConnection body;
    body.connection.etag = etag;
    body.connection.status = status;
    body.connection.description = description;
    return send<PrivateEndpointConnection>(
        jsonRequest("PUT",
                    url(vaultId + u"/privateEndpointConnections/"_s + connectionName,
                        apiQuery(ApiVersion::KeyVault)),
                    tr("set private endpoint connection state"), ResourceSerializer::toJson(body)),
        &ResourceSerializer::privateEndpointConnectionFromJson);
}

QFuture<Result<PrivateEndpointConnection>>
ArmClient::approvePrivateEndpointConnection(const QString &vaultId, const QString &connectionName,
                                            const QString &description,
                                            const std::optional<QString> &etag) const
{
    return setPrivateEndpointConnectionStatus(vaultId, connectionName, u"Approved"_s, description,
                                              etag);
}

QFuture<Result<PrivateEndpointConnection>>
ArmClient::rejectPrivateEndpointConnection(const QString &vaultId, const QString &connectionName,
                                           const QString &description,
                                           const std::optional<QString> &etag) const
{
    return setPrivateEndpointConnectionStatus(vaultId, connectionName, u"Rejected"_s, description,
                                              etag);
}

// --- Azure RBAC --------------------------------------------------------------------------

QFuture<Result<Page<RoleAssignment>>> ArmClient::listRoleAssignments(const QString &scope,
                                                                     RoleAssignmentFilter filter,
                                                                     const QUrl &nextLink) const
{
    QUrlQuery query = apiQuery(ApiVersion::Authorization);
    if (filter == RoleAssignmentFilter::AtScopeAndAbove)
        addFilter(query, u"atScope()"_s);
    return getPage<RoleAssignment>(
        url(scopePath(scope) + AuthorizationProvider + u"/roleAssignments"_s, query), nextLink,
        ApiVersion::Authorization, tr("list role assignments"),
        &RoleSerializer::assignmentFromJson);
}

QFuture<Result<Page<RoleAssignment>>>
ArmClient::listRoleAssignmentsForPrincipal(const QString &scope, const QString &principalId,
                                           const QUrl &nextLink) const
{
    QUrlQuery query = apiQuery(ApiVersion::Authorization);
    addFilter(query, u"principalId eq "_s + odataString(principalId));
    return getPage<RoleAssignment>(
        url(scopePath(scope) + AuthorizationProvider + u"/roleAssignments"_s, query), nextLink,
        ApiVersion::Authorization, tr("list role assignments of a principal"),
        &RoleSerializer::assignmentFromJson);
}

QFuture<Result<Page<RoleDefinition>>> ArmClient::listRoleDefinitions(const QString &scope,
                                                                     const QString &roleName,
                                                                     const QUrl &nextLink) const
{
    QUrlQuery query = apiQuery(ApiVersion::Authorization);
    if (!roleName.isEmpty())
        addFilter(query, u"roleName eq "_s + odataString(roleName));
    return getPage<RoleDefinition>(
        url(scopePath(scope) + AuthorizationProvider + u"/roleDefinitions"_s, query), nextLink,
        ApiVersion::Authorization, tr("list role definitions"),
        &RoleSerializer::definitionFromJson);
}

QFuture<Result<Page<RolePermission>>> ArmClient::listPermissions(const QString &scope,
                                                                 const QUrl &nextLink) const
{
    return getPage<RolePermission>(url(scopePath(scope) + AuthorizationProvider + u"/permissions"_s,
                                       apiQuery(ApiVersion::Authorization)),
                                   nextLink, ApiVersion::Authorization, tr("list my permissions"),
                                   &RoleSerializer::permissionFromJson);
}

QFuture<Result<RoleDefinition>> ArmClient::getRoleDefinition(const QString &roleDefinitionId) const
{
    const QString path = scopePath(roleDefinitionId);
    if (!path.contains(AuthorizationProvider + u"/roleDefinitions/"_s, Qt::CaseInsensitive))
        return failed<RoleDefinition>(
            AzureError::Kind::Malformed,
            tr("'%1' is not the id of a role definition.").arg(roleDefinitionId));
    return send<RoleDefinition>(
        request("GET", url(path, apiQuery(ApiVersion::Authorization)), tr("read role definition")),
        &RoleSerializer::definitionFromJson);
}

QFuture<Result<RoleAssignment>>
ArmClient::createRoleAssignment(const QString &scope,
                                const RoleAssignmentCreateParameters &parameters,
                                const QString &assignmentName) const
{
    const QString name = assignmentName.isEmpty()
                             ? QUuid::createUuid().toString(QUuid::WithoutBraces)
                             : assignmentName;
    return send<RoleAssignment>(
        jsonRequest("PUT",
                    url(scopePath(scope) + AuthorizationProvider + u"/roleAssignments/"_s + name,
                        apiQuery(ApiVersion::Authorization)),
                    tr("create role assignment"), ArmRequestSerializer::toJson(parameters)),
        &RoleSerializer::assignmentFromJson);
}

QFuture<Result<Done>> ArmClient::deleteRoleAssignment(const QString &roleAssignmentId) const
{
    const QString path = scopePath(roleAssignmentId);
    if (!path.contains(AuthorizationProvider + u"/roleAssignments/"_s, Qt::CaseInsensitive))
        return failed<Done>(AzureError::Kind::Malformed,
                            tr("'%1' is not the id of a role assignment.").arg(roleAssignmentId));
    return sendExpectingSuccess(*m_pipeline,
                                request("DELETE", url(path, apiQuery(ApiVersion::Authorization)),
                                        tr("delete role assignment")));
}

// --- Resource Graph ----------------------------------------------------------------------

QFuture<Result<ResourceGraphResponse>>
ArmClient::queryResources(const ResourceGraphRequest &query) const
{
    HttpRequest r = jsonRequest(
        "POST",
        url(u"/providers/Microsoft.ResourceGraph/resources"_s, apiQuery(ApiVersion::ResourceGraph)),
        tr("query Resource Graph"), ResourceGraphSerializer::toJson(query));
    // A query reads only: safe to send again.
    r.context.idempotent = true;
    return send<ResourceGraphResponse>(std::move(r), &ResourceGraphSerializer::responseFromJson);
}

QFuture<Result<VaultSummaryPage>> ArmClient::queryVaults(const QStringList &subscriptions,
                                                         const QString &skipToken,
                                                         int pageSize) const
{
    ResourceGraphRequest query;
    query.subscriptions = subscriptions;
    query.query = ResourceGraphSerializer::vaultInventoryQuery();
    ResourceGraphOptions options;
    options.resultFormat = u"objectArray"_s;
    if (!skipToken.isEmpty())
        options.skipToken = skipToken;
    if (pageSize > 0)
        options.top = pageSize;
    query.options = options;
    return queryResources(query).then([](const Result<ResourceGraphResponse> &response) {
        if (!response)
            return Result<VaultSummaryPage>(response.error());
        return Result<VaultSummaryPage>(ResourceGraphSerializer::vaultPageFromResponse(*response));
    });
}

QFuture<Result<QList<VaultSummary>>> ArmClient::listAllVaults(const QStringList &subscriptions,
                                                              int pageSize) const
{
    // Each page's continuation asks for the next one; the function that does so lives
    // as long as a continuation holds it.
    using Step = std::function<void(const QString &)>;
    SharedPromise<Result<QList<VaultSummary>>> promise;
    auto vaults = std::make_shared<QList<VaultSummary>>();
    auto step = std::make_shared<Step>();
    *step = [client = *this, subscriptions, pageSize, promise, vaults,
             self = std::weak_ptr<Step>(step)](const QString &token) {
        auto keep = self.lock();
        client.queryVaults(subscriptions, token, pageSize)
            .then([promise, vaults, keep, token](const Result<VaultSummaryPage> &page) {
                if (!page) {
                    promise.finish(page.error());
                    return;
                }
                vaults->append(page->vaults);
                // A token the service gave before would loop for ever: stop there.
                if (page->hasMore() && page->skipToken != token && keep)
                    (*keep)(page->skipToken);
                else
                    promise.finish(*vaults);
            });
    };
    (*step)(QString());
    return promise.future();
}

} // namespace vl::arm

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/Principal.h"
#include "http/HttpPipeline.h"
#include "util/Result.h"

#include <QFuture>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace vl::graph {

/// How a name is matched when searching the directory.
enum class SearchMode {
    /// `$filter=startswith(displayName,'text')`: a basic query, no special header.
    Prefix,
    /// `$search="displayName:text"`: every word of the text starts a word of the name
    /// ("pipe" finds "ci-pipeline"); sent with `ConsistencyLevel: eventual` and `$count=true`.
    Words,
};

/// The knobs of a GraphClient.
struct GraphClientOptions
{
    /// The token scope for Graph requests.
    QString scope = QStringLiteral("https://graph.microsoft.com/.default");
    /// Ids per getByIds call; Graph takes at most 1000 (larger values are capped).
    int idsPerCall = 1000;
    /// `$top` of a search (Graph: 1 to 999).
    int searchPageSize = 25;
    /// `$top` of a transitiveMemberOf listing (Graph: 1 to 999, default 100).
    int membershipPageSize = 100;
};

/**
 * @brief Microsoft Graph v1.0 for the principals behind object ids: resolve ids
 * to names, search users, groups, service principals and managed identities by
 * name, the signed-in user, and a principal's groups.
 *
 * Every call goes through the pipeline as a Service::Graph request authenticated
 * for the options' scope, and answers with a `QFuture<Result<T>>`.
 *
 * @code
 *   resolve(ids)  -> POST {endpoint}/v1.0/directoryObjects/getByIds  {"ids":[<= 1000]}  (one per
 * batch) search(k, t)  -> GET
 * {endpoint}/v1.0/users|groups|servicePrincipals?$filter=...|$search=... me()          -> GET
 * {endpoint}/v1.0/me transitiveMemberOf(id, k) -> GET
 * {endpoint}/v1.0/users|groups|servicePrincipals/{id}/transitiveMemberOf next(link)    -> GET
 * <@odata.nextLink>  (same origin as the endpoint only)
 * @endcode
 */
class GraphClient
{
public:
    /// The most ids Graph takes in one getByIds call.
    static constexpr int MaxIdsPerCall = 1000;

    /// @p endpoint is Graph's origin (https://graph.microsoft.com, or the sandbox's API origin).
    GraphClient(std::shared_ptr<HttpPipeline> pipeline, QUrl endpoint,
                QString scope = QStringLiteral("https://graph.microsoft.com/.default"));
    GraphClient(std::shared_ptr<HttpPipeline> pipeline, QUrl endpoint, GraphClientOptions options);

    [[nodiscard]] const QUrl &endpoint() const { return m_endpoint; }
    [[nodiscard]] const GraphClientOptions &options() const { return m_options; }

    /**
     * @brief The principals behind @p ids: one entry per distinct id (case-insensitive),
     * in the order given.
     *
     * Ids are sent in batches of at most options().idsPerCall, all at once, and the
     * answers merged. An id the directory does not return (unknown, deleted, another
     * tenant's, filtered out by @p kinds) or that is not a GUID (never sent) comes back
     * as Principal::unresolved(id). Any failed batch fails the call with its error.
     * @param kinds restrict the answer to these kinds (getByIds `types`); empty: all.
     */
    [[nodiscard]] QFuture<Result<QList<Principal>>>
    resolve(const QStringList &ids, const QList<PrincipalKind> &kinds = {}) const;

    /**
     * @brief The first page of principals of @p kind whose display name matches @p text.
     *
     * User, Group and ServicePrincipal list their entity set; ManagedIdentity lists
     * service principals and keeps the managed identities (pass the same kind to
     * next()). An empty @p text lists without a condition. Other kinds are refused.
     */
    [[nodiscard]] QFuture<Result<Page<Principal>>>
    search(PrincipalKind kind, const QString &text, SearchMode mode = SearchMode::Prefix) const;

    /**
     * @brief Users, groups and service principals (managed identities among them)
     * matching @p text: one search() per entity set, first pages merged in that
     * order. Fails with the first error when any of the three fails.
     */
    [[nodiscard]] QFuture<Result<QList<Principal>>>
    searchAll(const QString &text, SearchMode mode = SearchMode::Prefix) const;

    /**
     * @brief The service principal of the application @p appId in this tenant
     * (`GET /servicePrincipals?$filter=appId eq '{appId}'`): how a compound
     * identity's application is named. Principal::unresolved(appId) when the tenant
     * has none.
     */
    [[nodiscard]] QFuture<Result<Principal>> servicePrincipalByAppId(const QString &appId) const;
    /// The signed-in user (`/me`); a 400 BadRequest for an application's token.
    [[nodiscard]] QFuture<Result<Principal>> me() const;

    /**
     * @brief The first page of the groups (and directory roles, administrative units)
     * that @p id belongs to, directly or through other groups.
     * @param kind User, Group, ServicePrincipal or ManagedIdentity: where @p id lives.
     */
    [[nodiscard]] QFuture<Result<Page<Principal>>>
    transitiveMemberOf(const QString &id, PrincipalKind kind = PrincipalKind::User) const;

    /**
     * @brief The page at @p nextLink (a Page::nextLink of an earlier answer).
     *
     * @p listed is what the first call listed: items without a type take it, and
     * ManagedIdentity keeps only managed identities, as search() did. A `$search` or
     * `$count` query is sent with `ConsistencyLevel: eventual` again (Graph does not
     * carry headers into its links). A link to another origin than the endpoint is
     * refused, so the Graph token never leaves for another host.
     */
    [[nodiscard]] QFuture<Result<Page<Principal>>>
    next(const QUrl &nextLink, PrincipalKind listed = PrincipalKind::Unknown) const;

private:
    [[nodiscard]] QUrl url(const QString &encodedPath,
                           const QList<QPair<QString, QString>> &query = {}) const;
    [[nodiscard]] QFuture<Result<Page<Principal>>> getPage(const QUrl &url, PrincipalKind listed,
                                                           const QString &operation) const;

    std::shared_ptr<HttpPipeline> m_pipeline;
    QUrl m_endpoint;
    GraphClientOptions m_options;
};

} // namespace vl::graph

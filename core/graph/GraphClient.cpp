// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/GraphClient.h"

#include "graph/GraphQuery.h"
#include "graph/PrincipalSerializer.h"
#include "http/ClientCall.h"
#include "util/Future.h"

#include <QCoreApplication>
#include <QHash>
#include <QUrlQuery>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace vl::graph {

namespace {

QString searchOperation(PrincipalKind kind)
{
    switch (kind) {
    case PrincipalKind::User:
        return QCoreApplication::translate("vl::graph::GraphClient", "search users");
    case PrincipalKind::Group:
        return QCoreApplication::translate("vl::graph::GraphClient", "search groups");
    case PrincipalKind::ManagedIdentity:
        return QCoreApplication::translate("vl::graph::GraphClient", "search managed identities");
    case PrincipalKind::ServicePrincipal:
    case PrincipalKind::Application:
    case PrincipalKind::Unknown:
        break;
    }
    return QCoreApplication::translate("vl::graph::GraphClient", "search service principals");
}

/// What a search asks for: users' default set lacks userType, the others carry much more
/// than a name.
QString selectFor(PrincipalKind kind)
{
    switch (kind) {
    case PrincipalKind::User:
        return u"id,displayName,userPrincipalName,mail,userType"_s;
    case PrincipalKind::Group:
        return u"id,displayName,mail,mailEnabled,securityEnabled"_s;
    case PrincipalKind::ServicePrincipal:
    case PrincipalKind::ManagedIdentity:
        return u"id,displayName,appId,servicePrincipalType"_s;
    case PrincipalKind::Application:
    case PrincipalKind::Unknown:
        break;
    }
    return {};
}

/// @p page with only @p listed's kind when that is ManagedIdentity (Graph lists them
/// among the service principals).
Page<Principal> keepListed(Page<Principal> page, PrincipalKind listed)
{
    if (listed == PrincipalKind::ManagedIdentity)
        page.items.removeIf(
            [](const Principal &p) { return p.kind != PrincipalKind::ManagedIdentity; });
    return page;
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
           && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
           && a.port(a.scheme() == "http"_L1 ? 80 : 443)
                  == b.port(b.scheme() == "http"_L1 ? 80 : 443);
}

/// A link's query says it came from an advanced query ($search, $count), whose pages need
/// `ConsistencyLevel: eventual` again.
bool isAdvancedQuery(const QUrl &link)
{
    const QUrlQuery query(link);
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (name == "$search"_L1 || (name == "$count"_L1 && value == "true"_L1))
            return true;
    }
    return false;
}

/// The result of a finished call, or a Cancelled error when it was cancelled without one.
template<typename T>
Result<T> resultOf(const QFuture<Result<T>> &call)
{
    if (call.isCanceled() || call.resultCount() == 0)
        return AzureError::make(
            AzureError::Kind::Cancelled,
            QCoreApplication::translate("vl::graph::GraphClient", "The request was cancelled."));
    return call.result();
}

template<typename T>
QFuture<Result<T>> failed(const QString &message)
{
    return readyFuture(Result<T>(AzureError::make(AzureError::Kind::Malformed, message)));
}

} // namespace

GraphClient::GraphClient(std::shared_ptr<HttpPipeline> pipeline, QUrl endpoint, QString scope)
    : GraphClient(std::move(pipeline), std::move(endpoint), GraphClientOptions{std::move(scope)})
{}

GraphClient::GraphClient(std::shared_ptr<HttpPipeline> pipeline, QUrl endpoint,
                         GraphClientOptions options)
    : m_pipeline(std::move(pipeline))
    , m_endpoint(std::move(endpoint))
    , m_options(std::move(options))
{
    m_options.idsPerCall = std::clamp(m_options.idsPerCall, 1, MaxIdsPerCall);
    m_options.searchPageSize = std::clamp(m_options.searchPageSize, 1, 999);
    m_options.membershipPageSize = std::clamp(m_options.membershipPageSize, 1, 999);
}

QUrl GraphClient::url(const QString &encodedPath, const QList<QPair<QString, QString>> &query) const
{
    QUrl u = m_endpoint;
    QString path = u.path(QUrl::FullyEncoded);
    if (!path.endsWith(u'/'))
        path += u'/';
    u.setPath(path + u"v1.0/"_s + encodedPath, QUrl::TolerantMode);
    QStringList items;
    for (const auto &[name, value] : query)
        items.append(name + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(value)));
    u.setQuery(items.join(u'&'), QUrl::TolerantMode);
    return u;
}

QFuture<Result<QList<Principal>>> GraphClient::resolve(const QStringList &ids,
                                                       const QList<PrincipalKind> &kinds) const
{
    const QStringList order = GraphQuery::distinctIds(ids);
    QStringList wanted;
    std::copy_if(order.cbegin(), order.cend(), std::back_inserter(wanted), GraphQuery::isObjectId);

    std::optional<QStringList> types;
    for (PrincipalKind kind : kinds) {
        const QString type = getByIdsTypeOf(kind);
        if (!type.isEmpty() && !(types && types->contains(type)))
            types = types.value_or(QStringList()) << type;
    }

    auto merge = [order](const QList<PrincipalCollection> &answers) {
        QHash<QString, Principal> found;
        for (const PrincipalCollection &answer : answers)
            for (const Principal &p : answer.value)
                found.insert(p.id.toLower(), p);
        QList<Principal> out;
        out.reserve(order.size());
        for (const QString &id : order)
            out.append(found.value(id.toLower(), Principal::unresolved(id)));
        return out;
    };
    if (wanted.isEmpty())
        return readyFuture(Result<QList<Principal>>(merge({})));

    QList<QFuture<Result<PrincipalCollection>>> calls;
    for (const QStringList &batch : GraphQuery::batches(wanted, m_options.idsPerCall)) {
        HttpRequest request = makeJsonRequest(
            "POST"_ba, url(u"directoryObjects/getByIds"_s), Service::Graph, m_options.scope,
            QCoreApplication::translate("vl::graph::GraphClient", "resolve object ids"),
            PrincipalSerializer::toJson(GetByIdsRequest{batch, types, {}}));
        request.context.idempotent = true; // a read, though a POST
        calls.append(sendAndParse<PrincipalCollection>(
            *m_pipeline, std::move(request),
            [](const HttpResponse &response) -> Result<PrincipalCollection> {
                const Result<QJsonObject> body = jsonBody(response, u"getByIds"_s);
                if (!body)
                    return body.error();
                return PrincipalSerializer::collectionFromJson(*body);
            }));
    }
    return QtFuture::whenAll(calls.begin(), calls.end())
        .then([merge](const QList<QFuture<Result<PrincipalCollection>>> &done)
                  -> Result<QList<Principal>> {
            QList<PrincipalCollection> answers;
            for (const QFuture<Result<PrincipalCollection>> &call : done) {
                const Result<PrincipalCollection> answer = resultOf(call);
                if (!answer)
                    return answer.error();
                answers.append(*answer);
            }
            return merge(answers);
        });
}

QFuture<Result<Page<Principal>>> GraphClient::search(PrincipalKind kind, const QString &text,
                                                     SearchMode mode) const
{
    const QString set = collectionOf(kind);
    if (set.isEmpty() || kind == PrincipalKind::Application)
        return failed<Page<Principal>>(QCoreApplication::translate(
            "vl::graph::GraphClient",
            "Only users, groups, service principals and managed identities can be searched."));
    const QString name = text.trimmed();
    QList<QPair<QString, QString>> query;
    if (!name.isEmpty() && mode == SearchMode::Prefix) {
        query.append({u"$filter"_s, GraphQuery::startsWith(u"displayName"_s, name)});
    } else if (!name.isEmpty()) {
        query.append({u"$search"_s, GraphQuery::searchClause(u"displayName"_s, name)});
        query.append({u"$count"_s, u"true"_s});
    }
    query.append({u"$select"_s, selectFor(kind)});
    query.append({u"$top"_s, QString::number(m_options.searchPageSize)});
    // getPage adds ConsistencyLevel for $search, as next() does for its links.
    return getPage(url(set, query), kind, searchOperation(kind));
}

QFuture<Result<QList<Principal>>> GraphClient::searchAll(const QString &text, SearchMode mode) const
{
    QList<QFuture<Result<Page<Principal>>>> calls{
        search(PrincipalKind::User, text, mode), search(PrincipalKind::Group, text, mode),
        search(PrincipalKind::ServicePrincipal, text, mode)};
    return QtFuture::whenAll(calls.begin(), calls.end())
        .then([](const QList<QFuture<Result<Page<Principal>>>> &done) -> Result<QList<Principal>> {
            QList<Principal> out;
            for (const QFuture<Result<Page<Principal>>> &call : done) {
                const Result<Page<Principal>> page = resultOf(call);
                if (!page)
                    return page.error();
                out.append(page->items);
            }
            return out;
        });
}

QFuture<Result<Principal>> GraphClient::servicePrincipalByAppId(const QString &appId) const
{
    const QList<QPair<QString, QString>> query{
        {u"$filter"_s, GraphQuery::equals(u"appId"_s, appId.trimmed())},
        {u"$select"_s, selectFor(PrincipalKind::ServicePrincipal)}};
    return getPage(url(u"servicePrincipals"_s, query), PrincipalKind::ServicePrincipal,
                   searchOperation(PrincipalKind::ServicePrincipal))
        .then([appId](const Result<Page<Principal>> &page) -> Result<Principal> {
            if (!page)
                return page.error();
            if (page->items.isEmpty())
                return Principal::unresolved(appId);
            return page->items.first();
        });
}

QFuture<Result<Principal>> GraphClient::me() const
{
    HttpRequest request = makeRequest(
        "GET"_ba, url(u"me"_s, {{u"$select"_s, selectFor(PrincipalKind::User)}}), Service::Graph,
        m_options.scope,
        QCoreApplication::translate("vl::graph::GraphClient", "read the signed-in user"));
    return sendAndParse<Principal>(
        *m_pipeline, std::move(request), [](const HttpResponse &response) -> Result<Principal> {
            const Result<QJsonObject> body = jsonBody(response, u"/me"_s);
            if (!body)
                return body.error();
            return PrincipalSerializer::principalFromJson(*body, PrincipalKind::User);
        });
}

QFuture<Result<Page<Principal>>> GraphClient::transitiveMemberOf(const QString &id,
                                                                 PrincipalKind kind) const
{
    const QString set = collectionOf(kind);
    if (set.isEmpty() || kind == PrincipalKind::Application)
        return failed<Page<Principal>>(QCoreApplication::translate(
            "vl::graph::GraphClient",
            "Only users, groups, service principals and managed identities belong to groups."));
    if (!GraphQuery::isObjectId(id))
        return failed<Page<Principal>>(
            QCoreApplication::translate("vl::graph::GraphClient",
                                        "'%1' is not a directory object id.")
                .arg(id));
    const QUrl link = url(set + u'/' + id + u"/transitiveMemberOf"_s,
                          {{u"$top"_s, QString::number(m_options.membershipPageSize)}});
    return getPage(link, PrincipalKind::Unknown,
                   QCoreApplication::translate("vl::graph::GraphClient", "list group memberships"));
}

QFuture<Result<Page<Principal>>> GraphClient::next(const QUrl &nextLink, PrincipalKind listed) const
{
    if (!nextLink.isValid() || !sameOrigin(nextLink, m_endpoint))
        return failed<Page<Principal>>(
            QCoreApplication::translate(
                "vl::graph::GraphClient",
                "The next-page link %1 does not point at Microsoft Graph (%2).")
                .arg(nextLink.toDisplayString(), m_endpoint.toDisplayString()));
    return getPage(nextLink, listed,
                   QCoreApplication::translate("vl::graph::GraphClient", "read the next page"));
}

QFuture<Result<Page<Principal>>> GraphClient::getPage(const QUrl &link, PrincipalKind listed,
                                                      const QString &operation) const
{
    HttpRequest request = makeRequest("GET"_ba, link, Service::Graph, m_options.scope, operation);
    if (isAdvancedQuery(link))
        request.setHeader("ConsistencyLevel"_ba, "eventual"_ba);
    const PrincipalKind implied =
        listed == PrincipalKind::ManagedIdentity ? PrincipalKind::ServicePrincipal : listed;
    return sendAndParse<Page<Principal>>(
        *m_pipeline, std::move(request),
        [implied, listed](const HttpResponse &response) -> Result<Page<Principal>> {
            const Result<QJsonObject> body = jsonBody(response, u"a Graph list"_s);
            if (!body)
                return body.error();
            return keepListed(PrincipalSerializer::collectionFromJson(*body, implied).toPage(),
                              listed);
        });
}

} // namespace vl::graph

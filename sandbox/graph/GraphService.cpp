// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/GraphService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vl::sandbox {
namespace {

HttpResponse graphError(int status, const QString &code, const QString &message)
{
    return HttpResponse::json(
        status, QJsonObject{{u"error"_s, QJsonObject{{u"code"_s, code}, {u"message"_s, message}}}});
}

QString odataType(const Principal &p)
{
    switch (p.kind) {
    case PrincipalKind::User:
        return u"#microsoft.graph.user"_s;
    case PrincipalKind::Group:
        return u"#microsoft.graph.group"_s;
    case PrincipalKind::ServicePrincipal:
    case PrincipalKind::ManagedIdentity:
        return u"#microsoft.graph.servicePrincipal"_s;
    }
    return {};
}

/// A user's UPN as @p tenant's directory shows it: a guest's is
/// `<upn with @ as _>#EXT#@<the tenant's domain>`.
QString userPrincipalNameIn(const Principal &p, const Tenant *tenant)
{
    if (!tenant || p.tenantId.compare(tenant->id, Qt::CaseInsensitive) == 0)
        return p.userPrincipalName;
    return QString(p.userPrincipalName).replace(u'@', u'_') + u"#EXT#@"_s + tenant->domain;
}

QJsonObject principalJson(const Principal &p, const Tenant *tenant)
{
    QJsonObject o{
        {u"@odata.type"_s, odataType(p)}, {u"id"_s, p.objectId}, {u"displayName"_s, p.displayName}};
    switch (p.kind) {
    case PrincipalKind::User: {
        const bool guest = tenant && p.tenantId.compare(tenant->id, Qt::CaseInsensitive) != 0;
        o.insert("userPrincipalName"_L1, userPrincipalNameIn(p, tenant));
        o.insert("mail"_L1, p.userPrincipalName);
        o.insert("jobTitle"_L1, p.jobTitle);
        o.insert("userType"_L1, guest ? u"Guest"_s : u"Member"_s);
        break;
    }
    case PrincipalKind::Group:
        o.insert("securityEnabled"_L1, true);
        o.insert("mailEnabled"_L1, false);
        break;
    case PrincipalKind::ServicePrincipal:
        o.insert("appId"_L1, p.appId);
        o.insert("servicePrincipalType"_L1, u"Application"_s);
        break;
    case PrincipalKind::ManagedIdentity:
        o.insert("appId"_L1, p.appId);
        o.insert("servicePrincipalType"_L1, u"ManagedIdentity"_s);
        break;
    }
    return o;
}

bool inTenant(const Principal &p, const QString &tenantId, const Directory &directory)
{
    return p.tenantId.compare(tenantId, Qt::CaseInsensitive) == 0
           || (p.isUser() && directory.canSignIn(p, tenantId));
}

} // namespace

GraphService::GraphService(ServiceContext &context)
    : m_context(context)
{}

std::optional<HttpResponse> GraphService::handle(const HttpRequest &request)
{
    QStringList s = request.path.split(u'/', Qt::SkipEmptyParts);
    if (s.isEmpty() || (s[0] != "v1.0"_L1 && s[0] != "beta"_L1))
        return std::nullopt;
    const QString metadata = u"https://graph.microsoft.com/"_s + s[0] + u"/$metadata#"_s;
    s.removeFirst();
    const VerifiedToken token = m_context.tokens.verify(request.header("Authorization"));
    if (!token.facts.present)
        return graphError(401, u"InvalidAuthenticationToken"_s, u"Access token is empty."_s);
    if (!token.facts.wellFormed)
        return graphError(401, u"InvalidAuthenticationToken"_s,
                          u"CompactToken parsing failed with error code: 80049217"_s);
    if (!token.facts.signatureValid)
        return graphError(401, u"InvalidAuthenticationToken"_s,
                          u"Access token validation failure. Invalid signature."_s);
    if (token.facts.expiresOn + 300 < m_context.clock.nowSecsSinceEpoch())
        return graphError(401, u"InvalidAuthenticationToken"_s,
                          u"Lifetime validation failed, the token is expired."_s);
    const QString aud = token.facts.audience;
    if (aud != "https://graph.microsoft.com"_L1 && aud != "https://graph.microsoft.com/"_L1
        && aud != "00000003-0000-0000-c000-000000000000"_L1)
        return graphError(401, u"InvalidAuthenticationToken"_s,
                          u"Access token validation failure. Invalid audience."_s);
    const QString tenantId = token.facts.tenantId;
    const Directory &directory = m_context.state.directory;
    const Tenant *tenant = directory.tenant(tenantId);

    auto visible = [&](const QString &id) -> const Principal * {
        const Principal *p = directory.principal(id);
        return p && inTenant(*p, tenantId, directory) ? p : nullptr;
    };
    auto entity = [&](const Principal &p, const QString &set) {
        QJsonObject o = principalJson(p, tenant);
        o.insert("@odata.context"_L1, QString(metadata + set + u"/$entity"_s));
        return HttpResponse::json(200, o);
    };
    auto collection = [&](const QJsonArray &value, const QString &set) {
        return HttpResponse::json(
            200, QJsonObject{{u"@odata.context"_s, QString(metadata + set)}, {u"value"_s, value}});
    };

    if (s.size() == 1 && s[0] == "me"_L1 && request.method == "GET") {
        const Principal *me = visible(token.claims.value("oid"_L1).toString());
        if (!me || !me->isUser())
            return graphError(400, u"BadRequest"_s,
                              u"/me request is only valid with delegated authentication flow."_s);
        return entity(*me, u"users"_s);
    }
    if (s == QStringList{u"directoryObjects"_s, u"getByIds"_s} && request.method == "POST") {
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        if (!body.value("ids"_L1).isArray())
            return graphError(400, u"Request_BadRequest"_s, u"The 'ids' property is required."_s);
        const QJsonArray ids = body.value("ids"_L1).toArray();
        if (ids.size() > 1000)
            return graphError(400, u"Request_BadRequest"_s,
                              u"The number of ids is more than the allowed limit of 1000."_s);
        QStringList types;
        for (const QJsonValue &t : body.value("types"_L1).toArray())
            types.append(t.toString().toLower());
        QJsonArray value;
        for (const QJsonValue &id : ids) {
            const Principal *p = visible(id.toString());
            if (!p)
                continue; // unknown ids are left out, as Graph does
            const QString type = odataType(*p).mid(17).toLower();
            if (!types.isEmpty() && !types.contains(type))
                continue;
            value.append(principalJson(*p, tenant));
        }
        return collection(value, u"directoryObjects"_s);
    }
    static const QMap<QString, PrincipalKind> collections{
        {u"users"_s, PrincipalKind::User},
        {u"groups"_s, PrincipalKind::Group},
        {u"servicePrincipals"_s, PrincipalKind::ServicePrincipal}};
    if (!s.isEmpty() && collections.contains(s[0]) && request.method == "GET") {
        const PrincipalKind kind = collections.value(s[0]);
        auto matchesKind = [&](const Principal &p) {
            return p.kind == kind
                   || (kind == PrincipalKind::ServicePrincipal
                       && p.kind == PrincipalKind::ManagedIdentity);
        };
        if (s.size() == 1)
            return list(request, s[0], metadata, tenantId);
        // One object, by id; users also by their user principal name.
        const Principal *p = visible(s[1]);
        if (!p && kind == PrincipalKind::User) {
            for (const Principal &u : directory.principals)
                if (!u.deleted && u.isUser() && inTenant(u, tenantId, directory)
                    && userPrincipalNameIn(u, tenant).compare(s[1], Qt::CaseInsensitive) == 0)
                    p = &u;
        }
        if (!p || !matchesKind(*p))
            return graphError(
                404, u"Request_ResourceNotFound"_s,
                u"Resource '%1' does not exist or one of its queried reference-property objects are not present."_s
                    .arg(s[1]));
        if (s.size() == 2)
            return entity(*p, s[0]);
        if (s.size() == 3 && s[2] == "transitiveMemberOf"_L1) {
            QJsonArray value;
            for (const QString &g : directory.transitiveGroups(p->objectId))
                if (const Principal *group = directory.principal(g))
                    value.append(principalJson(*group, tenant));
            return collection(value, u"directoryObjects"_s);
        }
    }
    return graphError(400, u"BadRequest"_s,
                      u"Resource not found for the segment '%1'."_s.arg(s.value(0)));
}

HttpResponse GraphService::list(const HttpRequest &request, const QString &set,
                                const QString &metadata, const QString &tenantId)
{
    const Directory &directory = m_context.state.directory;
    const Tenant *tenant = directory.tenant(tenantId);
    const PrincipalKind kind = set == "users"_L1    ? PrincipalKind::User
                               : set == "groups"_L1 ? PrincipalKind::Group
                                                    : PrincipalKind::ServicePrincipal;

    // $top: Graph's page sizes are 1 to 999.
    int top = 100;
    if (const auto value = request.queryValue(u"$top"_s)) {
        bool ok = false;
        top = value->toInt(&ok);
        if (!ok || top < 1 || top > 999)
            return graphError(
                400, u"Request_BadRequest"_s,
                u"Invalid page size specified: '%1'. Must be between 1 and 999 inclusive."_s.arg(
                    *value));
    }

    // $filter: startswith(displayName|userPrincipalName|mail,'x'), '' for a quote.
    const QString filter = request.queryValue(u"$filter"_s).value_or(QString());
    static const QRegularExpression startsWith(
        u"^\\s*startswith\\(\\s*(displayName|userPrincipalName|mail)\\s*,\\s*'((?:[^']|'')*)'\\s*\\)\\s*$"_s,
        QRegularExpression::CaseInsensitiveOption);
    // ... or equality on appId (how a service principal is found by its application).
    static const QRegularExpression equals(u"^\\s*(appId)\\s+eq\\s+'((?:[^']|'')*)'\\s*$"_s,
                                           QRegularExpression::CaseInsensitiveOption);
    auto m = startsWith.match(filter);
    const bool exact = !m.hasMatch() && !filter.isEmpty();
    if (exact)
        m = equals.match(filter);
    if (!filter.isEmpty() && !m.hasMatch())
        return graphError(400, u"Request_UnsupportedQuery"_s,
                          u"Unsupported query: only startswith(displayName,'x') and appId eq 'x' "
                          "are supported here."_s);
    const QString property = m.captured(1);
    const QString prefix = m.captured(2).replace(u"''"_s, u"'"_s);

    // $search: "property:text" clauses joined by OR; needs ConsistencyLevel: eventual.
    // displayName (and description) are tokenized, so each word of the text must start a
    // word of the name; other properties work like startswith.
    QList<QPair<QString, QString>> clauses;
    if (const auto search = request.queryValue(u"$search"_s)) {
        if (request.header("ConsistencyLevel").compare("eventual", Qt::CaseInsensitive) != 0)
            return graphError(
                400, u"Request_UnsupportedQuery"_s,
                u"Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'"_s);
        static const QRegularExpression clause(u"\"\\s*([A-Za-z]+)\\s*:([^\"]*)\""_s);
        static const QRegularExpression joiner(u"^(\\s+OR\\s+|\\s*)$"_s);
        qsizetype end = 0;
        for (auto it = clause.globalMatch(*search); it.hasNext();) {
            const auto c = it.next();
            if (!joiner.match(search->mid(end, c.capturedStart() - end)).hasMatch())
                break;
            clauses.append({c.captured(1), c.captured(2).trimmed()});
            end = c.capturedEnd();
        }
        if (clauses.isEmpty() || !search->mid(end).trimmed().isEmpty())
            return graphError(400, u"Request_UnsupportedQuery"_s,
                              u"Invalid $search: use \"property:text\" clauses joined by OR."_s);
    }
    auto valueOf = [&](const Principal &p, const QString &name) {
        if (name.compare("displayName"_L1, Qt::CaseInsensitive) == 0)
            return p.displayName;
        if (name.compare("userPrincipalName"_L1, Qt::CaseInsensitive) == 0)
            return p.isUser() ? userPrincipalNameIn(p, tenant) : QString();
        if (name.compare("mail"_L1, Qt::CaseInsensitive) == 0)
            return p.isUser() ? p.userPrincipalName : QString();
        if (name.compare("appId"_L1, Qt::CaseInsensitive) == 0)
            return p.appId;
        return QString();
    };
    auto found = [&](const Principal &p) {
        for (const auto &[name, text] : clauses) {
            const QString field = valueOf(p, name);
            if (name.compare("displayName"_L1, Qt::CaseInsensitive) != 0
                && name.compare("description"_L1, Qt::CaseInsensitive) != 0) {
                if (!text.isEmpty() && field.startsWith(text, Qt::CaseInsensitive))
                    return true;
                continue;
            }
            static const QRegularExpression separators(
                u"[^\\w]+"_s, QRegularExpression::UseUnicodePropertiesOption);
            const QStringList words = field.split(separators, Qt::SkipEmptyParts);
            const QStringList wanted = text.split(separators, Qt::SkipEmptyParts);
            const bool all =
                !wanted.isEmpty()
                && std::all_of(wanted.cbegin(), wanted.cend(), [&](const QString &w) {
                       return std::any_of(words.cbegin(), words.cend(), [&](const QString &word) {
                           return word.startsWith(w, Qt::CaseInsensitive);
                       });
                   });
            if (all)
                return true;
        }
        return false;
    };

    QJsonArray value;
    qsizetype total = 0;
    for (const Principal &p : directory.principals) {
        const bool kindMatches = p.kind == kind
                                 || (kind == PrincipalKind::ServicePrincipal
                                     && p.kind == PrincipalKind::ManagedIdentity);
        if (p.deleted || !kindMatches || !inTenant(p, tenantId, directory))
            continue;
        if (exact && valueOf(p, property).compare(prefix, Qt::CaseInsensitive) != 0)
            continue;
        if (!exact && !prefix.isEmpty()
            && !valueOf(p, property).startsWith(prefix, Qt::CaseInsensitive))
            continue;
        if (!clauses.isEmpty() && !found(p))
            continue;
        ++total;
        if (value.size() < top)
            value.append(principalJson(p, tenant));
    }
    QJsonObject o{{u"@odata.context"_s, QString(metadata + set)}, {u"value"_s, value}};
    if (request.queryValue(u"$count"_s).value_or(QString()) == "true"_L1)
        o.insert("@odata.count"_L1, double(total));
    return HttpResponse::json(200, o);
}

} // namespace vl::sandbox

// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/GraphService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

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

QJsonObject principalJson(const Principal &p, const QString &tenantId)
{
    QJsonObject o{
        {u"@odata.type"_s, odataType(p)}, {u"id"_s, p.objectId}, {u"displayName"_s, p.displayName}};
    switch (p.kind) {
    case PrincipalKind::User: {
        const bool guest = p.tenantId.compare(tenantId, Qt::CaseInsensitive) != 0;
        o.insert("userPrincipalName"_L1,
                 guest ? QString(p.userPrincipalName).replace(u'@', u'_') + u"#EXT#@"_s + tenantId
                       : p.userPrincipalName);
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
    s.removeFirst();
    const VerifiedToken token = m_context.tokens.verify(request.header("Authorization"));
    if (!token.facts.present)
        return graphError(401, u"InvalidAuthenticationToken"_s, u"Access token is empty."_s);
    if (!token.facts.wellFormed || !token.facts.signatureValid)
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
    const QString tenant = token.facts.tenantId;
    const Directory &directory = m_context.state.directory;

    auto visible = [&](const QString &id) -> const Principal * {
        const Principal *p = directory.principal(id);
        return p && inTenant(*p, tenant, directory) ? p : nullptr;
    };

    if (s.size() == 1 && s[0] == "me"_L1 && request.method == "GET") {
        const Principal *me = visible(token.claims.value("oid"_L1).toString());
        if (!me || !me->isUser())
            return graphError(400, u"BadRequest"_s,
                              u"/me request is only valid with delegated authentication flow."_s);
        return HttpResponse::json(200, principalJson(*me, tenant));
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
        return HttpResponse::json(200, QJsonObject{{u"value"_s, value}});
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
        if (s.size() == 1) {
            const QString filter = request.queryValue(u"$filter"_s).value_or(QString());
            static const QRegularExpression startsWith(
                u"^\\s*startswith\\(\\s*(displayName|userPrincipalName|mail)\\s*,\\s*'((?:[^']|'')*)'\\s*\\)\\s*$"_s,
                QRegularExpression::CaseInsensitiveOption);
            const auto m = startsWith.match(filter);
            if (!filter.isEmpty() && !m.hasMatch())
                return graphError(
                    400, u"Request_UnsupportedQuery"_s,
                    u"Unsupported query: only startswith(displayName,'x') is supported here."_s);
            const QString prefix = m.captured(2).replace(u"''"_s, u"'"_s);
            const int top = request.queryValue(u"$top"_s).value_or(u"100"_s).toInt();
            QJsonArray value;
            for (const Principal &p : directory.principals) {
                if (p.deleted || !matchesKind(p) || !inTenant(p, tenant, directory))
                    continue;
                const QString field =
                    m.captured(1).compare("displayName"_L1, Qt::CaseInsensitive) == 0
                        ? p.displayName
                        : p.userPrincipalName;
                if (!prefix.isEmpty() && !field.startsWith(prefix, Qt::CaseInsensitive))
                    continue;
                value.append(principalJson(p, tenant));
                if (value.size() >= top)
                    break;
            }
            return HttpResponse::json(200, QJsonObject{{u"value"_s, value}});
        }
        const Principal *p = visible(s[1]);
        if (!p || !matchesKind(*p))
            return graphError(
                404, u"Request_ResourceNotFound"_s,
                u"Resource '%1' does not exist or one of its queried reference-property objects are not present."_s
                    .arg(s[1]));
        if (s.size() == 2)
            return HttpResponse::json(200, principalJson(*p, tenant));
        if (s.size() == 3 && s[2] == "transitiveMemberOf"_L1) {
            QJsonArray value;
            for (const QString &g : directory.transitiveGroups(p->objectId))
                if (const Principal *group = directory.principal(g))
                    value.append(principalJson(*group, tenant));
            return HttpResponse::json(200, QJsonObject{{u"value"_s, value}});
        }
    }
    return graphError(400, u"BadRequest"_s,
                      u"Resource not found for the segment '%1'."_s.arg(s.value(0)));
}

} // namespace vl::sandbox

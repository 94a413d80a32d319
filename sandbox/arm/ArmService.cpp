// SPDX-License-Identifier: GPL-3.0-or-later
#include "arm/ArmService.h"

#include "arm/ArmHelpers.h"
#include "arm/ResourceId.h"

#include <QJsonArray>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace vl::sandbox {
namespace {

const QStringList SubscriptionApiVersions{u"2016-06-01"_s, u"2019-06-01"_s, u"2019-11-01"_s,
                                          u"2020-01-01"_s, u"2021-01-01"_s, u"2022-12-01"_s};
const QStringList ResourceApiVersions{u"2015-11-01"_s, u"2019-10-01"_s, u"2020-06-01"_s,
                                      u"2021-04-01"_s, u"2022-09-01"_s, u"2024-03-01"_s};

QString isoDate(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

HttpResponse armError(int status, const QString &code, const QString &message)
{
    return HttpResponse::json(
        status, QJsonObject{{u"error"_s, QJsonObject{{u"code"_s, code}, {u"message"_s, message}}}});
}

bool ArmService::isArmAudience(const QString &audience)
{
    static const QStringList audiences{
        u"https://management.azure.com"_s, u"https://management.azure.com/"_s,
        u"https://management.core.windows.net"_s, u"https://management.core.windows.net/"_s};
    return audiences.contains(audience);
}

ArmService::ArmService(ServiceContext &context, Faults &faults, VaultOpener opener)
    : m_context(context)
    , m_faults(faults)
    , m_openVault(std::move(opener))
{}

std::optional<HttpResponse> ArmService::handle(const HttpRequest &request, Delivery &delivery)
{
    const QStringList segments = request.path.split(u'/', Qt::SkipEmptyParts);
    if (segments.isEmpty())
        return std::nullopt;
    const QString first = segments.first().toLower();
    if (first != "subscriptions"_L1 && first != "tenants"_L1 && first != "providers"_L1)
        return std::nullopt;

    auto finish = [&](HttpResponse r) {
        r.setHeader("x-ms-request-id", newRequestId());
        r.setHeader("x-ms-correlation-request-id", newRequestId());
        if (request.hasHeader("x-ms-client-request-id"))
            r.setHeader("x-ms-client-request-id", request.header("x-ms-client-request-id"));
        r.setHeader("Cache-Control", "no-cache");
        return r;
    };
    if (auto faulted = m_faults.apply(
            Faults::Target::Api, request, delivery, u"TooManyRequests"_s,
            u"The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00. For more information, see - https://aka.ms/srpthrottlinglimits"_s,
            [](int status, const QString &code, const QString &message) {
                return armError(status, code, message);
            }))
        return delivery.drop ? *faulted : finish(*faulted);

    const VerifiedToken token = m_context.tokens.verify(request.header("Authorization"));
    const qint64 now = m_context.clock.nowSecsSinceEpoch();
    auto unauthorized = [&](const QString &code, const QString &message) {
        HttpResponse r = armError(401, code, message);
        r.setHeader("WWW-Authenticate", "Bearer authorization_uri=\""
                                            + m_context.apiOrigin().toUtf8()
                                            + "/\", error=\"invalid_token\", error_description=\""
                                            + message.toUtf8().replace('"', '\'') + '"');
        return finish(r);
    };
    if (!token.facts.present)
        return unauthorized(u"AuthenticationFailed"_s,
                            u"Authentication failed. The 'Authorization' header is missing."_s);
    if (!token.facts.wellFormed || !token.facts.signatureValid)
        return unauthorized(u"InvalidAuthenticationToken"_s, u"The access token is invalid."_s);
    if (token.facts.expiresOn > 0 && now > token.facts.expiresOn + 300)
        return unauthorized(
            u"ExpiredAuthenticationToken"_s,
            u"The access token expiry UTC time '%1' is earlier than current UTC time '%2'."_s.arg(
                isoDate(token.facts.expiresOn), isoDate(now)));
    if (!isArmAudience(token.facts.audience))
        return unauthorized(
            u"InvalidAuthenticationToken"_s,
            u"The access token has been obtained for wrong audience or resource '%1'. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'."_s
                .arg(token.facts.audience));
    if (segments.size() >= 2 && first == "subscriptions"_L1) {
        const Subscription *sub = m_context.state.subscription(segments[1]);
        if (sub && sub->tenantId.compare(token.facts.tenantId, Qt::CaseInsensitive) != 0)
            return unauthorized(
                u"InvalidAuthenticationTokenTenant"_s,
                u"The access token is from the wrong issuer '%1'. It must match the tenant '%2' associated with this subscription. Please use the authority (URL) '%3' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later."_s
                    .arg(access::Caller::stsIssuer(token.facts.tenantId),
                         access::Caller::stsIssuer(sub->tenantId),
                         m_context.apiOrigin() + u'/' + sub->tenantId));
    }
    const auto apiVersion = request.queryValue(u"api-version"_s);
    if (!apiVersion)
        return finish(armError(
            400, u"MissingApiVersionParameter"_s,
            u"The api-version query parameter (?api-version=) is required for all requests."_s));
    ArmCall call{request, segments, token.caller(m_context.state.directory), *apiVersion};
    return finish(route(call));
}

HttpResponse ArmService::route(ArmCall &call)
{
    const QStringList &s = call.segments;
    auto is = [&](qsizetype i, QLatin1StringView name) {
        return i < s.size() && s[i].compare(name, Qt::CaseInsensitive) == 0;
    };
    // Microsoft.Authorization at any scope: {scope}/providers/Microsoft.Authorization/...
    for (qsizetype i = 0; i + 2 < s.size() + 1; ++i) {
        if (is(i, "providers"_L1) && is(i + 1, "Microsoft.Authorization"_L1)) {
            const QString scope = i == 0 ? u"/"_s : u"/"_s + s.mid(0, i).join(u'/');
            return authorization(call, scope, s.mid(i + 2));
        }
    }
    if (is(0, "tenants"_L1) && s.size() == 1)
        return tenants(call);
    if (is(0, "providers"_L1) && is(1, "Microsoft.ResourceGraph"_L1))
        return resourceGraph(call);
    if (!is(0, "subscriptions"_L1))
        return armError(404, u"InvalidResourceType"_s, u"The resource type could not be found."_s);
    if (s.size() <= 2)
        return subscriptions(call);
    const QString subscription = s[1];
    if (!m_context.state.subscription(subscription))
        return armError(404, u"SubscriptionNotFound"_s,
                        u"The subscription '%1' could not be found."_s.arg(subscription));
    if (is(2, "resources"_L1) && s.size() == 3)
        return resources(call, subscription);
    if (is(2, "resourceGroups"_L1) && s.size() <= 4)
        return resourceGroups(call, subscription);
    const bool rgVault =
        is(2, "resourceGroups"_L1) && is(4, "providers"_L1) && is(5, "Microsoft.KeyVault"_L1);
    const bool subVault = is(2, "providers"_L1) && is(3, "Microsoft.KeyVault"_L1);
    if (rgVault || subVault)
        return vaults(call);
    return armError(
        404, u"InvalidResourceType"_s,
        u"The resource type '%1' could not be found in the namespace for api version '%2'."_s.arg(
            s.mid(2).join(u'/'), call.apiVersion));
}

access::RbacContext ArmService::rbacContext(const QString &scope) const
{
    access::RbacContext context;
    context.assignments = m_context.state.roleAssignments;
    const arm::ResourceId id = arm::ResourceId::parse(scope);
    if (const Subscription *sub = m_context.state.subscription(id.subscriptionId))
        context.managementGroupScopes = sub->managementGroups;
    return context;
}

bool ArmService::allowed(const ArmCall &call, const QString &action, const QString &scope) const
{
    return access::RbacEvaluator::checkAction(rbacContext(scope), call.caller, action, scope)
        .allowed;
}

std::optional<HttpResponse>
ArmService::authorize(const ArmCall &call, const QString &action, const QString &scope,
                      const access::ConditionAttributes &attributes) const
{
    const auto denial = access::AccessEngine::authorizeManagement(rbacContext(scope), call.caller,
                                                                  action, scope, attributes);
    if (!denial)
        return std::nullopt;
    return armError(denial->status, denial->code, denial->message);
}

HttpResponse ArmService::subscriptions(ArmCall &call)
{
    if (!SubscriptionApiVersions.contains(call.apiVersion))
        return armError(400, u"InvalidApiVersionParameter"_s,
                        u"The api-version '%1' is invalid. The supported versions are '%2'."_s.arg(
                            call.apiVersion, SubscriptionApiVersions.join(u',')));
    auto json = [](const Subscription &s) {
        return QJsonObject{{u"id"_s, QString(u"/subscriptions/"_s + s.id)},
                           {u"authorizationSource"_s, u"RoleBased"_s},
                           {u"managedByTenants"_s, QJsonArray{}},
                           {u"subscriptionId"_s, s.id},
                           {u"tenantId"_s, s.tenantId},
                           {u"displayName"_s, s.displayName},
                           {u"state"_s, s.state},
                           {u"subscriptionPolicies"_s,
                            QJsonObject{{u"locationPlacementId"_s, u"Public_2014-09-01"_s},
                                        {u"quotaId"_s, u"PayAsYouGo_2014-09-01"_s},
                                        {u"spendingLimit"_s, u"Off"_s}}}};
    };
    // A caller sees the subscriptions where it holds any role, at any scope inside them.
    auto visible = [&](const Subscription &s) {
        if (s.tenantId.compare(call.caller.tenantId, Qt::CaseInsensitive) != 0)
            return false;
        const QString scope = u"/subscriptions/"_s + s.id;
        for (const arm::RoleAssignment &a : m_context.state.roleAssignments) {
            const bool mine = a.principalId.compare(call.caller.objectId, Qt::CaseInsensitive) == 0
                              || call.caller.groupIds.contains(a.principalId, Qt::CaseInsensitive);
            if (mine && (arm::scopeContains(scope, a.scope) || arm::scopeContains(a.scope, scope)))
                return true;
        }
        return false;
    };
    if (call.segments.size() == 2) {
        const Subscription *s = m_context.state.subscription(call.segments[1]);
        if (!s || !visible(*s))
            return armError(404, u"SubscriptionNotFound"_s,
                            u"The subscription '%1' could not be found."_s.arg(call.segments[1]));
        return HttpResponse::json(200, json(*s));
    }
    QJsonArray value;
    for (const Subscription &s : m_context.state.subscriptions)
        if (visible(s))
            value.append(json(s));
    return HttpResponse::json(
        200, QJsonObject{
                 {u"value"_s, value},
                 {u"count"_s, QJsonObject{{u"type"_s, u"Total"_s}, {u"value"_s, value.size()}}}});
}

HttpResponse ArmService::tenants(ArmCall &call)
{
    if (!SubscriptionApiVersions.contains(call.apiVersion))
        return armError(400, u"InvalidApiVersionParameter"_s,
                        u"The api-version '%1' is invalid. The supported versions are '%2'."_s.arg(
                            call.apiVersion, SubscriptionApiVersions.join(u',')));
    const Principal *me = m_context.state.directory.principal(call.caller.objectId);
    QJsonArray value;
    for (const Tenant &t : m_context.state.directory.tenants) {
        const bool member = me ? m_context.state.directory.canSignIn(*me, t.id)
                               : t.id.compare(call.caller.tenantId, Qt::CaseInsensitive) == 0;
        if (!member)
            continue;
        const bool home = me && me->tenantId.compare(t.id, Qt::CaseInsensitive) == 0;
        value.append(QJsonObject{{u"id"_s, QString(u"/tenants/"_s + t.id)},
                                 {u"tenantId"_s, t.id},
                                 {u"tenantCategory"_s, home || !me ? u"Home"_s : u"ProjectedBy"_s},
                                 {u"displayName"_s, t.displayName},
                                 {u"defaultDomain"_s, t.domain},
                                 {u"domains"_s, QJsonArray{t.domain}},
                                 {u"countryCode"_s, u"NL"_s},
                                 {u"tenantType"_s, u"AAD"_s}});
    }
    return HttpResponse::json(200, QJsonObject{{u"value"_s, value}});
}

HttpResponse ArmService::resourceGroups(ArmCall &call, const QString &subscription)
{
    if (!ResourceApiVersions.contains(call.apiVersion))
        return armError(400, u"InvalidApiVersionParameter"_s,
                        u"The api-version '%1' is invalid. The supported versions are '%2'."_s.arg(
                            call.apiVersion, ResourceApiVersions.join(u',')));
    auto json = [](const ResourceGroup &g) {
        QJsonObject tags;
        for (auto it = g.tags.begin(); it != g.tags.end(); ++it)
            tags.insert(it.key(), it.value());
        return QJsonObject{
            {u"id"_s, g.id()},
            {u"name"_s, g.name},
            {u"type"_s, u"Microsoft.Resources/resourceGroups"_s},
            {u"location"_s, g.location},
            {u"tags"_s, tags},
            {u"properties"_s, QJsonObject{{u"provisioningState"_s, u"Succeeded"_s}}}};
    };
    const QString read = u"Microsoft.Resources/subscriptions/resourceGroups/read"_s;
    if (call.segments.size() == 4) {
        const ResourceGroup *g = m_context.state.resourceGroup(subscription, call.segments[3]);
        if (!g)
            return armError(404, u"ResourceGroupNotFound"_s,
                            u"Resource group '%1' could not be found."_s.arg(call.segments[3]));
        if (auto denied = authorize(call, read, g->id()))
            return *denied;
        return HttpResponse::json(200, json(*g));
    }
    QJsonArray value;
    for (const ResourceGroup &g : m_context.state.resourceGroups)
        if (g.subscriptionId.compare(subscription, Qt::CaseInsensitive) == 0
            && allowed(call, read, g.id()))
            value.append(json(g));
    return HttpResponse::json(200, QJsonObject{{u"value"_s, value}});
}

HttpResponse ArmService::resources(ArmCall &call, const QString &subscription)
{
    if (!ResourceApiVersions.contains(call.apiVersion))
        return armError(400, u"InvalidApiVersionParameter"_s,
                        u"The api-version '%1' is invalid. The supported versions are '%2'."_s.arg(
                            call.apiVersion, ResourceApiVersions.join(u',')));
    const QString filter = call.request.queryValue(u"$filter"_s).value_or(QString());
    const bool vaultsOnly = filter.contains(u"Microsoft.KeyVault/vaults"_s, Qt::CaseInsensitive);
    if (!filter.isEmpty() && !vaultsOnly && !filter.contains("resourceType"_L1))
        return armError(400, u"InvalidFilterInQueryString"_s,
                        u"Invalid $filter '%1' specified in the query string."_s.arg(filter));
    QJsonArray value;
    for (const VaultRecord &v : m_context.state.vaults) {
        const arm::ResourceId id = arm::ResourceId::parse(v.resource.id);
        if (id.subscriptionId.compare(subscription, Qt::CaseInsensitive) != 0)
            continue;
        if (!allowed(call, u"Microsoft.KeyVault/vaults/read"_s, v.resource.id))
            continue;
        value.append(ArmHelpers::genericResource(v.resource));
    }
    if (!vaultsOnly && !filter.isEmpty())
        value = QJsonArray{};
    return HttpResponse::json(200, QJsonObject{{u"value"_s, value}});
}

} // namespace vl::sandbox

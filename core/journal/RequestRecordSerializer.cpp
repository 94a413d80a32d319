// SPDX-License-Identifier: GPL-3.0-or-later
#include "journal/RequestRecordSerializer.h"

#include "util/Json.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace vl::journaljson {
namespace {

QJsonArray headersJson(const HttpHeaders &headers)
{
    QJsonArray out;
    for (const auto &[name, value] : headers)
        out.append(QJsonArray{QString::fromLatin1(name), QString::fromUtf8(value)});
    return out;
}

void insertIfSet(QJsonObject &o, QLatin1StringView key, const QString &value)
{
    if (!value.isEmpty())
        o.insert(key, value);
}

} // namespace

QString kindId(AzureError::Kind kind)
{
    switch (kind) {
    case AzureError::Kind::None:
        return u"none"_s;
    case AzureError::Kind::Network:
        return u"network"_s;
    case AzureError::Kind::Unauthenticated:
        return u"unauthenticated"_s;
    case AzureError::Kind::Firewall:
        return u"firewall"_s;
    case AzureError::Kind::Connection:
        return u"connection"_s;
    case AzureError::Kind::Policy:
        return u"policy"_s;
    case AzureError::Kind::Rbac:
        return u"rbac"_s;
    case AzureError::Kind::NotFound:
        return u"notFound"_s;
    case AzureError::Kind::Conflict:
        return u"conflict"_s;
    case AzureError::Kind::Throttled:
        return u"throttled"_s;
    case AzureError::Kind::Server:
        return u"server"_s;
    case AzureError::Kind::Malformed:
        return u"malformed"_s;
    case AzureError::Kind::Cancelled:
        return u"cancelled"_s;
    }
    return {};
}

QJsonObject toJson(const AzureError &e)
{
    QJsonObject o{{u"kind"_s, kindId(e.kind)}};
    if (e.status)
        o.insert("status"_L1, e.status);
    insertIfSet(o, "code"_L1, e.code);
    insertIfSet(o, "innerCode"_L1, e.innerCode);
    insertIfSet(o, "message"_L1, e.message);
    insertIfSet(o, "requestId"_L1, e.requestId);
    insertIfSet(o, "clientRequestId"_L1, e.clientRequestId);
    insertIfSet(o, "wwwAuthenticate"_L1, QString::fromUtf8(e.wwwAuthenticate));
    insertIfSet(o, "clientAddress"_L1, e.clientAddress);
    insertIfSet(o, "callerObjectId"_L1, e.callerObjectId);
    insertIfSet(o, "callerAppId"_L1, e.callerAppId);
    insertIfSet(o, "callerTenantId"_L1, e.callerTenantId);
    insertIfSet(o, "callerName"_L1, e.callerName);
    insertIfSet(o, "expectedTenantId"_L1, e.expectedTenantId);
    insertIfSet(o, "vaultName"_L1, e.vaultName);
    insertIfSet(o, "missingPermission"_L1, e.missingPermission);
    insertIfSet(o, "action"_L1, e.action);
    insertIfSet(o, "scope"_L1, e.scope);
    insertIfSet(o, "decisionReason"_L1, e.decisionReason);
    return o;
}

QJsonObject toJson(const TokenInfo &t)
{
    QJsonObject o{{u"source"_s, tokenSourceName(t.source)},
                  {u"scopes"_s, json::toArray(t.scopes)},
                  {u"claims"_s, t.claims}};
    insertIfSet(o, "credential"_L1, t.credential);
    insertIfSet(o, "tenantId"_L1, t.tenantId);
    if (t.expiresOn.isValid())
        o.insert("expiresOn"_L1, t.expiresOn.toUTC().toString(Qt::ISODate));
    return o;
}

QJsonObject toJson(const ChallengeInfo &c)
{
    QJsonObject o{
        {u"origin"_s, c.origin == ChallengeInfo::Origin::Answered ? u"answered"_s : u"cached"_s}};
    insertIfSet(o, "wwwAuthenticate"_L1, QString::fromUtf8(c.wwwAuthenticate));
    insertIfSet(o, "authority"_L1, c.authority);
    insertIfSet(o, "tenantId"_L1, c.tenantId);
    insertIfSet(o, "resource"_L1, c.resource);
    return o;
}

QJsonObject toJson(const RequestRecord &r)
{
    QJsonObject o{
        {u"id"_s, QString::number(r.id)},
        {u"started"_s, r.started.toUTC().toString(Qt::ISODateWithMs)},
        {u"durationMs"_s, r.durationMs},
        {u"service"_s, serviceName(r.service)},
        {u"method"_s, QString::fromLatin1(r.method)},
        {u"url"_s, r.url.toString(QUrl::FullyEncoded)},
        {u"status"_s, r.status},
        {u"requestHeaders"_s, headersJson(r.requestHeaders)},
        {u"responseHeaders"_s, headersJson(r.responseHeaders)},
        {u"attempt"_s, r.attempt},
        {u"error"_s, toJson(r.error)},
    };
    insertIfSet(o, "operation"_L1, r.operation);
    insertIfSet(o, "networkError"_L1, r.networkError);
    insertIfSet(o, "clientRequestId"_L1, r.clientRequestId);
    if (!r.responseBody.isEmpty())
        o.insert("responseBody"_L1, QString::fromUtf8(r.responseBody));
    if (r.token)
        o.insert("token"_L1, toJson(*r.token));
    if (r.challenge)
        o.insert("challenge"_L1, toJson(*r.challenge));
    return o;
}

} // namespace vl::journaljson

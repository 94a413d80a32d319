// SPDX-License-Identifier: GPL-3.0-or-later
// Microsoft.KeyVault/vaults/privateEndpointConnections (api-version 2026-02-01 and the
// older vault versions): list, get, approve or reject (PUT) and delete. The connections
// live in the vault's properties.privateEndpointConnections; the endpoint side (the
// Microsoft.Network/privateEndpoints that ask to connect) is seeded, not modelled.
#include "arm/ArmHelpers.h"
#include "arm/ArmService.h"
#include "arm/VaultSerializer.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace vl::sandbox {
namespace {

const QString ConnectionType = u"Microsoft.KeyVault/vaults/privateEndpointConnections"_s;
const QString ReadAction = u"Microsoft.KeyVault/vaults/privateEndpointConnections/read"_s;
const QString WriteAction = u"Microsoft.KeyVault/vaults/privateEndpointConnections/write"_s;
const QString DeleteAction = u"Microsoft.KeyVault/vaults/privateEndpointConnections/delete"_s;

QString connectionName(const arm::PrivateEndpointConnectionItem &c)
{
    return c.id.value_or(QString()).section(u'/', -1, -1, QString::SectionSkipEmpty);
}

/// The connection as its own resource: the vault's item plus name and type.
QJsonObject connectionJson(const arm::PrivateEndpointConnectionItem &c)
{
    QJsonObject o = arm::VaultSerializer::toJson(c);
    o.insert("name"_L1, connectionName(c));
    o.insert("type"_L1, ConnectionType);
    if (!o.contains("etag"_L1))
        o.insert("etag"_L1, QString());
    return o;
}

/// The next weak etag after @p etag (`W/"n"`).
QString nextEtag(const std::optional<QString> &etag)
{
    const QString digits = etag.value_or(QString()).remove(u"W/"_s).remove(u'"');
    return u"W/\"%1\""_s.arg(digits.toLongLong() + 1);
}

} // namespace

HttpResponse ArmService::privateEndpointConnections(ArmCall &call, const QString &vaultId,
                                                    const QString &group, const QStringList &rest)
{
    const QString vaultName = vaultId.section(u'/', -1);
    VaultRecord *record = m_context.state.vaultById(vaultId);
    const QByteArray &method = call.request.method;

    if (rest.isEmpty()) {
        if (method != "GET")
            return armError(405, u"MethodNotAllowed"_s, u"The method is not allowed."_s);
        if (auto denied = authorize(call, ReadAction, vaultId))
            return *denied;
        if (!record)
            return ArmHelpers::vaultNotFound(vaultName, group);
        QJsonArray value;
        const auto connections = record->resource.properties.privateEndpointConnections.value_or(
            QList<arm::PrivateEndpointConnectionItem>{});
        for (const arm::PrivateEndpointConnectionItem &c : connections)
            value.append(connectionJson(c));
        return HttpResponse::json(200, QJsonObject{{u"value"_s, value}});
    }
    if (rest.size() != 1)
        return armError(404, u"InvalidResourceType"_s, u"The resource type could not be found."_s);

    const QString name = rest.first();
    const QString id = vaultId + u"/privateEndpointConnections/"_s + name;
    QList<arm::PrivateEndpointConnectionItem> *connections = nullptr;
    if (record && !record->resource.properties.privateEndpointConnections)
        record->resource.properties.privateEndpointConnections =
            QList<arm::PrivateEndpointConnectionItem>{};
    if (record)
        connections = &*record->resource.properties.privateEndpointConnections;
    auto find = [&]() -> arm::PrivateEndpointConnectionItem * {
        if (!connections)
            return nullptr;
        for (arm::PrivateEndpointConnectionItem &c : *connections)
            if (connectionName(c).compare(name, Qt::CaseInsensitive) == 0)
                return &c;
        return nullptr;
    };

    if (method == "GET") {
        if (auto denied = authorize(call, ReadAction, id))
            return *denied;
        if (!record)
            return ArmHelpers::vaultNotFound(vaultName, group);
        // The service answers 204 for a connection that does not exist.
        const arm::PrivateEndpointConnectionItem *c = find();
        return c ? HttpResponse::json(200, connectionJson(*c)) : HttpResponse::empty(204);
    }
    if (method == "DELETE") {
        if (auto denied = authorize(call, DeleteAction, id))
            return *denied;
        if (!record)
            return ArmHelpers::vaultNotFound(vaultName, group);
        const arm::PrivateEndpointConnectionItem *c = find();
        if (!c)
            return HttpResponse::empty(204);
        const QJsonObject gone{
            {u"id"_s, c->id.value_or(id)},
            {u"name"_s, connectionName(*c)},
            {u"type"_s, ConnectionType},
            {u"properties"_s, QJsonObject{{u"provisioningState"_s, u"Disconnected"_s}}}};
        connections->removeIf([&](const arm::PrivateEndpointConnectionItem &item) {
            return connectionName(item).compare(name, Qt::CaseInsensitive) == 0;
        });
        m_context.persist();
        return HttpResponse::json(200, gone);
    }
    if (method != "PUT")
        return armError(405, u"MethodNotAllowed"_s, u"The method is not allowed."_s);

    if (auto denied = authorize(call, WriteAction, id))
        return *denied;
    if (!record)
        return ArmHelpers::vaultNotFound(vaultName, group);
    HttpResponse error;
    const auto body = ArmHelpers::jsonBody(call.request, error);
    if (!body)
        return error;
    arm::PrivateEndpointConnectionItem *c = find();
    if (!c)
        // Connections are made from the private endpoint's side; PUT only updates one.
        return armError(404, u"PrivateEndpointConnectionNotFound"_s,
                        u"Private endpoint connection '%1' of vault '%2' was not found."_s.arg(
                            name, vaultName));
    const QJsonObject state = body->value("properties"_L1)
                                  .toObject()
                                  .value("privateLinkServiceConnectionState"_L1)
                                  .toObject();
    const QString status = state.value("status"_L1).toString();
    const bool approve = status.compare("Approved"_L1, Qt::CaseInsensitive) == 0;
    const bool reject = status.compare("Rejected"_L1, Qt::CaseInsensitive) == 0;
    if (!approve && !reject)
        return armError(
            400, u"BadRequest"_s,
            u"properties.privateLinkServiceConnectionState.status must be Approved or Rejected, not '%1'."_s
                .arg(status));
    const QJsonValue description = state.value("description"_L1);
    if (!description.isUndefined() && !description.isNull() && !description.isString())
        return armError(
            400, u"BadRequest"_s,
            u"properties.privateLinkServiceConnectionState.description must be a string."_s);
    const QString etag = body->value("etag"_L1).toString();
    if (!etag.isEmpty() && etag != c->etag.value_or(QString()))
        return armError(
            409, u"ETagMismatch"_s,
            u"The etag '%1' does not match the private endpoint connection's etag '%2'."_s.arg(
                etag, c->etag.value_or(QString())));
    // A rejected connection stays rejected: the private endpoint must ask again.
    if (approve && c->status.value_or(QString()).compare("Rejected"_L1, Qt::CaseInsensitive) == 0)
        return armError(
            400, u"BadRequest"_s,
            u"Private endpoint connection '%1' was rejected and cannot be approved; the private endpoint must be recreated."_s
                .arg(name));
    c->status = approve ? u"Approved"_s : u"Rejected"_s;
    c->description = description.toString();
    c->actionsRequired = u"None"_s;
    c->provisioningState = u"Succeeded"_s;
    c->etag = nextEtag(c->etag);
    m_context.persist();
    return HttpResponse::json(200, connectionJson(*c));
}

} // namespace vl::sandbox

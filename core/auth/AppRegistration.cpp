// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/AppRegistration.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace vl::AppRegistration {

QString resolveClientId(const QString &settingsValue, const QString &commandLineValue,
                        const QProcessEnvironment &environment)
{
    const QString fromCommandLine = commandLineValue.trimmed();
    if (!fromCommandLine.isEmpty())
        return fromCommandLine;
    const QString fromEnvironment = environment.value(QString(EnvironmentVariable)).trimmed();
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return settingsValue.trimmed();
}

bool isValidClientId(const QString &text)
{
    return !QUuid::fromString(text.trimmed()).isNull();
}

QList<Permission> permissions()
{
    const QString graph = u"00000003-0000-0000-c000-000000000000"_s;
    return {
        {u"Azure Service Management"_s, u"797f4846-ba00-4fd7-ba43-dac1f8f63013"_s,
         u"user_impersonation"_s, u"41094075-9dad-400e-a0bd-54e686782033"_s, false},
        {u"Azure Key Vault"_s, u"cfa8b339-82a2-471a-a3c9-0fc0be7a4093"_s, u"user_impersonation"_s,
         u"f53da476-18e3-4152-8e01-aec403e6edc0"_s, false},
        {u"Microsoft Graph"_s, graph, u"User.Read"_s, u"e1fe6dd8-ba31-4d61-89e7-88639da4683d"_s,
         false},
        {u"Microsoft Graph"_s, graph, u"Directory.Read.All"_s,
         u"06da0dbc-49e2-44d2-8312-53f166ab848a"_s, false},
        {u"Microsoft Graph"_s, graph, u"User.ReadBasic.All"_s,
         u"b340eb25-3456-403f-be2f-af7a0d370277"_s, true},
    };
}

QStringList redirectUris()
{
    return {u"http://localhost"_s, u"http://127.0.0.1"_s};
}

QString azAppCreateCommand()
{
    // requiredResourceAccess, grouped by resource, without the optional alternatives.
    QJsonArray resources;
    QStringList order;
    QHash<QString, QJsonArray> accessByResource;
    for (const Permission &p : permissions()) {
        if (p.optional)
            continue;
        if (!order.contains(p.resourceAppId))
            order.append(p.resourceAppId);
        accessByResource[p.resourceAppId].append(
            QJsonObject{{u"id"_s, p.scopeId}, {u"type"_s, u"Scope"_s}});
    }
    for (const QString &app : std::as_const(order))
        resources.append(QJsonObject{{u"resourceAppId"_s, app},
                                     {u"resourceAccess"_s, accessByResource.value(app)}});
    const QString json = QString::fromUtf8(QJsonDocument(resources).toJson(QJsonDocument::Compact));
    return u"az ad app create --display-name VaultLens --public-client-redirect-uris "_s
           + redirectUris().join(u' ') + u" --is-fallback-public-client true"_s
           + u" --required-resource-accesses '"_s + json + u"' --query appId --output tsv"_s;
}

} // namespace vl::AppRegistration

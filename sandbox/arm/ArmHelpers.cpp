// SPDX-License-Identifier: GPL-3.0-or-later
#include "arm/ArmHelpers.h"

#include "arm/ArmService.h"
#include "util/Json.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace vl::sandbox::ArmHelpers {

const QStringList &vaultApiVersions()
{
    static const QStringList versions{u"2019-09-01"_s, u"2021-10-01"_s, u"2022-07-01"_s,
                                      u"2023-02-01"_s, u"2023-07-01"_s, u"2024-11-01"_s,
                                      u"2025-05-01"_s, u"2026-02-01"_s};
    return versions;
}

const QStringList &authorizationApiVersions()
{
    static const QStringList versions{u"2015-07-01"_s, u"2018-01-01-preview"_s,
                                      u"2018-09-01-preview"_s, u"2020-04-01-preview"_s,
                                      u"2022-04-01"_s};
    return versions;
}

QJsonObject genericResource(const arm::Vault &vault)
{
    return QJsonObject{
        {u"id"_s, vault.id},
        {u"name"_s, vault.name},
        {u"type"_s, vault.type},
        {u"location"_s, vault.location.value_or(QString())},
        {u"tags"_s, json::fromStringMap(vault.tags.value_or(QMap<QString, QString>{}))}};
}

HttpResponse vaultNotFound(const QString &name, const QString &group)
{
    return armError(
        404, u"ResourceNotFound"_s,
        u"The Resource 'Microsoft.KeyVault/vaults/%1' under resource group '%2' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix"_s
            .arg(name, group));
}

std::optional<QJsonObject> jsonBody(const HttpRequest &request, HttpResponse &error)
{
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parse);
    if (parse.error != QJsonParseError::NoError || !doc.isObject()) {
        error =
            armError(400, u"InvalidRequestContent"_s,
                     u"The request content was invalid and could not be deserialized: '%1'."_s.arg(
                         parse.error != QJsonParseError::NoError ? parse.errorString()
                                                                 : u"not an object"_s));
        return std::nullopt;
    }
    return doc.object();
}

} // namespace vl::sandbox::ArmHelpers

// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/RoleCatalogue.h"

#include "arm/RoleSerializer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

static void initAccessResources()
{
    Q_INIT_RESOURCE(vaultlens_core_access);
}

namespace vl::access {

RoleCatalogue::RoleCatalogue()
{
    initAccessResources();
    QFile file(u":/vaultlens/access/builtin-roles.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("VaultLens: the built-in role catalogue is missing from the resources");
    const QJsonArray roles =
        QJsonDocument::fromJson(file.readAll()).object().value("roles"_L1).toArray();
    for (const QJsonValue &v : roles)
        m_definitions.append(arm::RoleSerializer::definitionFromJson(v.toObject()));
}

const RoleCatalogue &RoleCatalogue::builtIn()
{
    static const RoleCatalogue catalogue;
    return catalogue;
}

const arm::RoleDefinition *RoleCatalogue::find(const QString &idOrGuid) const
{
    const QString guid = arm::RoleDefinition::guidFromId(idOrGuid);
    for (const arm::RoleDefinition &d : m_definitions)
        if (d.name.compare(guid, Qt::CaseInsensitive) == 0)
            return &d;
    return nullptr;
}

const arm::RoleDefinition *RoleCatalogue::findByName(const QString &roleName) const
{
    for (const arm::RoleDefinition &d : m_definitions)
        if (d.roleName.compare(roleName, Qt::CaseInsensitive) == 0)
            return &d;
    return nullptr;
}

void RoleCatalogue::add(const arm::RoleDefinition &definition)
{
    for (arm::RoleDefinition &d : m_definitions) {
        if (d.name.compare(definition.name, Qt::CaseInsensitive) == 0) {
            d = definition;
            return;
        }
    }
    m_definitions.append(definition);
}

} // namespace vl::access

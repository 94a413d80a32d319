// SPDX-License-Identifier: GPL-3.0-or-later
#include "state/Directory.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace vl::sandbox {

const Tenant *Directory::tenant(const QString &idOrDomain) const
{
    for (const Tenant &t : tenants)
        if (t.id.compare(idOrDomain, Qt::CaseInsensitive) == 0
            || t.domain.compare(idOrDomain, Qt::CaseInsensitive) == 0)
            return &t;
    return nullptr;
}

const Principal *Directory::principal(const QString &objectId) const
{
    for (const Principal &p : principals)
        if (!p.deleted && p.objectId.compare(objectId, Qt::CaseInsensitive) == 0)
            return &p;
    return nullptr;
}

const Principal *Directory::userByName(const QString &upn) const
{
    for (const Principal &p : principals)
        if (!p.deleted && p.isUser() && p.userPrincipalName.compare(upn, Qt::CaseInsensitive) == 0)
            return &p;
    return nullptr;
}

const Principal *Directory::servicePrincipalByAppId(const QString &appId) const
{
    for (const Principal &p : principals)
        if (!p.deleted && p.kind == PrincipalKind::ServicePrincipal
            && p.appId.compare(appId, Qt::CaseInsensitive) == 0)
            return &p;
    return nullptr;
}

const Principal *Directory::managedIdentity(const QString &clientId, const QString &objectId) const
{
    for (const Principal &p : principals) {
        if (p.deleted || p.kind != PrincipalKind::ManagedIdentity)
            continue;
        if (!clientId.isEmpty() && p.appId.compare(clientId, Qt::CaseInsensitive) != 0)
            continue;
        if (!objectId.isEmpty() && p.objectId.compare(objectId, Qt::CaseInsensitive) != 0)
            continue;
        return &p;
    }
    return nullptr;
}

const Application *Directory::application(const QString &appId) const
{
    for (const Application &a : applications)
        if (a.appId.compare(appId, Qt::CaseInsensitive) == 0)
            return &a;
    return nullptr;
}

QStringList Directory::transitiveGroups(const QString &objectId) const
{
    QStringList result;
    QSet<QString> seen;
    QStringList frontier{objectId.toLower()};
    while (!frontier.isEmpty()) {
        const QString member = frontier.takeFirst();
        for (const Principal &g : principals) {
            if (g.deleted || g.kind != PrincipalKind::Group)
                continue;
            const QString id = g.objectId.toLower();
            if (seen.contains(id) || !g.members.contains(member, Qt::CaseInsensitive))
                continue;
            seen.insert(id);
            result.append(g.objectId);
            frontier.append(id);
        }
    }
    return result;
}

bool Directory::canSignIn(const Principal &user, const QString &tenantId) const
{
    return user.tenantId.compare(tenantId, Qt::CaseInsensitive) == 0
           || user.guestIn.contains(tenantId, Qt::CaseInsensitive);
}

QString principalKindName(PrincipalKind kind)
{
    switch (kind) {
    case PrincipalKind::User:
        return u"User"_s;
    case PrincipalKind::Group:
        return u"Group"_s;
    case PrincipalKind::ServicePrincipal:
        return u"ServicePrincipal"_s;
    case PrincipalKind::ManagedIdentity:
        return u"ServicePrincipal"_s; // ARM and Graph report managed identities so
    }
    return {};
}

} // namespace vl::sandbox

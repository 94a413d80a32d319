// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/Principal.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace vl::graph {

namespace {

constexpr QLatin1StringView TypePrefix("#microsoft.graph.");

} // namespace

bool Principal::isGuest() const
{
    return kind == PrincipalKind::User && userType.compare("Guest"_L1, Qt::CaseInsensitive) == 0;
}

bool Principal::isResolved() const
{
    return kind != PrincipalKind::Unknown || !odataType.isEmpty();
}

QString Principal::label() const
{
    for (const QString *candidate : {&displayName, &userPrincipalName, &appId})
        if (!candidate->isEmpty())
            return *candidate;
    return id;
}

Principal Principal::unresolved(const QString &id)
{
    Principal p;
    p.id = id;
    return p;
}

Page<Principal> PrincipalCollection::toPage() const
{
    Page<Principal> page;
    page.items = value;
    if (!nextLink.isEmpty())
        page.nextLink = QUrl(nextLink);
    return page;
}

QString kindName(PrincipalKind kind)
{
    switch (kind) {
    case PrincipalKind::User:
        return QCoreApplication::translate("vl::graph::Principal", "User");
    case PrincipalKind::Group:
        return QCoreApplication::translate("vl::graph::Principal", "Group");
    case PrincipalKind::ServicePrincipal:
        return QCoreApplication::translate("vl::graph::Principal", "Service principal");
    case PrincipalKind::ManagedIdentity:
        return QCoreApplication::translate("vl::graph::Principal", "Managed identity");
    case PrincipalKind::Application:
        return QCoreApplication::translate("vl::graph::Principal", "Application");
    case PrincipalKind::Unknown:
        break;
    }
    return QCoreApplication::translate("vl::graph::Principal", "Unknown");
}

QString getByIdsTypeOf(PrincipalKind kind)
{
    switch (kind) {
    case PrincipalKind::User:
        return u"user"_s;
    case PrincipalKind::Group:
        return u"group"_s;
    case PrincipalKind::ServicePrincipal:
    case PrincipalKind::ManagedIdentity:
        return u"servicePrincipal"_s;
    case PrincipalKind::Application:
        return u"application"_s;
    case PrincipalKind::Unknown:
        break;
    }
    return {};
}

QString odataTypeOf(PrincipalKind kind)
{
    const QString type = getByIdsTypeOf(kind);
    return type.isEmpty() ? QString() : QString(TypePrefix + type);
}

QString collectionOf(PrincipalKind kind)
{
    const QString type = getByIdsTypeOf(kind);
    return type.isEmpty() ? QString() : QString(type + u's');
}

QString armPrincipalTypeOf(PrincipalKind kind)
{
    switch (kind) {
    case PrincipalKind::User:
        return u"User"_s;
    case PrincipalKind::Group:
        return u"Group"_s;
    case PrincipalKind::ServicePrincipal:
    case PrincipalKind::ManagedIdentity:
        return u"ServicePrincipal"_s;
    case PrincipalKind::Application:
    case PrincipalKind::Unknown:
        break;
    }
    return {};
}

PrincipalKind kindFromOdataType(const QString &odataType, const QString &servicePrincipalType)
{
    QStringView name(odataType);
    if (name.startsWith(u'#'))
        name = name.mid(1);
    constexpr QLatin1StringView Namespace("microsoft.graph.");
    if (!name.startsWith(Namespace, Qt::CaseInsensitive))
        return PrincipalKind::Unknown;
    name = name.mid(Namespace.size());
    if (name.compare("user"_L1, Qt::CaseInsensitive) == 0)
        return PrincipalKind::User;
    if (name.compare("group"_L1, Qt::CaseInsensitive) == 0)
        return PrincipalKind::Group;
    if (name.compare("application"_L1, Qt::CaseInsensitive) == 0)
        return PrincipalKind::Application;
    if (name.compare("servicePrincipal"_L1, Qt::CaseInsensitive) == 0)
        return servicePrincipalType.compare("ManagedIdentity"_L1, Qt::CaseInsensitive) == 0
                   ? PrincipalKind::ManagedIdentity
                   : PrincipalKind::ServicePrincipal;
    return PrincipalKind::Unknown;
}

PrincipalKind kindFromCollection(const QString &entitySet)
{
    for (PrincipalKind kind : {PrincipalKind::User, PrincipalKind::Group,
                               PrincipalKind::ServicePrincipal, PrincipalKind::Application})
        if (entitySet.compare(collectionOf(kind), Qt::CaseInsensitive) == 0)
            return kind;
    return PrincipalKind::Unknown;
}

PrincipalKind kindFromContext(const QString &context)
{
    const qsizetype hash = context.indexOf(u'#');
    if (hash < 0)
        return PrincipalKind::Unknown;
    QStringView set = QStringView(context).mid(hash + 1);
    for (qsizetype i = 0; i < set.size(); ++i) {
        if (set[i] == u'(' || set[i] == u'/') {
            set = set.left(i);
            break;
        }
    }
    return kindFromCollection(set.toString());
}

} // namespace vl::graph

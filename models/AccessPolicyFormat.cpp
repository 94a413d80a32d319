// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccessPolicyFormat.h"

#include "access/PermissionCatalogue.h"

#include <QCoreApplication>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace vl::accesspolicy {

using access::ObjectKind;
using access::PermissionCatalogue;
using access::PermissionGroup;
using access::PermissionInfo;

namespace {

QString capitalised(const QString &name)
{
    return name.isEmpty() ? name : QString(name.left(1).toUpper() + name.mid(1));
}

} // namespace

QStringList list(const arm::Permissions &permissions, ObjectKind kind)
{
    return access::permissionsOf(permissions, kind).value_or(QStringList{});
}

void setList(arm::Permissions &permissions, ObjectKind kind, const QStringList &names)
{
    access::permissionsOf(permissions, kind) = names;
}

QSet<QString> nameSet(const QStringList &names)
{
    QSet<QString> out;
    for (const QString &n : names)
        out.insert(n.trimmed().toLower());
    return out;
}

bool samePermissions(const arm::Permissions &a, const arm::Permissions &b)
{
    for (ObjectKind kind : access::allObjectKinds)
        if (nameSet(list(a, kind)) != nameSet(list(b, kind)))
            return false;
    return true;
}

QStringList without(const QStringList &a, const QStringList &b)
{
    const QSet<QString> other = nameSet(b);
    QStringList out;
    QSet<QString> placed;
    for (const QString &n : a) {
        const QString key = n.trimmed().toLower();
        if (!other.contains(key) && !placed.contains(key)) {
            out.append(n.trimmed());
            placed.insert(key);
        }
    }
    return out;
}

QStringList common(const QStringList &a, const QStringList &b)
{
    return without(a, without(a, b));
}

arm::Permissions difference(const arm::Permissions &a, const arm::Permissions &b)
{
    arm::Permissions out;
    for (ObjectKind kind : access::allObjectKinds)
        if (const QStringList names = without(list(a, kind), list(b, kind)); !names.isEmpty())
            setList(out, kind, names);
    return out;
}

bool isEmpty(const arm::Permissions &permissions)
{
    for (ObjectKind kind : access::allObjectKinds)
        if (!list(permissions, kind).isEmpty())
            return false;
    return true;
}

bool sameIdentity(const arm::AccessPolicyEntry &a, const QString &objectId,
                  const std::optional<QString> &applicationId)
{
    return a.objectId.compare(objectId, Qt::CaseInsensitive) == 0
           && a.applicationId.value_or(QString()).compare(applicationId.value_or(QString()),
                                                          Qt::CaseInsensitive)
                  == 0;
}

QStringList canonical(ObjectKind kind, const QStringList &names)
{
    const QSet<QString> wanted = nameSet(names);
    QStringList out;
    QSet<QString> placed;
    for (const PermissionInfo &p : PermissionCatalogue::permissions(kind)) {
        if (wanted.contains(p.name.toLower())) {
            out.append(p.name);
            placed.insert(p.name.toLower());
        }
    }
    for (const QString &n : names)
        if (!placed.contains(n.trimmed().toLower())) {
            out.append(n.trimmed());
            placed.insert(n.trimmed().toLower());
        }
    return out;
}

QString summary(ObjectKind kind, const QStringList &names)
{
    if (names.isEmpty())
        return u"—"_s;
    const QSet<QString> held = nameSet(names);
    QStringList missing;
    for (const PermissionInfo &p : PermissionCatalogue::permissions(kind)) {
        if (p.group == PermissionGroup::All)
            continue;
        if (!PermissionCatalogue::grants(kind, names, p.name))
            missing.append(capitalised(p.name));
    }
    if (missing.isEmpty())
        return QCoreApplication::translate("vl::accesspolicy", "All");
    if (held.size() > 4 && missing.size() <= 3)
        return QCoreApplication::translate("vl::accesspolicy", "All except %1")
            .arg(QLocale().createSeparatedList(missing));
    QStringList shown;
    for (const QString &n : canonical(kind, names))
        shown.append(n.compare("all"_L1, Qt::CaseInsensitive) == 0
                         ? QCoreApplication::translate("vl::accesspolicy", "All")
                         : capitalised(n));
    return shown.join(u", "_s);
}

QString line(ObjectKind kind, const QStringList &names)
{
    if (names.isEmpty())
        return {};
    return QString(access::wireName(kind) + u": "_s + canonical(kind, names).join(u", "_s));
}

QStringList lines(const arm::Permissions &permissions)
{
    QStringList out;
    for (ObjectKind kind : access::allObjectKinds)
        if (const QString l = line(kind, list(permissions, kind)); !l.isEmpty())
            out.append(l);
    return out;
}

QStringList lost(ObjectKind kind, const QStringList &before, const QStringList &after)
{
    QStringList out;
    const QSet<QString> afterSet = nameSet(after);
    for (const QString &name : canonical(kind, before)) {
        const bool kept = name.compare("all"_L1, Qt::CaseInsensitive) == 0
                              ? afterSet.contains(u"all"_s)
                              : PermissionCatalogue::grants(kind, after, name);
        if (!kept)
            out.append(name);
    }
    return out;
}

QStringList managementSet(ObjectKind kind)
{
    QStringList out;
    for (const PermissionInfo &p : PermissionCatalogue::permissions(kind))
        if (p.group != PermissionGroup::All && p.group != PermissionGroup::Privileged)
            out.append(p.name);
    return out;
}

bool fullManagement(const arm::Permissions &permissions)
{
    for (ObjectKind kind : {ObjectKind::Keys, ObjectKind::Secrets, ObjectKind::Certificates}) {
        const QStringList held = list(permissions, kind);
        for (const QString &name : managementSet(kind))
            if (!PermissionCatalogue::grants(kind, held, name))
                return false;
    }
    return true;
}

int weight(ObjectKind kind, const QStringList &names)
{
    int n = 0;
    for (const PermissionInfo &p : PermissionCatalogue::permissions(kind))
        if (p.group != PermissionGroup::All && PermissionCatalogue::grants(kind, names, p.name))
            ++n;
    return n;
}

QString categoryName(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Keys:
        return QCoreApplication::translate("vl::accesspolicy", "Keys");
    case ObjectKind::Secrets:
        return QCoreApplication::translate("vl::accesspolicy", "Secrets");
    case ObjectKind::Certificates:
        return QCoreApplication::translate("vl::accesspolicy", "Certificates");
    case ObjectKind::Storage:
        break;
    }
    return QCoreApplication::translate("vl::accesspolicy", "Storage");
}

QString description(ObjectKind kind, const QString &name)
{
    const auto info = PermissionCatalogue::info(kind, name);
    return info ? QCoreApplication::translate("vl::access::PermissionCatalogue", info->description)
                : QString();
}

} // namespace vl::accesspolicy

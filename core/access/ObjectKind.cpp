// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/ObjectKind.h"

#include "arm/Vault.h"

using namespace Qt::StringLiterals;

namespace vl::access {

QString wireName(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Keys:
        return u"keys"_s;
    case ObjectKind::Secrets:
        return u"secrets"_s;
    case ObjectKind::Certificates:
        return u"certificates"_s;
    case ObjectKind::Storage:
        return u"storage"_s;
    }
    return {};
}

std::optional<ObjectKind> objectKindFromWireName(const QString &name)
{
    for (ObjectKind kind : allObjectKinds)
        if (name.compare(wireName(kind), Qt::CaseInsensitive) == 0)
            return kind;
    return std::nullopt;
}

const std::optional<QStringList> &permissionsOf(const arm::Permissions &p, ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Keys:
        return p.keys;
    case ObjectKind::Secrets:
        return p.secrets;
    case ObjectKind::Certificates:
        return p.certificates;
    case ObjectKind::Storage:
        break;
    }
    return p.storage;
}

std::optional<QStringList> &permissionsOf(arm::Permissions &p, ObjectKind kind)
{
    return const_cast<std::optional<QStringList> &>(
        permissionsOf(static_cast<const arm::Permissions &>(p), kind));
}

} // namespace vl::access

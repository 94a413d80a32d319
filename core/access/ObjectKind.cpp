// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/ObjectKind.h"

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

} // namespace vl::access

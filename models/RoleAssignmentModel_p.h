// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal helpers of RoleAssignmentModel's source files.

#include "arm/RoleTypes.h"

#include <QString>

namespace vl::rbacdetail {

inline bool sameText(const QString &a, const QString &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

inline QString trimmedScope(const QString &scope)
{
    QString s = scope;
    while (s.size() > 1 && s.endsWith(u'/'))
        s.chop(1);
    return s;
}

inline bool sameScope(const QString &a, const QString &b)
{
    return sameText(trimmedScope(a), trimmedScope(b));
}

inline bool sameRole(const QString &a, const QString &b)
{
    return sameText(arm::RoleDefinition::guidFromId(a), arm::RoleDefinition::guidFromId(b));
}

} // namespace vl::rbacdetail

// SPDX-License-Identifier: GPL-3.0-or-later
#include "arm/ResourceId.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace vl::arm {

ResourceId ResourceId::parse(const QString &id)
{
    ResourceId r;
    const QStringList parts = id.split(u'/', Qt::SkipEmptyParts);
    auto is = [](const QString &a, QLatin1StringView b) {
        return a.compare(b, Qt::CaseInsensitive) == 0;
    };
    qsizetype i = 0;
    if (parts.size() < 2 || !is(parts[0], "subscriptions"_L1))
        return {};
    r.subscriptionId = parts[1];
    i = 2;
    if (i + 1 < parts.size() && is(parts[i], "resourceGroups"_L1)) {
        r.resourceGroup = parts[i + 1];
        i += 2;
    }
    if (i + 3 < parts.size() && is(parts[i], "providers"_L1)) {
        r.provider = parts[i + 1];
        r.resourceType = parts[i + 2];
        r.name = parts[i + 3];
        i += 4;
        if (i < parts.size()) {
            r.childType = parts[i];
            if (i + 1 < parts.size())
                r.childName = parts[i + 1];
        }
    } else if (i < parts.size()) {
        // Something we do not understand: refuse rather than guess.
        return {};
    }
    return r;
}

QString ResourceId::subscriptionScope() const
{
    return u"/subscriptions/"_s + subscriptionId;
}

QString ResourceId::resourceGroupScope() const
{
    return subscriptionScope() + u"/resourceGroups/"_s + resourceGroup;
}

bool scopeContains(const QString &scope, const QString &resource)
{
    QString s = scope;
    while (s.endsWith(u'/'))
        s.chop(1);
    if (s.isEmpty())
        return true; // "/" is the root scope
    if (resource.size() < s.size())
        return false;
    if (!resource.startsWith(s, Qt::CaseInsensitive))
        return false;
    return resource.size() == s.size() || resource.at(s.size()) == u'/';
}

} // namespace vl::arm

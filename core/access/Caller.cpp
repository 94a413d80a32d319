// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/Caller.h"

using namespace Qt::StringLiterals;

namespace vl::access {

QString Caller::stsIssuer(const QString &tenantId)
{
    return u"https://sts.windows.net/"_s + tenantId + u'/';
}

QString Caller::principalString() const
{
    QString s = u"appid="_s + applicationId + u";oid="_s + objectId + u';';
    if (!groupIds.isEmpty())
        s += u"numgroups="_s + QString::number(groupIds.size()) + u';';
    s += u"iss="_s + (issuer.isEmpty() ? stsIssuer(tenantId) : issuer);
    return s;
}

} // namespace vl::access

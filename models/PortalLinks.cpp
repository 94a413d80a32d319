// SPDX-License-Identifier: GPL-3.0-or-later
#include "PortalLinks.h"

using namespace Qt::StringLiterals;

namespace vl::portal {

namespace {
QUrl withFragment(const CloudProfile &cloud, const QString &fragment)
{
    if (cloud.kind == CloudProfile::Kind::Sandbox || !cloud.portal.isValid())
        return {};
    QUrl url = cloud.portal;
    url.setPath(u"/"_s);
    url.setFragment(fragment, QUrl::DecodedMode);
    return url;
}

QString tenantPart(const QString &tenantId)
{
    return tenantId.isEmpty() ? QString() : QString(u'@' + tenantId);
}
} // namespace

QUrl vaultUrl(const CloudProfile &cloud, const QString &tenantId, const QString &resourceId)
{
    if (!resourceId.startsWith(u"/subscriptions/"_s, Qt::CaseInsensitive))
        return {};
    return withFragment(cloud, tenantPart(tenantId) + u"/resource"_s + resourceId + u"/overview"_s);
}

QUrl itemUrl(const CloudProfile &cloud, const QString &tenantId, VaultItemKind kind,
             const QString &itemId)
{
    if (!itemId.startsWith(u"https://"_s))
        return {};
    QString asset;
    switch (kind) {
    case VaultItemKind::Secret:
        asset = u"Secret"_s;
        break;
    case VaultItemKind::Key:
        asset = u"Key"_s;
        break;
    case VaultItemKind::Certificate:
        asset = u"Certificate"_s;
        break;
    }
    return withFragment(cloud, tenantPart(tenantId) + u"/asset/Microsoft_Azure_KeyVault/"_s + asset
                                   + u'/' + itemId);
}

} // namespace vl::portal

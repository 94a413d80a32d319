// SPDX-License-Identifier: GPL-3.0-or-later
#include "VaultLocation.h"

#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace vl {
namespace {

const auto AccountKey = "accountId"_L1;
const auto TenantKey = "tenantId"_L1;
const auto SubscriptionKey = "subscriptionId"_L1;
const auto GroupKey = "resourceGroup"_L1;
const auto NameKey = "name"_L1;
const auto UriKey = "vaultUri"_L1;
const auto ResourceKey = "resourceId"_L1;
const auto CloudKey = "cloud"_L1;

} // namespace

bool VaultLocation::isValid() const
{
    return !accountId.isEmpty() && vaultUri.isValid() && vaultUri.scheme() == "https"_L1
           && !vaultUri.host().isEmpty();
}

QString VaultLocation::key() const
{
    return QString(normalizedUri(vaultUri).toString() + u'|' + accountId);
}

QVariantMap VaultLocation::toVariantMap() const
{
    return QVariantMap{
        {AccountKey, accountId},   {TenantKey, tenantId}, {SubscriptionKey, subscriptionId},
        {GroupKey, resourceGroup}, {NameKey, name},       {UriKey, vaultUri.toString()},
        {ResourceKey, resourceId}, {CloudKey, cloud}};
}

VaultLocation VaultLocation::fromVariantMap(const QVariantMap &map)
{
    VaultLocation l;
    l.accountId = map.value(AccountKey).toString();
    l.tenantId = map.value(TenantKey).toString();
    l.subscriptionId = map.value(SubscriptionKey).toString();
    l.resourceGroup = map.value(GroupKey).toString();
    l.name = map.value(NameKey).toString();
    l.vaultUri = QUrl(map.value(UriKey).toString());
    l.resourceId = map.value(ResourceKey).toString();
    l.cloud = map.value(CloudKey).toString();
    return l;
}

QJsonObject VaultLocation::toJson() const
{
    return QJsonObject::fromVariantMap(toVariantMap());
}

VaultLocation VaultLocation::fromJson(const QJsonObject &json)
{
    return fromVariantMap(json.toVariantMap());
}

QUrl VaultLocation::normalizedUri(const QUrl &uri)
{
    if (!uri.isValid() || uri.host().isEmpty())
        return uri;
    QUrl n;
    n.setScheme(uri.scheme().toLower());
    n.setHost(uri.host().toLower());
    n.setPort(uri.port());
    n.setPath(u"/"_s);
    return n;
}

QString VaultLocation::nameFromUri(const QUrl &uri, const QString &vaultDnsSuffix)
{
    const QString host = uri.host().toLower();
    if (!vaultDnsSuffix.isEmpty() && host.endsWith(vaultDnsSuffix.toLower())) {
        const QString name = host.left(host.size() - vaultDnsSuffix.size());
        if (!name.isEmpty() && !name.contains(u'.'))
            return name;
    }
    return uri.port() >= 0 ? QString(host + u':' + QString::number(uri.port())) : host;
}

} // namespace vl

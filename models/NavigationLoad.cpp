// SPDX-License-Identifier: GPL-3.0-or-later
// NavigationModel: listing a tenant's subscriptions and vaults (Resource Graph,
// with a per-subscription fallback).
#include "NavigationModel.h"
#include "NavigationModel_p.h"

#include "Session.h"
#include "arm/ResourceId.h"
#include "util/Future.h"

#include <QMap>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vl {
namespace {

arm::VaultSummary summaryOf(const arm::Vault &v)
{
    arm::VaultSummary s;
    s.id = v.id;
    s.name = v.name;
    s.location = v.location;
    const arm::ResourceId id = arm::ResourceId::parse(v.id);
    s.resourceGroup = id.resourceGroup;
    s.subscriptionId = id.subscriptionId;
    s.tenantId = v.properties.tenantId;
    s.vaultUri = v.properties.vaultUri;
    s.skuName = v.properties.sku.name;
    s.enableRbacAuthorization = v.properties.enableRbacAuthorization;
    s.enableSoftDelete = v.properties.enableSoftDelete;
    s.enablePurgeProtection = v.properties.enablePurgeProtection;
    s.publicNetworkAccess = v.properties.publicNetworkAccess;
    if (v.properties.networkAcls)
        s.networkDefaultAction = v.properties.networkAcls->defaultAction;
    s.tags = v.tags;
    return s;
}

bool sameId(const QString &a, const QString &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

/// True when the tenant's token lists @p s as one of its own (or delegated to it).
bool belongsTo(const arm::Subscription &s, const QString &tenantId)
{
    if (s.tenantId.isEmpty() || tenantId.isEmpty() || sameId(s.tenantId, tenantId))
        return true;
    const QStringList managed = s.managedByTenants.value_or(QStringList());
    return std::any_of(managed.begin(), managed.end(),
                       [&](const QString &t) { return sameId(t, tenantId); });
}

bool byName(const QString &a, const QString &b)
{
    return QString::compare(a, b, Qt::CaseInsensitive) < 0;
}

} // namespace

NavigationModel::Node *NavigationModel::target(const Load &load) const
{
    Node *n = load.wholeTenant
                  ? findTenant(load.accountId, load.tenantId)
                  : findSubscription(load.accountId, load.tenantId, load.subscriptionId);
    return n && n->generation == load.generation ? n : nullptr;
}

void NavigationModel::loadTenant(Node *tenant)
{
    auto load = std::make_shared<Load>();
    load->wholeTenant = true;
    load->accountId = tenant->accountId;
    load->tenantId = tenant->tenantId;
    load->generation = tenant->generation = ++m_generation;
    if (const auto cloud = m_session.cloudOf(load->accountId)) {
        load->cloud = cloud->name;
        load->vaultDnsSuffix = cloud->vaultDnsSuffix;
    }
    tenant->state = Node::State::Loading;
    showLoading(tenant);
    load->arm = m_session.arm(load->accountId, load->tenantId);
    if (!load->arm) {
        fail(load, AzureError::make(AzureError::Kind::Unauthenticated,
                                    tr("The account is signed out: sign in again.")));
        return;
    }
    fetchSubscriptions(load, {});
}

void NavigationModel::loadSubscription(Node *subscription)
{
    auto load = std::make_shared<Load>();
    load->wholeTenant = false;
    load->accountId = subscription->accountId;
    load->tenantId = subscription->tenantId;
    load->subscriptionId = subscription->subscriptionId;
    load->generation = subscription->generation = ++m_generation;
    if (const auto cloud = m_session.cloudOf(load->accountId)) {
        load->cloud = cloud->name;
        load->vaultDnsSuffix = cloud->vaultDnsSuffix;
    }
    load->subscriptions = {subscription->subscription};
    subscription->state = Node::State::Loading;
    showLoading(subscription);
    load->arm = m_session.arm(load->accountId, load->tenantId);
    if (!load->arm) {
        fail(load, AzureError::make(AzureError::Kind::Unauthenticated,
                                    tr("The account is signed out: sign in again.")));
        return;
    }
    queryVaults(load, {});
}

void NavigationModel::fetchSubscriptions(const std::shared_ptr<Load> &load, const QUrl &nextLink)
{
    onFinished(load->arm->listSubscriptions(nextLink), this,
               [this, load, nextLink](const Result<Page<arm::Subscription>> &page) {
                   if (!target(*load))
                       return;
                   if (!page) {
                       fail(load, page.error());
                       return;
                   }
                   for (const arm::Subscription &s : page->items)
                       if (belongsTo(s, load->tenantId))
                           load->subscriptions.append(s);
                   if (page->hasMore() && page->nextLink != nextLink) {
                       fetchSubscriptions(load, page->nextLink);
                       return;
                   }
                   if (load->subscriptions.isEmpty())
                       finish(load);
                   else
                       queryVaults(load, {});
               });
}

void NavigationModel::queryVaults(const std::shared_ptr<Load> &load, const QString &skipToken)
{
    QStringList ids;
    for (const arm::Subscription &s : std::as_const(load->subscriptions))
        ids.append(s.subscriptionId);
    onFinished(load->arm->queryVaults(ids, skipToken, m_pageSize), this,
               [this, load, skipToken](const Result<arm::VaultSummaryPage> &page) {
                   if (!target(*load))
                       return;
                   if (!page) {
                       // No Resource Graph (rights, policy, a sovereign cloud without it):
                       // ask each subscription instead.
                       load->vaults.clear();
                       listVaultsPerSubscription(load);
                       return;
                   }
                   load->vaults.append(page->vaults);
                   if (page->hasMore() && page->skipToken != skipToken)
                       queryVaults(load, page->skipToken);
                   else
                       finish(load);
               });
}

void NavigationModel::listVaultsPerSubscription(const std::shared_ptr<Load> &load)
{
    load->pending = int(load->subscriptions.size());
    if (load->pending == 0) {
        finish(load);
        return;
    }
    const QList<arm::Subscription> subscriptions = load->subscriptions;
    for (const arm::Subscription &s : subscriptions)
        listSubscriptionVaults(load, s.subscriptionId, {});
}

void NavigationModel::listSubscriptionVaults(const std::shared_ptr<Load> &load,
                                             const QString &subscriptionId, const QUrl &nextLink)
{
    onFinished(load->arm->listVaults(subscriptionId, nextLink), this,
               [this, load, subscriptionId, nextLink](const Result<Page<arm::Vault>> &page) {
                   if (!target(*load))
                       return;
                   if (!page) {
                       load->failedSubscriptions.insert(subscriptionId.toLower(), page.error());
                   } else {
                       for (const arm::Vault &v : page->items)
                           load->vaults.append(summaryOf(v));
                       if (page->hasMore() && page->nextLink != nextLink) {
                           listSubscriptionVaults(load, subscriptionId, page->nextLink);
                           return;
                       }
                   }
                   if (--load->pending > 0)
                       return;
                   if (load->failedSubscriptions.size() == load->subscriptions.size())
                       fail(load, load->failedSubscriptions.cbegin().value());
                   else
                       finish(load);
               });
}

void NavigationModel::fail(const std::shared_ptr<Load> &load, const AzureError &error)
{
    Node *t = target(*load);
    if (!t)
        return;
    removeChildren(t);
    t->state = Node::State::Failed;
    showError(t, error);
    Q_EMIT loaded(indexOf(t), false);
}

void NavigationModel::finish(const std::shared_ptr<Load> &load)
{
    Node *t = target(*load);
    if (!t)
        return;
    removeChildren(t);
    t->state = Node::State::Loaded;
    if (load->wholeTenant) {
        appendChildren(t, buildSubscriptions(*load, t));
    } else {
        appendChildren(t, buildGroups(*load, t->subscriptionId, t));
        if (const auto it = load->failedSubscriptions.constFind(t->subscriptionId.toLower());
            it != load->failedSubscriptions.cend())
            showError(t, *it);
    }
    Q_EMIT loaded(indexOf(t), true);
}

std::vector<std::unique_ptr<NavigationModel::Node>>
NavigationModel::buildSubscriptions(const Load &load, Node *parent) const
{
    QList<arm::Subscription> subscriptions = load.subscriptions;
    // A vault of a subscription the listing did not name still gets a node.
    for (const arm::VaultSummary &v : load.vaults) {
        const QString id = v.subscriptionId.value_or(arm::ResourceId::parse(v.id).subscriptionId);
        const bool known = std::any_of(subscriptions.begin(), subscriptions.end(),
                                       [&](const auto &s) { return sameId(s.subscriptionId, id); });
        if (!known && !id.isEmpty()) {
            arm::Subscription s;
            s.subscriptionId = id;
            s.id = u"/subscriptions/"_s + id;
            subscriptions.append(s);
        }
    }
    std::sort(subscriptions.begin(), subscriptions.end(), [](const auto &a, const auto &b) {
        return byName(a.displayName.isEmpty() ? a.subscriptionId : a.displayName,
                      b.displayName.isEmpty() ? b.subscriptionId : b.displayName);
    });
    std::vector<std::unique_ptr<Node>> nodes;
    for (const arm::Subscription &s : std::as_const(subscriptions)) {
        auto n = std::make_unique<Node>();
        n->kind = NavigationNodeKind::Subscription;
        n->parent = parent;
        n->id = s.subscriptionId;
        n->name = s.displayName.isEmpty() ? s.subscriptionId : s.displayName;
        n->accountId = load.accountId;
        n->tenantId = load.tenantId;
        n->subscriptionId = s.subscriptionId;
        n->subscription = s;
        n->children = buildGroups(load, s.subscriptionId, n.get());
        if (const auto it = load.failedSubscriptions.constFind(s.subscriptionId.toLower());
            it != load.failedSubscriptions.cend()) {
            auto error = std::make_unique<Node>();
            error->kind = NavigationNodeKind::Error;
            error->parent = n.get();
            error->accountId = load.accountId;
            error->tenantId = load.tenantId;
            error->subscriptionId = s.subscriptionId;
            error->error = *it;
            error->errorText = navigationErrorText(*it);
            error->name = error->errorText;
            n->children.push_back(std::move(error));
        }
        nodes.push_back(std::move(n));
    }
    return nodes;
}

std::vector<std::unique_ptr<NavigationModel::Node>>
NavigationModel::buildGroups(const Load &load, const QString &subscriptionId, Node *parent) const
{
    // Lower-case group name -> its vaults; the name shown keeps the id's case.
    QMap<QString, QList<arm::VaultSummary>> groups;
    QHash<QString, QString> groupNames;
    for (const arm::VaultSummary &v : load.vaults) {
        const arm::ResourceId id = arm::ResourceId::parse(v.id);
        const QString sub = v.subscriptionId.value_or(id.subscriptionId);
        if (!sameId(sub, subscriptionId))
            continue;
        const QString group =
            id.resourceGroup.isEmpty() ? v.resourceGroup.value_or(QString()) : id.resourceGroup;
        groups[group.toLower()].append(v);
        groupNames.insert(group.toLower(), group);
    }
    QStringList keys = groups.keys();
    std::sort(keys.begin(), keys.end(), byName);
    std::vector<std::unique_ptr<Node>> nodes;
    for (const QString &key : std::as_const(keys)) {
        auto g = std::make_unique<Node>();
        g->kind = NavigationNodeKind::ResourceGroup;
        g->parent = parent;
        g->id = groupNames.value(key);
        g->name = g->id;
        g->accountId = load.accountId;
        g->tenantId = load.tenantId;
        g->subscriptionId = subscriptionId;
        QList<arm::VaultSummary> vaults = groups.value(key);
        std::sort(vaults.begin(), vaults.end(),
                  [](const auto &a, const auto &b) { return byName(a.name, b.name); });
        for (const arm::VaultSummary &v : std::as_const(vaults)) {
            auto n = std::make_unique<Node>();
            n->kind = NavigationNodeKind::Vault;
            n->parent = g.get();
            n->id = v.id;
            n->name = v.name;
            n->accountId = load.accountId;
            n->tenantId = load.tenantId;
            n->subscriptionId = subscriptionId;
            n->vault = v;
            VaultLocation &l = n->location;
            l.accountId = load.accountId;
            l.tenantId = load.tenantId;
            l.subscriptionId = subscriptionId;
            l.resourceGroup = g->name;
            l.name = v.name;
            const QString uri = v.vaultUri.value_or(QString());
            l.vaultUri = VaultLocation::normalizedUri(
                uri.isEmpty() ? QUrl(QString(u"https://"_s + v.name + load.vaultDnsSuffix + u'/'))
                              : QUrl(uri));
            l.resourceId = v.id;
            l.cloud = load.cloud;
            g->children.push_back(std::move(n));
        }
        nodes.push_back(std::move(g));
    }
    return nodes;
}

} // namespace vl

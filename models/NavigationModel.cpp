// SPDX-License-Identifier: GPL-3.0-or-later
#include "NavigationModel.h"
#include "NavigationModel_p.h"

#include "ModelRoles.h"
#include "NavigationIcons.h"
#include "Presentation.h"
#include "Session.h"
#include "arm/ResourceId.h"
#include "journal/FlowExplainer.h"
#include "util/Future.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vl {

namespace {

QString remedyText(const AzureError &error)
{
    const FlowExplanation flow = FlowExplainer().explainError(error, Service::ResourceManager);
    return flow.remedy().text;
}

QString userNameShown(const Account &account)
{
    const Presentation &p = Presentation::instance();
    if (!account.isUser())
        return p.text(account.displayName.isEmpty() ? account.userName : account.displayName);
    const qsizetype at = account.userName.indexOf(u'@');
    if (at < 0 || !p.isEnabled())
        return account.userName;
    return QString(account.userName.left(at + 1) + p.tenantName(account.userName.mid(at + 1)));
}

QString yesNo(bool value)
{
    return value ? NavigationModel::tr("on") : NavigationModel::tr("off");
}

} // namespace

/// The error in plain words: the failed stage's sentence, else the service's message.
QString navigationErrorText(const AzureError &error)
{
    const FlowExplanation flow = FlowExplainer().explainError(error, Service::ResourceManager);
    if (const FlowStep *failed = flow.failedStep(); failed && !failed->summary.isEmpty())
        return failed->summary;
    if (!error.message.isEmpty())
        return error.message;
    return error.summary();
}

NavigationModel::NavigationModel(Session &session, QObject *parent)
    : QAbstractItemModel(parent)
    , m_session(session)
    , m_root(std::make_unique<Node>())
{
    for (const Account &account : session.accounts().accounts())
        m_root->children.push_back(makeAccount(account));
    for (auto &child : m_root->children)
        child->parent = m_root.get();
    AccountManager &accounts = session.accounts();
    connect(&accounts, &AccountManager::accountAdded, this, &NavigationModel::onAccountAdded);
    connect(&accounts, &AccountManager::accountChanged, this, &NavigationModel::onAccountChanged);
    connect(&accounts, &AccountManager::accountRemoved, this, &NavigationModel::onAccountRemoved);
    connect(&Presentation::instance(), &Presentation::changed, this,
            [this] { emitDataChanged(m_root.get()); });
}

NavigationModel::~NavigationModel() = default;

void NavigationModel::setTenantEnabledPredicate(TenantPredicate enabled)
{
    m_tenantEnabled = std::move(enabled);
    reloadTenants();
}

// --- structure -------------------------------------------------------------

NavigationModel::Node *NavigationModel::node(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex NavigationModel::indexOf(const Node *n) const
{
    if (!n || n == m_root.get())
        return {};
    return createIndex(n->row(), 0, const_cast<Node *>(n));
}

QModelIndex NavigationModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const Node *p = node(parent);
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex NavigationModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(node(child)->parent);
}

int NavigationModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(node(parent)->children.size());
}

int NavigationModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool NavigationModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node *n = node(parent);
    if (!n->children.empty())
        return true;
    return n->kind == NavigationNodeKind::Tenant && parent.isValid()
           && (n->state == Node::State::NotLoaded || n->state == Node::State::Loading);
}

bool NavigationModel::canFetchMore(const QModelIndex &parent) const
{
    if (!parent.isValid() || parent.column() != 0)
        return false;
    const Node *n = node(parent);
    return n->kind == NavigationNodeKind::Tenant && n->state == Node::State::NotLoaded;
}

void NavigationModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    // Views and testers ask from inside their own signal handlers: start the load
    // (and insert its placeholder) once they have returned.
    Node *tenant = node(parent);
    tenant->state = Node::State::Loading;
    const quint64 generation = tenant->generation = ++m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, accountId = tenant->accountId, tenantId = tenant->tenantId, generation] {
            Node *t = findTenant(accountId, tenantId);
            if (t && t->generation == generation && t->state == Node::State::Loading)
                loadTenant(t);
        },
        Qt::QueuedConnection);
}

Qt::ItemFlags NavigationModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    const Node *n = node(index);
    switch (n->kind) {
    case NavigationNodeKind::Loading:
        return Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
    case NavigationNodeKind::Vault:
    case NavigationNodeKind::Error:
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    default:
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    }
}

QVariant NavigationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section == NameColumn)
        return tr("Vaults");
    return {};
}

// --- data ------------------------------------------------------------------

QVariant NavigationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *n = node(index);
    const Presentation &p = Presentation::instance();
    switch (role) {
    case KindRole:
        return int(n->kind);
    case IdRole:
        return n->id;
    case AccountIdRole:
        return n->accountId;
    case TenantIdRole:
        return n->tenantId;
    case SubscriptionIdRole:
        return n->subscriptionId;
    case FilterRole:
    case models::RawValueRole:
        return n->name;
    case LocationRole:
        if (n->kind == NavigationNodeKind::Vault)
            return QVariant::fromValue(n->location);
        return {};
    case ErrorRole:
        if (n->kind == NavigationNodeKind::Error)
            return n->error.summary();
        return {};
    case Qt::DecorationRole:
        return navigationIcon(n->kind);
    case Qt::DisplayRole:
        switch (n->kind) {
        case NavigationNodeKind::Account:
            return userNameShown(n->account);
        case NavigationNodeKind::Tenant:
            return n->name.isEmpty() ? p.guid(n->id) : p.tenantName(n->name);
        case NavigationNodeKind::Subscription:
            if (!n->subscription.state.isEmpty() && !n->subscription.isUsable())
                return tr("%1 (%2)").arg(p.text(n->name), n->subscription.state);
            return p.text(n->name);
        case NavigationNodeKind::Loading:
            return tr("Loading…");
        case NavigationNodeKind::Error:
            return p.text(n->errorText);
        default:
            return n->name;
        }
    case Qt::ToolTipRole: {
        QStringList lines;
        switch (n->kind) {
        case NavigationNodeKind::Account: {
            const Account &a = n->account;
            lines << userNameShown(a);
            if (a.isUser() && !a.displayName.isEmpty())
                lines << a.displayName;
            lines << tr("Cloud: %1").arg(a.cloud);
            lines << tr("Object id: %1").arg(p.guid(a.objectId));
            if (m_session.accounts().needsSignIn(a.id))
                lines << tr("Sign in again to use this account.");
            break;
        }
        case NavigationNodeKind::Tenant:
            lines << (n->name.isEmpty() ? p.guid(n->id) : p.tenantName(n->name));
            if (!n->tenant.defaultDomain.isEmpty())
                lines << tr("Domain: %1").arg(p.tenantName(n->tenant.defaultDomain));
            lines << tr("Tenant id: %1").arg(p.guid(n->id));
            if (n->tenant.category == "ProjectedBy"_L1)
                lines << tr("Guest tenant");
            break;
        case NavigationNodeKind::Subscription:
            lines << p.text(n->name) << tr("Subscription id: %1").arg(p.guid(n->id));
            if (!n->subscription.state.isEmpty())
                lines << tr("State: %1").arg(n->subscription.state);
            break;
        case NavigationNodeKind::ResourceGroup:
            lines << tr("Resource group %1").arg(n->name)
                  << tr("Subscription id: %1").arg(p.guid(n->subscriptionId));
            break;
        case NavigationNodeKind::Vault: {
            const arm::VaultSummary &v = n->vault;
            lines << n->name << n->location.vaultUri.toString();
            if (!v.id.isEmpty())
                lines << tr("Resource id: %1").arg(p.text(v.id));
            if (v.location)
                lines << tr("Location: %1").arg(*v.location);
            if (v.skuName)
                lines << tr("SKU: %1").arg(*v.skuName);
            if (v.enableRbacAuthorization)
                lines << tr("Permission model: %1")
                             .arg(v.usesRbac() ? tr("Azure RBAC") : tr("Vault access policies"));
            if (v.publicNetworkAccess
                && v.publicNetworkAccess->compare("Disabled"_L1, Qt::CaseInsensitive) == 0)
                lines << tr("Public network access: disabled");
            else if (v.networkDefaultAction
                     && v.networkDefaultAction->compare("Deny"_L1, Qt::CaseInsensitive) == 0)
                lines << tr("Firewall: selected networks only");
            if (v.enableSoftDelete)
                lines << tr("Soft delete: %1").arg(yesNo(*v.enableSoftDelete));
            if (v.enablePurgeProtection)
                lines << tr("Purge protection: %1").arg(yesNo(*v.enablePurgeProtection));
            break;
        }
        case NavigationNodeKind::Error: {
            lines << p.text(n->errorText);
            if (const QString remedy = remedyText(n->error); !remedy.isEmpty())
                lines << p.text(remedy);
            lines << tr("Refresh to try again.");
            break;
        }
        case NavigationNodeKind::Loading:
            return tr("Loading…");
        }
        return lines.join(u'\n');
    }
    default:
        return {};
    }
}

NavigationNodeKind NavigationModel::kind(const QModelIndex &index) const
{
    return index.isValid() ? node(index)->kind : NavigationNodeKind::Account;
}

VaultLocation NavigationModel::location(const QModelIndex &index) const
{
    if (!index.isValid() || node(index)->kind != NavigationNodeKind::Vault)
        return {};
    return node(index)->location;
}

bool NavigationModel::isLoading(const QModelIndex &index) const
{
    return node(index)->state == Node::State::Loading;
}

NavigationModel::Node *NavigationModel::findChild(const Node *parent, NavigationNodeKind kind,
                                                  const QString &id) const
{
    if (!parent)
        return nullptr;
    for (const auto &child : parent->children)
        if (child->kind == kind && child->id.compare(id, Qt::CaseInsensitive) == 0)
            return child.get();
    return nullptr;
}

NavigationModel::Node *NavigationModel::findTenant(const QString &accountId,
                                                   const QString &tenantId) const
{
    return findChild(findChild(m_root.get(), NavigationNodeKind::Account, accountId),
                     NavigationNodeKind::Tenant, tenantId);
}

NavigationModel::Node *NavigationModel::findSubscription(const QString &accountId,
                                                         const QString &tenantId,
                                                         const QString &subscriptionId) const
{
    return findChild(findTenant(accountId, tenantId), NavigationNodeKind::Subscription,
                     subscriptionId);
}

QModelIndex NavigationModel::accountIndex(const QString &accountId) const
{
    return indexOf(findChild(m_root.get(), NavigationNodeKind::Account, accountId));
}

QModelIndex NavigationModel::tenantIndex(const QString &accountId, const QString &tenantId) const
{
    return indexOf(findTenant(accountId, tenantId));
}

QModelIndex NavigationModel::vaultIndex(const VaultLocation &location) const
{
    const QString key = location.key();
    std::function<const Node *(const Node *)> search = [&](const Node *n) -> const Node * {
        if (n->kind == NavigationNodeKind::Vault && n->location.key() == key)
            return n;
        for (const auto &child : n->children)
            if (const Node *found = search(child.get()))
                return found;
        return nullptr;
    };
    return indexOf(search(m_root.get()));
}

// --- accounts and tenants --------------------------------------------------

QList<TenantInfo> NavigationModel::enabledTenants(const Account &account) const
{
    QList<TenantInfo> tenants = account.tenants;
    if (tenants.isEmpty() && !account.homeTenantId.isEmpty())
        tenants.append(TenantInfo{account.homeTenantId, {}, {}, u"Home"_s});
    QList<TenantInfo> enabled;
    for (const TenantInfo &t : std::as_const(tenants))
        if (!m_tenantEnabled || m_tenantEnabled(account.id, t.id))
            enabled.append(t);
    return enabled;
}

std::unique_ptr<NavigationModel::Node> NavigationModel::makeAccount(const Account &account) const
{
    auto n = std::make_unique<Node>();
    n->kind = NavigationNodeKind::Account;
    n->id = account.id;
    n->accountId = account.id;
    n->name =
        account.isUser() || account.displayName.isEmpty() ? account.userName : account.displayName;
    n->account = account;
    for (const TenantInfo &t : enabledTenants(account)) {
        auto tenant = std::make_unique<Node>();
        tenant->kind = NavigationNodeKind::Tenant;
        tenant->parent = n.get();
        tenant->state = Node::State::NotLoaded;
        tenant->id = t.id;
        tenant->name = t.displayName.isEmpty() ? t.defaultDomain : t.displayName;
        tenant->accountId = account.id;
        tenant->tenantId = t.id;
        tenant->tenant = t;
        n->children.push_back(std::move(tenant));
    }
    return n;
}

void NavigationModel::syncTenants(Node *accountNode, const Account &account)
{
    const QList<TenantInfo> wanted = enabledTenants(account);
    auto isWanted = [&](const QString &id) {
        return std::any_of(wanted.begin(), wanted.end(), [&](const TenantInfo &t) {
            return t.id.compare(id, Qt::CaseInsensitive) == 0;
        });
    };
    const QModelIndex parentIndex = indexOf(accountNode);
    for (int row = int(accountNode->children.size()) - 1; row >= 0; --row) {
        if (isWanted(accountNode->children[size_t(row)]->id))
            continue;
        beginRemoveRows(parentIndex, row, row);
        accountNode->children.erase(accountNode->children.begin() + row);
        endRemoveRows();
    }
    std::unique_ptr<Node> fresh = makeAccount(account);
    for (int i = 0; i < int(wanted.size()); ++i) {
        Node *existing = findChild(accountNode, NavigationNodeKind::Tenant, wanted[i].id);
        if (existing) {
            Node *updated = findChild(fresh.get(), NavigationNodeKind::Tenant, wanted[i].id);
            if (updated
                && (existing->name != updated->name || existing->tenant != updated->tenant)) {
                existing->name = updated->name;
                existing->tenant = updated->tenant;
                const QModelIndex idx = indexOf(existing);
                Q_EMIT dataChanged(idx, idx);
            }
            continue;
        }
        const int row = std::min(i, int(accountNode->children.size()));
        auto it = std::find_if(fresh->children.begin(), fresh->children.end(), [&](const auto &c) {
            return c->id.compare(wanted[i].id, Qt::CaseInsensitive) == 0;
        });
        if (it == fresh->children.end())
            continue;
        std::unique_ptr<Node> tenant = std::move(*it);
        fresh->children.erase(it);
        tenant->parent = accountNode;
        beginInsertRows(parentIndex, row, row);
        accountNode->children.insert(accountNode->children.begin() + row, std::move(tenant));
        endInsertRows();
    }
}

void NavigationModel::reloadTenants()
{
    for (const auto &accountNode : m_root->children)
        if (const auto account = m_session.accounts().account(accountNode->id))
            syncTenants(accountNode.get(), *account);
}

void NavigationModel::reload()
{
    beginResetModel();
    m_root->children.clear();
    for (const Account &account : m_session.accounts().accounts()) {
        m_root->children.push_back(makeAccount(account));
        m_root->children.back()->parent = m_root.get();
    }
    endResetModel();
}

void NavigationModel::onAccountAdded(const Account &account)
{
    if (findChild(m_root.get(), NavigationNodeKind::Account, account.id)) {
        onAccountChanged(account);
        return;
    }
    const int row = int(m_root->children.size());
    auto n = makeAccount(account);
    n->parent = m_root.get();
    beginInsertRows({}, row, row);
    m_root->children.push_back(std::move(n));
    endInsertRows();
}

void NavigationModel::onAccountChanged(const Account &account)
{
    Node *n = findChild(m_root.get(), NavigationNodeKind::Account, account.id);
    if (!n) {
        onAccountAdded(account);
        return;
    }
    n->account = account;
    n->name =
        account.isUser() || account.displayName.isEmpty() ? account.userName : account.displayName;
    const QModelIndex idx = indexOf(n);
    Q_EMIT dataChanged(idx, idx);
    syncTenants(n, account);
}

void NavigationModel::onAccountRemoved(const QString &accountId)
{
    Node *n = findChild(m_root.get(), NavigationNodeKind::Account, accountId);
    if (!n)
        return;
    const int row = n->row();
    beginRemoveRows({}, row, row);
    m_root->children.erase(m_root->children.begin() + row);
    endRemoveRows();
}

// --- children ---------------------------------------------------------------

void NavigationModel::removeChildren(Node *parent)
{
    if (parent->children.empty())
        return;
    beginRemoveRows(indexOf(parent), 0, int(parent->children.size()) - 1);
    parent->children.clear();
    endRemoveRows();
}

void NavigationModel::appendChildren(Node *parent, std::vector<std::unique_ptr<Node>> children)
{
    if (children.empty())
        return;
    const int first = int(parent->children.size());
    beginInsertRows(indexOf(parent), first, first + int(children.size()) - 1);
    for (auto &child : children) {
        child->parent = parent;
        parent->children.push_back(std::move(child));
    }
    endInsertRows();
}

void NavigationModel::showLoading(Node *parent)
{
    removeChildren(parent);
    auto loading = std::make_unique<Node>();
    loading->kind = NavigationNodeKind::Loading;
    loading->accountId = parent->accountId;
    loading->tenantId = parent->tenantId;
    loading->subscriptionId = parent->subscriptionId;
    std::vector<std::unique_ptr<Node>> children;
    children.push_back(std::move(loading));
    appendChildren(parent, std::move(children));
}

void NavigationModel::showError(Node *parent, const AzureError &error)
{
    auto n = std::make_unique<Node>();
    n->kind = NavigationNodeKind::Error;
    n->accountId = parent->accountId;
    n->tenantId = parent->tenantId;
    n->subscriptionId = parent->subscriptionId;
    n->error = error;
    n->errorText = navigationErrorText(error);
    n->name = n->errorText;
    std::vector<std::unique_ptr<Node>> children;
    children.push_back(std::move(n));
    appendChildren(parent, std::move(children));
}

void NavigationModel::emitDataChanged(Node *parent)
{
    if (parent->children.empty())
        return;
    const QModelIndex p = indexOf(parent);
    Q_EMIT dataChanged(index(0, 0, p), index(int(parent->children.size()) - 1, 0, p));
    for (const auto &child : parent->children)
        emitDataChanged(child.get());
}

void NavigationModel::refresh(const QModelIndex &index)
{
    Node *n = node(index);
    if (!index.isValid()) {
        reload();
        return;
    }
    while (n
           && (n->kind == NavigationNodeKind::Error || n->kind == NavigationNodeKind::Loading
               || n->kind == NavigationNodeKind::Vault
               || n->kind == NavigationNodeKind::ResourceGroup))
        n = n->parent;
    if (!n || n == m_root.get())
        return;
    switch (n->kind) {
    case NavigationNodeKind::Account:
        if (const auto account = m_session.accounts().account(n->id))
            syncTenants(n, *account);
        for (const auto &tenant : n->children)
            if (tenant->state != Node::State::NotLoaded)
                loadTenant(tenant.get());
        break;
    case NavigationNodeKind::Tenant:
        loadTenant(n);
        break;
    case NavigationNodeKind::Subscription:
        loadSubscription(n);
        break;
    default:
        break;
    }
}

void NavigationModel::fetchAll()
{
    for (const auto &account : m_root->children)
        for (const auto &tenant : account->children)
            if (tenant->state == Node::State::NotLoaded)
                loadTenant(tenant.get());
}

NavigationFilterModel::NavigationFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setAutoAcceptChildRows(true);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterRole(NavigationModel::FilterRole);
    setFilterKeyColumn(NavigationModel::NameColumn);
}

} // namespace vl

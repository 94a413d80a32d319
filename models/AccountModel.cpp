// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountModel.h"

#include "ModelRoles.h"
#include "Presentation.h"
#include "auth/AccountManager.h"

#include <QFont>
#include <QIcon>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace vl {

static_assert(int(AccountModel::RawValueRole) == int(models::RawValueRole));

namespace {

bool isHome(const Account &account, const TenantInfo &tenant)
{
    return tenant.category.compare("Home"_L1, Qt::CaseInsensitive) == 0
           || tenant.id.compare(account.homeTenantId, Qt::CaseInsensitive) == 0;
}

QString tenantLabel(const TenantInfo &tenant)
{
    if (!tenant.displayName.isEmpty())
        return Presentation::instance().tenantName(tenant.displayName);
    if (!tenant.defaultDomain.isEmpty())
        return Presentation::instance().tenantName(tenant.defaultDomain);
    return Presentation::instance().guid(tenant.id);
}

} // namespace

AccountModel::AccountModel(AccountManager &accounts, QSettings *settings, QObject *parent)
    : QAbstractItemModel(parent)
    , m_accounts(&accounts)
    , m_settings(settings)
{
    if (!m_settings) {
        m_ownedSettings = std::make_unique<QSettings>();
        m_settings = m_ownedSettings.get();
    }
    for (const Account &account : accounts.accounts()) {
        auto node = std::make_unique<Node>();
        node->account = account;
        node->needsSignIn = accounts.needsSignIn(account.id);
        m_nodes.push_back(std::move(node));
    }
    connect(&accounts, &AccountManager::accountAdded, this, &AccountModel::onAdded);
    connect(&accounts, &AccountManager::accountChanged, this, &AccountModel::onChanged);
    connect(&accounts, &AccountManager::accountRemoved, this, &AccountModel::onRemoved);
    connect(&Presentation::instance(), &Presentation::changed, this,
            &AccountModel::onPresentationChanged);
}

AccountModel::~AccountModel() = default;

int AccountModel::rowOf(const QString &accountId) const
{
    for (size_t i = 0; i < m_nodes.size(); ++i)
        if (m_nodes[i]->account.id == accountId)
            return int(i);
    return -1;
}

int AccountModel::rowOf(const Node *node) const
{
    for (size_t i = 0; i < m_nodes.size(); ++i)
        if (m_nodes[i].get() == node)
            return int(i);
    return -1;
}

QModelIndex AccountModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid()) {
        if (row >= int(m_nodes.size()))
            return {};
        return createIndex(row, column, nullptr);
    }
    if (parent.internalPointer() || parent.column() != 0)
        return {}; // tenants have no children
    if (parent.row() >= int(m_nodes.size()))
        return {};
    Node *node = m_nodes[size_t(parent.row())].get();
    if (row >= node->account.tenants.size())
        return {};
    return createIndex(row, column, node);
}

QModelIndex AccountModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !child.internalPointer())
        return {};
    const int row = rowOf(static_cast<const Node *>(child.internalPointer()));
    return row < 0 ? QModelIndex() : createIndex(row, 0, nullptr);
}

int AccountModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_nodes.size());
    if (parent.internalPointer() || parent.column() != 0 || parent.row() >= int(m_nodes.size()))
        return 0;
    return int(m_nodes[size_t(parent.row())]->account.tenants.size());
}

int AccountModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant AccountModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (!index.internalPointer())
        return accountData(*m_nodes[size_t(index.row())], index.column(), role);
    const auto *node = static_cast<const Node *>(index.internalPointer());
    return tenantData(*node, node->account.tenants.at(index.row()), index.column(), role);
}

QVariant AccountModel::accountData(const Node &node, int column, int role) const
{
    const Account &a = node.account;
    switch (role) {
    case Qt::DisplayRole:
    case RawValueRole:
        switch (column) {
        case NameColumn: {
            const QString name = a.displayName.isEmpty() ? a.userName : a.displayName;
            return role == RawValueRole ? name : Presentation::instance().text(name);
        }
        case DetailColumn:
            return role == RawValueRole ? a.userName : Presentation::instance().text(a.userName);
        case KindColumn:
            if (role == RawValueRole)
                return int(a.credential);
            return node.needsSignIn ? tr("%1 — needs sign-in").arg(kindText(a.credential))
                                    : kindText(a.credential);
        }
        return {};
    case Qt::ToolTipRole: {
        QString tip = tr("%1 (%2) — %3")
                          .arg(Presentation::instance().text(a.displayName),
                               Presentation::instance().text(a.userName), kindText(a.credential));
        if (node.needsSignIn)
            tip += u'\n' + tr("Needs a new sign-in.");
        return tip;
    }
    case Qt::DecorationRole:
        if (column != NameColumn)
            return {};
        return QIcon::fromTheme(node.needsSignIn ? u"dialog-warning"_s : iconName(a.credential));
    case Qt::FontRole:
        if (node.needsSignIn) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case AccountIdRole:
        return a.id;
    case TenantIdRole:
        return QString();
    case IsTenantRole:
        return false;
    case UserNameRole:
        return a.userName;
    case CloudRole:
        return a.cloud;
    case CredentialKindRole:
        return int(a.credential);
    case KindIconNameRole:
        return iconName(a.credential);
    case NeedsSignInRole:
        return node.needsSignIn;
    default:
        return {};
    }
}

QVariant AccountModel::tenantData(const Node &node, const TenantInfo &t, int column, int role) const
{
    const bool home = isHome(node.account, t);
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return tenantLabel(t);
        case DetailColumn:
            return t.defaultDomain.isEmpty() ? Presentation::instance().guid(t.id)
                                             : Presentation::instance().tenantName(t.defaultDomain);
        case KindColumn:
            return home ? tr("Home") : tr("Guest");
        }
        return {};
    case RawValueRole:
        switch (column) {
        case NameColumn:
            return t.displayName.isEmpty() ? t.id : t.displayName;
        case DetailColumn:
            return t.defaultDomain;
        case KindColumn:
            return home ? 0 : 1;
        }
        return {};
    case Qt::CheckStateRole:
        if (column != NameColumn)
            return {};
        return isTenantEnabled(node.account.id, t.id) ? Qt::Checked : Qt::Unchecked;
    case Qt::ToolTipRole:
        return tr("Tenant %1 (%2)").arg(tenantLabel(t), Presentation::instance().guid(t.id));
    case AccountIdRole:
        return node.account.id;
    case TenantIdRole:
        return t.id;
    case IsTenantRole:
        return true;
    case UserNameRole:
        return node.account.userName;
    case CloudRole:
        return node.account.cloud;
    case CredentialKindRole:
        return int(node.account.credential);
    case NeedsSignInRole:
        return node.needsSignIn;
    case TenantIdDisplayRole:
        return Presentation::instance().guid(t.id);
    case DefaultDomainRole:
        return t.defaultDomain;
    case TenantCategoryRole:
        return home ? u"home"_s : u"guest"_s;
    default:
        return {};
    }
}

bool AccountModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::CheckStateRole
        || !index.internalPointer() || index.column() != NameColumn)
        return false;
    const auto *node = static_cast<const Node *>(index.internalPointer());
    const Qt::CheckState state = value.value<Qt::CheckState>();
    setTenantEnabled(node->account.id, node->account.tenants.at(index.row()).id,
                     state == Qt::Checked);
    return true;
}

Qt::ItemFlags AccountModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (!index.internalPointer())
        return f;
    f |= Qt::ItemNeverHasChildren;
    if (index.column() == NameColumn)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant AccountModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Account / tenant");
    case DetailColumn:
        return tr("User / domain");
    case KindColumn:
        return tr("Kind");
    }
    return {};
}

QModelIndex AccountModel::accountIndex(const QString &accountId, int column) const
{
    const int row = rowOf(accountId);
    return row < 0 ? QModelIndex() : index(row, column);
}

QModelIndex AccountModel::tenantIndex(const QString &accountId, const QString &tenantId,
                                      int column) const
{
    const QModelIndex parent = accountIndex(accountId);
    if (!parent.isValid())
        return {};
    const QList<TenantInfo> &tenants = m_nodes[size_t(parent.row())]->account.tenants;
    for (qsizetype i = 0; i < tenants.size(); ++i)
        if (tenants.at(i).id.compare(tenantId, Qt::CaseInsensitive) == 0)
            return index(int(i), column, parent);
    return {};
}

QString AccountModel::accountIdOf(const QModelIndex &index) const
{
    return index.isValid() ? index.data(AccountIdRole).toString() : QString();
}

QString AccountModel::settingsKey(const QString &accountId, const QString &tenantId)
{
    return u"accounts/tenantsEnabled/"_s + accountId + u'/' + tenantId.toLower();
}

bool AccountModel::isTenantEnabled(const QString &accountId, const QString &tenantId) const
{
    return m_settings->value(settingsKey(accountId, tenantId), true).toBool();
}

void AccountModel::setTenantEnabled(const QString &accountId, const QString &tenantId, bool enabled)
{
    if (isTenantEnabled(accountId, tenantId) == enabled)
        return;
    m_settings->setValue(settingsKey(accountId, tenantId), enabled);
    m_settings->sync();
    if (const QModelIndex i = tenantIndex(accountId, tenantId); i.isValid())
        Q_EMIT dataChanged(i, i, {Qt::CheckStateRole});
    Q_EMIT tenantsEnabledChanged();
}

QString AccountModel::iconName(CredentialKind kind)
{
    switch (kind) {
    case CredentialKind::Browser:
    case CredentialKind::DeviceCode:
        return u"user-identity"_s;
    case CredentialKind::ClientSecret:
    case CredentialKind::ClientCertificate:
        return u"application-certificate"_s;
    case CredentialKind::ManagedIdentity:
        return u"network-server"_s;
    case CredentialKind::AzureCli:
        return u"utilities-terminal"_s;
    }
    return {};
}

QString AccountModel::kindText(CredentialKind kind)
{
    switch (kind) {
    case CredentialKind::Browser:
        return tr("Browser");
    case CredentialKind::DeviceCode:
        return tr("Device code");
    case CredentialKind::ClientSecret:
        return tr("Service principal (secret)");
    case CredentialKind::ClientCertificate:
        return tr("Service principal (certificate)");
    case CredentialKind::ManagedIdentity:
        return tr("Managed identity");
    case CredentialKind::AzureCli:
        return tr("Azure CLI");
    }
    return {};
}

void AccountModel::onAdded(const Account &account)
{
    if (rowOf(account.id) >= 0)
        return onChanged(account);
    const int row = int(m_nodes.size());
    beginInsertRows({}, row, row);
    auto node = std::make_unique<Node>();
    node->account = account;
    node->needsSignIn = m_accounts && m_accounts->needsSignIn(account.id);
    m_nodes.push_back(std::move(node));
    endInsertRows();
}

void AccountModel::onChanged(const Account &account)
{
    const int row = rowOf(account.id);
    if (row < 0)
        return onAdded(account);
    Node &node = *m_nodes[size_t(row)];
    const QModelIndex parentIndex = index(row, 0);
    // Tenants that are gone, from the back.
    for (qsizetype i = node.account.tenants.size() - 1; i >= 0; --i) {
        if (!account.tenant(node.account.tenants.at(i).id)) {
            beginRemoveRows(parentIndex, int(i), int(i));
            node.account.tenants.removeAt(i);
            endRemoveRows();
        }
    }
    // Tenants that stay take their new names in place.
    for (qsizetype i = 0; i < node.account.tenants.size(); ++i) {
        const TenantInfo *fresh = account.tenant(node.account.tenants.at(i).id);
        if (fresh && !(*fresh == node.account.tenants.at(i))) {
            node.account.tenants[i] = *fresh;
            Q_EMIT dataChanged(index(int(i), 0, parentIndex),
                               index(int(i), ColumnCount - 1, parentIndex));
        }
    }
    // New tenants, at the end.
    QList<TenantInfo> added;
    for (const TenantInfo &t : account.tenants)
        if (!node.account.tenant(t.id))
            added.append(t);
    if (!added.isEmpty()) {
        const int first = int(node.account.tenants.size());
        beginInsertRows(parentIndex, first, first + int(added.size()) - 1);
        node.account.tenants.append(added);
        endInsertRows();
    }
    const QList<TenantInfo> tenants = node.account.tenants;
    node.account = account;
    node.account.tenants = tenants; // the order the view shows
    node.needsSignIn = m_accounts && m_accounts->needsSignIn(account.id);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void AccountModel::onRemoved(const QString &accountId)
{
    const int row = rowOf(accountId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_nodes.erase(m_nodes.begin() + row);
    endRemoveRows();
}

void AccountModel::onPresentationChanged()
{
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        const QModelIndex parentIndex = index(int(i), 0);
        Q_EMIT dataChanged(parentIndex, index(int(i), ColumnCount - 1));
        const int tenants = rowCount(parentIndex);
        if (tenants > 0)
            Q_EMIT dataChanged(index(0, 0, parentIndex),
                               index(tenants - 1, ColumnCount - 1, parentIndex));
    }
}

} // namespace vl

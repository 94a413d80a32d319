// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "VaultLocation.h"
#include "arm/ResourceGraph.h"
#include "auth/Account.h"
#include "http/AzureError.h"

#include <QAbstractItemModel>
#include <QSortFilterProxyModel>

#include <functional>
#include <memory>

namespace vl {

class Session;

/// What a node of the navigation tree stands for.
enum class NavigationNodeKind {
    Account,
    Tenant,
    Subscription,
    ResourceGroup,
    Vault,
    Loading, ///< the placeholder while a node's children load
    Error,   ///< why a node's children could not be listed
};

/**
 * @brief The tree of signed-in accounts, their enabled tenants, the tenants'
 * subscriptions, resource groups and Key Vault vaults.
 *
 * ```
 *  Account ─► Tenant (enabled only; lazy: fetchMore) ─► Subscription ─► Resource group ─► Vault
 *  tenant load:  GET /subscriptions (every page)
 *                POST Microsoft.ResourceGraph/resources (one query for every subscription,
 *                     following $skipToken)   ── fails ─► GET .../vaults per subscription
 * ```
 *
 * Accounts follow the AccountManager (added, changed, removed) row by row. A
 * node being loaded has a "Loading…" child; a failed load leaves an Error
 * child with the flow explainer's plain words; refresh() loads a node again.
 * Resource groups are those holding vaults. Names, tenant names and GUIDs are
 * displayed through Presentation and repainted when it changes.
 */
class NavigationModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NavigationModel)

public:
    enum Column { NameColumn, ColumnCount };
    enum Role {
        KindRole = Qt::UserRole + 100, ///< NavigationNodeKind, as int
        LocationRole,                  ///< VaultLocation of a vault node
        IdRole,             ///< account id, tenant id, subscription id, group name or vault id
        AccountIdRole,      ///< the account the node belongs to
        TenantIdRole,       ///< the tenant the node belongs to (empty for accounts)
        SubscriptionIdRole, ///< the subscription (subscriptions and below)
        FilterRole,         ///< the name, unmasked, for filtering
        ErrorRole,          ///< error nodes: the error's one-line summary
    };
    /// Whether @p tenantId of @p accountId is switched on in the account panel.
    using TenantPredicate = std::function<bool(const QString &accountId, const QString &tenantId)>;

    explicit NavigationModel(Session &session, QObject *parent = nullptr);
    ~NavigationModel() override;

    /// Tenants for which @p enabled answers false are not shown (default: all shown).
    void setTenantEnabledPredicate(TenantPredicate enabled);
    /// Rows per Resource Graph page (1 to 1000); 0 leaves it to the service.
    void setResourceGraphPageSize(int rows) { m_pageSize = rows; }

    [[nodiscard]] QModelIndex index(int row, int column,
                                    const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex &child) const override;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;
    [[nodiscard]] bool hasChildren(const QModelIndex &parent = {}) const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    [[nodiscard]] NavigationNodeKind kind(const QModelIndex &index) const;
    /// The vault of a vault node; an invalid location for any other node.
    [[nodiscard]] VaultLocation location(const QModelIndex &index) const;
    /// True while the node's children are being listed.
    [[nodiscard]] bool isLoading(const QModelIndex &index) const;
    [[nodiscard]] QModelIndex accountIndex(const QString &accountId) const;
    [[nodiscard]] QModelIndex tenantIndex(const QString &accountId, const QString &tenantId) const;
    /// The loaded vault node with @p location's URI and account, or an invalid index.
    [[nodiscard]] QModelIndex vaultIndex(const VaultLocation &location) const;
    /// Starts loading every tenant not loaded yet (for a filter over everything).
    void fetchAll();

public Q_SLOTS:
    /// Applies the tenant predicate and the accounts' tenant lists again.
    void reloadTenants();
    /// Lists the node's children again (a vault or group: its subscription).
    void refresh(const QModelIndex &index);
    /// Rebuilds the whole tree from the accounts.
    void reload();

Q_SIGNALS:
    /// The children of @p index finished loading (Error child when @p ok is false).
    void loaded(const QModelIndex &index, bool ok);

private:
    struct Node;
    struct Load;

    [[nodiscard]] Node *node(const QModelIndex &index) const;
    [[nodiscard]] QModelIndex indexOf(const Node *node) const;
    [[nodiscard]] Node *findChild(const Node *parent, NavigationNodeKind kind,
                                  const QString &id) const;
    [[nodiscard]] Node *findTenant(const QString &accountId, const QString &tenantId) const;
    [[nodiscard]] Node *findSubscription(const QString &accountId, const QString &tenantId,
                                         const QString &subscriptionId) const;
    [[nodiscard]] std::unique_ptr<Node> makeAccount(const Account &account) const;
    [[nodiscard]] QList<TenantInfo> enabledTenants(const Account &account) const;
    void syncTenants(Node *accountNode, const Account &account);
    void removeChildren(Node *parent);
    void appendChildren(Node *parent, std::vector<std::unique_ptr<Node>> children);
    void showLoading(Node *parent);
    void showError(Node *parent, const AzureError &error);
    void emitDataChanged(Node *parent);

    void onAccountAdded(const Account &account);
    void onAccountChanged(const Account &account);
    void onAccountRemoved(const QString &accountId);

    void loadTenant(Node *tenant);
    void loadSubscription(Node *subscription);
    void fetchSubscriptions(const std::shared_ptr<Load> &load, const QUrl &nextLink);
    void queryVaults(const std::shared_ptr<Load> &load, const QString &skipToken);
    void listVaultsPerSubscription(const std::shared_ptr<Load> &load);
    void listSubscriptionVaults(const std::shared_ptr<Load> &load, const QString &subscriptionId,
                                const QUrl &nextLink);
    void finish(const std::shared_ptr<Load> &load);
    void fail(const std::shared_ptr<Load> &load, const AzureError &error);
    [[nodiscard]] Node *target(const Load &load) const;
    [[nodiscard]] std::vector<std::unique_ptr<Node>> buildSubscriptions(const Load &load,
                                                                        Node *parent) const;
    [[nodiscard]] std::vector<std::unique_ptr<Node>>
    buildGroups(const Load &load, const QString &subscriptionId, Node *parent) const;

    Session &m_session;
    TenantPredicate m_tenantEnabled;
    std::unique_ptr<Node> m_root;
    quint64 m_generation = 0;
    int m_pageSize = 0;
};

/**
 * @brief Filter as you type over the navigation tree: a node is shown when
 * its name, or a descendant's, contains the text (case-insensitive); the
 * children of a matching node are shown with it.
 */
class NavigationFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NavigationFilterModel)

public:
    explicit NavigationFilterModel(QObject *parent = nullptr);
};

} // namespace vl

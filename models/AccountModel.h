// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/Account.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QPointer>

#include <memory>
#include <vector>

class QSettings;

namespace vl {

class AccountManager;

/**
 * @brief The signed-in accounts and their tenants, as a tree: accounts at the
 * top, each account's tenants below it.
 *
 * Every tenant is checkable (Qt::ItemIsUserCheckable, in NameColumn): a
 * checked tenant is switched on, and the rest of the app (navigation) shows
 * only switched-on tenants. The state persists in QSettings under
 * `accounts/tenantsEnabled/<account id>/<tenant id>`; a tenant that was never
 * switched is on.
 *
 * The model follows AccountManager's accountAdded, accountChanged and
 * accountRemoved with row inserts and removes (never a reset). Tenant names
 * and ids are shown through Presentation (masked in presentation mode).
 */
class AccountModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountModel)

public:
    enum Column {
        NameColumn,   ///< account display name / tenant name (checkable)
        DetailColumn, ///< account user name / tenant default domain
        KindColumn,   ///< account sign-in kind / tenant category (home, guest)
        ColumnCount
    };

    enum Role {
        RawValueRole = Qt::UserRole + 1, ///< models::RawValueRole: the unformatted sort value
        AccountIdRole,                   ///< the account's id (also on tenant rows)
        TenantIdRole,                    ///< the tenant's id (tenant rows; empty for accounts)
        IsTenantRole,                    ///< true on tenant rows
        UserNameRole,                    ///< the account's user name (app id for apps)
        CloudRole,                       ///< the account's cloud profile name
        CredentialKindRole,              ///< the account's CredentialKind, as an int
        KindIconNameRole,                ///< a freedesktop icon name for the kind
        NeedsSignInRole,                 ///< true when the account must sign in again
        TenantIdDisplayRole,             ///< the tenant id as shown (Presentation::guid)
        DefaultDomainRole,               ///< the tenant's default domain
        TenantCategoryRole,              ///< "home" or "guest"
    };

    /// Follows @p accounts; settings: @p settings (not owned), or QSettings() when null.
    explicit AccountModel(AccountManager &accounts, QSettings *settings = nullptr,
                          QObject *parent = nullptr);
    ~AccountModel() override;

    [[nodiscard]] QModelIndex index(int row, int column,
                                    const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex &child) const override;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

    /// The row of @p accountId, or an invalid index.
    [[nodiscard]] QModelIndex accountIndex(const QString &accountId, int column = 0) const;
    /// The row of @p tenantId under @p accountId, or an invalid index.
    [[nodiscard]] QModelIndex tenantIndex(const QString &accountId, const QString &tenantId,
                                          int column = 0) const;
    /// The account of @p index (an account or tenant row); empty when none.
    [[nodiscard]] QString accountIdOf(const QModelIndex &index) const;

    /// Whether the tenant is switched on (true when never switched).
    [[nodiscard]] bool isTenantEnabled(const QString &accountId, const QString &tenantId) const;
    /// Switches the tenant on or off, saves it and emits tenantsEnabledChanged().
    void setTenantEnabled(const QString &accountId, const QString &tenantId, bool enabled);

    /// The settings key of a tenant's switch.
    [[nodiscard]] static QString settingsKey(const QString &accountId, const QString &tenantId);
    /// A freedesktop icon name for @p kind.
    [[nodiscard]] static QString iconName(CredentialKind kind);
    /// The kind as a person reads it: "Browser", "Service principal (certificate)", ...
    [[nodiscard]] static QString kindText(CredentialKind kind);

Q_SIGNALS:
    /// A tenant was switched on or off.
    void tenantsEnabledChanged();

private:
    struct Node
    {
        Account account;
        bool needsSignIn = false;
    };

    void onAdded(const Account &account);
    void onChanged(const Account &account);
    void onRemoved(const QString &accountId);
    void onPresentationChanged();
    [[nodiscard]] int rowOf(const QString &accountId) const;
    [[nodiscard]] int rowOf(const Node *node) const;
    [[nodiscard]] QVariant accountData(const Node &node, int column, int role) const;
    [[nodiscard]] QVariant tenantData(const Node &node, const TenantInfo &tenant, int column,
                                      int role) const;

    QPointer<AccountManager> m_accounts;
    std::unique_ptr<QSettings> m_ownedSettings;
    QSettings *m_settings = nullptr;
    std::vector<std::unique_ptr<Node>> m_nodes;
};

} // namespace vl

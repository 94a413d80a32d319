// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/Account.h"

#include <QList>
#include <QString>

#include <memory>

class QSettings;

namespace vl {

/**
 * @brief The accounts' non-secret metadata in QSettings: user name, display
 * name, object id, home tenant, cloud, tenants, credential kind, client id.
 *
 * Layout: an array `accounts` of groups, one key per field; the tenants as a
 * compact JSON array. No token, refresh token or client secret is ever given
 * to this class: those live in the keychain (SecretStore).
 */
class AccountStore
{
public:
    /// Uses @p settings (not owned; it must outlive the store); null: the app's QSettings.
    explicit AccountStore(QSettings *settings = nullptr);
    ~AccountStore();
    AccountStore(const AccountStore &) = delete;
    AccountStore &operator=(const AccountStore &) = delete;

    /// Every saved account that can be read (others are skipped), in saved order.
    [[nodiscard]] QList<Account> load() const;
    /// Adds @p account, or replaces the saved account with the same cloud and id.
    void save(const Account &account);
    /// Removes the account with @p cloud and @p id; false when there was none.
    bool remove(const QString &cloud, const QString &id);
    /// Writes @p accounts as the whole list.
    void saveAll(const QList<Account> &accounts);
    /// Flushes to disk now (QSettings::sync).
    void sync();

    [[nodiscard]] QSettings &settings() const { return *m_settings; }

private:
    std::unique_ptr<QSettings> m_owned;
    QSettings *m_settings = nullptr;
};

} // namespace vl

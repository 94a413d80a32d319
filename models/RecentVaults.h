// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "VaultLocation.h"

#include <QAbstractListModel>
#include <QList>
#include <QObject>

class QSettings;

namespace vl {

/**
 * @brief The pinned vaults and the most recently opened ones, kept in the
 * settings (`navigation/pinned`, `navigation/recent`).
 *
 * Recent vaults: at most MaxRecent, most recent first, one entry per vault
 * URI and account. Pinned vaults keep the order they were pinned in.
 */
class RecentVaults final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecentVaults)

public:
    static constexpr int MaxRecent = 10;

    /// @p settings is not owned; null: a default QSettings() each time.
    explicit RecentVaults(QSettings *settings = nullptr, QObject *parent = nullptr);

    [[nodiscard]] const QList<VaultLocation> &recent() const { return m_recent; }
    [[nodiscard]] const QList<VaultLocation> &pinned() const { return m_pinned; }
    [[nodiscard]] bool isPinned(const VaultLocation &location) const;

    /// Puts @p location first among the recent vaults (an older entry of it is dropped).
    void recordOpened(const VaultLocation &location);
    void removeRecent(const VaultLocation &location);
    void clearRecent();
    void pin(const VaultLocation &location);
    void unpin(const VaultLocation &location);
    /// Reads both lists from the settings again.
    void reload();

Q_SIGNALS:
    void recentChanged();
    void pinnedChanged();

private:
    void save(const QString &key, const QList<VaultLocation> &list);
    [[nodiscard]] QList<VaultLocation> load(const QString &key) const;

    QSettings *m_settings;
    QList<VaultLocation> m_recent;
    QList<VaultLocation> m_pinned;
};

/**
 * @brief One list of RecentVaults (pinned or recent), one row per vault:
 * the name to display, the URI and account in the tooltip, and the
 * VaultLocation under LocationRole.
 */
class RecentVaultsModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecentVaultsModel)

public:
    enum class List { Pinned, Recent };
    enum Column { NameColumn, ColumnCount };
    enum Role {
        LocationRole = Qt::UserRole + 100, ///< the row's VaultLocation
    };

    RecentVaultsModel(RecentVaults &vaults, List list, QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] VaultLocation location(int row) const;

private:
    [[nodiscard]] const QList<VaultLocation> &items() const;

    RecentVaults &m_vaults;
    List m_list;
};

} // namespace vl

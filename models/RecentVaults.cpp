// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecentVaults.h"

#include "ModelRoles.h"
#include "NavigationIcons.h"
#include "NavigationModel.h"
#include "Presentation.h"

#include <QSettings>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace vl {
namespace {

const QString PinnedKey = u"navigation/pinned"_s;
const QString RecentKey = u"navigation/recent"_s;

qsizetype indexOf(const QList<VaultLocation> &list, const VaultLocation &location)
{
    const QString key = location.key();
    const auto it = std::find_if(list.begin(), list.end(),
                                 [&](const VaultLocation &l) { return l.key() == key; });
    return it == list.end() ? -1 : it - list.begin();
}

} // namespace

RecentVaults::RecentVaults(QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
    m_recent = load(RecentKey);
    m_pinned = load(PinnedKey);
}

bool RecentVaults::isPinned(const VaultLocation &location) const
{
    return indexOf(m_pinned, location) >= 0;
}

void RecentVaults::recordOpened(const VaultLocation &location)
{
    if (!location.isValid())
        return;
    if (const qsizetype i = indexOf(m_recent, location); i >= 0)
        m_recent.removeAt(i);
    m_recent.prepend(location);
    while (m_recent.size() > MaxRecent)
        m_recent.removeLast();
    save(RecentKey, m_recent);
    Q_EMIT recentChanged();
}

void RecentVaults::removeRecent(const VaultLocation &location)
{
    const qsizetype i = indexOf(m_recent, location);
    if (i < 0)
        return;
    m_recent.removeAt(i);
    save(RecentKey, m_recent);
    Q_EMIT recentChanged();
}

void RecentVaults::clearRecent()
{
    if (m_recent.isEmpty())
        return;
    m_recent.clear();
    save(RecentKey, m_recent);
    Q_EMIT recentChanged();
}

void RecentVaults::pin(const VaultLocation &location)
{
    if (!location.isValid() || isPinned(location))
        return;
    m_pinned.append(location);
    save(PinnedKey, m_pinned);
    Q_EMIT pinnedChanged();
}

void RecentVaults::unpin(const VaultLocation &location)
{
    const qsizetype i = indexOf(m_pinned, location);
    if (i < 0)
        return;
    m_pinned.removeAt(i);
    save(PinnedKey, m_pinned);
    Q_EMIT pinnedChanged();
}

void RecentVaults::reload()
{
    m_recent = load(RecentKey);
    m_pinned = load(PinnedKey);
    Q_EMIT recentChanged();
    Q_EMIT pinnedChanged();
}

void RecentVaults::save(const QString &key, const QList<VaultLocation> &list)
{
    QVariantList values;
    for (const VaultLocation &l : list)
        values.append(l.toVariantMap());
    std::unique_ptr<QSettings> own;
    QSettings *settings = m_settings;
    if (!settings) {
        own = std::make_unique<QSettings>();
        settings = own.get();
    }
    settings->setValue(key, values);
    settings->sync();
}

QList<VaultLocation> RecentVaults::load(const QString &key) const
{
    std::unique_ptr<QSettings> own;
    QSettings *settings = m_settings;
    if (!settings) {
        own = std::make_unique<QSettings>();
        settings = own.get();
    }
    QList<VaultLocation> list;
    for (const QVariant &v : settings->value(key).toList()) {
        const VaultLocation l = VaultLocation::fromVariantMap(v.toMap());
        if (l.isValid() && indexOf(list, l) < 0)
            list.append(l);
    }
    if (key == RecentKey && list.size() > MaxRecent)
        list.resize(MaxRecent);
    return list;
}

RecentVaultsModel::RecentVaultsModel(RecentVaults &vaults, List list, QObject *parent)
    : QAbstractListModel(parent)
    , m_vaults(vaults)
    , m_list(list)
{
    // The lists hold at most a few entries: a reset per change is cheap.
    auto reset = [this] {
        beginResetModel();
        endResetModel();
    };
    if (list == List::Pinned)
        connect(&vaults, &RecentVaults::pinnedChanged, this, reset);
    else
        connect(&vaults, &RecentVaults::recentChanged, this, reset);
    connect(&Presentation::instance(), &Presentation::changed, this, [this] {
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0), index(rowCount() - 1));
    });
}

const QList<VaultLocation> &RecentVaultsModel::items() const
{
    return m_list == List::Pinned ? m_vaults.pinned() : m_vaults.recent();
}

int RecentVaultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(items().size());
}

VaultLocation RecentVaultsModel::location(int row) const
{
    return items().value(row);
}

QVariant RecentVaultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const VaultLocation &l = items().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case models::RawValueRole:
        return l.name.isEmpty() ? l.vaultUri.host() : l.name;
    case Qt::ToolTipRole: {
        const Presentation &p = Presentation::instance();
        QStringList lines{l.vaultUri.toString()};
        if (!l.subscriptionId.isEmpty())
            lines << tr("Subscription: %1").arg(p.guid(l.subscriptionId));
        if (!l.resourceGroup.isEmpty())
            lines << tr("Resource group: %1").arg(l.resourceGroup);
        if (!l.hasResourceId())
            lines << tr("Opened by its URI");
        return lines.join(u'\n');
    }
    case Qt::DecorationRole:
        return navigationIcon(NavigationNodeKind::Vault);
    case LocationRole:
        return QVariant::fromValue(l);
    default:
        return {};
    }
}

} // namespace vl

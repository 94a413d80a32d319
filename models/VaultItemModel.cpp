// SPDX-License-Identifier: GPL-3.0-or-later
#include "VaultItemModel.h"

#include "Presentation.h"
#include "util/Clock.h"
#include "util/Future.h"

#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace vl {
namespace {

constexpr qint64 Day = 24 * 60 * 60;

/// Semantic tints that read on light and dark palettes alike.
const QColor ExpiredTint(0xd1, 0x34, 0x38);
const QColor ExpiringTint(0xca, 0x50, 0x10);

/// A date as a column shows it: the day, in the user's locale.
QString dateText(const std::optional<qint64> &seconds)
{
    if (!seconds)
        return {};
    return QLocale().toString(vault::dateTimeFromSeconds(seconds).toLocalTime().date(),
                              QLocale::ShortFormat);
}

/// A date as a tool tip says it: day and time.
QString dateTimeText(const std::optional<qint64> &seconds)
{
    if (!seconds)
        return {};
    return QLocale().toString(vault::dateTimeFromSeconds(seconds).toLocalTime(),
                              QLocale::ShortFormat);
}

QVariant rawDate(const std::optional<qint64> &seconds)
{
    return seconds ? QVariant(*seconds) : QVariant();
}

/// Absent dates sort after every date (an item that never expires comes last).
qint64 dateKey(const std::optional<qint64> &seconds)
{
    return seconds.value_or(std::numeric_limits<qint64>::max());
}

QString tagsText(const vault::Tags &tags)
{
    QString text;
    for (auto it = tags.cbegin(); it != tags.cend(); ++it) {
        if (!text.isEmpty())
            text += u", "_s;
        text += it.key() + u'=' + it.value();
    }
    return text;
}

QString thumbprintHex(const QString &x5t)
{
    if (x5t.isEmpty())
        return {};
    return QString::fromLatin1(
        QByteArray::fromBase64(x5t.toLatin1(), QByteArray::Base64UrlEncoding).toHex().toUpper());
}

int compareText(const QString &a, const QString &b)
{
    const int c = a.compare(b, Qt::CaseInsensitive);
    return c != 0 ? c : a.compare(b);
}

} // namespace

VaultItemModel::VaultItemModel(VaultItemKind kind, QObject *parent)
    : QAbstractTableModel(parent)
    , m_kind(kind)
    , m_clock(&SystemClock::instance())
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(100); // progress ten times a second is plenty
    connect(&m_flushTimer, &QTimer::timeout, this, &VaultItemModel::flushPending);
    connect(&Presentation::instance(), &Presentation::changed, this, [this] {
        if (!m_items.isEmpty())
            Q_EMIT dataChanged(index(0, TagsColumn), index(rowCount() - 1, TagsColumn));
    });
}

VaultItemModel::~VaultItemModel() = default;

void VaultItemModel::setClient(const std::optional<vault::VaultClient> &client)
{
    m_client = client;
    m_source = client ? vaultItemPageSource(*client, m_kind, PageSize) : VaultItemPageSource();
    refresh();
}

void VaultItemModel::setPageSource(VaultItemPageSource source)
{
    m_client.reset();
    m_source = std::move(source);
    refresh();
}

void VaultItemModel::setItems(const QList<VaultItem> &items)
{
    ++m_generation;
    m_client.reset();
    m_source = {};
    m_loadAll = false;
    m_nextLink.clear();
    m_error = {};
    clearRows();
    if (!items.isEmpty())
        append(items);
    setLoading(false);
    setComplete(true);
    Q_EMIT progress(rowCount());
}

void VaultItemModel::setShowDeleted(bool deleted)
{
    if (m_showDeleted == deleted)
        return;
    m_showDeleted = deleted;
    if (m_source)
        refresh();
}

void VaultItemModel::setClock(const Clock *clock)
{
    m_clock = clock ? clock : &SystemClock::instance();
    if (!m_items.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void VaultItemModel::refresh()
{
    ++m_generation;
    m_loadAll = false;
    m_nextLink.clear();
    m_error = {};
    m_flushTimer.stop();
    m_pending.clear();
    clearRows();
    setComplete(false);
    if (!m_source) {
        setLoading(false);
        return;
    }
    requestPage({});
}

void VaultItemModel::cancel()
{
    if (!m_loading)
        return;
    flushPending(); // the rows already listed stay
    ++m_generation;
    m_loadAll = false;
    setLoading(false);
}

void VaultItemModel::loadAll()
{
    if (!m_source || m_complete)
        return;
    m_loadAll = true;
    if (!m_loading && !m_nextLink.isEmpty())
        requestPage(m_nextLink);
}

void VaultItemModel::requestPage(const QUrl &nextLink)
{
    setLoading(true);
    const quint64 generation = m_generation;
    onFinished(m_source(nextLink, m_showDeleted), this,
               [this, generation](const Result<Page<VaultItem>> &page) {
                   if (generation != m_generation)
                       return;
                   if (!page.ok()) {
                       m_error = page.error();
                       m_loadAll = false;
                       setLoading(false);
                       Q_EMIT errorOccurred(m_error);
                       return;
                   }
                   m_nextLink = page->nextLink;
                   // When every page is wanted, the next one is asked for before this
                   // one's rows are added, so the two overlap.
                   const bool more = page->hasMore();
                   const bool next = more && (m_loadAll || page->items.isEmpty());
                   if (next)
                       requestPage(m_nextLink);
                   if (!page->items.isEmpty()) {
                       if (next && rowCount() > 0) {
                           // Every page is wanted and they come quickly: their rows are
                           // added a few pages at a time, so the view lays out and paints
                           // once for them, not once a page.
                           m_pending += page->items;
                           if (!m_flushTimer.isActive())
                               m_flushTimer.start();
                       } else {
                           flushPending();
                           append(page->items);
                           Q_EMIT progress(rowCount());
                       }
                   }
                   if (!more) {
                       flushPending();
                       m_loadAll = false;
                       setLoading(false);
                       setComplete(true);
                   } else if (!next) {
                       flushPending();
                       setLoading(false);
                   }
               });
}

void VaultItemModel::append(QList<VaultItem> items)
{
    const int first = rowCount();
    beginInsertRows({}, first, first + int(items.size()) - 1);
    // No reserve() here: an exact reserve on every page would copy every row each time;
    // the lists' own growth is geometric.
    for (VaultItem &item : items) {
        compact(item);
        m_textStart.append(m_text.size());
        m_text += haystackOf(item);
        m_text += QChar(u'\0');
        m_items.append(std::move(item));
    }
    endInsertRows();
}

void VaultItemModel::flushPending()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    QList<VaultItem> items = std::move(m_pending);
    m_pending.clear();
    append(std::move(items));
    Q_EMIT progress(rowCount());
}

void VaultItemModel::clearRows()
{
    if (m_items.isEmpty())
        return;
    beginResetModel();
    m_items.clear();
    m_text.clear();
    m_textStart.clear();
    m_strings.clear();
    endResetModel();
}

void VaultItemModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

void VaultItemModel::setComplete(bool complete)
{
    if (m_complete == complete)
        return;
    m_complete = complete;
    Q_EMIT completeChanged(complete);
}

void VaultItemModel::compact(VaultItem &item)
{
    auto share = [this](QString &s) {
        if (s.isEmpty())
            return;
        const auto it = m_strings.constFind(s);
        if (it != m_strings.cend())
            s = *it;
        else
            m_strings.insert(s);
    };
    share(item.contentType);
    if (item.attributes.recoveryLevel)
        share(*item.attributes.recoveryLevel);
    item.name.squeeze();
    item.id.squeeze();
}

QString VaultItemModel::haystackOf(const VaultItem &item)
{
    QString text = item.name;
    if (!item.contentType.isEmpty())
        text += u'\n' + item.contentType;
    for (auto it = item.tags.cbegin(); it != item.tags.cend(); ++it)
        text += u'\n' + it.key() + u'=' + it.value();
    text.remove(QChar(u'\0'));
    return std::move(text).toLower();
}

void VaultItemModel::rebuildText()
{
    m_text.clear();
    m_textStart.clear();
    m_textStart.reserve(m_items.size());
    for (const VaultItem &item : std::as_const(m_items)) {
        m_textStart.append(m_text.size());
        m_text += haystackOf(item);
        m_text += QChar(u'\0');
    }
}

QByteArray VaultItemModel::matches(QStringView needle) const
{
    QByteArray result(m_items.size(), '\0');
    if (needle.isEmpty() || needle.contains(QChar(u'\0'))) {
        result.fill(needle.isEmpty() ? '\1' : '\0');
        return result;
    }
    const QStringView text(m_text);
    qsizetype at = 0;
    auto row = m_textStart.cbegin();
    while ((at = text.indexOf(needle, at)) >= 0) {
        // The row whose text holds the hit: the last one starting at or before it.
        row = std::upper_bound(row, m_textStart.cend(), at) - 1;
        const int index = int(row - m_textStart.cbegin());
        result[index] = '\1';
        if (++row == m_textStart.cend())
            break;
        at = *row;
    }
    return result;
}

int VaultItemModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_items.size(); ++row) {
        if (m_items[row].name.compare(name, Qt::CaseInsensitive) == 0)
            return row;
    }
    return -1;
}

VaultItemModel::ExpiryState VaultItemModel::expiryState(const VaultItem &item) const
{
    if (!item.attributes.expires)
        return ExpiryState::None;
    const qint64 now = m_clock->nowSecsSinceEpoch();
    const qint64 expires = *item.attributes.expires;
    if (expires <= now)
        return ExpiryState::Expired;
    if (expires <= now + ExpiringSoonDays * Day)
        return ExpiryState::ExpiringSoon;
    return ExpiryState::None;
}

void VaultItemModel::upsertItem(const VaultItem &item)
{
    VaultItem copy = item;
    const int row = rowOf(item.name);
    if (row < 0) {
        append({copy});
        return;
    }
    compact(copy);
    m_items[row] = std::move(copy);
    rebuildText();
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void VaultItemModel::removeItem(const QString &name)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_items.removeAt(row);
    rebuildText();
    endRemoveRows();
}

bool VaultItemModel::lessThan(const VaultItem &a, const VaultItem &b, int column)
{
    switch (column) {
    case EnabledColumn:
        if (a.isEnabled() != b.isEnabled())
            return !a.isEnabled();
        break;
    case DetailColumn: {
        int c = 0;
        if (a.kind == VaultItemKind::Key)
            c = int(a.managed) - int(b.managed);
        else if (a.kind == VaultItemKind::Certificate)
            c = compareText(a.thumbprint, b.thumbprint);
        else
            c = compareText(a.contentType, b.contentType);
        if (c != 0)
            return c < 0;
        break;
    }
    case ExpiresColumn:
        if (dateKey(a.attributes.expires) != dateKey(b.attributes.expires))
            return dateKey(a.attributes.expires) < dateKey(b.attributes.expires);
        break;
    case UpdatedColumn:
        if (dateKey(a.attributes.updated) != dateKey(b.attributes.updated))
            return dateKey(a.attributes.updated) < dateKey(b.attributes.updated);
        break;
    case TagsColumn: {
        const int c = compareText(tagsText(a.tags), tagsText(b.tags));
        if (c != 0)
            return c < 0;
        break;
    }
    case DeletedOnColumn:
        if (dateKey(a.deletion.deletedDate) != dateKey(b.deletion.deletedDate))
            return dateKey(a.deletion.deletedDate) < dateKey(b.deletion.deletedDate);
        break;
    case PurgeOnColumn:
        if (dateKey(a.deletion.scheduledPurgeDate) != dateKey(b.deletion.scheduledPurgeDate))
            return dateKey(a.deletion.scheduledPurgeDate) < dateKey(b.deletion.scheduledPurgeDate);
        break;
    default:
        break;
    }
    // Equal values (and the name column) fall back to the name.
    return compareText(a.name, b.name) < 0;
}

int VaultItemModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int VaultItemModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant VaultItemModel::display(const VaultItem &item, int column) const
{
    switch (column) {
    case NameColumn:
        return item.name;
    case EnabledColumn:
        return item.isEnabled() ? tr("Yes") : tr("No");
    case DetailColumn:
        if (m_kind == VaultItemKind::Key)
            return item.managed ? tr("Managed") : QString();
        if (m_kind == VaultItemKind::Certificate)
            return thumbprintHex(item.thumbprint);
        return item.contentType;
    case ExpiresColumn:
        return dateText(item.attributes.expires);
    case UpdatedColumn:
        return dateText(item.attributes.updated);
    case TagsColumn:
        return Presentation::instance().text(tagsText(item.tags));
    case DeletedOnColumn:
        return dateText(item.deletion.deletedDate);
    case PurgeOnColumn:
        return dateText(item.deletion.scheduledPurgeDate);
    default:
        return {};
    }
}

QVariant VaultItemModel::raw(const VaultItem &item, int column) const
{
    switch (column) {
    case NameColumn:
        return item.name;
    case EnabledColumn:
        return item.isEnabled();
    case DetailColumn:
        if (m_kind == VaultItemKind::Key)
            return item.managed;
        if (m_kind == VaultItemKind::Certificate)
            return thumbprintHex(item.thumbprint);
        return item.contentType;
    case ExpiresColumn:
        return rawDate(item.attributes.expires);
    case UpdatedColumn:
        return rawDate(item.attributes.updated);
    case TagsColumn:
        return tagsText(item.tags);
    case DeletedOnColumn:
        return rawDate(item.deletion.deletedDate);
    case PurgeOnColumn:
        return rawDate(item.deletion.scheduledPurgeDate);
    default:
        return {};
    }
}

QString VaultItemModel::expiryToolTip(const VaultItem &item) const
{
    QStringList lines;
    const QString expires = dateTimeText(item.attributes.expires);
    switch (expiryState(item)) {
    case ExpiryState::Expired:
        lines << tr("Expired on %1.").arg(expires);
        break;
    case ExpiryState::ExpiringSoon: {
        const qint64 left = *item.attributes.expires - m_clock->nowSecsSinceEpoch();
        const int days = int((left + Day - 1) / Day);
        lines << (days <= 1
                      ? tr("Expires within a day, on %1.").arg(expires)
                      : tr("Expires in %1 days, on %2.").arg(QLocale().toString(days), expires));
        break;
    }
    case ExpiryState::None:
        if (!expires.isEmpty())
            lines << tr("Expires on %1.").arg(expires);
        break;
    }
    if (item.attributes.notBefore && *item.attributes.notBefore > m_clock->nowSecsSinceEpoch())
        lines << tr("Not active until %1.").arg(dateTimeText(item.attributes.notBefore));
    if (!item.isEnabled())
        lines << tr("Disabled.");
    return lines.join(u'\n');
}

QVariant VaultItemModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const VaultItem &item = m_items.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(item, column);
    case models::RawValueRole:
        return raw(item, column);
    case ItemRole:
        return QVariant::fromValue(item);
    case FilterTextRole:
        return filterText(index.row()).toString();
    case ExpiryStateRole:
        return int(expiryState(item));
    case Qt::ToolTipRole:
        if (column == NameColumn || column == ExpiresColumn || column == EnabledColumn) {
            const QString tip = expiryToolTip(item);
            return tip.isEmpty() ? QVariant() : QVariant(tip);
        }
        if (column == UpdatedColumn || column == DeletedOnColumn || column == PurgeOnColumn) {
            const std::optional<qint64> date = column == UpdatedColumn ? item.attributes.updated
                                               : column == DeletedOnColumn
                                                   ? item.deletion.deletedDate
                                                   : item.deletion.scheduledPurgeDate;
            return date ? QVariant(dateTimeText(date)) : QVariant();
        }
        if (column == TagsColumn || column == DetailColumn) {
            const QString text = display(item, column).toString();
            return text.isEmpty() ? QVariant() : QVariant(text);
        }
        return {};
    case Qt::ForegroundRole:
        if (column == ExpiresColumn || column == NameColumn) {
            switch (expiryState(item)) {
            case ExpiryState::Expired:
                return ExpiredTint;
            case ExpiryState::ExpiringSoon:
                return ExpiringTint;
            case ExpiryState::None:
                break;
            }
        }
        if (!item.isEnabled())
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::FontRole:
        if (column == ExpiresColumn && expiryState(item) != ExpiryState::None) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    default:
        return {};
    }
}

QVariant VaultItemModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case EnabledColumn:
        return tr("Enabled");
    case DetailColumn:
        if (m_kind == VaultItemKind::Key)
            return tr("Managed");
        if (m_kind == VaultItemKind::Certificate)
            return tr("Thumbprint");
        return tr("Content type");
    case ExpiresColumn:
        return tr("Expires");
    case UpdatedColumn:
        return tr("Updated");
    case TagsColumn:
        return tr("Tags");
    case DeletedOnColumn:
        return tr("Deleted on");
    case PurgeOnColumn:
        return tr("Purge on");
    default:
        return {};
    }
}

bool VaultItemModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_source && !m_loading && !m_nextLink.isEmpty();
}

void VaultItemModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage(m_nextLink);
}

} // namespace vl

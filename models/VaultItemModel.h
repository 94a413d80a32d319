// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ModelRoles.h"
#include "VaultItem.h"
#include "VaultItemSource.h"
#include "http/AzureError.h"
#include "vault/VaultClient.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QTimer>
#include <QUrl>

#include <optional>

namespace vl {

class Clock;

/**
 * @brief A vault's secrets, keys or certificates, one row each, listed lazily
 * a page at a time.
 *
 * ```
 *  refresh() ──first page (maxresults 25)──► rows 0..24 on screen
 *  view scrolls ── canFetchMore()/fetchMore() ──► next page appended (beginInsertRows)
 *  loadAll() ── page after page, each appended as it arrives ──► completeChanged(true)
 * ```
 *
 * Pages arrive asynchronously and the UI thread never waits. Rows keep only
 * what the list call answers (no values, no unknown JSON members), with
 * repeated strings shared, and a lower-cased text per row (name, content type,
 * tags) that VaultItemFilter searches.
 */
class VaultItemModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VaultItemModel)

public:
    enum Column {
        NameColumn,
        EnabledColumn,
        DetailColumn, ///< secrets: content type; keys: managed; certificates: thumbprint
        ExpiresColumn,
        UpdatedColumn,
        DeletedOnColumn, ///< soft-deleted items only
        PurgeOnColumn,   ///< soft-deleted items only
        TagsColumn,
        ColumnCount
    };

    enum Role {
        /// The whole row, a VaultItem.
        ItemRole = models::RawValueRole + 1,
        /// The lower-cased text the filter searches (name, content type, tags).
        FilterTextRole,
        /// The row's ExpiryState, as an int.
        ExpiryStateRole,
    };

    enum class ExpiryState { None, ExpiringSoon, Expired };

    /// The number of days before expiry from which a row is "expiring soon".
    static constexpr int ExpiringSoonDays = 30;
    /// Items a page (the service's maximum).
    static constexpr int PageSize = 25;

    explicit VaultItemModel(VaultItemKind kind, QObject *parent = nullptr);
    ~VaultItemModel() override;

    [[nodiscard]] VaultItemKind kind() const { return m_kind; }

    /// Lists @p client's items (nullopt: no vault; the model empties). Refreshes.
    void setClient(const std::optional<vault::VaultClient> &client);
    /// Lists from @p source instead of a client (tests, benchmarks). Refreshes.
    void setPageSource(VaultItemPageSource source);
    /// Replaces every row with @p items at once, with no source (imports, benchmarks).
    void setItems(const QList<VaultItem> &items);

    /// Lists the soft-deleted items instead (listDeletedSecrets, ...). Refreshes when it changes.
    void setShowDeleted(bool deleted);
    [[nodiscard]] bool showDeleted() const { return m_showDeleted; }

    /// The source of "now" for expiry (default: the system clock); not owned.
    void setClock(const Clock *clock);

    /// Empties the list and asks for the first page again.
    void refresh();
    /// Stops loading; rows already listed stay. Late answers are ignored.
    void cancel();
    /// Keeps fetching pages one after another until the list is complete.
    void loadAll();

    /// True when there is something to list from (a client or a page source).
    [[nodiscard]] bool hasSource() const { return bool(m_source); }
    [[nodiscard]] bool isLoading() const { return m_loading; }
    /// True once the last page has arrived.
    [[nodiscard]] bool isComplete() const { return m_complete; }
    /// True while loadAll() is in effect.
    [[nodiscard]] bool isLoadingAll() const { return m_loadAll; }
    /// The last error, kind None when the last load succeeded.
    [[nodiscard]] const AzureError &lastError() const { return m_error; }

    /// The row @p row (unchecked); see rowCount().
    [[nodiscard]] const VaultItem &item(int row) const { return m_items.at(row); }
    /// The lower-cased search text of @p row (unchecked).
    [[nodiscard]] QStringView filterText(int row) const
    {
        return QStringView(m_text).mid(m_textStart.at(row), textLength(row));
    }
    /**
     * One byte a row, 1 where the row's search text contains @p needle
     * (lower-case, not empty): one pass over the search texts of every row,
     * which lie one after another in memory.
     */
    [[nodiscard]] QByteArray matches(QStringView needle) const;
    /// The row whose name is @p name (case-insensitive, as Key Vault names are), or -1.
    [[nodiscard]] int rowOf(const QString &name) const;
    [[nodiscard]] ExpiryState expiryState(const VaultItem &item) const;

    /// Replaces the row named like @p item, or appends it (after a create or an edit).
    void upsertItem(const VaultItem &item);
    /// Removes the row named @p name (after a delete, recover or purge).
    void removeItem(const QString &name);

    /// Orders rows @p a and @p b by @p column's raw value (names case-insensitively).
    [[nodiscard]] static bool lessThan(const VaultItem &a, const VaultItem &b, int column);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    /// Rows listed so far.
    void progress(int loaded);
    void completeChanged(bool complete);
    /// A page could not be listed; the rows listed so far stay.
    void errorOccurred(const vl::AzureError &error);

private:
    void requestPage(const QUrl &nextLink);
    void append(QList<VaultItem> items);
    /// Adds the rows of the pages held back while every page is loaded.
    void flushPending();
    void setLoading(bool loading);
    void setComplete(bool complete);
    void clearRows();
    /// Shares repeated strings (content types, recovery levels) between rows.
    void compact(VaultItem &item);
    [[nodiscard]] static QString haystackOf(const VaultItem &item);
    [[nodiscard]] qsizetype textLength(int row) const
    {
        const qsizetype end =
            row + 1 < m_textStart.size() ? m_textStart.at(row + 1) : m_text.size();
        return end - m_textStart.at(row) - 1;
    }
    /// Writes the search texts again, in row order (after an edit or a removal).
    void rebuildText();
    [[nodiscard]] QVariant display(const VaultItem &item, int column) const;
    [[nodiscard]] QVariant raw(const VaultItem &item, int column) const;
    [[nodiscard]] QString expiryToolTip(const VaultItem &item) const;

    VaultItemKind m_kind;
    VaultItemPageSource m_source;
    std::optional<vault::VaultClient> m_client;
    const Clock *m_clock;
    QList<VaultItem> m_items;
    QList<VaultItem> m_pending; ///< rows listed but not yet added (see flushPending)
    QTimer m_flushTimer;
    /// Every row's search text, in row order, each ended by a NUL.
    QString m_text;
    QList<qsizetype> m_textStart; ///< where each row's search text starts in m_text
    QSet<QString> m_strings;
    QUrl m_nextLink;
    AzureError m_error;
    quint64 m_generation = 0;
    bool m_showDeleted = false;
    bool m_loading = false;
    bool m_complete = false;
    bool m_loadAll = false;
    bool m_started = false;
};

} // namespace vl

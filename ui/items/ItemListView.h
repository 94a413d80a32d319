// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ItemExport.h"
#include "VaultItem.h"
#include "http/AzureError.h"
#include "vault/VaultClient.h"

#include <QWidget>

#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QPushButton;
class QTableView;
class QToolButton;

namespace vl {
class VaultItemFilter;
class VaultItemModel;
} // namespace vl

namespace vl::ui {

class ErrorBanner;

/**
 * @brief A vault's secrets, keys or certificates: a filterable, sortable
 * table listed lazily page by page, with a switch for the soft-deleted items.
 *
 * The first page is on screen at once; scrolling fetches the next. Typing a
 * filter or sorting loads the rest page after page (the rows already there
 * stay), with progress and Cancel. A failed listing shows in place in an
 * ErrorBanner. Deleting, recovering and purging are asked for through
 * signals: the details pane does the work.
 *
 * Keys while the list has focus: F5 refresh, Ctrl+F filter, Ctrl+C copy the
 * selected names, Delete ask to delete (to purge, among deleted items).
 */
class ItemListView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ItemListView)

public:
    explicit ItemListView(VaultItemKind kind, QWidget *parent = nullptr);
    ~ItemListView() override;

    [[nodiscard]] VaultItemKind kind() const { return m_kind; }

    /// Lists @p client's items (nullopt: no vault).
    void setClient(const std::optional<vault::VaultClient> &client);
    [[nodiscard]] const std::optional<vault::VaultClient> &client() const { return m_client; }

    /// Lists the soft-deleted items instead (the "Show deleted" switch).
    void setShowDeleted(bool deleted);
    [[nodiscard]] bool showDeleted() const;

    /// The item of the current row, nullopt when none.
    [[nodiscard]] std::optional<VaultItem> currentItem() const;
    /// The items of the selected rows, in view order.
    [[nodiscard]] QList<VaultItem> selectedItems() const;
    /// Makes the row named @p name current, when it is listed (and shown); false otherwise.
    bool selectItem(const QString &name);

    /// Writes the rows shown (filtered, in view order) to @p path; false and a banner on failure.
    bool exportTo(const QString &path, ItemExport::Format format);

    /// The table header's layout (column order, widths, sort), for the settings.
    [[nodiscard]] QByteArray saveState() const;
    bool restoreState(const QByteArray &state);

    [[nodiscard]] VaultItemModel *model() const { return m_model; }
    [[nodiscard]] VaultItemFilter *proxy() const { return m_proxy; }
    [[nodiscard]] QTableView *view() const { return m_view; }
    [[nodiscard]] ErrorBanner *errorBanner() const { return m_banner; }
    /// The row context menu as it would open now (for tests and accessibility).
    [[nodiscard]] QMenu *createContextMenu();

public Q_SLOTS:
    /// Lists again from the first page (F5).
    void refresh();
    /// Puts the keyboard in the filter box (Ctrl+F).
    void focusFilter();
    /// Copies the selected rows' names, one a line (Ctrl+C).
    void copySelectedNames();
    void copySelectedIdentifiers();
    /// Asks where, then exports the rows shown.
    void exportVisible();

Q_SIGNALS:
    void currentItemChanged(const std::optional<vl::VaultItem> &item);
    /// Rows listed, rows shown through the filter, and whether the list is complete.
    void countsChanged(int loaded, int shown, bool complete);
    void errorOccurred(const vl::AzureError &error);
    void openInPortalRequested(const vl::VaultItem &item);
    void deleteRequested(const vl::VaultItem &item);
    void recoverRequested(const vl::VaultItem &item);
    void purgeRequested(const vl::VaultItem &item);

private:
    void buildActions();
    void onFilterEdited(const QString &text);
    void onLoadingChanged(bool loading);
    void updateProgress();
    void updateColumns();
    void updateActions();
    void emitCounts();
    void showContextMenu(const QPoint &position);
    void deleteKeyPressed();
    [[nodiscard]] QString loadedText(int count) const;

    VaultItemKind m_kind;
    std::optional<vault::VaultClient> m_client;
    VaultItemModel *m_model;
    VaultItemFilter *m_proxy;
    QLineEdit *m_filter;
    QToolButton *m_deletedButton;
    QToolButton *m_refreshButton;
    ErrorBanner *m_banner;
    QTableView *m_view;
    QWidget *m_progressRow;
    QProgressBar *m_progressBar;
    QLabel *m_progressLabel;
    QPushButton *m_cancelButton;
    QAction *m_copyNameAction = nullptr;
    QAction *m_copyIdAction = nullptr;
    QAction *m_portalAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_recoverAction = nullptr;
    QAction *m_purgeAction = nullptr;
    QAction *m_deleteKeyAction = nullptr;
    QAction *m_findAction = nullptr;
    std::optional<QString> m_lastCurrent;
};

} // namespace vl::ui

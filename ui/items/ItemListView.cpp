// SPDX-License-Identifier: GPL-3.0-or-later
#include "ItemListView.h"

#include "VaultItemFilter.h"
#include "VaultItemModel.h"
#include "widgets/ErrorBanner.h"

#include <QAction>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {
namespace {

QString listName(VaultItemKind kind)
{
    switch (kind) {
    case VaultItemKind::Key:
        return u"keyList"_s;
    case VaultItemKind::Certificate:
        return u"certificateList"_s;
    case VaultItemKind::Secret:
        break;
    }
    return u"secretList"_s;
}

} // namespace

ItemListView::ItemListView(VaultItemKind kind, QWidget *parent)
    : QWidget(parent)
    , m_kind(kind)
    , m_model(new VaultItemModel(kind, this))
    , m_proxy(new VaultItemFilter(this))
    , m_filter(new QLineEdit(this))
    , m_deletedButton(new QToolButton(this))
    , m_refreshButton(new QToolButton(this))
    , m_banner(new ErrorBanner(this))
    , m_view(new QTableView(this))
    , m_progressRow(new QWidget(this))
    , m_progressBar(new QProgressBar(m_progressRow))
    , m_progressLabel(new QLabel(m_progressRow))
    , m_cancelButton(new QPushButton(tr("Cancel"), m_progressRow))
{
    setObjectName(listName(kind));
    m_proxy->setSourceModel(m_model);

    m_filter->setObjectName(u"itemFilter"_s);
    m_filter->setAccessibleName(tr("Filter"));
    m_filter->setPlaceholderText(tr("Filter by name, content type or tag"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setToolTip(tr("Shows the items whose name, content type or tags contain the text "
                            "(Ctrl+F)"));

    m_deletedButton->setObjectName(u"showDeletedButton"_s);
    m_deletedButton->setAccessibleName(tr("Show deleted"));
    m_deletedButton->setText(tr("Show &deleted"));
    m_deletedButton->setCheckable(true);
    m_deletedButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_deletedButton->setToolTip(tr("Lists the soft-deleted items, which can be recovered or "
                                   "purged"));

    m_refreshButton->setObjectName(u"refreshButton"_s);
    m_refreshButton->setAccessibleName(tr("Refresh"));
    m_refreshButton->setText(tr("Refresh"));
    m_refreshButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_refreshButton->setToolTip(tr("Lists the items again (F5)"));

    m_banner->setObjectName(u"itemErrorBanner"_s);

    m_view->setObjectName(u"itemTable"_s);
    m_view->setAccessibleName(tr("Items"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setSortIndicatorClearable(true);
    header->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);
    header->resizeSection(VaultItemModel::NameColumn, 240);
    header->resizeSection(VaultItemModel::EnabledColumn, 70);
    header->resizeSection(VaultItemModel::DetailColumn,
                          kind == VaultItemKind::Certificate ? 200 : 150);
    for (int column : {VaultItemModel::ExpiresColumn, VaultItemModel::UpdatedColumn,
                       VaultItemModel::DeletedOnColumn, VaultItemModel::PurgeOnColumn})
        header->resizeSection(column, 110);

    m_progressBar->setObjectName(u"loadProgress"_s);
    m_progressBar->setAccessibleName(tr("Loading progress"));
    m_progressBar->setRange(0, 0);
    m_progressBar->setTextVisible(false);
    m_progressBar->setMaximumWidth(120);
    m_progressLabel->setObjectName(u"loadProgressLabel"_s);
    m_cancelButton->setObjectName(u"cancelLoadButton"_s);
    m_cancelButton->setAccessibleName(tr("Cancel loading"));
    auto *progressLayout = new QHBoxLayout(m_progressRow);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    progressLayout->addWidget(m_progressBar);
    progressLayout->addWidget(m_progressLabel, 1);
    progressLayout->addWidget(m_cancelButton);
    m_progressRow->setVisible(false);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_deletedButton);
    top->addWidget(m_refreshButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_banner);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_progressRow);
    setTabOrder(m_filter, m_deletedButton);
    setTabOrder(m_deletedButton, m_refreshButton);
    setTabOrder(m_refreshButton, m_view);
    setTabOrder(m_view, m_cancelButton);

    buildActions();
    updateColumns();

    connect(m_filter, &QLineEdit::textChanged, this, &ItemListView::onFilterEdited);
    connect(m_deletedButton, &QToolButton::toggled, this, &ItemListView::setShowDeleted);
    connect(m_refreshButton, &QToolButton::clicked, this, &ItemListView::refresh);
    connect(m_cancelButton, &QPushButton::clicked, m_model, &VaultItemModel::cancel);
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this](int section) {
        // A sort covers every item: list the rest while the first rows stay.
        if (section >= 0)
            m_model->loadAll();
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, &ItemListView::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ItemListView::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ItemListView::updateActions);

    connect(m_model, &VaultItemModel::loadingChanged, this, &ItemListView::onLoadingChanged);
    connect(m_model, &VaultItemModel::progress, this, &ItemListView::updateProgress);
    connect(m_model, &VaultItemModel::completeChanged, this, &ItemListView::emitCounts);
    connect(m_model, &VaultItemModel::errorOccurred, this, [this](const AzureError &error) {
        QString action;
        switch (m_kind) {
        case VaultItemKind::Secret:
            action = tr("Listing secrets");
            break;
        case VaultItemKind::Key:
            action = tr("Listing keys");
            break;
        case VaultItemKind::Certificate:
            action = tr("Listing certificates");
            break;
        }
        m_banner->showError(error, Service::KeyVault, action);
        Q_EMIT errorOccurred(error);
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_proxy, signal, this, [this] {
            emitCounts();
            updateActions();
        });
    }
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, [this] {
        emitCounts();
        updateActions();
    });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] {
        emitCounts();
        updateActions();
    });
    updateActions();
}

ItemListView::~ItemListView() = default;

void ItemListView::buildActions()
{
    auto make = [this](const QString &name, const QString &text) {
        auto *action = new QAction(text, this);
        action->setObjectName(name);
        return action;
    };
    m_copyNameAction = make(u"copyNameAction"_s, tr("&Copy name"));
    m_copyNameAction->setShortcut(QKeySequence::Copy);
    m_copyNameAction->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(m_copyNameAction);
    connect(m_copyNameAction, &QAction::triggered, this, &ItemListView::copySelectedNames);

    m_copyIdAction = make(u"copyIdentifierAction"_s, tr("Copy &identifier"));
    connect(m_copyIdAction, &QAction::triggered, this, &ItemListView::copySelectedIdentifiers);

    m_portalAction = make(u"openInPortalAction"_s, tr("Open in &portal"));
    connect(m_portalAction, &QAction::triggered, this, [this] {
        if (const auto item = currentItem())
            Q_EMIT openInPortalRequested(*item);
    });

    m_refreshAction = make(u"refreshAction"_s, tr("&Refresh"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_refreshAction);
    connect(m_refreshAction, &QAction::triggered, this, &ItemListView::refresh);

    m_findAction = make(u"focusFilterAction"_s, tr("&Filter"));
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_findAction);
    connect(m_findAction, &QAction::triggered, this, &ItemListView::focusFilter);

    m_exportAction = make(u"exportAction"_s, tr("&Export visible list…"));
    connect(m_exportAction, &QAction::triggered, this, &ItemListView::exportVisible);

    m_deleteAction = make(u"deleteAction"_s, tr("&Delete…"));
    connect(m_deleteAction, &QAction::triggered, this, [this] {
        if (const auto item = currentItem())
            Q_EMIT deleteRequested(*item);
    });
    m_recoverAction = make(u"recoverAction"_s, tr("Re&cover"));
    connect(m_recoverAction, &QAction::triggered, this, [this] {
        if (const auto item = currentItem())
            Q_EMIT recoverRequested(*item);
    });
    m_purgeAction = make(u"purgeAction"_s, tr("&Purge…"));
    connect(m_purgeAction, &QAction::triggered, this, [this] {
        if (const auto item = currentItem())
            Q_EMIT purgeRequested(*item);
    });

    m_deleteKeyAction = make(u"deleteKeyAction"_s, tr("Delete"));
    m_deleteKeyAction->setShortcut(QKeySequence::Delete);
    m_deleteKeyAction->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(m_deleteKeyAction);
    connect(m_deleteKeyAction, &QAction::triggered, this, &ItemListView::deleteKeyPressed);
}

void ItemListView::setClient(const std::optional<vault::VaultClient> &client)
{
    m_client = client;
    m_banner->clear();
    m_model->setClient(client);
    if (!m_filter->text().trimmed().isEmpty() || m_proxy->sortColumn() >= 0)
        m_model->loadAll();
    emitCounts();
}

void ItemListView::setShowDeleted(bool deleted)
{
    if (m_deletedButton->isChecked() != deleted) {
        m_deletedButton->setChecked(deleted); // comes back here through toggled()
        return;
    }
    if (m_model->showDeleted() == deleted)
        return;
    m_banner->clear();
    m_model->setShowDeleted(deleted);
    if (!m_filter->text().trimmed().isEmpty() || m_proxy->sortColumn() >= 0)
        m_model->loadAll();
    updateColumns();
    updateActions();
}

bool ItemListView::showDeleted() const
{
    return m_model->showDeleted();
}

void ItemListView::refresh()
{
    m_banner->clear();
    m_model->refresh();
    if (!m_filter->text().trimmed().isEmpty() || m_proxy->sortColumn() >= 0)
        m_model->loadAll();
}

void ItemListView::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void ItemListView::onFilterEdited(const QString &text)
{
    m_proxy->setFilterText(text);
    // A filter covers every item: list the rest while the first rows stay.
    if (!text.trimmed().isEmpty())
        m_model->loadAll();
}

std::optional<VaultItem> ItemListView::currentItem() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    return m_model->item(m_proxy->sourceRow(current.row()));
}

QList<VaultItem> ItemListView::selectedItems() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<VaultItem> items;
    for (const QModelIndex &row : std::as_const(rows))
        items << m_model->item(m_proxy->sourceRow(row.row()));
    if (items.isEmpty()) {
        if (const auto item = currentItem())
            items << *item;
    }
    return items;
}

bool ItemListView::selectItem(const QString &name)
{
    const int source = m_model->rowOf(name);
    if (source < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(source, 0));
    if (!index.isValid())
        return false;
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect
                                                         | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    return true;
}

void ItemListView::copySelectedNames()
{
    QStringList names;
    for (const VaultItem &item : selectedItems())
        names << item.name;
    if (!names.isEmpty())
        QGuiApplication::clipboard()->setText(names.join(u'\n'));
}

void ItemListView::copySelectedIdentifiers()
{
    QStringList ids;
    for (const VaultItem &item : selectedItems())
        ids << item.id;
    if (!ids.isEmpty())
        QGuiApplication::clipboard()->setText(ids.join(u'\n'));
}

bool ItemListView::exportTo(const QString &path, ItemExport::Format format)
{
    QString error;
    if (!ItemExport::write(path, format, ItemExport::itemsOf(*m_proxy), &error)) {
        m_banner->showMessage(error);
        return false;
    }
    return true;
}

void ItemListView::exportVisible()
{
    const QString csvFilter = tr("CSV files (*.csv)");
    const QString jsonFilter = tr("JSON files (*.json)");
    QString selected = csvFilter;
    const QString start =
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u'/'
        + (m_client ? QString(m_client->vaultUri().host().section(u'.', 0, 0) + u'-') : QString())
        + objectName().chopped(4) + u"s.csv"_s;
    QString path =
        QFileDialog::getSaveFileName(this, tr("Export Visible List"), start,
                                     QString(csvFilter + u";;"_s + jsonFilter), &selected);
    if (path.isEmpty())
        return;
    const bool json =
        selected == jsonFilter || ItemExport::formatForPath(path) == ItemExport::Format::Json;
    if (QFileInfo(path).suffix().isEmpty())
        path += json ? u".json"_s : u".csv"_s;
    exportTo(path, json ? ItemExport::Format::Json : ItemExport::Format::Csv);
}

QByteArray ItemListView::saveState() const
{
    return m_view->horizontalHeader()->saveState();
}

bool ItemListView::restoreState(const QByteArray &state)
{
    QHeaderView *header = m_view->horizontalHeader();
    if (!header->restoreState(state))
        return false;
    m_proxy->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
    if (header->sortIndicatorSection() >= 0)
        m_model->loadAll();
    updateColumns();
    return true;
}

QMenu *ItemListView::createContextMenu()
{
    updateActions();
    auto *menu = new QMenu(this);
    menu->setObjectName(u"itemContextMenu"_s);
    menu->setAccessibleName(tr("Item actions"));
    menu->addAction(m_copyNameAction);
    menu->addAction(m_copyIdAction);
    menu->addAction(m_portalAction);
    menu->addSeparator();
    menu->addAction(m_refreshAction);
    menu->addAction(m_exportAction);
    menu->addSeparator();
    if (showDeleted()) {
        menu->addAction(m_recoverAction);
        menu->addAction(m_purgeAction);
    } else {
        menu->addAction(m_deleteAction);
    }
    return menu;
}

void ItemListView::showContextMenu(const QPoint &position)
{
    QMenu *menu = createContextMenu();
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(m_view->viewport()->mapToGlobal(position));
}

void ItemListView::deleteKeyPressed()
{
    const auto item = currentItem();
    if (!item)
        return;
    if (item->deleted)
        Q_EMIT purgeRequested(*item);
    else
        Q_EMIT deleteRequested(*item);
}

void ItemListView::updateActions()
{
    const auto item = currentItem();
    const bool has = item.has_value();
    const bool deleted = showDeleted();
    m_copyNameAction->setEnabled(has);
    m_copyIdAction->setEnabled(has);
    m_portalAction->setEnabled(has && !deleted);
    m_exportAction->setEnabled(m_proxy->rowCount() > 0);
    m_deleteAction->setEnabled(has && !deleted);
    m_deleteKeyAction->setEnabled(has);
    m_recoverAction->setEnabled(has && deleted);
    m_purgeAction->setEnabled(has && deleted && item->attributes.isPurgeable());
    m_refreshAction->setEnabled(m_model->hasSource());

    const std::optional<QString> id = item ? std::optional<QString>(item->id) : std::nullopt;
    if (id != m_lastCurrent) {
        m_lastCurrent = id;
        Q_EMIT currentItemChanged(item);
    }
}

void ItemListView::updateColumns()
{
    const bool deleted = showDeleted();
    m_view->setColumnHidden(VaultItemModel::DeletedOnColumn, !deleted);
    m_view->setColumnHidden(VaultItemModel::PurgeOnColumn, !deleted);
}

QString ItemListView::loadedText(int count) const
{
    const QString n = QLocale().toString(count);
    switch (m_kind) {
    case VaultItemKind::Key:
        return tr("Loaded %1 keys…").arg(n);
    case VaultItemKind::Certificate:
        return tr("Loaded %1 certificates…").arg(n);
    case VaultItemKind::Secret:
        break;
    }
    return tr("Loaded %1 secrets…").arg(n);
}

void ItemListView::onLoadingChanged(bool loading)
{
    m_progressRow->setVisible(loading);
    updateProgress();
    emitCounts();
}

void ItemListView::updateProgress()
{
    m_progressLabel->setText(loadedText(m_model->rowCount()));
    m_progressBar->setAccessibleDescription(m_progressLabel->text());
}

void ItemListView::emitCounts()
{
    Q_EMIT countsChanged(m_model->rowCount(), m_proxy->rowCount(), m_model->isComplete());
}

} // namespace vl::ui

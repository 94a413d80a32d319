// SPDX-License-Identifier: GPL-3.0-or-later
#include "browse/NavigationPanel.h"

#include "RecentVaults.h"
#include "Session.h"
#include "browse/OpenVaultDialog.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {
namespace {

constexpr int MaxQuickRows = 5;

QAction *menuAction(QMenu *menu, const QString &objectName, const QString &text)
{
    QAction *action = menu->addAction(text);
    action->setObjectName(objectName);
    return action;
}

} // namespace

NavigationPanel::NavigationPanel(Session &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new NavigationModel(session, this))
    , m_filter(new NavigationFilterModel(this))
    , m_recent(new RecentVaults(nullptr, this))
    , m_pinnedModel(new RecentVaultsModel(*m_recent, RecentVaultsModel::List::Pinned, this))
    , m_recentModel(new RecentVaultsModel(*m_recent, RecentVaultsModel::List::Recent, this))
    , m_filterEdit(new QLineEdit(this))
    , m_openByUri(new QToolButton(this))
    , m_refresh(new QToolButton(this))
    , m_pinnedLabel(new QLabel(tr("&Pinned"), this))
    , m_pinnedList(new QListView(this))
    , m_recentLabel(new QLabel(tr("R&ecent"), this))
    , m_recentList(new QListView(this))
    , m_tree(new QTreeView(this))
{
    setObjectName(u"navigationPanel"_s);
    m_filter->setSourceModel(m_model);

    m_filterEdit->setObjectName(u"navigationFilter"_s);
    m_filterEdit->setAccessibleName(tr("Filter vaults"));
    m_filterEdit->setPlaceholderText(tr("Filter vaults, groups, subscriptions…"));
    m_filterEdit->setClearButtonEnabled(true);

    m_openByUri->setObjectName(u"openVaultByUriButton"_s);
    m_openByUri->setAccessibleName(tr("Open vault by URI"));
    m_openByUri->setText(tr("By URI…"));
    m_openByUri->setToolTip(tr("Open a vault by its URI, when Resource Manager does not list it"));
    m_openByUri->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_refresh->setObjectName(u"navigationRefreshButton"_s);
    m_refresh->setAccessibleName(tr("Refresh"));
    m_refresh->setToolTip(tr("Refresh the selected account, tenant or subscription (F5)"));
    m_refresh->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));

    for (QListView *list : {m_pinnedList, m_recentList}) {
        list->setEditTriggers(QAbstractItemView::NoEditTriggers);
        list->setContextMenuPolicy(Qt::CustomContextMenu);
        list->setUniformItemSizes(true);
        list->setIconSize(QSize(16, 16));
        list->setFrameShape(QFrame::NoFrame);
        list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        list->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    }
    m_pinnedList->setObjectName(u"pinnedList"_s);
    m_pinnedList->setAccessibleName(tr("Pinned vaults"));
    m_pinnedList->setModel(m_pinnedModel);
    m_recentList->setObjectName(u"recentList"_s);
    m_recentList->setAccessibleName(tr("Recent vaults"));
    m_recentList->setModel(m_recentModel);
    m_pinnedLabel->setBuddy(m_pinnedList);
    m_recentLabel->setBuddy(m_recentList);
    for (QLabel *label : {m_pinnedLabel, m_recentLabel}) {
        QFont font = label->font();
        font.setBold(true);
        label->setFont(font);
        label->setForegroundRole(QPalette::PlaceholderText);
    }

    m_tree->setObjectName(u"navigationTree"_s);
    m_tree->setAccessibleName(tr("Accounts and vaults"));
    m_tree->setModel(m_filter);
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setAnimated(false);
    m_tree->setExpandsOnDoubleClick(true);

    // F5 in the tree when no window shortcut took it first.
    m_tree->installEventFilter(this);

    auto *top = new QHBoxLayout;
    top->setSpacing(4);
    top->addWidget(m_filterEdit, 1);
    top->addWidget(m_openByUri);
    top->addWidget(m_refresh);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_pinnedLabel);
    layout->addWidget(m_pinnedList);
    layout->addWidget(m_recentLabel);
    layout->addWidget(m_recentList);
    layout->addWidget(m_tree, 1);

    setTabOrder(m_filterEdit, m_tree);
    setTabOrder(m_tree, m_pinnedList);
    setTabOrder(m_pinnedList, m_recentList);
    setTabOrder(m_recentList, m_openByUri);
    setTabOrder(m_openByUri, m_refresh);

    connect(m_filterEdit, &QLineEdit::textChanged, this, &NavigationPanel::onFilterChanged);
    connect(m_filterEdit, &QLineEdit::returnPressed, this, &NavigationPanel::selectFirstMatch);
    connect(m_openByUri, &QToolButton::clicked, this, &NavigationPanel::openVaultByUri);
    connect(m_refresh, &QToolButton::clicked, this, &NavigationPanel::refreshCurrent);
    connect(m_tree, &QTreeView::activated, this, &NavigationPanel::onTreeActivated);
    connect(m_tree, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_tree->indexAt(pos);
        if (!index.isValid())
            return;
        QMenu *menu = createContextMenu(index, this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_tree->viewport()->mapToGlobal(pos));
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &NavigationPanel::expandMatches);

    for (QListView *list : {m_pinnedList, m_recentList}) {
        const bool recentList = list == m_recentList;
        connect(list, &QListView::activated, this, [this](const QModelIndex &index) {
            activate(index.data(RecentVaultsModel::LocationRole).value<VaultLocation>());
        });
        connect(list, &QWidget::customContextMenuRequested, this,
                [this, list, recentList](const QPoint &pos) {
                    const QModelIndex index = list->indexAt(pos);
                    if (!index.isValid())
                        return;
                    QMenu *menu = createQuickAccessMenu(
                        index.data(RecentVaultsModel::LocationRole).value<VaultLocation>(),
                        recentList, this);
                    menu->setAttribute(Qt::WA_DeleteOnClose);
                    menu->popup(list->viewport()->mapToGlobal(pos));
                });
    }
    connect(m_pinnedModel, &QAbstractItemModel::modelReset, this,
            &NavigationPanel::updateQuickAccess);
    connect(m_recentModel, &QAbstractItemModel::modelReset, this,
            &NavigationPanel::updateQuickAccess);
    updateQuickAccess();

    // Accounts are shown open on their tenants.
    m_tree->expandToDepth(0);
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &inserted, int first, int last) {
                if (inserted.isValid())
                    return;
                for (int row = first; row <= last; ++row)
                    m_tree->expand(m_filter->mapFromSource(m_model->index(row, 0)));
            });
}

NavigationPanel::~NavigationPanel() = default;

bool NavigationPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_tree && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->matches(QKeySequence::Refresh)) {
        refreshCurrent();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void NavigationPanel::focusFilter()
{
    m_filterEdit->setFocus(Qt::ShortcutFocusReason);
    m_filterEdit->selectAll();
}

void NavigationPanel::setTenantEnabledPredicate(NavigationModel::TenantPredicate enabled)
{
    m_tenantEnabled = enabled;
    m_model->setTenantEnabledPredicate(std::move(enabled));
}

void NavigationPanel::reload()
{
    m_model->reload();
    m_tree->expandToDepth(0);
}

VaultLocation NavigationPanel::currentVault() const
{
    return m_model->location(m_filter->mapToSource(m_tree->currentIndex()));
}

bool NavigationPanel::selectVault(const VaultLocation &location)
{
    const QModelIndex index = m_filter->mapFromSource(m_model->vaultIndex(location));
    if (!index.isValid())
        return false;
    m_tree->scrollTo(index);
    m_tree->setCurrentIndex(index);
    return true;
}

void NavigationPanel::refreshCurrent()
{
    const QModelIndex current = m_filter->mapToSource(m_tree->currentIndex());
    if (current.isValid())
        m_model->refresh(current);
    else
        for (int row = 0; row < m_model->rowCount(); ++row)
            m_model->refresh(m_model->index(row, 0));
}

void NavigationPanel::activate(const VaultLocation &location)
{
    if (!location.isValid())
        return;
    m_recent->recordOpened(location);
    Q_EMIT vaultActivated(location);
}

void NavigationPanel::onTreeActivated(const QModelIndex &index)
{
    const QModelIndex source = m_filter->mapToSource(index);
    switch (m_model->kind(source)) {
    case NavigationNodeKind::Vault:
        activate(m_model->location(source));
        break;
    case NavigationNodeKind::Error:
        m_model->refresh(source);
        break;
    default:
        break;
    }
}

void NavigationPanel::onFilterChanged(const QString &text)
{
    m_filter->setFilterFixedString(text);
    if (text.isEmpty()) {
        if (m_tree->currentIndex().isValid())
            m_tree->scrollTo(m_tree->currentIndex());
        return;
    }
    m_model->fetchAll();
    m_tree->expandAll();
}

void NavigationPanel::expandMatches()
{
    if (m_filterEdit->text().isEmpty() || m_expandQueued)
        return;
    m_expandQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_expandQueued = false;
        if (!m_filterEdit->text().isEmpty())
            m_tree->expandAll();
    });
}

void NavigationPanel::selectFirstMatch()
{
    std::function<QModelIndex(const QModelIndex &)> first =
        [&](const QModelIndex &parent) -> QModelIndex {
        for (int row = 0; row < m_filter->rowCount(parent); ++row) {
            const QModelIndex i = m_filter->index(row, 0, parent);
            if (m_model->kind(m_filter->mapToSource(i)) == NavigationNodeKind::Vault)
                return i;
            if (const QModelIndex found = first(i); found.isValid())
                return found;
        }
        return {};
    };
    const QModelIndex match = first({});
    if (match.isValid()) {
        m_tree->scrollTo(match);
        m_tree->setCurrentIndex(match);
    }
    m_tree->setFocus(Qt::OtherFocusReason);
}

void NavigationPanel::updateQuickAccess()
{
    auto fit = [](QListView *list, QLabel *label, int rows) {
        list->setVisible(rows > 0);
        label->setVisible(rows > 0);
        if (rows == 0)
            return;
        const int rowHeight = std::max(list->sizeHintForRow(0), list->fontMetrics().height() + 4);
        list->setFixedHeight(rowHeight * std::min(rows, MaxQuickRows) + 2 * list->frameWidth());
    };
    fit(m_pinnedList, m_pinnedLabel, m_pinnedModel->rowCount());
    fit(m_recentList, m_recentLabel, m_recentModel->rowCount());
}

QMenu *NavigationPanel::createContextMenu(const QModelIndex &index, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setObjectName(u"navigationContextMenu"_s);
    menu->setAccessibleName(tr("Navigation actions"));
    const QPersistentModelIndex source(m_filter->mapToSource(index));
    const NavigationNodeKind kind = m_model->kind(source);
    if (kind == NavigationNodeKind::Vault) {
        const VaultLocation location = m_model->location(source);
        QAction *open = menuAction(menu, u"openAction"_s, tr("&Open"));
        menu->setDefaultAction(open);
        connect(open, &QAction::triggered, this, [this, location] { activate(location); });
        const bool pinned = m_recent->isPinned(location);
        QAction *pin = menuAction(menu, u"pinAction"_s, pinned ? tr("Un&pin") : tr("&Pin"));
        connect(pin, &QAction::triggered, this, [this, location, pinned] {
            if (pinned)
                m_recent->unpin(location);
            else
                m_recent->pin(location);
        });
        menu->addSeparator();
        QAction *uri = menuAction(menu, u"copyUriAction"_s, tr("Copy Vault &URI"));
        connect(uri, &QAction::triggered, this, [location] {
            QGuiApplication::clipboard()->setText(location.vaultUri.toString());
        });
        QAction *id = menuAction(menu, u"copyResourceIdAction"_s, tr("Copy &Resource ID"));
        id->setEnabled(location.hasResourceId());
        connect(id, &QAction::triggered, this,
                [location] { QGuiApplication::clipboard()->setText(location.resourceId); });
        QAction *portal = menuAction(menu, u"portalAction"_s, tr("Open in Azure &Portal"));
        portal->setEnabled(location.hasResourceId());
        connect(portal, &QAction::triggered, this,
                [this, location] { Q_EMIT openInPortalRequested(location); });
        menu->addSeparator();
    }
    if (kind != NavigationNodeKind::Loading) {
        QAction *refresh =
            menuAction(menu, u"refreshAction"_s,
                       kind == NavigationNodeKind::Error ? tr("&Try Again") : tr("&Refresh"));
        refresh->setShortcut(QKeySequence::Refresh);
        connect(refresh, &QAction::triggered, this, [this, source] {
            if (source.isValid())
                m_model->refresh(source);
        });
    }
    return menu;
}

QMenu *NavigationPanel::createQuickAccessMenu(const VaultLocation &location, bool recentList,
                                              QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setObjectName(u"quickAccessContextMenu"_s);
    menu->setAccessibleName(tr("Vault actions"));
    QAction *open = menuAction(menu, u"openAction"_s, tr("&Open"));
    menu->setDefaultAction(open);
    connect(open, &QAction::triggered, this, [this, location] { activate(location); });
    const bool pinned = m_recent->isPinned(location);
    QAction *pin = menuAction(menu, u"pinAction"_s, pinned ? tr("Un&pin") : tr("&Pin"));
    connect(pin, &QAction::triggered, this, [this, location, pinned] {
        if (pinned)
            m_recent->unpin(location);
        else
            m_recent->pin(location);
    });
    QAction *uri = menuAction(menu, u"copyUriAction"_s, tr("Copy Vault &URI"));
    connect(uri, &QAction::triggered, this,
            [location] { QGuiApplication::clipboard()->setText(location.vaultUri.toString()); });
    if (location.hasResourceId()) {
        QAction *portal = menuAction(menu, u"portalAction"_s, tr("Open in Azure &Portal"));
        connect(portal, &QAction::triggered, this,
                [this, location] { Q_EMIT openInPortalRequested(location); });
    }
    if (recentList) {
        menu->addSeparator();
        QAction *remove = menuAction(menu, u"removeRecentAction"_s, tr("Remove from &Recent"));
        connect(remove, &QAction::triggered, this,
                [this, location] { m_recent->removeRecent(location); });
    }
    return menu;
}

void NavigationPanel::openVaultByUri()
{
    auto *dialog = new OpenVaultDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_tenantEnabled)
        dialog->setTenantEnabledPredicate(m_tenantEnabled);
    const QModelIndex current = m_filter->mapToSource(m_tree->currentIndex());
    if (current.isValid())
        dialog->setAccount(current.data(NavigationModel::AccountIdRole).toString(),
                           current.data(NavigationModel::TenantIdRole).toString());
    connect(dialog, &QDialog::accepted, this, [this, dialog] { activate(dialog->location()); });
    dialog->open();
}

} // namespace vl::ui

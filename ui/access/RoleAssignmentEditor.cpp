// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/RoleAssignmentEditor.h"

#include "ModelRoles.h"
#include "Presentation.h"
#include "PrincipalDirectory.h"
#include "RoleAssignmentModel.h"
#include "RoleAssignmentTable.h"
#include "access/AssignRoleDialog.h"
#include "access/RoleDefinitionDialog.h"
#include "widgets/ErrorBanner.h"
#include "widgets/StagedChangesBar.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vl::ui {

RoleAssignmentEditor::RoleAssignmentEditor(Session &session, VaultLocation location,
                                           QWidget *parent)
    : QWidget(parent)
    , m_model(new RoleAssignmentModel(session, std::move(location), this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_summary(new QLabel(this))
    , m_banner(new ErrorBanner(this))
    , m_view(new QTableView(this))
    , m_assign(new QPushButton(tr("&Assign role…"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_viewRole(new QPushButton(tr("&View role…"), this))
    , m_reload(new QPushButton(tr("Re&load"), this))
    , m_bar(new StagedChangesBar(*m_model, this))
{
    setObjectName(u"roleAssignmentEditor"_s);
    m_summary->setObjectName(u"assignmentSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_banner->setObjectName(u"errorBanner"_s);
    m_banner->hide();

    m_proxy->setSourceModel(m_model->table());
    m_proxy->setSortRole(models::RawValueRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_view->setObjectName(u"assignmentTable"_s);
    m_view->setAccessibleName(tr("Role assignments"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RoleAssignmentTable::ScopeColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->setIconSize(QSize(16, 16));
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setColumnWidth(RoleAssignmentTable::PrincipalColumn, 190);
    m_view->setColumnWidth(RoleAssignmentTable::TypeColumn, 120);
    m_view->setColumnWidth(RoleAssignmentTable::RoleColumn, 220);
    m_view->setColumnWidth(RoleAssignmentTable::ScopeColumn, 250);
    m_view->setColumnWidth(RoleAssignmentTable::InheritedColumn, 80);

    m_assign->setObjectName(u"assignRoleButton"_s);
    m_assign->setAccessibleName(tr("Assign a role"));
    m_assign->setToolTip(tr("Assign a Key Vault role at this vault or on one object (staged)"));
    m_remove->setObjectName(u"removeAssignmentButton"_s);
    m_remove->setAccessibleName(tr("Remove the selected assignment"));
    m_viewRole->setObjectName(u"viewRoleButton"_s);
    m_viewRole->setAccessibleName(tr("View the role of the selected assignment"));
    m_reload->setObjectName(u"reloadAssignmentsButton"_s);
    m_reload->setAccessibleName(tr("Reload the role assignments"));
    m_reload->setShortcut(QKeySequence::Refresh);
    m_bar->setObjectName(u"stagedChangesBar"_s);

    auto *removeShortcut = new QAction(tr("Remove"), this);
    removeShortcut->setObjectName(u"removeAssignmentAction"_s);
    removeShortcut->setShortcut(QKeySequence::Delete);
    removeShortcut->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(removeShortcut);
    connect(removeShortcut, &QAction::triggered, this, &RoleAssignmentEditor::removeSelected);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_assign);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_viewRole);
    buttons->addStretch(1);
    buttons->addWidget(m_reload);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_banner);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_bar);

    connect(m_assign, &QPushButton::clicked, this, &RoleAssignmentEditor::openAssignDialog);
    connect(m_remove, &QPushButton::clicked, this, &RoleAssignmentEditor::removeSelected);
    connect(m_viewRole, &QPushButton::clicked, this, &RoleAssignmentEditor::viewRole);
    connect(m_reload, &QPushButton::clicked, this, &RoleAssignmentEditor::reload);
    connect(m_view, &QTableView::doubleClicked, this, &RoleAssignmentEditor::viewRole);
    connect(m_view, &QWidget::customContextMenuRequested, this,
            &RoleAssignmentEditor::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RoleAssignmentEditor::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RoleAssignmentEditor::updateActions);
    connect(m_model->table(), &QAbstractItemModel::dataChanged, this,
            &RoleAssignmentEditor::updateActions);
    connect(m_model, &StagedEditor::stagedChanged, this, [this] {
        updateActions();
        updateSummary();
    });
    connect(m_model, &StagedEditor::busyChanged, this, [this] {
        updateActions();
        updateSummary();
    });
    connect(m_model, &StagedEditor::loaded, this, [this] {
        m_banner->clear();
        m_banner->hide();
        updateSummary();
    });
    connect(m_model, &StagedEditor::loadFailed, this, [this](const AzureError &error) {
        m_banner->showError(error, Service::ResourceManager, tr("Listing the role assignments"));
        m_banner->show();
        updateSummary();
    });
    connect(m_model, &StagedEditor::applied, this, [this](const ApplyReport &report) {
        if (report.error) {
            m_banner->showError(*report.error, Service::ResourceManager, report.failedOperation);
            m_banner->show();
        }
    });
    connect(&m_model->directory(), &PrincipalDirectory::failed, this, [this](const AzureError &e) {
        m_banner->showError(e, Service::Graph, tr("Looking up the principals"));
        m_banner->show();
    });

    updateActions();
    updateSummary();
    m_model->reload();
}

RoleAssignmentEditor::~RoleAssignmentEditor() = default;

int RoleAssignmentEditor::currentModelRow() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? m_proxy->mapToSource(current).row() : -1;
}

QList<int> RoleAssignmentEditor::selectedModelRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows << m_proxy->mapToSource(index).row();
    if (rows.isEmpty() && currentModelRow() >= 0)
        rows << currentModelRow();
    return rows;
}

bool RoleAssignmentEditor::selectAssignment(const QString &assignmentId)
{
    const int row = m_model->rowOf(assignmentId);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->table()->index(row, 0));
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect
                                                         | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    return true;
}

void RoleAssignmentEditor::updateActions()
{
    const bool busy = m_model->isBusy();
    const QList<int> rows = selectedModelRows();
    bool removable = !rows.isEmpty() && !busy;
    QString why;
    for (int row : rows) {
        const RoleAssignmentRow &r = m_model->rows().at(row);
        if (r.staged == RoleAssignmentRow::Staged::Removed) {
            removable = false;
            why = tr("Staged for removal already; discard it in the bar below to keep it.");
            continue;
        }
        const QString refusal = m_model->removeRefusal(r.assignment.id);
        if (!refusal.isEmpty()) {
            removable = false;
            why = refusal;
        }
    }
    m_remove->setEnabled(removable);
    m_remove->setToolTip(removable ? tr("Stage the removal of the selected assignments (Delete)")
                                   : why);
    const int current = currentModelRow();
    m_viewRole->setEnabled(
        current >= 0
        && m_model->roleDefinition(m_model->rows().at(current).assignment.roleDefinitionId));
    m_assign->setEnabled(!busy && m_model->location().hasResourceId());
    m_reload->setEnabled(!busy);
}

void RoleAssignmentEditor::updateSummary()
{
    const QString vault = m_model->location().name;
    if (m_model->isBusy() && !m_model->isLoaded()) {
        m_summary->setText(tr("Reading the role assignments of %1…").arg(vault));
        return;
    }
    int inherited = 0, atVault = 0, objects = 0;
    for (const RoleAssignmentRow &row : m_model->rows()) {
        if (row.staged == RoleAssignmentRow::Staged::Added)
            continue;
        if (m_model->isInherited(row.assignment.scope))
            ++inherited;
        else if (row.assignment.scope.compare(m_model->vaultScope(), Qt::CaseInsensitive) == 0)
            ++atVault;
        else
            ++objects;
    }
    m_summary->setText(
        tr("Azure RBAC decides who may use the data in %1. Assignments at the vault: %2; on "
           "single objects: %3; inherited from above the vault (read-only here): %4.")
            .arg(vault, QLocale().toString(atVault), QLocale().toString(objects),
                 QLocale().toString(inherited)));
}

AssignRoleDialog *RoleAssignmentEditor::openAssignDialog()
{
    if (m_assignDialog) {
        m_assignDialog->raise();
        m_assignDialog->activateWindow();
        return m_assignDialog;
    }
    m_assignDialog = new AssignRoleDialog(*m_model, this);
    m_assignDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_assignDialog, &QDialog::accepted, this, [this] {
        // Show the staged row.
        const auto &rows = m_model->rows();
        if (!rows.isEmpty() && rows.last().staged == RoleAssignmentRow::Staged::Added)
            selectAssignment(rows.last().assignment.id);
    });
    m_assignDialog->open();
    return m_assignDialog;
}

void RoleAssignmentEditor::assignRole(const QString &principalId, const QString &roleName,
                                      const QString &scope)
{
    AssignRoleDialog *dialog = openAssignDialog();
    dialog->setRole(roleName);
    dialog->setScope(scope.isEmpty() ? m_model->vaultScope() : scope);
    PrincipalDirectory &directory = m_model->directory();
    if (const graph::Principal *p = directory.find(principalId)) {
        // Known: set it, or leave the search to the person when the directory has no such
        // principal.
        if (p->isResolved())
            dialog->setPrincipal(*p);
        return;
    }
    // Not known yet: fill it in once the directory answers.
    QPointer<AssignRoleDialog> target = dialog;
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(&directory, &PrincipalDirectory::resolved, this,
                          [this, target, principalId, connection](const QStringList &ids) {
                              if (!ids.contains(principalId.toLower()))
                                  return;
                              disconnect(*connection);
                              const graph::Principal *p = m_model->directory().find(principalId);
                              if (target && p && p->isResolved())
                                  target->setPrincipal(*p);
                          });
    directory.resolve({principalId});
}

void RoleAssignmentEditor::removeSelected()
{
    QStringList ids;
    for (int row : selectedModelRows())
        ids << m_model->rows().at(row).assignment.id;
    QStringList refusals;
    for (const QString &id : std::as_const(ids)) {
        const access::ValidationResult r = m_model->stageRemove(id);
        if (!r)
            refusals << r.message;
    }
    if (refusals.isEmpty())
        return;
    refusals.removeDuplicates();
    m_banner->showMessage(refusals.join(u'\n'));
    m_banner->show();
}

RoleDefinitionDialog *RoleAssignmentEditor::viewRole()
{
    const int row = currentModelRow();
    if (row < 0)
        return nullptr;
    const QString id = m_model->rows().at(row).assignment.roleDefinitionId;
    const arm::RoleDefinition *role = m_model->roleDefinition(id);
    if (!role) {
        m_banner->showMessage(
            tr("The definition of %1 could not be read.").arg(Presentation::instance().text(id)));
        m_banner->show();
        return nullptr;
    }
    if (m_roleDialog)
        m_roleDialog->close();
    m_roleDialog = new RoleDefinitionDialog(*role, this);
    m_roleDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_roleDialog->show();
    return m_roleDialog;
}

void RoleAssignmentEditor::reload()
{
    m_model->reload();
}

void RoleAssignmentEditor::showContextMenu(const QPoint &position)
{
    const QModelIndex index = m_view->indexAt(position);
    if (!index.isValid())
        return;
    const int row = m_proxy->mapToSource(index).row();
    const RoleAssignmentRow assignment = m_model->rows().at(row);
    if (!m_view->selectionModel()->isRowSelected(index.row(), {}))
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect
                                                             | QItemSelectionModel::Rows);
    QMenu menu(this);
    menu.setObjectName(u"assignmentContextMenu"_s);
    if (assignment.staged == RoleAssignmentRow::Staged::Removed) {
        QAction *keep = menu.addAction(tr("&Keep assignment"));
        keep->setObjectName(u"keepAssignmentAction"_s);
        connect(keep, &QAction::triggered, this,
                [this, id = assignment.assignment.id] { m_model->unstageRemove(id); });
    } else {
        QAction *remove = menu.addAction(tr("&Remove"));
        remove->setObjectName(u"removeAssignmentMenuAction"_s);
        remove->setEnabled(m_remove->isEnabled());
        remove->setToolTip(m_remove->toolTip());
        connect(remove, &QAction::triggered, this, &RoleAssignmentEditor::removeSelected);
    }
    QAction *view = menu.addAction(tr("&View role…"));
    view->setObjectName(u"viewRoleAction"_s);
    view->setEnabled(m_viewRole->isEnabled());
    connect(view, &QAction::triggered, this, &RoleAssignmentEditor::viewRole);
    QAction *copy = menu.addAction(tr("&Copy principal id"));
    copy->setObjectName(u"copyPrincipalIdAction"_s);
    connect(copy, &QAction::triggered, this, [id = assignment.assignment.principalId] {
        QGuiApplication::clipboard()->setText(id);
    });
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

} // namespace vl::ui

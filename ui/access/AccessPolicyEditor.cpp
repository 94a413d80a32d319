// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/AccessPolicyEditor.h"

#include "AccessPolicyFormat.h"
#include "AccessPolicyModel.h"
#include "ModelRoles.h"
#include "PrincipalDirectory.h"
#include "access/AccessPolicyDialog.h"
#include "access/PermissionCatalogue.h"
#include "widgets/ErrorBanner.h"
#include "widgets/StagedChangesBar.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {

AccessPolicyEditor::AccessPolicyEditor(Session &session, VaultLocation location, QWidget *parent)
    : QWidget(parent)
    , m_model(new AccessPolicyModel(session, std::move(location), this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_heading(new QLabel(this))
    , m_banner(new ErrorBanner(this))
    , m_view(new QTableView(this))
    , m_add(new QPushButton(tr("&Add…"), this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_reload(new QPushButton(tr("Re&load"), this))
    , m_bar(new StagedChangesBar(*m_model, this))
{
    m_heading->setObjectName(u"accessPolicyHeading"_s);
    m_heading->setWordWrap(true);
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setText(tr("Each entry grants a principal permissions on keys, secrets and "
                          "certificates of this vault."));
    m_banner->setObjectName(u"policyErrorBanner"_s);

    m_proxy->setSourceModel(m_model->table());
    m_proxy->setSortRole(models::RawValueRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_view->setObjectName(u"accessPolicyTable"_s);
    m_view->setAccessibleName(tr("Access policies"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->setIconSize(QSize(20, 20));
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setColumnWidth(AccessPolicyModel::PrincipalColumn, 360);
    m_view->setColumnWidth(AccessPolicyModel::TypeColumn, 130);
    for (int c = AccessPolicyModel::KeysColumn; c <= AccessPolicyModel::StorageColumn; ++c)
        m_view->setColumnWidth(c, 120);

    struct ButtonSpec
    {
        QPushButton *button;
        const char16_t *name;
        QString accessible;
    };
    for (const ButtonSpec &b :
         {ButtonSpec{m_add, u"addPolicyButton", tr("Add access policy")},
          ButtonSpec{m_edit, u"editPolicyButton", tr("Edit access policy")},
          ButtonSpec{m_remove, u"removePolicyButton", tr("Remove access policy")},
          ButtonSpec{m_reload, u"reloadPoliciesButton", tr("Reload access policies")}}) {
        b.button->setObjectName(QString::fromUtf16(b.name));
        b.button->setAccessibleName(b.accessible);
    }
    m_remove->setShortcut(QKeySequence::Delete);
    m_reload->setShortcut(QKeySequence::Refresh);
    m_bar->setObjectName(u"stagedChangesBar"_s);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    buttons->addWidget(m_reload);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_banner);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_bar);

    connect(m_add, &QPushButton::clicked, this, [this] { addPolicy(); });
    connect(m_edit, &QPushButton::clicked, this, [this] { editPolicy(currentRow()); });
    connect(m_remove, &QPushButton::clicked, this, [this] { removePolicy(currentRow()); });
    connect(m_reload, &QPushButton::clicked, this, [this] {
        m_banner->clear();
        m_model->reload();
    });
    connect(m_view, &QTableView::doubleClicked, this,
            [this](const QModelIndex &index) { editPolicy(m_proxy->mapToSource(index).row()); });
    connect(m_view, &QWidget::customContextMenuRequested, this,
            &AccessPolicyEditor::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AccessPolicyEditor::updateButtons);
    connect(m_model, &StagedEditor::stagedChanged, this, &AccessPolicyEditor::updateButtons);
    connect(m_model, &StagedEditor::busyChanged, this, &AccessPolicyEditor::updateButtons);
    connect(m_model, &StagedEditor::loadFailed, this, [this](const AzureError &error) {
        m_banner->showError(error, Service::ResourceManager, tr("Reading the access policies"));
    });
    connect(m_model, &StagedEditor::loaded, this, [this] { m_banner->clear(); });
    connect(m_model, &StagedEditor::applied, this, [this](const ApplyReport &report) {
        if (report.error)
            m_banner->showError(*report.error, Service::ResourceManager, report.failedOperation);
    });
    connect(&m_model->directory(), &PrincipalDirectory::resolved, this,
            [this] { m_view->resizeColumnToContents(AccessPolicyModel::PrincipalColumn); });
    updateButtons();
    m_model->reload();
}

AccessPolicyEditor::~AccessPolicyEditor() = default;

int AccessPolicyEditor::currentRow() const
{
    const QModelIndex index = m_view->selectionModel()->currentIndex();
    return index.isValid() ? m_proxy->mapToSource(index).row() : -1;
}

void AccessPolicyEditor::updateButtons()
{
    const int row = currentRow();
    const bool busy = m_model->isBusy();
    const bool has = row >= 0 && row < m_model->rowCount();
    const bool removed = has && m_model->rowState(row) == AccessPolicyModel::RowState::Removed;
    m_add->setEnabled(!busy && m_model->isLoaded());
    m_edit->setEnabled(!busy && has && !removed);
    m_remove->setEnabled(!busy && has);
    m_remove->setText(removed ? tr("&Restore") : tr("&Remove"));
    m_reload->setEnabled(!busy);
}

AccessPolicyDialog *AccessPolicyEditor::openDialog(AccessPolicyDialog *dialog)
{
    if (m_dialog)
        m_dialog->close();
    m_dialog = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->show();
    return dialog;
}

AccessPolicyDialog *AccessPolicyEditor::addPolicy()
{
    return openDialog(new AccessPolicyDialog(*m_model, this));
}

AccessPolicyDialog *AccessPolicyEditor::editPolicy(int row)
{
    if (row < 0 || row >= m_model->rowCount()
        || m_model->rowState(row) == AccessPolicyModel::RowState::Removed)
        return nullptr;
    auto *dialog = new AccessPolicyDialog(*m_model, this);
    dialog->editEntry(m_model->entry(row));
    return openDialog(dialog);
}

void AccessPolicyEditor::removePolicy(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    const arm::AccessPolicyEntry e = m_model->entry(row);
    if (m_model->rowState(row) == AccessPolicyModel::RowState::Removed) {
        if (const auto base = m_model->baseEntry(row))
            m_model->stageReplace(e.objectId, e.applicationId, base->permissions);
        return;
    }
    m_model->stageRemove(e.objectId, e.applicationId);
}

void AccessPolicyEditor::grantPermission(const QString &principalId, access::ObjectKind kind,
                                         const QString &permission)
{
    const QString name =
        access::PermissionCatalogue::canonical(kind, permission).value_or(permission);
    const int row = m_model->rowOf(principalId);
    AccessPolicyDialog *dialog = nullptr;
    if (row >= 0 && m_model->rowState(row) != AccessPolicyModel::RowState::Removed) {
        dialog = editPolicy(row);
    } else {
        dialog = addPolicy();
        const graph::Principal *known = m_model->directory().find(principalId);
        dialog->setPrincipal(known ? *known : graph::Principal::unresolved(principalId));
        if (row >= 0)
            if (const auto base = m_model->baseEntry(row))
                dialog->setPermissions(base->permissions);
    }
    if (dialog)
        dialog->setPermissionChecked(kind, name, true);
}

void AccessPolicyEditor::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    const int row = m_proxy->mapToSource(index).row();
    const arm::AccessPolicyEntry e = m_model->entry(row);
    const bool removed = m_model->rowState(row) == AccessPolicyModel::RowState::Removed;
    QMenu menu(this);
    QAction *edit = menu.addAction(tr("&Edit…"), this, [this, row] { editPolicy(row); });
    edit->setObjectName(u"editPolicyAction"_s);
    edit->setEnabled(!removed);
    QAction *remove = menu.addAction(removed ? tr("&Restore") : tr("&Remove"), this,
                                     [this, row] { removePolicy(row); });
    remove->setObjectName(u"removePolicyAction"_s);
    menu.addSeparator();
    QAction *copy = menu.addAction(tr("&Copy object id"), this,
                                   [e] { QGuiApplication::clipboard()->setText(e.objectId); });
    copy->setObjectName(u"copyObjectIdAction"_s);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace vl::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/RoleExplorer.h"

#include "ModelRoles.h"
#include "RoleDefinitionModel.h"
#include "RoleOperationsModel.h"
#include "access/RoleCatalogue.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {

RoleExplorer::RoleExplorer(const access::RoleCatalogue &catalogue, QWidget *parent)
    : QWidget(parent)
    , m_roleModel(new models::RoleDefinitionModel(catalogue, this))
    , m_operationModel(new models::RoleOperationsModel(this))
    , m_operationFilter(new QSortFilterProxyModel(this))
    , m_roles(new QTableView(this))
    , m_operations(new QTableView(this))
    , m_filter(new QLineEdit(this))
    , m_summary(new QLabel(this))
{
    m_roles->setObjectName(u"roleTable"_s);
    m_roles->setAccessibleName(tr("Roles"));
    m_roles->setModel(m_roleModel);
    m_roles->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_roles->setSelectionMode(QAbstractItemView::SingleSelection);
    m_roles->verticalHeader()->hide();
    m_roles->horizontalHeader()->setStretchLastSection(true);
    m_roles->setColumnHidden(models::RoleDefinitionModel::KindColumn, true);
    m_roles->setColumnHidden(models::RoleDefinitionModel::DescriptionColumn, true);
    m_roles->resizeColumnsToContents();

    m_operationFilter->setSourceModel(m_operationModel);
    m_operationFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_operationFilter->setFilterKeyColumn(-1);
    m_operations->setObjectName(u"operationTable"_s);
    m_operations->setAccessibleName(tr("Operations"));
    m_operations->setModel(m_operationFilter);
    m_operations->verticalHeader()->hide();
    m_operations->horizontalHeader()->setStretchLastSection(true);
    m_operations->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_operations->setWordWrap(false);
    m_operations->setSortingEnabled(true);
    m_operations->sortByColumn(-1, Qt::AscendingOrder);
    m_operationFilter->setSortRole(models::RawValueRole);

    m_filter->setObjectName(u"operationFilter"_s);
    m_filter->setAccessibleName(tr("Filter operations"));
    m_filter->setPlaceholderText(tr("Filter operations, permissions or data actions"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_operationFilter,
            &QSortFilterProxyModel::setFilterFixedString);

    m_summary->setObjectName(u"roleSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto *filterLabel = new QLabel(tr("&Filter:"), right);
    filterLabel->setBuddy(m_filter);
    rightLayout->addWidget(m_summary);
    rightLayout->addWidget(filterLabel);
    rightLayout->addWidget(m_filter);
    rightLayout->addWidget(m_operations, 1);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_roles);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({360, 820});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_roles->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showRole(current.row()); });
    showRole(-1);
    if (m_roleModel->rowCount() > 0)
        m_roles->selectionModel()->setCurrentIndex(m_roleModel->index(0, 0),
                                                   QItemSelectionModel::ClearAndSelect
                                                       | QItemSelectionModel::Rows);
}

bool RoleExplorer::selectRole(const QString &roleName)
{
    const QModelIndexList hits =
        m_roleModel->match(m_roleModel->index(0, models::RoleDefinitionModel::NameColumn),
                           Qt::DisplayRole, roleName, 1, Qt::MatchExactly);
    if (hits.isEmpty())
        return false;
    m_roles->selectionModel()->setCurrentIndex(hits.first(), QItemSelectionModel::ClearAndSelect
                                                                 | QItemSelectionModel::Rows);
    return true;
}

void RoleExplorer::showRole(int row)
{
    const arm::RoleDefinition *d = m_roleModel->definition(row);
    if (!d) {
        m_operationModel->setRole(std::nullopt);
        m_summary->setText(tr("Choose a role to see which data-plane operations it allows when "
                              "assigned at vault scope."));
        return;
    }
    m_operationModel->setRole(*d);
    m_operations->resizeColumnsToContents();
    int allowed = 0;
    for (int r = 0; r < m_operationModel->rowCount(); ++r)
        allowed += m_operationModel->allowed(r).value_or(false) ? 1 : 0;
    m_summary->setText(tr("%1: %2\nAllows %3 of %4 data-plane operations.")
                           .arg(d->roleName, d->description)
                           .arg(allowed)
                           .arg(m_operationModel->rowCount()));
}

} // namespace vl::ui

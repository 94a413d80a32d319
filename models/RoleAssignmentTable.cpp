// SPDX-License-Identifier: GPL-3.0-or-later
#include "RoleAssignmentTable.h"

#include "ModelRoles.h"
#include "Presentation.h"
#include "PrincipalDirectory.h"
#include "RoleAssignmentModel.h"

#include <QFont>

using namespace Qt::StringLiterals;

namespace vl {

RoleAssignmentTable::RoleAssignmentTable(RoleAssignmentModel &model)
    : QAbstractTableModel(&model)
    , m_model(model)
{}

RoleAssignmentTable::~RoleAssignmentTable() = default;

int RoleAssignmentTable::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_model.rows().size());
}

int RoleAssignmentTable::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RoleAssignmentTable::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RoleAssignmentRow &row = m_model.rows().at(index.row());
    const arm::RoleAssignment &a = row.assignment;
    const PrincipalDirectory &directory = m_model.directory();
    const graph::Principal *principal = directory.find(a.principalId);
    const bool unknown = principal && !principal->isResolved();
    const bool inherited = m_model.isInherited(a.scope);

    switch (role) {
    case RoleAssignmentModel::AssignmentIdRole:
        return a.id;
    case RoleAssignmentModel::PrincipalIdRole:
        return a.principalId;
    case RoleAssignmentModel::RoleDefinitionIdRole:
        return a.roleDefinitionId;
    case RoleAssignmentModel::ScopeRole:
        return a.scope;
    case RoleAssignmentModel::InheritedRole:
        return inherited;
    case RoleAssignmentModel::StagedRole:
        return int(row.staged);
    case Qt::FontRole:
        if (row.staged == RoleAssignmentRow::Staged::Removed
            || (unknown && index.column() == PrincipalColumn)) {
            QFont font;
            font.setStrikeOut(row.staged == RoleAssignmentRow::Staged::Removed);
            font.setItalic(unknown && index.column() == PrincipalColumn);
            return font;
        }
        if (row.staged == RoleAssignmentRow::Staged::Added) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    default:
        break;
    }

    switch (index.column()) {
    case PrincipalColumn: {
        const QString label = directory.label(a.principalId);
        if (role == Qt::DisplayRole)
            return label;
        if (role == models::RawValueRole)
            return label.toLower();
        if (role == Qt::DecorationRole)
            return principalIcon(principal ? principal->kind : graph::PrincipalKind::Unknown);
        if (role == Qt::ToolTipRole) {
            if (unknown)
                return tr("The directory does not know %1: the principal was deleted or belongs "
                          "to another tenant. The assignment grants nothing; remove it.")
                    .arg(Presentation::instance().guid(a.principalId));
            QString tip = Presentation::instance().guid(a.principalId);
            if (principal && !principal->userPrincipalName.isEmpty())
                tip = QString(principal->userPrincipalName + u'\n' + tip);
            return tip;
        }
        return {};
    }
    case TypeColumn: {
        QString type = principal && principal->isResolved() ? directory.kindLabel(a.principalId)
                                                            : a.principalType;
        if (role == Qt::DisplayRole || role == models::RawValueRole)
            return type;
        return {};
    }
    case RoleColumn: {
        const QString name = m_model.roleName(a.roleDefinitionId);
        if (role == Qt::DisplayRole || role == models::RawValueRole)
            return name;
        if (role == Qt::ToolTipRole) {
            const arm::RoleDefinition *d = m_model.roleDefinition(a.roleDefinitionId);
            return d ? d->description : Presentation::instance().text(a.roleDefinitionId);
        }
        return {};
    }
    case ScopeColumn:
        if (role == Qt::DisplayRole)
            return m_model.scopeLabel(a.scope);
        if (role == models::RawValueRole)
            return a.scope.toLower();
        if (role == Qt::ToolTipRole)
            return Presentation::instance().text(a.scope);
        return {};
    case InheritedColumn:
        if (role == Qt::DisplayRole)
            return inherited ? tr("Yes") : tr("No");
        if (role == models::RawValueRole)
            return inherited;
        if (role == Qt::ToolTipRole && inherited)
            return tr("Made at %1; change it there.").arg(m_model.scopePhrase(a.scope));
        return {};
    case StagedColumn:
        if (role == Qt::DisplayRole) {
            switch (row.staged) {
            case RoleAssignmentRow::Staged::Added:
                return tr("Added");
            case RoleAssignmentRow::Staged::Removed:
                return tr("Removed");
            case RoleAssignmentRow::Staged::None:
                return QString();
            }
        }
        if (role == models::RawValueRole)
            return int(row.staged);
        return {};
    default:
        return {};
    }
}

QVariant RoleAssignmentTable::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PrincipalColumn:
        return tr("Principal");
    case TypeColumn:
        return tr("Type");
    case RoleColumn:
        return tr("Role");
    case ScopeColumn:
        return tr("Scope");
    case InheritedColumn:
        return tr("Inherited");
    case StagedColumn:
        return tr("Staged");
    default:
        return {};
    }
}

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#include "RoleOperationsModel.h"

#include "ModelRoles.h"
#include "access/RbacEvaluator.h"

#include <QColor>
#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace vl::models {

RoleOperationsModel::RoleOperationsModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_allowed(access::Operations::all().size())
{}

void RoleOperationsModel::setRole(const std::optional<arm::RoleDefinition> &role)
{
    m_role = role;
    const auto &ops = access::Operations::all();
    for (qsizetype i = 0; i < ops.size(); ++i) {
        if (!role) {
            m_allowed[i] = std::nullopt;
            continue;
        }
        m_allowed[i] = access::RbacEvaluator::roleAllows(*role, ops[i].dataAction, true);
    }
    if (!ops.isEmpty())
        Q_EMIT dataChanged(index(0, AllowedColumn), index(int(ops.size()) - 1, AllowedColumn));
}

std::optional<bool> RoleOperationsModel::allowed(int row) const
{
    return m_allowed.value(row);
}

int RoleOperationsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(access::Operations::all().size());
}

int RoleOperationsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RoleOperationsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const access::OperationInfo &op = access::Operations::all()[index.row()];
    const bool display = role == Qt::DisplayRole;
    switch (index.column()) {
    case OperationColumn:
        if (display)
            return QCoreApplication::translate("vl::access::Operations", op.displayName);
        if (role == RawValueRole)
            return QString::fromLatin1(op.id);
        if (role == Qt::ToolTipRole)
            return QString(QString::fromLatin1(op.method) + u' ' + op.path);
        break;
    case PermissionColumn:
        if (display || role == RawValueRole)
            return QString(access::wireName(op.kind) + u' ' + op.permissions.join(u" | "_s));
        break;
    case DataActionColumn:
        if (display || role == RawValueRole)
            return op.dataAction;
        if (role == Qt::ToolTipRole && !op.documented)
            return tr("Inferred: no published source names the data action for this operation.");
        break;
    case AllowedColumn: {
        const std::optional<bool> a = m_allowed.value(index.row());
        if (role == RawValueRole)
            return a ? QVariant(*a) : QVariant();
        if (display && a)
            return *a ? tr("\u2713 Allowed") : tr("\u2717 Denied");
        if (role == Qt::ForegroundRole && a)
            return *a ? QColor(0x1b, 0x6e, 0x20) : QColor(0xb0, 0x1c, 0x1c);
        break;
    }
    default:
        break;
    }
    return {};
}

QVariant RoleOperationsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case OperationColumn:
        return tr("Operation");
    case PermissionColumn:
        return tr("Access policy permission");
    case DataActionColumn:
        return tr("RBAC data action");
    case AllowedColumn:
        return tr("This role");
    default:
        return {};
    }
}

} // namespace vl::models

// SPDX-License-Identifier: GPL-3.0-or-later
#include "RoleDefinitionModel.h"

#include "ModelRoles.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace vl::models {
namespace {

int dataActionCount(const arm::RoleDefinition &d)
{
    int n = 0;
    for (const arm::RolePermission &p : d.permissions)
        n += int(p.dataActions.size());
    return n;
}

bool isKeyVaultRole(const arm::RoleDefinition &d)
{
    return d.roleName.startsWith("Key Vault"_L1);
}

} // namespace

RoleDefinitionModel::RoleDefinitionModel(const access::RoleCatalogue &catalogue, QObject *parent)
    : QAbstractTableModel(parent)
    , m_catalogue(catalogue)
{}

int RoleDefinitionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_catalogue.definitions().size());
}

int RoleDefinitionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const arm::RoleDefinition *RoleDefinitionModel::definition(int row) const
{
    if (row < 0 || row >= m_catalogue.definitions().size())
        return nullptr;
    return &m_catalogue.definitions()[row];
}

QVariant RoleDefinitionModel::data(const QModelIndex &index, int role) const
{
    const arm::RoleDefinition *d = index.isValid() ? definition(index.row()) : nullptr;
    if (!d)
        return {};
    const bool display = role == Qt::DisplayRole;
    const bool raw = role == RawValueRole;
    switch (index.column()) {
    case NameColumn:
        if (display || raw)
            return d->roleName;
        if (role == Qt::ToolTipRole)
            return d->id;
        break;
    case KindColumn:
        if (raw)
            return isKeyVaultRole(*d);
        if (display)
            return isKeyVaultRole(*d) ? tr("Key Vault") : tr("General");
        break;
    case DataActionsColumn:
        if (raw)
            return dataActionCount(*d);
        if (display) {
            const int n = dataActionCount(*d);
            if (n == 0)
                return tr("none");
            return n == 1 ? tr("1 data action") : tr("%1 data actions").arg(QLocale().toString(n));
        }
        break;
    case DescriptionColumn:
        if (display || raw || role == Qt::ToolTipRole)
            return d->description;
        break;
    default:
        break;
    }
    return {};
}

QVariant RoleDefinitionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Role");
    case KindColumn:
        return tr("Kind");
    case DataActionsColumn:
        return tr("Data plane");
    case DescriptionColumn:
        return tr("Description");
    default:
        return {};
    }
}

} // namespace vl::models

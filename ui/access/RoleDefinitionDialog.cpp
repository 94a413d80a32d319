// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/RoleDefinitionDialog.h"

#include "ModelRoles.h"
#include "RoleOperationsModel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {

namespace {

QStringList collect(const arm::RoleDefinition &role, QStringList arm::RolePermission::*member)
{
    QStringList out;
    for (const arm::RolePermission &p : role.permissions)
        out += p.*member;
    return out;
}

} // namespace

RoleDefinitionDialog::RoleDefinitionDialog(const arm::RoleDefinition &role, QWidget *parent)
    : QDialog(parent)
    , m_role(role)
    , m_tabs(new QTabWidget(this))
    , m_operations(new models::RoleOperationsModel(this))
{
    setObjectName(u"roleDefinitionDialog"_s);
    setWindowTitle(tr("Role: %1").arg(role.roleName));
    resize(760, 560);

    auto *name = new QLabel(role.roleName, this);
    name->setObjectName(u"roleName"_s);
    QFont bold = name->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    name->setFont(bold);
    name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *kind = new QLabel(role.roleType.compare(u"CustomRole"_s, Qt::CaseInsensitive) == 0
                                ? tr("Custom role")
                                : tr("Built-in role"),
                            this);
    kind->setObjectName(u"roleKind"_s);
    auto *description = new QLabel(role.description, this);
    description->setObjectName(u"roleDescription"_s);
    description->setWordWrap(true);
    description->setTextFormat(Qt::PlainText);
    description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *id = new QLabel(role.name, this);
    id->setObjectName(u"roleId"_s);
    id->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("Role:"), name);
    form->addRow(tr("Kind:"), kind);
    form->addRow(tr("Description:"), description);
    form->addRow(tr("Definition id:"), id);

    m_tabs->setObjectName(u"roleTabs"_s);
    m_tabs->setAccessibleName(tr("Permissions of the role"));
    addList(u"roleDataActions"_s, tr("&Data actions"),
            collect(role, &arm::RolePermission::dataActions));
    addList(u"roleNotDataActions"_s, tr("N&ot data actions"),
            collect(role, &arm::RolePermission::notDataActions));
    addList(u"roleActions"_s, tr("&Actions"), collect(role, &arm::RolePermission::actions));
    addList(u"roleNotActions"_s, tr("&Not actions"),
            collect(role, &arm::RolePermission::notActions));

    // What the role allows on the data plane, as the role explorer shows it.
    m_operations->setRole(role);
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_operations);
    proxy->setSortRole(models::RawValueRole);
    auto *operations = new QTableView(this);
    operations->setObjectName(u"roleOperations"_s);
    operations->setAccessibleName(tr("Data-plane operations the role allows at vault scope"));
    operations->setModel(proxy);
    operations->setSortingEnabled(true);
    operations->sortByColumn(models::RoleOperationsModel::AllowedColumn, Qt::DescendingOrder);
    operations->setSelectionBehavior(QAbstractItemView::SelectRows);
    operations->setWordWrap(false);
    operations->verticalHeader()->hide();
    operations->horizontalHeader()->setStretchLastSection(true);
    operations->resizeColumnsToContents();
    m_tabs->addTab(operations, tr("Data-plane &operations"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(u"roleDialogButtons"_s);
    buttons->button(QDialogButtonBox::Close)->setObjectName(u"closeButton"_s);
    buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);
}

RoleDefinitionDialog::~RoleDefinitionDialog() = default;

QListWidget *RoleDefinitionDialog::addList(const QString &objectName, const QString &title,
                                           const QStringList &entries)
{
    auto *list = new QListWidget(this);
    list->setObjectName(objectName);
    list->setAccessibleName(QString(title).remove(u'&'));
    list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    if (entries.isEmpty()) {
        auto *none = new QListWidgetItem(tr("(none)"), list);
        none->setFlags(Qt::NoItemFlags);
    } else {
        list->addItems(entries);
    }
    m_tabs->addTab(list, tr("%1 (%2)").arg(title).arg(entries.size()));
    return list;
}

QStringList RoleDefinitionDialog::entries(const QString &listName) const
{
    const QString objectName = u"role"_s + listName.left(1).toUpper() + listName.mid(1);
    const auto *list = findChild<QListWidget *>(objectName);
    QStringList out;
    if (!list)
        return out;
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->flags() != Qt::NoItemFlags)
            out << list->item(i)->text();
    return out;
}

} // namespace vl::ui

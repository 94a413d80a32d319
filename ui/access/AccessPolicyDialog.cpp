// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/AccessPolicyDialog.h"

#include "AccessPolicyFormat.h"
#include "AccessPolicyModel.h"
#include "Presentation.h"
#include "PrincipalDirectory.h"
#include "access/PermissionCatalogue.h"
#include "access/PermissionTemplates.h"
#include "access/PrincipalPicker.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {

using access::ObjectKind;
using access::PermissionCatalogue;
using access::PermissionGroup;
namespace ap = accesspolicy;

namespace {

constexpr int NameRole = Qt::UserRole + 1;

QString groupName(ObjectKind kind, PermissionGroup group)
{
    const QString what = ap::categoryName(kind);
    switch (group) {
    case PermissionGroup::Management:
        return AccessPolicyDialog::tr("%1 management").arg(what);
    case PermissionGroup::Cryptographic:
        return AccessPolicyDialog::tr("Cryptographic operations");
    case PermissionGroup::Privileged:
        return AccessPolicyDialog::tr("Privileged operations");
    case PermissionGroup::Rotation:
        return AccessPolicyDialog::tr("Rotation policy");
    case PermissionGroup::Issuers:
        return AccessPolicyDialog::tr("Contacts and issuers");
    case PermissionGroup::Sas:
        return AccessPolicyDialog::tr("SAS definitions");
    case PermissionGroup::All:
        break;
    }
    return AccessPolicyDialog::tr("All");
}

} // namespace

AccessPolicyDialog::AccessPolicyDialog(AccessPolicyModel &model, QWidget *parent)
    : QDialog(parent)
    , m_model(model)
    , m_principalLabel(new QLabel(this))
    , m_picker(new PrincipalPicker(model.directory(), this))
    , m_template(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Add access policy"));
    setObjectName(u"accessPolicyDialog"_s);

    m_principalLabel->setObjectName(u"policyPrincipal"_s);
    m_principalLabel->setTextFormat(Qt::PlainText);
    m_principalLabel->hide();
    m_picker->setObjectName(u"principalPicker"_s);
    m_picker->setAccessibleName(tr("Principal"));
    // Access policies name users, groups, service principals and managed identities.
    m_picker->setKinds({graph::PrincipalKind::User, graph::PrincipalKind::Group,
                        graph::PrincipalKind::ServicePrincipal,
                        graph::PrincipalKind::ManagedIdentity});

    m_template->setObjectName(u"permissionTemplate"_s);
    m_template->setAccessibleName(tr("Permission template"));
    m_template->addItem(tr("Custom"), QString());
    for (const access::PermissionTemplate &t : access::PermissionTemplates::all())
        m_template->addItem(
            QCoreApplication::translate("vl::access::PermissionTemplates", t.displayName), t.id);

    auto *principalBox = new QGroupBox(tr("&Principal"), this);
    auto *principalLayout = new QVBoxLayout(principalBox);
    principalLayout->addWidget(m_principalLabel);
    principalLayout->addWidget(m_picker);

    auto *templateRow = new QFormLayout;
    auto *templateLabel = new QLabel(tr("&Template:"), this);
    templateLabel->setBuddy(m_template);
    templateRow->addRow(templateLabel, m_template);

    auto *grid = new QGridLayout;
    int column = 0;
    for (ObjectKind kind : access::allObjectKinds) {
        auto *label = new QLabel(ap::categoryName(kind), this);
        QFont bold = label->font();
        bold.setBold(true);
        label->setFont(bold);
        QTreeWidget *tree = makeTree(kind);
        label->setBuddy(tree);
        grid->addWidget(label, 0, column);
        grid->addWidget(tree, 1, column);
        ++column;
    }

    m_summary->setObjectName(u"policySummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_buttons->setObjectName(u"policyButtons"_s);
    okButton()->setObjectName(u"policyOkButton"_s);
    okButton()->setAccessibleName(tr("Stage the access policy"));
    okButton()->setText(tr("Stage"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"policyCancelButton"_s);
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(principalBox, 1);
    layout->addLayout(templateRow);
    layout->addLayout(grid, 3);
    layout->addWidget(m_summary);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &AccessPolicyDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AccessPolicyDialog::reject);
    connect(m_picker, &PrincipalPicker::selectedChanged, this, &AccessPolicyDialog::updateOk);
    // The model refuses staging while it applies: OK waits until the apply is over.
    connect(&m_model, &StagedEditor::busyChanged, this, &AccessPolicyDialog::updateOk);
    connect(m_template, &QComboBox::activated, this, [this](int index) {
        const QString id = m_template->itemData(index).toString();
        if (const access::PermissionTemplate *t = access::PermissionTemplates::find(id))
            setPermissions(t->permissions);
    });
    setTabOrder(m_picker, m_template);
    resize(1040, 760);
    ticksChanged();
}

AccessPolicyDialog::~AccessPolicyDialog() = default;

QPushButton *AccessPolicyDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QTreeWidget *AccessPolicyDialog::permissionTree(ObjectKind kind) const
{
    return m_trees.value(int(kind));
}

QTreeWidget *AccessPolicyDialog::makeTree(ObjectKind kind)
{
    auto *tree = new QTreeWidget(this);
    tree->setObjectName(u"permissions_"_s + access::wireName(kind));
    tree->setAccessibleName(tr("%1 permissions").arg(ap::categoryName(kind)));
    tree->setHeaderHidden(true);
    tree->setRootIsDecorated(true);
    tree->setMinimumWidth(200);
    QHash<QString, QTreeWidgetItem *> &items = m_items[int(kind)];
    QHash<int, QTreeWidgetItem *> groups;
    for (const access::PermissionInfo &p : PermissionCatalogue::permissions(kind)) {
        QTreeWidgetItem *item = nullptr;
        if (p.group == PermissionGroup::All) {
            item = new QTreeWidgetItem(tree);
            item->setText(0, tr("all (everything but purge)"));
        } else {
            QTreeWidgetItem *&group = groups[int(p.group)];
            if (!group) {
                group = new QTreeWidgetItem(tree);
                group->setText(0, groupName(kind, p.group));
                group->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable
                                | Qt::ItemIsAutoTristate);
                group->setCheckState(0, Qt::Unchecked);
                group->setExpanded(true);
            }
            item = new QTreeWidgetItem(group);
            item->setText(0, p.name);
        }
        item->setData(0, NameRole, p.name);
        item->setToolTip(
            0, QCoreApplication::translate("vl::access::PermissionCatalogue", p.description));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(0, Qt::Unchecked);
        items.insert(p.name.toLower(), item);
    }
    tree->expandAll();
    connect(tree, &QTreeWidget::itemChanged, this,
            [this, kind](QTreeWidgetItem *item, int) { itemChanged(kind, item); });
    m_trees.insert(int(kind), tree);
    return tree;
}

void AccessPolicyDialog::itemChanged(ObjectKind kind, QTreeWidgetItem *item)
{
    if (m_updating)
        return;
    if (item->data(0, NameRole).toString() == "all"_L1) {
        m_updating = true;
        syncAll(kind);
        m_updating = false;
    }
    ticksChanged();
}

void AccessPolicyDialog::syncAll(ObjectKind kind)
{
    // `all` grants every permission but purge: those are shown ticked and locked.
    const QHash<QString, QTreeWidgetItem *> &items = m_items[int(kind)];
    QTreeWidgetItem *all = items.value(u"all"_s);
    const bool on = all && all->checkState(0) == Qt::Checked;
    for (auto it = items.cbegin(); it != items.cend(); ++it) {
        if (it.key() == "all"_L1)
            continue;
        const bool covered = PermissionCatalogue::grants(kind, {u"all"_s}, it.key());
        if (!covered)
            continue;
        QTreeWidgetItem *item = it.value();
        Qt::ItemFlags flags = item->flags();
        flags.setFlag(Qt::ItemIsEnabled, !on);
        item->setFlags(flags);
        if (on)
            item->setCheckState(0, Qt::Checked);
    }
}

arm::Permissions AccessPolicyDialog::permissions() const
{
    arm::Permissions out;
    for (ObjectKind kind : access::allObjectKinds) {
        const QHash<QString, QTreeWidgetItem *> &items = m_items[int(kind)];
        const bool all = items.value(u"all"_s)->checkState(0) == Qt::Checked;
        QStringList names;
        for (const access::PermissionInfo &p : PermissionCatalogue::permissions(kind)) {
            if (items.value(p.name.toLower())->checkState(0) != Qt::Checked)
                continue;
            // With `all`, only what it does not grant is listed beside it.
            if (all && p.group != PermissionGroup::All
                && PermissionCatalogue::grants(kind, {u"all"_s}, p.name))
                continue;
            names.append(p.name);
        }
        if (!names.isEmpty() || kind != ObjectKind::Storage)
            ap::setList(out, kind, names);
    }
    return out;
}

void AccessPolicyDialog::setPermissions(const arm::Permissions &permissions)
{
    m_updating = true;
    for (ObjectKind kind : access::allObjectKinds) {
        const QSet<QString> held = ap::nameSet(ap::list(permissions, kind));
        QHash<QString, QTreeWidgetItem *> &items = m_items[int(kind)];
        items.value(u"all"_s)->setCheckState(0,
                                             held.contains(u"all"_s) ? Qt::Checked : Qt::Unchecked);
        syncAll(kind);
        for (auto it = items.begin(); it != items.end(); ++it)
            if (it.key() != "all"_L1 && (it.value()->flags() & Qt::ItemIsEnabled))
                it.value()->setCheckState(0, held.contains(it.key()) ? Qt::Checked : Qt::Unchecked);
    }
    m_updating = false;
    ticksChanged();
}

bool AccessPolicyDialog::setPermissionChecked(ObjectKind kind, const QString &name, bool checked)
{
    QTreeWidgetItem *item = m_items[int(kind)].value(name.toLower());
    if (!item)
        return false;
    item->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
    return true;
}

bool AccessPolicyDialog::isPermissionChecked(ObjectKind kind, const QString &name) const
{
    const QTreeWidgetItem *item = m_items[int(kind)].value(name.toLower());
    return item && item->checkState(0) == Qt::Checked;
}

bool AccessPolicyDialog::chooseTemplate(const QString &templateId)
{
    const int index = m_template->findData(templateId);
    const access::PermissionTemplate *t = access::PermissionTemplates::find(templateId);
    if (index < 0 || !t)
        return false;
    m_template->setCurrentIndex(index);
    setPermissions(t->permissions);
    return true;
}

QString AccessPolicyDialog::currentTemplateId() const
{
    return m_template->currentData().toString();
}

void AccessPolicyDialog::ticksChanged()
{
    const arm::Permissions now = permissions();
    int match = 0;
    for (int i = 1; i < m_template->count(); ++i) {
        const auto *t = access::PermissionTemplates::find(m_template->itemData(i).toString());
        if (t && ap::samePermissions(t->permissions, now)) {
            match = i;
            break;
        }
    }
    m_template->setCurrentIndex(match);
    const QStringList lines = ap::lines(now);
    m_summary->setText(lines.isEmpty() ? tr("No permission ticked.")
                                       : tr("Grants %1.").arg(lines.join(u"; "_s)));
    updateOk();
}

void AccessPolicyDialog::updateOk()
{
    const bool principal = m_editing.has_value() || m_picker->selected().has_value();
    const bool any = !ap::lines(permissions()).isEmpty();
    okButton()->setEnabled(!m_model.isApplying() && principal && (any || m_editing.has_value()));
}

void AccessPolicyDialog::editEntry(const arm::AccessPolicyEntry &entry)
{
    m_editing = entry;
    setWindowTitle(tr("Edit access policy"));
    m_picker->hide();
    m_principalLabel->setText(m_model.principalLabel(entry) + u" — "_s
                              + m_model.directory().kindLabel(entry.objectId));
    m_principalLabel->show();
    setPermissions(entry.permissions);
}

void AccessPolicyDialog::setPrincipal(const graph::Principal &principal)
{
    m_picker->setSelected(principal);
    updateOk();
}

void AccessPolicyDialog::accept()
{
    if (!okButton()->isEnabled() || m_model.isApplying())
        return;
    const arm::Permissions wanted = permissions();
    if (m_editing) {
        m_model.stageReplace(m_editing->objectId, m_editing->applicationId, wanted);
    } else {
        const std::optional<graph::Principal> p = m_picker->selected();
        if (!p)
            return;
        arm::AccessPolicyEntry e;
        e.tenantId = m_model.vaultTenantId();
        e.objectId = p->id;
        e.permissions = wanted;
        m_model.directory().insert(*p);
        m_model.stageAdd(e);
    }
    QDialog::accept();
}

} // namespace vl::ui

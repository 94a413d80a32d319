// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccessView.h"

#include "AccessPolicyDialog.h"
#include "AccessPolicyEditor.h"
#include "AccessPolicyModel.h"
#include "AssignRoleDialog.h"
#include "PermissionModelDialog.h"
#include "PermissionModelSwitch.h"
#include "RoleAssignmentEditor.h"
#include "RoleDefinitionDialog.h"
#include "widgets/ErrorBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {
namespace {
constexpr int RolesTab = 0;
constexpr int PoliciesTab = 1;
} // namespace

AccessView::AccessView(Session &session, VaultLocation location, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_location(std::move(location))
    , m_switch(new PermissionModelSwitch(session, m_location, this))
    , m_model(new QLabel(this))
    , m_switchButton(new QPushButton(this))
    , m_error(new ErrorBanner(this))
    , m_tabs(new QTabWidget(this))
    , m_roles(new RoleAssignmentEditor(session, m_location, this))
    , m_policies(new AccessPolicyEditor(session, m_location, this))
{
    setObjectName(u"accessView"_s);
    m_model->setObjectName(u"permissionModelLabel"_s);
    m_model->setWordWrap(true);
    m_model->setTextFormat(Qt::RichText);
    m_switchButton->setObjectName(u"switchPermissionModelButton"_s);
    m_switchButton->setAccessibleName(tr("Switch the permission model"));
    m_switchButton->setEnabled(false);
    m_tabs->setObjectName(u"accessTabs"_s);
    m_tabs->setAccessibleName(tr("Role assignments and access policies"));
    m_tabs->addTab(m_roles, tr("Role assignments"));
    m_tabs->addTab(m_policies, tr("Access policies"));

    auto *header = new QHBoxLayout;
    header->addWidget(m_model, 1);
    header->addWidget(m_switchButton, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_error);
    layout->addWidget(m_tabs, 1);

    connect(m_switchButton, &QPushButton::clicked, this, [this] { openSwitchDialog(); });
    connect(m_switch, &PermissionModelSwitch::loaded, this, [this] {
        m_error->clear();
        updateHeader();
        m_tabs->setCurrentIndex(m_switch->usesRbac() ? RolesTab : PoliciesTab);
    });
    connect(m_switch, &PermissionModelSwitch::failed, this, [this](const AzureError &error) {
        if (!m_dialog)
            m_error->showError(error, Service::ResourceManager, tr("Reading the vault"));
    });
    m_model->setText(tr("Reading the vault's permission model…"));
    m_switch->load();
}

AccessView::~AccessView() = default;

void AccessView::reload()
{
    m_switch->load();
    m_roles->reload();
    m_policies->model()->reload();
}

void AccessView::showAccessPolicies(bool policies)
{
    m_tabs->setCurrentIndex(policies ? PoliciesTab : RolesTab);
}

PermissionModelDialog *AccessView::openSwitchDialog()
{
    if (m_dialog || !m_switch->isLoaded())
        return m_dialog;
    m_dialog = new PermissionModelDialog(*m_switch, this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QObject::destroyed, this, [this] { m_dialog = nullptr; });
    connect(m_dialog, &PermissionModelDialog::switched, this, [this] { reload(); });
    m_dialog->open();
    return m_dialog;
}

void AccessView::updateHeader()
{
    const bool rbac = m_switch->usesRbac();
    const QString model = rbac ? tr("Azure role-based access control") : tr("Vault access policy");
    const QString explanation =
        rbac ? tr("Role assignments decide who may use this vault's secrets, keys and "
                  "certificates. Its access policies are kept but grant nothing.")
             : tr("Access policies decide who may use this vault's secrets, keys and "
                  "certificates. Role assignments govern Resource Manager only.");
    m_model->setText(u"<b>"_s + tr("Permission model: %1").arg(model).toHtmlEscaped()
                     + u"</b><br/>"_s + explanation.toHtmlEscaped());
    m_switchButton->setText(rbac ? tr("Switch to vault access policy…")
                                 : tr("Switch to Azure RBAC…"));
    m_switchButton->setEnabled(true);
    m_switchButton->setToolTip(m_switch->canSwitch()
                                   ? QString()
                                   : tr("Your roles here do not allow the switch (it needs %1).")
                                         .arg(PermissionModelSwitch::SwitchAction));
    m_tabs->setTabText(RolesTab, rbac ? tr("Role assignments")
                                      : tr("Role assignments (Resource Manager only)"));
    m_tabs->setTabText(PoliciesTab,
                       rbac ? tr("Access policies (not in effect)") : tr("Access policies"));
}

} // namespace vl::ui

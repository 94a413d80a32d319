// SPDX-License-Identifier: GPL-3.0-or-later
#include "PermissionModelDialog.h"

#include "PermissionModelSwitch.h"
#include "Presentation.h"
#include "PrincipalDirectory.h"
#include "access/RoleCatalogue.h"
#include "widgets/ErrorBanner.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {
namespace {

QString item(const QString &who, const QString &what)
{
    return u"<li><b>"_s + who.toHtmlEscaped() + u"</b>: "_s + what.toHtmlEscaped() + u"</li>"_s;
}

} // namespace

PermissionModelDialog::PermissionModelDialog(PermissionModelSwitch &model, QWidget *parent)
    : QDialog(parent)
    , m_model(model)
    , m_text(new QTextBrowser(this))
    , m_confirm(new QCheckBox(this))
    , m_self(new QCheckBox(this))
    , m_rights(new QLabel(this))
    , m_error(new ErrorBanner(this))
    , m_switch(nullptr)
{
    setObjectName(u"permissionModelDialog"_s);
    setWindowModality(Qt::WindowModal);
    resize(620, 520);
    const bool toRbac = !model.usesRbac();
    setWindowTitle(toRbac ? tr("Switch to Azure role-based access control")
                          : tr("Switch to vault access policies"));

    auto *layout = new QVBoxLayout(this);
    m_text->setObjectName(u"switchConsequences"_s);
    m_text->setAccessibleName(tr("Consequences of the switch"));
    layout->addWidget(m_text, 1);
    m_rights->setObjectName(u"switchRights"_s);
    m_rights->setWordWrap(true);
    layout->addWidget(m_rights);
    layout->addWidget(m_error);

    m_confirm->setObjectName(u"confirmSwitch"_s);
    m_confirm->setText(toRbac ? tr("I understand that every access policy listed above stops "
                                   "granting access at once.")
                              : tr("I understand that every role assignment listed above stops "
                                   "granting data-plane access at once."));
    m_confirm->setAccessibleName(m_confirm->text());
    layout->addWidget(m_confirm);
    m_self->setObjectName(u"confirmSelfLockout"_s);
    m_self->setText(tr("I understand that I will lose access to this vault's secrets, keys and "
                       "certificates myself."));
    m_self->setAccessibleName(m_self->text());
    m_self->setStyleSheet(u"QCheckBox { color: #c62828; font-weight: bold; }"_s);
    layout->addWidget(m_self);

    auto *buttons = new QDialogButtonBox(this);
    m_switch = buttons->addButton(tr("&Switch"), QDialogButtonBox::AcceptRole);
    m_switch->setObjectName(u"switchButton"_s);
    m_switch->setAccessibleName(windowTitle());
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(u"cancelButton"_s);
    cancel->setAccessibleName(tr("Keep the current permission model"));
    layout->addWidget(buttons);

    connect(m_confirm, &QCheckBox::toggled, this, &PermissionModelDialog::updateButton);
    connect(m_self, &QCheckBox::toggled, this, &PermissionModelDialog::updateButton);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_switch, &QPushButton::clicked, this, [this] {
        m_busy = true;
        m_error->clear();
        updateButton();
        m_model.switchModel();
    });
    connect(&m_model, &PermissionModelSwitch::switched, this, [this](bool usesRbac) {
        if (!m_busy)
            return;
        m_busy = false;
        Q_EMIT switched(usesRbac);
        accept();
    });
    connect(&m_model, &PermissionModelSwitch::failed, this, [this](const AzureError &error) {
        if (!m_busy)
            return;
        m_busy = false;
        m_error->showError(error, Service::ResourceManager, tr("Switching the permission model"));
        updateButton();
    });
    connect(&m_model.directory(), &PrincipalDirectory::resolved, this,
            &PermissionModelDialog::render);
    render();
    updateButton();
}

PermissionModelDialog::~PermissionModelDialog() = default;

QString PermissionModelDialog::consequencesText() const
{
    return m_text->toPlainText();
}

void PermissionModelDialog::render()
{
    const PermissionModelConsequences c = m_model.consequences();
    const PrincipalDirectory &directory = m_model.directory();
    const auto who = [&](const QString &id) {
        return QString(directory.label(id) + u" ("_s + directory.kindLabel(id) + u")"_s);
    };
    QString html;
    if (c.toRbac) {
        html += u"<p>"_s
                + tr("After the switch, Azure role assignments alone decide who may use this "
                     "vault's secrets, keys and certificates. Access policies are kept but no "
                     "longer grant anything.")
                + u"</p><p><b>"_s
                + tr("%n access policy entry(ies) stop granting access:", nullptr,
                     int(c.policiesThatStop.size()))
                + u"</b></p><ul>"_s;
        for (const arm::AccessPolicyEntry &e : c.policiesThatStop)
            html += item(who(e.objectId), tr("loses its access policy"));
        html += u"</ul>"_s;
    } else {
        html += u"<p>"_s
                + tr("After the switch, access policies alone decide who may use this vault's "
                     "secrets, keys and certificates. Role assignments still govern Resource "
                     "Manager.")
                + u"</p><p><b>"_s
                + tr("%n role assignment(s) stop granting data-plane access:", nullptr,
                     int(c.assignmentsThatStop.size()))
                + u"</b></p><ul>"_s;
        const auto &roles = access::RoleCatalogue::builtIn();
        for (const arm::RoleAssignment &a : c.assignmentsThatStop) {
            const arm::RoleDefinition *role = roles.find(a.roleDefinitionId);
            html += item(who(a.principalId), role ? role->roleName : a.roleDefinitionId);
        }
        html += u"</ul>"_s;
    }
    html += u"<p><b>"_s + tr("Who keeps access after the switch:") + u"</b></p>"_s;
    if (c.keepers.isEmpty()) {
        html += u"<p style=\"color:#c62828\"><b>"_s
                + (c.toRbac ? tr("Nobody: no role assignment grants data-plane access to this "
                                 "vault. Assign a Key Vault role first, or after the switch.")
                            : tr("Nobody: the vault has no access policy entries."))
                + u"</b></p>"_s;
    } else {
        html += u"<ul>"_s;
        for (const auto &k : c.keepers)
            html += item(who(k.first), k.second);
        html += u"</ul>"_s;
    }
    m_text->setHtml(html);
    m_self->setVisible(!c.selfKeepsAccess);
    if (m_model.canSwitch())
        m_rights->setText(tr("Your roles on this vault allow the switch."));
    else
        m_rights->setText(
            u"<b>"_s
            + tr("Your roles here do not allow the switch: it needs %1 on the vault (Owner, User "
                 "Access Administrator or Role Based Access Control Administrator).")
                  .arg(PermissionModelSwitch::SwitchAction)
                  .toHtmlEscaped()
            + u"</b>"_s);
}

void PermissionModelDialog::updateButton()
{
    const bool selfConfirmed = m_self->isHidden() || m_self->isChecked();
    m_switch->setEnabled(!m_busy && m_model.canSwitch() && m_confirm->isChecked() && selfConfirmed);
}

} // namespace vl::ui

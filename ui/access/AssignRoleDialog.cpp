// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/AssignRoleDialog.h"

#include "RoleAssignmentModel.h"
#include "access/PrincipalPicker.h"
#include "access/RoleCatalogue.h"
#include "access/Validation.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vl::ui {

AssignRoleDialog::AssignRoleDialog(RoleAssignmentModel &model, QWidget *parent)
    : QDialog(parent)
    , m_model(model)
    , m_role(new QComboBox(this))
    , m_description(new QLabel(this))
    , m_vaultScope(new QRadioButton(tr("This &vault"), this))
    , m_objectScope(new QRadioButton(tr("One &object:"), this))
    , m_objectKind(new QComboBox(this))
    , m_objectName(new QLineEdit(this))
    , m_objectStatus(new QLabel(this))
    , m_picker(new PrincipalPicker(model.directory(), this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"assignRoleDialog"_s);
    setWindowTitle(tr("Assign a role on %1").arg(model.location().name));
    resize(620, 620);

    // The Key Vault built-in roles, by name.
    QList<const arm::RoleDefinition *> roles;
    for (const arm::RoleDefinition &d : access::RoleCatalogue::builtIn().definitions())
        if (d.roleName.startsWith(u"Key Vault"_s))
            roles << &d;
    std::sort(roles.begin(), roles.end(), [](const auto *a, const auto *b) {
        return a->roleName.localeAwareCompare(b->roleName) < 0;
    });
    m_role->setObjectName(u"roleCombo"_s);
    m_role->setAccessibleName(tr("Role"));
    for (const arm::RoleDefinition *d : std::as_const(roles))
        m_role->addItem(d->roleName, d->name);
    m_role->setCurrentIndex(-1);
    m_role->setPlaceholderText(tr("Choose a role"));

    m_description->setObjectName(u"roleDescription"_s);
    m_description->setWordWrap(true);
    m_description->setTextFormat(Qt::PlainText);
    m_description->setMinimumHeight(m_description->fontMetrics().lineSpacing() * 3);
    m_description->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    m_vaultScope->setObjectName(u"scopeVault"_s);
    m_vaultScope->setAccessibleName(tr("Scope: this vault"));
    m_vaultScope->setChecked(true);
    m_objectScope->setObjectName(u"scopeObject"_s);
    m_objectScope->setAccessibleName(tr("Scope: one object"));
    auto *scopeGroup = new QButtonGroup(this);
    scopeGroup->addButton(m_vaultScope);
    scopeGroup->addButton(m_objectScope);
    m_objectKind->setObjectName(u"objectKindCombo"_s);
    m_objectKind->setAccessibleName(tr("Kind of object"));
    m_objectKind->addItem(tr("Secret"), int(access::ObjectKind::Secrets));
    m_objectKind->addItem(tr("Key"), int(access::ObjectKind::Keys));
    m_objectKind->addItem(tr("Certificate"), int(access::ObjectKind::Certificates));
    m_objectName->setObjectName(u"objectNameEdit"_s);
    m_objectName->setAccessibleName(tr("Object name"));
    m_objectName->setPlaceholderText(tr("Name of the secret, key or certificate"));
    m_objectName->setMaxLength(access::Validation::MaxObjectNameLength);
    m_objectStatus->setObjectName(u"objectNameStatus"_s);
    m_objectStatus->setTextFormat(Qt::PlainText);
    m_objectStatus->setWordWrap(true);

    auto *scopeBox = new QGroupBox(tr("Scope"), this);
    auto *scopeLayout = new QVBoxLayout(scopeBox);
    scopeLayout->addWidget(m_vaultScope);
    auto *objectRow = new QHBoxLayout;
    objectRow->addWidget(m_objectScope);
    objectRow->addWidget(m_objectKind);
    objectRow->addWidget(m_objectName, 1);
    scopeLayout->addLayout(objectRow);
    scopeLayout->addWidget(m_objectStatus);

    m_picker->setKinds({graph::PrincipalKind::User, graph::PrincipalKind::Group,
                        graph::PrincipalKind::ServicePrincipal,
                        graph::PrincipalKind::ManagedIdentity});
    auto *principalBox = new QGroupBox(tr("Assign to"), this);
    auto *principalLayout = new QVBoxLayout(principalBox);
    principalLayout->addWidget(m_picker);

    m_status->setObjectName(u"assignStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);

    QPushButton *ok = okButton();
    ok->setObjectName(u"okButton"_s);
    ok->setText(tr("&Stage assignment"));
    ok->setAccessibleName(tr("Stage the assignment"));
    QPushButton *cancel = m_buttons->button(QDialogButtonBox::Cancel);
    cancel->setObjectName(u"cancelButton"_s);
    cancel->setAccessibleName(tr("Cancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AssignRoleDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *roleLabel = new QLabel(tr("&Role:"), this);
    roleLabel->setBuddy(m_role);
    auto *note = new QLabel(tr("Nothing is sent until the staged changes are applied."), this);
    note->setWordWrap(true);
    note->setEnabled(false);

    auto *form = new QFormLayout;
    form->addRow(roleLabel, m_role);
    form->addRow(QString(), m_description);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(scopeBox);
    layout->addWidget(principalBox, 1);
    layout->addWidget(m_status);
    layout->addWidget(note);
    layout->addWidget(m_buttons);

    setTabOrder(m_role, m_vaultScope);
    setTabOrder(m_vaultScope, m_objectScope);
    setTabOrder(m_objectScope, m_objectKind);
    setTabOrder(m_objectKind, m_objectName);
    setTabOrder(m_objectName, m_picker->searchField());

    connect(m_role, &QComboBox::currentIndexChanged, this, &AssignRoleDialog::updateState);
    connect(m_vaultScope, &QRadioButton::toggled, this, &AssignRoleDialog::updateState);
    connect(m_objectKind, &QComboBox::currentIndexChanged, this, &AssignRoleDialog::updateState);
    connect(m_objectName, &QLineEdit::textChanged, this, &AssignRoleDialog::updateState);
    connect(m_picker, &PrincipalPicker::selectedChanged, this, &AssignRoleDialog::updateState);
    // The picker reports the current row before the row is selected: follow the selection too.
    if (auto *results = m_picker->findChild<QListWidget *>(u"principalResults"_s))
        connect(results, &QListWidget::itemSelectionChanged, this, &AssignRoleDialog::updateState);
    updateState();
}

AssignRoleDialog::~AssignRoleDialog() = default;

QPushButton *AssignRoleDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

bool AssignRoleDialog::setRole(const QString &nameOrId)
{
    int index = m_role->findText(nameOrId, Qt::MatchFixedString);
    if (index < 0)
        index = m_role->findData(arm::RoleDefinition::guidFromId(nameOrId).toLower());
    if (index < 0)
        return false;
    m_role->setCurrentIndex(index);
    return true;
}

bool AssignRoleDialog::setScope(const QString &scope)
{
    const QString vault = m_model.vaultScope();
    if (scope.compare(vault, Qt::CaseInsensitive) == 0) {
        m_vaultScope->setChecked(true);
        return true;
    }
    if (!scope.startsWith(vault + u'/', Qt::CaseInsensitive))
        return false;
    const QStringList rest = scope.mid(vault.size() + 1).split(u'/');
    const auto kind = access::objectKindFromWireName(rest.value(0).toLower());
    const int index = kind ? m_objectKind->findData(int(*kind)) : -1;
    if (rest.size() != 2 || index < 0)
        return false;
    m_objectScope->setChecked(true);
    m_objectKind->setCurrentIndex(index);
    m_objectName->setText(rest[1]);
    return true;
}

void AssignRoleDialog::setPrincipal(const graph::Principal &principal)
{
    m_picker->setSelected(principal);
}

QString AssignRoleDialog::roleDefinitionId() const
{
    return m_role->currentData().toString();
}

QString AssignRoleDialog::scope() const
{
    if (m_vaultScope->isChecked())
        return m_model.vaultScope();
    const QString name = m_objectName->text().trimmed();
    if (!access::Validation::objectName(name))
        return {};
    return RoleAssignmentModel::objectScope(
        m_model.vaultScope(), access::ObjectKind(m_objectKind->currentData().toInt()), name);
}

void AssignRoleDialog::updateState()
{
    const arm::RoleDefinition *role = access::RoleCatalogue::builtIn().find(roleDefinitionId());
    m_description->setText(role ? role->description : tr("Choose the role to assign."));

    const bool object = m_objectScope->isChecked();
    m_objectKind->setEnabled(object);
    m_objectName->setEnabled(object);
    QString objectProblem;
    if (object) {
        const QString name = m_objectName->text().trimmed();
        const access::ValidationResult valid = access::Validation::objectName(name);
        if (name.isEmpty())
            objectProblem =
                tr("Enter the name of the %1.").arg(m_objectKind->currentText().toLower());
        else if (!valid)
            objectProblem = tr("Not a valid name: %1").arg(valid.message);
    }
    m_objectStatus->setText(object && objectProblem.isEmpty()
                                ? tr("Only this %1 is covered; the role grants nothing on the "
                                     "vault's other objects.")
                                      .arg(m_objectKind->currentText().toLower())
                                : objectProblem);
    m_objectStatus->setVisible(object);

    const bool ready = role && objectProblem.isEmpty() && m_picker->selected().has_value();
    okButton()->setEnabled(ready);
    m_status->clear();
}

void AssignRoleDialog::accept()
{
    const std::optional<graph::Principal> principal = m_picker->selected();
    const QString where = scope();
    if (!principal || roleDefinitionId().isEmpty() || where.isEmpty()) {
        m_status->setText(tr("Choose a role, a scope and a principal."));
        return;
    }
    const access::ValidationResult staged =
        m_model.stageAssign(*principal, roleDefinitionId(), where);
    if (!staged) {
        m_status->setText(staged.message);
        return;
    }
    QDialog::accept();
}

} // namespace vl::ui

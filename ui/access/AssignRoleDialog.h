// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/Principal.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace vl {
class RoleAssignmentModel;
}

namespace vl::ui {

class PrincipalPicker;

/**
 * @brief Stages a new role assignment in a RoleAssignmentModel: a Key Vault
 * built-in role (its description shown), the scope (this vault, or one secret,
 * key or certificate), and the principal found by name in the directory.
 *
 * OK stages the assignment (nothing is sent); when the model refuses it, the
 * reason is shown and the dialog stays open.
 *
 * Object names: `roleCombo`, `roleDescription`, `scopeVault`, `scopeObject`,
 * `objectKindCombo`, `objectNameEdit`, `objectNameStatus`, the picker's
 * (`principalSearch`, `principalResults`), `assignStatus`, `okButton`, `cancelButton`.
 */
class AssignRoleDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AssignRoleDialog)

public:
    explicit AssignRoleDialog(RoleAssignmentModel &model, QWidget *parent = nullptr);
    ~AssignRoleDialog() override;

    /// Chooses the role named @p nameOrId (role name or definition id); false when not offered.
    bool setRole(const QString &nameOrId);
    /// Chooses the scope: the vault's id, or one object's scope below it; false otherwise.
    bool setScope(const QString &scope);
    /// Shows @p principal as the chosen one.
    void setPrincipal(const graph::Principal &principal);

    /// The chosen role's definition GUID; empty when none.
    [[nodiscard]] QString roleDefinitionId() const;
    /// The scope as chosen; empty when an object's name is missing or not valid.
    [[nodiscard]] QString scope() const;
    [[nodiscard]] PrincipalPicker *picker() const { return m_picker; }
    [[nodiscard]] QComboBox *roleCombo() const { return m_role; }
    [[nodiscard]] QPushButton *okButton() const;

public Q_SLOTS:
    /// Stages the assignment; closes only when the model took it.
    void accept() override;

private:
    void updateState();

    RoleAssignmentModel &m_model;
    QComboBox *m_role;
    QLabel *m_description;
    QRadioButton *m_vaultScope;
    QRadioButton *m_objectScope;
    QComboBox *m_objectKind;
    QLineEdit *m_objectName;
    QLabel *m_objectStatus;
    PrincipalPicker *m_picker;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
};

} // namespace vl::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/ObjectKind.h"
#include "arm/Vault.h"
#include "graph/Principal.h"

#include <QDialog>
#include <QHash>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace vl {
class AccessPolicyModel;
}

namespace vl::ui {

class PrincipalPicker;

/**
 * @brief Adds or edits one access-policy entry: the principal (searched in
 * Graph when adding, fixed when editing), a portal template, and the full
 * permission catalogue as four check lists (keys, secrets, certificates,
 * storage) grouped as the portal groups them, each permission's meaning as
 * its tooltip.
 *
 * OK stages the entry in the model (nothing is sent).
 * Object names: `policyPrincipal` (label, editing), `principalPicker`,
 * `permissionTemplate` (combo), `permissions_keys|secrets|certificates|storage` (trees),
 * `policyButtons` (button box).
 */
class AccessPolicyDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessPolicyDialog)

public:
    /// A dialog that adds an entry (the principal is picked in it).
    explicit AccessPolicyDialog(AccessPolicyModel &model, QWidget *parent = nullptr);
    ~AccessPolicyDialog() override;

    /// Edits the entry of @p entry's principal instead: fixed principal, its permissions ticked.
    void editEntry(const arm::AccessPolicyEntry &entry);
    /// Pre-selects @p principal (adding).
    void setPrincipal(const graph::Principal &principal);
    [[nodiscard]] bool isEditing() const { return m_editing.has_value(); }

    /// The ticked permissions.
    [[nodiscard]] arm::Permissions permissions() const;
    void setPermissions(const arm::Permissions &permissions);
    /// Ticks or clears one permission; false when the catalogue has no such permission.
    bool setPermissionChecked(access::ObjectKind kind, const QString &name, bool checked);
    [[nodiscard]] bool isPermissionChecked(access::ObjectKind kind, const QString &name) const;
    /// Chooses a template by id ("secret-management"); false when unknown.
    bool chooseTemplate(const QString &templateId);
    /// The template the ticks match, or empty ("Custom").
    [[nodiscard]] QString currentTemplateId() const;

    [[nodiscard]] PrincipalPicker *picker() const { return m_picker; }
    [[nodiscard]] QComboBox *templateCombo() const { return m_template; }
    [[nodiscard]] QTreeWidget *permissionTree(access::ObjectKind kind) const;
    [[nodiscard]] QPushButton *okButton() const;

    /// Stages the entry and closes.
    void accept() override;

private:
    QTreeWidget *makeTree(access::ObjectKind kind);
    void itemChanged(access::ObjectKind kind, QTreeWidgetItem *item);
    void syncAll(access::ObjectKind kind);
    void ticksChanged();
    void updateOk();

    AccessPolicyModel &m_model;
    std::optional<arm::AccessPolicyEntry> m_editing;
    QLabel *m_principalLabel;
    PrincipalPicker *m_picker;
    QComboBox *m_template;
    QHash<int, QTreeWidget *> m_trees;                     ///< by ObjectKind
    QHash<int, QHash<QString, QTreeWidgetItem *>> m_items; ///< kind -> lower name
    QLabel *m_summary;
    QDialogButtonBox *m_buttons;
    bool m_updating = false;
};

} // namespace vl::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QPushButton;
class QTextBrowser;

namespace vl {
class PermissionModelSwitch;
}

namespace vl::ui {

class ErrorBanner;

/**
 * @brief Switching a vault between vault access policies and Azure RBAC: the
 * concrete consequence first (which policies or role assignments stop granting
 * access, who keeps it), then a confirmation, then the switch and its read-back.
 *
 * The Switch button stays disabled until the consequence is confirmed (and, when
 * the signed-in user keeps no data-plane access, that too), and when the
 * caller's roles do not allow the switch.
 *
 * Object names: `switchConsequences` (text browser), `confirmSwitch`,
 * `confirmSelfLockout` (check boxes), `switchButton`, `cancelButton`.
 */
class PermissionModelDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PermissionModelDialog)

public:
    /// @p model must be loaded.
    explicit PermissionModelDialog(PermissionModelSwitch &model, QWidget *parent = nullptr);
    ~PermissionModelDialog() override;

    [[nodiscard]] QString consequencesText() const;
    [[nodiscard]] QPushButton *switchButton() const { return m_switch; }

Q_SIGNALS:
    /// The switch was made and read back.
    void switched(bool usesRbac);

private:
    void render();
    void updateButton();

    PermissionModelSwitch &m_model;
    QTextBrowser *m_text;
    QCheckBox *m_confirm;
    QCheckBox *m_self;
    QLabel *m_rights;
    ErrorBanner *m_error;
    QPushButton *m_switch;
    bool m_busy = false;
};

} // namespace vl::ui

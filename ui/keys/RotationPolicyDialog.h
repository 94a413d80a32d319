// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "vault/Key.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace vl::ui {

/**
 * @brief Edits a key's rotation policy: the expiry of new versions
 * (`expiryTime`, an ISO 8601 duration of at least 28 days) and the lifetime
 * actions Rotate and Notify, each triggered a duration after creation or
 * before expiry. Durations are checked as typed; OK stays disabled while any
 * is invalid.
 */
class RotationPolicyDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RotationPolicyDialog)

public:
    /// Shows @p policy of the key @p keyName; members not edited here are kept.
    RotationPolicyDialog(const QString &keyName, const vault::KeyRotationPolicy &policy,
                         QWidget *parent = nullptr);

    /// The policy as edited (what setKeyRotationPolicy() sends).
    [[nodiscard]] vault::KeyRotationPolicy policy() const;
    /// Why it cannot be sent; empty when it can.
    [[nodiscard]] QString problem() const;

private:
    struct ActionRow
    {
        QCheckBox *enabled = nullptr;
        QComboBox *trigger = nullptr;
        QLineEdit *duration = nullptr;
    };
    ActionRow makeRow(const QString &type, const QString &label);
    void showAction(ActionRow &row, const QList<vault::KeyLifetimeAction> &actions,
                    const QString &type);
    [[nodiscard]] QString rowProblem(const ActionRow &row, const QString &label) const;
    void validate();

    vault::KeyRotationPolicy m_policy;
    QLineEdit *m_expiry;
    ActionRow m_rotate;
    ActionRow m_notify;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace vl::ui

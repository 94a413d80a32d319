// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "vault/Key.h"

#include <QDialog>
#include <QMap>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace vl::ui {

class OptionalDateTimeEdit;

/**
 * @brief Asks for a new key: its name (checked as typed), RSA 2048, 3072 or
 * 4096 or EC P-256, P-384, P-521 or P-256K, in software or an HSM, the
 * operations it allows, enabled, activation and expiry dates, and tags.
 *
 * OK stays disabled while anything is invalid; the reason is shown inline.
 */
class CreateKeyDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateKeyDialog)

public:
    explicit CreateKeyDialog(QWidget *parent = nullptr);

    /// The name typed.
    [[nodiscard]] QString name() const;
    /// What createKey() sends.
    [[nodiscard]] vault::KeyCreateParameters parameters() const;
    /// Why the input cannot be sent; empty when it can.
    [[nodiscard]] QString problem() const;

    /// Every operation a key can allow, in the order shown.
    [[nodiscard]] static QStringList allOperations();

private:
    void validate();
    void typeChanged();

    QLineEdit *m_name;
    QComboBox *m_type;
    QComboBox *m_size;
    QCheckBox *m_hsm;
    QMap<QString, QCheckBox *> m_operations;
    QCheckBox *m_enabled;
    OptionalDateTimeEdit *m_activation;
    OptionalDateTimeEdit *m_expiry;
    QLineEdit *m_tags;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace vl::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "vault/Certificate.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace vl::ui {

/**
 * @brief Asks for a new self-signed certificate: name, subject (`CN=...`),
 * DNS names, validity in months, key (RSA 2048/3072/4096 or EC P-256, P-384,
 * P-521), content type of the backing secret (PFX or PEM) and whether the
 * private key is exportable. Checked as typed; OK stays disabled while
 * anything is invalid.
 */
class CreateCertificateDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateCertificateDialog)

public:
    explicit CreateCertificateDialog(QWidget *parent = nullptr);

    [[nodiscard]] QString name() const;
    /// What createCertificate() sends (issuer Self).
    [[nodiscard]] vault::CertificateCreateParameters parameters() const;
    /// Why the input cannot be sent; empty when it can.
    [[nodiscard]] QString problem() const;

private:
    [[nodiscard]] QStringList dnsNames() const;
    void validate();

    QLineEdit *m_name;
    QLineEdit *m_subject;
    QLineEdit *m_dnsNames;
    QSpinBox *m_validity;
    QComboBox *m_key;
    QComboBox *m_contentType;
    QCheckBox *m_exportable;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace vl::ui

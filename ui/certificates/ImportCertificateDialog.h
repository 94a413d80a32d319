// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "vault/Certificate.h"
#include "widgets/DetailsSupport.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace vl::ui {

/**
 * @brief Asks for a certificate to import: its name in the vault, the file
 * (a PFX/PKCS#12 with its password, or a PEM holding the certificate and its
 * private key), enabled and tags.
 *
 * The file is read when chosen; the format is recognised by its content. OK
 * stays disabled, with the reason shown, while the name is invalid, the file
 * unreadable, or a PEM lacks its private key. The password and file contents
 * are never logged.
 */
class ImportCertificateDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportCertificateDialog)

public:
    /// @p chooser answers the Browse button.
    explicit ImportCertificateDialog(FileChooser chooser, QWidget *parent = nullptr);
    ~ImportCertificateDialog() override;

    [[nodiscard]] QString name() const;
    /// Sets the file to import (as Browse does) and reads it.
    void setFilePath(const QString &path);
    /// True when the file read is PEM text, false for PFX.
    [[nodiscard]] bool isPem() const { return m_pem; }
    /// What importCertificate() sends.
    [[nodiscard]] vault::CertificateImportParameters parameters() const;
    /// Why the input cannot be sent; empty when it can.
    [[nodiscard]] QString problem() const;

private:
    void browse();
    void readFile();
    void validate();

    FileChooser m_chooser;
    QByteArray m_content;
    QString m_readProblem;
    bool m_pem = false;
    QLineEdit *m_name;
    QLineEdit *m_file;
    QPushButton *m_browse;
    QLabel *m_format;
    QLineEdit *m_password;
    QCheckBox *m_enabled;
    QLineEdit *m_tags;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace vl::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "vault/Certificate.h"
#include "widgets/DetailsPane.h"

#include <QMap>

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSslCertificate;
class QTabWidget;
class QTimer;
class QTreeWidget;

namespace vl::ui {

/**
 * @brief The details pane of the certificate selected in a vault's
 * Certificates tab.
 *
 * Shows what the X.509 certificate says (subject, issuer, alternative names,
 * validity with expired and expiring-soon marked, SHA-1 and SHA-256
 * thumbprints, key usage, serial number, key type and size), the vault's
 * properties (enabled and tags editable), the management policy and the
 * versions. The private key of a certificate is never fetched.
 *
 * Actions: Import… (PFX with password, or PEM with the private key), Create
 * Self-Signed… (then polls the pending operation every second, cancellable),
 * Download .cer (DER) and .pem, Back Up…, Restore from File…, Delete, Recover
 * and Purge. Failures show in the pane's ErrorBanner.
 *
 * ```
 *  Create ──► createCertificate ──► getCertificateOperation (every 1 s) ── completed ──►
 * getCertificate └── Cancel ──► cancelCertificateOperation
 * ```
 */
class CertificateDetails final : public DetailsPane
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CertificateDetails)

public:
    explicit CertificateDetails(QWidget *parent = nullptr);
    ~CertificateDetails() override;

    void clear() override;

    /// The latest version as last loaded.
    [[nodiscard]] const vault::CertificateBundle &bundle() const { return m_bundle; }
    [[nodiscard]] bool isDirty() const;
    /// True while a create operation is being polled.
    [[nodiscard]] bool isPolling() const;
    /// How often the pending operation is asked for (1 s; tests may shorten it).
    void setPollInterval(int milliseconds);

    /// @name Actions
    /// @{
    void importCertificate();
    void createSelfSigned();
    void cancelOperation();
    void downloadCer();
    void downloadPem();
    void save();
    void revert();
    void deleteCertificate();
    void recoverCertificate();
    void purgeCertificate();
    void backUp();
    void restore();
    void copyIdentifier();
    /// @}

Q_SIGNALS:
    /// A create operation ended: @p status is completed, failed or cancelled.
    void operationFinished(const QString &name, const QString &status);

protected:
    void updateActions() override;
    void load() override;
    void refreshShown() override;

private:
    QWidget *makeCertificateTab();
    QWidget *makePropertiesTab();
    QWidget *makePolicyTab();
    QWidget *makeVersionsTab();
    QWidget *makeOperationBar();
    void loadVersions();
    void showBundle(const vault::CertificateBundle &bundle);
    void showX509(const QSslCertificate &certificate);
    void showPolicy(const std::optional<vault::CertificatePolicy> &policy);
    void appendVersions(const QList<vault::CertificateProperties> &versions);
    void startPolling(const QString &name);
    void poll();
    void endPolling(const QString &status);
    void download(bool pem);
    /// Adds a selectable value label @p objectName to @p form under @p label.
    QLabel *addField(QFormLayout *form, const QString &label, const QString &objectName);
    void setField(const QString &objectName, const QString &text);

    vault::CertificateBundle m_bundle;
    QString m_pollName;
    QTimer *m_pollTimer;

    QWidget *m_operationBar;
    QLabel *m_operationLabel;
    QTabWidget *m_tabs;
    QMap<QString, QLabel *> m_fields; ///< value labels by object name
    QLineEdit *m_identifier;
    QLabel *m_created;
    QLabel *m_updated;
    QLabel *m_recovery;
    QLabel *m_attributeDates;
    QCheckBox *m_enabled;
    QLineEdit *m_tags;
    QLabel *m_problem;
    QTreeWidget *m_versions;

    QPushButton *m_importButton = nullptr;
    QPushButton *m_createButton = nullptr;
    QPushButton *m_cerButton = nullptr;
    QPushButton *m_pemButton = nullptr;
    QPushButton *m_cancelOperationButton = nullptr;
};

} // namespace vl::ui

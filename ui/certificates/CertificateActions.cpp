// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateDetails' actions: import, create self-signed (with the polling of
// its pending operation), downloads, save, delete, recover, purge, backup and
// restore.
#include "CertificateDetails.h"
#include "CreateCertificateDialog.h"
#include "ImportCertificateDialog.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace vl::ui {

void CertificateDetails::setPollInterval(int milliseconds)
{
    m_pollTimer->setInterval(milliseconds);
}

bool CertificateDetails::isPolling() const
{
    return !m_pollName.isEmpty();
}

void CertificateDetails::importCertificate()
{
    if (!m_client)
        return;
    createFromDialog(
        new ImportCertificateDialog(fileChooser(), this),
        [this](const QString &name, const vault::CertificateImportParameters &parameters) {
            return m_client->importCertificate(name, parameters);
        },
        tr("Importing the certificate"), tr("Certificate %1 imported."));
}

void CertificateDetails::createSelfSigned()
{
    if (!m_client)
        return;
    auto *dialog = new CreateCertificateDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString name = dialog->name();
        m_banner->clear();
        run(m_client->createCertificate(name, dialog->parameters()), tr("Creating the certificate"),
            [this, name](const vault::CertificateOperation &operation) {
                if (operation.isInProgress()) {
                    startPolling(name);
                    return;
                }
                endPolling(operation.status.value_or(u"completed"_s));
                if (operation.status.value_or(u"completed"_s) == "completed"_L1)
                    showAsItem(name, false);
            });
    });
    dialog->open();
}

void CertificateDetails::startPolling(const QString &name)
{
    m_pollName = name;
    m_operationLabel->setText(tr("Creating %1: waiting for the issuer…").arg(name));
    m_operationBar->show();
    updateActions();
    m_pollTimer->start();
}

void CertificateDetails::poll()
{
    if (!m_client || !isPolling())
        return;
    const QString name = m_pollName;
    onFinished(m_client->getCertificateOperation(name), this,
               [this, name](const Result<vault::CertificateOperation> &r) {
                   if (m_pollName != name)
                       return; // cancelled meanwhile
                   if (!r.ok()) {
                       endPolling(u"failed"_s);
                       m_banner->showError(r.error(), Service::KeyVault,
                                           tr("Waiting for the certificate"));
                       return;
                   }
                   if (r->isInProgress()) {
                       if (r->statusDetails)
                           m_operationLabel->setText(
                               tr("Creating %1: %2").arg(name, *r->statusDetails));
                       m_pollTimer->start();
                       return;
                   }
                   const QString status = r->status.value_or(u"completed"_s);
                   endPolling(status);
                   if (status == "completed"_L1) {
                       showAsItem(name, false);
                       return;
                   }
                   const vault::OperationError error = r->error.value_or(vault::OperationError{});
                   m_banner->showMessage(
                       tr("Creating the certificate %1 ended as %2: %3")
                           .arg(name, status,
                                error.message.value_or(r->statusDetails.value_or(QString()))));
               });
}

void CertificateDetails::endPolling(const QString &status)
{
    const QString name = m_pollName.isEmpty() ? m_item.name : m_pollName;
    m_pollTimer->stop();
    m_pollName.clear();
    m_operationBar->hide();
    updateActions();
    if (status == "completed"_L1) {
        announceChanged(name, tr("Certificate %1 created.").arg(name));
    }
    Q_EMIT operationFinished(name, status);
}

void CertificateDetails::cancelOperation()
{
    if (!m_client || !isPolling())
        return;
    const QString name = m_pollName;
    endPolling(u"cancelled"_s);
    run(m_client->cancelCertificateOperation(name), tr("Cancelling the certificate operation"),
        [this, name](const vault::CertificateOperation &) {
            announceChanged(name, tr("Asked the issuer to cancel %1.").arg(name));
        });
}

void CertificateDetails::download(bool pem)
{
    if (!m_loaded || !m_bundle.cer)
        return;
    const QString name = m_bundle.properties.name();
    const QString path = pem ? chooseFile(FileMode::Save, tr("Download Certificate"),
                                          tr("PEM certificates (*.pem *.crt);;All files (*)"),
                                          QString(name + u".pem"_s))
                             : chooseFile(FileMode::Save, tr("Download Certificate"),
                                          tr("DER certificates (*.cer *.der);;All files (*)"),
                                          QString(name + u".cer"_s));
    if (path.isEmpty())
        return;
    m_banner->clear();
    const QByteArray bytes =
        pem ? publickey::pem(*m_bundle.cer, "CERTIFICATE"_L1).toLatin1() : *m_bundle.cer;
    if (writeFile(path, bytes))
        Q_EMIT statusMessage(tr("Certificate saved to %1.").arg(path), StatusTimeout);
}

void CertificateDetails::downloadCer()
{
    download(false);
}

void CertificateDetails::downloadPem()
{
    download(true);
}

void CertificateDetails::save()
{
    if (!m_client || !m_loaded || !isDirty())
        return;
    vault::CertificateUpdateParameters p;
    vault::ObjectAttributes a;
    a.enabled = m_enabled->isChecked();
    p.attributes = a;
    p.tags = DetailsText::parseTags(m_tags->text()).value_or(vault::Tags{});
    const QString name = m_item.name;
    m_banner->clear();
    run(m_client->updateCertificate(name, QString(), p), tr("Saving the certificate"),
        [this, name](const vault::CertificateBundle &bundle) {
            if (bundle.properties.name() == m_item.name) {
                vault::CertificateBundle merged = bundle;
                if (!merged.policy)
                    merged.policy = m_bundle.policy;
                showBundle(merged);
            }
            announceChanged(name, tr("Certificate %1 saved.").arg(name));
        });
}

void CertificateDetails::deleteCertificate()
{
    const vault::ObjectAttributes a =
        m_bundle.properties.attributes.value_or(vault::ObjectAttributes{});
    deleteShown(
        tr("Delete Certificate"),
        DetailsText::deleteConsequence(tr("The certificate “%1”").arg(m_item.name), a) + u"\n\n"_s
            + tr("Its key and secret of the same name are deleted with it."),
        a, [this](const QString &name) { return m_client->deleteCertificate(name); },
        tr("Deleting the certificate"), tr("Certificate %1 deleted."));
}

void CertificateDetails::recoverCertificate()
{
    recoverShown([this](const QString &name) { return m_client->recoverDeletedCertificate(name); },
                 tr("Recovering the certificate"), tr("Certificate %1 recovered."));
}

void CertificateDetails::purgeCertificate()
{
    purgeShown(
        tr("Purge Certificate"),
        tr("Purge “%1” permanently? The certificate, its private key and all versions "
           "are destroyed at once and can never be recovered."),
        [this](const QString &name) { return m_client->purgeDeletedCertificate(name); },
        tr("Purging the certificate"), tr("Certificate %1 purged."));
}

void CertificateDetails::backUp()
{
    backUpShown(
        tr("Back Up Certificate"),
        tr("Key Vault certificate backups (*.certbackup);;All files (*)"), u".certbackup"_s,
        [this](const QString &name) { return m_client->backupCertificate(name); },
        tr("Backing up the certificate"), tr("Certificate %1 backed up to %2."));
}

void CertificateDetails::restore()
{
    restoreFromFile(
        tr("Restore Certificate"),
        tr("Key Vault certificate backups (*.certbackup);;All files (*)"),
        [this](const vault::BackupBlob &blob) { return m_client->restoreCertificate(blob); },
        tr("Restoring the certificate"), tr("Certificate %1 restored."),
        [](const vault::CertificateBundle &bundle) { return bundle.properties.name(); });
}

void CertificateDetails::copyIdentifier()
{
    copyIdentifierText(m_bundle.properties.id);
}

} // namespace vl::ui

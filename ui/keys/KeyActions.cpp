// SPDX-License-Identifier: GPL-3.0-or-later
// KeyDetails' actions: create, save, rotate, rotation policy, delete, recover,
// purge, backup and restore, and the copies to the clipboard.
#include "CreateKeyDialog.h"
#include "KeyDetails.h"
#include "RotationPolicyDialog.h"
#include "widgets/OptionalDateTimeEdit.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace vl::ui {

void KeyDetails::createKey()
{
    if (!m_client)
        return;
    createFromDialog(
        new CreateKeyDialog(this),
        [this](const QString &name, const vault::KeyCreateParameters &parameters) {
            return m_client->createKey(name, parameters);
        },
        tr("Creating the key"), tr("Key %1 created."));
}

void KeyDetails::save()
{
    if (!m_client || !m_loaded || !isDirty())
        return;
    vault::KeyUpdateParameters p;
    QStringList ops;
    for (const QString &op : CreateKeyDialog::allOperations())
        if (m_operations.value(op)->isChecked())
            ops.append(op);
    p.keyOps = ops;
    vault::ObjectAttributes a;
    a.enabled = m_enabled->isChecked();
    a.notBefore = m_activation->seconds();
    a.expires = m_expiry->seconds();
    p.attributes = a;
    p.tags = DetailsText::parseTags(m_tags->text()).value_or(vault::Tags{});
    const QString name = m_item.name;
    m_banner->clear();
    run(m_client->updateKey(name, QString(), p), tr("Saving the key"),
        [this, name](const vault::KeyBundle &bundle) {
            if (bundle.name() == m_item.name)
                showBundle(bundle);
            announceChanged(name, tr("Key %1 saved.").arg(name));
        });
}

void KeyDetails::rotate()
{
    if (!m_client || !m_loaded)
        return;
    const QString name = m_item.name;
    if (!confirm(tr("Rotate Key"),
                 tr("Rotate “%1” now? The service makes a new version with the same type and "
                    "size; the current version stays usable for decrypting and verifying.")
                     .arg(name)))
        return;
    m_banner->clear();
    run(m_client->rotateKey(name), tr("Rotating the key"), [this, name](const vault::KeyBundle &) {
        announceChanged(name, tr("Key %1 rotated.").arg(name));
        if (m_item.name == name)
            showAsItem(name, false);
    });
}

void KeyDetails::editRotationPolicy()
{
    if (!m_client || !m_loaded)
        return;
    const QString name = m_item.name;
    m_banner->clear();
    run(m_client->getKeyRotationPolicy(name), tr("Reading the rotation policy"),
        [this, name](const vault::KeyRotationPolicy &policy) {
            auto *dialog = new RotationPolicyDialog(name, policy, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &QDialog::accepted, this, [this, dialog, name] {
                run(m_client->setKeyRotationPolicy(name, dialog->policy()),
                    tr("Saving the rotation policy"),
                    [this, name](const vault::KeyRotationPolicy &) {
                        Q_EMIT statusMessage(tr("Rotation policy of %1 saved.").arg(name),
                                             StatusTimeout);
                    });
            });
            dialog->open();
        });
}

void KeyDetails::deleteKey()
{
    const vault::ObjectAttributes a =
        m_bundle.properties.attributes.value_or(vault::ObjectAttributes{});
    deleteShown(
        tr("Delete Key"),
        DetailsText::deleteConsequence(quotedName(), a) + u"\n\n"_s
            + tr("Anything that encrypts, signs or wraps with it stops working."),
        a, [this](const QString &name) { return m_client->deleteKey(name); },
        tr("Deleting the key"), tr("Key %1 deleted."));
}

void KeyDetails::recoverKey()
{
    recoverShown([this](const QString &name) { return m_client->recoverDeletedKey(name); },
                 tr("Recovering the key"), tr("Key %1 recovered."));
}

void KeyDetails::purgeKey()
{
    purgeShown(
        tr("Purge Key"),
        tr("Purge “%1” permanently? It and all its versions are destroyed at once and "
           "can never be recovered; data encrypted with it can no longer be decrypted."),
        [this](const QString &name) { return m_client->purgeDeletedKey(name); },
        tr("Purging the key"), tr("Key %1 purged."));
}

void KeyDetails::backUp()
{
    backUpShown(
        tr("Back Up Key"), tr("Key Vault key backups (*.keybackup);;All files (*)"),
        u".keybackup"_s, [this](const QString &name) { return m_client->backupKey(name); },
        tr("Backing up the key"), tr("Key %1 backed up to %2."));
}

void KeyDetails::restore()
{
    restoreFromFile(
        tr("Restore Key"), tr("Key Vault key backups (*.keybackup);;All files (*)"),
        [this](const vault::BackupBlob &blob) { return m_client->restoreKey(blob); },
        tr("Restoring the key"), tr("Key %1 restored."),
        [](const vault::KeyBundle &bundle) { return bundle.name(); });
}

void KeyDetails::copyIdentifier()
{
    copyIdentifierText(m_bundle.id());
}

void KeyDetails::copyJwk()
{
    if (!m_loaded || !m_bundle.jwk)
        return;
    QGuiApplication::clipboard()->setText(publickey::jwkJson(*m_bundle.jwk));
    Q_EMIT statusMessage(tr("Public key copied as JWK."), StatusTimeout);
}

void KeyDetails::copyPem()
{
    const QByteArray der =
        publickey::subjectPublicKeyInfo(m_bundle.jwk.value_or(vault::JsonWebKey{}));
    if (!m_loaded || der.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(publickey::pem(der, "PUBLIC KEY"_L1));
    Q_EMIT statusMessage(tr("Public key copied as PEM."), StatusTimeout);
}

} // namespace vl::ui

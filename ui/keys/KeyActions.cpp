// SPDX-License-Identifier: GPL-3.0-or-later
// KeyDetails' actions: create, save, rotate, rotation policy, delete, recover,
// purge, backup and restore, and the copies to the clipboard.
#include "CreateKeyDialog.h"
#include "KeyDetails.h"
#include "RotationPolicyDialog.h"
#include "ValidityDateEdit.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace vl::ui {

namespace {
constexpr int StatusTimeout = 5000;
}

void KeyDetails::createKey()
{
    if (!m_client)
        return;
    auto *dialog = new CreateKeyDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString name = dialog->name();
        m_banner->clear();
        run(m_client->createKey(name, dialog->parameters()), tr("Creating the key"),
            [this, name](const vault::KeyBundle &) {
                Q_EMIT statusMessage(tr("Key %1 created.").arg(name), StatusTimeout);
                Q_EMIT itemChanged(name);
                showAsItem(name, false);
            });
    });
    dialog->open();
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
            Q_EMIT statusMessage(tr("Key %1 saved.").arg(name), StatusTimeout);
            Q_EMIT itemChanged(name);
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
        Q_EMIT statusMessage(tr("Key %1 rotated.").arg(name), StatusTimeout);
        Q_EMIT itemChanged(name);
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
    if (!m_client || !m_loaded || m_item.deleted)
        return;
    const QString name = m_item.name;
    const vault::ObjectAttributes a =
        m_bundle.properties.attributes.value_or(vault::ObjectAttributes{});
    if (!confirm(tr("Delete Key"), DetailsText::deleteConsequence(quotedName(), a) + u"\n\n"_s
                                       + tr("Anything that encrypts, signs or wraps with it "
                                            "stops working.")))
        return;
    m_banner->clear();
    const bool recoverable = a.recoveryLevel.value_or(QString()).contains("Recoverable"_L1);
    run(m_client->deleteKey(name), tr("Deleting the key"),
        [this, name, recoverable](const vault::DeletedKey &) {
            Q_EMIT statusMessage(tr("Key %1 deleted.").arg(name), StatusTimeout);
            Q_EMIT itemRemoved(name);
            if (m_item.name != name)
                return;
            if (recoverable)
                showAsItem(name, true);
            else
                clear();
        });
}

void KeyDetails::recoverKey()
{
    if (!m_client || !m_item.deleted)
        return;
    const QString name = m_item.name;
    m_banner->clear();
    run(m_client->recoverDeletedKey(name), tr("Recovering the key"),
        [this, name](const vault::KeyBundle &) {
            Q_EMIT statusMessage(tr("Key %1 recovered.").arg(name), StatusTimeout);
            Q_EMIT itemChanged(name);
            if (m_item.name == name)
                showAsItem(name, false);
        });
}

void KeyDetails::purgeKey()
{
    if (!m_client || !m_item.deleted)
        return;
    const QString name = m_item.name;
    if (!confirm(tr("Purge Key"),
                 tr("Purge “%1” permanently? It and all its versions are destroyed at once and "
                    "can never be recovered; data encrypted with it can no longer be decrypted.")
                     .arg(name)))
        return;
    m_banner->clear();
    run(m_client->purgeDeletedKey(name), tr("Purging the key"), [this, name](const Done &) {
        Q_EMIT statusMessage(tr("Key %1 purged.").arg(name), StatusTimeout);
        Q_EMIT itemRemoved(name);
        if (m_item.name == name)
            clear();
    });
}

void KeyDetails::backUp()
{
    if (!m_client || !m_loaded)
        return;
    const QString name = m_item.name;
    const QString path = chooseFile(FileMode::Save, tr("Back Up Key"),
                                    tr("Key Vault key backups (*.keybackup);;All files (*)"),
                                    QString(name + u".keybackup"_s));
    if (path.isEmpty())
        return;
    m_banner->clear();
    run(m_client->backupKey(name), tr("Backing up the key"),
        [this, name, path](const vault::BackupBlob &blob) {
            if (writeFile(path, blob.bytes()))
                Q_EMIT statusMessage(tr("Key %1 backed up to %2.").arg(name, path), StatusTimeout);
        });
}

void KeyDetails::restore()
{
    if (!m_client)
        return;
    const QString path = chooseFile(FileMode::Open, tr("Restore Key"),
                                    tr("Key Vault key backups (*.keybackup);;All files (*)"));
    if (path.isEmpty())
        return;
    m_banner->clear();
    const auto bytes = readFile(path);
    if (!bytes)
        return;
    run(m_client->restoreKey(vault::BackupBlob::fromBytes(*bytes)), tr("Restoring the key"),
        [this](const vault::KeyBundle &bundle) {
            const QString name = bundle.name();
            Q_EMIT statusMessage(tr("Key %1 restored.").arg(name), StatusTimeout);
            Q_EMIT itemChanged(name);
            showAsItem(name, false);
        });
}

void KeyDetails::copyIdentifier()
{
    if (!m_loaded)
        return;
    QGuiApplication::clipboard()->setText(m_bundle.id());
    Q_EMIT statusMessage(tr("Identifier copied."), StatusTimeout);
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

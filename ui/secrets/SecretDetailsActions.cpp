// SPDX-License-Identifier: GPL-3.0-or-later
// The actions of the secret details pane: versions and roll back, new secret
// and new version, delete, recover, purge, backup and restore.
#include "secrets/SecretDetails.h"

#include "secrets/SecretEditorDialog.h"
#include "util/Future.h"
#include "widgets/ErrorBanner.h"

#include <QLocale>
#include <QPointer>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

namespace vl::ui {

namespace {

constexpr int VersionRole = Qt::UserRole;
constexpr int CreatedRole = Qt::UserRole + 1;
constexpr int VersionPageSize = 25;

QString dateText(std::optional<qint64> seconds)
{
    const QDateTime d = vault::dateTimeFromSeconds(seconds);
    return d.isValid() ? QLocale().toString(d.toLocalTime(), QLocale::ShortFormat) : QString();
}

/// The list row of a secret from what a call answered.
VaultItem itemFromProperties(const vault::SecretProperties &p, bool deleted)
{
    VaultItem item;
    item.kind = VaultItemKind::Secret;
    item.name = p.name();
    if (auto id = p.objectId()) {
        id->version.clear();
        item.id = id->toString();
    } else {
        item.id = p.id;
    }
    item.contentType = p.contentType.value_or(QString());
    item.attributes = p.attributes.value_or(vault::ObjectAttributes{});
    item.tags = p.tags.value_or(vault::Tags{});
    item.managed = p.managed.value_or(false);
    item.deleted = deleted;
    return item;
}

QString shortVersion(const QString &version)
{
    return version.size() > 12 ? QString(version.left(8) + u'…') : version;
}

} // namespace

int SecretDetails::versionCount() const
{
    return m_versions->topLevelItemCount();
}

void SecretDetails::reloadVersions()
{
    m_versions->clear();
    updateActions();
    if (!m_client || !hasItem() || m_item.deleted)
        return;
    loadVersionPage(m_client->listSecretVersions(m_item.name, VersionPageSize), loadGeneration());
}

void SecretDetails::loadVersionPage(const QFuture<Result<Page<vault::SecretProperties>>> &page,
                                    int generation)
{
    // A read in the background: the actions stay available meanwhile.
    onFinished(page, this, [this, generation](const Result<Page<vault::SecretProperties>> &r) {
        if (generation != loadGeneration())
            return;
        if (!r.ok()) {
            m_banner->showError(r.error(), Service::KeyVault,
                                tr("Listing the versions of %1").arg(m_item.name));
            return;
        }
        for (const vault::SecretProperties &p : r->items) {
            const auto a = p.attributes.value_or(vault::ObjectAttributes{});
            auto *row = new QTreeWidgetItem({p.version(), p.isEnabled() ? tr("Yes") : tr("No"),
                                             dateText(a.created), dateText(a.expires)});
            row->setData(0, VersionRole, p.version());
            row->setData(0, CreatedRole, a.created.value_or(0));
            row->setToolTip(0, p.version());
            // Newest first.
            int at = 0;
            while (at < m_versions->topLevelItemCount()
                   && m_versions->topLevelItem(at)->data(0, CreatedRole).toLongLong()
                          > a.created.value_or(0))
                ++at;
            m_versions->insertTopLevelItem(at, row);
        }
        if (r->hasMore())
            loadVersionPage(m_client->listSecretsNext(r->nextLink), generation);
        updateActions();
    });
}

void SecretDetails::rollBackToSelectedVersion()
{
    if (const QTreeWidgetItem *row = m_versions->currentItem())
        rollBackTo(row->data(0, VersionRole).toString());
}

void SecretDetails::rollBackTo(const QString &version)
{
    if (!m_client || !hasItem() || m_item.deleted || version.isEmpty())
        return;
    const QString name = m_item.name;
    if (!confirm(tr("Roll back %1").arg(name),
                 tr("Set the value of version %1 of '%2' as a new, current version? Its content "
                    "type and tags come along; the current version stays in the history.")
                     .arg(version, name)))
        return;
    const int generation = loadGeneration();
    setBusy(true);
    onFinished(m_client->getSecret(name, version), this,
               [this, generation, name, version](const Result<vault::SecretBundle> &old) {
                   if (generation != loadGeneration() || !old.ok()) {
                       setBusy(false);
                       if (generation == loadGeneration())
                           m_banner->showError(old.error(), Service::KeyVault,
                                               tr("Reading version %1 of %2").arg(version, name));
                       return;
                   }
                   vault::SecretSetParameters p;
                   p.value = old->value.value_or(QString());
                   p.contentType = old->properties.contentType;
                   p.tags = old->properties.tags;
                   vault::ObjectAttributes attributes;
                   attributes.enabled = true;
                   p.attributes = attributes;
                   onFinished(
                       m_client->setSecret(name, p), this,
                       [this, generation, name, version](const Result<vault::SecretBundle> &r) {
                           setBusy(false);
                           if (generation != loadGeneration())
                               return;
                           if (!r.ok()) {
                               m_banner->showError(r.error(), Service::KeyVault,
                                                   tr("Rolling back %1").arg(name));
                               return;
                           }
                           m_banner->clear();
                           m_value.reset();
                           applyBundle(r->properties);
                           reloadVersions();
                           Q_EMIT itemChanged(name);
                           Q_EMIT statusMessage(
                               tr("%1 rolled back to version %2").arg(name, shortVersion(version)),
                               5000);
                       });
               });
}

void SecretDetails::applyBundle(const vault::SecretProperties &properties)
{
    m_item = itemFromProperties(properties, false);
    showItem();
}

SecretEditorDialog *SecretDetails::newSecret()
{
    return openEditor(false);
}

SecretEditorDialog *SecretDetails::newVersion()
{
    if (!hasItem() || m_item.deleted)
        return nullptr;
    return openEditor(true);
}

SecretEditorDialog *SecretDetails::openEditor(bool newVersion)
{
    if (!m_client)
        return nullptr;
    auto *dialog = new SecretEditorDialog(newVersion ? SecretEditorDialog::Mode::NewVersion
                                                     : SecretEditorDialog::Mode::NewSecret,
                                          this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (newVersion) {
        dialog->setName(m_item.name);
        dialog->setContentType(m_item.contentType);
        dialog->setTags(m_item.tags);
    }
    if (fileChooserReplaced())
        dialog->setFileChooser([this](const QString &title) {
            return chooseFile(FileMode::Open, title, backupFilter());
        });
    connect(dialog, &SecretEditorDialog::submitted, this, [this, dialog] { sendNew(dialog); });
    dialog->open();
    return dialog;
}

void SecretDetails::sendNew(SecretEditorDialog *dialog)
{
    if (!m_client) {
        dialog->setBusy(false);
        return;
    }
    const QString name = dialog->name();
    const bool version = dialog->mode() == SecretEditorDialog::Mode::NewVersion;
    QPointer<SecretEditorDialog> guard(dialog);
    setBusy(true);
    onFinished(
        m_client->setSecret(name, dialog->parameters()), this,
        [this, guard, name, version](const Result<vault::SecretBundle> &r) {
            setBusy(false);
            if (!r.ok()) {
                if (guard)
                    guard->showError(r.error(), version ? tr("Adding a version of %1").arg(name)
                                                        : tr("Creating %1").arg(name));
                else
                    m_banner->showError(r.error(), Service::KeyVault, tr("Saving %1").arg(name));
                return;
            }
            if (guard)
                guard->finish();
            invalidateLoads();
            m_value.reset();
            m_banner->clear();
            applyBundle(r->properties);
            reloadVersions();
            Q_EMIT itemChanged(name);
            Q_EMIT statusMessage(version ? tr("New version of %1 saved").arg(name)
                                         : tr("%1 created").arg(name),
                                 5000);
        });
}

QString SecretDetails::deleteConsequence() const
{
    const QString level = m_item.attributes.recoveryLevel.value_or(QString());
    const QString name = m_item.name;
    if (level.isEmpty())
        return tr("'%1' and all its versions will be deleted. If the vault has soft delete, it "
                  "can be recovered until it is purged.")
            .arg(name);
    if (!level.contains("Recoverable"_L1))
        return tr("'%1' and all its versions will be permanently deleted: this vault has no soft "
                  "delete, so it cannot be recovered.")
            .arg(name);
    const int days = m_item.attributes.recoverableDays.value_or(90);
    if (level.contains("Purgeable"_L1))
        return tr("'%1' and all its versions will be soft-deleted: it can be recovered for %2 "
                  "days, or purged before then (which cannot be undone).")
            .arg(name, QLocale().toString(days));
    return tr("'%1' and all its versions will be soft-deleted: it can be recovered for %2 "
              "days. Purge protection is on, so nobody can purge it before then.")
        .arg(name, QLocale().toString(days));
}

void SecretDetails::deleteSecret()
{
    if (!m_client || !hasItem() || m_item.deleted)
        return;
    const QString name = m_item.name;
    if (!confirm(tr("Delete %1").arg(name), deleteConsequence()))
        return;
    const bool recoverable =
        m_item.attributes.recoveryLevel.value_or(u"Recoverable"_s).contains("Recoverable"_L1);
    run(
        m_client->deleteSecret(name), tr("Deleting %1").arg(name),
        [this, name, recoverable](const vault::DeletedSecret &secret) {
            Q_EMIT itemRemoved(name);
            Q_EMIT statusMessage(tr("%1 deleted").arg(name), 5000);
            if (!recoverable) {
                clear();
                return;
            }
            VaultItem deleted = itemFromProperties(secret.properties, true);
            deleted.deletion = secret.deletion;
            setItem(deleted);
        },
        true);
}

void SecretDetails::recoverSecret()
{
    if (!m_client || !hasItem() || !m_item.deleted)
        return;
    const QString name = m_item.name;
    run(
        m_client->recoverDeletedSecret(name), tr("Recovering %1").arg(name),
        [this, name](const vault::SecretBundle &bundle) {
            setItem(itemFromProperties(bundle.properties, false));
            Q_EMIT itemChanged(name);
            Q_EMIT statusMessage(tr("%1 recovered").arg(name), 5000);
        },
        true);
}

void SecretDetails::purgeSecret()
{
    if (!m_client || !hasItem() || !m_item.deleted)
        return;
    const QString name = m_item.name;
    if (!confirm(tr("Purge %1").arg(name),
                 tr("'%1' and all its versions will be permanently deleted and cannot be "
                    "recovered.")
                     .arg(name)))
        return;
    run(
        m_client->purgeDeletedSecret(name), tr("Purging %1").arg(name),
        [this, name](const Done &) {
            clear();
            Q_EMIT itemRemoved(name);
            Q_EMIT statusMessage(tr("%1 purged").arg(name), 5000);
        },
        true);
}

void SecretDetails::backupToFile()
{
    if (!m_client || !hasItem() || m_item.deleted)
        return;
    const QString name = m_item.name;
    const QString path = chooseFile(FileMode::Save, tr("Back up %1").arg(name), backupFilter(),
                                    QString(name + u".keyvaultbackup"_s));
    if (path.isEmpty())
        return;
    run(
        m_client->backupSecret(name), tr("Backing up %1").arg(name),
        [this, name, path](const vault::BackupBlob &blob) {
            // The one place a secret's (encrypted) material is written: where asked.
            if (!writeFile(path, blob.bytes()))
                return;
            m_banner->clear();
            Q_EMIT statusMessage(tr("%1 backed up to %2").arg(name, path), 5000);
        },
        true);
}

void SecretDetails::restoreFromFile()
{
    if (!m_client)
        return;
    const QString path = chooseFile(FileMode::Open, tr("Restore a secret"), backupFilter());
    if (path.isEmpty())
        return;
    const auto bytes = readFile(path);
    if (!bytes)
        return;
    if (bytes->isEmpty()) {
        m_banner->showMessage(tr("%1 is empty.").arg(path));
        return;
    }
    invalidateLoads();
    run(
        m_client->restoreSecret(vault::BackupBlob::fromBytes(*bytes)),
        tr("Restoring from %1").arg(path),
        [this](const vault::SecretBundle &bundle) {
            const VaultItem restored = itemFromProperties(bundle.properties, false);
            setItem(restored);
            Q_EMIT itemChanged(restored.name);
            Q_EMIT statusMessage(tr("%1 restored").arg(restored.name), 5000);
        },
        true);
}

QString SecretDetails::backupFilter()
{
    return tr("Key Vault backups (*.keyvaultbackup *.keyvault);;All files (*)");
}

} // namespace vl::ui

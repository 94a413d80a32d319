// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DetailsPane.h"
#include "VaultItem.h"
#include "vault/Key.h"

#include <QMap>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;

namespace vl::ui {

class ValidityDateEdit;

/**
 * @brief The details pane of the key selected in a vault's Keys tab.
 *
 * Shows the key's identifier, type (RSA, RSA-HSM, EC, EC-HSM, oct), size or
 * curve, permitted operations, enabled, activation and expiry dates, tags,
 * dates, recovery level, whether a certificate manages it, its public JSON Web
 * Key (copyable as JWK JSON or as a PEM SubjectPublicKeyInfo) and its
 * versions. Operations, dates and tags are editable (Save, Revert).
 *
 * Actions: Create key…, Rotate now, Rotation policy…, Back up to file…,
 * Restore from file…, Delete, Recover and Purge (a soft-deleted key), each
 * confirmed where it destroys something. Every call is asynchronous; while one
 * runs the actions are disabled, and failures show in the pane's ErrorBanner.
 *
 * ```
 *  setItem(item) ──► getKey / getDeletedKey, listKeyVersions ──► shown
 *  Save ──► updateKey ──► itemChanged(name)      Delete ──► deleteKey ──► itemRemoved(name)
 * ```
 */
class KeyDetails final : public DetailsPane
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyDetails)

public:
    explicit KeyDetails(QWidget *parent = nullptr);
    ~KeyDetails() override;

    /// Shows @p item (a key; `deleted` for a soft-deleted one) and loads its details.
    void setItem(const VaultItem &item);
    void clear() override;

    /// The item shown (an empty name when none).
    [[nodiscard]] const VaultItem &item() const { return m_item; }
    /// The latest version as last loaded (empty before it arrives).
    [[nodiscard]] const vault::KeyBundle &bundle() const { return m_bundle; }
    /// True when an edit has not been saved.
    [[nodiscard]] bool isDirty() const;

    /// @name Actions (what the buttons do; the window's menus may call them too)
    /// @{
    void createKey();
    void save();
    void revert();
    void rotate();
    void editRotationPolicy();
    void deleteKey();
    void recoverKey();
    void purgeKey();
    void backUp();
    void restore();
    void copyIdentifier();
    void copyJwk();
    void copyPem();
    /// @}

protected:
    void updateActions() override;

private:
    QPushButton *addButton(const QString &objectName, const QString &text,
                           const QString &accessibleName, void (KeyDetails::*slot)());
    QWidget *makePropertiesTab();
    QWidget *makePublicKeyTab();
    QWidget *makeVersionsTab();
    void load();
    void loadVersions(const QUrl &next = {});
    void showBundle(const vault::KeyBundle &bundle);
    void showDeletion(const vault::DeletionInfo &deletion);
    void appendVersions(const QList<vault::KeyProperties> &versions);
    void showAsItem(const QString &name, bool deleted);
    void updateEditState();
    [[nodiscard]] QString quotedName() const;

    VaultItem m_item;
    vault::KeyBundle m_bundle;
    bool m_loaded = false;

    QLabel *m_title;
    QLabel *m_deletedNote;
    QTabWidget *m_tabs;
    QLineEdit *m_identifier;
    QLabel *m_type;
    QLabel *m_size;
    QLabel *m_managed;
    QLabel *m_recovery;
    QLabel *m_created;
    QLabel *m_updated;
    QCheckBox *m_enabled;
    ValidityDateEdit *m_activation;
    ValidityDateEdit *m_expiry;
    QLineEdit *m_tags;
    QMap<QString, QCheckBox *> m_operations;
    QLabel *m_problem;
    QPlainTextEdit *m_jwk;
    QTreeWidget *m_versions;

    QPushButton *m_createButton = nullptr;
    QPushButton *m_restoreButton = nullptr;
    QPushButton *m_rotateButton = nullptr;
    QPushButton *m_policyButton = nullptr;
    QPushButton *m_backupButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QPushButton *m_recoverButton = nullptr;
    QPushButton *m_purgeButton = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_revertButton = nullptr;
    QPushButton *m_copyIdButton = nullptr;
    QPushButton *m_copyJwkButton = nullptr;
    QPushButton *m_copyPemButton = nullptr;
};

} // namespace vl::ui

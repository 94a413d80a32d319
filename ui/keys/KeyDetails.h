// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "vault/Key.h"
#include "widgets/DetailsPane.h"

#include <QMap>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;

namespace vl::ui {

class OptionalDateTimeEdit;

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

    void clear() override;

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
    void load() override;
    void refreshShown() override;

private:
    QWidget *makePropertiesTab();
    QWidget *makePublicKeyTab();
    QWidget *makeVersionsTab();
    void loadVersions();
    void showBundle(const vault::KeyBundle &bundle);
    void appendVersions(const QList<vault::KeyProperties> &versions);
    void updateEditState();
    [[nodiscard]] QString quotedName() const;

    vault::KeyBundle m_bundle;

    QTabWidget *m_tabs;
    QLineEdit *m_identifier;
    QLabel *m_type;
    QLabel *m_size;
    QLabel *m_managed;
    QLabel *m_recovery;
    QLabel *m_created;
    QLabel *m_updated;
    QCheckBox *m_enabled;
    OptionalDateTimeEdit *m_activation;
    OptionalDateTimeEdit *m_expiry;
    QLineEdit *m_tags;
    QMap<QString, QCheckBox *> m_operations;
    QLabel *m_problem;
    QPlainTextEdit *m_jwk;
    QTreeWidget *m_versions;

    QPushButton *m_createButton = nullptr;
    QPushButton *m_rotateButton = nullptr;
    QPushButton *m_policyButton = nullptr;
    QPushButton *m_copyJwkButton = nullptr;
    QPushButton *m_copyPemButton = nullptr;
};

} // namespace vl::ui

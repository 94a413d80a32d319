// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SecretValidation.h"
#include "widgets/DetailsPane.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QToolButton;
class QTreeWidget;

namespace vl {
class ConcealedClipboard;
}

namespace vl::ui {

class OptionalDateTimeEdit;
class SecretEditorDialog;
class TagEditor;

/**
 * @brief The details pane of the selected secret: its properties, its value
 * (masked until revealed, fetched only then), its versions, and what can be
 * done with it: edit, new secret, new version, roll back, delete, recover,
 * purge, back up and restore.
 *
 * Every call is asynchronous; the buttons are disabled while one runs, and a
 * failure is shown in place with an ErrorBanner. Confirmations and file
 * dialogs go through DetailsPane's seams (setConfirmer(), setFileChooser())
 * that default to QMessageBox and QFileDialog, so tests can answer them.
 */
class SecretDetails final : public DetailsPane
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretDetails)

public:
    explicit SecretDetails(QWidget *parent = nullptr);
    ~SecretDetails() override;

    /// Shows nothing.
    void clear() override;

    [[nodiscard]] bool hasItem() const { return !m_item.name.isEmpty(); }
    /// True when the edited properties differ from the item's.
    [[nodiscard]] bool isDirty() const;
    /// True while the value is revealed (it may still be shown masked in presentation mode).
    [[nodiscard]] bool isRevealed() const { return m_value.has_value(); }
    /// The versions listed so far.
    [[nodiscard]] int versionCount() const;

    /// The clipboard the value is copied with (its delay can be set).
    [[nodiscard]] ConcealedClipboard &clipboard() const { return *m_clipboard; }
    [[nodiscard]] ErrorBanner *banner() const { return errorBanner(); }

public Q_SLOTS:
    /// Fetches the latest value and shows it.
    void reveal();
    /// Masks the value again and forgets it.
    void hideValue();
    /// Copies the value as concealed (fetching it when not revealed); the countdown follows.
    void copyValue();
    /// Copies the identifier (not concealed).
    void copyIdentifier();
    /// Sends the edited enabled, activation, expiry, content type and tags.
    void save();
    /// Puts the edits back to the item's properties.
    void revert();
    /// Opens the editor for a new secret; answers it (open, window-modal).
    SecretEditorDialog *newSecret();
    /// Opens the editor for a new version of the item.
    SecretEditorDialog *newVersion();
    /// Sets the value of the selected version as a new version, after confirmation.
    void rollBackToSelectedVersion();
    /// Sets the value of @p version as a new version, after confirmation.
    void rollBackTo(const QString &version);
    void deleteSecret();
    void recoverSecret();
    void purgeSecret();
    void backupToFile();
    void restoreFromFile();
    /// Lists the versions again.
    void reloadVersions();

protected:
    /// Shows the item set and lists its versions.
    void load() override;
    /// Enables what fits the item, the edits and the busy state.
    void updateActions() override;

private:
    void buildLayout();
    /// Reveals the value, or hides it when revealed.
    void toggleValue();
    void connectSignals();
    void showItem();
    void showValue();
    void loadEditors();
    /// The file name filter of backups.
    [[nodiscard]] static QString backupFilter();
    /// The properties as edited, for validation.
    [[nodiscard]] SecretDraft draft() const;
    void loadVersionPage(const QFuture<Result<Page<vault::SecretProperties>>> &page,
                         int generation);
    void sendNew(SecretEditorDialog *dialog);
    void applyBundle(const vault::SecretProperties &properties);
    [[nodiscard]] QString deleteConsequence() const;
    [[nodiscard]] SecretEditorDialog *openEditor(bool newVersion);

    std::optional<QString> m_value;
    ConcealedClipboard *m_clipboard;

    QLabel *m_state;
    QTabWidget *m_tabs;
    QLineEdit *m_identifier;
    QToolButton *m_copyIdentifier;
    QPlainTextEdit *m_valueView;
    QLabel *m_valueNote;
    QPushButton *m_reveal;
    QPushButton *m_copyValue;
    QLabel *m_countdown;
    QCheckBox *m_enabled;
    QLineEdit *m_contentType;
    OptionalDateTimeEdit *m_activation;
    OptionalDateTimeEdit *m_expiry;
    QLabel *m_propertiesError;
    QLabel *m_created;
    QLabel *m_updated;
    QLabel *m_recovery;
    QLabel *m_managed;
    QLabel *m_deletion;
    TagEditor *m_tags;
    QPushButton *m_save;
    QPushButton *m_revert;
    QTreeWidget *m_versions;
    QPushButton *m_rollBack;
    QPushButton *m_newSecret;
    QPushButton *m_newVersion;
    QPushButton *m_delete;
    QPushButton *m_recover;
    QPushButton *m_purge;
    QPushButton *m_backup;
    QPushButton *m_restore;
};

} // namespace vl::ui

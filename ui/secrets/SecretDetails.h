// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "VaultItem.h"
#include "vault/VaultClient.h"

#include <QWidget>

#include <functional>
#include <optional>

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

class ErrorBanner;
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
 * dialogs go through seams (setConfirmer(), setFileChooser()) that default to
 * QMessageBox and QFileDialog, so tests can answer them.
 */
class SecretDetails final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretDetails)

public:
    /// Answers a confirmation: true to go ahead.
    using Confirmer = std::function<bool(const QString &title, const QString &text)>;
    enum class FileMode { Open, Save };
    /// Answers a file dialog with a path, or an empty string to cancel.
    using FileChooser =
        std::function<QString(FileMode mode, const QString &title, const QString &suggestedName)>;

    explicit SecretDetails(QWidget *parent = nullptr);
    ~SecretDetails() override;

    /// The vault the pane works on; nullopt disables every action.
    void setClient(std::optional<vault::VaultClient> client);
    /// Shows @p item (a secret; `deleted` for a soft-deleted one) and loads its versions.
    void setItem(const VaultItem &item);
    /// Shows nothing.
    void clear();

    [[nodiscard]] const VaultItem &item() const { return m_item; }
    [[nodiscard]] bool hasItem() const { return !m_item.name.isEmpty(); }
    /// True while a call runs.
    [[nodiscard]] bool isBusy() const { return m_busy > 0; }
    /// True when the edited properties differ from the item's.
    [[nodiscard]] bool isDirty() const;
    /// True while the value is revealed (it may still be shown masked in presentation mode).
    [[nodiscard]] bool isRevealed() const { return m_value.has_value(); }
    /// The versions listed so far.
    [[nodiscard]] int versionCount() const;

    void setConfirmer(Confirmer confirmer) { m_confirm = std::move(confirmer); }
    void setFileChooser(FileChooser chooser) { m_chooseFile = std::move(chooser); }
    /// The clipboard the value is copied with (its delay can be set).
    [[nodiscard]] ConcealedClipboard &clipboard() const { return *m_clipboard; }
    [[nodiscard]] ErrorBanner *banner() const { return m_banner; }

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

Q_SIGNALS:
    /// @p name was created, changed or restored: the list should refresh.
    void itemChanged(const QString &name);
    /// @p name was deleted or purged: the list should drop it (or show it deleted).
    void itemRemoved(const QString &name);
    /// A message for the status bar, shown for @p timeoutMs.
    void statusMessage(const QString &text, int timeoutMs);

private:
    void buildLayout();
    void connectSignals();
    void showItem();
    void showValue();
    void loadEditors();
    void updateState();
    void beginBusy();
    void endBusy();
    [[nodiscard]] bool confirm(const QString &title, const QString &text) const;
    [[nodiscard]] QString chooseFile(FileMode mode, const QString &title,
                                     const QString &suggested) const;
    void loadVersionPage(const QFuture<Result<Page<vault::SecretProperties>>> &page,
                         quint64 generation);
    void sendNew(SecretEditorDialog *dialog);
    void applyBundle(const vault::SecretProperties &properties);
    [[nodiscard]] QString deleteConsequence() const;
    [[nodiscard]] SecretEditorDialog *openEditor(bool newVersion);

    std::optional<vault::VaultClient> m_client;
    VaultItem m_item;
    std::optional<QString> m_value;
    quint64 m_generation = 0;
    int m_busy = 0;
    Confirmer m_confirm;
    FileChooser m_chooseFile;
    ConcealedClipboard *m_clipboard;

    ErrorBanner *m_banner;
    QLabel *m_title;
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

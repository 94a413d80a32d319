// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "VaultItem.h"
#include "util/Future.h"
#include "util/Result.h"
#include "vault/VaultClient.h"
#include "widgets/DetailsSupport.h"
#include "widgets/ErrorBanner.h"

#include <QDialog>
#include <QPushButton>
#include <QWidget>

#include <optional>

class QCheckBox;
class QFormLayout;
class QHBoxLayout;
class QLabel;
class QLayout;
class QLineEdit;
class QProgressBar;
class QTabWidget;
class QTreeWidget;
class QVBoxLayout;

namespace vl::ui {

/**
 * @brief What the key and certificate details panes share: the vault client,
 * the item shown with its title and deletion note, the error banner and busy
 * bar, the confirmation and file seams, calls whose failures are shown in
 * place, the properties and versions widgets, and the delete, recover, purge,
 * backup and restore flows (parameterised by the kind's client calls).
 *
 * While a call runs the pane is busy and its actions are disabled. Results of
 * loads started for an item that is no longer shown are dropped.
 */
class DetailsPane : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailsPane)

public:
    /// A pane showing items of @p kind.
    explicit DetailsPane(VaultItemKind kind, QWidget *parent = nullptr);
    ~DetailsPane() override;

    /// The vault the pane works on; nullopt (or a new vault) clears it.
    void setClient(std::optional<vault::VaultClient> client);
    [[nodiscard]] const std::optional<vault::VaultClient> &client() const { return m_client; }
    /// Shows nothing; only the vault-wide actions (create, import, restore) stay.
    virtual void clear() = 0;
    /// Shows @p item (`deleted` for a soft-deleted one) and loads its details.
    void setItem(const VaultItem &item);
    /// The item shown (an empty name when none).
    [[nodiscard]] const VaultItem &item() const { return m_item; }

    /// Replaces the confirmation dialog (tests answer it).
    void setConfirmer(Confirmer confirmer);
    /// Replaces the file dialog (tests name the file).
    void setFileChooser(FileChooser chooser);
    [[nodiscard]] const FileChooser &fileChooser() const { return m_chooser; }

    [[nodiscard]] bool isBusy() const { return m_busy > 0; }
    [[nodiscard]] ErrorBanner *errorBanner() const { return m_banner; }

Q_SIGNALS:
    /// @p name was created, changed, recovered or restored: a list should show it anew.
    void itemChanged(const QString &name);
    /// @p name was deleted or purged: a list should drop it.
    void itemRemoved(const QString &name);
    /// A short note for the status bar.
    void statusMessage(const QString &message, int timeoutMs);
    /// The pane became busy or idle.
    void busyChanged(bool busy);

protected:
    /// How long status messages show.
    static constexpr int StatusTimeout = 5000;

    /// The layout under the banner and busy bar, for the subclass's content.
    [[nodiscard]] QVBoxLayout *contentLayout() const { return m_content; }
    /// Enables the actions that fit the item shown and the busy state.
    virtual void updateActions() = 0;
    /// Loads the details of m_item (called by setItem()).
    virtual void load() = 0;
    /// Shows the loaded item again (presentation mode changed); called only when loaded.
    virtual void refreshShown() {}

    /**
     * Lays the content out: @p vaultRow (vault-wide actions), @p above (when
     * given), the title and deletion note, @p itemRow and the @p tabs.
     */
    void layOutContent(QLayout *vaultRow, QLayout *itemRow, QTabWidget *tabs,
                       QWidget *above = nullptr);
    /// A row of @p buttons followed by a stretch.
    [[nodiscard]] static QHBoxLayout *buttonRow(std::initializer_list<QPushButton *> buttons);

    /// A push button @p objectName calling @p slot of the pane when clicked.
    template<typename Pane, typename R>
    QPushButton *addButton(const QString &objectName, const QString &text,
                           const QString &accessibleName, R (Pane::*slot)())
    {
        auto *button = new QPushButton(text, this);
        button->setObjectName(objectName);
        button->setAccessibleName(accessibleName);
        connect(button, &QPushButton::clicked, static_cast<Pane *>(this), slot);
        return button;
    }

    /// Forgets the item: nothing loaded, the title says @p noneText.
    void resetItem(const QString &noneText);
    /// Shows the item @p name of the pane's kind (@p deleted for a soft-deleted one).
    void showAsItem(const QString &name, bool deleted);
    /// Says when the shown item was deleted and will be purged.
    void showDeletion(const vault::DeletionInfo &deletion);

    /**
     * Loads the shown item: with @p getDeleted (name -> future of a deleted
     * object with `deletion`) and @p showDeleted when it is deleted, otherwise
     * with @p get and @p show. True when a live item is being loaded.
     */
    template<typename GetDeleted, typename ShowDeleted, typename Get, typename Show>
    bool loadShown(GetDeleted getDeleted, const QString &deletedAction, ShowDeleted showDeleted,
                   Get get, const QString &action, Show show)
    {
        if (!m_client || m_item.name.isEmpty())
            return false;
        if (m_item.deleted) {
            run(
                getDeleted(m_item.name), deletedAction,
                [this, showDeleted](const auto &deleted) {
                    showDeleted(deleted);
                    showDeletion(deleted.deletion);
                },
                true);
            return false;
        }
        run(get(m_item.name), action, show, true);
        return true;
    }

    /**
     * Lists every page of versions into @p view: @p first () and @p next (link)
     * answer pages whose items @p append receives.
     */
    template<typename First, typename Next, typename Append>
    void loadVersionPages(QTreeWidget *view, First first, Next next, const QString &action,
                          Append append, const QUrl &link = {})
    {
        if (link.isEmpty())
            clearVersions(view);
        const auto future = link.isEmpty() ? first() : next(link);
        run(
            future, action,
            [this, view, first, next, action, append](const auto &page) {
                append(page.items);
                if (page.hasMore())
                    loadVersionPages(view, first, next, action, append, page.nextLink);
            },
            true);
    }

    /// One row of a versions view.
    struct VersionRow
    {
        QString version;
        QString id;        ///< copied by the row's context menu
        QStringList extra; ///< the columns between the version and "Enabled"
        vault::ObjectAttributes attributes;
    };
    /// Names @p view, gives it @p headers and the context menu copying a version's identifier.
    void setUpVersionsView(QTreeWidget *view, const QString &accessibleName,
                           const QStringList &headers);
    /// Adds @p rows to @p view (version, extra columns, enabled, created, expires), newest first.
    static void appendVersionRows(QTreeWidget *view, const QList<VersionRow> &rows);

    /// Adds the read-only @p identifier with its @p copy button to @p form.
    void addIdentifierRow(QFormLayout *form, QWidget *page, QLineEdit *identifier,
                          QPushButton *copy, const QString &accessibleName);
    /// Adds the editable @p enabled and @p tags rows to @p form.
    void addEnabledAndTagsRows(QFormLayout *form, QWidget *page, QCheckBox *enabled,
                               QLineEdit *tags);
    /// The row under the properties: the @p problem note, Revert and Save.
    [[nodiscard]] static QHBoxLayout *makeSaveRow(QLabel *problem, QPushButton *revert,
                                                  QPushButton *save);
    /// Whether @p enabled or @p tags differ from @p attributes and @p savedTags.
    [[nodiscard]] static bool enabledOrTagsDiffer(const QCheckBox *enabled, const QLineEdit *tags,
                                                  const vault::ObjectAttributes &attributes,
                                                  const std::optional<vault::Tags> &savedTags);
    /// Enables and shows Delete (a live item) or Recover and Purge (a deleted one), and
    /// enables Restore (@p idle) and Back Up (@p live).
    void updateLifecycleButtons(bool idle, bool live);

    /// Copies @p identifier to the clipboard, with a status message.
    void copyIdentifierText(const QString &identifier);

    /// Emits that @p name changed, with @p message in the status bar.
    void announceChanged(const QString &name, const QString &message);
    /// Emits that @p name is gone, with @p message; drops or shows it deleted when shown.
    void announceRemoved(const QString &name, const QString &message, bool showDeleted);

    /**
     * Opens @p dialog (window-modal, deleted on close); when accepted, creates
     * the item it names with @p call (name, parameters -> future).
     */
    template<typename Dialog, typename Call>
    void createFromDialog(Dialog *dialog, Call call, const QString &action,
                          const QString &doneFormat)
    {
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this, [this, dialog, call, action, doneFormat] {
            const QString name = dialog->name();
            m_banner->clear();
            run(call(name, dialog->parameters()), action, [this, name, doneFormat](const auto &) {
                announceChanged(name, doneFormat.arg(name));
                showAsItem(name, false);
            });
        });
        dialog->open();
    }

    /**
     * Deletes the shown item after confirming @p title / @p text: @p call (name
     * -> future) with @p action; @p doneFormat ("%1 deleted.") for the status.
     */
    template<typename Call>
    void deleteShown(const QString &title, const QString &text,
                     const vault::ObjectAttributes &attributes, Call call, const QString &action,
                     const QString &doneFormat)
    {
        if (!m_client || !m_loaded || m_item.deleted)
            return;
        const QString name = m_item.name;
        if (!confirm(title, text))
            return;
        m_banner->clear();
        const bool recoverable =
            attributes.recoveryLevel.value_or(QString()).contains(QLatin1StringView("Recoverable"));
        run(call(name), action, [this, name, recoverable, doneFormat](const auto &) {
            announceRemoved(name, doneFormat.arg(name), recoverable);
        });
    }

    /// Recovers the shown deleted item with @p call.
    template<typename Call>
    void recoverShown(Call call, const QString &action, const QString &doneFormat)
    {
        if (!m_client || !m_item.deleted)
            return;
        const QString name = m_item.name;
        m_banner->clear();
        run(call(name), action, [this, name, doneFormat](const auto &) {
            announceChanged(name, doneFormat.arg(name));
            if (m_item.name == name)
                showAsItem(name, false);
        });
    }

    /// Purges the shown deleted item with @p call after confirming (@p textFormat takes the name).
    template<typename Call>
    void purgeShown(const QString &title, const QString &textFormat, Call call,
                    const QString &action, const QString &doneFormat)
    {
        if (!m_client || !m_item.deleted)
            return;
        const QString name = m_item.name;
        if (!confirm(title, textFormat.arg(name)))
            return;
        m_banner->clear();
        run(call(name), action, [this, name, doneFormat](const Done &) {
            announceRemoved(name, doneFormat.arg(name), false);
        });
    }

    /// Backs the shown item up with @p call into a file named `name` + @p suffix.
    template<typename Call>
    void backUpShown(const QString &title, const QString &filter, const QString &suffix, Call call,
                     const QString &action, const QString &doneFormat)
    {
        if (!m_client || !m_loaded)
            return;
        const QString name = m_item.name;
        const QString path = chooseFile(FileMode::Save, title, filter, QString(name + suffix));
        if (path.isEmpty())
            return;
        m_banner->clear();
        run(call(name), action, [this, name, path, doneFormat](const vault::BackupBlob &blob) {
            if (writeFile(path, blob.bytes()))
                Q_EMIT statusMessage(doneFormat.arg(name, path), StatusTimeout);
        });
    }

    /// Restores a backup file with @p call (blob -> future); @p nameOf names what it answers.
    template<typename Call, typename NameOf>
    void restoreFromFile(const QString &title, const QString &filter, Call call,
                         const QString &action, const QString &doneFormat, NameOf nameOf)
    {
        if (!m_client)
            return;
        const QString path = chooseFile(FileMode::Open, title, filter);
        if (path.isEmpty())
            return;
        m_banner->clear();
        const auto bytes = readFile(path);
        if (!bytes)
            return;
        run(call(vault::BackupBlob::fromBytes(*bytes)), action,
            [this, doneFormat, nameOf](const auto &bundle) {
                const QString name = nameOf(bundle);
                announceChanged(name, doneFormat.arg(name));
                showAsItem(name, false);
            });
    }

    /// Forgets pending loads: their results will be dropped.
    void invalidateLoads() { ++m_generation; }
    /// Changes whenever loads are forgotten: a result for another value is stale.
    [[nodiscard]] int loadGeneration() const { return m_generation; }
    /// True once setFileChooser() replaced the file dialog.
    [[nodiscard]] bool fileChooserReplaced() const { return m_chooserReplaced; }

    /**
     * Runs @p future with the pane busy; on success calls @p done with the
     * value, on failure shows the error for @p action. With @p load, the result
     * is dropped when another item was shown meanwhile.
     */
    template<typename T, typename Function>
    void run(const QFuture<Result<T>> &future, const QString &action, Function done,
             bool load = false)
    {
        setBusy(true);
        const int generation = m_generation;
        onFinished(future, this,
                   [this, action, done = std::move(done), generation, load](const Result<T> &r) {
                       setBusy(false);
                       if (load && generation != m_generation)
                           return;
                       if (!r.ok()) {
                           m_banner->showError(r.error(), Service::KeyVault, action);
                           return;
                       }
                       done(*r);
                   });
    }

    [[nodiscard]] bool confirm(const QString &title, const QString &text) const;
    [[nodiscard]] QString chooseFile(FileMode mode, const QString &title, const QString &filter,
                                     const QString &suggestedName = {}) const;
    /// Writes @p bytes to @p path; shows why in the banner when it cannot.
    bool writeFile(const QString &path, const QByteArray &bytes);
    /// The contents of @p path; nullopt, with the banner saying why, when unreadable.
    [[nodiscard]] std::optional<QByteArray> readFile(const QString &path);

    void setBusy(bool busy);

    std::optional<vault::VaultClient> m_client;
    ErrorBanner *m_banner;
    VaultItem m_item;
    bool m_loaded = false;
    QLabel *m_title;
    QLabel *m_deletedNote;
    /// @name The buttons the key and certificate panes share (they create them)
    /// @{
    QPushButton *m_restoreButton = nullptr;
    QPushButton *m_backupButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QPushButton *m_recoverButton = nullptr;
    QPushButton *m_purgeButton = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_revertButton = nullptr;
    QPushButton *m_copyIdButton = nullptr;
    /// @}

private:
    static void clearVersions(QTreeWidget *view);

    VaultItemKind m_kind;
    QProgressBar *m_busyBar;
    QVBoxLayout *m_content;
    Confirmer m_confirmer;
    FileChooser m_chooser;
    int m_busy = 0;
    int m_generation = 0;
    bool m_chooserReplaced = false;
};

} // namespace vl::ui

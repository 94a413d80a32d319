// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DetailsSupport.h"
#include "util/Future.h"
#include "util/Result.h"
#include "vault/VaultClient.h"
#include "widgets/ErrorBanner.h"

#include <QWidget>

#include <optional>

class QProgressBar;
class QVBoxLayout;

namespace vl::ui {

/**
 * @brief What the key and certificate details panes share: the vault client,
 * the error banner and busy bar, the confirmation and file seams, and calls
 * whose failures are shown in place.
 *
 * While a call runs the pane is busy and its actions are disabled. Results of
 * loads started for an item that is no longer shown are dropped.
 */
class DetailsPane : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailsPane)

public:
    explicit DetailsPane(QWidget *parent = nullptr);
    ~DetailsPane() override;

    /// The vault the pane works on; nullopt (or a new vault) clears it.
    void setClient(std::optional<vault::VaultClient> client);
    [[nodiscard]] const std::optional<vault::VaultClient> &client() const { return m_client; }
    /// Shows nothing; only the vault-wide actions (create, import, restore) stay.
    virtual void clear() = 0;

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
    /// The layout under the banner and busy bar, for the subclass's content.
    [[nodiscard]] QVBoxLayout *contentLayout() const { return m_content; }
    /// Enables the actions that fit the item shown and the busy state.
    virtual void updateActions() = 0;

    /// Forgets pending loads: their results will be dropped.
    void invalidateLoads() { ++m_generation; }

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

private:
    QProgressBar *m_busyBar;
    QVBoxLayout *m_content;
    Confirmer m_confirmer;
    FileChooser m_chooser;
    int m_busy = 0;
    int m_generation = 0;
};

} // namespace vl::ui

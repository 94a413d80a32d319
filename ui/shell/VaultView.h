// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "VaultItem.h"
#include "VaultLocation.h"
#include "vault/VaultClient.h"

#include <QWidget>

class QLabel;
class QSettings;
class QTabWidget;

namespace vl {
class Session;
}

namespace vl::ui {

class CertificateDetails;
class ItemListView;
class KeyDetails;
class SecretDetails;

/**
 * @brief One open vault: its name and address, and a tab for each of its
 * secrets, keys and certificates, each a list beside the selected item's
 * details.
 */
class VaultView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VaultView)

public:
    VaultView(Session &session, VaultLocation location, QWidget *parent = nullptr);
    ~VaultView() override;

    [[nodiscard]] const VaultLocation &location() const { return m_location; }

    [[nodiscard]] VaultItemKind currentKind() const;
    void setCurrentKind(VaultItemKind kind);
    [[nodiscard]] ItemListView *list(VaultItemKind kind) const;
    [[nodiscard]] SecretDetails *secretDetails() const { return m_secretDetails; }
    [[nodiscard]] KeyDetails *keyDetails() const { return m_keyDetails; }
    [[nodiscard]] CertificateDetails *certificateDetails() const { return m_certificateDetails; }

    /// Lists the current tab's items again.
    void refresh();
    void focusFilter();
    /// Opens the current tab's "new" dialog (secret, key, certificate import).
    void newItem();
    /// Asks for a file and exports the current tab's visible list to it.
    void exportVisibleList();
    /// "12 of 240 secrets" for the status bar.
    [[nodiscard]] QString countsText() const;

    void saveState(QSettings &settings) const;
    void restoreState(const QSettings &settings);

Q_SIGNALS:
    void statusMessage(const QString &message, int timeoutMs);
    void countsChanged();
    void openInPortalRequested(const vl::VaultLocation &location);

private:
    template<typename Pane>
    QWidget *makeTab(VaultItemKind kind, Pane *pane);
    void openItemInPortal(VaultItemKind kind, const VaultItem &item);

    Session &m_session;
    VaultLocation m_location;
    std::optional<vault::VaultClient> m_client;
    QTabWidget *m_tabs;
    struct Counts
    {
        int loaded = 0;
        int shown = 0;
        bool complete = false;
    };
    ItemListView *m_lists[3] = {};
    Counts m_counts[3];
    SecretDetails *m_secretDetails = nullptr;
    KeyDetails *m_keyDetails = nullptr;
    CertificateDetails *m_certificateDetails = nullptr;
};

} // namespace vl::ui

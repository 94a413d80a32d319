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
struct Remedy;
} // namespace vl

namespace vl::ui {

class AccessView;
class CertificateDetails;
class ItemListView;
class KeyDetails;
class NetworkEditor;
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

    /// The kind of the current item tab (secrets when the Access or Networking tab is shown).
    [[nodiscard]] VaultItemKind currentKind() const;
    /// True when a secrets, keys or certificates tab is shown.
    [[nodiscard]] bool showsItems() const;
    void setCurrentKind(VaultItemKind kind);
    [[nodiscard]] ItemListView *list(VaultItemKind kind) const;
    [[nodiscard]] SecretDetails *secretDetails() const { return m_secretDetails; }
    [[nodiscard]] KeyDetails *keyDetails() const { return m_keyDetails; }
    [[nodiscard]] CertificateDetails *certificateDetails() const { return m_certificateDetails; }

    /// The Access tab's view (made on first use); nullptr when the vault has no resource id.
    AccessView *accessView();
    /// The Networking tab's editor (made on first use); nullptr without a resource id.
    NetworkEditor *networkEditor();
    void showAccess();
    void showNetworking();
    /**
     * Opens the editor that fixes a refused request, pre-filled: the firewall for a
     * client address, the access policies for a missing permission, the role
     * assignments for a missing role. False when the remedy has no editor here.
     */
    bool applyRemedy(const vl::Remedy &remedy);

    /// Lists the current tab's items again (or reloads the Access or Networking tab).
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
    [[nodiscard]] QWidget *managementPlaceholder(const QString &what);

    static constexpr int AccessTab = 3;
    static constexpr int NetworkTab = 4;

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
    AccessView *m_access = nullptr;
    NetworkEditor *m_network = nullptr;
};

} // namespace vl::ui

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "VaultLocation.h"
#include "journal/FlowStep.h"

#include <QWidget>

class QAbstractButton;
class QButtonGroup;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QTableView;
class QVBoxLayout;

namespace vl {
class NetworkRulesModel;
class Session;
namespace access {
struct ValidationResult;
} // namespace access
} // namespace vl

namespace vl::ui {

class ErrorBanner;
class StagedChangesBar;

/**
 * @brief The vault firewall editor: public network access, the trusted
 * services bypass, IPv4 rules, virtual network rules and private endpoint
 * connections, staged and applied through the review under it.
 *
 * ```
 *  ┌ note: firewall rules guard the data plane only ──────────────────────┐
 *  │ ( ) All networks  (•) Selected networks  ( ) Disabled   [x] bypass   │
 *  │ IPv4 rules  [table] [203.0.113.0/24][Add] Edit Remove Add my address │
 *  │ Virtual network rules [table] [subnet id][Add] Remove                │
 *  │ Private endpoint connections [table] Approve Reject                  │
 *  └ StagedChangesBar: 3 changes staged   [Review and apply…] [Discard] ─┘
 * ```
 *
 * Object names: `accessAllNetworks`, `accessSelectedNetworks`, `accessDisabled`,
 * `bypassAzureServices`, `ipRulesView`, `ipRuleEdit`, `addIpRuleButton`,
 * `ipRuleError` (label), `editIpRuleButton`, `removeIpRuleButton`,
 * `addClientAddressButton`, `virtualNetworkRulesView`, `subnetIdEdit`,
 * `addVirtualNetworkRuleButton`, `subnetIdError` (label),
 * `removeVirtualNetworkRuleButton`, `privateEndpointsView`, `connectionDescriptionEdit`,
 * `approveConnectionButton`, `rejectConnectionButton`, `errorBanner`, `stagedChangesBar`.
 */
class NetworkEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkEditor)

public:
    NetworkEditor(Session &session, VaultLocation location, QWidget *parent = nullptr);
    ~NetworkEditor() override;

    /// The model behind the editor (a StagedEditor).
    [[nodiscard]] NetworkRulesModel *model() const { return m_model; }
    [[nodiscard]] StagedChangesBar *stagedChangesBar() const { return m_bar; }
    [[nodiscard]] ErrorBanner *errorBanner() const { return m_banner; }

    /// Stages @p address as a /32 rule (the fix a firewall denial offers).
    void addClientAddress(const QString &address);
    /// Carries out @p remedy when it is a firewall fix (AddClientAddress); false otherwise.
    bool applyRemedy(const Remedy &remedy);

private:
    void buildAccess(QWidget *parent, QVBoxLayout *layout);
    void buildIpRules(QWidget *parent, QVBoxLayout *layout);
    void buildVirtualNetworks(QWidget *parent, QVBoxLayout *layout);
    void buildPrivateEndpoints(QWidget *parent, QVBoxLayout *layout);
    void syncFromModel();
    void updateButtons();
    void updateClientAddressButton();
    void addOrSaveIpRule();
    void startEditIpRule();
    void cancelEditIpRule();
    void removeIpRule();
    void addMyClientAddress();
    void addVirtualNetworkRule();
    void removeVirtualNetworkRule();
    void setConnectionStatus(bool approve);
    void showFieldMessage(QLabel *label, const QString &message, bool error);
    /// Shows why the model refused a change (e.g. while an apply runs), if it did.
    void showRefusal(const access::ValidationResult &result);
    [[nodiscard]] static QString selectedKey(const QTableView *view);

    NetworkRulesModel *m_model;
    ErrorBanner *m_banner;
    QButtonGroup *m_modeGroup = nullptr;
    QRadioButton *m_allNetworks = nullptr;
    QRadioButton *m_selectedNetworks = nullptr;
    QRadioButton *m_disabled = nullptr;
    QCheckBox *m_bypass = nullptr;
    QLabel *m_rulesHint = nullptr;
    QTableView *m_ipView = nullptr;
    QLineEdit *m_ipEdit = nullptr;
    QPushButton *m_addIp = nullptr;
    QLabel *m_ipError = nullptr;
    QPushButton *m_editIp = nullptr;
    QPushButton *m_removeIp = nullptr;
    QPushButton *m_clientAddress = nullptr;
    QTableView *m_vnetView = nullptr;
    QLineEdit *m_subnetEdit = nullptr;
    QPushButton *m_addVnet = nullptr;
    QLabel *m_subnetError = nullptr;
    QPushButton *m_removeVnet = nullptr;
    QTableView *m_peView = nullptr;
    QLineEdit *m_peDescription = nullptr;
    QPushButton *m_approve = nullptr;
    QPushButton *m_reject = nullptr;
    StagedChangesBar *m_bar = nullptr;
    QString m_editing; ///< the IP rule being edited, or empty
    bool m_addClientWhenKnown = false;
    bool m_syncing = false;
};

} // namespace vl::ui

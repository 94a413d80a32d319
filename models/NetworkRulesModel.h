// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "NetworkRuleTables.h"
#include "StagedChanges.h"
#include "VaultLocation.h"
#include "access/Validation.h"
#include "arm/ArmClient.h"
#include "arm/Vault.h"
#include "util/Result.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace vl {

class Session;

/**
 * @brief The vault firewall as a staged editor: public network access, the
 * trusted-services bypass, IPv4 rules, virtual network rules and private
 * endpoint connections.
 *
 * ```
 *  reload(): getVault + listPrivateEndpointConnections ─► base state
 *  stage*(): validated edits kept as a delta on the base ─► stagedChanges()
 *  apply():  getVault (fresh) ─► delta applied onto the fresh networkAcls ─► PATCH
 *            (networkAcls, publicNetworkAccess only) ─► approve/reject connections
 *            ─► read back ─► compare ─► applied(ApplyReport)
 * ```
 *
 * Because the delta (rules added and removed, the mode, the bypass) is applied
 * to the vault as it is right before sending, rules someone else added in the
 * meantime survive. Firewall rules guard the data plane only (secrets, keys and
 * certificates); the Resource Manager requests this model sends are not
 * affected by them.
 */
class NetworkRulesModel final : public StagedEditor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkRulesModel)

public:
    /// Who may reach the vault's data plane over public networks.
    enum class AccessMode {
        AllNetworks,      ///< publicNetworkAccess Enabled, defaultAction Allow
        SelectedNetworks, ///< publicNetworkAccess Enabled, defaultAction Deny (rules let in)
        Disabled,         ///< publicNetworkAccess Disabled (private endpoints only)
    };
    Q_ENUM(AccessMode)

    /// A private endpoint connection, as read or as staged.
    struct Connection
    {
        QString name;
        QString privateEndpointId;
        QString status; ///< Pending, Approved, Rejected, Disconnected
        QString description;
        std::optional<QString> etag;
        friend bool operator==(const Connection &, const Connection &) = default;
    };

    /// The firewall in the terms of the editor (rules normalised).
    struct Firewall
    {
        AccessMode mode = AccessMode::AllNetworks;
        bool bypassAzureServices = true;
        QStringList ipRules; ///< a.b.c.d/n
        QStringList subnets; ///< lower-case subnet ids
        friend bool operator==(const Firewall &, const Firewall &) = default;
    };

    NetworkRulesModel(Session &session, VaultLocation location, QObject *parent = nullptr);
    ~NetworkRulesModel() override;

    /// @name StagedEditor
    /// @{
    [[nodiscard]] QString title() const override;
    [[nodiscard]] QList<StagedChange> stagedChanges() const override;
    [[nodiscard]] QList<GuardWarning> guardWarnings() const override;
    void discardStaged() override;
    void reload() override;
    void apply() override;
    /// @}

    [[nodiscard]] const VaultLocation &location() const { return m_location; }
    /// True once the vault was read.
    [[nodiscard]] bool isLoaded() const { return m_vault.has_value(); }
    /// True from apply() until applied(): every stage*() and set*() call is refused.
    [[nodiscard]] bool isApplying() const { return m_applying; }
    /// Why a change was refused while an apply runs (translated).
    [[nodiscard]] static QString applyingMessage();

    /// @name The state read from the service, and the state with the staged changes
    /// @{
    [[nodiscard]] const Firewall &baseFirewall() const { return m_base; }
    [[nodiscard]] Firewall stagedFirewall() const;
    [[nodiscard]] const QList<Connection> &baseConnections() const { return m_connections; }
    [[nodiscard]] QList<Connection> stagedConnections() const;
    [[nodiscard]] AccessMode accessMode() const { return stagedFirewall().mode; }
    [[nodiscard]] bool bypassAzureServices() const { return stagedFirewall().bypassAzureServices; }
    /// @}

    /// @name Tables for views (raw sort values under models::RawValueRole)
    /// @{
    [[nodiscard]] IpRuleTable *ipRules() const { return m_ipTable; }
    [[nodiscard]] VirtualNetworkRuleTable *virtualNetworkRules() const { return m_vnetTable; }
    [[nodiscard]] PrivateEndpointTable *privateEndpoints() const { return m_peTable; }
    /// @}

    /// @name Staging (nothing is sent until apply())
    /// While an apply runs (isApplying()) every call is refused: a failed result
    /// saying so (applyingMessage()), or false, and nothing is staged.
    /// @{
    access::ValidationResult setAccessMode(AccessMode mode);
    access::ValidationResult setBypassAzureServices(bool bypass);
    /// Adds a public IPv4 address or range; `normalized` is the rule as stored.
    access::ValidationResult stageAddIpRule(const QString &text);
    /// Replaces @p oldValue (a rule shown) with @p newValue.
    access::ValidationResult stageEditIpRule(const QString &oldValue, const QString &newValue);
    /// Removes a rule shown (or drops a staged addition); false when there is none.
    bool stageRemoveIpRule(const QString &value);
    access::ValidationResult stageAddVirtualNetworkRule(const QString &subnetId);
    bool stageRemoveVirtualNetworkRule(const QString &subnetId);
    access::ValidationResult stageApproveConnection(const QString &name,
                                                    const QString &description = {});
    access::ValidationResult stageRejectConnection(const QString &name,
                                                   const QString &description = {});
    /// @}

    /// @name This machine's address
    /// @{
    /// The address Key Vault sees for this machine (from its answers or a firewall
    /// denial), or empty when none is known yet.
    [[nodiscard]] QString clientAddress() const;
    /// When no address is known, sends one cheap data-plane request to the vault
    /// (its answer, allowed or denied, names the address); clientAddressChanged
    /// follows, or clientAddressNotFound when the answer named none. The model
    /// does this by itself once the vault is loaded and no address is known.
    void discoverClientAddress();
    /// True while the request of discoverClientAddress() is on its way.
    [[nodiscard]] bool isDiscoveringClientAddress() const { return m_discovering; }
    /// Stages the client address as a /32 rule; the message says when the rule has
    /// no effect because every network is allowed.
    access::ValidationResult stageClientAddress();
    /// The same for @p address (e.g. the address a firewall denial named).
    access::ValidationResult stageClientAddress(const QString &address);
    /// @}

    /// "all networks", "selected networks", "public access disabled" (translated).
    [[nodiscard]] static QString accessModeText(AccessMode mode);
    /// Checks one IP rule as the editor accepts it: public IPv4 only; host bits
    /// below the prefix are cleared (203.0.113.77/24 -> 203.0.113.0/24), a bare
    /// address becomes a /32.
    [[nodiscard]] static access::ValidationResult normalizeIpRule(const QString &text);
    /// The firewall of @p vault, in the editor's terms.
    [[nodiscard]] static Firewall firewallOf(const arm::VaultProperties &vault);

Q_SIGNALS:
    /// The client address became known (or changed).
    void clientAddressChanged(const QString &address);
    /// discoverClientAddress() ended and Key Vault named no address (or it could
    /// not be asked, e.g. the account is signed out).
    void clientAddressNotFound();

private:
    struct ConnectionChange
    {
        QString status;
        QString description;
    };
    /// The staged edits, as a delta on whatever the vault holds.
    struct Delta
    {
        std::optional<AccessMode> mode;
        std::optional<bool> bypass;
        QStringList addedIps;
        QStringList removedIps;
        QHash<QString, QString> editedFrom; ///< added rule -> the rule it replaces
        QStringList addedSubnets;
        QStringList removedSubnets;
        QMap<QString, ConnectionChange> connections;

        [[nodiscard]] bool hasFirewallChanges() const;
        [[nodiscard]] bool isEmpty() const;
    };
    struct ApplyRun;

    [[nodiscard]] static arm::VaultProperties applyDelta(arm::VaultProperties props,
                                                         const Delta &delta);
    access::ValidationResult stageConnection(const QString &name, const QString &status,
                                             const QString &description);
    void changed();
    void prune();
    /// Stages the removal of IP rule @p rule (normalised) without notifying.
    bool removeIpRuleQuietly(const QString &rule);
    void refreshTables();
    void updateClientAddress();
    using Fetched = std::function<void(const Result<arm::Vault> &, const QList<Connection> &)>;
    /// Reads the vault, then its private endpoint connections (every page).
    void fetch(Fetched done);
    void collectConnections(const arm::ArmClient &arm, const QUrl &nextLink,
                            QList<Connection> collected, const arm::Vault &vault, Fetched done);
    void setState(const arm::Vault &vault, const QList<Connection> &connections);
    void sendFirewall(const std::shared_ptr<ApplyRun> &run);
    void sendConnections(const std::shared_ptr<ApplyRun> &run, int index);
    void readBack(const std::shared_ptr<ApplyRun> &run);
    [[nodiscard]] std::optional<arm::ArmClient> armClient() const;

    Session &m_session;
    VaultLocation m_location;
    std::optional<arm::Vault> m_vault; ///< as last read
    Firewall m_base;
    QList<Connection> m_connections;
    Delta m_staged;
    QString m_clientAddress;
    int m_generation = 0;
    bool m_discovering = false;
    bool m_applying = false;
    IpRuleTable *m_ipTable;
    VirtualNetworkRuleTable *m_vnetTable;
    PrivateEndpointTable *m_peTable;
};

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
// The networking editor's model: the state read, the staged delta, the
// tables, the diff and the own-address guard. Loading and applying are in
// NetworkRulesApply.cpp.
#include "NetworkRulesModel.h"

#include "ClientAddress.h"
#include "Presentation.h"
#include "Session.h"
#include "access/Caller.h"
#include "access/FirewallEvaluator.h"
#include "access/Ipv4.h"
#include "util/Future.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace vl {
namespace {

QString normalizedSubnet(const QString &id)
{
    return id.trimmed().toLower();
}

QString normalizedIp(const QString &value)
{
    const auto range = access::Ipv4Range::parse(value.trimmed());
    return range ? range->toCanonicalString() : value.trimmed();
}

/// The segment after @p type in a resource id ("virtualNetworks" -> "vnet-apps").
QString segmentAfter(const QString &id, const QString &type)
{
    const QStringList parts = id.split(u'/', Qt::SkipEmptyParts);
    for (int i = 0; i + 1 < parts.size(); ++i)
        if (parts.at(i).compare(type, Qt::CaseInsensitive) == 0)
            return parts.at(i + 1);
    return {};
}

quint64 ipSortValue(const QString &rule)
{
    const auto range = access::Ipv4Range::parse(rule);
    return range ? (quint64(range->network) << 6) | quint64(range->prefix) : 0;
}

} // namespace

bool NetworkRulesModel::Delta::hasFirewallChanges() const
{
    return mode || bypass || !addedIps.isEmpty() || !removedIps.isEmpty() || !addedSubnets.isEmpty()
           || !removedSubnets.isEmpty();
}

bool NetworkRulesModel::Delta::isEmpty() const
{
    return !hasFirewallChanges() && connections.isEmpty();
}

NetworkRulesModel::NetworkRulesModel(Session &session, VaultLocation location, QObject *parent)
    : StagedEditor(parent)
    , m_session(session)
    , m_location(std::move(location))
    , m_ipTable(new IpRuleTable(this))
    , m_vnetTable(new VirtualNetworkRuleTable(this))
    , m_peTable(new PrivateEndpointTable(this))
{
    m_clientAddress = observedClientAddress(m_session.journal(), m_location.vaultUri);
    connect(&m_session.journal(), &RequestJournal::recordAdded, this,
            [this](const RequestRecord &record) {
                if (record.service == Service::KeyVault)
                    updateClientAddress();
            });
    reload();
}

NetworkRulesModel::~NetworkRulesModel() = default;

QString NetworkRulesModel::title() const
{
    return tr("Networking");
}

QString NetworkRulesModel::accessModeText(AccessMode mode)
{
    switch (mode) {
    case AccessMode::AllNetworks:
        return tr("all networks");
    case AccessMode::SelectedNetworks:
        return tr("selected networks");
    case AccessMode::Disabled:
        return tr("public access disabled");
    }
    return {};
}

access::ValidationResult NetworkRulesModel::normalizeIpRule(const QString &text)
{
    const QString trimmed = text.trimmed();
    const auto range = access::Ipv4Range::parse(trimmed);
    if (range && range->hostBitsSet())
        return access::Validation::ipRule(range->toCanonicalString());
    return access::Validation::ipRule(trimmed);
}

NetworkRulesModel::Firewall NetworkRulesModel::firewallOf(const arm::VaultProperties &vault)
{
    Firewall f;
    const arm::NetworkRuleSet acls = vault.networkAcls.value_or(arm::NetworkRuleSet{});
    if (!vault.publicNetworkAccessEnabled())
        f.mode = AccessMode::Disabled;
    else
        f.mode = acls.defaultDeny() ? AccessMode::SelectedNetworks : AccessMode::AllNetworks;
    f.bypassAzureServices = acls.bypassesAzureServices();
    for (const arm::IpRule &r : acls.ipRules.value_or(QList<arm::IpRule>{}))
        f.ipRules.append(normalizedIp(r.value));
    for (const arm::VirtualNetworkRule &r :
         acls.virtualNetworkRules.value_or(QList<arm::VirtualNetworkRule>{}))
        f.subnets.append(normalizedSubnet(r.id));
    return f;
}

arm::VaultProperties NetworkRulesModel::applyDelta(arm::VaultProperties props, const Delta &delta)
{
    if (!delta.hasFirewallChanges())
        return props;
    arm::NetworkRuleSet acls = props.networkAcls.value_or(arm::NetworkRuleSet{});
    if (delta.mode) {
        switch (*delta.mode) {
        case AccessMode::AllNetworks:
            props.publicNetworkAccess = u"Enabled"_s;
            acls.defaultAction = u"Allow"_s;
            break;
        case AccessMode::SelectedNetworks:
            props.publicNetworkAccess = u"Enabled"_s;
            acls.defaultAction = u"Deny"_s;
            break;
        case AccessMode::Disabled:
            props.publicNetworkAccess = u"Disabled"_s;
            break;
        }
    }
    if (delta.bypass)
        acls.bypass = *delta.bypass ? u"AzureServices"_s : u"None"_s;

    QList<arm::IpRule> ips = acls.ipRules.value_or(QList<arm::IpRule>{});
    if (!delta.removedIps.isEmpty() || !delta.addedIps.isEmpty()) {
        const QSet<QString> removed(delta.removedIps.cbegin(), delta.removedIps.cend());
        QSet<QString> present;
        ips.removeIf([&](const arm::IpRule &r) {
            const QString rule = normalizedIp(r.value);
            present.insert(rule);
            return removed.contains(rule);
        });
        for (const QString &ip : delta.addedIps)
            if (!present.contains(ip))
                ips.append(arm::IpRule{ip});
        acls.ipRules = ips;
    }

    QList<arm::VirtualNetworkRule> vnets =
        acls.virtualNetworkRules.value_or(QList<arm::VirtualNetworkRule>{});
    if (!delta.removedSubnets.isEmpty() || !delta.addedSubnets.isEmpty()) {
        const QSet<QString> removed(delta.removedSubnets.cbegin(), delta.removedSubnets.cend());
        QSet<QString> present;
        vnets.removeIf([&](const arm::VirtualNetworkRule &r) {
            const QString id = normalizedSubnet(r.id);
            present.insert(id);
            return removed.contains(id);
        });
        for (const QString &id : delta.addedSubnets)
            if (!present.contains(id))
                vnets.append(arm::VirtualNetworkRule{id, std::nullopt});
        acls.virtualNetworkRules = vnets;
    }
    props.networkAcls = acls;
    return props;
}

NetworkRulesModel::Firewall NetworkRulesModel::stagedFirewall() const
{
    if (!m_vault)
        return m_base;
    return firewallOf(applyDelta(m_vault->properties, m_staged));
}

QList<NetworkRulesModel::Connection> NetworkRulesModel::stagedConnections() const
{
    QList<Connection> list = m_connections;
    for (Connection &c : list) {
        const auto it = m_staged.connections.constFind(c.name);
        if (it != m_staged.connections.cend()) {
            c.status = it->status;
            c.description = it->description;
        }
    }
    return list;
}

void NetworkRulesModel::changed()
{
    refreshTables();
    Q_EMIT stagedChanged();
}

void NetworkRulesModel::prune()
{
    Delta &d = m_staged;
    if (d.mode && *d.mode == m_base.mode)
        d.mode.reset();
    if (d.bypass && *d.bypass == m_base.bypassAzureServices)
        d.bypass.reset();
    d.addedIps.removeIf([this](const QString &ip) { return m_base.ipRules.contains(ip); });
    d.removedIps.removeIf([this](const QString &ip) { return !m_base.ipRules.contains(ip); });
    for (auto it = d.editedFrom.begin(); it != d.editedFrom.end();) {
        if (!d.addedIps.contains(it.key()))
            it = d.editedFrom.erase(it);
        else
            ++it;
    }
    d.addedSubnets.removeIf([this](const QString &id) { return m_base.subnets.contains(id); });
    d.removedSubnets.removeIf([this](const QString &id) { return !m_base.subnets.contains(id); });
    for (auto it = d.connections.begin(); it != d.connections.end();) {
        const auto found = std::find_if(m_connections.cbegin(), m_connections.cend(),
                                        [&](const Connection &c) { return c.name == it.key(); });
        if (found == m_connections.cend()
            || found->status.compare(it->status, Qt::CaseInsensitive) == 0)
            it = d.connections.erase(it);
        else
            ++it;
    }
}

QString NetworkRulesModel::applyingMessage()
{
    return tr("The firewall changes are being applied; wait until they are read back, then "
              "stage more.");
}

void NetworkRulesModel::discardStaged()
{
    if (m_applying || m_staged.isEmpty())
        return;
    m_staged = {};
    changed();
}

access::ValidationResult NetworkRulesModel::setAccessMode(AccessMode mode)
{
    if (m_applying)
        return access::ValidationResult::failure(applyingMessage());
    if (mode == m_base.mode)
        m_staged.mode.reset();
    else
        m_staged.mode = mode;
    changed();
    return access::ValidationResult::success();
}

access::ValidationResult NetworkRulesModel::setBypassAzureServices(bool bypass)
{
    if (m_applying)
        return access::ValidationResult::failure(applyingMessage());
    if (bypass == m_base.bypassAzureServices)
        m_staged.bypass.reset();
    else
        m_staged.bypass = bypass;
    changed();
    return access::ValidationResult::success();
}

access::ValidationResult NetworkRulesModel::stageAddIpRule(const QString &text)
{
    if (m_applying)
        return access::ValidationResult::failure(applyingMessage());
    const access::ValidationResult r = normalizeIpRule(text);
    if (!r)
        return r;
    const QString rule = r.normalized;
    if (m_staged.removedIps.contains(rule)) {
        // Adding back a rule staged for removal cancels the removal.
        m_staged.removedIps.removeAll(rule);
        changed();
        return access::ValidationResult::success(rule);
    }
    const QStringList staged = stagedFirewall().ipRules;
    if (staged.contains(rule))
        return access::ValidationResult::failure(
            tr("%1 is already a rule of this firewall.").arg(rule));
    if (staged.size() >= access::Validation::MaxIpRules)
        return access::ValidationResult::failure(
            tr("A vault takes at most %1 IP rules; remove one before adding another.")
                .arg(QLocale().toString(access::Validation::MaxIpRules)));
    m_staged.addedIps.append(rule);
    changed();
    return access::ValidationResult::success(rule);
}

access::ValidationResult NetworkRulesModel::stageEditIpRule(const QString &oldValue,
                                                            const QString &newValue)
{
    if (m_applying)
        return access::ValidationResult::failure(applyingMessage());
    const QString old = normalizedIp(oldValue);
    if (!stagedFirewall().ipRules.contains(old))
        return access::ValidationResult::failure(tr("%1 is not a rule of this firewall.").arg(old));
    const access::ValidationResult r = normalizeIpRule(newValue);
    if (!r)
        return r;
    const QString rule = r.normalized;
    if (rule == old)
        return access::ValidationResult::success(rule);
    if (stagedFirewall().ipRules.contains(rule))
        return access::ValidationResult::failure(
            tr("%1 is already a rule of this firewall.").arg(rule));
    // The rule the edit replaces, as read from the service.
    const QString original = m_staged.editedFrom.value(old, old);
    removeIpRuleQuietly(old);
    if (m_staged.removedIps.contains(rule)) {
        m_staged.removedIps.removeAll(rule);
    } else {
        m_staged.addedIps.append(rule);
        if (m_base.ipRules.contains(original))
            m_staged.editedFrom.insert(rule, original);
    }
    changed();
    return access::ValidationResult::success(rule);
}

bool NetworkRulesModel::removeIpRuleQuietly(const QString &rule)
{
    if (m_staged.addedIps.removeAll(rule) > 0) {
        m_staged.editedFrom.remove(rule);
        return true;
    }
    if (!m_base.ipRules.contains(rule) || m_staged.removedIps.contains(rule))
        return false;
    m_staged.removedIps.append(rule);
    return true;
}

bool NetworkRulesModel::stageRemoveIpRule(const QString &value)
{
    if (m_applying || !removeIpRuleQuietly(normalizedIp(value)))
        return false;
    changed();
    return true;
}

access::ValidationResult NetworkRulesModel::stageAddVirtualNetworkRule(const QString &subnetId)
{
    if (m_applying)
        return access::ValidationResult::failure(applyingMessage());
    const access::ValidationResult r = access::Validation::subnetId(subnetId);
    if (!r)
        return r;
    const QString id = r.normalized.isEmpty() ? normalizedSubnet(subnetId) : r.normalized;
    if (m_staged.removedSubnets.removeAll(id) > 0) {
        changed();
        return access::ValidationResult::success(id);
    }
    const QStringList staged = stagedFirewall().subnets;
    if (staged.contains(id))
        return access::ValidationResult::failure(
            tr("This subnet already has a virtual network rule."));
    if (staged.size() >= access::Validation::MaxVirtualNetworkRules)
        return access::ValidationResult::failure(
            tr("A vault takes at most %1 virtual network rules; remove one before adding another.")
                .arg(QLocale().toString(access::Validation::MaxVirtualNetworkRules)));
    m_staged.addedSubnets.append(id);
    changed();
    return access::ValidationResult::success(id);
}

bool NetworkRulesModel::stageRemoveVirtualNetworkRule(const QString &subnetId)
{
    if (m_applying)
        return false;
    const QString id = normalizedSubnet(subnetId);
    if (m_staged.addedSubnets.removeAll(id) > 0) {
        changed();
        return true;
    }
    if (!m_base.subnets.contains(id) || m_staged.removedSubnets.contains(id))
        return false;
    m_staged.removedSubnets.append(id);
    changed();
    return true;
}

access::ValidationResult NetworkRulesModel::stageConnection(const QString &name,
                                                            const QString &status,
                                                            const QString &description)
{
    if (m_applying)
        return access::ValidationResult::failure(applyingMessage());
    const auto found = std::find_if(m_connections.cbegin(), m_connections.cend(),
                                    [&](const Connection &c) { return c.name == name; });
    if (found == m_connections.cend())
        return access::ValidationResult::failure(
            tr("The vault has no private endpoint connection named %1.").arg(name));
    if (found->status.compare(status, Qt::CaseInsensitive) == 0)
        m_staged.connections.remove(name);
    else
        m_staged.connections.insert(name, ConnectionChange{status, description});
    changed();
    return access::ValidationResult::success();
}

access::ValidationResult NetworkRulesModel::stageApproveConnection(const QString &name,
                                                                   const QString &description)
{
    return stageConnection(name, u"Approved"_s, description);
}

access::ValidationResult NetworkRulesModel::stageRejectConnection(const QString &name,
                                                                  const QString &description)
{
    return stageConnection(name, u"Rejected"_s, description);
}

QString NetworkRulesModel::clientAddress() const
{
    return m_clientAddress;
}

void NetworkRulesModel::updateClientAddress()
{
    const QString address = observedClientAddress(m_session.journal(), m_location.vaultUri);
    if (address.isEmpty() || address == m_clientAddress)
        return;
    m_clientAddress = address;
    Q_EMIT clientAddressChanged(address);
}

void NetworkRulesModel::discoverClientAddress()
{
    updateClientAddress();
    if (!m_clientAddress.isEmpty() || m_discovering)
        return;
    auto client = m_session.vault(m_location.accountId, m_location.tenantId, m_location.vaultUri);
    if (!client) {
        Q_EMIT clientAddressNotFound();
        return;
    }
    m_discovering = true;
    // Allowed or denied by the firewall, the answer names the address.
    onFinished(client->listSecrets(1), this, [this](const auto &) {
        m_discovering = false;
        updateClientAddress();
        if (m_clientAddress.isEmpty())
            Q_EMIT clientAddressNotFound();
    });
}

access::ValidationResult NetworkRulesModel::stageClientAddress()
{
    return stageClientAddress(clientAddress());
}

access::ValidationResult NetworkRulesModel::stageClientAddress(const QString &address)
{
    if (m_applying)
        return access::ValidationResult::failure(applyingMessage());
    if (address.trimmed().isEmpty())
        return access::ValidationResult::failure(
            tr("The address the vault sees for this machine is not known yet."));
    if (!access::Ipv4Range::parseAddress(address.trimmed()))
        return normalizeIpRule(address).ok ? access::ValidationResult::failure(
                   tr("%1 is a range, not a single address.").arg(address.trimmed()))
                                           : normalizeIpRule(address);
    access::ValidationResult r = stageAddIpRule(address.trimmed() + u"/32"_s);
    if (r && stagedFirewall().mode == AccessMode::AllNetworks)
        r.message = tr("%1 is staged, but the firewall allows all networks, so the rule has no "
                       "effect until access is restricted to selected networks.")
                        .arg(r.normalized);
    return r;
}

void NetworkRulesModel::refreshTables()
{
    QList<NetworkRuleRow> ips;
    for (const QString &rule : std::as_const(m_base.ipRules)) {
        NetworkRuleRow row{rule, {rule}, {ipSortValue(rule)}, {}, {}, StagedRowState::Unchanged};
        if (m_staged.removedIps.contains(rule)) {
            row.state = StagedRowState::Removed;
            const QString replacement = m_staged.editedFrom.key(rule);
            row.stagedText =
                replacement.isEmpty() ? tr("Removed") : tr("Replaced by %1").arg(replacement);
        }
        ips.append(row);
    }
    for (const QString &rule : std::as_const(m_staged.addedIps)) {
        NetworkRuleRow row{rule, {rule},      {ipSortValue(rule)},
                           {},   tr("Added"), StagedRowState::Added};
        if (m_staged.editedFrom.contains(rule)) {
            row.state = StagedRowState::Edited;
            row.stagedText = tr("Edited (was %1)").arg(m_staged.editedFrom.value(rule));
        }
        ips.append(row);
    }
    m_ipTable->setRows(ips);

    QList<NetworkRuleRow> vnets;
    auto subnetRow = [](const QString &id) {
        const QString vnet = segmentAfter(id, u"virtualNetworks"_s);
        const QString group = segmentAfter(id, u"resourceGroups"_s);
        const QString subnet = segmentAfter(id, u"subnets"_s);
        const QString vnetText = group.isEmpty() ? vnet : tr("%1 (%2)").arg(vnet, group);
        return NetworkRuleRow{id, {subnet, vnetText},       {subnet, vnetText}, id,
                              {}, StagedRowState::Unchanged};
    };
    for (const QString &id : std::as_const(m_base.subnets)) {
        NetworkRuleRow row = subnetRow(id);
        if (m_staged.removedSubnets.contains(id)) {
            row.state = StagedRowState::Removed;
            row.stagedText = tr("Removed");
        }
        vnets.append(row);
    }
    for (const QString &id : std::as_const(m_staged.addedSubnets)) {
        NetworkRuleRow row = subnetRow(id);
        row.state = StagedRowState::Added;
        row.stagedText = tr("Added");
        vnets.append(row);
    }
    m_vnetTable->setRows(vnets);

    QList<NetworkRuleRow> pes;
    for (const Connection &c : std::as_const(m_connections)) {
        const QString endpoint =
            c.privateEndpointId.section(u'/', -1, -1, QString::SectionSkipEmpty);
        NetworkRuleRow row{
            c.name, {c.name, endpoint, c.status}, {c.name, endpoint, c.status}, c.privateEndpointId,
            {},     StagedRowState::Unchanged};
        const auto it = m_staged.connections.constFind(c.name);
        if (it != m_staged.connections.cend()) {
            row.state = StagedRowState::Changed;
            row.cells[PrivateEndpointTable::StateColumn] = tr("%1 → %2").arg(c.status, it->status);
            row.stagedText = it->status.compare("Approved"_L1, Qt::CaseInsensitive) == 0
                                 ? tr("Approve")
                                 : tr("Reject");
        }
        pes.append(row);
    }
    m_peTable->setRows(pes);
}

QList<StagedChange> NetworkRulesModel::stagedChanges() const
{
    QList<StagedChange> changes;
    // One change per setting and rule; all of them travel in one PATCH of the firewall.
    const QString patch = u"PATCH vault (networkAcls, publicNetworkAccess)"_s;
    const auto add = [&](StagedChange::Kind kind, const QString &subject, QStringList before,
                         QStringList after) {
        changes.append({kind, subject, std::move(before), std::move(after), patch});
    };
    if (m_staged.mode)
        add(StagedChange::Kind::Modify, tr("Public network access of %1").arg(m_location.name),
            {tr("access: %1").arg(accessModeText(m_base.mode))},
            {tr("access: %1").arg(accessModeText(*m_staged.mode))});
    if (m_staged.bypass) {
        auto text = [](bool on) {
            return on ? tr("trusted Microsoft services: may bypass the firewall")
                      : tr("trusted Microsoft services: no bypass");
        };
        add(StagedChange::Kind::Modify, tr("Trusted Microsoft services"),
            {text(m_base.bypassAzureServices)}, {text(*m_staged.bypass)});
    }
    for (const QString &ip : m_staged.removedIps)
        add(StagedChange::Kind::Remove, tr("IPv4 rule %1").arg(ip), {tr("ip rule %1").arg(ip)}, {});
    for (const QString &ip : m_staged.addedIps)
        add(StagedChange::Kind::Add, tr("IPv4 rule %1").arg(ip), {}, {tr("ip rule %1").arg(ip)});
    for (const QString &id : m_staged.removedSubnets) {
        const QString shown = Presentation::instance().text(id);
        add(StagedChange::Kind::Remove, tr("Virtual network rule"),
            {tr("virtual network rule %1").arg(shown)}, {});
    }
    for (const QString &id : m_staged.addedSubnets) {
        const QString shown = Presentation::instance().text(id);
        add(StagedChange::Kind::Add, tr("Virtual network rule"), {},
            {tr("virtual network rule %1").arg(shown)});
    }
    for (auto it = m_staged.connections.cbegin(); it != m_staged.connections.cend(); ++it) {
        const auto found = std::find_if(m_connections.cbegin(), m_connections.cend(),
                                        [&](const Connection &c) { return c.name == it.key(); });
        StagedChange c;
        c.kind = StagedChange::Kind::Modify;
        c.subject = tr("Private endpoint connection %1").arg(it.key());
        c.operation = u"PUT privateEndpointConnections/"_s + it.key();
        c.before.append(
            tr("private endpoint %1: %2")
                .arg(it.key(), found != m_connections.cend() ? found->status : QString()));
        c.after.append(tr("private endpoint %1: %2").arg(it.key(), it->status));
        if (!it->description.isEmpty())
            c.after.append(tr("description: %1").arg(it->description));
        changes.append(c);
    }
    return changes;
}

QList<GuardWarning> NetworkRulesModel::guardWarnings() const
{
    const QString address = clientAddress();
    if (!m_vault || !m_staged.hasFirewallChanges())
        return {};
    if (address.isEmpty()) {
        // Without the address no verdict can be reached; warn when the change could
        // block: the staged firewall denies some addresses, and the change narrows it
        // (a new mode, or rules taken away). Adding rules alone never blocks anyone.
        const bool narrows = m_staged.mode.has_value() || !m_staged.removedIps.isEmpty();
        if (!narrows || stagedFirewall().mode == AccessMode::AllNetworks)
            return {};
        return {GuardWarning{
            GuardWarning::OwnAddressBlocked,
            tr("This machine's address is not known yet (Key Vault has not named it), so "
               "VaultLens cannot tell whether the firewall of %1 will still let it in: the "
               "change may block this machine from the vault's secrets, keys and certificates.")
                .arg(m_location.name)}};
    }
    access::Caller caller;
    if (const auto account = m_session.accounts().account(m_location.accountId)) {
        caller.objectId = account->objectId;
        caller.tenantId = account->homeTenantId;
        caller.displayName = account->userName;
        caller.kind =
            account->isUser() ? access::Caller::Kind::User : access::Caller::Kind::ServicePrincipal;
    }
    access::Arrival arrival;
    arrival.path = access::Arrival::Path::PublicInternet;
    arrival.clientAddress = address;
    const access::VaultLabel label{m_vault->name, m_vault->location.value_or(QString())};
    const auto before = access::evaluateFirewall(m_vault->properties, label, arrival, caller);
    const auto after =
        access::evaluateFirewall(applyDelta(m_vault->properties, m_staged), label, arrival, caller);
    if (before.verdict.outcome != access::Outcome::Passed
        || after.verdict.outcome == access::Outcome::Passed)
        return {};
    return {GuardWarning{
        GuardWarning::OwnAddressBlocked,
        tr("This machine's address %1 will be denied by the firewall of %2: VaultLens (and "
           "this machine) will no longer reach the vault's secrets, keys and certificates.")
            .arg(address, m_location.name)}};
}

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
// Reading the vault's firewall and private endpoint connections, and applying
// the staged delta: PATCH of networkAcls and publicNetworkAccess onto the vault
// as it is right before sending, connection approvals, then the read-back.
#include "NetworkRulesModel.h"

#include "Session.h"
#include "util/Future.h"

using namespace Qt::StringLiterals;

namespace vl {

/// One apply: what was staged when it started, and what happened.
struct NetworkRulesModel::ApplyRun
{
    arm::ArmClient arm;
    Delta delta;
    QList<Connection> connectionsBefore;
    ApplyReport report;
};

namespace {

const QString FirewallOperation = u"PATCH vault (networkAcls, publicNetworkAccess)"_s;

} // namespace

std::optional<arm::ArmClient> NetworkRulesModel::armClient() const
{
    return m_session.arm(m_location.accountId, m_location.tenantId);
}

void NetworkRulesModel::fetch(Fetched done)
{
    const auto arm = armClient();
    if (!arm) {
        done(AzureError::make(AzureError::Kind::Unauthenticated,
                              tr("The account that opened this vault is signed out.")),
             {});
        return;
    }
    if (!m_location.hasResourceId()) {
        done(AzureError::make(AzureError::Kind::NotFound,
                              tr("The vault was opened by its address; its firewall is kept by "
                                 "Resource Manager, which does not know where the vault is.")),
             {});
        return;
    }
    onFinished(arm->getVault(m_location.resourceId), this,
               [this, arm = *arm, done = std::move(done)](const Result<arm::Vault> &vault) {
                   if (!vault.ok()) {
                       done(vault, {});
                       return;
                   }
                   collectConnections(arm, {}, {}, *vault, done);
               });
}

void NetworkRulesModel::collectConnections(const arm::ArmClient &arm, const QUrl &nextLink,
                                           QList<Connection> collected, const arm::Vault &vault,
                                           Fetched done)
{
    onFinished(
        arm.listPrivateEndpointConnections(m_location.resourceId, nextLink), this,
        [this, arm, collected = std::move(collected), vault,
         done = std::move(done)](const Result<Page<arm::PrivateEndpointConnection>> &page) mutable {
            if (!page.ok()) {
                // The vault's own list still names every connection.
                QList<Connection> fromVault;
                for (const auto &c : vault.properties.privateEndpointConnections.value_or(
                         QList<arm::PrivateEndpointConnectionItem>{}))
                    fromVault.append(Connection{
                        c.id.value_or(QString()).section(u'/', -1, -1, QString::SectionSkipEmpty),
                        c.privateEndpointId.value_or(QString()), c.status.value_or(QString()),
                        c.description.value_or(QString()), c.etag});
                done(vault, fromVault);
                return;
            }
            for (const arm::PrivateEndpointConnection &c : page->items)
                collected.append(Connection{
                    c.effectiveName(), c.connection.privateEndpointId.value_or(QString()),
                    c.connection.status.value_or(QString()),
                    c.connection.description.value_or(QString()), c.connection.etag});
            if (page->hasMore()) {
                collectConnections(arm, page->nextLink, std::move(collected), vault,
                                   std::move(done));
                return;
            }
            done(vault, collected);
        });
}

void NetworkRulesModel::setState(const arm::Vault &vault, const QList<Connection> &connections)
{
    m_vault = vault;
    m_base = firewallOf(vault.properties);
    m_connections = connections;
}

void NetworkRulesModel::reload()
{
    if (m_applying)
        return;
    const int generation = ++m_generation;
    setBusy(true);
    fetch(
        [this, generation](const Result<arm::Vault> &vault, const QList<Connection> &connections) {
            if (generation != m_generation)
                return;
            setBusy(false);
            if (!vault.ok()) {
                Q_EMIT loadFailed(vault.error());
                return;
            }
            setState(*vault, connections);
            prune();
            changed();
            Q_EMIT loaded();
            // Find the address now, so the own-address guard can judge by the time
            // the changes are reviewed.
            if (m_clientAddress.isEmpty())
                discoverClientAddress();
        });
}

void NetworkRulesModel::apply()
{
    if (m_applying)
        return;
    const auto arm = armClient();
    if (!arm || !m_location.hasResourceId()) {
        ApplyReport report;
        report.error = AzureError::make(
            AzureError::Kind::Unauthenticated,
            tr("The vault's firewall cannot be changed: the account is signed out or the vault "
               "was opened by its address."));
        report.failedOperation = FirewallOperation;
        Q_EMIT applied(report);
        return;
    }
    ++m_generation; // a reload still on its way is superseded by the read-back
    m_applying = true;
    setBusy(true);
    auto run = std::make_shared<ApplyRun>(ApplyRun{*arm, m_staged, m_connections, {}});
    if (run->delta.hasFirewallChanges())
        sendFirewall(run);
    else
        sendConnections(run, 0);
}

void NetworkRulesModel::sendFirewall(const std::shared_ptr<ApplyRun> &run)
{
    // Read the vault right before sending: rules others added meanwhile are kept.
    onFinished(
        run->arm.getVault(m_location.resourceId), this,
        [this, run](const Result<arm::Vault> &fresh) {
            if (!fresh.ok()) {
                run->report.error = fresh.error();
                run->report.failedOperation = tr("reading the vault before the change");
                readBack(run);
                return;
            }
            const arm::VaultProperties props = applyDelta(fresh->properties, run->delta);
            const arm::NetworkRuleSet acls = props.networkAcls.value_or(arm::NetworkRuleSet{});
            if (const auto valid = access::Validation::networkRuleSet(acls); !valid) {
                run->report.error = AzureError::make(AzureError::Kind::Malformed, valid.message);
                run->report.failedOperation = FirewallOperation;
                readBack(run);
                return;
            }
            arm::VaultPatchParameters patch;
            patch.properties.networkAcls = acls;
            patch.properties.publicNetworkAccess = props.publicNetworkAccess.value_or(u"Enabled"_s);
            onFinished(run->arm.updateVault(m_location.resourceId, patch), this,
                       [this, run](const Result<arm::Vault> &updated) {
                           if (!updated.ok()) {
                               run->report.error = updated.error();
                               run->report.failedOperation = FirewallOperation;
                               readBack(run);
                               return;
                           }
                           run->report.sent.append(FirewallOperation);
                           sendConnections(run, 0);
                       });
        });
}

void NetworkRulesModel::sendConnections(const std::shared_ptr<ApplyRun> &run, int index)
{
    const QStringList names = run->delta.connections.keys();
    if (index >= names.size()) {
        readBack(run);
        return;
    }
    const QString name = names.at(index);
    const ConnectionChange change = run->delta.connections.value(name);
    std::optional<QString> etag;
    for (const Connection &c : std::as_const(run->connectionsBefore))
        if (c.name == name)
            etag = c.etag;
    const QString operation = u"PUT privateEndpointConnections/"_s + name;
    onFinished(run->arm.setPrivateEndpointConnectionStatus(m_location.resourceId, name,
                                                           change.status, change.description, etag),
               this,
               [this, run, index, operation](const Result<arm::PrivateEndpointConnection> &r) {
                   if (!r.ok()) {
                       run->report.error = r.error();
                       run->report.failedOperation = operation;
                       readBack(run);
                       return;
                   }
                   run->report.sent.append(operation);
                   sendConnections(run, index + 1);
               });
}

void NetworkRulesModel::readBack(const std::shared_ptr<ApplyRun> &run)
{
    fetch([this, run](const Result<arm::Vault> &vault, const QList<Connection> &connections) {
        ApplyReport &report = run->report;
        const Delta &d = run->delta;
        if (vault.ok()) {
            setState(*vault, connections);
            report.readBack = true;
            const Firewall &now = m_base;
            if (d.mode && now.mode != *d.mode)
                report.differences.append(
                    tr("access: staged %1, read back %2")
                        .arg(accessModeText(*d.mode), accessModeText(now.mode)));
            if (d.bypass && now.bypassAzureServices != *d.bypass)
                report.differences.append(
                    tr("trusted Microsoft services: staged %1, read back %2")
                        .arg(*d.bypass ? tr("bypass") : tr("no bypass"),
                             now.bypassAzureServices ? tr("bypass") : tr("no bypass")));
            for (const QString &ip : d.addedIps)
                if (!now.ipRules.contains(ip))
                    report.differences.append(
                        tr("ip rule %1: staged to be added, not in the firewall").arg(ip));
            for (const QString &ip : d.removedIps)
                if (now.ipRules.contains(ip))
                    report.differences.append(
                        tr("ip rule %1: staged to be removed, still in the firewall").arg(ip));
            for (const QString &id : d.addedSubnets)
                if (!now.subnets.contains(id))
                    report.differences.append(
                        tr("virtual network rule %1: staged to be added, not in the firewall")
                            .arg(id));
            for (const QString &id : d.removedSubnets)
                if (now.subnets.contains(id))
                    report.differences.append(
                        tr("virtual network rule %1: staged to be removed, still in the firewall")
                            .arg(id));
            for (auto it = d.connections.cbegin(); it != d.connections.cend(); ++it) {
                QString status;
                for (const Connection &c : connections)
                    if (c.name == it.key())
                        status = c.status;
                if (status.compare(it->status, Qt::CaseInsensitive) != 0)
                    report.differences.append(
                        tr("private endpoint %1: staged %2, read back %3")
                            .arg(it.key(), it->status, status.isEmpty() ? tr("missing") : status));
            }
        } else if (!report.error) {
            // Nothing else went wrong: say why the result could not be confirmed.
            report.error = vault.error();
            report.failedOperation = tr("Reading the vault back");
        }
        m_staged = {};
        m_applying = false;
        changed();
        setBusy(false);
        if (vault.ok())
            Q_EMIT loaded();
        Q_EMIT applied(report);
    });
}

} // namespace vl

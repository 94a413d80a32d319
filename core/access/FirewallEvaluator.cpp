// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/FirewallEvaluator.h"

#include "access/Ipv4.h"

using namespace Qt::StringLiterals;

namespace vl::access {
namespace {

StageResult pass(Rule rule, QString detail, QString matched = {})
{
    return {{Stage::Firewall, Outcome::Passed, rule, std::move(detail), std::move(matched)},
            std::nullopt};
}

StageResult deny(Rule rule, QString detail, QString innerCode, QString message)
{
    return {{Stage::Firewall, Outcome::Failed, rule, std::move(detail), {}},
            Denial{403, u"Forbidden"_s, std::move(innerCode), std::move(message), {}}};
}

QString connectionMessage(const Caller &caller, const VaultLabel &label)
{
    return u"Public network access is disabled and request is not from a trusted service nor via an approved private link.\r\nCaller: "_s
           + caller.principalString() + u"\r\nVault: "_s + label.toString();
}

} // namespace

QString VaultLabel::toString() const
{
    return name + u";location="_s + location;
}

StageResult evaluateFirewall(const arm::VaultProperties &vault, const VaultLabel &label,
                             const Arrival &arrival, const Caller &caller)
{
    const arm::NetworkRuleSet acls = vault.networkAcls.value_or(arm::NetworkRuleSet{});
    const bool trustedBypass = caller.trustedService && acls.bypassesAzureServices();

    if (arrival.path == Arrival::Path::PrivateEndpoint) {
        for (const auto &c : vault.privateEndpointConnections.value_or(
                 QList<arm::PrivateEndpointConnectionItem>{})) {
            const bool sameEndpoint = c.privateEndpointId.value_or(QString()).compare(
                                          arrival.privateEndpointId, Qt::CaseInsensitive)
                                      == 0;
            if (sameEndpoint
                && c.status.value_or(QString()).compare("Approved"_L1, Qt::CaseInsensitive) == 0)
                return pass(Rule::PrivateEndpointApproved,
                            u"Arrived through an approved private endpoint connection"_s,
                            c.id.value_or(arrival.privateEndpointId));
        }
        return deny(Rule::PrivateEndpointNotApproved,
                    u"The private endpoint has no approved connection to this vault"_s,
                    u"ForbiddenByConnection"_s, connectionMessage(caller, label));
    }

    if (!vault.publicNetworkAccessEnabled()) {
        if (trustedBypass)
            return pass(
                Rule::TrustedServiceBypass,
                u"Public access is disabled, but the caller is a trusted Azure service and bypass is AzureServices"_s);
        return deny(
            Rule::PublicAccessDisabled,
            u"Public network access is disabled: only private endpoints and trusted services may connect"_s,
            u"ForbiddenByConnection"_s, connectionMessage(caller, label));
    }

    if (!acls.defaultDeny())
        return pass(Rule::DefaultActionAllow,
                    u"The firewall's default action is Allow: every network may connect"_s);

    if (trustedBypass)
        return pass(Rule::TrustedServiceBypass,
                    u"The caller is a trusted Azure service and bypass is AzureServices"_s);

    if (arrival.path == Arrival::Path::ServiceEndpoint) {
        for (const arm::VirtualNetworkRule &rule :
             acls.virtualNetworkRules.value_or(QList<arm::VirtualNetworkRule>{})) {
            if (rule.id.compare(arrival.subnetId, Qt::CaseInsensitive) == 0)
                return pass(Rule::VirtualNetworkRule,
                            u"The request came from a subnet the firewall lists"_s, rule.id);
        }
        return deny(
            Rule::NoMatchingNetworkRule,
            u"The request came from a subnet the firewall does not list"_s,
            u"ForbiddenByFirewall"_s,
            u"Client address is not authorized and caller is not a trusted service.\r\nClient address: "_s
                + arrival.clientAddress + u" from unknown subnet\r\nCaller: "_s
                + caller.principalString() + u"\r\nVault: "_s + label.toString());
    }

    const auto address = Ipv4Range::parseAddress(arrival.clientAddress);
    if (address) {
        for (const arm::IpRule &rule : acls.ipRules.value_or(QList<arm::IpRule>{})) {
            const auto range = Ipv4Range::parse(rule.value.trimmed());
            if (range && range->contains(*address))
                return pass(Rule::IpRule, u"The client address is inside an IP rule"_s, rule.value);
        }
    }
    return deny(
        Rule::NoMatchingNetworkRule,
        u"The firewall denies by default and no rule lets the client address in"_s,
        u"ForbiddenByFirewall"_s,
        u"Client address is not authorized and caller is not a trusted service.\r\nClient address: "_s
            + arrival.clientAddress + u"\r\nCaller: "_s + caller.principalString()
            + u"\r\nVault: "_s + label.toString());
}

} // namespace vl::access

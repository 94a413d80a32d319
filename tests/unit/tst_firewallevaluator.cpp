// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccessFixtures.h"
#include "access/FirewallEvaluator.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::access;
using namespace vl::test;

Q_DECLARE_METATYPE(vl::arm::VaultProperties)
Q_DECLARE_METATYPE(vl::access::Arrival)
Q_DECLARE_METATYPE(vl::access::Rule)

namespace {

const QString Subnet =
    u"/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/app"_s;
const QString Endpoint =
    u"/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/privateEndpoints/pe1"_s;

arm::VaultProperties props(std::optional<QString> defaultAction, std::optional<QString> bypass,
                           QStringList ips = {}, QStringList subnets = {},
                           std::optional<QString> publicAccess = std::nullopt)
{
    arm::VaultProperties p = makeVault().properties;
    if (defaultAction || bypass || !ips.isEmpty() || !subnets.isEmpty()) {
        arm::NetworkRuleSet acls;
        acls.defaultAction = defaultAction;
        acls.bypass = bypass;
        QList<arm::IpRule> ipRules;
        for (const QString &ip : ips)
            ipRules.append({ip});
        acls.ipRules = ipRules;
        QList<arm::VirtualNetworkRule> vnets;
        for (const QString &s : subnets)
            vnets.append({s, std::nullopt});
        acls.virtualNetworkRules = vnets;
        p.networkAcls = acls;
    }
    p.publicNetworkAccess = publicAccess;
    return p;
}

arm::VaultProperties withEndpoint(arm::VaultProperties p, const QString &status)
{
    arm::PrivateEndpointConnectionItem c;
    c.id = u"/subscriptions/s/.../privateEndpointConnections/c1"_s;
    c.privateEndpointId = Endpoint;
    c.status = status;
    p.privateEndpointConnections = QList<arm::PrivateEndpointConnectionItem>{c};
    return p;
}

Arrival viaSubnet(const QString &subnet)
{
    Arrival a{Arrival::Path::ServiceEndpoint, u"10.1.2.3"_s, subnet, {}};
    return a;
}

Arrival viaEndpoint(const QString &endpoint)
{
    return Arrival{Arrival::Path::PrivateEndpoint, u"10.9.0.4"_s, {}, endpoint};
}

} // namespace

class TestFirewallEvaluator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void evaluate_data();
    void evaluate();
    void denialTexts();
};

void TestFirewallEvaluator::evaluate_data()
{
    QTest::addColumn<arm::VaultProperties>("vault");
    QTest::addColumn<Arrival>("arrival");
    QTest::addColumn<bool>("trusted");
    QTest::addColumn<Rule>("rule");
    QTest::addColumn<QString>("innerCode"); // empty: passes

    const QString none;
    const QString firewall = u"ForbiddenByFirewall"_s;
    const QString connection = u"ForbiddenByConnection"_s;
    const auto deny = u"Deny"_s;

    QTest::newRow("no networkAcls: open")
        << props({}, {}) << publicArrival() << false << Rule::DefaultActionAllow << none;
    QTest::newRow("default Allow") << props(u"Allow"_s, u"None"_s) << publicArrival() << false
                                   << Rule::DefaultActionAllow << none;
    QTest::newRow("default Allow ignores rules")
        << props(u"Allow"_s, u"None"_s, {u"198.51.100.1"_s}) << publicArrival() << false
        << Rule::DefaultActionAllow << none;
    QTest::newRow("Deny, address equals rule without prefix")
        << props(deny, u"None"_s, {u"203.0.113.10"_s}) << publicArrival() << false << Rule::IpRule
        << none;
    QTest::newRow("Deny, address equals /32 rule")
        << props(deny, u"None"_s, {u"203.0.113.10/32"_s}) << publicArrival() << false
        << Rule::IpRule << none;
    QTest::newRow("Deny, address inside /24")
        << props(deny, u"None"_s, {u"198.51.100.0/24"_s, u"203.0.113.0/24"_s}) << publicArrival()
        << false << Rule::IpRule << none;
    QTest::newRow("Deny, address just outside /25")
        << props(deny, u"None"_s, {u"203.0.113.128/25"_s}) << publicArrival() << false
        << Rule::NoMatchingNetworkRule << firewall;
    QTest::newRow("Deny, no rules") << props(deny, u"None"_s) << publicArrival() << false
                                    << Rule::NoMatchingNetworkRule << firewall;
    QTest::newRow("Deny, malformed rule never matches")
        << props(deny, u"None"_s, {u"'203.0.113.0/24'"_s}) << publicArrival() << false
        << Rule::NoMatchingNetworkRule << firewall;
    QTest::newRow("Deny, trusted service, bypass AzureServices")
        << props(deny, u"AzureServices"_s) << publicArrival() << true << Rule::TrustedServiceBypass
        << none;
    QTest::newRow("Deny, trusted service, bypass absent means AzureServices")
        << props(deny, {}) << publicArrival() << true << Rule::TrustedServiceBypass << none;
    QTest::newRow("Deny, trusted service, bypass None")
        << props(deny, u"None"_s) << publicArrival() << true << Rule::NoMatchingNetworkRule
        << firewall;
    QTest::newRow("Deny, untrusted caller, bypass AzureServices")
        << props(deny, u"AzureServices"_s) << publicArrival() << false
        << Rule::NoMatchingNetworkRule << firewall;
    QTest::newRow("Deny, listed subnet")
        << props(deny, u"None"_s, {}, {Subnet}) << viaSubnet(Subnet) << false
        << Rule::VirtualNetworkRule << none;
    QTest::newRow("Deny, listed subnet, id case differs")
        << props(deny, u"None"_s, {}, {Subnet.toLower()}) << viaSubnet(Subnet) << false
        << Rule::VirtualNetworkRule << none;
    QTest::newRow("Deny, unlisted subnet")
        << props(deny, u"None"_s, {}, {Subnet}) << viaSubnet(Subnet + u"2"_s) << false
        << Rule::NoMatchingNetworkRule << firewall;
    QTest::newRow("Deny, service endpoint source address is not matched by IP rules")
        << props(deny, u"None"_s, {u"10.1.2.0/24"_s}) << viaSubnet(Subnet) << false
        << Rule::NoMatchingNetworkRule << firewall;
    QTest::newRow("public access disabled")
        << props(u"Allow"_s, u"None"_s, {}, {}, u"Disabled"_s) << publicArrival() << false
        << Rule::PublicAccessDisabled << connection;
    QTest::newRow("public access disabled overrides IP rules")
        << props(deny, u"None"_s, {u"203.0.113.10"_s}, {}, u"disabled"_s) << publicArrival()
        << false << Rule::PublicAccessDisabled << connection;
    QTest::newRow("public access disabled, trusted service with bypass")
        << props(deny, u"AzureServices"_s, {}, {}, u"Disabled"_s) << publicArrival() << true
        << Rule::TrustedServiceBypass << none;
    QTest::newRow("public access Enabled explicitly")
        << props({}, {}, {}, {}, u"Enabled"_s) << publicArrival() << false
        << Rule::DefaultActionAllow << none;
    QTest::newRow("approved private endpoint, public access disabled")
        << withEndpoint(props(deny, u"None"_s, {}, {}, u"Disabled"_s), u"Approved"_s)
        << viaEndpoint(Endpoint) << false << Rule::PrivateEndpointApproved << none;
    QTest::newRow("pending private endpoint")
        << withEndpoint(props(deny, u"None"_s), u"Pending"_s) << viaEndpoint(Endpoint) << false
        << Rule::PrivateEndpointNotApproved << connection;
    QTest::newRow("rejected private endpoint")
        << withEndpoint(props(deny, u"None"_s), u"Rejected"_s) << viaEndpoint(Endpoint) << false
        << Rule::PrivateEndpointNotApproved << connection;
    QTest::newRow("private endpoint of another vault")
        << withEndpoint(props(deny, u"None"_s), u"Approved"_s) << viaEndpoint(Endpoint + u"x"_s)
        << false << Rule::PrivateEndpointNotApproved << connection;
    QTest::newRow("private endpoint passes even when the firewall denies the address")
        << withEndpoint(props(deny, u"None"_s), u"Approved"_s) << viaEndpoint(Endpoint) << false
        << Rule::PrivateEndpointApproved << none;
}

void TestFirewallEvaluator::evaluate()
{
    QFETCH(arm::VaultProperties, vault);
    QFETCH(Arrival, arrival);
    QFETCH(bool, trusted);
    QFETCH(Rule, rule);
    QFETCH(QString, innerCode);
    Caller caller = user();
    caller.trustedService = trusted;
    const StageResult r = evaluateFirewall(vault, {u"kv-demo"_s, u"westeurope"_s}, arrival, caller);
    QCOMPARE(r.verdict.stage, Stage::Firewall);
    QCOMPARE(r.verdict.rule, rule);
    QVERIFY(!r.verdict.detail.isEmpty());
    if (innerCode.isEmpty()) {
        QCOMPARE(r.verdict.outcome, Outcome::Passed);
        QVERIFY(!r.denial);
        return;
    }
    QCOMPARE(r.verdict.outcome, Outcome::Failed);
    QVERIFY(r.denial);
    QCOMPARE(r.denial->status, 403);
    QCOMPARE(r.denial->code, u"Forbidden"_s);
    QCOMPARE(r.denial->innerCode, innerCode);
}

void TestFirewallEvaluator::denialTexts()
{
    const VaultLabel label{u"kv-demo"_s, u"westeurope"_s};
    Caller caller = user();
    const QString principal = u"appid="_s + AppId + u";oid="_s + AliceId
                              + u";iss=https://sts.windows.net/"_s + TenantId + u'/';

    auto r = evaluateFirewall(props(u"Deny"_s, u"None"_s), label, publicArrival(), caller);
    QVERIFY(r.denial);
    QCOMPARE(r.denial->message,
             u"Client address is not authorized and caller is not a trusted service.\r\n"
             u"Client address: 203.0.113.10\r\nCaller: "_s
                 + principal + u"\r\nVault: kv-demo;location=westeurope"_s);

    r = evaluateFirewall(props(u"Deny"_s, u"None"_s, {}, {Subnet}), label,
                         viaSubnet(Subnet + u"x"_s), caller);
    QVERIFY(r.denial);
    QVERIFY(r.denial->message.contains(u"\r\nClient address: 10.1.2.3 from unknown subnet\r\n"_s));

    r = evaluateFirewall(props({}, {}, {}, {}, u"Disabled"_s), label, publicArrival(), caller);
    QVERIFY(r.denial);
    QCOMPARE(
        r.denial->message,
        u"Public network access is disabled and request is not from a trusted service nor via an approved private link.\r\nCaller: "_s
            + principal + u"\r\nVault: kv-demo;location=westeurope"_s);
    const QJsonObject body = r.denial->toJson();
    QCOMPARE(body[u"error"_s][u"code"_s].toString(), u"Forbidden"_s);
    QCOMPARE(body[u"error"_s][u"innererror"_s][u"code"_s].toString(), u"ForbiddenByConnection"_s);
}

QTEST_APPLESS_MAIN(TestFirewallEvaluator)
#include "tst_firewallevaluator.moc"

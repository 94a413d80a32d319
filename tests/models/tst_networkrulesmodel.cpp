// SPDX-License-Identifier: GPL-3.0-or-later
// The networking editor's model against the sandbox: load the firewalls of
// the demo vaults, validate IP rules as the service does, stage and apply,
// read back, and see the sandbox's firewall enforce the change on the data
// plane. A second client's concurrent rule survives the apply; a change made
// between the PATCH and the read-back shows as a difference; a failed
// read-back is explained; staging is refused while an apply runs; the own
// address is found at load and guarded while it is still unknown.
#include "NetworkRulesModel.h"
#include "Sandbox.h"
#include "SessionFixture.h"
#include "StagedEditorTestSupport.h"
#include "access/Validation.h"
#include "state/Seed.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using namespace vl::sandbox::DemoIds;
using Mode = NetworkRulesModel::AccessMode;

namespace {

constexpr int Timeout = 20000;

} // namespace

class tst_NetworkRulesModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SessionFixture> m_fixture;
    Account m_alice;

    std::unique_ptr<NetworkRulesModel> open(const QString &name)
    {
        return std::make_unique<NetworkRulesModel>(m_fixture->session(),
                                                   m_fixture->vaultLocation(m_alice, name));
    }

    static bool waitLoaded(NetworkRulesModel &model)
    {
        return QTest::qWaitFor([&] { return model.isLoaded() && !model.isBusy(); }, Timeout);
    }

    Result<QList<vault::SecretProperties>> listSecrets(const QString &vaultName)
    {
        auto client = m_fixture->session().vault(m_alice.id, {}, m_fixture->vaultUri(vaultName));
        const auto page = ClientFixture::await(client->listSecrets(1));
        if (!page.ok())
            return page.error();
        return page->items;
    }

    /// Sets the sandbox's fault rules (an empty list clears them).
    bool injectFaults(const QJsonArray &faults)
    {
        const auto reply = m_fixture->sandbox().http().sendJson(
            "POST", m_fixture->sandbox().apiUrl(u"/sandbox/faults"_s),
            QJsonObject{{u"faults"_s, faults}});
        return reply.status == 200;
    }

    /**
     * Runs @p change on the sandbox's state at the moment the PATCH of @p vaultName
     * is answered: after the service applied it, before the model reads back
     * (the read-back GET is sent only once the PATCH's answer reaches the model).
     * Returns how many times it ran.
     */
    int applyWithChangeAfterPatch(NetworkRulesModel &model, const QString &vaultName,
                                  const std::function<void(sandbox::SandboxState &)> &change,
                                  ApplyReport &report)
    {
        int ran = 0;
        const auto hook = connect(
            &m_fixture->session().journal(), &RequestJournal::recordAdded, this,
            [&](const RequestRecord &r) {
                if (r.service != Service::ResourceManager || r.method != "PATCH" || !r.isSuccess()
                    || !r.url.path().endsWith(u"/vaults/"_s + vaultName, Qt::CaseInsensitive))
                    return;
                change(m_fixture->sandbox().sandbox().state());
                m_fixture->sandbox().sandbox().persist();
                ++ran;
            });
        report = applyAndWait(model, Timeout);
        disconnect(hook);
        return ran;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ApplyReport>();
        m_fixture = std::make_unique<SessionFixture>();
        QVERIFY(m_fixture->isRunning());
        const Result<Account> alice = m_fixture->signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        m_alice = *alice;
    }

    void loadProduction()
    {
        auto model = open(u"kv-contoso-prod"_s);
        QAbstractItemModelTester ipTester(model->ipRules());
        QAbstractItemModelTester vnetTester(model->virtualNetworkRules());
        QAbstractItemModelTester peTester(model->privateEndpoints());
        QSignalSpy loaded(model.get(), &StagedEditor::loaded);
        QVERIFY(waitLoaded(*model));
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(model->title(), u"Networking"_s);
        QCOMPARE(model->accessMode(), Mode::SelectedNetworks);
        QVERIFY(model->bypassAzureServices());
        QCOMPARE(model->baseFirewall().ipRules,
                 (QStringList{u"203.0.113.10/32"_s, u"198.51.100.0/24"_s}));
        QCOMPARE(model->baseFirewall().subnets.size(), 1);
        QVERIFY(!model->hasStagedChanges());

        const IpRuleTable *ips = model->ipRules();
        QCOMPARE(ips->rowCount(), 2);
        QCOMPARE(ips->columnCount(), int(IpRuleTable::ColumnCount));
        QCOMPARE(
            ips->headerData(IpRuleTable::AddressColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
            u"Address range"_s);
        QCOMPARE(ips->index(1, IpRuleTable::AddressColumn).data().toString(), u"198.51.100.0/24"_s);
        // The raw role sorts addresses numerically: 198.51.100.0 before 203.0.113.10.
        QVERIFY(ips->index(1, 0).data(models::RawValueRole).toULongLong()
                < ips->index(0, 0).data(models::RawValueRole).toULongLong());

        const VirtualNetworkRuleTable *vnets = model->virtualNetworkRules();
        QCOMPARE(vnets->rowCount(), 1);
        QCOMPARE(vnets->index(0, VirtualNetworkRuleTable::SubnetColumn).data().toString(),
                 u"snet-web"_s);
        QVERIFY(vnets->index(0, VirtualNetworkRuleTable::VirtualNetworkColumn)
                    .data()
                    .toString()
                    .startsWith(u"vnet-apps"_s));
        QCOMPARE(model->privateEndpoints()->rowCount(), 0);
    }

    void loadPrivate()
    {
        auto model = open(u"kv-contoso-private"_s);
        QAbstractItemModelTester peTester(model->privateEndpoints());
        QVERIFY(waitLoaded(*model));
        QCOMPARE(model->accessMode(), Mode::Disabled);
        QVERIFY(!model->bypassAzureServices());
        QCOMPARE(model->baseConnections().size(), 2);
        const PrivateEndpointTable *pes = model->privateEndpoints();
        QCOMPARE(pes->rowCount(), 2);
        const int web = pes->rowOf(u"pe-web"_s);
        const int partner = pes->rowOf(u"pe-partner"_s);
        QVERIFY(web >= 0 && partner >= 0);
        QCOMPARE(pes->index(web, PrivateEndpointTable::StateColumn).data().toString(),
                 u"Approved"_s);
        QCOMPARE(pes->index(partner, PrivateEndpointTable::StateColumn).data().toString(),
                 u"Pending"_s);
        QCOMPARE(pes->index(partner, PrivateEndpointTable::PrivateEndpointColumn).data().toString(),
                 u"pe-partner"_s);
    }

    void ipValidation_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("expected"); // the rule, or a word of the reason

        QTest::newRow("bare address") << u"203.0.113.5"_s << true << u"203.0.113.5/32"_s;
        QTest::newRow("host bits") << u"203.0.113.77/24"_s << true << u"203.0.113.0/24"_s;
        QTest::newRow("/32") << u"8.8.8.8/32"_s << true << u"8.8.8.8/32"_s;
        QTest::newRow("private 10/8") << u"10.0.0.0/8"_s << false << u"private"_s;
        QTest::newRow("private 172.16") << u"172.16.5.4"_s << false << u"private"_s;
        QTest::newRow("private 192.168") << u"192.168.1.1/32"_s << false << u"private"_s;
        QTest::newRow("loopback") << u"127.0.0.1"_s << false << u"loopback"_s;
        QTest::newRow("link-local") << u"169.254.1.1"_s << false << u"link-local"_s;
        QTest::newRow("CGNAT") << u"100.64.0.1"_s << false << u"carrier-grade NAT"_s;
        QTest::newRow("multicast") << u"224.0.0.1"_s << false << u"multicast"_s;
        QTest::newRow("reserved") << u"240.0.0.1"_s << false << u"reserved"_s;
        QTest::newRow("IPv6") << u"2001:db8::1"_s << false << u"IPv6"_s;
        QTest::newRow("prefix 33") << u"1.2.3.4/33"_s << false << u"not an IPv4"_s;
        QTest::newRow("three octets") << u"1.2.3"_s << false << u"not an IPv4"_s;
        QTest::newRow("octet 256") << u"256.1.1.1"_s << false << u"not an IPv4"_s;
        QTest::newRow("trailing junk") << u" 1.2.3.4x"_s << false << u"not an IPv4"_s;
        QTest::newRow("empty") << QString() << false << u"needs an address"_s;
        QTest::newRow("duplicate") << u"198.51.100.0/24"_s << false << u"already a rule"_s;
        QTest::newRow("duplicate, other form")
            << u"198.51.100.9/24"_s << false << u"already a rule"_s;
    }

    void ipValidation()
    {
        QFETCH(QString, input);
        QFETCH(bool, ok);
        QFETCH(QString, expected);
        auto model = open(u"kv-contoso-prod"_s);
        QVERIFY(waitLoaded(*model));
        const access::ValidationResult r = model->stageAddIpRule(input);
        QCOMPARE(r.ok, ok);
        if (ok) {
            QCOMPARE(r.normalized, expected);
            QVERIFY(model->stagedFirewall().ipRules.contains(expected));
            QCOMPARE(model->ipRules()->rowCount(), 3);
            QCOMPARE(model->stagedChanges().size(), 1);
            QVERIFY(model->stagedChanges().first().after.contains(u"ip rule "_s + expected));
        } else {
            QVERIFY2(r.message.contains(expected, Qt::CaseInsensitive), qPrintable(r.message));
            QVERIFY(!model->hasStagedChanges());
            QCOMPARE(model->ipRules()->rowCount(), 2);
        }
    }

    void overTheLimit()
    {
        auto model = open(u"kv-contoso-prod"_s);
        QVERIFY(waitLoaded(*model));
        int staged = int(model->baseFirewall().ipRules.size());
        for (int i = 0; staged < access::Validation::MaxIpRules; ++i) {
            const QString address = u"8.%1.%2.1"_s.arg(i / 250).arg(i % 250);
            const auto r = model->stageAddIpRule(address);
            QVERIFY2(r.ok, qPrintable(address + u": "_s + r.message));
            ++staged;
        }
        QCOMPARE(model->stagedFirewall().ipRules.size(), access::Validation::MaxIpRules);
        const auto refused = model->stageAddIpRule(u"9.9.9.9"_s);
        QVERIFY(!refused.ok);
        QVERIFY2(refused.message.contains(u"1,000"_s) || refused.message.contains(u"1000"_s),
                 qPrintable(refused.message));
        QCOMPARE(model->ipRules()->rowCount(), access::Validation::MaxIpRules);
        model->discardStaged();
        QCOMPARE(model->ipRules()->rowCount(), 2);
        QVERIFY(!model->hasStagedChanges());
    }

    void editRemoveAndVirtualNetworks()
    {
        auto model = open(u"kv-contoso-prod"_s);
        QAbstractItemModelTester ipTester(model->ipRules());
        QAbstractItemModelTester vnetTester(model->virtualNetworkRules());
        QVERIFY(waitLoaded(*model));
        IpRuleTable *ips = model->ipRules();

        // Edit: the old rule is shown replaced, the new one as an edit of it.
        QVERIFY(!model->stageEditIpRule(u"198.51.100.0/24"_s, u"10.1.0.0/16"_s).ok);
        QSignalSpy stagedChanged(model.get(), &StagedEditor::stagedChanged);
        const auto edited = model->stageEditIpRule(u"198.51.100.0/24"_s, u"198.51.101.0/24"_s);
        QVERIFY2(edited.ok, qPrintable(edited.message));
        QCOMPARE(stagedChanged.size(), 1); // one edit, one notification
        QCOMPARE(ips->rowCount(), 3);
        const int old = ips->rowOf(u"198.51.100.0/24"_s);
        const int added = ips->rowOf(u"198.51.101.0/24"_s);
        QCOMPARE(ips->index(old, IpRuleTable::StagedColumn).data().toString(),
                 u"Replaced by 198.51.101.0/24"_s);
        QCOMPARE(ips->index(added, IpRuleTable::StagedColumn).data().toString(),
                 u"Edited (was 198.51.100.0/24)"_s);
        QCOMPARE(ips->index(old, 0).data(NetworkRuleTable::StagedStateRole).toInt(),
                 int(StagedRowState::Removed));
        // Editing the edit again still replaces the rule read.
        QVERIFY(model->stageEditIpRule(u"198.51.101.0/24"_s, u"198.51.102.0/24"_s).ok);
        QCOMPARE(ips->rowCount(), 3);
        QCOMPARE(ips->index(ips->rowOf(u"198.51.102.0/24"_s), IpRuleTable::StagedColumn)
                     .data()
                     .toString(),
                 u"Edited (was 198.51.100.0/24)"_s);

        // Remove a rule read, and a staged addition.
        QVERIFY(model->stageRemoveIpRule(u"203.0.113.10/32"_s));
        QVERIFY(!model->stageRemoveIpRule(u"203.0.113.10/32"_s));
        QVERIFY(!model->stageRemoveIpRule(u"8.8.4.4/32"_s));
        QCOMPARE(model->stagedFirewall().ipRules, QStringList{u"198.51.102.0/24"_s});
        // One change per rule, all sent in one PATCH.
        const QList<StagedChange> changes = model->stagedChanges();
        QCOMPARE(changes.size(), 3);
        QStringList before;
        QStringList after;
        for (const StagedChange &c : changes) {
            QCOMPARE(c.operation, u"PATCH vault (networkAcls, publicNetworkAccess)"_s);
            before += c.before;
            after += c.after;
        }
        QVERIFY(before.contains(u"ip rule 203.0.113.10/32"_s));
        QVERIFY(before.contains(u"ip rule 198.51.100.0/24"_s));
        QCOMPARE(after, QStringList{u"ip rule 198.51.102.0/24"_s});
        // Removing the own address's rule under Deny blocks this machine.
        QVERIFY(model->clientAddress().isEmpty() || model->clientAddress() == DefaultClientAddress);

        // Virtual network rules by subnet id.
        QVERIFY(!model->stageAddVirtualNetworkRule(u"not-a-subnet"_s).ok);
        const QString subnet =
            u"/subscriptions/"_s + ProductionSubscription
            + u"/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-data/subnets/snet-db"_s;
        const auto vnet = model->stageAddVirtualNetworkRule(subnet);
        QVERIFY2(vnet.ok, qPrintable(vnet.message));
        QVERIFY(!model
                     ->stageAddVirtualNetworkRule(
                         subnet.toUpper().replace(u"/SUBSCRIPTIONS"_s, u"/subscriptions"_s))
                     .ok);
        QCOMPARE(model->virtualNetworkRules()->rowCount(), 2);
        const QString existing = model->baseFirewall().subnets.first();
        QVERIFY(model->stageRemoveVirtualNetworkRule(existing));
        QCOMPARE(model->stagedFirewall().subnets, QStringList{subnet.toLower()});

        model->discardStaged();
        QVERIFY(!model->hasStagedChanges());
        QCOMPARE(ips->rowCount(), 2);
        QCOMPARE(model->virtualNetworkRules()->rowCount(), 1);
    }

    void restrictDevelopmentVault()
    {
        auto model = open(u"kv-contoso-dev"_s);
        QVERIFY(waitLoaded(*model));
        QCOMPARE(model->accessMode(), Mode::AllNetworks);
        QVERIFY(listSecrets(u"kv-contoso-dev"_s).ok());

        // The address the vault sees is known from its answers.
        QSignalSpy addressChanged(model.get(), &NetworkRulesModel::clientAddressChanged);
        model->discoverClientAddress();
        QTRY_COMPARE_WITH_TIMEOUT(model->clientAddress(), DefaultClientAddress, Timeout);

        // With every network allowed, the own address as a rule has no effect: said so.
        const auto useless = model->stageClientAddress();
        QVERIFY(useless.ok);
        QVERIFY2(useless.message.contains(u"all networks"_s), qPrintable(useless.message));
        model->discardStaged();

        model->setAccessMode(Mode::SelectedNetworks);
        QVERIFY(model->stageAddIpRule(u"198.51.100.0/24"_s).ok);
        const QList<StagedChange> changes = model->stagedChanges();
        QCOMPARE(changes.size(), 2);
        QCOMPARE(changes.at(0).before, QStringList{u"access: all networks"_s});
        QCOMPARE(changes.at(0).after, QStringList{u"access: selected networks"_s});
        QCOMPARE(changes.at(1).kind, StagedChange::Kind::Add);
        QCOMPARE(changes.at(1).after, QStringList{u"ip rule 198.51.100.0/24"_s});

        const QList<GuardWarning> warnings = model->guardWarnings();
        QCOMPARE(warnings.size(), 1);
        QCOMPARE(warnings.first().id, GuardWarning::OwnAddressBlocked);
        QVERIFY(warnings.first().consequence.contains(DefaultClientAddress));
        QVERIFY(warnings.first().consequence.contains(u"secrets, keys and certificates"_s));

        ApplyReport report = applyAndWait(*model, Timeout);
        QVERIFY2(report.succeeded(),
                 qPrintable(report.differences.join(u'\n')
                            + (report.error ? report.error->summary() : QString())));
        QCOMPARE(report.sent, QStringList{u"PATCH vault (networkAcls, publicNetworkAccess)"_s});
        QVERIFY(!model->hasStagedChanges());
        QCOMPARE(model->accessMode(), Mode::SelectedNetworks);
        QCOMPARE(model->baseFirewall().ipRules, QStringList{u"198.51.100.0/24"_s});

        // The data plane now refuses this machine.
        const auto denied = listSecrets(u"kv-contoso-dev"_s);
        QVERIFY(!denied.ok());
        QCOMPARE(denied.error().status, 403);
        QCOMPARE(denied.error().kind, AzureError::Kind::Firewall);
        QCOMPARE(denied.error().innerCode, u"ForbiddenByFirewall"_s);
        QCOMPARE(denied.error().clientAddress, DefaultClientAddress);

        // Add my client address: allowed again, and no warning for it.
        const auto mine = model->stageClientAddress();
        QVERIFY2(mine.ok, qPrintable(mine.message));
        QCOMPARE(mine.normalized, DefaultClientAddress + u"/32"_s);
        QVERIFY(mine.message.isEmpty());
        QVERIFY(model->guardWarnings().isEmpty());
        report = applyAndWait(*model, Timeout);
        QVERIFY(report.succeeded());
        QVERIFY(model->baseFirewall().ipRules.contains(DefaultClientAddress + u"/32"_s));
        QVERIFY(listSecrets(u"kv-contoso-dev"_s).ok());
    }

    void concurrentRuleSurvives()
    {
        auto model = open(u"kv-contoso-apps"_s);
        QVERIFY(waitLoaded(*model));
        model->setAccessMode(Mode::SelectedNetworks);
        QVERIFY(model->stageAddIpRule(u"198.51.100.0/24"_s).ok);
        QVERIFY(model->stageAddIpRule(DefaultClientAddress).ok);

        // Meanwhile a second client adds its own rule.
        const Result<Account> automation = m_fixture->addAutomation();
        QVERIFY2(automation.ok(), qPrintable(automation.error().summary()));
        auto other = m_fixture->session().arm(automation->id);
        QVERIFY(other.has_value());
        const QString id = m_fixture->vaultLocation(m_alice, u"kv-contoso-apps"_s).resourceId;
        arm::VaultPatchParameters patch;
        arm::NetworkRuleSet acls;
        acls.ipRules = QList<arm::IpRule>{{u"203.0.113.99"_s}};
        patch.properties.networkAcls = acls;
        const auto patched = ClientFixture::await(other->updateVault(id, patch));
        QVERIFY2(patched.ok(), qPrintable(patched.error().summary()));

        const ApplyReport report = applyAndWait(*model, Timeout);
        QVERIFY2(report.succeeded(), qPrintable(report.differences.join(u'\n')));
        const QStringList rules = model->baseFirewall().ipRules;
        QVERIFY2(rules.contains(u"203.0.113.99/32"_s), qPrintable(rules.join(u' ')));
        QVERIFY(rules.contains(u"198.51.100.0/24"_s));
        QVERIFY(rules.contains(DefaultClientAddress + u"/32"_s));
        QCOMPARE(model->accessMode(), Mode::SelectedNetworks);
        QVERIFY(listSecrets(u"kv-contoso-apps"_s).ok());
    }

    void privateEndpointConnections()
    {
        auto model = open(u"kv-contoso-private"_s);
        QVERIFY(waitLoaded(*model));
        QVERIFY(!model->stageApproveConnection(u"pe-nowhere"_s).ok);
        QVERIFY(model->stageApproveConnection(u"pe-partner"_s, u"Partner access approved"_s).ok);
        QVERIFY(model->stageRejectConnection(u"pe-web"_s, u"Web tier moved"_s).ok);
        const PrivateEndpointTable *pes = model->privateEndpoints();
        const int partner = pes->rowOf(u"pe-partner"_s);
        QCOMPARE(pes->index(partner, PrivateEndpointTable::StagedColumn).data().toString(),
                 u"Approve"_s);
        QCOMPARE(pes->index(partner, PrivateEndpointTable::StateColumn).data().toString(),
                 u"Pending → Approved"_s);
        const QList<StagedChange> changes = model->stagedChanges();
        QCOMPARE(changes.size(), 2);
        QStringList operations;
        for (const StagedChange &c : changes)
            operations.append(c.operation);
        QVERIFY(operations.contains(u"PUT privateEndpointConnections/pe-partner"_s));
        QVERIFY(operations.contains(u"PUT privateEndpointConnections/pe-web"_s));
        QVERIFY(model->guardWarnings().isEmpty());

        const ApplyReport report = applyAndWait(*model, Timeout);
        QVERIFY2(report.succeeded(),
                 qPrintable(report.differences.join(u'\n')
                            + (report.error ? report.error->summary() : QString())));
        QCOMPARE(report.sent.size(), 2);
        QString partnerState;
        QString webState;
        for (const auto &c : model->baseConnections()) {
            if (c.name == "pe-partner"_L1)
                partnerState = c.status;
            if (c.name == "pe-web"_L1)
                webState = c.status;
        }
        QCOMPARE(partnerState, u"Approved"_s);
        QCOMPARE(webState, u"Rejected"_s);
        QCOMPARE(pes->index(pes->rowOf(u"pe-partner"_s), PrivateEndpointTable::StateColumn)
                     .data()
                     .toString(),
                 u"Approved"_s);
    }

    void clientAddressFoundAtLoad()
    {
        // Nothing the session saw names the address: the model asks by itself once loaded.
        m_fixture->session().journal().clear();
        auto model = open(u"kv-contoso-apps"_s);
        QSignalSpy addressChanged(model.get(), &NetworkRulesModel::clientAddressChanged);
        QVERIFY(model->clientAddress().isEmpty());
        QVERIFY(waitLoaded(*model));
        QTRY_COMPARE_WITH_TIMEOUT(model->clientAddress(), DefaultClientAddress, Timeout);
        QCOMPARE(addressChanged.size(), 1);
        QCOMPARE(addressChanged.first().first().toString(), DefaultClientAddress);
    }

    void guardWhileAddressUnknown()
    {
        // Key Vault cannot be reached: its answers never name the address.
        m_fixture->session().journal().clear();
        QVERIFY(injectFaults(
            {QJsonObject{{u"kind"_s, u"drop"_s}, {u"target"_s, u"vault"_s}, {u"rate"_s, 1}}}));
        auto model = open(u"kv-contoso-apps"_s);
        QSignalSpy notFound(model.get(), &NetworkRulesModel::clientAddressNotFound);
        QVERIFY(waitLoaded(*model));
        QCOMPARE(model->accessMode(), Mode::SelectedNetworks);
        QTRY_VERIFY_WITH_TIMEOUT(!notFound.isEmpty(), Timeout);
        QVERIFY(!model->isDiscoveringClientAddress());
        QVERIFY(model->clientAddress().isEmpty());

        // Adding rules cannot block anyone.
        QVERIFY(model->stageAddIpRule(u"198.51.106.0/24"_s).ok);
        QVERIFY(model->guardWarnings().isEmpty());
        // Taking a rule away may block this machine: said so although the address is unknown.
        QVERIFY(model->stageRemoveIpRule(DefaultClientAddress + u"/32"_s));
        QList<GuardWarning> warnings = model->guardWarnings();
        QCOMPARE(warnings.size(), 1);
        QCOMPARE(warnings.first().id, GuardWarning::OwnAddressBlocked);
        QVERIFY2(warnings.first().consequence.contains(u"not known yet"_s),
                 qPrintable(warnings.first().consequence));
        QVERIFY(warnings.first().consequence.contains(u"kv-contoso-apps"_s));
        model->discardStaged();
        // So may a stricter mode.
        QVERIFY(model->setAccessMode(Mode::Disabled).ok);
        QCOMPARE(model->guardWarnings().size(), 1);
        model->discardStaged();
        // Allowing every network blocks no one.
        QVERIFY(model->setAccessMode(Mode::AllNetworks).ok);
        QVERIFY(model->guardWarnings().isEmpty());
        model->discardStaged();

        // Once Key Vault names the address, the guard judges with it.
        QVERIFY(injectFaults({}));
        model->discoverClientAddress();
        QTRY_COMPARE_WITH_TIMEOUT(model->clientAddress(), DefaultClientAddress, Timeout);
        QVERIFY(model->stageRemoveIpRule(DefaultClientAddress + u"/32"_s));
        warnings = model->guardWarnings();
        QCOMPARE(warnings.size(), 1);
        QVERIFY(warnings.first().consequence.contains(DefaultClientAddress));
        model->discardStaged();
        QVERIFY(model->stageRemoveIpRule(u"198.51.100.0/24"_s));
        QVERIFY(model->guardWarnings().isEmpty()); // this machine still gets in
        model->discardStaged();
    }

    void stagingRefusedWhileApplying()
    {
        auto model = open(u"kv-contoso-apps"_s);
        QVERIFY(waitLoaded(*model));
        QVERIFY(model->stageAddIpRule(u"198.51.102.0/24"_s).ok);
        QSignalSpy applied(model.get(), &StagedEditor::applied);
        QSignalSpy stagedChanged(model.get(), &StagedEditor::stagedChanged);
        model->apply();
        QVERIFY(model->isApplying());

        const auto refused = model->stageAddIpRule(u"198.51.103.0/24"_s);
        QVERIFY(!refused.ok);
        QCOMPARE(refused.message, NetworkRulesModel::applyingMessage());
        QVERIFY(refused.message.contains(u"being applied"_s));
        QVERIFY(!model->setAccessMode(Mode::AllNetworks).ok);
        QVERIFY(!model->setBypassAzureServices(!model->bypassAzureServices()).ok);
        QVERIFY(!model->stageEditIpRule(u"198.51.102.0/24"_s, u"198.51.104.0/24"_s).ok);
        QVERIFY(!model->stageRemoveIpRule(u"198.51.100.0/24"_s));
        QVERIFY(!model->stageClientAddress(u"198.51.107.1"_s).ok);
        const QString subnet =
            u"/subscriptions/"_s + ProductionSubscription
            + u"/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-data/subnets/snet-db"_s;
        QVERIFY(!model->stageAddVirtualNetworkRule(subnet).ok);
        QVERIFY(!model->stageApproveConnection(u"pe-web"_s).ok);
        model->discardStaged(); // ignored too: what is being sent stays listed
        QCOMPARE(stagedChanged.size(), 0);
        QCOMPARE(model->stagedChanges().size(), 1);

        QVERIFY(applied.wait(Timeout));
        const auto report = applied.first().first().value<ApplyReport>();
        QVERIFY2(report.succeeded(), qPrintable(report.differences.join(u'\n')));
        QVERIFY(!model->isApplying());
        const QStringList rules = model->baseFirewall().ipRules;
        QVERIFY(rules.contains(u"198.51.102.0/24"_s));
        QVERIFY(!rules.contains(u"198.51.103.0/24"_s));
        QVERIFY(!rules.contains(u"198.51.107.1/32"_s));
        QVERIFY(rules.contains(u"198.51.100.0/24"_s));
        QCOMPARE(model->accessMode(), Mode::SelectedNetworks);
        QVERIFY(model->baseFirewall().subnets.isEmpty());
        // Once read back, staging works again.
        QVERIFY(model->stageAddIpRule(u"198.51.103.0/24"_s).ok);
        model->discardStaged();
    }

    void readBackDifference()
    {
        auto model = open(u"kv-contoso-prod"_s);
        QVERIFY(waitLoaded(*model));
        const QString rule = u"198.51.104.0/24"_s;
        QVERIFY(model->stageAddIpRule(rule).ok);
        // Another administrator removes the rule right after it was added.
        ApplyReport report;
        const int ran = applyWithChangeAfterPatch(
            *model, u"kv-contoso-prod"_s,
            [&](sandbox::SandboxState &state) {
                sandbox::VaultRecord *vault = state.vaultByName(u"kv-contoso-prod"_s);
                QVERIFY(vault && vault->resource.properties.networkAcls);
                arm::NetworkRuleSet &acls = *vault->resource.properties.networkAcls;
                QList<arm::IpRule> ips = acls.ipRules.value_or(QList<arm::IpRule>{});
                QCOMPARE(ips.removeIf([&](const arm::IpRule &ip) { return ip.value == rule; }),
                         qsizetype(1));
                acls.ipRules = ips;
            },
            report);
        QCOMPARE(ran, 1);
        QVERIFY2(!report.error, qPrintable(report.error ? report.error->summary() : QString()));
        QCOMPARE(report.sent, QStringList{u"PATCH vault (networkAcls, publicNetworkAccess)"_s});
        QVERIFY(report.readBack);
        QVERIFY(!report.succeeded());
        QCOMPARE(
            report.differences,
            QStringList{u"ip rule 198.51.104.0/24: staged to be added, not in the firewall"_s});
        // The model shows the state read back, with nothing staged.
        QVERIFY(!model->baseFirewall().ipRules.contains(rule));
        QVERIFY(model->baseFirewall().ipRules.contains(u"198.51.100.0/24"_s));
        QVERIFY(!model->hasStagedChanges());
        QCOMPARE(model->ipRules()->rowOf(rule), -1);
    }

    void readBackFailure()
    {
        auto model = open(u"kv-contoso-dev"_s);
        QVERIFY(waitLoaded(*model));
        const QString rule = u"198.51.105.0/24"_s;
        QVERIFY(model->stageAddIpRule(rule).ok);
        // The vault is gone (deleted by someone else) when the model reads it back.
        std::optional<sandbox::VaultRecord> taken;
        qsizetype at = -1;
        ApplyReport report;
        const int ran = applyWithChangeAfterPatch(
            *model, u"kv-contoso-dev"_s,
            [&](sandbox::SandboxState &state) {
                for (qsizetype i = 0; i < state.vaults.size(); ++i)
                    if (state.vaults.at(i).resource.name == "kv-contoso-dev"_L1)
                        at = i;
                QVERIFY(at >= 0);
                taken = state.vaults.takeAt(at);
            },
            report);
        QCOMPARE(ran, 1);
        QVERIFY(taken.has_value());
        m_fixture->sandbox().sandbox().state().vaults.insert(at, std::move(*taken));
        m_fixture->sandbox().sandbox().persist();

        QCOMPARE(report.sent, QStringList{u"PATCH vault (networkAcls, publicNetworkAccess)"_s});
        QVERIFY(!report.readBack);
        QVERIFY(!report.succeeded());
        QVERIFY(report.error.has_value());
        QCOMPARE(report.error->status, 404);
        QCOMPARE(report.failedOperation, u"Reading the vault back"_s);
        QVERIFY(!model->isApplying());

        // With the vault back, a reload shows the rule that was sent.
        model->reload();
        QVERIFY(waitLoaded(*model));
        QVERIFY(model->baseFirewall().ipRules.contains(rule));
    }

    void cleanupTestCase() { m_fixture.reset(); }
};

QTEST_MAIN(tst_NetworkRulesModel)
#include "tst_networkrulesmodel.moc"

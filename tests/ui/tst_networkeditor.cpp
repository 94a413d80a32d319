// SPDX-License-Identifier: GPL-3.0-or-later
// The networking editor driven through its widgets against the sandbox: bad
// IP rules refused in place, add, edit, remove, the access mode, "Add my
// client address" (found at load; a clear state when Key Vault names none),
// the own-address guard in the review, apply with read-back and its effect on
// the data plane, and a private endpoint approval.
#include "NetworkRulesModel.h"
#include "SessionFixture.h"
#include "WidgetTestSupport.h"
#include "access/Validation.h"
#include "network/NetworkEditor.h"
#include "state/Seed.h"
#include "widgets/ErrorBanner.h"
#include "widgets/ReviewChangesDialog.h"
#include "widgets/StagedChangesBar.h"

#include <QCheckBox>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using namespace vl::sandbox::DemoIds;
using vl::ui::NetworkEditor;
using vl::ui::ReviewChangesDialog;
using Mode = NetworkRulesModel::AccessMode;

namespace {

constexpr int Timeout = 20000;
/// The address the sandbox's vaults see for this machine in this test.
const QString MyAddress = u"203.0.113.50"_s;

} // namespace

class tst_NetworkEditor : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SessionFixture> m_fixture;
    Account m_alice;

    template<typename T>
    static T *child(QWidget &w, const QString &name)
    {
        auto *c = w.findChild<T *>(name);
        if (!c)
            qFatal("no child %s", qPrintable(name));
        return c;
    }

    /// Selects the row of @p key in @p view; false when it is not shown.
    static bool select(QTableView *view, const QString &key)
    {
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            if (view->model()->index(r, 0).data(NetworkRuleTable::KeyRole).toString() == key) {
                view->selectRow(r);
                return true;
            }
        }
        return false;
    }

    static void typeRule(NetworkEditor &editor, const QString &text)
    {
        auto *edit = child<QLineEdit>(editor, u"ipRuleEdit"_s);
        edit->clear();
        QTest::keyClicks(edit, text);
        child<QPushButton>(editor, u"addIpRuleButton"_s)->click();
    }

    bool listSecrets(const QString &vaultName, AzureError *error = nullptr)
    {
        auto client = m_fixture->session().vault(m_alice.id, {}, m_fixture->vaultUri(vaultName));
        const auto page = ClientFixture::await(client->listSecrets(1));
        if (!page.ok() && error)
            *error = page.error();
        return page.ok();
    }

    /// Sets the sandbox's fault rules (an empty list clears them).
    bool injectFaults(const QJsonArray &faults)
    {
        const auto reply = m_fixture->sandbox().http().sendJson(
            "POST", m_fixture->sandbox().apiUrl(u"/sandbox/faults"_s),
            QJsonObject{{u"faults"_s, faults}});
        return reply.status == 200;
    }

    /// Opens the review, ticks every guard, applies and waits for the report.
    static QString reviewAndApply(NetworkEditor &editor, int expectedWarnings)
    {
        const QString report = vl::test::reviewAndApply(*editor.stagedChangesBar(), nullptr,
                                                        expectedWarnings, Timeout);
        if (!report.isEmpty())
            closeReview(editor);
        return report;
    }

    /// Closes the open review and waits until it is gone (it deletes itself on close).
    static void closeReview(NetworkEditor &editor)
    {
        if (ReviewChangesDialog *dialog = editor.stagedChangesBar()->reviewDialog())
            dialog->reject();
        QTRY_VERIFY_WITH_TIMEOUT(!editor.stagedChangesBar()->reviewDialog(), Timeout);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ApplyReport>();
        m_fixture = std::make_unique<SessionFixture>();
        QVERIFY(m_fixture->isRunning());
        m_fixture->sandbox().sandbox().state().clientAddress = MyAddress;
        const Result<Account> alice = m_fixture->signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        m_alice = *alice;
    }

    void badInputsAreRefusedInPlace_data()
    {
        QTest::addColumn<int>("staged"); // rules staged through the model first
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("reason");
        QTest::newRow("private") << 0 << u"10.0.0.0/8"_s << u"private"_s;
        QTest::newRow("private host") << 0 << u"192.168.1.1"_s << u"private"_s;
        QTest::newRow("loopback") << 0 << u"127.0.0.1"_s << u"loopback"_s;
        QTest::newRow("IPv6") << 0 << u"2001:db8::1"_s << u"IPv6"_s;
        QTest::newRow("malformed") << 0 << u"1.2.3"_s << u"not an IPv4"_s;
        QTest::newRow("prefix 33") << 0 << u"1.2.3.4/33"_s << u"not an IPv4"_s;
        QTest::newRow("over the limit")
            << access::Validation::MaxIpRules << u"9.9.9.9"_s << u"at most"_s;
    }

    void badInputsAreRefusedInPlace()
    {
        QFETCH(int, staged);
        QFETCH(QString, input);
        QFETCH(QString, reason);
        NetworkEditor editor(m_fixture->session(),
                             m_fixture->vaultLocation(m_alice, u"kv-contoso-dev"_s));
        editor.resize(1100, 760);
        editor.show();
        NetworkRulesModel *model = editor.model();
        QTRY_VERIFY_WITH_TIMEOUT(model->isLoaded() && !model->isBusy(), Timeout);
        QVERIFY(model->baseFirewall().ipRules.isEmpty());
        for (int i = 0; i < staged; ++i) {
            const auto r = model->stageAddIpRule(u"8.%1.%2.1"_s.arg(i / 250).arg(i % 250));
            QVERIFY2(r.ok, qPrintable(r.message));
        }
        QCOMPARE(model->stagedFirewall().ipRules.size(), staged);
        typeRule(editor, input);
        auto *error = child<QLabel>(editor, u"ipRuleError"_s);
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(reason, Qt::CaseInsensitive), qPrintable(error->text()));
        // Nothing more is staged, and the text stays for correcting.
        QCOMPARE(model->stagedFirewall().ipRules.size(), staged);
        QCOMPARE(model->stagedChanges().size(), staged);
        QCOMPARE(child<QTableView>(editor, u"ipRulesView"_s)->model()->rowCount(), staged);
        QCOMPARE(child<QLineEdit>(editor, u"ipRuleEdit"_s)->text(), input);
        // Typing again clears the message.
        QTest::keyClick(child<QLineEdit>(editor, u"ipRuleEdit"_s), Qt::Key_Backspace);
        QVERIFY(!error->isVisible());
    }

    void stageReviewApplyAndDataPlane()
    {
        NetworkEditor editor(m_fixture->session(),
                             m_fixture->vaultLocation(m_alice, u"kv-contoso-dev"_s));
        editor.resize(1100, 760);
        editor.show();
        NetworkRulesModel *model = editor.model();
        QTRY_VERIFY_WITH_TIMEOUT(model->isLoaded() && !model->isBusy(), Timeout);
        QVERIFY(child<QRadioButton>(editor, u"accessAllNetworks"_s)->isChecked());
        QVERIFY(child<QLabel>(editor, u"dataPlaneNote"_s)->text().contains(u"data plane only"_s));
        auto *view = child<QTableView>(editor, u"ipRulesView"_s);
        auto *error = child<QLabel>(editor, u"ipRuleError"_s);

        // Add a range with host bits: normalised, and said so.
        typeRule(editor, u"203.0.113.77/24"_s);
        QVERIFY(model->stagedFirewall().ipRules.contains(u"203.0.113.0/24"_s));
        QVERIFY(error->text().contains(u"203.0.113.0/24"_s));
        QVERIFY(child<QLineEdit>(editor, u"ipRuleEdit"_s)->text().isEmpty());
        // A duplicate is refused in place.
        typeRule(editor, u"203.0.113.0/24"_s);
        QVERIFY(error->text().contains(u"already"_s));

        // Edit it.
        QVERIFY(select(view, u"203.0.113.0/24"_s));
        child<QPushButton>(editor, u"editIpRuleButton"_s)->click();
        QCOMPARE(child<QLineEdit>(editor, u"ipRuleEdit"_s)->text(), u"203.0.113.0/24"_s);
        QCOMPARE(child<QPushButton>(editor, u"addIpRuleButton"_s)->text(), u"&Save"_s);
        typeRule(editor, u"198.51.100.0/24"_s);
        QCOMPARE(model->stagedFirewall().ipRules, QStringList{u"198.51.100.0/24"_s});
        QCOMPARE(child<QPushButton>(editor, u"addIpRuleButton"_s)->text(), u"&Add"_s);

        // Add and remove another.
        typeRule(editor, u"8.8.8.8"_s);
        QCOMPARE(view->model()->rowCount(), 2);
        QVERIFY(select(view, u"8.8.8.8/32"_s));
        child<QPushButton>(editor, u"removeIpRuleButton"_s)->click();
        QCOMPARE(view->model()->rowCount(), 1);

        // Restrict to selected networks.
        child<QRadioButton>(editor, u"accessSelectedNetworks"_s)->click();
        QCOMPARE(model->accessMode(), Mode::SelectedNetworks);

        // Add my client address: known since the load, staged as /32.
        auto *mine = child<QPushButton>(editor, u"addClientAddressButton"_s);
        QTRY_COMPARE_WITH_TIMEOUT(mine->text(), u"Add my &client address (%1)"_s.arg(MyAddress),
                                  Timeout);
        mine->click();
        QTRY_VERIFY_WITH_TIMEOUT(model->stagedFirewall().ipRules.contains(MyAddress + u"/32"_s),
                                 Timeout);
        QCOMPARE(mine->text(), u"Add my &client address (%1)"_s.arg(MyAddress));
        QCOMPARE(view->model()->rowCount(), 2);
        QVERIFY(model->guardWarnings().isEmpty());

        // Without it, the change would lock this machine out: the review asks first.
        QVERIFY(select(view, MyAddress + u"/32"_s));
        child<QPushButton>(editor, u"removeIpRuleButton"_s)->click();
        ReviewChangesDialog *dialog = editor.stagedChangesBar()->review();
        QVERIFY(dialog);
        const QString diff = dialog->diffText();
        QVERIFY2(diff.contains(u"- access: all networks"_s), qPrintable(diff));
        QVERIFY(diff.contains(u"+ access: selected networks"_s));
        QVERIFY(diff.contains(u"+ ip rule 198.51.100.0/24"_s));
        QVERIFY(diff.contains(u"PATCH vault (networkAcls, publicNetworkAccess)"_s));
        QCOMPARE(dialog->confirmations().size(), 1);
        QCheckBox *guard = dialog->confirmations().first();
        QCOMPARE(guard->objectName(), u"guardConfirmation_"_s + GuardWarning::OwnAddressBlocked);
        QVERIFY(guard->accessibleName().contains(MyAddress));
        QVERIFY(!dialog->applyButton()->isEnabled());
        dialog->resize(720, 460);
        screenshot(*dialog, u"networking-guard.png"_s);
        guard->setChecked(true);
        QVERIFY(dialog->applyButton()->isEnabled());
        dialog->applyButton()->click();
        // A fix offered meanwhile (e.g. by a firewall denial) is refused, not lost silently.
        QVERIFY(model->isApplying());
        editor.addClientAddress(u"198.51.100.77"_s);
        QVERIFY2(error->text().contains(u"being applied"_s), qPrintable(error->text()));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->reportText().isEmpty(), Timeout);
        QVERIFY2(dialog->reportText().contains(u"every change is in place"_s),
                 qPrintable(dialog->reportText()));
        closeReview(editor);
        QVERIFY(!model->hasStagedChanges());
        QCOMPARE(model->baseFirewall().ipRules, QStringList{u"198.51.100.0/24"_s});
        QVERIFY(child<QRadioButton>(editor, u"accessSelectedNetworks"_s)->isChecked());

        // The sandbox's firewall now refuses this machine on the data plane.
        AzureError denied;
        QVERIFY(!listSecrets(u"kv-contoso-dev"_s, &denied));
        QCOMPARE(denied.kind, AzureError::Kind::Firewall);
        QCOMPARE(denied.innerCode, u"ForbiddenByFirewall"_s);
        QCOMPARE(denied.clientAddress, MyAddress);

        // The denial's fix: add the address it named; no guard this time.
        editor.addClientAddress(denied.clientAddress);
        QVERIFY(model->stagedFirewall().ipRules.contains(MyAddress + u"/32"_s));
        const QString report = reviewAndApply(editor, 0);
        QVERIFY2(report.contains(u"every change is in place"_s), qPrintable(report));
        QVERIFY(listSecrets(u"kv-contoso-dev"_s));
    }

    void bypassAndVirtualNetworkRules()
    {
        NetworkEditor editor(m_fixture->session(),
                             m_fixture->vaultLocation(m_alice, u"kv-contoso-prod"_s));
        editor.resize(1100, 760);
        editor.show();
        NetworkRulesModel *model = editor.model();
        QTRY_VERIFY_WITH_TIMEOUT(model->isLoaded() && !model->isBusy(), Timeout);
        // The address is found after the load; unknown, the edits below would raise the guard.
        QTRY_COMPARE_WITH_TIMEOUT(model->clientAddress(), MyAddress, Timeout);
        QVERIFY(child<QCheckBox>(editor, u"bypassAzureServices"_s)->isChecked());
        child<QCheckBox>(editor, u"bypassAzureServices"_s)->click();
        QVERIFY(!model->bypassAzureServices());

        auto *subnet = child<QLineEdit>(editor, u"subnetIdEdit"_s);
        QTest::keyClicks(subnet, u"vnet-apps/snet-web"_s);
        child<QPushButton>(editor, u"addVirtualNetworkRuleButton"_s)->click();
        QVERIFY(child<QLabel>(editor, u"subnetIdError"_s)->isVisible());
        subnet->clear();
        const QString id =
            u"/subscriptions/"_s + ProductionSubscription
            + u"/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-data/subnets/snet-db"_s;
        QTest::keyClicks(subnet, id);
        QTest::keyClick(subnet, Qt::Key_Return);
        auto *vnets = child<QTableView>(editor, u"virtualNetworkRulesView"_s);
        QCOMPARE(vnets->model()->rowCount(), 2);
        QVERIFY(select(vnets, model->baseFirewall().subnets.first()));
        child<QPushButton>(editor, u"removeVirtualNetworkRuleButton"_s)->click();
        QCOMPARE(model->stagedFirewall().subnets, QStringList{id.toLower()});

        // IP rules too: an edit and an addition, shown with what is staged.
        auto *ips = child<QTableView>(editor, u"ipRulesView"_s);
        QVERIFY(select(ips, u"198.51.100.0/24"_s));
        child<QPushButton>(editor, u"editIpRuleButton"_s)->click();
        typeRule(editor, u"198.51.100.0/23"_s);
        typeRule(editor, u"203.0.113.128/25"_s);
        QCOMPARE(ips->model()->rowCount(), 4);
        screenshot(editor, u"networking.png"_s);

        const QString report = reviewAndApply(editor, 0);
        QVERIFY2(report.contains(u"every change is in place"_s), qPrintable(report));
        QVERIFY(!model->baseFirewall().bypassAzureServices);
        QCOMPARE(model->baseFirewall().subnets, QStringList{id.toLower()});
        QCOMPARE(vnets->model()->rowCount(), 1);
        QCOMPARE(model->baseFirewall().ipRules,
                 (QStringList{u"203.0.113.10/32"_s, u"198.51.100.0/23"_s, u"203.0.113.128/25"_s}));
    }

    void approvePrivateEndpoint()
    {
        NetworkEditor editor(m_fixture->session(),
                             m_fixture->vaultLocation(m_alice, u"kv-contoso-private"_s));
        editor.show();
        NetworkRulesModel *model = editor.model();
        QTRY_VERIFY_WITH_TIMEOUT(model->isLoaded() && !model->isBusy(), Timeout);
        QVERIFY(child<QRadioButton>(editor, u"accessDisabled"_s)->isChecked());
        auto *view = child<QTableView>(editor, u"privateEndpointsView"_s);
        auto *approve = child<QPushButton>(editor, u"approveConnectionButton"_s);
        QVERIFY(select(view, u"pe-web"_s));
        QVERIFY(!approve->isEnabled()); // already approved
        QVERIFY(select(view, u"pe-partner"_s));
        QVERIFY(approve->isEnabled());
        QTest::keyClicks(child<QLineEdit>(editor, u"connectionDescriptionEdit"_s),
                         u"Partner onboarding"_s);
        approve->click();
        QCOMPARE(model->stagedChanges().size(), 1);
        ReviewChangesDialog *dialog = editor.stagedChangesBar()->review();
        QVERIFY(dialog->diffText().contains(u"private endpoint pe-partner: Approved"_s));
        QVERIFY(dialog->diffText().contains(u"PUT privateEndpointConnections/pe-partner"_s));
        closeReview(editor);
        const QString report = reviewAndApply(editor, 0);
        QVERIFY2(report.contains(u"every change is in place"_s), qPrintable(report));
        QString status;
        QString description;
        for (const auto &c : model->baseConnections())
            if (c.name == "pe-partner"_L1) {
                status = c.status;
                description = c.description;
            }
        QCOMPARE(status, u"Approved"_s);
        QCOMPARE(description, u"Partner onboarding"_s);
    }

    void clientAddressNotReported()
    {
        // Key Vault cannot be reached, and nothing the session saw names the address.
        m_fixture->session().journal().clear();
        QVERIFY(injectFaults(
            {QJsonObject{{u"kind"_s, u"drop"_s}, {u"target"_s, u"vault"_s}, {u"rate"_s, 1}}}));
        NetworkEditor editor(m_fixture->session(),
                             m_fixture->vaultLocation(m_alice, u"kv-contoso-apps"_s));
        editor.resize(1100, 760);
        editor.show();
        NetworkRulesModel *model = editor.model();
        QTRY_VERIFY_WITH_TIMEOUT(model->isLoaded() && !model->isBusy(), Timeout);
        // The search the model started at load ends without an address.
        QTRY_VERIFY_WITH_TIMEOUT(!model->isDiscoveringClientAddress(), Timeout);
        QVERIFY(model->clientAddress().isEmpty());
        auto *mine = child<QPushButton>(editor, u"addClientAddressButton"_s);
        auto *error = child<QLabel>(editor, u"ipRuleError"_s);
        QCOMPARE(mine->text(), u"Add my &client address"_s);
        QVERIFY(mine->isEnabled());

        // Asked again by the button: it waits, then says so and can be clicked again.
        mine->click();
        QCOMPARE(mine->text(), u"Finding my address…"_s);
        QVERIFY(!mine->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(mine->isEnabled(), Timeout);
        QCOMPARE(mine->text(), u"Add my &client address"_s);
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(u"Key Vault did not report this machine's address"_s),
                 qPrintable(error->text()));
        QVERIFY(!model->hasStagedChanges());

        // Unknown address, stricter firewall: the review asks first.
        child<QRadioButton>(editor, u"accessDisabled"_s)->click();
        ReviewChangesDialog *dialog = editor.stagedChangesBar()->review();
        QVERIFY(dialog);
        QCOMPARE(dialog->confirmations().size(), 1);
        QCheckBox *guard = dialog->confirmations().first();
        QCOMPARE(guard->objectName(), u"guardConfirmation_"_s + GuardWarning::OwnAddressBlocked);
        QVERIFY2(guard->accessibleName().contains(u"not known yet"_s),
                 qPrintable(guard->accessibleName()));
        closeReview(editor);
        model->discardStaged();

        // Reachable again: the next click finds the address and stages it.
        QVERIFY(injectFaults({}));
        mine->click();
        QTRY_VERIFY_WITH_TIMEOUT(model->stagedFirewall().ipRules.contains(MyAddress + u"/32"_s),
                                 Timeout);
        QCOMPARE(mine->text(), u"Add my &client address (%1)"_s.arg(MyAddress));
        QVERIFY(mine->isEnabled());
        model->discardStaged();
    }

    void cleanupTestCase() { m_fixture.reset(); }
};

QTEST_MAIN(tst_NetworkEditor)
#include "tst_networkeditor.moc"

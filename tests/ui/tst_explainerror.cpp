// SPDX-License-Identifier: GPL-3.0-or-later
#include "PrincipalDirectory.h"
#include "SessionFixture.h"
#include "WidgetTestSupport.h"
#include "flow/ExplainErrorDialog.h"
#include "flow/FlowDiagram.h"
#include "state/Seed.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::ui;
using namespace vl::test;

namespace {

constexpr int Timeout = 20000;
const QString Tenant = sandbox::DemoIds::ContosoTenant;

/// PROTOCOL.md §4.8: the firewall's message, as a pipeline log quotes it.
const QString FirewallText =
    u"##[error]Get secrets: Client address is not authorized and caller is not a trusted "
    "service.\r\nClient address: 192.0.2.77\r\nCaller: "
    "appid=0ca7e5a1-7e50-4d1e-9a5b-6c7d8e9f0a1b;oid=d0d00000-0000-4000-8000-000000000002;iss="
    "https://sts.windows.net/7f3c1a52-4e8b-4d1c-9a6e-2b5d8c0e1f34/\r\nVault: "
    "kv-contoso-prod;location=westeurope"_s;

/// An SDK exception carrying a ForbiddenByPolicy body for @p oid.
QString policyException(const QString &oid)
{
    const QString message =
        u"The user, group or application 'appid=0ca7e5a1-7e50-4d1e-9a5b-6c7d8e9f0a1b;oid=%1;"
        "iss=https://sts.windows.net/%2/' does not have secrets get permission on key vault "
        "'kv-contoso-prod;location=westeurope'. For help resolving this issue, please see "
        "https://go.microsoft.com/fwlink/?linkid=2125287"_s.arg(oid, Tenant);
    return u"Traceback (most recent call last):\n  File \"deploy.py\", line 12, in <module>\n"
           "    client.get_secret(\"sql-connection-string\")\n"
           "azure.core.exceptions.HttpResponseError: (Forbidden) %1\nCode: Forbidden\n"
           "Message: %1\nInner error: {\n    \"code\": \"ForbiddenByPolicy\"\n}"_s.arg(message);
}

const QString ArmText =
    u"ERROR: (AuthorizationFailed) The client 'erin@contoso.example' with object id "
    "'e4170000-0000-4000-8000-000000000003' does not have authorization to perform action "
    "'Microsoft.KeyVault/vaults/write' over scope "
    "'/subscriptions/5b1f9c3e-2d4a-4e6f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-apps/providers/"
    "Microsoft.KeyVault/vaults/kv-contoso-apps' or the scope is invalid. If access was recently "
    "granted, please refresh your credentials.\nCode: AuthorizationFailed"_s;

QTreeWidget *stageList(ExplainErrorDialog &d)
{
    return d.findChild<QTreeWidget *>(u"stageList"_s);
}

/// The stage ids of the list, in order.
QStringList stageIds(ExplainErrorDialog &d)
{
    QStringList ids;
    QTreeWidget *list = stageList(d);
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        ids.append(list->topLevelItem(i)->data(0, Qt::UserRole).toString());
    return ids;
}

/// The stage id and outcome text of the list's failed stage (its outcome column says so).
QTreeWidgetItem *failedItem(ExplainErrorDialog &d)
{
    QTreeWidget *list = stageList(d);
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        if (list->topLevelItem(i)->data(1, Qt::UserRole).toInt() == int(FlowOutcome::Failed))
            return list->topLevelItem(i);
    return nullptr;
}

QStringList evidenceOf(QTreeWidgetItem *item)
{
    QStringList lines;
    for (int i = 0; item && i < item->childCount(); ++i)
        lines.append(item->child(i)->text(0));
    return lines;
}

} // namespace

/// ExplainErrorDialog: pasted texts explained stage by stage, with the fix one click away.
class TestExplainError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firewallPastedExplainsAfterAPause();
    void sdkPolicyException();
    void resourceManagerDenial();
    void noErrorInText();
    void namesResolvedWhenSignedIn();
};

void TestExplainError::initTestCase()
{
    const auto widgets = {u"errorText"_s, u"explainButton"_s, u"stageList"_s, u"fixButton"_s};
    ExplainErrorDialog dialog;
    for (const QString &name : widgets) {
        auto *w = dialog.findChild<QWidget *>(name);
        QVERIFY2(w, qPrintable(name));
        QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(name));
    }
}

void TestExplainError::firewallPastedExplainsAfterAPause()
{
    ExplainErrorDialog dialog;
    dialog.resize(960, 780);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *input = dialog.findChild<QPlainTextEdit *>(u"errorText"_s);
    QVERIFY(input);
    QApplication::clipboard()->setText(FirewallText);
    input->setFocus();
    input->paste();
    // Nothing yet: the text is explained after a short pause.
    QVERIFY(dialog.explanation().steps.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.explanation().steps.isEmpty(), Timeout);

    QCOMPARE(dialog.explanation().service, Service::KeyVault);
    QCOMPARE(stageIds(dialog),
             (QStringList{u"token"_s, u"challenge"_s, u"call"_s, u"firewall"_s,
                          u"tokenValidation"_s, u"authorization"_s, u"operation"_s}));
    QTreeWidgetItem *failed = failedItem(dialog);
    QVERIFY(failed);
    QCOMPARE(failed->data(0, Qt::UserRole).toString(), u"firewall"_s);
    QCOMPARE(failed->text(1), u"Failed"_s);
    QVERIFY(failed->isExpanded());
    QVERIFY2(evidenceOf(failed).join(u'\n').contains(u"192.0.2.77"_s),
             qPrintable(evidenceOf(failed).join(u'\n')));
    QVERIFY2(dialog.headline().contains(u"Firewall"_s), qPrintable(dialog.headline()));
    QVERIFY(dialog.remedyText().contains(u"192.0.2.77"_s));
    QVERIFY(dialog.remedyText().contains(u"kv-contoso-prod"_s));
    auto *diagram = dialog.findChild<FlowDiagram *>(u"flowDiagram"_s);
    QVERIFY(diagram);
    QCOMPARE(diagram->explanations().size(), 1);

    auto *fix = dialog.findChild<QPushButton *>(u"fixButton"_s);
    QVERIFY(fix && fix->isVisible());
    QList<Remedy> requested;
    connect(&dialog, &ExplainErrorDialog::remedyRequested, this,
            [&](const Remedy &r) { requested.append(r); });
    fix->click();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().kind, Remedy::Kind::AddClientAddress);
    QCOMPARE(requested.first().address, u"192.0.2.77"_s);
    QCOMPARE(requested.first().vault, u"kv-contoso-prod"_s);
}

void TestExplainError::sdkPolicyException()
{
    ExplainErrorDialog dialog;
    dialog.resize(960, 780);
    dialog.show();
    const QString oid = u"c1000000-0000-4000-8000-000000000021"_s;
    // Typed into the box and explained with the button.
    auto *input = dialog.findChild<QPlainTextEdit *>(u"errorText"_s);
    input->setPlainText(policyException(oid));
    dialog.findChild<QPushButton *>(u"explainButton"_s)->click();

    QCOMPARE(stageIds(dialog).size(), 7);
    QTreeWidgetItem *failed = failedItem(dialog);
    QVERIFY(failed);
    QCOMPARE(failed->data(0, Qt::UserRole).toString(), u"authorization"_s);
    const QString evidence = evidenceOf(failed).join(u'\n');
    QVERIFY2(evidence.contains(u"ForbiddenByPolicy"_s), qPrintable(evidence));
    QVERIFY(evidence.contains(oid));
    QVERIFY(dialog.remedyText().contains(u"secrets get"_s));
    QVERIFY(dialog.remedyText().contains(oid));
    // No directory: the id stays an id, nothing is looked up.
    QVERIFY(!dialog.findChild<QLabel *>(u"principalText"_s)->isVisible());

    QList<Remedy> requested;
    connect(&dialog, &ExplainErrorDialog::remedyRequested, this,
            [&](const Remedy &r) { requested.append(r); });
    auto *fix = dialog.findChild<QPushButton *>(u"fixButton"_s);
    QVERIFY(fix->isVisible());
    fix->click();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().kind, Remedy::Kind::GrantAccessPolicyPermission);
    QCOMPARE(requested.first().principalId, oid);
    QCOMPARE(requested.first().permission, u"secrets get"_s);
    QCOMPARE(requested.first().vault, u"kv-contoso-prod"_s);
}

void TestExplainError::resourceManagerDenial()
{
    ExplainErrorDialog dialog;
    dialog.setText(ArmText);
    QCOMPARE(dialog.explanation().service, Service::ResourceManager);
    QCOMPARE(stageIds(dialog),
             (QStringList{u"token"_s, u"resourceManager"_s, u"authorization"_s, u"operation"_s}));
    QTreeWidgetItem *failed = failedItem(dialog);
    QVERIFY(failed);
    QCOMPARE(failed->data(0, Qt::UserRole).toString(), u"authorization"_s);
    QVERIFY(evidenceOf(failed).join(u'\n').contains(u"AuthorizationFailed"_s));
    QVERIFY2(dialog.remedyText().contains(u"Key Vault Contributor"_s),
             qPrintable(dialog.remedyText()));

    QList<Remedy> requested;
    connect(&dialog, &ExplainErrorDialog::remedyRequested, this,
            [&](const Remedy &r) { requested.append(r); });
    dialog.findChild<QPushButton *>(u"fixButton"_s)->click();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().kind, Remedy::Kind::AssignRole);
    QCOMPARE(requested.first().roleName, u"Key Vault Contributor"_s);
    QCOMPARE(requested.first().action, u"Microsoft.KeyVault/vaults/write"_s);
    QCOMPARE(requested.first().principalId, sandbox::DemoIds::Erin);
    QVERIFY(requested.first().scope.endsWith(u"/vaults/kv-contoso-apps"_s));
}

void TestExplainError::noErrorInText()
{
    ExplainErrorDialog dialog;
    dialog.show();
    dialog.setText(u"Build succeeded. 0 warnings."_s);
    QVERIFY(!failedItem(dialog));
    QVERIFY(dialog.headline().contains(u"No error"_s));
    QVERIFY(!dialog.findChild<QPushButton *>(u"fixButton"_s)->isVisible());
    dialog.setText({});
    QVERIFY(dialog.explanation().steps.isEmpty());
    QCOMPARE(stageList(dialog)->topLevelItemCount(), 0);
}

void TestExplainError::namesResolvedWhenSignedIn()
{
    SessionFixture fixture;
    QVERIFY(fixture.isRunning());
    const Result<Account> alice = fixture.signIn();
    QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
    PrincipalDirectory directory(fixture.session().graph(alice->id));
    QVERIFY(directory.hasGraph());

    ExplainErrorDialog dialog(&directory);
    dialog.resize(980, 880);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.setText(policyException(sandbox::DemoIds::Erin));
    QCOMPARE(failedItem(dialog)->data(0, Qt::UserRole).toString(), u"authorization"_s);
    auto *principal = dialog.findChild<QLabel *>(u"principalText"_s);
    QTRY_VERIFY_WITH_TIMEOUT(principal->text().contains(u"Erin Eriksen"_s), Timeout);
    QVERIFY(principal->isVisible());
    QVERIFY(principal->text().contains(sandbox::DemoIds::Erin));
    // The name stands beside the id in the remedy.
    const QString remedy = dialog.remedyText();
    QVERIFY2(remedy.contains(sandbox::DemoIds::Erin + u" (Erin Eriksen"_s), qPrintable(remedy));
    screenshot(dialog, u"explain-error.png"_s);
}

QTEST_MAIN(TestExplainError)
#include "tst_explainerror.moc"

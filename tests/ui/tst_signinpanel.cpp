// SPDX-License-Identifier: GPL-3.0-or-later
// The accounts dock against the sandbox: an account signed in through the
// dialog appears with its tenant checked; tenants switch off and stay off;
// removing asks first and deletes the keychain entries.
#include "AccountModel.h"
#include "SessionFixture.h"
#include "signin/AccountPanel.h"
#include "signin/SignInDialog.h"

#include <QDir>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using vl::ui::AccountPanel;
using vl::ui::SignInDialog;

namespace {

void screenshot(QWidget &w, const QString &name)
{
    if (!qEnvironmentVariableIsSet("VAULTLENS_SCREENSHOTS"))
        return;
    const QString dir = qEnvironmentVariable("VAULTLENS_SCREENSHOTS");
    QDir().mkpath(dir);
    QVERIFY(w.grab().save(dir + u'/' + name + u".png"_s));
}

} // namespace

class tst_SignInPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signInThroughThePanel();
    void removeAccount();
    void cancelRemove();
    void accountNeedingSignIn();
};

void tst_SignInPanel::signInThroughThePanel()
{
    SessionFixture f;
    QVERIFY(f.isRunning());
    AccountPanel panel(f.session(), nullptr, &f.settings());
    panel.setDefaultTenant(f.cloud().name, f.sandbox().tenantId());
    panel.resize(420, 300);
    panel.show();
    QSignalSpy selected(&panel, &AccountPanel::accountSelected);
    QSignalSpy switched(&panel, &AccountPanel::tenantsEnabledChanged);
    auto *tree = panel.findChild<QTreeView *>(u"accountTree"_s);
    QVERIFY(tree);
    QVERIFY(!panel.findChild<QToolButton *>(u"removeAccountButton"_s)->isEnabled());

    // Add account… opens the dialog; sign in through it with the browser.
    panel.findChild<QToolButton *>(u"addAccountButton"_s)->click();
    SignInDialog *dialog = panel.signInDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->findChild<QLineEdit *>(u"tenantEdit"_s)->text(), f.sandbox().tenantId());
    dialog->findChild<QPushButton *>(u"signInButton"_s)->click();
    QTRY_COMPARE_WITH_TIMEOUT(tree->model()->rowCount(), 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.signInDialog(), 5000); // closed and deleted

    // The account, current, with its home tenant checked under it.
    const QModelIndex account = tree->model()->index(0, 0);
    QCOMPARE(account.data(AccountModel::UserNameRole).toString(), u"alice@contoso.example"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!selected.isEmpty(), 5000);
    const QString accountId = panel.selectedAccountId();
    QCOMPARE(accountId, account.data(AccountModel::AccountIdRole).toString());
    QVERIFY(tree->isExpanded(account));
    const QModelIndex tenant = panel.model()->tenantIndex(accountId, f.sandbox().tenantId());
    QVERIFY(tenant.isValid());
    QCOMPARE(tenant.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
    QVERIFY(panel.isTenantEnabled(accountId, f.sandbox().tenantId()));
    QVERIFY(panel.findChild<QToolButton *>(u"removeAccountButton"_s)->isEnabled());
    screenshot(panel, u"account-panel"_s);

    // Space on the tenant switches it off; the setting keeps it.
    tree->setFocus();
    tree->setCurrentIndex(tenant);
    QTest::keyClick(tree, Qt::Key_Space);
    QCOMPARE(tenant.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
    QCOMPARE(switched.size(), 1);
    QVERIFY(!panel.isTenantEnabled(accountId, f.sandbox().tenantId()));
    QCOMPARE(
        f.settings().value(AccountModel::settingsKey(accountId, f.sandbox().tenantId())).toBool(),
        false);
    AccountPanel later(f.session(), nullptr, &f.settings());
    QVERIFY(!later.isTenantEnabled(accountId, f.sandbox().tenantId()));
}

void tst_SignInPanel::removeAccount()
{
    SessionFixture f;
    QVERIFY(f.isRunning());
    AccountPanel panel(f.session(), nullptr, &f.settings());
    panel.show();
    const auto alice = f.signIn();
    QVERIFY(alice.ok());
    const auto app = f.addAutomation();
    QVERIFY(app.ok());
    auto *tree = panel.findChild<QTreeView *>(u"accountTree"_s);
    QCOMPARE(tree->model()->rowCount(), 2);
    const QString prefix = f.cloud().name + u'/' + alice->id + u'/';
    auto entriesOf = [&](const QString &p) {
        int n = 0;
        for (auto it = f.secrets().entries.cbegin(); it != f.secrets().entries.cend(); ++it)
            n += it.key().startsWith(p) ? 1 : 0;
        return n;
    };
    QVERIFY(entriesOf(prefix) > 0);

    tree->setCurrentIndex(panel.model()->accountIndex(alice->id));
    panel.findChild<QToolButton *>(u"removeAccountButton"_s)->click();
    QMessageBox *confirm = panel.confirmation();
    QVERIFY(confirm);
    QVERIFY(confirm->isVisible());
    QVERIFY(confirm->informativeText().contains(u"keychain"_s));
    confirm->findChild<QPushButton *>(u"confirmRemoveButton"_s)->click();
    QTRY_COMPARE_WITH_TIMEOUT(tree->model()->rowCount(), 1, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(entriesOf(prefix), 0, 20000);
    QVERIFY(!f.session().accounts().account(alice->id));
    // The other account and its secret stay.
    QVERIFY(entriesOf(f.cloud().name + u'/' + app->id + u'/') > 0);
}

void tst_SignInPanel::cancelRemove()
{
    SessionFixture f;
    QVERIFY(f.isRunning());
    AccountPanel panel(f.session(), nullptr, &f.settings());
    panel.show();
    const auto app = f.addAutomation();
    QVERIFY(app.ok());
    auto *tree = panel.findChild<QTreeView *>(u"accountTree"_s);
    tree->setFocus();
    tree->setCurrentIndex(panel.model()->accountIndex(app->id));
    QTest::keyClick(tree, Qt::Key_Delete);
    QMessageBox *confirm = panel.confirmation();
    QVERIFY(confirm);
    confirm->findChild<QPushButton *>(u"cancelRemoveButton"_s)->click();
    QTest::qWait(100);
    QCOMPARE(tree->model()->rowCount(), 1);
    QVERIFY(f.session().accounts().account(app->id));
}

void tst_SignInPanel::accountNeedingSignIn()
{
    SessionFixture f;
    QVERIFY(f.isRunning());
    const auto alice = f.signIn();
    QVERIFY(alice.ok());
    // The keychain lost the refresh token: the next start marks the account.
    f.secrets().entries.clear();
    SessionOptions o;
    o.clouds = {f.cloud()};
    o.secrets = std::shared_ptr<SecretStore>(&f.secrets(), [](SecretStore *) {});
    o.settings = &f.settings();
    o.openBrowser = [](const QUrl &) {
    };
    Session session(std::move(o));
    AccountPanel panel(session, nullptr, &f.settings());
    panel.show();
    (void)ClientFixture::await(session.accounts().restore());
    const QModelIndex account = panel.model()->accountIndex(alice->id);
    QVERIFY(account.isValid());
    QTRY_VERIFY_WITH_TIMEOUT(account.data(AccountModel::NeedsSignInRole).toBool(), 5000);
    QVERIFY(panel.model()
                ->index(0, AccountModel::KindColumn)
                .data()
                .toString()
                .contains(u"needs sign-in"_s));
    panel.view()->setCurrentIndex(account);
    auto *again = panel.findChild<QToolButton *>(u"signInAgainButton"_s);
    QVERIFY(again->isEnabled());
    again->click();
    SignInDialog *dialog = panel.signInDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->method(), SignInDialog::Method::Browser);
    QCOMPARE(dialog->findChild<QLineEdit *>(u"loginHintEdit"_s)->text(),
             u"alice@contoso.example"_s);
    QCOMPARE(dialog->findChild<QLineEdit *>(u"tenantEdit"_s)->text(), alice->homeTenantId);
    dialog->close();
}

QTEST_MAIN(tst_SignInPanel)
#include "tst_signinpanel.moc"

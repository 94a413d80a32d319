// SPDX-License-Identifier: GPL-3.0-or-later
// The app's Session on the sandbox: sign in through the browser flow, then
// reach Resource Manager and a vault with the clients it makes.
#include "SessionFixture.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

class tst_Session : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signInListSubscriptionsAndSecrets()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> account = f.signIn();
        QVERIFY2(account.ok(), qPrintable(account.error().summary()));
        QCOMPARE(f.browserOpened(), 1);
        QCOMPARE(account->userName, u"alice@contoso.example"_s);
        QCOMPARE(f.session().accounts().accounts().size(), 1);

        auto arm = f.session().arm(account->id);
        QVERIFY(arm.has_value());
        const auto subscriptions = ClientFixture::await(arm->listSubscriptions());
        QVERIFY2(subscriptions.ok(), qPrintable(subscriptions.error().summary()));
        QVERIFY(!subscriptions->items.isEmpty());

        auto vault = f.session().vault(account->id, {}, f.vaultUri(u"kv-contoso-dev"_s));
        QVERIFY(vault.has_value());
        const auto secrets = ClientFixture::await(vault->listSecrets());
        QVERIFY2(secrets.ok(), qPrintable(secrets.error().summary()));
        // The same pipeline serves the account's later clients.
        QCOMPARE(f.session().pipeline(account->id), f.session().pipeline(account->id));
        QVERIFY(!f.session().journal().records().isEmpty());
    }

    void servicePrincipalAndUnknownAccount()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> app = f.addAutomation();
        QVERIFY2(app.ok(), qPrintable(app.error().summary()));
        QVERIFY(!app->isUser());
        auto vault = f.session().vault(app->id, {}, f.vaultUri(u"kv-contoso-prod"_s));
        QVERIFY(vault.has_value());
        const auto secrets = ClientFixture::await(vault->listSecrets());
        QVERIFY2(secrets.ok(), qPrintable(secrets.error().summary()));

        QVERIFY(!f.session().arm(u"nobody"_s).has_value());
        QVERIFY(!f.session().pipeline(u"nobody"_s));

        // Sign-out forgets the account's pipelines.
        const auto out = ClientFixture::await(f.session().accounts().signOut(app->id));
        QVERIFY(out.ok());
        QVERIFY(!f.session().vault(app->id, {}, f.vaultUri(u"kv-contoso-prod"_s)).has_value());
    }
};

QTEST_MAIN(tst_Session)
#include "tst_session.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
// Sending a journaled request again, as the account that sent it, against the sandbox:
// a firewall denial, the address allowed, and the retry passes.
#include "RequestReplay.h"
#include "SessionFixture.h"
#include "journal/FlowExplainer.h"
#include "state/Seed.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

class tst_RequestReplay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void retryAfterTheFirewallAllowsTheAddress()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        f.sandbox().sandbox().state().clientAddress = u"192.0.2.77"_s;
        auto prod = f.session().vault(alice->id, {}, f.vaultUri(u"kv-contoso-prod"_s));
        const auto denied = ClientFixture::await(prod->listSecrets());
        QVERIFY(!denied.ok());
        const RequestRecord failed = f.session().journal().records().last();
        QCOMPARE(failed.status, 403);
        QCOMPARE(FlowExplainer().explain(failed).failedStep()->stage, FlowStage::Firewall);

        const auto sender = RequestReplay::senderOf(
            f.session().accounts(), failed, f.session().journal().exchange(failed.clientRequestId));
        QVERIFY(sender);
        QCOMPARE(sender->accountId, alice->id);
        QVERIFY(RequestReplay::whyNotRetry(f.session(), failed).isEmpty());

        // Still refused from the same address: the retry is a real request.
        const auto again = ClientFixture::await(RequestReplay::retry(f.session(), failed));
        QVERIFY2(again.ok(), qPrintable(again.error().summary()));
        QCOMPARE(again->status, 403);
        QVERIFY(again->id > failed.id);
        QVERIFY(again->clientRequestId != failed.clientRequestId);
        QCOMPARE(again->url, failed.url);

        // The address is allowed now: the retry passes every stage.
        f.sandbox().sandbox().state().clientAddress = sandbox::DemoIds::DefaultClientAddress;
        const auto passed = ClientFixture::await(RequestReplay::retry(f.session(), failed));
        QVERIFY2(passed.ok(), qPrintable(passed.error().summary()));
        QCOMPARE(passed->status, 200);
        QVERIFY(!FlowExplainer().explain(*passed).failedStep());
    }

    void whatCannotBeSentAgain()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        // The token request: a POST to Entra ID.
        const QList<RequestRecord> records = f.session().journal().records();
        const auto token = std::find_if(records.cbegin(), records.cend(), [](const auto &r) {
            return r.service == Service::EntraId;
        });
        QVERIFY(token != records.cend());
        QVERIFY(!RequestReplay::whyNotRetry(f.session(), *token).isEmpty());
        QVERIFY(!ClientFixture::await(RequestReplay::retry(f.session(), *token)).ok());

        // A read whose account has signed out.
        auto dev = f.session().vault(alice->id, {}, f.vaultUri(u"kv-contoso-dev"_s));
        QVERIFY(ClientFixture::await(dev->listSecrets()).ok());
        const RequestRecord read = f.session().journal().records().last();
        QVERIFY(ClientFixture::await(f.session().accounts().signOut(alice->id)).ok());
        QVERIFY(RequestReplay::whyNotRetry(f.session(), read).contains(u"No signed-in account"_s));
    }
};

QTEST_MAIN(tst_RequestReplay)
#include "tst_requestreplay.moc"

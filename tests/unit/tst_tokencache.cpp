// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountsTestSupport.h"
#include "FakeClock.h"
#include "auth/CachingCredential.h"
#include "auth/TokenCache.h"

#include <QCoreApplication>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

namespace {

/// A credential that counts its calls and answers a token living @p lifetime seconds.
class CountingCredential final : public TokenCredential
{
public:
    explicit CountingCredential(const Clock &clock)
        : m_clock(clock)
    {}
    QString name() const override { return u"counting"_s; }
    QFuture<Result<AccessToken>> getToken(const TokenRequestContext &request) override
    {
        ++calls;
        requests.append(request);
        if (fail)
            return readyFuture(Result<AccessToken>(
                AzureError::make(AzureError::Kind::Unauthenticated, u"refused"_s)));
        AccessToken t;
        t.token = "token-" + QByteArray::number(calls);
        t.expiresOn = m_clock.now().addSecs(lifetime);
        t.source = TokenSource::RefreshToken;
        t.credential = name();
        // Answer from the event loop, as a real exchange would.
        SharedPromise<Result<AccessToken>> promise;
        QTimer::singleShot(0, QCoreApplication::instance(), [promise, t] { promise.finish(t); });
        return promise.future();
    }

    int calls = 0;
    qint64 lifetime = 3600;
    bool fail = false;
    QList<TokenRequestContext> requests;

private:
    const Clock &m_clock;
};

TokenRequestContext context(const QStringList &scopes, const QString &tenant = {})
{
    TokenRequestContext c;
    c.scopes = scopes;
    c.tenantId = tenant;
    return c;
}

const QStringList Arm{u"https://management.azure.com/.default"_s};
const QStringList Vault{u"https://vault.azure.net/.default"_s};

} // namespace

/// The in-memory token cache and the credential that answers from it.
class TestTokenCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freshness_data();
    void freshness();
    void keyIgnoresScopeOrderAndTenantCase();
    void keysAreSeparate();
    void removeAccountAndPrune();
    void cachingCredentialAnswersFromMemory();
    void cachingCredentialRefreshesBeforeExpiry();
    void forceRefreshAndClaimsSkipTheCache();
    void concurrentRequestsShareOneRefresh();
    void tenantIsForwardedAndKeyed();
    void errorsAreNotHeld();
    void askingAgainFromTheAnswerDoesNotBlock();
};

void TestTokenCache::freshness_data()
{
    QTest::addColumn<qint64>("secondsLeft");
    QTest::addColumn<bool>("fresh");
    QTest::newRow("an hour") << qint64(3600) << true;
    QTest::newRow("301 s") << qint64(301) << true;
    QTest::newRow("exactly 5 min") << qint64(300) << false;
    QTest::newRow("1 min") << qint64(60) << false;
    QTest::newRow("expired") << qint64(-10) << false;
}

void TestTokenCache::freshness()
{
    QFETCH(qint64, secondsLeft);
    QFETCH(bool, fresh);
    FakeClock clock;
    TokenCache cache(clock);
    AccessToken t{"abc", clock.now().addSecs(secondsLeft), TokenSource::RefreshToken, u"x"_s};
    cache.insert(u"acc"_s, u"tid"_s, Arm, t);
    QCOMPARE(cache.find(u"acc"_s, u"tid"_s, Arm).has_value(), fresh);
    QCOMPARE(cache.isFresh(t), fresh);
}

void TestTokenCache::keyIgnoresScopeOrderAndTenantCase()
{
    FakeClock clock;
    TokenCache cache(clock);
    AccessToken t{"abc", clock.now().addSecs(3600), TokenSource::RefreshToken, u"x"_s};
    cache.insert(u"acc"_s, u"TID-A"_s, {u"b"_s, u"a"_s}, t);
    const auto found = cache.find(u"acc"_s, u"tid-a"_s, {u"a"_s, u"b"_s, u"a"_s});
    QVERIFY(found);
    QCOMPARE(found->token, QByteArray("abc"));
    QCOMPARE(cache.size(), 1);
}

void TestTokenCache::keysAreSeparate()
{
    FakeClock clock;
    TokenCache cache(clock);
    const QDateTime exp = clock.now().addSecs(3600);
    cache.insert(u"acc"_s, u"t1"_s, Arm, {"arm-t1", exp, TokenSource::RefreshToken, {}});
    cache.insert(u"acc"_s, u"t2"_s, Arm, {"arm-t2", exp, TokenSource::RefreshToken, {}});
    cache.insert(u"acc"_s, u"t1"_s, Vault, {"kv-t1", exp, TokenSource::RefreshToken, {}});
    cache.insert(u"other"_s, u"t1"_s, Arm, {"other", exp, TokenSource::RefreshToken, {}});
    QCOMPARE(cache.find(u"acc"_s, u"t1"_s, Arm)->token, QByteArray("arm-t1"));
    QCOMPARE(cache.find(u"acc"_s, u"t2"_s, Arm)->token, QByteArray("arm-t2"));
    QCOMPARE(cache.find(u"acc"_s, u"t1"_s, Vault)->token, QByteArray("kv-t1"));
    QCOMPARE(cache.find(u"other"_s, u"t1"_s, Arm)->token, QByteArray("other"));
    QVERIFY(!cache.find(u"acc"_s, u"t2"_s, Vault));
}

void TestTokenCache::removeAccountAndPrune()
{
    FakeClock clock;
    TokenCache cache(clock);
    cache.insert(u"a"_s, u"t"_s, Arm, {"1", clock.now().addSecs(3600), TokenSource::None, {}});
    cache.insert(u"a"_s, u"t"_s, Vault, {"2", clock.now().addSecs(3600), TokenSource::None, {}});
    cache.insert(u"b"_s, u"t"_s, Arm, {"3", clock.now().addSecs(100), TokenSource::None, {}});
    cache.removeAccount(u"a"_s);
    QCOMPARE(cache.size(), 1);
    QCOMPARE(cache.prune(), 0);
    clock.advance(101);
    QCOMPARE(cache.prune(), 1);
    QCOMPARE(cache.size(), 0);
}

void TestTokenCache::cachingCredentialAnswersFromMemory()
{
    FakeClock clock;
    auto inner = std::make_shared<CountingCredential>(clock);
    CachingCredential credential(inner, std::make_shared<TokenCache>(clock), u"acc"_s, u"home"_s);
    QCOMPARE(credential.name(), u"counting"_s);

    const auto first = waitFor(credential.getToken(context(Arm)));
    QVERIFY(first.ok());
    QCOMPARE(first->source, TokenSource::RefreshToken);
    QCOMPARE(first->token, QByteArray("token-1"));

    clock.advance(30 * 60);
    const auto second = waitFor(credential.getToken(context(Arm)));
    QVERIFY(second.ok());
    QCOMPARE(second->source, TokenSource::MemoryCache);
    QCOMPARE(second->token, QByteArray("token-1"));
    QCOMPARE(second->credential, u"counting"_s);
    QCOMPARE(inner->calls, 1);
}

void TestTokenCache::cachingCredentialRefreshesBeforeExpiry()
{
    FakeClock clock;
    auto inner = std::make_shared<CountingCredential>(clock);
    CachingCredential credential(inner, std::make_shared<TokenCache>(clock), u"acc"_s);
    QVERIFY(waitFor(credential.getToken(context(Arm))).ok());
    // 54 minutes later six minutes remain: still held.
    clock.advance(54 * 60);
    QCOMPARE(waitFor(credential.getToken(context(Arm)))->source, TokenSource::MemoryCache);
    // 56 minutes: four remain, less than the margin: refreshed silently.
    clock.advance(2 * 60);
    const auto refreshed = waitFor(credential.getToken(context(Arm)));
    QCOMPARE(refreshed->source, TokenSource::RefreshToken);
    QCOMPARE(refreshed->token, QByteArray("token-2"));
    QCOMPARE(inner->calls, 2);
    // And the new one is held again.
    QCOMPARE(waitFor(credential.getToken(context(Arm)))->token, QByteArray("token-2"));
    QCOMPARE(inner->calls, 2);
}

void TestTokenCache::forceRefreshAndClaimsSkipTheCache()
{
    FakeClock clock;
    auto inner = std::make_shared<CountingCredential>(clock);
    CachingCredential credential(inner, std::make_shared<TokenCache>(clock), u"acc"_s);
    QVERIFY(waitFor(credential.getToken(context(Arm))).ok());
    TokenRequestContext forced = context(Arm);
    forced.forceRefresh = true;
    QCOMPARE(waitFor(credential.getToken(forced))->token, QByteArray("token-2"));
    TokenRequestContext challenged = context(Arm);
    challenged.claims = uR"({"access_token":{"nbf":{"essential":true}}})"_s;
    QCOMPARE(waitFor(credential.getToken(challenged))->token, QByteArray("token-3"));
    QCOMPARE(inner->requests.last().claims, challenged.claims);
    QCOMPARE(inner->calls, 3);
    // The newest token is the one held.
    QCOMPARE(waitFor(credential.getToken(context(Arm)))->token, QByteArray("token-3"));
}

void TestTokenCache::concurrentRequestsShareOneRefresh()
{
    FakeClock clock;
    auto inner = std::make_shared<CountingCredential>(clock);
    CachingCredential credential(inner, std::make_shared<TokenCache>(clock), u"acc"_s);
    const auto a = credential.getToken(context(Arm));
    const auto b = credential.getToken(context(Arm));
    const auto c = credential.getToken(context(Vault));
    // Each caller attaches its own continuation, as the pipeline does; every one runs.
    int answered = 0;
    auto count = [&answered](const Result<AccessToken> &r) {
        answered += r.ok() ? 1 : 0;
    };
    auto ta = QFuture(a).then(count);
    auto tb = QFuture(b).then(count);
    QCOMPARE(waitFor(a)->token, waitFor(b)->token);
    QVERIFY(waitFor(c).ok());
    QTRY_COMPARE(answered, 2);
    QCOMPARE(inner->calls, 2); // one per scope set
}

void TestTokenCache::tenantIsForwardedAndKeyed()
{
    FakeClock clock;
    auto inner = std::make_shared<CountingCredential>(clock);
    auto cache = std::make_shared<TokenCache>(clock);
    CachingCredential credential(inner, cache, u"acc"_s, u"home-tenant"_s);
    QVERIFY(waitFor(credential.getToken(context(Arm))).ok());
    QCOMPARE(inner->requests.last().tenantId, u"home-tenant"_s);
    QVERIFY(waitFor(credential.getToken(context(Arm, u"guest-tenant"_s))).ok());
    QCOMPARE(inner->requests.last().tenantId, u"guest-tenant"_s);
    QCOMPARE(inner->calls, 2);
    QVERIFY(cache->find(u"acc"_s, u"home-tenant"_s, Arm));
    QVERIFY(cache->find(u"acc"_s, u"guest-tenant"_s, Arm));
    QCOMPARE(waitFor(credential.getToken(context(Arm, u"guest-tenant"_s)))->source,
             TokenSource::MemoryCache);
}

void TestTokenCache::errorsAreNotHeld()
{
    FakeClock clock;
    auto inner = std::make_shared<CountingCredential>(clock);
    inner->fail = true;
    auto cache = std::make_shared<TokenCache>(clock);
    CachingCredential credential(inner, cache, u"acc"_s);
    const auto failed = waitFor(credential.getToken(context(Arm)));
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().kind, AzureError::Kind::Unauthenticated);
    QCOMPARE(cache->size(), 0);
    inner->fail = false;
    QVERIFY(waitFor(credential.getToken(context(Arm))).ok());
    QCOMPARE(inner->calls, 2);
}

void TestTokenCache::askingAgainFromTheAnswerDoesNotBlock()
{
    // A continuation of the answer runs as soon as it is given; asking the same
    // credential again from there must work (and find the token just held).
    FakeClock clock;
    auto inner = std::make_shared<CountingCredential>(clock);
    CachingCredential credential(inner, std::make_shared<TokenCache>(clock), u"acc"_s);
    QFuture<Result<AccessToken>> again;
    const QFuture<int> first =
        credential.getToken(context(Arm)).then([&](const Result<AccessToken> &) {
            again = credential.getToken(context(Arm));
            return 1;
        });
    QTRY_VERIFY(first.isFinished());
    QVERIFY(again.isFinished());
    QCOMPARE(again.result()->source, TokenSource::MemoryCache);
    QCOMPARE(inner->calls, 1);
}

QTEST_GUILESS_MAIN(TestTokenCache)
#include "tst_tokencache.moc"

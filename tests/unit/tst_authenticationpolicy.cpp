// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScriptedTransport.h"
#include "auth/TokenCredential.h"
#include "http/AuthenticationPolicy.h"
#include "util/Future.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using vl::test::ScriptedTransport;

namespace {

const QByteArray contosoChallenge =
    R"(Bearer authorization="https://login.microsoftonline.com/11111111-1111-1111-1111-111111111111", resource="https://vault.azure.net")"_ba;
const QByteArray fabrikamChallenge =
    R"(Bearer authorization="https://login.microsoftonline.com/22222222-2222-2222-2222-222222222222", resource="https://vault.azure.net")"_ba;

/// A credential that hands out a recognisable unsigned JWT per request and records what was asked.
class RecordingCredential final : public TokenCredential
{
public:
    QString name() const override { return u"recording"_s; }
    QFuture<Result<AccessToken>> getToken(const TokenRequestContext &request) override
    {
        asked.append(request);
        if (fail)
            return readyFuture(
                Result<AccessToken>(AzureError::make(AzureError::Kind::Unauthenticated, u"no"_s)));
        const QByteArray payload = QJsonDocument(QJsonObject{{u"tid"_s, request.tenantId},
                                                             {u"aud"_s, request.scopes.value(0)},
                                                             {u"n"_s, int(asked.size())}})
                                       .toJson(QJsonDocument::Compact);
        AccessToken token;
        token.token =
            "eyJhbGciOiJub25lIn0."
            + payload.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
            + ".";
        token.expiresOn = QDateTime::currentDateTimeUtc().addSecs(3600);
        token.source = TokenSource::ClientCredential;
        token.credential = name();
        return readyFuture(Result<AccessToken>(token));
    }
    QList<TokenRequestContext> asked;
    bool fail = false;
};

HttpRequest vaultRequest(const QByteArray &method = "GET"_ba, const QByteArray &body = {})
{
    HttpRequest request;
    request.method = method;
    request.url = QUrl(u"https://kv-one.vault.azure.net/secrets/s?api-version=2025-07-01"_s);
    request.body = body;
    request.context.service = Service::KeyVault;
    request.context.scopes = QStringList{u"https://vault.azure.net/.default"_s};
    return request;
}

} // namespace

class tst_AuthenticationPolicy : public QObject
{
    Q_OBJECT

private:
    HttpResponse run(AuthenticationPolicy &policy, ScriptedTransport &transport,
                     HttpRequest request)
    {
        const auto future = policy.send(std::move(request),
                                        [&transport](HttpRequest r) { return transport.send(r); });
        if (!QTest::qWaitFor([&] { return future.isFinished(); }, 5000))
            qFatal("the authentication policy did not finish");
        return future.result();
    }

private Q_SLOTS:
    void challengeIsAnsweredThenCached()
    {
        auto credential = std::make_shared<RecordingCredential>();
        auto cache = std::make_shared<ChallengeCache>();
        AuthenticationPolicy policy(credential, cache);
        ScriptedTransport transport;
        transport.answer(401, {{"WWW-Authenticate"_ba, contosoChallenge}});
        transport.answer(200, {}, "{}"_ba);

        const HttpResponse first =
            run(policy, transport, vaultRequest("PUT"_ba, R"({"value":"v"})"_ba));
        QCOMPARE(first.status, 200);
        QCOMPARE(transport.requests().size(), 2);
        // The probe carries neither a token nor the body.
        QVERIFY(transport.requests().at(0).header("Authorization").isEmpty());
        QVERIFY(transport.requests().at(0).body.isEmpty());
        // The answer carries both, for the challenge's tenant and resource.
        QVERIFY(transport.requests().at(1).header("Authorization").startsWith("Bearer eyJ"));
        QCOMPARE(transport.requests().at(1).body, R"({"value":"v"})"_ba);
        QCOMPARE(credential->asked.size(), 1);
        QCOMPARE(credential->asked.at(0).tenantId, u"11111111-1111-1111-1111-111111111111"_s);
        QCOMPARE(credential->asked.at(0).scopes,
                 QStringList{u"https://vault.azure.net/.default"_s});
        const RequestContext &sent = transport.requests().at(1).context;
        QVERIFY(sent.challenge.has_value());
        QCOMPARE(sent.challenge->origin, ChallengeInfo::Origin::Answered);
        QCOMPARE(sent.challenge->tenantId, u"11111111-1111-1111-1111-111111111111"_s);
        QVERIFY(sent.token.has_value());
        QCOMPARE(sent.token->source, TokenSource::ClientCredential);
        QCOMPARE(sent.token->claims.value("tid"_L1).toString(),
                 u"11111111-1111-1111-1111-111111111111"_s);
        QCOMPARE(cache->size(), 1);

        // The second request to the same vault goes with a token at once.
        transport.answer(200, {}, "{}"_ba);
        QCOMPARE(run(policy, transport, vaultRequest()).status, 200);
        QCOMPARE(transport.requests().size(), 3);
        QVERIFY(!transport.requests().at(2).header("Authorization").isEmpty());
        QCOMPARE(transport.requests().at(2).context.challenge->origin,
                 ChallengeInfo::Origin::Cached);
    }

    void cacheIsPerVault()
    {
        auto credential = std::make_shared<RecordingCredential>();
        AuthenticationPolicy policy(credential, std::make_shared<ChallengeCache>());
        ScriptedTransport transport;
        transport.answer(401, {{"WWW-Authenticate"_ba, contosoChallenge}});
        transport.answer(200);
        QCOMPARE(run(policy, transport, vaultRequest()).status, 200);
        HttpRequest other = vaultRequest();
        other.url = QUrl(u"https://kv-two.vault.azure.net/secrets/s?api-version=2025-07-01"_s);
        transport.answer(401, {{"WWW-Authenticate"_ba, contosoChallenge}});
        transport.answer(200);
        QCOMPARE(run(policy, transport, other).status, 200);
        QCOMPARE(transport.requests().size(), 4);
        QVERIFY(transport.requests().at(2).header("Authorization").isEmpty());
    }

    void resourceMustCoverTheVault_data()
    {
        QTest::addColumn<QString>("resource");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("public") << u"https://vault.azure.net"_s << true;
        QTest::newRow("other cloud") << u"https://vault.azure.cn"_s << false;
        QTest::newRow("attacker") << u"https://vault.azure.net.example.com"_s << false;
        QTest::newRow("partial label") << u"https://ault.azure.net"_s << false;
        QTest::newRow("no host") << u"vault"_s << false;
    }

    void resourceMustCoverTheVault()
    {
        QFETCH(QString, resource);
        QFETCH(bool, accepted);
        auto credential = std::make_shared<RecordingCredential>();
        AuthenticationPolicy policy(credential, std::make_shared<ChallengeCache>());
        ScriptedTransport transport;
        transport.answer(
            401, {{"WWW-Authenticate"_ba,
                   "Bearer authorization=\"https://login.microsoftonline.com/t\", resource=\""
                       + resource.toLatin1() + '"'}});
        transport.answer(200);
        const HttpResponse response = run(policy, transport, vaultRequest());
        QCOMPARE(response.isSuccess(), accepted);
        QCOMPARE(transport.requests().size(), accepted ? 2 : 1);
        QCOMPARE(credential->asked.size(), accepted ? 1 : 0);
        if (!accepted) {
            QCOMPARE(response.failure.kind, AzureError::Kind::Unauthenticated);
            QVERIFY(!response.failure.message.isEmpty());
        }
    }

    void customVerifier()
    {
        auto credential = std::make_shared<RecordingCredential>();
        AuthenticationPolicy policy(
            credential, std::make_shared<ChallengeCache>(),
            [](const KeyVaultChallenge &challenge, const QUrl &) -> Result<Done> {
                if (challenge.requestedResource() == "https://vault.azure.net"_L1)
                    return Done{};
                return AzureError::make(AzureError::Kind::Unauthenticated, u"no"_s);
            });
        ScriptedTransport transport;
        transport.answer(401, {{"WWW-Authenticate"_ba, contosoChallenge}});
        transport.answer(200);
        HttpRequest request = vaultRequest();
        request.url = QUrl(u"https://127.0.0.1:4443/secrets/s"_s);
        QCOMPARE(run(policy, transport, request).status, 200);
    }

    void wrongTenantIsAnsweredOnce()
    {
        // AKV10032: the cached challenge led to the wrong tenant; the vault names the right one.
        auto credential = std::make_shared<RecordingCredential>();
        auto cache = std::make_shared<ChallengeCache>();
        AuthenticationPolicy policy(credential, cache);
        ScriptedTransport transport;
        transport.answer(401, {{"WWW-Authenticate"_ba, contosoChallenge}});
        transport.answer(
            401, {{"WWW-Authenticate"_ba, fabrikamChallenge}},
            R"({"error":{"code":"Unauthorized","message":"AKV10032: Invalid issuer."}})"_ba);
        transport.answer(200);
        QCOMPARE(run(policy, transport, vaultRequest()).status, 200);
        QCOMPARE(credential->asked.size(), 2);
        QCOMPARE(credential->asked.at(1).tenantId, u"22222222-2222-2222-2222-222222222222"_s);
        QVERIFY(credential->asked.at(1).forceRefresh);
        QCOMPARE(cache->find(vaultRequest().url)->tenantId,
                 u"22222222-2222-2222-2222-222222222222"_s);
    }

    void aSecondRefusalIsHandedOn()
    {
        auto credential = std::make_shared<RecordingCredential>();
        AuthenticationPolicy policy(credential, std::make_shared<ChallengeCache>());
        ScriptedTransport transport;
        transport.answer(401, {{"WWW-Authenticate"_ba, contosoChallenge}});
        transport.answer(401, {{"WWW-Authenticate"_ba, contosoChallenge}});
        transport.answer(401, {{"WWW-Authenticate"_ba, contosoChallenge}});
        transport.answer(200);
        QCOMPARE(run(policy, transport, vaultRequest()).status, 401);
        QCOMPARE(transport.requests().size(), 3);
        QCOMPARE(transport.pending(), 1);
    }

    void unauthorizedWithoutChallenge()
    {
        auto credential = std::make_shared<RecordingCredential>();
        AuthenticationPolicy policy(credential, std::make_shared<ChallengeCache>());
        ScriptedTransport transport;
        transport.answer(401);
        const HttpResponse response = run(policy, transport, vaultRequest());
        QVERIFY(!response.failure.isError());
        QCOMPARE(response.status, 401);
        QCOMPARE(AzureError::fromResponse(response).kind, AzureError::Kind::Unauthenticated);
        QVERIFY(credential->asked.isEmpty());
    }

    void firewallAnswersBeforeAnyToken()
    {
        auto credential = std::make_shared<RecordingCredential>();
        AuthenticationPolicy policy(credential, std::make_shared<ChallengeCache>());
        ScriptedTransport transport;
        transport.answer(403, {}, R"({"error":{"code":"Forbidden"}})"_ba);
        QCOMPARE(run(policy, transport, vaultRequest()).status, 403);
        QVERIFY(credential->asked.isEmpty());
    }

    void resourceManagerGetsItsScopeAtOnce()
    {
        auto credential = std::make_shared<RecordingCredential>();
        AuthenticationPolicy policy(credential, std::make_shared<ChallengeCache>());
        ScriptedTransport transport;
        transport.answer(200);
        HttpRequest request;
        request.url = QUrl(u"https://management.azure.com/subscriptions?api-version=2022-12-01"_s);
        request.context.service = Service::ResourceManager;
        request.context.scopes = QStringList{u"https://management.azure.com/.default"_s};
        request.context.tenantId = u"guest-tenant"_s;
        QCOMPARE(run(policy, transport, request).status, 200);
        QCOMPARE(transport.requests().size(), 1);
        QCOMPARE(credential->asked.at(0).scopes, request.context.scopes);
        QCOMPARE(credential->asked.at(0).tenantId, u"guest-tenant"_s);
        QVERIFY(!transport.requests().at(0).context.challenge.has_value());
    }

    void noTokenNoRequest()
    {
        auto credential = std::make_shared<RecordingCredential>();
        credential->fail = true;
        AuthenticationPolicy policy(credential, std::make_shared<ChallengeCache>());
        ScriptedTransport transport;
        HttpRequest request;
        request.url = QUrl(u"https://management.azure.com/subscriptions"_s);
        request.context.service = Service::ResourceManager;
        request.context.scopes = QStringList{u"https://management.azure.com/.default"_s};
        const HttpResponse response = run(policy, transport, request);
        QCOMPARE(response.failure.kind, AzureError::Kind::Unauthenticated);
        QVERIFY(transport.requests().isEmpty());
    }

    void unauthenticatedRequestsPassThrough()
    {
        auto credential = std::make_shared<RecordingCredential>();
        AuthenticationPolicy policy(credential, std::make_shared<ChallengeCache>());
        ScriptedTransport transport;
        transport.answer(200);
        HttpRequest request;
        request.method = "POST"_ba;
        request.url = QUrl(u"https://login.microsoftonline.com/t/oauth2/v2.0/token"_s);
        request.context.service = Service::EntraId;
        QCOMPARE(run(policy, transport, request).status, 200);
        QVERIFY(credential->asked.isEmpty());
        QVERIFY(transport.requests().at(0).header("Authorization").isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_AuthenticationPolicy)
#include "tst_authenticationpolicy.moc"

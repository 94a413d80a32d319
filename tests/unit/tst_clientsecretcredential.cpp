// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeClock.h"
#include "ScriptedTransport.h"
#include "auth/ClientSecretCredential.h"

#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

namespace {

QUrlQuery formOf(const HttpRequest &r)
{
    return QUrlQuery(QString::fromLatin1(r.body));
}

QString field(const HttpRequest &r, const QString &name)
{
    return formOf(r).queryItemValue(name, QUrl::FullyDecoded);
}

const QByteArray TokenAnswer =
    R"({"token_type":"Bearer","scope":"https://vault.azure.net/.default","expires_in":3599,"ext_expires_in":3599,"access_token":"eyJ0.eyJ0.c2ln"})"_ba;

TokenRequestContext vaultRequest()
{
    TokenRequestContext ctx;
    ctx.scopes = {u"https://vault.azure.net/.default"_s};
    return ctx;
}

} // namespace

/// The client secret credential's requests and how it reads Entra ID's answers.
class TestClientSecretCredential : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void sendsTheClientCredentialsGrant_data();
    void sendsTheClientCredentialsGrant();
    void readsTheAnswer();
    void entraErrors_data();
    void entraErrors();
    void droppedConnection();
    void refusedWithoutSending_data();
    void refusedWithoutSending();

private:
    Result<AccessToken> get(ClientSecretCredential &credential, const TokenRequestContext &ctx);

    std::shared_ptr<ScriptedTransport> m_transport;
    FakeClock m_clock;
    CredentialOptions m_options;
};

void TestClientSecretCredential::init()
{
    m_transport = std::make_shared<ScriptedTransport>();
    m_options = {};
    m_options.pipeline =
        std::make_shared<HttpPipeline>(std::vector<std::shared_ptr<HttpPolicy>>{}, m_transport);
    m_options.clock = &m_clock;
}

Result<AccessToken> TestClientSecretCredential::get(ClientSecretCredential &credential,
                                                    const TokenRequestContext &ctx)
{
    const QFuture<Result<AccessToken>> f = credential.getToken(ctx);
    if (!QTest::qWaitFor([&] { return f.isFinished(); }, 5000))
        return AzureError::make(AzureError::Kind::Cancelled, u"timed out"_s);
    return f.result();
}

void TestClientSecretCredential::sendsTheClientCredentialsGrant_data()
{
    QTest::addColumn<QString>("authority");
    QTest::addColumn<QString>("requestedTenant");
    QTest::addColumn<QStringList>("allowed");
    QTest::addColumn<QString>("claims");
    QTest::addColumn<QString>("url");
    QTest::newRow("own tenant") << u"https://login.microsoftonline.com"_s << QString()
                                << QStringList() << QString()
                                << u"https://login.microsoftonline.com/tid/oauth2/v2.0/token"_s;
    QTest::newRow("sandbox authority")
        << u"https://127.0.0.1:8443/"_s << u"TID"_s << QStringList() << QString()
        << u"https://127.0.0.1:8443/tid/oauth2/v2.0/token"_s;
    QTest::newRow("challenge names an allowed tenant")
        << u"https://login.microsoftonline.us"_s << u"other"_s << QStringList{u"other"_s}
        << QString() << u"https://login.microsoftonline.us/other/oauth2/v2.0/token"_s;
    QTest::newRow("claims challenge passed on")
        << u"https://login.microsoftonline.com"_s << QString() << QStringList()
        << uR"({"access_token":{"xms_cc":{"values":["cp1"]}}})"_s
        << u"https://login.microsoftonline.com/tid/oauth2/v2.0/token"_s;
}

void TestClientSecretCredential::sendsTheClientCredentialsGrant()
{
    QFETCH(QString, authority);
    QFETCH(QString, requestedTenant);
    QFETCH(QStringList, allowed);
    QFETCH(QString, claims);
    QFETCH(QString, url);
    m_options.authorityHost = QUrl(authority);
    m_options.additionallyAllowedTenants = allowed;
    ClientSecretCredential credential(u"tid"_s, u"app-id"_s, u"s3cr&t=+"_s, m_options);
    m_transport->answer(200, {{"Content-Type", "application/json"}}, TokenAnswer);
    TokenRequestContext ctx;
    ctx.scopes = {u"https://vault.azure.net/.default"_s};
    ctx.tenantId = requestedTenant;
    ctx.claims = claims;
    QVERIFY(get(credential, ctx).ok());

    QCOMPARE(m_transport->requests().size(), 1);
    const HttpRequest &r = m_transport->requests().first();
    QCOMPARE(r.method, "POST"_ba);
    QCOMPARE(r.url.toString(), url);
    QCOMPARE(r.header("Content-Type"), "application/x-www-form-urlencoded;charset=utf-8"_ba);
    QCOMPARE(field(r, u"grant_type"_s), u"client_credentials"_s);
    QCOMPARE(field(r, u"client_id"_s), u"app-id"_s);
    QCOMPARE(field(r, u"client_secret"_s), u"s3cr&t=+"_s);
    QCOMPARE(field(r, u"scope"_s), u"https://vault.azure.net/.default"_s);
    QCOMPARE(formOf(r).hasQueryItem(u"claims"_s), !claims.isEmpty());
    QCOMPARE(field(r, u"claims"_s), claims);
    QCOMPARE(r.context.service, Service::EntraId);
    QCOMPARE(r.context.operation, u"get token"_s);
    QVERIFY(r.context.bodyIsSecret);
    QVERIFY(r.header("Authorization").isEmpty());
}

void TestClientSecretCredential::readsTheAnswer()
{
    ClientSecretCredential credential(u"tid"_s, u"app-id"_s, u"secret"_s, m_options);
    QCOMPARE(credential.name(), u"client secret"_s);
    m_transport->answer(200, {{"Content-Type", "application/json"}}, TokenAnswer);
    const Result<AccessToken> t = get(credential, vaultRequest());
    QVERIFY2(t.ok(), qPrintable(t.error().message));
    QCOMPARE(t->token, "eyJ0.eyJ0.c2ln"_ba);
    QCOMPARE(t->source, TokenSource::ClientCredential);
    QCOMPARE(t->credential, u"client secret"_s);
    QCOMPARE(t->expiresOn, m_clock.now().addSecs(3599));
}

void TestClientSecretCredential::entraErrors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("innerCode");
    QTest::newRow("wrong secret")
        << 401
        << R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value.\r\nTrace ID: 1\r\nCorrelation ID: 2\r\nTimestamp: 2026-01-15 09:00:00Z","error_codes":[7000215],"trace_id":"1","correlation_id":"2"})"_ba
        << u"invalid_client"_s << u"AADSTS7000215"_s;
    QTest::newRow("tenant not found")
        << 400
        << R"({"error":"invalid_request","error_description":"AADSTS90002: Tenant 'x' not found.","error_codes":[90002]})"_ba
        << u"invalid_request"_s << u"AADSTS90002"_s;
    QTest::newRow("app not in the tenant")
        << 400
        << R"({"error":"unauthorized_client","error_description":"AADSTS700016: Application with identifier 'app-id' was not found in the directory.","error_codes":[700016]})"_ba
        << u"unauthorized_client"_s << u"AADSTS700016"_s;
    QTest::newRow("scope without .default")
        << 400
        << R"({"error":"invalid_scope","error_description":"AADSTS1002012: The provided value for scope x is not valid.","error_codes":[1002012]})"_ba
        << u"invalid_scope"_s << u"AADSTS1002012"_s;
}

void TestClientSecretCredential::entraErrors()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, innerCode);
    ClientSecretCredential credential(u"tid"_s, u"app-id"_s, u"secret"_s, m_options);
    m_transport->answer(status, {{"Content-Type", "application/json"}}, body);
    const Result<AccessToken> t = get(credential, vaultRequest());
    QVERIFY(!t.ok());
    QCOMPARE(t.error().kind, AzureError::Kind::Unauthenticated);
    QCOMPARE(t.error().status, status);
    QCOMPARE(t.error().code, code);
    QCOMPARE(t.error().innerCode, innerCode);
    QVERIFY(t.error().message.startsWith(innerCode + u':'));
    QVERIFY(!t.error().message.contains("Trace ID"_L1));
    // The secret is never part of an error.
    QVERIFY(!t.error().summary().contains("secret\""_L1));
}

void TestClientSecretCredential::droppedConnection()
{
    ClientSecretCredential credential(u"tid"_s, u"app-id"_s, u"secret"_s, m_options);
    m_transport->drop(QNetworkReply::ConnectionRefusedError);
    const Result<AccessToken> t = get(credential, vaultRequest());
    QVERIFY(!t.ok());
    QCOMPARE(t.error().kind, AzureError::Kind::Network);
}

void TestClientSecretCredential::refusedWithoutSending_data()
{
    QTest::addColumn<QString>("authority");
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("requestedTenant");
    QTest::addColumn<QStringList>("scopes");
    QTest::addColumn<QString>("messagePart");
    const QStringList vault{u"https://vault.azure.net/.default"_s};
    const QString azure = u"https://login.microsoftonline.com"_s;
    QTest::newRow("another tenant, not allowed")
        << azure << u"tid"_s << u"s"_s << u"other"_s << vault << u"other"_s;
    QTest::newRow("no secret") << azure << u"tid"_s << QString() << QString() << vault
                               << u"secret"_s;
    QTest::newRow("no scope") << azure << u"tid"_s << u"s"_s << QString() << QStringList()
                              << u"scope"_s;
    QTest::newRow("plain http authority") << u"http://login.microsoftonline.com"_s << u"tid"_s
                                          << u"s"_s << QString() << vault << u"https"_s;
    QTest::newRow("tenant with a slash")
        << azure << u"tid/../x"_s << u"s"_s << QString() << vault << u"tenant id"_s;
}

void TestClientSecretCredential::refusedWithoutSending()
{
    QFETCH(QString, authority);
    QFETCH(QString, tenant);
    QFETCH(QString, secret);
    QFETCH(QString, requestedTenant);
    QFETCH(QStringList, scopes);
    QFETCH(QString, messagePart);
    m_options.authorityHost = QUrl(authority);
    ClientSecretCredential credential(tenant, u"app-id"_s, secret, m_options);
    TokenRequestContext ctx;
    ctx.scopes = scopes;
    ctx.tenantId = requestedTenant;
    const QFuture<Result<AccessToken>> f = credential.getToken(ctx);
    QVERIFY(f.isFinished()); // refused at once
    QVERIFY(!f.result().ok());
    QCOMPARE(f.result().error().kind, AzureError::Kind::Unauthenticated);
    QVERIFY2(f.result().error().message.contains(messagePart),
             qPrintable(f.result().error().message));
    QVERIFY(m_transport->requests().isEmpty());
}

QTEST_GUILESS_MAIN(TestClientSecretCredential)
#include "tst_clientsecretcredential.moc"

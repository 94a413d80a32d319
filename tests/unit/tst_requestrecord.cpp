// SPDX-License-Identifier: GPL-3.0-or-later
#include "journal/Redaction.h"
#include "journal/RequestRecord.h"
#include "journal/RequestRecordSerializer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;

namespace {

// Stand-ins for credentials: what matters is that none of their bytes reach a record.
const QByteArray BearerToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9."
                               "eyJhdWQiOiJodHRwczovL3ZhdWx0LmF6dXJlLm5ldCJ9.c2lnbmF0dXJlLWJ5dGVz";
const QByteArray ClientSecret = "Qx8~kV.d3mo_S3cret-Value+42/x";
const QString SecretValue = u"p@ss w0rd/\"quoted\"\\n and more"_s;
const QByteArray IdentityHeader = "4d1c9a6e2b5d8c0e1f34aa";
const QByteArray Signature = "sv2026sigAbCdEf%2Bxyz";

HttpResponse answer(int status, const QByteArray &body, HttpHeaders headers = {})
{
    HttpResponse r;
    r.status = status;
    r.body = body;
    r.headers = std::move(headers);
    r.started = QDateTime::currentDateTimeUtc();
    r.durationMs = 42;
    return r;
}

/// Every field of a record as text, independently of the serializer.
QByteArray everything(const RequestRecord &r)
{
    QByteArray all = QJsonDocument(journaljson::toJson(r)).toJson();
    all += r.url.toEncoded() + '\n' + QUrl::fromPercentEncoding(r.url.toEncoded()).toUtf8() + '\n';
    all += r.method + '\n' + r.responseBody + '\n' + r.networkError.toUtf8() + '\n';
    for (const HttpHeaders *headers : {&r.requestHeaders, &r.responseHeaders})
        for (const auto &[name, value] : *headers)
            all += name + ": " + value + '\n';
    const AzureError &e = r.error;
    for (const QString &s : {e.code, e.innerCode, e.message, e.requestId, e.clientRequestId,
                             e.clientAddress, e.callerObjectId, e.callerAppId, e.callerTenantId,
                             e.callerName, e.expectedTenantId, e.vaultName, e.missingPermission,
                             e.action, e.scope, e.decisionReason, r.operation, r.clientRequestId})
        all += s.toUtf8() + '\n';
    all += e.wwwAuthenticate + '\n';
    if (r.token)
        all += QJsonDocument(r.token->claims).toJson() + r.token->credential.toUtf8();
    if (r.challenge)
        all += r.challenge->wwwAuthenticate + r.challenge->authority.toUtf8();
    return all;
}

/// The forms a secret could be written in.
QByteArrayList forms(const QByteArray &secret)
{
    return {secret, QUrl::toPercentEncoding(QString::fromUtf8(secret)),
            QJsonDocument(QJsonArray{QString::fromUtf8(secret)})
                .toJson(QJsonDocument::Compact)
                .mid(2)
                .chopped(2)};
}

} // namespace

/// RequestRecord::capture: allow-list redaction, kept error bodies, copied context.
class TestRequestRecord : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headers_data();
    void headers();
    void urls_data();
    void urls();
    void bodies_data();
    void bodies();
    void contextIsCopied();
    void responseContextCompletesTheRequests();
    void networkErrorQuotesTheRedactedUrl();
    void noSecretReachesTheRecord_data();
    void noSecretReachesTheRecord();
    void serializerWritesEveryField();
};

void TestRequestRecord::headers_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray R = "REDACTED";
    QTest::newRow("Authorization") << QByteArray("Authorization") << "Bearer " + BearerToken << R;
    QTest::newRow("authorization, lower case") << QByteArray("authorization") << BearerToken << R;
    QTest::newRow("Cookie") << QByteArray("Cookie") << QByteArray("fpc=abc") << R;
    QTest::newRow("Set-Cookie") << QByteArray("Set-Cookie") << QByteArray("esctx=abc") << R;
    QTest::newRow("identity header") << QByteArray("X-IDENTITY-HEADER") << IdentityHeader << R;
    QTest::newRow("unknown") << QByteArray("X-Custom") << QByteArray("anything") << R;
    for (const char *name :
         {"Content-Type", "content-length", "Date", "Retry-After", "x-ms-request-id",
          "x-ms-client-request-id", "x-ms-keyvault-service-version", "x-ms-keyvault-network-info",
          "x-ms-keyvault-region", "x-ms-correlation-request-id",
          "x-ms-ratelimit-remaining-subscription-reads", "WWW-Authenticate", "ETag",
          "x-ms-routing-request-id", "User-Agent", "x-ms-keyvault-rbac-assignment-id"})
        QTest::newRow(name) << QByteArray(name) << QByteArray("some value")
                            << QByteArray("some value");
    QTest::newRow("Location, query redacted")
        << QByteArray("Location")
        << QByteArray("https://management.azure.com/subscriptions/s/operationresults/"
                      "x?api-version=2019-08-01&t=638700&c=MIIHhzCC&s=Zm9vYmFy&h=aGFzaA")
        << QByteArray("https://management.azure.com/subscriptions/s/operationresults/"
                      "x?api-version=2019-08-01&t=REDACTED&c=REDACTED&s=REDACTED&h=REDACTED");
    QTest::newRow("Location, redirect with a code")
        << QByteArray("Location") << QByteArray("http://127.0.0.1:5000/?code=0.AbC&state=xyz")
        << QByteArray("http://127.0.0.1:5000/?code=REDACTED&state=REDACTED");
}

void TestRequestRecord::headers()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, expected);
    HttpRequest request;
    request.url = QUrl(u"https://kv.vault.azure.net/secrets"_s);
    request.headers = {{name, value}};
    const RequestRecord r = RequestRecord::capture(request, answer(200, {}, {{name, value}}));
    QCOMPARE(r.requestHeaders.size(), 1);
    QCOMPARE(r.requestHeaders.first().first, name); // the name is always kept
    QCOMPARE(r.requestHeaders.first().second, expected);
    QCOMPARE(r.responseHeaders.first().second, expected);
}

void TestRequestRecord::urls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");
    QTest::newRow("api-version and paging kept")
        << u"https://kv.vault.azure.net:443/secrets?api-version=7.6&$skiptoken=eyJOZXh0&maxresults=25"_s
        << u"https://kv.vault.azure.net:443/secrets?api-version=7.6&$skiptoken=eyJOZXh0&maxresults=25"_s;
    QTest::newRow("encoded parameter names")
        << u"https://kv.vault.azure.net/secrets/n?api%2Dversion=2025-07-01&%24skiptoken=a%2Bb&%73ig=x"_s
        << u"https://kv.vault.azure.net/secrets/n?api-version=2025-07-01&%24skiptoken=a%2Bb&sig=REDACTED"_s;
    QTest::newRow("unknown parameters redacted")
        << u"https://store.example/blob?sv=2021&sig=abc%2Bdef&api-version=1"_s
        << u"https://store.example/blob?sv=REDACTED&sig=REDACTED&api-version=1"_s;
    QTest::newRow("managed identity")
        << u"http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net&client_id=abc"_s
        << u"http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net&client_id=abc"_s;
    QTest::newRow("Graph filter")
        << u"https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName,'ann')&$top=10"_s
        << u"https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName,'ann')&$top=10"_s;
    QTest::newRow("user info and fragment dropped")
        << u"https://user:password@kv.vault.azure.net/secrets#frag"_s
        << u"https://kv.vault.azure.net/secrets"_s;
    QTest::newRow("no query") << u"https://management.azure.com/subscriptions"_s
                              << u"https://management.azure.com/subscriptions"_s;
}

void TestRequestRecord::urls()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    HttpRequest request;
    request.url = QUrl(url);
    const RequestRecord r = RequestRecord::capture(request, answer(200, {}));
    // Compared as QUrl writes them: it normalises unreserved percent-encodings.
    QCOMPARE(r.url.toString(QUrl::FullyEncoded), QUrl(expected).toString(QUrl::FullyEncoded));
}

void TestRequestRecord::bodies_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("kept");
    const QByteArray error =
        R"({"error":{"code":"Forbidden","message":"Client address is not authorized.","innererror":{"code":"ForbiddenByFirewall"}}})";
    QTest::newRow("Key Vault error") << 403 << error << true;
    QTest::newRow("OAuth error")
        << 400 << QByteArray(R"({"error":"invalid_grant","error_description":"AADSTS50076: MFA"})")
        << true;
    QTest::newRow("success") << 200 << QByteArray(R"({"value":"s3cr3t","id":"x"})") << false;
    QTest::newRow("error status, not an error document")
        << 500 << QByteArray(R"({"value":"something"})") << false;
    QTest::newRow("error status, HTML") << 502 << QByteArray("<html>Bad gateway</html>") << false;
    QTest::newRow("error status, JSON array") << 400 << QByteArray("[1,2]") << false;
    QTest::newRow("too large") << 400
                               << QByteArray(R"({"error":{"code":"x","message":")")
                                      + QByteArray(70000, 'a') + QByteArray(R"("}})")
                               << false;
}

void TestRequestRecord::bodies()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, kept);
    HttpRequest request;
    request.url = QUrl(u"https://kv.vault.azure.net/secrets/x"_s);
    const RequestRecord r = RequestRecord::capture(request, answer(status, body));
    QCOMPARE(r.responseBody.isEmpty(), !kept);
    if (kept)
        QCOMPARE(r.responseBody, body);
    QCOMPARE(r.error.isError(), status >= 400);
}

void TestRequestRecord::contextIsCopied()
{
    HttpRequest request;
    request.method = "GET";
    request.url = QUrl(u"https://kv.vault.azure.net/secrets?api-version=7.6"_s);
    request.context.service = Service::KeyVault;
    request.context.operation = u"list secrets"_s;
    request.context.clientRequestId = u"crid-1"_s;
    request.context.attempt = 2;
    TokenInfo token;
    token.source = TokenSource::RefreshToken;
    token.credential = u"browser sign-in"_s;
    token.scopes = {u"https://vault.azure.net/.default"_s};
    token.claims = QJsonObject{{u"oid"_s, u"o-1"_s}, {u"tid"_s, u"t-1"_s}};
    request.context.token = token;
    ChallengeInfo challenge;
    challenge.origin = ChallengeInfo::Origin::Cached;
    challenge.tenantId = u"t-1"_s;
    request.context.challenge = challenge;
    request.setHeader("Authorization", "Bearer " + BearerToken);

    HttpResponse response =
        answer(200, R"({"value":[]})",
               {{"x-ms-request-id", "req-7"}, {"Content-Type", "application/json"}});
    response.started = QDateTime(QDate(2026, 1, 15), QTime(9, 0), Qt::UTC);
    const RequestRecord r = RequestRecord::capture(request, response);
    QCOMPARE(r.service, Service::KeyVault);
    QCOMPARE(r.operation, u"list secrets"_s);
    QCOMPARE(r.method, QByteArray("GET"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.durationMs, 42);
    QCOMPARE(r.started, response.started);
    QCOMPARE(r.clientRequestId, u"crid-1"_s);
    QCOMPARE(r.attempt, 2);
    QVERIFY(r.token);
    QCOMPARE(r.token->source, TokenSource::RefreshToken);
    QCOMPARE(r.token->claims.value("oid"_L1).toString(), u"o-1"_s);
    QVERIFY(r.challenge);
    QCOMPARE(r.challenge->origin, ChallengeInfo::Origin::Cached);
    QCOMPARE(r.error.kind, AzureError::Kind::None);
    QCOMPARE(r.error.requestId, u"req-7"_s);
    QVERIFY(r.responseBody.isEmpty());
    QCOMPARE(r.responseHeader("x-ms-request-id"), QByteArray("req-7"));
    QVERIFY(r.isSuccess());
}

void TestRequestRecord::responseContextCompletesTheRequests()
{
    HttpRequest request;
    request.url = QUrl(u"https://kv.vault.azure.net/secrets"_s);
    request.setHeader("x-ms-client-request-id", "from-header");
    HttpResponse response = answer(403, R"({"error":{"code":"Forbidden","message":"m"}})");
    response.context.service = Service::KeyVault;
    response.context.operation = u"list secrets"_s;
    response.context.attempt = 3;
    const RequestRecord r = RequestRecord::capture(request, response);
    QCOMPARE(r.service, Service::KeyVault);
    QCOMPARE(r.operation, u"list secrets"_s);
    QCOMPARE(r.attempt, 3);
    QCOMPARE(r.clientRequestId, u"from-header"_s);
    QCOMPARE(r.error.clientRequestId, u"from-header"_s);
    QVERIFY(!r.started.isNull());
}

void TestRequestRecord::networkErrorQuotesTheRedactedUrl()
{
    HttpRequest request;
    request.url = QUrl(u"https://store.example/blob?sig="_s + QString::fromLatin1(Signature)
                       + u"&api-version=1"_s);
    HttpResponse response;
    response.networkError = QNetworkReply::HostNotFoundError;
    response.networkErrorString = u"Error transferring "_s + request.url.toString()
                                  + u" - server replied: Host store.example not found"_s;
    const RequestRecord r = RequestRecord::capture(request, response);
    QCOMPARE(r.status, 0);
    QVERIFY(!r.hasHttpAnswer());
    QCOMPARE(r.error.kind, AzureError::Kind::Network);
    QVERIFY2(r.networkError.contains(u"sig=REDACTED"_s), qPrintable(r.networkError));
    QVERIFY(r.networkError.contains(u"not found"_s));
    QVERIFY(!everything(r).contains(Signature));
}

void TestRequestRecord::noSecretReachesTheRecord_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("requestHeaders");
    QTest::addColumn<QByteArray>("requestBody");
    QTest::addColumn<bool>("bodyIsSecret");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("responseBody");
    QTest::addColumn<QByteArrayList>("secrets");

    const QByteArray secretJson =
        QJsonDocument(QJsonObject{{u"value"_s, SecretValue}}).toJson(QJsonDocument::Compact);
    const QByteArray escapedSecret = secretJson.mid(9, secretJson.size() - 9 - 1); // "..."
    QTest::newRow("bearer token, echoed by an error")
        << QByteArray("GET") << u"https://kv.vault.azure.net/secrets?api-version=7.6"_s
        << "Authorization: Bearer " + BearerToken << QByteArray() << false << 401
        << R"({"error":{"code":"Unauthorized","message":"Token )" + BearerToken
               + R"( is not valid."}})"
        << QByteArrayList{BearerToken};
    QTest::newRow("client secret in a form body")
        << QByteArray("POST") << u"https://login.microsoftonline.com/t/oauth2/v2.0/token"_s
        << QByteArray("Content-Type: application/x-www-form-urlencoded")
        << "grant_type=client_credentials&client_id=abc&client_secret="
               + QUrl::toPercentEncoding(QString::fromLatin1(ClientSecret))
               + "&scope=https%3A%2F%2Fvault.azure.net%2F.default"
        << false << 401
        << R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided: )"
               + ClientSecret + R"(","error_codes":[7000215]})"
        << QByteArrayList{ClientSecret};
    QTest::newRow("secret value in a JSON body, echoed escaped")
        << QByteArray("PUT") << u"https://kv.vault.azure.net/secrets/db?api-version=7.6"_s
        << "Authorization: Bearer " + BearerToken << secretJson << true << 400
        << R"({"error":{"code":"BadParameter","message":"Bad value )" + escapedSecret + R"("}})"
        << QByteArrayList{SecretValue.toUtf8(), BearerToken};
    QTest::newRow("secret value in a successful answer")
        << QByteArray("GET") << u"https://kv.vault.azure.net/secrets/db?api-version=7.6"_s
        << "Authorization: Bearer " + BearerToken << QByteArray() << false << 200 << secretJson
        << QByteArrayList{SecretValue.toUtf8(), BearerToken};
    QTest::newRow("identity header and signed query")
        << QByteArray("GET")
        << u"http://127.0.0.1:41000/msi/token?api-version=2019-08-01&resource=https://vault.azure.net&sig="_s
               + QString::fromLatin1(Signature)
        << "X-IDENTITY-HEADER: " + IdentityHeader << QByteArray() << false << 500
        << R"({"error":{"code":"x","message":"header )" + IdentityHeader + " sig " + Signature
               + R"("}})"
        << QByteArrayList{IdentityHeader, Signature};
    QTest::newRow("refresh token grant")
        << QByteArray("POST") << u"https://login.microsoftonline.com/t/oauth2/v2.0/token"_s
        << QByteArray("Content-Type: application/x-www-form-urlencoded")
        << QByteArray(
               "grant_type=refresh_token&refresh_token=0.ARrefresh.token-bytes_42&client_id=abc")
        << false << 400
        << QByteArray(
               R"({"error":"invalid_grant","error_description":"AADSTS70008: The refresh token 0.ARrefresh.token-bytes_42 has expired."})")
        << QByteArrayList{"0.ARrefresh.token-bytes_42"};
}

void TestRequestRecord::noSecretReachesTheRecord()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, url);
    QFETCH(QByteArray, requestHeaders);
    QFETCH(QByteArray, requestBody);
    QFETCH(bool, bodyIsSecret);
    QFETCH(int, status);
    QFETCH(QByteArray, responseBody);
    QFETCH(QByteArrayList, secrets);

    HttpRequest request;
    request.method = method;
    request.url = QUrl(url);
    const qsizetype colon = requestHeaders.indexOf(':');
    request.headers = {{requestHeaders.left(colon), requestHeaders.mid(colon + 2)}};
    request.body = requestBody;
    request.context.bodyIsSecret = bodyIsSecret;
    request.context.service = Service::KeyVault;
    // The response echoes the credentials in its headers too.
    HttpHeaders responseHeaders{{"Set-Cookie", "x=" + secrets.first()},
                                {"x-ms-request-id", "req-1"}};
    HttpResponse response = answer(status, responseBody, responseHeaders);
    response.context = request.context;

    const RequestRecord r = RequestRecord::capture(request, response);
    const QByteArray all = everything(r);
    for (const QByteArray &secret : secrets)
        for (const QByteArray &form : forms(secret))
            QVERIFY2(!all.contains(form), form.constData());
    // What is not secret is still there.
    QCOMPARE(r.status, status);
    QCOMPARE(r.error.requestId, u"req-1"_s);
    QCOMPARE(r.error.isError(), status >= 400);
    QVERIFY(all.contains("REDACTED"));
}

void TestRequestRecord::serializerWritesEveryField()
{
    HttpRequest request;
    request.method = "DELETE";
    request.url = QUrl(u"https://kv.vault.azure.net/secrets/x?api-version=7.6"_s);
    request.context.service = Service::KeyVault;
    request.context.operation = u"delete secret"_s;
    request.context.clientRequestId = u"crid"_s;
    request.context.token = TokenInfo{TokenSource::ClientCredential,
                                      u"client secret"_s,
                                      {u"https://vault.azure.net/.default"_s},
                                      {},
                                      {},
                                      {}};
    request.context.challenge =
        ChallengeInfo{ChallengeInfo::Origin::Answered, "Bearer x", {}, u"t"_s, {}};
    const QByteArray body =
        R"({"error":{"code":"Forbidden","message":"The user, group or application 'appid=a;oid=o;iss=https://sts.windows.net/t/' does not have secrets delete permission on key vault 'kv;location=westeurope'.","innererror":{"code":"ForbiddenByPolicy"}}})";
    const RequestRecord r = RequestRecord::capture(request, answer(403, body));
    const QJsonObject o = journaljson::toJson(r);
    for (const char *key : {"id", "started", "durationMs", "service", "operation", "method", "url",
                            "status", "requestHeaders", "responseHeaders", "responseBody",
                            "clientRequestId", "attempt", "token", "challenge", "error"})
        QVERIFY2(o.contains(QLatin1StringView(key)), key);
    const QJsonObject error = o.value("error"_L1).toObject();
    QCOMPARE(error.value("kind"_L1).toString(), u"policy"_s);
    QCOMPARE(error.value("missingPermission"_L1).toString(), u"secrets delete"_s);
    QCOMPARE(error.value("vaultName"_L1).toString(), u"kv"_s);
    QCOMPARE(o.value("token"_L1).toObject().value("source"_L1).toString(),
             tokenSourceName(TokenSource::ClientCredential));
}

QTEST_GUILESS_MAIN(TestRequestRecord)
#include "tst_requestrecord.moc"

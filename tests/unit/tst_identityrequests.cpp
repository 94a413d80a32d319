// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/IdentityRequests.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::identity;

namespace {

HttpResponse answer(int status, const QByteArray &body, HttpHeaders headers = {})
{
    HttpResponse r;
    r.status = status;
    r.body = body;
    r.headers = std::move(headers);
    r.headers.append(qMakePair("Content-Type"_ba, "application/json"_ba));
    r.context.clientRequestId = u"c1"_s;
    return r;
}

QDateTime at(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
}

} // namespace

/// What the credentials share: the token endpoint's requests, answers and errors.
class TestIdentityRequests : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formEncode_data();
    void formEncode();
    void tenantIds_data();
    void tenantIds();
    void resolveTenant_data();
    void resolveTenant();
    void tokenEndpoint_data();
    void tokenEndpoint();
    void tokenRequestIsMarkedSecret();
    void parseExpiresOn_data();
    void parseExpiresOn();
    void readTokenAnswer_data();
    void readTokenAnswer();
    void oauthErrors_data();
    void oauthErrors();
    void otherFailures();
};

void TestIdentityRequests::formEncode_data()
{
    QTest::addColumn<FormFields>("fields");
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("simple") << FormFields{{u"a"_s, u"1"_s}, {u"b"_s, u"2"_s}} << "a=1&b=2"_ba;
    QTest::newRow("reserved characters")
        << FormFields{{u"scope"_s, u"https://vault.azure.net/.default openid"_s}}
        << "scope=https%3A%2F%2Fvault.azure.net%2F.default%20openid"_ba;
    QTest::newRow("secret with & = + %")
        << FormFields{{u"client_secret"_s, u"a&b=c+d%e"_s}} << "client_secret=a%26b%3Dc%2Bd%25e"_ba;
    QTest::newRow("utf-8") << FormFields{{u"x"_s, u"é"_s}} << "x=%C3%A9"_ba;
    QTest::newRow("empty value") << FormFields{{u"x"_s, QString()}} << "x="_ba;
}

void TestIdentityRequests::formEncode()
{
    QFETCH(FormFields, fields);
    QFETCH(QByteArray, encoded);
    QCOMPARE(identity::formEncode(fields), encoded);
    // What a server reads back is what was sent.
    const QUrlQuery back(QString::fromLatin1(encoded));
    for (const auto &[name, value] : fields)
        QCOMPARE(back.queryItemValue(name, QUrl::FullyDecoded), value);
}

void TestIdentityRequests::tenantIds_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<bool>("valid");
    QTest::newRow("guid") << u"72f988bf-86f1-41af-91ab-2d7cd011db47"_s << true;
    QTest::newRow("domain") << u"contoso.example"_s << true;
    QTest::newRow("organizations") << u"organizations"_s << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("path") << u"t/../x"_s << false;
    QTest::newRow("dot dot") << u".."_s << false;
    QTest::newRow("query") << u"t?x=1"_s << false;
    QTest::newRow("space") << u"t x"_s << false;
}

void TestIdentityRequests::tenantIds()
{
    QFETCH(QString, tenant);
    QFETCH(bool, valid);
    QCOMPARE(isValidTenantId(tenant), valid);
}

void TestIdentityRequests::resolveTenant_data()
{
    QTest::addColumn<QString>("own");
    QTest::addColumn<QString>("requested");
    QTest::addColumn<QStringList>("allowed");
    QTest::addColumn<QString>("expected"); ///< empty: an error
    QTest::newRow("none requested") << u"a"_s << QString() << QStringList() << u"a"_s;
    QTest::newRow("own, other case") << u"abc"_s << u"ABC"_s << QStringList() << u"abc"_s;
    QTest::newRow("other, not allowed") << u"a"_s << u"b"_s << QStringList() << QString();
    QTest::newRow("other, allowed") << u"a"_s << u"b"_s << QStringList{u"b"_s} << u"b"_s;
    QTest::newRow("other, any allowed") << u"a"_s << u"b"_s << QStringList{u"*"_s} << u"b"_s;
    QTest::newRow("adfs ignores tenants") << u"adfs"_s << u"b"_s << QStringList() << u"adfs"_s;
}

void TestIdentityRequests::resolveTenant()
{
    QFETCH(QString, own);
    QFETCH(QString, requested);
    QFETCH(QStringList, allowed);
    QFETCH(QString, expected);
    const Result<QString> r = identity::resolveTenant(own, requested, allowed, u"test"_s);
    QCOMPARE(r.ok(), !expected.isEmpty());
    if (r.ok()) {
        QCOMPARE(*r, expected);
    } else {
        QCOMPARE(r.error().kind, AzureError::Kind::Unauthenticated);
        QVERIFY(r.error().message.contains(requested));
    }
}

void TestIdentityRequests::tokenEndpoint_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("expected"); ///< empty: an error
    QTest::newRow("azure") << u"https://login.microsoftonline.com"_s << u"t"_s
                           << u"https://login.microsoftonline.com/t/oauth2/v2.0/token"_s;
    QTest::newRow("trailing slash") << u"https://login.microsoftonline.com/"_s << u"t"_s
                                    << u"https://login.microsoftonline.com/t/oauth2/v2.0/token"_s;
    QTest::newRow("sandbox with a port")
        << u"https://127.0.0.1:8443"_s << u"t"_s << u"https://127.0.0.1:8443/t/oauth2/v2.0/token"_s;
    QTest::newRow("http refused") << u"http://login.microsoftonline.com"_s << u"t"_s << QString();
    QTest::newRow("not a URL") << u"login"_s << u"t"_s << QString();
    QTest::newRow("bad tenant") << u"https://login.microsoftonline.com"_s << u"a/b"_s << QString();
}

void TestIdentityRequests::tokenEndpoint()
{
    QFETCH(QString, host);
    QFETCH(QString, tenant);
    QFETCH(QString, expected);
    const Result<QUrl> r = identity::tokenEndpoint(QUrl(host), tenant);
    QCOMPARE(r.ok(), !expected.isEmpty());
    if (r.ok())
        QCOMPARE(r->toString(), expected);
}

void TestIdentityRequests::tokenRequestIsMarkedSecret()
{
    const HttpRequest r =
        tokenRequest(QUrl(u"https://login/t/oauth2/v2.0/token"_s), {{u"a"_s, u"b"_s}});
    QCOMPARE(r.method, "POST"_ba);
    QCOMPARE(r.body, "a=b"_ba);
    QCOMPARE(r.header("content-type"), "application/x-www-form-urlencoded;charset=utf-8"_ba);
    QCOMPARE(r.context.service, Service::EntraId);
    QCOMPARE(r.context.operation, u"get token"_s);
    QVERIFY(r.context.bodyIsSecret);
    QVERIFY(r.context.scopes.isEmpty()); // not authenticated itself
}

void TestIdentityRequests::parseExpiresOn_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QDateTime>("expected");
    QTest::newRow("number") << QJsonValue(1768471200) << at(1768471200);
    QTest::newRow("string") << QJsonValue(u"1768471200"_s) << at(1768471200);
    QTest::newRow("ISO 8601") << QJsonValue(u"2026-01-15T10:00:00Z"_s) << at(1768471200);
    QTest::newRow("ISO with offset")
        << QJsonValue(u"2026-01-15T11:00:00+01:00"_s) << at(1768471200);
    QTest::newRow("App Service date")
        << QJsonValue(u"01/15/2026 10:00:00 +00:00"_s) << at(1768471200);
    QTest::newRow("garbage") << QJsonValue(u"soon"_s) << QDateTime();
    QTest::newRow("zero") << QJsonValue(0) << QDateTime();
    QTest::newRow("missing") << QJsonValue() << QDateTime();
}

void TestIdentityRequests::parseExpiresOn()
{
    QFETCH(QJsonValue, value);
    QFETCH(QDateTime, expected);
    const std::optional<QDateTime> r = identity::parseExpiresOn(value);
    QCOMPARE(r.has_value(), expected.isValid());
    if (r)
        QCOMPARE(*r, expected);
}

void TestIdentityRequests::readTokenAnswer_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QDateTime>("expiresOn"); ///< invalid: an error
    const QDateTime now = at(1768464000);
    QTest::newRow("Entra ID: expires_in number")
        << R"({"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"t"})"_ba
        << now.addSecs(3599);
    QTest::newRow("IMDS: strings, expires_on wins")
        << R"({"access_token":"t","expires_in":"86399","expires_on":"1768471200","resource":"r"})"_ba
        << at(1768471200);
    QTest::newRow("expires_in string")
        << R"({"access_token":"t","expires_in":"60"})"_ba << now.addSecs(60);
    QTest::newRow("no expiry") << R"({"access_token":"t"})"_ba << QDateTime();
    QTest::newRow("no token") << R"({"expires_in":3599})"_ba << QDateTime();
    QTest::newRow("not JSON") << "<html>"_ba << QDateTime();
}

void TestIdentityRequests::readTokenAnswer()
{
    QFETCH(QByteArray, body);
    QFETCH(QDateTime, expiresOn);
    const Result<AccessToken> r = identity::readTokenAnswer(answer(200, body), at(1768464000),
                                                            TokenSource::ManagedIdentity, u"mi"_s);
    QCOMPARE(r.ok(), expiresOn.isValid());
    if (r.ok()) {
        QCOMPARE(r->token, "t"_ba);
        QCOMPARE(r->expiresOn, expiresOn);
        QCOMPARE(r->source, TokenSource::ManagedIdentity);
        QCOMPARE(r->credential, u"mi"_s);
    } else {
        QCOMPARE(r.error().kind, AzureError::Kind::Malformed);
    }
}

void TestIdentityRequests::oauthErrors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("innerCode");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("requestId");
    QTest::newRow("wrong secret")
        << 401
        << R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 0a\r\nCorrelation ID: 0b\r\nTimestamp: 2026-01-15 09:00:00Z","error_codes":[7000215],"trace_id":"0a","correlation_id":"0b"})"_ba
        << u"invalid_client"_s << u"AADSTS7000215"_s
        << u"AADSTS7000215: Invalid client secret provided."_s << u"0a"_s;
    QTest::newRow("unknown app")
        << 400
        << R"({"error":"unauthorized_client","error_description":"AADSTS700016: Application with identifier 'x' was not found.","error_codes":[700016]})"_ba
        << u"unauthorized_client"_s << u"AADSTS700016"_s
        << u"AADSTS700016: Application with identifier 'x' was not found."_s << QString();
    QTest::newRow("code only in the text")
        << 400
        << R"({"error":"invalid_grant","error_description":"AADSTS50173: The grant expired."})"_ba
        << u"invalid_grant"_s << u"AADSTS50173"_s << u"AADSTS50173: The grant expired."_s
        << QString();
    QTest::newRow("IMDS")
        << 400 << R"({"error":"invalid_request","error_description":"Identity not found"})"_ba
        << u"invalid_request"_s << QString() << u"Identity not found"_s << QString();
    QTest::newRow("IMDS without description")
        << 400 << R"({"error":"bad_request_102"})"_ba << u"bad_request_102"_s << QString()
        << u"bad_request_102"_s << QString();
}

void TestIdentityRequests::oauthErrors()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, innerCode);
    QFETCH(QString, message);
    QFETCH(QString, requestId);
    const AzureError e = tokenError(answer(status, body));
    QCOMPARE(e.kind, AzureError::Kind::Unauthenticated);
    QCOMPARE(e.status, status);
    QCOMPARE(e.code, code);
    QCOMPARE(e.innerCode, innerCode);
    QCOMPARE(e.message, message);
    QCOMPARE(e.requestId, requestId);
    QCOMPARE(e.clientRequestId, u"c1"_s);
    // readTokenAnswer gives the same error for the same answer.
    const Result<AccessToken> r =
        identity::readTokenAnswer(answer(status, body), at(0), TokenSource::None, u"x"_s);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().innerCode, innerCode);
}

void TestIdentityRequests::otherFailures()
{
    HttpResponse dropped;
    dropped.networkError = QNetworkReply::ConnectionRefusedError;
    dropped.networkErrorString = u"Connection refused"_s;
    QCOMPARE(tokenError(dropped).kind, AzureError::Kind::Network);
    QCOMPARE(tokenError(dropped).message, u"Connection refused"_s);

    HttpResponse stopped = answer(401, {});
    stopped.failure = AzureError::make(AzureError::Kind::Cancelled, u"stopped"_s);
    QCOMPARE(tokenError(stopped).kind, AzureError::Kind::Cancelled);

    QCOMPARE(tokenError(answer(503, "busy"_ba)).kind, AzureError::Kind::Server);
    QCOMPARE(tokenError(answer(503, R"({"error":"temporarily_unavailable"})"_ba)).kind,
             AzureError::Kind::Server);
    QCOMPARE(tokenError(answer(429, {}, {{"Retry-After", "1"}})).kind, AzureError::Kind::Throttled);
    QCOMPARE(tokenError(answer(400, "not json"_ba)).kind, AzureError::Kind::Unauthenticated);
}

QTEST_GUILESS_MAIN(TestIdentityRequests)
#include "tst_identityrequests.moc"

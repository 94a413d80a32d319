// SPDX-License-Identifier: GPL-3.0-or-later
// The journal as HAR 1.2: the document's shape, records back from it, malformed
// archives refused with a readable message, and archives saved by a browser's
// developer tools read and redacted as the journal redacts.
#include "TestData.h"
#include "journal/FlowExplainer.h"
#include "journal/Har.h"
#include "journal/RequestJournal.h"
#include "journal/RequestRecordSerializer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;

namespace {

const QString Erin = u"e4170000-0000-4000-8000-000000000003"_s;
const QString Tenant = u"7f3c1a52-4e8b-4d1c-9a6e-2b5d8c0e1f34"_s;

QString letters(const FlowExplanation &e)
{
    QString out;
    for (const FlowStep &s : e.steps)
        out += s.outcome == FlowOutcome::Passed    ? u'P'
               : s.outcome == FlowOutcome::Failed  ? u'F'
               : s.outcome == FlowOutcome::Skipped ? u'S'
                                                   : u'U';
    return out;
}

QList<RequestRecord> exchangeOf(const QList<RequestRecord> &records, const RequestRecord &r)
{
    QList<RequestRecord> out;
    for (const RequestRecord &other : records)
        if (!r.clientRequestId.isEmpty() && other.clientRequestId == r.clientRequestId)
            out.append(other);
    return out;
}

/// A Key Vault access policy denial as the pipeline journals it.
RequestRecord policyDenial()
{
    HttpRequest request;
    request.url = QUrl(u"https://kv-contoso-prod.vault.azure.net/secrets/sql?api-version=7.6"_s);
    request.headers = {{"Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiJlIn0.c2ln"},
                       {"x-ms-client-request-id", "c0ffee00-0000-4000-8000-000000000001"}};
    RequestContext &c = request.context;
    c.service = Service::KeyVault;
    c.operation = u"get secret"_s;
    c.clientRequestId = u"c0ffee00-0000-4000-8000-000000000001"_s;
    c.attempt = 1;
    TokenInfo token;
    token.source = TokenSource::MemoryCache;
    token.credential = u"browser sign-in"_s;
    token.scopes = {u"https://vault.azure.net/.default"_s};
    token.expiresOn = QDateTime(QDate(2026, 3, 2), QTime(10, 0), Qt::UTC);
    token.claims = QJsonObject{{u"aud"_s, u"https://vault.azure.net"_s},
                               {u"tid"_s, Tenant},
                               {u"oid"_s, Erin},
                               {u"upn"_s, u"erin@contoso.example"_s}};
    c.token = token;
    ChallengeInfo challenge;
    challenge.origin = ChallengeInfo::Origin::Cached;
    challenge.tenantId = Tenant;
    challenge.resource = u"https://vault.azure.net"_s;
    c.challenge = challenge;

    HttpResponse response;
    response.status = 403;
    response.started = QDateTime(QDate(2026, 3, 2), QTime(9, 14, 3, 120), Qt::UTC);
    response.durationMs = 87;
    response.headers = {
        {"Content-Type", "application/json; charset=utf-8"},
        {"x-ms-request-id", "3a1b0c2d-1111-4000-8000-00000000b002"},
        {"x-ms-keyvault-network-info",
         "conn_type=Ipv4;addr=203.0.113.10;act_addr_fam=InterNetwork;"},
    };
    response.body =
        QJsonDocument(
            QJsonObject{
                {u"error"_s,
                 QJsonObject{
                     {u"code"_s, u"Forbidden"_s},
                     {u"message"_s,
                      u"The user, group or application 'appid=0ca7e5a1-7e50-4d1e-9a5b-6c7d8e9f0a1b;oid=%1;iss=https://sts.windows.net/%2/' does not have secrets get permission on key vault 'kv-contoso-prod;location=westeurope'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287"_s
                          .arg(Erin, Tenant)},
                     {u"innererror"_s, QJsonObject{{u"code"_s, u"ForbiddenByPolicy"_s}}}}}})
            .toJson(QJsonDocument::Compact);
    return RequestRecord::capture(request, response);
}

RequestRecord noAnswer(QNetworkReply::NetworkError error, const QString &text)
{
    HttpRequest request;
    request.url = QUrl(u"https://kv-contoso-dev.vault.azure.net/secrets?api-version=7.6"_s);
    request.context.service = Service::KeyVault;
    request.context.operation = u"list secrets"_s;
    request.context.clientRequestId = u"c0ffee00-0000-4000-8000-000000000002"_s;
    HttpResponse response;
    response.networkError = error;
    response.networkErrorString = text;
    response.started = QDateTime::currentDateTimeUtc();
    response.durationMs = 5;
    return RequestRecord::capture(request, response);
}

} // namespace

class tst_Har : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exportShape()
    {
        RequestRecord r = policyDenial();
        r.id = 1;
        const QJsonObject har = har::exportHar({r}, u"1.4.0"_s);
        const QJsonObject log = har.value("log"_L1).toObject();
        QCOMPARE(log.value("version"_L1).toString(), u"1.2"_s);
        QCOMPARE(log.value("creator"_L1).toObject().value("name"_L1).toString(), u"VaultLens"_s);
        QCOMPARE(log.value("creator"_L1).toObject().value("version"_L1).toString(), u"1.4.0"_s);
        const QJsonArray entries = log.value("entries"_L1).toArray();
        QCOMPARE(entries.size(), 1);
        const QJsonObject e = entries.first().toObject();
        QCOMPARE(e.value("startedDateTime"_L1).toString(), u"2026-03-02T09:14:03.120Z"_s);
        QCOMPARE(e.value("time"_L1).toInt(), 87);
        QVERIFY(e.value("cache"_L1).isObject());
        const QJsonObject timings = e.value("timings"_L1).toObject();
        QCOMPARE(timings.value("send"_L1).toInt(), 0);
        QCOMPARE(timings.value("wait"_L1).toInt(), 87);
        QCOMPARE(timings.value("receive"_L1).toInt(), 0);

        const QJsonObject request = e.value("request"_L1).toObject();
        QCOMPARE(request.value("method"_L1).toString(), u"GET"_s);
        QCOMPARE(request.value("url"_L1).toString(), r.url.toString(QUrl::FullyEncoded));
        QCOMPARE(request.value("httpVersion"_L1).toString(), u"HTTP/1.1"_s);
        QCOMPARE(request.value("headersSize"_L1).toInt(), -1);
        QCOMPARE(request.value("bodySize"_L1).toInt(), -1);
        QVERIFY(request.value("cookies"_L1).isArray());
        const QJsonArray query = request.value("queryString"_L1).toArray();
        QCOMPARE(query.size(), 1);
        QCOMPARE(query.first().toObject().value("name"_L1).toString(), u"api-version"_s);
        QCOMPARE(query.first().toObject().value("value"_L1).toString(), u"7.6"_s);
        bool sawAuthorization = false;
        for (const QJsonValue &h : request.value("headers"_L1).toArray()) {
            if (h.toObject().value("name"_L1).toString() == "Authorization"_L1) {
                sawAuthorization = true;
                QCOMPARE(h.toObject().value("value"_L1).toString(), u"REDACTED"_s);
            }
        }
        QVERIFY(sawAuthorization);

        const QJsonObject response = e.value("response"_L1).toObject();
        QCOMPARE(response.value("status"_L1).toInt(), 403);
        QCOMPARE(response.value("statusText"_L1).toString(), u"Forbidden"_s);
        QCOMPARE(response.value("redirectURL"_L1).toString(), QString());
        QCOMPARE(response.value("headersSize"_L1).toInt(), -1);
        QCOMPARE(response.value("bodySize"_L1).toInt(), -1);
        const QJsonObject content = response.value("content"_L1).toObject();
        QCOMPARE(content.value("text"_L1).toString(), QString::fromUtf8(r.responseBody));
        QCOMPARE(content.value("mimeType"_L1).toString(), u"application/json; charset=utf-8"_s);
        QCOMPARE(content.value("size"_L1).toInt(), r.responseBody.size());

        const QJsonObject context = e.value("_vaultlens"_L1).toObject();
        QCOMPARE(context.value("service"_L1).toString(), u"Key Vault"_s);
        QCOMPARE(context.value("operation"_L1).toString(), u"get secret"_s);
        QCOMPARE(context.value("clientRequestId"_L1).toString(), r.clientRequestId);
        QCOMPARE(context.value("attempt"_L1).toInt(), 1);
        const QJsonObject token = context.value("token"_L1).toObject();
        QCOMPARE(token.value("source"_L1).toString(), u"memory cache"_s);
        QCOMPARE(token.value("claims"_L1).toObject().value("oid"_L1).toString(), Erin);
        QCOMPARE(context.value("challenge"_L1).toObject().value("origin"_L1).toString(),
                 u"cached"_s);
        QCOMPARE(context.value("error"_L1).toObject().value("kind"_L1).toString(), u"policy"_s);

        const QByteArray text = QJsonDocument(har).toJson();
        QVERIFY(!text.contains("eyJ"));
        QVERIFY(!text.contains("Bearer"));
    }

    void roundTrip()
    {
        RequestJournal journal;
        journal.append(policyDenial());
        journal.append(noAnswer(QNetworkReply::ConnectionRefusedError, u"Connection refused"_s));
        journal.append(noAnswer(QNetworkReply::OperationCanceledError, u"Operation canceled"_s));

        const QByteArray text = QJsonDocument(har::exportHar(journal.records(), u"1"_s)).toJson();
        const Result<QList<RequestRecord>> back = har::importHar(text);
        QVERIFY2(back.ok(), qPrintable(back.error().message));
        QCOMPARE(back->size(), 3);
        for (qsizetype i = 0; i < back->size(); ++i) {
            const RequestRecord &a = journal.records().at(i);
            const RequestRecord &b = back->at(i);
            QCOMPARE(b.id, quint64(i + 1));
            QCOMPARE(b.started, a.started);
            QCOMPARE(b.durationMs, a.durationMs);
            QCOMPARE(b.service, a.service);
            QCOMPARE(b.operation, a.operation);
            QCOMPARE(b.method, a.method);
            QCOMPARE(b.url, a.url);
            QCOMPARE(b.status, a.status);
            QCOMPARE(b.networkError, a.networkError);
            QCOMPARE(b.requestHeaders, a.requestHeaders);
            QCOMPARE(b.responseHeaders, a.responseHeaders);
            QCOMPARE(b.responseBody, a.responseBody);
            QCOMPARE(b.clientRequestId, a.clientRequestId);
            QCOMPARE(b.attempt, a.attempt);
            QCOMPARE(bool(b.token), bool(a.token));
            QCOMPARE(bool(b.challenge), bool(a.challenge));
            QCOMPARE(b.error.kind, a.error.kind);
            QCOMPARE(b.error.summary(), a.error.summary());
            // The whole record, field by field, as the journal's JSON writes it (ids aside).
            QJsonObject ja = journaljson::toJson(a);
            QJsonObject jb = journaljson::toJson(b);
            ja.remove("id"_L1);
            jb.remove("id"_L1);
            QCOMPARE(jb, ja);

            const FlowExplanation ea =
                FlowExplainer().explain(a, journal.exchange(a.clientRequestId));
            const FlowExplanation eb = FlowExplainer().explain(b, exchangeOf(*back, b));
            QCOMPARE(letters(eb), letters(ea));
        }
        const FlowExplanation policy = FlowExplainer().explain(back->first());
        QVERIFY(policy.failedStep());
        QCOMPARE(policy.failedStep()->stage, FlowStage::Authorization);
        QCOMPARE(policy.remedy().kind, Remedy::Kind::GrantAccessPolicyPermission);
        QCOMPARE(policy.remedy().principalId, Erin);
        QCOMPARE(policy.remedy().permission, u"secrets get"_s);
        QCOMPARE(back->at(2).error.kind, AzureError::Kind::Cancelled);
    }

    void fileRoundTrip()
    {
        RequestJournal journal;
        journal.append(policyDenial());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"journal.har"_s);
        QString error;
        QVERIFY2(har::exportHarFile(journal, path, &error), qPrintable(error));
        const auto back = har::importHarFile(path);
        QVERIFY2(back.ok(), qPrintable(back.error().message));
        QCOMPARE(back->size(), 1);
        QVERIFY(!har::exportHarFile(journal, dir.filePath(u"no/such/dir/x.har"_s), &error));
        QVERIFY(!error.isEmpty());
        const auto missing = har::importHarFile(dir.filePath(u"missing.har"_s));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.contains(u"missing.har"_s));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("not JSON") << QByteArray("{\"log\": ") << u"not JSON"_s;
        QTest::newRow("binary") << QByteArray("\x89PNG\r\n") << u"not JSON"_s;
        QTest::newRow("array") << QByteArray("[1, 2]") << u"has no log"_s;
        QTest::newRow("no log") << QByteArray("{}") << u"has no log"_s;
        QTest::newRow("log not object") << QByteArray(R"({"log": []})") << u"has no log"_s;
        QTest::newRow("no version")
            << QByteArray(R"({"log": {"entries": []}})") << u"does not say its version"_s;
        QTest::newRow("version 2.0")
            << QByteArray(R"({"log": {"version": "2.0", "entries": []}})") << u"version 2.0"_s;
        QTest::newRow("no entries")
            << QByteArray(R"({"log": {"version": "1.2"}})") << u"has no entries"_s;
        QTest::newRow("entries not array")
            << QByteArray(R"({"log": {"version": "1.2", "entries": {}}})") << u"has no entries"_s;
        QTest::newRow("entry not object")
            << QByteArray(R"({"log": {"version": "1.2", "entries": [42]}})")
            << u"Entry 1 of the archive is not an object"_s;
        QTest::newRow("entry without request")
            << QByteArray(R"({"log": {"version": "1.2", "entries": [{"response": {}}]}})")
            << u"Entry 1 of the archive has no request"_s;
        QTest::newRow("second entry without URL")
            << QByteArray(R"({"log": {"version": "1.2", "entries": [)"
                          R"({"request": {"method": "GET", "url": "https://x.vault.azure.net/s"}},)"
                          R"({"request": {"method": "GET", "url": ""}}]}})")
            << u"Entry 2 of the archive has no request"_s;
    }

    void malformed()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const auto r = har::importHar(json);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, AzureError::Kind::Malformed);
        QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
    }

    void emptyAndOlderArchives()
    {
        const auto empty = har::importHar(R"({"log": {"version": "1.2", "entries": []}})");
        QVERIFY(empty.ok());
        QVERIFY(empty->isEmpty());
        const auto older = har::importHar(
            R"({"log": {"version": "1.1", "entries": [)"
            R"({"startedDateTime": "2026-03-02T09:00:00Z", "time": 12.6, "request": {"method": )"
            R"("GET", "url": "https://management.azure.com/subscriptions?api-version=2022-12-01"},)"
            R"("response": {"status": 200}}]}})");
        QVERIFY2(older.ok(), qPrintable(older.error().message));
        QCOMPARE(older->size(), 1);
        QCOMPARE(older->first().service, Service::ResourceManager);
        QCOMPARE(older->first().durationMs, 13);
        QCOMPARE(older->first().started, QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC));
        // No token information in a browser's archive: the token stage is unknown.
        QCOMPARE(letters(FlowExplainer().explain(older->first())), u"UPPP"_s);
    }

    void serviceOfUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<Service>("service");
        QTest::newRow("vault") << u"https://kv-a.vault.azure.net/secrets"_s << Service::KeyVault;
        QTest::newRow("china vault") << u"https://kv-a.vault.azure.cn/keys"_s << Service::KeyVault;
        QTest::newRow("hsm") << u"https://h.managedhsm.azure.net/keys"_s << Service::KeyVault;
        QTest::newRow("arm") << u"https://management.azure.com/subscriptions"_s
                             << Service::ResourceManager;
        QTest::newRow("gov arm") << u"https://management.usgovcloudapi.net/subscriptions"_s
                                 << Service::ResourceManager;
        QTest::newRow("entra") << u"https://login.microsoftonline.com/t/oauth2/v2.0/token"_s
                               << Service::EntraId;
        QTest::newRow("graph") << u"https://graph.microsoft.com/v1.0/me"_s << Service::Graph;
        QTest::newRow("imds") << u"http://169.254.169.254/metadata/identity/oauth2/token"_s
                              << Service::ManagedIdentity;
        QTest::newRow("sandbox vault")
            << u"https://127.0.0.1:4431/secrets/x"_s << Service::KeyVault;
        QTest::newRow("sandbox arm")
            << u"https://127.0.0.1:4430/subscriptions/s"_s << Service::ResourceManager;
        QTest::newRow("sandbox token")
            << u"https://127.0.0.1:4430/t/oauth2/v2.0/token"_s << Service::EntraId;
        QTest::newRow("other") << u"https://example.com/"_s << Service::Other;
    }

    void serviceOfUrl()
    {
        QFETCH(QString, url);
        QFETCH(Service, service);
        QCOMPARE(har::serviceOfUrl(QUrl(url)), service);
    }

    void browserArchive()
    {
        QFile file(test::testDataPath(u"har/browser-devtools.har"_s));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray original = file.readAll();
        const auto imported = har::importHar(original);
        QVERIFY2(imported.ok(), qPrintable(imported.error().message));
        const QList<RequestRecord> &records = *imported;
        QCOMPARE(records.size(), 7);
        const QList<Service> services{
            Service::KeyVault, Service::KeyVault, Service::EntraId, Service::ResourceManager,
            Service::Graph,    Service::KeyVault, Service::KeyVault};
        for (qsizetype i = 0; i < records.size(); ++i) {
            QCOMPARE(records.at(i).service, services.at(i));
            QCOMPARE(records.at(i).id, quint64(i + 1));
        }

        // The anonymous first request and its challenge, then the firewall's refusal.
        const RequestRecord &challenge = records.at(0);
        const RequestRecord &firewall = records.at(1);
        QCOMPARE(challenge.clientRequestId, u"5d9c7d1e-0000-4000-8000-00000000a001"_s);
        QCOMPARE(firewall.clientRequestId, challenge.clientRequestId);
        QCOMPARE(challenge.status, 401);
        QCOMPARE(challenge.durationMs, 61);
        const QList<RequestRecord> exchange = exchangeOf(records, firewall);
        QCOMPARE(exchange.size(), 2);
        const FlowExplanation challenged = FlowExplainer().explain(challenge, exchange);
        QVERIFY(!challenged.failedStep());
        QCOMPARE(challenged.outcome(FlowStage::Challenge), FlowOutcome::Passed);

        QCOMPARE(firewall.error.kind, AzureError::Kind::Firewall);
        const FlowExplanation denied = FlowExplainer().explain(firewall, exchange);
        QVERIFY(denied.failedStep());
        QCOMPARE(denied.failedStep()->stage, FlowStage::Firewall);
        QCOMPARE(denied.outcome(FlowStage::Challenge), FlowOutcome::Passed);
        QCOMPARE(denied.remedy().kind, Remedy::Kind::AddClientAddress);
        QCOMPARE(denied.remedy().address, u"192.0.2.77"_s);
        QCOMPARE(denied.remedy().vault, u"kv-contoso-prod"_s);

        // The token grant and the vault's answer carried secrets: none is kept.
        QCOMPARE(records.at(2).clientRequestId, u"9e8d7c6b-0000-4000-8000-00000000a002"_s);
        QVERIFY(records.at(2).responseBody.isEmpty());
        QVERIFY(records.at(5).responseBody.isEmpty());
        QVERIFY(!FlowExplainer().explain(records.at(5)).failedStep());

        const FlowExplanation graph = FlowExplainer().explain(records.at(4));
        QVERIFY(graph.failedStep());
        QCOMPARE(graph.failedStep()->stage, FlowStage::Authorization);

        const RequestRecord &refused = records.at(6);
        QVERIFY(!refused.hasHttpAnswer());
        QCOMPARE(refused.networkError, u"net::ERR_CONNECTION_REFUSED"_s);
        const FlowExplanation unreachable = FlowExplainer().explain(refused);
        QVERIFY(unreachable.failedStep());
        QCOMPARE(unreachable.failedStep()->stage, FlowStage::Call);

        // Everything read is redacted as the journal redacts: nothing secret is kept,
        // neither in the records nor in an archive written from them.
        QByteArray all = QJsonDocument(har::exportHar(records, u"1"_s)).toJson();
        for (const RequestRecord &r : records)
            all += QJsonDocument(journaljson::toJson(r)).toJson();
        for (const QByteArray &secret :
             {QByteArray("eyJ"), QByteArray("ZmFrZS1zaWduYXR1cmUtZm9yLXRlc3Rz"),
              QByteArray("browser-fixture-client-secret-9q8w"),
              QByteArray("browser-fixture-refresh-token"),
              QByteArray("browser-fixture-secret-value-4711"), QByteArray("AvZbrowsercookie")}) {
            QVERIFY2(original.contains(secret), secret.constData());
            QVERIFY2(!all.contains(secret), secret.constData());
        }
        QCOMPARE(headerValue(firewall.requestHeaders, "authorization"), QByteArray("REDACTED"));
    }
};

QTEST_GUILESS_MAIN(tst_Har)
#include "tst_har.moc"

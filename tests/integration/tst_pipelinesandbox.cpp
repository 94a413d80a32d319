// SPDX-License-Identifier: GPL-3.0-or-later
// The whole pipeline (request id, retry, authentication, journal, transport)
// against the sandbox over HTTPS: challenges, retries under injected faults,
// paging with nothing lost or duplicated, and redaction of every record.
#include "ClientFixture.h"
#include "http/ClientCall.h"
#include "journal/RequestRecordSerializer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using vl::test::ClientFixture;

namespace {

const QString Dev = u"kv-contoso-dev"_s;

HttpRequest vaultGet(ClientFixture &f, const QString &vault, const QString &pathAndQuery)
{
    return makeRequest("GET"_ba, QUrl(f.vaultUri(vault).toString() + pathAndQuery.mid(1)),
                       Service::KeyVault, f.cloud().vaultScope(), u"test"_s);
}

QList<RequestRecord> recordsOf(const ClientFixture &f, const QString &clientRequestId)
{
    return const_cast<ClientFixture &>(f).journal().exchange(clientRequestId);
}

void injectFaults(ClientFixture &f, const QJsonArray &faults)
{
    const auto reply = f.sandbox().http().sendJson("POST", f.sandbox().apiUrl(u"/sandbox/faults"_s),
                                                   QJsonObject{{u"faults"_s, faults}});
    QCOMPARE(reply.status, 200);
}

} // namespace

class tst_PipelineSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void challengeIsCachedPerVault()
    {
        ClientFixture f;
        QVERIFY(f.isRunning());
        const auto pipeline = f.automationPipeline();

        const HttpResponse first = ClientFixture::await(
            pipeline->send(vaultGet(f, Dev, u"/secrets?api-version=2025-07-01"_s)));
        QCOMPARE(first.status, 200);
        const QList<RequestRecord> firstExchange = recordsOf(f, first.context.clientRequestId);
        QCOMPARE(firstExchange.size(), 2); // the 401 challenge, then the call with a token
        QCOMPARE(firstExchange.at(0).status, 401);
        QVERIFY(!firstExchange.at(0).token.has_value());
        QCOMPARE(firstExchange.at(1).status, 200);
        QVERIFY(firstExchange.at(1).challenge.has_value());
        QCOMPARE(firstExchange.at(1).challenge->origin, ChallengeInfo::Origin::Answered);
        QCOMPARE(firstExchange.at(1).challenge->tenantId, f.sandbox().tenantId());

        for (int i = 0; i < 3; ++i) {
            const HttpResponse again = ClientFixture::await(
                pipeline->send(vaultGet(f, Dev, u"/secrets?api-version=2025-07-01"_s)));
            QCOMPARE(again.status, 200);
            const QList<RequestRecord> exchange = recordsOf(f, again.context.clientRequestId);
            QCOMPARE(exchange.size(), 1); // the token went at once
            QCOMPARE(exchange.at(0).challenge->origin, ChallengeInfo::Origin::Cached);
            QCOMPARE(exchange.at(0).token->source, TokenSource::MemoryCache);
        }
        QCOMPARE(f.journal().records().size(), 5);

        // Another vault is challenged on its own.
        const HttpResponse other = ClientFixture::await(pipeline->send(
            vaultGet(f, u"kv-contoso-private"_s, u"/secrets?api-version=2025-07-01"_s)));
        QCOMPARE(recordsOf(f, other.context.clientRequestId).size(), 2);
    }

    void throttlingHonoursRetryAfter()
    {
        ClientFixture f;
        QVERIFY(f.isRunning());
        const auto pipeline = f.automationPipeline();
        QCOMPARE(ClientFixture::await(
                     pipeline->send(vaultGet(f, Dev, u"/secrets?api-version=2025-07-01"_s)))
                     .status,
                 200);
        injectFaults(f, QJsonArray{QJsonObject{{u"kind"_s, u"throttle"_s},
                                               {u"count"_s, 1},
                                               {u"retryAfter"_s, 1},
                                               {u"target"_s, u"vault"_s}}});
        QElapsedTimer clock;
        clock.start();
        const HttpResponse response = ClientFixture::await(
            pipeline->send(vaultGet(f, Dev, u"/secrets?api-version=2025-07-01"_s)));
        const qint64 elapsed = clock.elapsed();
        QCOMPARE(response.status, 200);
        const QList<RequestRecord> exchange = recordsOf(f, response.context.clientRequestId);
        QCOMPARE(exchange.size(), 2);
        QCOMPARE(exchange.at(0).status, 429);
        QCOMPARE(exchange.at(0).attempt, 1);
        QCOMPARE(exchange.at(1).attempt, 2);
        QVERIFY2(elapsed >= 950, QByteArray::number(elapsed).constData()); // Retry-After: 1
    }

    void unavailableIsRetried()
    {
        ClientFixture f;
        QVERIFY(f.isRunning());
        const auto pipeline = f.automationPipeline();
        QCOMPARE(ClientFixture::await(
                     pipeline->send(vaultGet(f, Dev, u"/secrets?api-version=2025-07-01"_s)))
                     .status,
                 200);
        injectFaults(f, QJsonArray{QJsonObject{{u"kind"_s, u"unavailable"_s},
                                               {u"count"_s, 2},
                                               {u"retryAfter"_s, 0},
                                               {u"target"_s, u"vault"_s}}});
        const HttpResponse response = ClientFixture::await(
            pipeline->send(vaultGet(f, Dev, u"/secrets?api-version=2025-07-01"_s)));
        QCOMPARE(response.status, 200);
        const QList<RequestRecord> exchange = recordsOf(f, response.context.clientRequestId);
        QCOMPARE(exchange.size(), 3);
        QCOMPARE(exchange.at(0).status, 503);
        QCOMPARE(exchange.at(1).status, 503);
    }

    void droppedConnections()
    {
        ClientFixture f;
        QVERIFY(f.isRunning());
        const auto pipeline = f.automationPipeline();
        QCOMPARE(ClientFixture::await(
                     pipeline->send(vaultGet(f, Dev, u"/secrets?api-version=2025-07-01"_s)))
                     .status,
                 200);

        // A GET is resent until it is answered.
        injectFaults(f, QJsonArray{QJsonObject{
                            {u"kind"_s, u"drop"_s}, {u"count"_s, 2}, {u"target"_s, u"vault"_s}}});
        const HttpResponse get = ClientFixture::await(
            pipeline->send(vaultGet(f, Dev, u"/secrets?api-version=2025-07-01"_s)));
        QCOMPARE(get.status, 200);

        // A POST that may have taken effect is not: the caller hears of the failure.
        injectFaults(f, QJsonArray{QJsonObject{
                            {u"kind"_s, u"drop"_s}, {u"count"_s, 10}, {u"target"_s, u"vault"_s}}});
        HttpRequest backup =
            vaultGet(f, Dev, u"/secrets/dev-database-password/backup?api-version=2025-07-01"_s);
        backup.method = "POST"_ba;
        const HttpResponse post = ClientFixture::await(pipeline->send(backup));
        QVERIFY(!post.hasHttpAnswer());
        QCOMPARE(recordsOf(f, post.context.clientRequestId).size(), 1);
        injectFaults(f, QJsonArray{});
    }

    void pagingUnderFaultsLosesAndRepeatsNothing()
    {
        ClientFixture f;
        QVERIFY(f.isRunning());
        const auto pipeline = f.automationPipeline();
        QSet<QString> expected;
        for (int i = 0; i < 23; ++i) {
            const QString name = u"paged-%1"_s.arg(i, 2, 10, QChar(u'0'));
            HttpRequest put = makeJsonRequest("PUT"_ba,
                                              QUrl(f.vaultUri(Dev).toString() + u"secrets/"_s + name
                                                   + u"?api-version=2025-07-01"_s),
                                              Service::KeyVault, f.cloud().vaultScope(),
                                              u"set secret"_s, QJsonObject{{u"value"_s, u"v"_s}});
            QCOMPARE(ClientFixture::await(pipeline->send(put)).status, 200);
            expected.insert(name);
        }
        expected.insert(u"dev-database-password"_s);

        QStringList seen;
        QUrl next(f.vaultUri(Dev).toString() + u"secrets?api-version=2025-07-01&maxresults=4"_s);
        int pages = 0;
        // Before each page, one fault in turn: throttled, unavailable, dropped.
        const QStringList kinds{u"throttle"_s, u"unavailable"_s, u"drop"_s};
        while (!next.isEmpty() && pages < 50) {
            injectFaults(f, QJsonArray{QJsonObject{{u"kind"_s, kinds.at(pages % kinds.size())},
                                                   {u"count"_s, 1},
                                                   {u"retryAfter"_s, 0},
                                                   {u"target"_s, u"vault"_s}}});
            HttpRequest request =
                makeRequest("GET"_ba, next, Service::KeyVault, f.cloud().vaultScope(), u"list"_s);
            const HttpResponse page = ClientFixture::await(pipeline->send(request));
            QCOMPARE(page.status, 200);
            const QJsonObject body = QJsonDocument::fromJson(page.body).object();
            for (const QJsonValue &item : body.value("value"_L1).toArray())
                seen.append(
                    QUrl(item.toObject().value("id"_L1).toString()).path().section(u'/', 2, 2));
            next = QUrl(body.value("nextLink"_L1).toString());
            ++pages;
        }
        injectFaults(f, QJsonArray{});
        QVERIFY(pages >= 6);
        QCOMPARE(seen.size(), expected.size());
        QCOMPARE(QSet<QString>(seen.cbegin(), seen.cend()), expected);
        // The faults did happen, and were absorbed by the retry policy.
        int retried = 0;
        for (const RequestRecord &record : f.journal().records())
            retried += record.attempt > 1 ? 1 : 0;
        QVERIFY2(retried >= pages * 2 / 3, QByteArray::number(retried).constData());
    }

    void noSecretReachesTheJournal()
    {
        ClientFixture f;
        QVERIFY(f.isRunning());
        const auto pipeline = f.automationPipeline();
        const QByteArray value = "s3cr3t-value-that-must-not-leak";
        HttpRequest put = makeJsonRequest(
            "PUT"_ba,
            QUrl(f.vaultUri(Dev).toString() + u"secrets/leak-check?api-version=2025-07-01"_s),
            Service::KeyVault, f.cloud().vaultScope(), u"set secret"_s,
            QJsonObject{{u"value"_s, QString::fromLatin1(value)}});
        put.context.bodyIsSecret = true;
        QCOMPARE(ClientFixture::await(pipeline->send(put)).status, 200);
        HttpRequest get = vaultGet(f, Dev, u"/secrets/leak-check?api-version=2025-07-01"_s);
        get.context.bodyIsSecret = true;
        const HttpResponse read = ClientFixture::await(pipeline->send(get));
        QCOMPARE(read.status, 200);
        QVERIFY(read.body.contains(value)); // the caller gets it; the journal must not

        // Any JWT (header.payload.), and the identity's client secret.
        const QRegularExpression jwt(u"ey[A-Za-z0-9_-]{8,}\\.ey[A-Za-z0-9_-]{8,}\\."_s);
        QVERIFY(jwt.match(QString::fromLatin1(f.sandbox().automationToken(f.cloud().vaultScope())))
                    .hasMatch());
        const QByteArray clientSecret = f.sandbox()
                                            .config()
                                            .value("servicePrincipals"_L1)
                                            .toArray()
                                            .at(0)
                                            .toObject()
                                            .value("clientSecret"_L1)
                                            .toString()
                                            .toLatin1();
        QVERIFY(!clientSecret.isEmpty());

        QVERIFY(f.journal().records().size() >= 3);
        for (const RequestRecord &record : f.journal().records()) {
            const QByteArray all = QJsonDocument(journaljson::toJson(record)).toJson();
            QVERIFY2(!all.contains(value), all.constData());
            QVERIFY2(!jwt.match(QString::fromUtf8(all)).hasMatch(), all.constData());
            QVERIFY2(!all.contains(clientSecret), all.constData());
            QVERIFY2(!all.contains("Bearer ey"), all.constData());
            for (const auto &[name, headerValue] : record.requestHeaders) {
                if (name.compare("authorization", Qt::CaseInsensitive) == 0)
                    QCOMPARE(headerValue, "REDACTED"_ba);
            }
        }
    }
};

QTEST_GUILESS_MAIN(tst_PipelineSandbox)
#include "tst_pipelinesandbox.moc"

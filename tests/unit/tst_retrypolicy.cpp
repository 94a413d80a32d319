// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScriptedTransport.h"
#include "http/RetryPolicy.h"

#include <QTest>

#include <chrono>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using vl::HttpRequest;
using vl::HttpResponse;
using vl::RetryOptions;
using vl::RetryPolicy;
using vl::test::ScriptedTransport;

class tst_RetryPolicy : public QObject
{
    Q_OBJECT

private:
    /// Options whose waits are recorded and run at once, with no jitter.
    RetryOptions recordingOptions()
    {
        RetryOptions options;
        options.jitter = [] {
            return 1.0;
        };
        options.schedule = [this](std::chrono::milliseconds delay, std::function<void()> callback) {
            m_delays.append(delay.count());
            QMetaObject::invokeMethod(this, std::move(callback), Qt::QueuedConnection);
        };
        return options;
    }

    HttpResponse run(RetryPolicy &policy, ScriptedTransport &transport, HttpRequest request)
    {
        const auto future = policy.send(std::move(request),
                                        [&transport](HttpRequest r) { return transport.send(r); });
        if (!QTest::qWaitFor([&] { return future.isFinished(); }, 5000))
            qFatal("the retry policy did not finish");
        return future.result();
    }

    static HttpRequest get()
    {
        HttpRequest request;
        request.url = QUrl(u"https://kv.vault.azure.net/secrets?api-version=2025-07-01"_s);
        return request;
    }

    QList<qint64> m_delays;

private Q_SLOTS:
    void init() { m_delays.clear(); }

    void retryAfterSecondsIsHonoured()
    {
        ScriptedTransport transport;
        transport.answer(429, {{"Retry-After"_ba, "7"_ba}});
        transport.answer(200, {}, "{}"_ba);
        RetryPolicy policy(recordingOptions());
        const HttpResponse response = run(policy, transport, get());
        QCOMPARE(response.status, 200);
        QCOMPARE(transport.requests().size(), 2);
        QCOMPARE(m_delays, QList<qint64>{7000});
        QCOMPARE(transport.requests().at(0).context.attempt, 1);
        QCOMPARE(transport.requests().at(1).context.attempt, 2);
    }

    void retryAfterMillisecondsWins()
    {
        ScriptedTransport transport;
        transport.answer(503, {{"retry-after-ms"_ba, "250"_ba}, {"Retry-After"_ba, "9"_ba}});
        transport.answer(200);
        RetryPolicy policy(recordingOptions());
        QCOMPARE(run(policy, transport, get()).status, 200);
        QCOMPARE(m_delays, QList<qint64>{250});
    }

    void retryAfterHttpDate()
    {
        ScriptedTransport transport;
        const QDateTime when = QDateTime::currentDateTimeUtc().addSecs(20);
        const QByteArray date =
            QLocale::c().toString(when, u"ddd, dd MMM yyyy HH:mm:ss"_s).toLatin1() + " GMT";
        transport.answer(429, {{"Retry-After"_ba, date}});
        transport.answer(200);
        RetryPolicy policy(recordingOptions());
        QCOMPARE(run(policy, transport, get()).status, 200);
        QCOMPARE(m_delays.size(), 1);
        QVERIFY2(m_delays.at(0) > 15000 && m_delays.at(0) <= 20000,
                 QByteArray::number(m_delays.at(0)).constData());
    }

    void exponentialBackoffThenGiveUp()
    {
        ScriptedTransport transport;
        for (int i = 0; i < 4; ++i)
            transport.answer(503);
        RetryPolicy policy(recordingOptions());
        const HttpResponse response = run(policy, transport, get());
        QCOMPARE(response.status, 503); // the last answer is handed on
        QCOMPARE(transport.requests().size(), 4);
        QCOMPARE(m_delays, (QList<qint64>{800, 1600, 3200}));
    }

    void jitterScalesTheBackoff()
    {
        ScriptedTransport transport;
        transport.answer(500);
        transport.answer(200);
        RetryOptions options = recordingOptions();
        options.jitter = [] {
            return 1.15;
        };
        RetryPolicy policy(options);
        QCOMPARE(run(policy, transport, get()).status, 200);
        QCOMPARE(m_delays, QList<qint64>{920});
    }

    void defaultJitterStaysInItsBand()
    {
        RetryPolicy policy; // the real jitter
        HttpResponse unavailable;
        unavailable.status = 503;
        for (int i = 0; i < 200; ++i) {
            const qint64 delay = policy.delayFor(get(), unavailable, 2).count();
            QVERIFY2(delay >= 1280 && delay < 1920, QByteArray::number(delay).constData());
        }
    }

    void delaysAreCapped()
    {
        ScriptedTransport transport;
        transport.answer(429, {{"Retry-After"_ba, "3600"_ba}});
        transport.answer(200);
        RetryOptions options = recordingOptions();
        options.maxDelay = 5s;
        RetryPolicy policy(options);
        QCOMPARE(run(policy, transport, get()).status, 200);
        QCOMPARE(m_delays, QList<qint64>{5000});
    }

    void totalTimeIsBounded()
    {
        ScriptedTransport transport;
        transport.answer(429, {{"Retry-After"_ba, "60"_ba}});
        transport.answer(200);
        RetryOptions options = recordingOptions();
        options.maxTotal = 20s;
        RetryPolicy policy(options);
        QCOMPARE(run(policy, transport, get()).status, 429);
        QCOMPARE(transport.requests().size(), 1);
        QVERIFY(m_delays.isEmpty());
    }

    void notRetried_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("400") << 400;
        QTest::newRow("401") << 401;
        QTest::newRow("403") << 403;
        QTest::newRow("404") << 404;
        QTest::newRow("409") << 409;
        QTest::newRow("501") << 501;
    }

    void notRetried()
    {
        QFETCH(int, status);
        ScriptedTransport transport;
        transport.answer(status);
        RetryPolicy policy(recordingOptions());
        QCOMPARE(run(policy, transport, get()).status, status);
        QCOMPARE(transport.requests().size(), 1);
    }

    void droppedConnection_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<bool>("markedIdempotent");
        QTest::addColumn<int>("expectedRequests");
        QTest::newRow("GET is resent") << "GET"_ba << false << 2;
        QTest::newRow("PUT is resent") << "PUT"_ba << false << 2;
        QTest::newRow("DELETE is resent") << "DELETE"_ba << false << 2;
        QTest::newRow("POST is not") << "POST"_ba << false << 1;
        QTest::newRow("PATCH is not") << "PATCH"_ba << false << 1;
        QTest::newRow("POST marked idempotent is") << "POST"_ba << true << 2;
    }

    void droppedConnection()
    {
        QFETCH(QByteArray, method);
        QFETCH(bool, markedIdempotent);
        QFETCH(int, expectedRequests);
        ScriptedTransport transport;
        transport.drop();
        transport.answer(200);
        HttpRequest request = get();
        request.method = method;
        request.context.idempotent = markedIdempotent;
        RetryPolicy policy(recordingOptions());
        const HttpResponse response = run(policy, transport, request);
        QCOMPARE(transport.requests().size(), expectedRequests);
        QCOMPARE(response.hasHttpAnswer(), expectedRequests == 2);
    }

    void throttledPostIsRetried()
    {
        // A 429 or 503 means the service did not carry the request out.
        ScriptedTransport transport;
        transport.answer(429, {{"Retry-After"_ba, "1"_ba}});
        transport.answer(200);
        HttpRequest request = get();
        request.method = "POST"_ba;
        RetryPolicy policy(recordingOptions());
        QCOMPARE(run(policy, transport, request).status, 200);
        QCOMPARE(transport.requests().size(), 2);
    }

    void tlsFailureIsNotRetried()
    {
        ScriptedTransport transport;
        transport.drop(QNetworkReply::SslHandshakeFailedError);
        transport.answer(200);
        RetryPolicy policy(recordingOptions());
        const HttpResponse response = run(policy, transport, get());
        QCOMPARE(response.networkError, QNetworkReply::SslHandshakeFailedError);
        QCOMPARE(transport.requests().size(), 1);
    }

    void theRequestIsResentUnchanged()
    {
        ScriptedTransport transport;
        transport.answer(503, {{"Retry-After"_ba, "0"_ba}});
        transport.answer(201);
        HttpRequest request = get();
        request.method = "PUT"_ba;
        request.body = R"({"value":"x"})"_ba;
        request.setHeader("x-ms-client-request-id"_ba, "abc"_ba);
        RetryPolicy policy(recordingOptions());
        QCOMPARE(run(policy, transport, request).status, 201);
        QCOMPARE(transport.requests().size(), 2);
        QCOMPARE(transport.requests().at(1).body, request.body);
        QCOMPARE(transport.requests().at(1).header("x-ms-client-request-id"), "abc"_ba);
    }
};

QTEST_GUILESS_MAIN(tst_RetryPolicy)
#include "tst_retrypolicy.moc"

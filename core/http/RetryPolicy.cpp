// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/RetryPolicy.h"

#include "util/Future.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QLocale>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace vl {

namespace {

/// Statuses the Azure SDKs retry: the request was not carried out, or may succeed later.
bool isRetriableStatus(int status)
{
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503
           || status == 504;
}

/// Network errors after which the same request may well succeed. TLS and name
/// resolution failures are not among them: they would fail again the same way.
bool isTransientNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // a transfer timeout ends this way
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownNetworkError:
        return true;
    default:
        return false;
    }
}

/// The server's requested wait, from retry-after-ms, x-ms-retry-after-ms or Retry-After
/// (delta seconds or an HTTP date); negative when none is given.
std::chrono::milliseconds serverDelay(const HttpResponse &response)
{
    for (const char *name : {"retry-after-ms", "x-ms-retry-after-ms"}) {
        bool ok = false;
        const double ms = response.header(QByteArrayView(name)).trimmed().toDouble(&ok);
        if (ok && ms >= 0)
            return std::chrono::milliseconds(qint64(ms));
    }
    const QByteArray retryAfter = response.header("retry-after").trimmed();
    if (retryAfter.isEmpty())
        return -1ms;
    bool ok = false;
    const double seconds = retryAfter.toDouble(&ok);
    if (ok && seconds >= 0)
        return std::chrono::milliseconds(qint64(seconds * 1000));
    const QDateTime date = QLocale::c().toDateTime(
        QString::fromLatin1(retryAfter).replace(u" GMT"_s, u""_s), u"ddd, dd MMM yyyy HH:mm:ss"_s);
    if (!date.isValid())
        return -1ms;
    QDateTime utc = date;
    utc.setTimeSpec(Qt::UTC);
    return std::max(0ms, std::chrono::milliseconds(QDateTime::currentDateTimeUtc().msecsTo(utc)));
}

/// One logical request and its attempts; keeps itself alive through its callbacks.
class RetryRun final : public std::enable_shared_from_this<RetryRun>
{
public:
    RetryRun(const RetryPolicy &policy, const RetryOptions &options, HttpRequest request,
             HttpPolicy::Next next)
        : m_policy(policy)
        , m_options(options)
        , m_request(std::move(request))
        , m_next(std::move(next))
    {
        m_elapsed.start();
    }

    QFuture<HttpResponse> start()
    {
        attempt();
        return m_promise.future();
    }

private:
    void attempt()
    {
        ++m_attempt;
        HttpRequest request = m_request;
        request.context.attempt = m_attempt;
        m_next(std::move(request)).then([self = shared_from_this()](const HttpResponse &response) {
            self->answered(response);
        });
    }

    void answered(const HttpResponse &response)
    {
        const std::chrono::milliseconds delay = m_policy.delayFor(m_request, response, m_attempt);
        const bool withinTime =
            std::chrono::milliseconds(m_elapsed.elapsed()) + delay <= m_options.maxTotal;
        if (delay < 0ms || m_attempt >= m_options.maxAttempts || !withinTime) {
            m_promise.finish(response);
            return;
        }
        m_options.schedule(delay, [self = shared_from_this()] { self->attempt(); });
    }

    const RetryPolicy &m_policy;
    RetryOptions m_options;
    HttpRequest m_request;
    HttpPolicy::Next m_next;
    SharedPromise<HttpResponse> m_promise;
    QElapsedTimer m_elapsed;
    int m_attempt = 0;
};

} // namespace

RetryPolicy::RetryPolicy(RetryOptions options)
    : m_options(std::move(options))
{
    if (!m_options.jitter)
        m_options.jitter = [] {
            return 0.8 + 0.4 * QRandomGenerator::global()->generateDouble();
        };
    if (!m_options.schedule) {
        m_options.schedule = [](std::chrono::milliseconds delay, std::function<void()> callback) {
            QTimer::singleShot(delay, QCoreApplication::instance(), std::move(callback));
        };
    }
    m_options.maxAttempts = std::max(1, m_options.maxAttempts);
}

std::chrono::milliseconds RetryPolicy::delayFor(const HttpRequest &request,
                                                const HttpResponse &response, int retry) const
{
    if (response.hasHttpAnswer()) {
        if (!isRetriableStatus(response.status))
            return -1ms;
    } else if (!request.isIdempotent() || !isTransientNetworkError(response.networkError)) {
        return -1ms;
    }
    const std::chrono::milliseconds requested = serverDelay(response);
    if (requested >= 0ms)
        return std::min(requested, m_options.maxDelay);
    const double exponential =
        double(m_options.baseDelay.count()) * std::pow(2.0, std::max(0, retry - 1));
    const double jittered = exponential * m_options.jitter();
    // Whole milliseconds, rounded down so that the jitter band stays half-open; the
    // tolerance absorbs binary representation error (800 x 1.15 is 919.999...).
    const auto milliseconds = qint64(std::floor(jittered + 1e-6));
    return std::min(std::chrono::milliseconds(milliseconds), m_options.maxDelay);
}

QFuture<HttpResponse> RetryPolicy::send(HttpRequest request, const Next &next)
{
    return std::make_shared<RetryRun>(*this, m_options, std::move(request), next)->start();
}

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpPipeline.h"

#include <QList>
#include <QQueue>

namespace vl::test {

/**
 * @brief A transport that answers from a script and keeps every request it
 * was given, for tests of the pipeline's policies one at a time. Answers are
 * delivered from the event loop, as the network would.
 */
class ScriptedTransport final : public HttpTransport
{
public:
    /// Queues an answer of @p status with @p headers and @p body.
    void answer(int status, const HttpHeaders &headers = {}, const QByteArray &body = {});
    /// Queues a dropped connection (no HTTP answer).
    void drop(QNetworkReply::NetworkError error = QNetworkReply::RemoteHostClosedError);

    [[nodiscard]] QFuture<HttpResponse> send(const HttpRequest &request) override;

    [[nodiscard]] const QList<HttpRequest> &requests() const { return m_requests; }
    [[nodiscard]] int pending() const { return int(m_script.size()); }

private:
    QQueue<HttpResponse> m_script;
    QList<HttpRequest> m_requests;
};

} // namespace vl::test

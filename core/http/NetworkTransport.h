// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpPipeline.h"

#include <QPointer>
#include <QSslConfiguration>

#include <chrono>
#include <functional>

class QNetworkAccessManager;

namespace vl {

/**
 * @brief The end of every pipeline: one QNetworkAccessManager for the whole
 * app, TLS always verified.
 *
 * The TLS configuration of each request comes from a function of its URL, so
 * that the sandbox profile can add its own CA for its own hosts and for nothing
 * else (see CloudProfile::tlsFor). Redirects are not followed: every answer
 * goes back up the pipeline as it came. Runs on the thread of the manager.
 */
class NetworkTransport final : public HttpTransport
{
public:
    using TlsFor = std::function<QSslConfiguration(const QUrl &)>;

    explicit NetworkTransport(
        QNetworkAccessManager *manager, TlsFor tlsFor = {},
        std::chrono::milliseconds transferTimeout = std::chrono::seconds(100));

    /// Replaces how the TLS configuration is chosen (when the cloud profile changes).
    void setTlsFor(TlsFor tlsFor) { m_tlsFor = std::move(tlsFor); }
    void setUserAgent(const QByteArray &userAgent) { m_userAgent = userAgent; }

    [[nodiscard]] QFuture<HttpResponse> send(const HttpRequest &request) override;

private:
    QPointer<QNetworkAccessManager> m_manager;
    TlsFor m_tlsFor;
    std::chrono::milliseconds m_transferTimeout;
    QByteArray m_userAgent;
};

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/ServerTypes.h"

#include <QAbstractHttpServer>
#include <QSslCertificate>
#include <QSslKey>

#include <functional>

namespace vl::sandbox {

/// How an answer is to be delivered: faults for tests, injected by /sandbox/faults.
struct Delivery
{
    int delayMs = 0;       ///< answer this much later
    bool drop = false;     ///< close the connection without answering
    bool truncate = false; ///< announce the full length, send half the body, close
};

/**
 * @brief One listening origin of the sandbox (HTTP or HTTPS), on 127.0.0.1.
 *
 * Every request goes to one handler, which answers synchronously with an
 * HttpResponse (and optionally a Delivery). Routing is the handler's business:
 * the services' paths are matched by hand, as they are case-insensitive and
 * percent-encoded in ways a router would get wrong.
 */
class HttpServer final : public QAbstractHttpServer
{
    Q_OBJECT

public:
    using Handler = std::function<HttpResponse(const HttpRequest &, Delivery &)>;

    explicit HttpServer(Handler handler, QObject *parent = nullptr);

    /// Serves HTTPS with @p certificate and @p key (call before listen()).
    void useTls(const QSslCertificate &certificate, const QSslKey &key);
    /// Listens on 127.0.0.1:@p port (0 picks one); returns the port, 0 on failure.
    quint16 listenLocal(quint16 port);
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString origin() const;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    Handler m_handler;
    bool m_tls = false;
    quint16 m_port = 0;
};

} // namespace vl::sandbox

// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/HttpServer.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QSslConfiguration>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <memory>

using namespace Qt::StringLiterals;

namespace vl::sandbox {
namespace {

QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

void writeResponse(QHttpServerResponder &responder, const HttpResponse &response, bool truncate)
{
    QTcpSocket *socket = responder.socket();
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    if (truncate) {
        responder.writeBody(response.body.left(response.body.size() / 2));
        if (socket) {
            socket->flush();
            socket->disconnectFromHost();
        }
        return;
    }
    responder.writeBody(response.body);
}

} // namespace

HttpServer::HttpServer(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
{}

void HttpServer::useTls(const QSslCertificate &certificate, const QSslKey &key)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(certificate);
    config.setPrivateKey(key);
    config.setPeerVerifyMode(QSslSocket::VerifyNone); // clients are not asked for certificates
    // HTTP/1.1 only: advertising h2 breaks clients, as this server does not speak it.
    config.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")});
    sslSetup(config);
    m_tls = true;
}

quint16 HttpServer::listenLocal(quint16 port)
{
    m_port = listen(QHostAddress::LocalHost, port);
    return m_port;
}

QString HttpServer::origin() const
{
    return (m_tls ? u"https://127.0.0.1:"_s : u"http://127.0.0.1:"_s) + QString::number(m_port);
}

bool HttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    HttpRequest r;
    r.method = methodName(request.method());
    const QUrl url = request.url();
    r.path = url.path(QUrl::FullyDecoded);
    if (r.path.isEmpty())
        r.path = u"/"_s;
    const QUrlQuery query(url);
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded))
        r.query.append({name, value});
    r.headers = request.headers();
    r.body = request.body();
    r.peer = request.remoteAddress();
    r.origin = origin();

    Delivery delivery;
    const HttpResponse response = m_handler(r, delivery);
    // Answers go out at once: with Nagle's algorithm a response written in parts
    // waits for the client's delayed acknowledgement (up to 40 ms on Linux).
    if (socket)
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);

    if (delivery.drop) {
        if (socket)
            socket->abort();
        return true;
    }
    auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
    if (delivery.delayMs > 0) {
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(delivery.delayMs, this, [responder, response, delivery, guard] {
            if (guard)
                writeResponse(*responder, response, delivery.truncate);
        });
        return true;
    }
    writeResponse(*responder, response, delivery.truncate);
    return true;
}

void HttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest answers everything; this is only reached if it ever declines.
    makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
}

} // namespace vl::sandbox

// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/NetworkTransport.h"

#include "util/Future.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <memory>

using namespace Qt::StringLiterals;

namespace vl {

NetworkTransport::NetworkTransport(QNetworkAccessManager *manager, TlsFor tlsFor,
                                   std::chrono::milliseconds transferTimeout)
    : m_manager(manager)
    , m_tlsFor(std::move(tlsFor))
    , m_transferTimeout(transferTimeout)
    , m_userAgent(QByteArray("VaultLens/") + QCoreApplication::applicationVersion().toLatin1()
                  + " (Qt " + qVersion() + ")")
{}

QFuture<HttpResponse> NetworkTransport::send(const HttpRequest &request)
{
    HttpResponse response;
    response.context = request.context;
    response.started = QDateTime::currentDateTimeUtc();
    if (!m_manager) {
        response.networkError = QNetworkReply::UnknownNetworkError;
        response.networkErrorString =
            QCoreApplication::translate("vl::NetworkTransport", "The network is shut down.");
        return readyFuture(std::move(response));
    }

    QNetworkRequest networkRequest(request.url);
    for (const auto &[name, value] : request.headers)
        networkRequest.setRawHeader(name, value);
    if (networkRequest.rawHeader("User-Agent").isEmpty())
        networkRequest.setRawHeader("User-Agent"_ba, m_userAgent);
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                QNetworkRequest::ManualRedirectPolicy);
    networkRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                                QNetworkRequest::AlwaysNetwork);
    networkRequest.setTransferTimeout(int(m_transferTimeout.count()));
    if (m_tlsFor && request.url.scheme() == "https"_L1)
        networkRequest.setSslConfiguration(m_tlsFor(request.url));

    QNetworkReply *reply =
        request.body.isEmpty()
                && (request.method == "GET" || request.method == "DELETE"
                    || request.method == "HEAD")
            ? m_manager->sendCustomRequest(networkRequest, request.method)
            : m_manager->sendCustomRequest(networkRequest, request.method, request.body);

    SharedPromise<HttpResponse> promise;
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    QObject::connect(
        reply, &QNetworkReply::finished, reply, [reply, promise, clock, response]() mutable {
            reply->deleteLater();
            response.durationMs = clock->elapsed();
            const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
            // Errors below 200 are the connection's (1-99) or the proxy's (100-199): a status
            // that arrived before the connection failed does not make a whole answer.
            const QNetworkReply::NetworkError error = reply->error();
            const bool transportFailed = error != QNetworkReply::NoError && int(error) < 200;
            if (status.isValid() && !transportFailed) {
                response.status = status.toInt();
                response.headers = reply->rawHeaderPairs();
                response.body = reply->readAll();
            } else {
                response.networkError =
                    error == QNetworkReply::NoError ? QNetworkReply::UnknownNetworkError : error;
                response.networkErrorString = reply->errorString();
            }
            promise.finish(std::move(response));
        });
    return promise.future();
}

} // namespace vl

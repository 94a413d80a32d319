// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScriptedTransport.h"

#include "util/Future.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace vl::test {

void ScriptedTransport::answer(int status, const HttpHeaders &headers, const QByteArray &body)
{
    HttpResponse response;
    response.status = status;
    response.headers = headers;
    response.body = body;
    m_script.enqueue(response);
}

void ScriptedTransport::drop(QNetworkReply::NetworkError error)
{
    HttpResponse response;
    response.networkError = error;
    response.networkErrorString = u"Connection closed"_s;
    m_script.enqueue(response);
}

QFuture<HttpResponse> ScriptedTransport::send(const HttpRequest &request)
{
    m_requests.append(request);
    HttpResponse response;
    if (m_script.isEmpty()) {
        response.networkError = QNetworkReply::ProtocolFailure;
        response.networkErrorString = u"The script has no answer left"_s;
    } else {
        response = m_script.dequeue();
    }
    response.context = request.context;
    response.started = QDateTime::currentDateTimeUtc();
    SharedPromise<HttpResponse> promise;
    QTimer::singleShot(0, QCoreApplication::instance(),
                       [promise, response] { promise.finish(response); });
    return promise.future();
}

} // namespace vl::test

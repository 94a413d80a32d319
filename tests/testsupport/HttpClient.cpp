// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpClient.h"

#include <QNetworkReply>
#include <QSignalSpy>

namespace vl::test {

QByteArray HttpReply::header(const QByteArray &name) const
{
    for (const auto &[k, v] : headers)
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

QString HttpReply::errorCode() const
{
    return json()
        .value(QLatin1StringView("error"))
        .toObject()
        .value(QLatin1StringView("code"))
        .toString();
}

QString HttpReply::innerErrorCode() const
{
    return json()
        .value(QLatin1StringView("error"))
        .toObject()
        .value(QLatin1StringView("innererror"))
        .toObject()
        .value(QLatin1StringView("code"))
        .toString();
}

QString HttpReply::errorMessage() const
{
    return json()
        .value(QLatin1StringView("error"))
        .toObject()
        .value(QLatin1StringView("message"))
        .toString();
}

HttpClient::HttpClient(const QString &caCertificatePath)
    : m_tls(QSslConfiguration::defaultConfiguration())
{
    if (!caCertificatePath.isEmpty())
        m_tls.addCaCertificates(caCertificatePath, QSsl::Pem);
    m_manager.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

HttpReply HttpClient::send(const QByteArray &method, const QUrl &url, const QByteArray &body,
                           const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(url);
    request.setSslConfiguration(m_tls);
    for (const auto &[k, v] : headers)
        request.setRawHeader(k, v);
    QNetworkReply *reply = m_manager.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(30000);
    HttpReply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.headers = reply->rawHeaderPairs();
    if (out.status == 0)
        out.networkError = reply->errorString();
    reply->deleteLater();
    return out;
}

HttpReply HttpClient::get(const QUrl &url, const QByteArray &bearer)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!bearer.isEmpty())
        headers.append({"Authorization", "Bearer " + bearer});
    return send("GET", url, {}, headers);
}

HttpReply HttpClient::sendJson(const QByteArray &method, const QUrl &url, const QJsonObject &body,
                               const QByteArray &bearer)
{
    QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", "application/json"}};
    if (!bearer.isEmpty())
        headers.append({"Authorization", "Bearer " + bearer});
    return send(method, url, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

HttpReply HttpClient::postForm(const QUrl &url, const QList<QPair<QString, QString>> &fields)
{
    QByteArray body;
    for (const auto &[k, v] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(k) + '=' + QUrl::toPercentEncoding(v);
    }
    return send("POST", url, body, {{"Content-Type", "application/x-www-form-urlencoded"}});
}

} // namespace vl::test

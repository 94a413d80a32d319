// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/ClientCall.h"

#include <QCoreApplication>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace vl {

HttpRequest makeRequest(const QByteArray &method, const QUrl &url, Service service,
                        const QString &scope, const QString &operation)
{
    HttpRequest request;
    request.method = method;
    request.url = url;
    request.context.service = service;
    request.context.operation = operation;
    if (!scope.isEmpty())
        request.context.scopes = QStringList{scope};
    request.setHeader("Accept"_ba, "application/json"_ba);
    return request;
}

HttpRequest makeJsonRequest(const QByteArray &method, const QUrl &url, Service service,
                            const QString &scope, const QString &operation, const QJsonObject &body)
{
    HttpRequest request = makeRequest(method, url, service, scope, operation);
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    request.setHeader("Content-Type"_ba, "application/json"_ba);
    return request;
}

Result<QJsonObject> jsonBody(const HttpResponse &response, const QString &what)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        AzureError malformed = AzureError::make(
            AzureError::Kind::Malformed,
            QCoreApplication::translate("vl::ClientCall",
                                        "The answer to %1 is not a JSON object: %2")
                .arg(what, error.error != QJsonParseError::NoError ? error.errorString()
                                                                   : u"not an object"_s));
        malformed.status = response.status;
        malformed.requestId = QString::fromLatin1(response.header("x-ms-request-id"));
        malformed.clientRequestId = response.context.clientRequestId;
        return malformed;
    }
    return document.object();
}

QFuture<Result<Done>> sendExpectingSuccess(const HttpPipeline &pipeline, HttpRequest request)
{
    return sendAndParse<Done>(pipeline, std::move(request),
                              [](const HttpResponse &) -> Result<Done> { return Done{}; });
}

} // namespace vl

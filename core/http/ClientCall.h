// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/AzureError.h"
#include "http/HttpPipeline.h"
#include "util/Result.h"

#include <QFuture>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QUrl>

#include <utility>

namespace vl {

/// One page of a paged list, and where the next one is (empty when this is the last).
template<typename T>
struct Page
{
    QList<T> items;
    QUrl nextLink;
    [[nodiscard]] bool hasMore() const { return !nextLink.isEmpty(); }
};

/// A request of @p method to @p url for @p service, authenticated for @p scope.
[[nodiscard]] HttpRequest makeRequest(const QByteArray &method, const QUrl &url, Service service,
                                      const QString &scope, const QString &operation);
/// The same with a JSON body (Content-Type set).
[[nodiscard]] HttpRequest makeJsonRequest(const QByteArray &method, const QUrl &url,
                                          Service service, const QString &scope,
                                          const QString &operation, const QJsonObject &body);

/// The answer's body as a JSON object, or a Malformed error naming @p what.
[[nodiscard]] Result<QJsonObject> jsonBody(const HttpResponse &response, const QString &what);

/**
 * @brief Sends @p request and turns the answer into a Result: the failure a
 * policy found, or an AzureError for anything but 2xx, else whatever @p parse (HttpResponse ->
 * Result<T>) makes of it. The continuation runs on the thread that finished the exchange.
 */
template<typename T, typename Parse>
[[nodiscard]] QFuture<Result<T>> sendAndParse(const HttpPipeline &pipeline, HttpRequest request,
                                              Parse parse)
{
    return pipeline.send(std::move(request))
        .then([parse = std::move(parse)](const HttpResponse &response) -> Result<T> {
            if (response.failure.isError())
                return response.failure;
            if (!response.isSuccess())
                return AzureError::fromResponse(response);
            return parse(response);
        });
}

/// sendAndParse for calls whose answer carries nothing the caller needs.
[[nodiscard]] QFuture<Result<Done>> sendExpectingSuccess(const HttpPipeline &pipeline,
                                                         HttpRequest request);

} // namespace vl

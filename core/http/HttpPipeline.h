// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpTypes.h"

#include <QFuture>

#include <functional>
#include <memory>
#include <vector>

namespace vl {

/**
 * @brief One step of the request pipeline. A policy may change the request,
 * pass it on to @p next (once, several times, or not at all) and change the
 * answer on its way back.
 */
class HttpPolicy
{
public:
    using Next = std::function<QFuture<HttpResponse>(HttpRequest)>;
    virtual ~HttpPolicy() = default;
    [[nodiscard]] virtual QFuture<HttpResponse> send(HttpRequest request, const Next &next) = 0;
};

/// The end of the pipeline: sends bytes and answers with what came back.
class HttpTransport
{
public:
    virtual ~HttpTransport() = default;
    [[nodiscard]] virtual QFuture<HttpResponse> send(const HttpRequest &request) = 0;
};

/**
 * @brief The policies in order, then the transport.
 *
 * The app builds one pipeline per credential (see makePipeline in
 * http/Pipelines.h): client request id, retry, authentication, journal,
 * transport. A request never fails the future: errors are answers with a
 * status or a network error, which clients turn into an AzureError.
 */
class HttpPipeline
{
public:
    HttpPipeline(std::vector<std::shared_ptr<HttpPolicy>> policies,
                 std::shared_ptr<HttpTransport> transport);

    [[nodiscard]] QFuture<HttpResponse> send(HttpRequest request) const;

private:
    std::shared_ptr<const std::vector<std::shared_ptr<HttpPolicy>>> m_policies;
    std::shared_ptr<HttpTransport> m_transport;
};

} // namespace vl

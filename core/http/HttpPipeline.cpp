// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/HttpPipeline.h"

#include <utility>

namespace vl {

namespace {

/// Calls policy @p index, handing it the rest of the chain as `next`. The chain is
/// held by shared pointers, so a request in flight outlives the HttpPipeline object.
QFuture<HttpResponse>
sendFromPolicy(const std::shared_ptr<const std::vector<std::shared_ptr<HttpPolicy>>> &policies,
               const std::shared_ptr<HttpTransport> &transport, std::size_t index,
               HttpRequest request)
{
    if (index >= policies->size())
        return transport->send(request);
    HttpPolicy::Next next = [policies, transport, index](HttpRequest nextRequest) {
        return sendFromPolicy(policies, transport, index + 1, std::move(nextRequest));
    };
    return (*policies)[index]->send(std::move(request), next);
}

} // namespace

HttpPipeline::HttpPipeline(std::vector<std::shared_ptr<HttpPolicy>> policies,
                           std::shared_ptr<HttpTransport> transport)
    : m_policies(
        std::make_shared<const std::vector<std::shared_ptr<HttpPolicy>>>(std::move(policies)))
    , m_transport(std::move(transport))
{}

QFuture<HttpResponse> HttpPipeline::send(HttpRequest request) const
{
    return sendFromPolicy(m_policies, m_transport, 0, std::move(request));
}

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpPipeline.h"

namespace vl {

/**
 * @brief Gives each request an `x-ms-client-request-id` (a fresh UUID unless
 * the caller set one) and records it in the context, so the journal can tie a
 * challenge, its answer and any retries to one logical call, and a support
 * case can quote it.
 */
class RequestIdPolicy final : public HttpPolicy
{
public:
    [[nodiscard]] QFuture<HttpResponse> send(HttpRequest request, const Next &next) override;
};

} // namespace vl

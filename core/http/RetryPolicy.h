// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpPipeline.h"

#include <chrono>
#include <functional>

namespace vl {

/// The retry policy's knobs.
struct RetryOptions
{
    int maxAttempts = 4;                       ///< tries in all, the first included
    std::chrono::milliseconds baseDelay{800};  ///< first backoff, doubled per retry
    std::chrono::milliseconds maxDelay{30000}; ///< cap of one wait, Retry-After included
    std::chrono::milliseconds maxTotal{90000}; ///< no retry starts after this much time
    /// A factor in [0.8, 1.2) applied to each backoff; the seam tests replace.
    std::function<double()> jitter;
    /// Runs @p callback after @p delay; the seam tests replace (default: a QTimer).
    std::function<void(std::chrono::milliseconds delay, std::function<void()> callback)> schedule;
};

/**
 * @brief Resends a request answered with 408, 429 or 5xx, honouring
 * `Retry-After` (seconds or an HTTP date) and `retry-after-ms`, else
 * exponential backoff with jitter; bounded in attempts and total time. A
 * dropped connection or timeout is retried only for idempotent requests,
 * since a POST may already have taken effect.
 */
class RetryPolicy final : public HttpPolicy
{
public:
    explicit RetryPolicy(RetryOptions options = {});
    [[nodiscard]] QFuture<HttpResponse> send(HttpRequest request, const Next &next) override;

    /// The wait before retry number @p retry (from 1) after @p response; negative: do not retry.
    [[nodiscard]] std::chrono::milliseconds delayFor(const HttpRequest &request,
                                                     const HttpResponse &response, int retry) const;

private:
    RetryOptions m_options;
};

} // namespace vl

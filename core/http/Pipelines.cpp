// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/Pipelines.h"

#include "http/AuthenticationPolicy.h"
#include "http/JournalPolicy.h"
#include "http/RequestIdPolicy.h"

namespace vl {

std::shared_ptr<HttpPipeline> makePipeline(const PipelineOptions &options)
{
    std::vector<std::shared_ptr<HttpPolicy>> policies;
    policies.push_back(std::make_shared<RequestIdPolicy>());
    policies.push_back(std::make_shared<RetryPolicy>(options.retry));
    if (options.credential) {
        policies.push_back(std::make_shared<AuthenticationPolicy>(
            options.credential, options.challenges, options.challengeVerifier));
    }
    if (options.journal)
        policies.push_back(std::make_shared<JournalPolicy>(options.journal));
    return std::make_shared<HttpPipeline>(std::move(policies), options.transport);
}

} // namespace vl

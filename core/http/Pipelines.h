// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/AuthenticationPolicy.h"
#include "http/HttpPipeline.h"
#include "http/RetryPolicy.h"

#include <memory>

namespace vl {

class RequestJournal;
class TokenCredential;

/// What a pipeline is built from. Only the transport is required.
struct PipelineOptions
{
    std::shared_ptr<HttpTransport>
        transport; ///< shared by every pipeline: one QNetworkAccessManager
    std::shared_ptr<TokenCredential>
        credential; ///< null: requests go unauthenticated (identity calls)
    std::shared_ptr<ChallengeCache> challenges; ///< Key Vault challenges per vault; made when null
    ChallengeVerifier challengeVerifier;        ///< null: verifyChallengeByDomain
    RequestJournal *journal = nullptr;          ///< null: nothing is journaled
    RetryOptions retry;
};

/**
 * @brief The standard pipeline: client request id, retry, authentication
 * (when a credential is given), journal (when one is given), transport.
 */
[[nodiscard]] std::shared_ptr<HttpPipeline> makePipeline(const PipelineOptions &options);

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpPipeline.h"

#include <QPointer>

namespace vl {

class RequestJournal;

/**
 * @brief Records every exchange that reaches the transport, redacted (see
 * RequestRecord::capture), with the attempt, the token's provenance and the
 * challenge the authentication policy put in the request's context.
 */
class JournalPolicy final : public HttpPolicy
{
public:
    explicit JournalPolicy(RequestJournal *journal);
    [[nodiscard]] QFuture<HttpResponse> send(HttpRequest request, const Next &next) override;

private:
    QPointer<RequestJournal> m_journal;
};

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/JournalPolicy.h"

#include "journal/RequestJournal.h"

namespace vl {

JournalPolicy::JournalPolicy(RequestJournal *journal)
    : m_journal(journal)
{}

QFuture<HttpResponse> JournalPolicy::send(HttpRequest request, const Next &next)
{
    HttpRequest sent = request;
    return next(std::move(request)).then([journal = m_journal, sent](const HttpResponse &response) {
        if (journal)
            journal->append(RequestRecord::capture(sent, response));
        return response;
    });
}

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "journal/RequestRecord.h"
#include "util/Result.h"

#include <QFuture>
#include <QList>
#include <QString>

#include <optional>

namespace vl {

class AccountManager;
class Session;

/// The account (and tenant) that sent a journaled request.
struct RequestSender
{
    QString accountId;
    QString tenantId;
};

/**
 * @brief Sending a journaled request again, as the account that sent it: the
 * retry after a remedy was applied, whose flow is shown beside the first.
 *
 * Only requests without a body are sent again (GET and HEAD): the journal never
 * keeps request bodies. The sender is the signed-in account whose object id and
 * tenant the request's token names (the token of the request itself, or of
 * another request of the same exchange when it went anonymously first).
 */
namespace RequestReplay {

/// The token information of @p record, else of the first record of @p exchange with one.
[[nodiscard]] std::optional<TokenInfo> tokenOf(const RequestRecord &record,
                                               const QList<RequestRecord> &exchange = {});
/// Who sent @p record, or nothing when no signed-in account matches its token.
[[nodiscard]] std::optional<RequestSender> senderOf(const AccountManager &accounts,
                                                    const RequestRecord &record,
                                                    const QList<RequestRecord> &exchange = {});
/// Why @p record cannot be sent again, or an empty string when it can.
[[nodiscard]] QString whyNotRetry(Session &session, const RequestRecord &record);
/**
 * Sends @p record again through its sender's pipeline under a new client request
 * id; answers with the new request's journal record (the last attempt), or an
 * error when it cannot be sent again (see whyNotRetry()).
 */
[[nodiscard]] QFuture<Result<RequestRecord>> retry(Session &session, const RequestRecord &record);

} // namespace RequestReplay

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpServer.h"
#include "http/ServerTypes.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace vl::sandbox {

/**
 * @brief Faults injected through `POST /sandbox/faults`, for tests of retries and
 * error handling.
 *
 * Body:
 * `{"faults":[{"kind":"throttle","count":2,"retryAfter":1,"target":"vault","path":"/secrets"}]}`
 * - `kind`: `throttle` (429 with Retry-After), `unavailable` (503), `drop` (close the
 *   connection without answering), `slow` (answer after `delayMs`), `truncate` (send
 *   half the body), `emptyPage` (list pages come back empty with a nextLink);
 * - `count`: how many requests it hits (default 1), or `rate` (0 to 1) for a share of them;
 * - `target`: `vault`, `api` or `any` (default); `path`: a substring the path must contain;
 * - `retryAfter`: seconds (default 1); `delayMs`: for slow (default 2000).
 * An empty list clears every fault. Control requests themselves are never faulted.
 */
class Faults
{
public:
    enum class Kind { Throttle, Unavailable, Drop, Slow, Truncate, EmptyPage };
    enum class Target { Any, Vault, Api };

    struct Rule
    {
        Kind kind = Kind::Throttle;
        Target target = Target::Any;
        QString path;
        int remaining = 1; ///< -1: unlimited (rate rules)
        double rate = 0;   ///< 0: count-based
        int retryAfter = 1;
        int delayMs = 2000;
    };

    /// Replaces the rules; returns an error message for a malformed body.
    [[nodiscard]] std::optional<QString> configure(const QJsonObject &body);
    [[nodiscard]] QJsonArray toJson() const;
    void clear() { m_rules.clear(); }

    /// The fault for this request, consuming one use of a count-based rule.
    [[nodiscard]] std::optional<Rule> take(Target target, const HttpRequest &request,
                                           bool forList = false);

    /// The service's wording of an error answer: (status, code, message) -> response.
    using ErrorAnswer = std::function<HttpResponse(int, const QString &, const QString &)>;
    /**
     * Takes a fault for @p target and applies it: an answer to send instead of the real
     * one (429 or 503 with Retry-After, or nothing at all for a dropped connection), or
     * nothing when the request goes on (possibly slowed down or to be truncated).
     */
    [[nodiscard]] std::optional<HttpResponse> apply(Target target, const HttpRequest &request,
                                                    Delivery &delivery, const QString &throttleCode,
                                                    const QString &throttleMessage,
                                                    const ErrorAnswer &answer);

private:
    QList<Rule> m_rules;
};

} // namespace vl::sandbox

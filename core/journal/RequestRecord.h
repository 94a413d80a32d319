// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/AccessToken.h"
#include "http/AzureError.h"
#include "http/HttpTypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUrl>

#include <optional>

namespace vl {

/**
 * @brief One HTTP exchange as the journal keeps it: redacted by allow-list.
 *
 * Headers not on the allow-list keep their name and read `REDACTED` (the
 * Authorization header's value is never kept); the URL's query keeps only its
 * allow-listed parameters' values; request bodies are never kept; an answer's
 * body is kept only when it is a service error body (non-2xx, JSON with an
 * error), which cannot hold a token, a client secret or a secret value, and
 * not even then if it quotes any credential or secret string of the request.
 * The rules are in journal/Redaction.h.
 */
struct RequestRecord
{
    quint64 id = 0;    ///< position in the journal, from 1
    QDateTime started; ///< UTC
    qint64 durationMs = 0;
    Service service = Service::Other;
    QString operation; ///< "list secrets", "get token", ...
    QByteArray method;
    QUrl url;                    ///< redacted
    int status = 0;              ///< 0: no HTTP answer
    QString networkError;        ///< when there was no answer
    HttpHeaders requestHeaders;  ///< redacted
    HttpHeaders responseHeaders; ///< redacted
    QByteArray responseBody;     ///< only a service error body, else empty
    QString clientRequestId;
    int attempt = 1;
    std::optional<TokenInfo> token;
    std::optional<ChallengeInfo> challenge;
    AzureError error; ///< parsed from the answer; kind None on success

    /// Builds the record of @p request answered by @p response, redacting as above.
    /// The context (service, operation, token, challenge, attempt) is the request's,
    /// completed from the response's.
    [[nodiscard]] static RequestRecord capture(const HttpRequest &request,
                                               const HttpResponse &response);

    /// The first value of response header @p name (after redaction).
    [[nodiscard]] QByteArray responseHeader(QByteArrayView name) const
    {
        return headerValue(responseHeaders, name);
    }
    [[nodiscard]] bool hasHttpAnswer() const { return status > 0; }
    [[nodiscard]] bool isSuccess() const { return status >= 200 && status < 300; }
};

} // namespace vl

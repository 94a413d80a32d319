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
 * Headers not on the allow-list keep their name and read `REDACTED`; the
 * Authorization header is never kept; the URL's query keeps only its
 * allow-listed parameters; bodies are kept only where they cannot hold a
 * token, a client secret or a secret value (error bodies of the services,
 * which are parsed into `error`).
 */
struct RequestRecord
{
    quint64 id = 0;          ///< position in the journal, from 1
    QDateTime started;       ///< UTC
    qint64 durationMs = 0;
    Service service = Service::Other;
    QString operation;       ///< "list secrets", "get token", ...
    QByteArray method;
    QUrl url;                ///< redacted
    int status = 0;          ///< 0: no HTTP answer
    QString networkError;    ///< when there was no answer
    HttpHeaders requestHeaders;  ///< redacted
    HttpHeaders responseHeaders; ///< redacted
    QByteArray responseBody; ///< only a service error body, else empty
    QString clientRequestId;
    int attempt = 1;
    std::optional<TokenInfo> token;
    std::optional<ChallengeInfo> challenge;
    AzureError error;        ///< parsed from the answer; kind None on success

    /// Builds the record of @p request answered by @p response, redacting as above.
    [[nodiscard]] static RequestRecord capture(const HttpRequest &request, const HttpResponse &response);
};

} // namespace vl

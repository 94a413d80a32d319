// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "journal/RequestRecord.h"
#include "util/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

/**
 * @file
 * The request journal as an HTTP Archive (HAR 1.2), the format browsers'
 * developer tools read and write.
 *
 * ```
 *  log { version "1.2", creator { name "VaultLens", version },
 *        entries [ { startedDateTime, time,
 *                    request  { method, url, httpVersion, headers, queryString, cookies, ... },
 *                    response { status, statusText, headers, content { size, mimeType, text } },
 *                    cache {}, timings { send, wait, receive },
 *                    _vaultlens { service, operation, clientRequestId, attempt, token,
 *                                 challenge, networkError, error } } ] }
 * ```
 *
 * Export is made from journal records only, which are redacted: no token, no
 * request body, no answer body but a service's error document. `_vaultlens`
 * (a custom field, allowed by HAR for names starting with "_") keeps what the
 * flow explainer needs beyond the bytes: the token's provenance and decoded
 * claims (never the token), the challenge and the parsed error, so that an
 * imported archive explains the same as the session it came from. A HAR saved
 * by a browser imports too: the service is guessed from the host, the error is
 * parsed from the answer, and everything is redacted as the journal would.
 */
namespace vl {

class RequestJournal;

namespace har {

/// The HAR document of @p records (already redacted journal records).
[[nodiscard]] QJsonObject exportHar(const QList<RequestRecord> &records,
                                    const QString &creatorVersion);

/**
 * The records of a HAR document, in order, with ids from 1, redacted as the
 * journal redacts. Fails with a readable message when @p json is not JSON, not
 * a HAR log, or of a version other than 1.1 or 1.2.
 */
[[nodiscard]] Result<QList<RequestRecord>> importHar(const QByteArray &json);

/// Writes @p journal's records as HAR to @p path (atomically); false with @p error on failure.
bool exportHarFile(const RequestJournal &journal, const QString &path, QString *error = nullptr);

/// Reads the HAR file at @p path (see importHar).
[[nodiscard]] Result<QList<RequestRecord>> importHarFile(const QString &path);

/// The service a request to @p url most likely went to, from its host and path.
[[nodiscard]] Service serviceOfUrl(const QUrl &url);

} // namespace har
} // namespace vl

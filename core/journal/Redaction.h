// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpTypes.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QString>
#include <QUrl>

/**
 * @brief The journal's redaction rules: allow-lists, never deny-lists.
 *
 * A header keeps its value only when its name is on the allow-list (ids, dates,
 * sizes, the Key Vault diagnostics, the challenge); every other header keeps its
 * name and reads `REDACTED`, Authorization included. A URL keeps its scheme,
 * host, port and path; its query keeps the values of allow-listed parameters
 * (`api-version`, `maxresults`, `$skiptoken`, `$filter`, `resource`, `client_id`,
 * ...) and reads `REDACTED` for the others; user info and fragment are dropped.
 */
namespace vl::redaction {

/// What a redacted value reads.
inline constexpr QByteArrayView Redacted{"REDACTED"};

/// True when a header of this name (case-insensitive) may keep its value.
[[nodiscard]] bool isAllowedHeader(QByteArrayView name);
/// True when a query parameter of this (percent-decoded) name may keep its value.
[[nodiscard]] bool isAllowedQueryParameter(const QString &name);

/// @p headers with every value not on the allow-list replaced; URL-valued headers
/// (Location, Azure-AsyncOperation) are redacted as URLs.
[[nodiscard]] HttpHeaders headers(const HttpHeaders &headers);
/// @p url with its query redacted, without user info or fragment.
[[nodiscard]] QUrl url(const QUrl &url);

/**
 * The strings of @p request that must never reach the journal: the Authorization
 * value and its token, the values of other credential headers (cookies, keys,
 * identity headers), query values not
 * on the allow-list, the credential fields of a form body (client_secret,
 * client_assertion, refresh_token, code, code_verifier, device_code, password), and
 * the string values of a JSON body that may carry a secret (every one when the
 * context says bodyIsSecret, else `value`, `pwd` and private key members).
 * Strings shorter than four characters are left out.
 */
[[nodiscard]] QByteArrayList secretsOf(const HttpRequest &request);

/// True when @p data contains any of @p secrets (raw or JSON-escaped).
[[nodiscard]] bool containsAny(QByteArrayView data, const QByteArrayList &secrets);
/// @p text with every occurrence of any of @p secrets replaced by `REDACTED`.
[[nodiscard]] QString scrub(QString text, const QByteArrayList &secrets);

} // namespace vl::redaction

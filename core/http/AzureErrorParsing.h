// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/AzureError.h"

#include <QJsonObject>
#include <QString>

/**
 * @file
 * The pieces AzureError's parsers share (AzureError.cpp, AzureErrorEvidence.cpp,
 * AzureErrorText.cpp). Internal to the core library.
 */
namespace vl::errorparsing {

/**
 * Reads a service error document into @p error: Key Vault, Resource Manager and
 * Graph `{"error":{"code","message","innererror"|"innerError"}}`, the OAuth shape of
 * Entra ID and the managed identity endpoints (`error`, `error_description`,
 * `error_codes`, `trace_id`, `correlation_id`), OData's `odata.error` and a bare
 * `{"code","message"}`. Fields already set are kept. False when @p object is none of these.
 */
bool readErrorDocument(AzureError &error, const QJsonObject &object);

/// The `code` of an error object (`code` or `Code`), the first non-empty one.
[[nodiscard]] QString codeOf(const QJsonObject &object);

/// Fills the kind from the status, the codes and the message (see AzureError::Kind).
[[nodiscard]] AzureError::Kind classify(const AzureError &error);

/// The tenant at the end of an issuer or authority URL ("https://sts.windows.net/{t}/").
[[nodiscard]] QString tenantFromUrl(const QString &url);

/// The status a reason phrase names ("Forbidden" -> 403), 0 when unknown.
[[nodiscard]] int statusFromReason(const QString &reason);

} // namespace vl::errorparsing

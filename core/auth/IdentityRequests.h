// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/AccessToken.h"
#include "auth/CredentialOptions.h"
#include "http/HttpTypes.h"
#include "util/Result.h"

#include <QFuture>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <optional>

/**
 * @file
 * What the credentials share: the token endpoint's requests and answers, and
 * the mapping of OAuth error answers to AzureError. Internal to the core.
 */
namespace vl::identity {

using FormFields = QList<QPair<QString, QString>>;

/// application/x-www-form-urlencoded: every byte but unreserved ones percent-encoded.
[[nodiscard]] QByteArray formEncode(const FormFields &fields);

/// True for a tenant id Entra ID could accept in a URL path: letters, digits, '-', '.', '_'.
[[nodiscard]] bool isValidTenantId(const QString &tenantId);

/**
 * The tenant to ask for: @p ownTenant unless @p requested names another one
 * that @p allowed permits ("*" permits any). An Unauthenticated error otherwise.
 */
[[nodiscard]] Result<QString> resolveTenant(const QString &ownTenant, const QString &requested,
                                            const QStringList &allowed,
                                            const QString &credentialName);

/// `{authorityHost}/{tenant}/oauth2/v2.0/token`, or an error for a bad host or tenant.
[[nodiscard]] Result<QUrl> tokenEndpoint(const QUrl &authorityHost, const QString &tenantId);

/// A POST of @p form to @p endpoint, marked as a secret-bearing "get token" call to Entra ID.
[[nodiscard]] HttpRequest tokenRequest(const QUrl &endpoint, const FormFields &form);

/// An expiry given as Unix seconds (number or string) or as a date text, in UTC.
[[nodiscard]] std::optional<QDateTime> parseExpiresOn(const QJsonValue &value);

/**
 * The AzureError of a failed token exchange: a policy's own failure, a
 * network error, or the OAuth answer (`error`, `error_description`,
 * `error_codes`, `trace_id`) as Unauthenticated with `code` = `error` and
 * `innerCode` = "AADSTS<n>". Answers without an OAuth body keep the general
 * classification (429, 5xx).
 */
[[nodiscard]] AzureError tokenError(const HttpResponse &response);

/**
 * Reads a token answer (Entra ID, IMDS, App Service): `access_token`, then
 * `expires_on` or `expires_in` (number or string) relative to @p now.
 */
[[nodiscard]] Result<AccessToken> readTokenAnswer(const HttpResponse &response,
                                                  const QDateTime &now, TokenSource source,
                                                  const QString &credentialName);

/// Sends @p request through @p options' pipeline and reads the answer as a token.
[[nodiscard]] QFuture<Result<AccessToken>> requestToken(const CredentialOptions &options,
                                                        HttpRequest request, TokenSource source,
                                                        const QString &credentialName);

/// An Unauthenticated error with @p message (for failures found on this side).
[[nodiscard]] AzureError unauthenticated(const QString &message);

} // namespace vl::identity

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/CredentialOptions.h"
#include "auth/TokenCredential.h"

namespace vl {

/**
 * @brief An application signing in with a client secret (OAuth client
 * credentials grant).
 *
 * ```
 *  app ── POST {authority}/{tenant}/oauth2/v2.0/token ──────────────► Entra ID
 *         grant_type=client_credentials, client_id, client_secret,
 *         scope={resource}/.default [, claims]
 *  app ◄── {"access_token","expires_in",...}  or  {"error":"invalid_client",
 *          "error_codes":[7000215],...} (an Unauthenticated AzureError)
 * ```
 *
 * Every call asks Entra ID; wrap it in a CachingCredential to reuse tokens.
 * The secret stays in memory and travels only in the request body, which the
 * journal never keeps.
 */
class ClientSecretCredential final : public TokenCredential
{
public:
    ClientSecretCredential(QString tenantId, QString clientId, QString clientSecret,
                           CredentialOptions options);

    [[nodiscard]] QString name() const override;
    [[nodiscard]] QFuture<Result<AccessToken>>
    getToken(const TokenRequestContext &request) override;

    [[nodiscard]] const QString &tenantId() const { return m_tenantId; }
    [[nodiscard]] const QString &clientId() const { return m_clientId; }

private:
    QString m_tenantId;
    QString m_clientId;
    QString m_clientSecret;
    CredentialOptions m_options;
};

} // namespace vl

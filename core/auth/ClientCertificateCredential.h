// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/ClientCertificate.h"
#include "auth/CredentialOptions.h"
#include "auth/TokenCredential.h"

namespace vl {

/// How a ClientCertificateCredential signs its assertions.
struct ClientAssertionSettings
{
    ClientCertificate::Algorithm algorithm = ClientCertificate::Algorithm::Rs256;
    bool sendCertificateChain = false; ///< x5c, for subject name / issuer authentication
};

/**
 * @brief An application signing in with a certificate: a client assertion
 * signed with the certificate's key replaces the secret.
 *
 * ```
 *  app: assertion = JWT{alg RS256|PS256, x5t, x5t#S256 [, x5c]}
 *                      {aud = token endpoint, iss = sub = client id, jti, nbf, exp}
 *                   signed with the private key
 *  app ── POST {authority}/{tenant}/oauth2/v2.0/token ───────────────► Entra ID
 *         grant_type=client_credentials, client_id, scope,
 *         client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer,
 *         client_assertion=<JWT>
 *  app ◄── access token, or invalid_client (AADSTS700027: key not registered, ...)
 * ```
 *
 * Every call asks Entra ID; wrap it in a CachingCredential to reuse tokens.
 */
class ClientCertificateCredential final : public TokenCredential
{
public:
    using Settings = ClientAssertionSettings;

    ClientCertificateCredential(QString tenantId, QString clientId, ClientCertificate certificate,
                                CredentialOptions options, Settings settings = {});
    /**
     * A credential whose certificate is read from @p path (PEM or PFX) now; an
     * error that says why it cannot be read or used.
     */
    [[nodiscard]] static Result<std::shared_ptr<ClientCertificateCredential>>
    fromFile(QString tenantId, QString clientId, const QString &path, const QByteArray &password,
             CredentialOptions options, Settings settings = {});

    [[nodiscard]] QString name() const override;
    [[nodiscard]] QFuture<Result<AccessToken>>
    getToken(const TokenRequestContext &request) override;

    [[nodiscard]] const ClientCertificate &certificate() const { return m_certificate; }

private:
    QString m_tenantId;
    QString m_clientId;
    ClientCertificate m_certificate;
    CredentialOptions m_options;
    Settings m_settings;
};

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/CredentialOptions.h"
#include "auth/TokenCredential.h"

#include <QProcessEnvironment>

#include <memory>

namespace vl {

/**
 * @brief A service principal described by environment variables, as the
 * Azure SDKs read them.
 *
 * ```
 *  AZURE_TENANT_ID + AZURE_CLIENT_ID + AZURE_CLIENT_SECRET        ─► ClientSecretCredential
 *  AZURE_TENANT_ID + AZURE_CLIENT_ID + AZURE_CLIENT_CERTIFICATE_PATH
 *                  [+ AZURE_CLIENT_CERTIFICATE_PASSWORD]          ─► ClientCertificateCredential
 *  AZURE_AUTHORITY_HOST (optional)                                ─► the authority host
 * ```
 *
 * A secret wins over a certificate when both are set. When neither is
 * complete, or the certificate cannot be read, getToken() answers with an
 * Unauthenticated error naming what is missing.
 */
class EnvironmentCredential final : public TokenCredential
{
public:
    explicit EnvironmentCredential(
        CredentialOptions options,
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

    [[nodiscard]] QString name() const override;
    [[nodiscard]] QFuture<Result<AccessToken>>
    getToken(const TokenRequestContext &request) override;

    /// True when the environment describes a usable credential.
    [[nodiscard]] bool isAvailable() const { return m_inner != nullptr; }
    /// Why it is not available (empty when it is).
    [[nodiscard]] const QString &unavailableReason() const { return m_reason; }
    /// The credential built from the environment, or null.
    [[nodiscard]] const std::shared_ptr<TokenCredential> &inner() const { return m_inner; }

private:
    std::shared_ptr<TokenCredential> m_inner;
    QString m_reason;
};

} // namespace vl

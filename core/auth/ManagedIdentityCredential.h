// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/TokenCredential.h"
#include "http/HttpPipeline.h"
#include "util/Clock.h"

#include <QProcessEnvironment>
#include <QUrl>

#include <memory>

namespace vl {

/// Which managed identity to ask for, and where.
struct ManagedIdentityOptions
{
    enum class IdKind {
        SystemAssigned, ///< the host's own identity
        ClientId,       ///< a user-assigned identity by client id
        ObjectId,       ///< by object (principal) id
        ResourceId,     ///< by Azure resource id
    };

    std::shared_ptr<HttpPipeline> pipeline; ///< unauthenticated
    IdKind idKind = IdKind::SystemAssigned;
    QString id; ///< the client id, object id or resource id (empty for SystemAssigned)
    /**
     * The IMDS origin, e.g. the sandbox's `imdsEndpoint`; empty: App Service's
     * IDENTITY_ENDPOINT when set in the environment, else http://169.254.169.254.
     */
    QUrl endpoint;
    /// Where IDENTITY_ENDPOINT and IDENTITY_HEADER (or MSI_ENDPOINT, MSI_SECRET) are read.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const Clock *clock = nullptr; ///< the system clock when null
};

/**
 * @brief The token of the Azure resource VaultLens runs on, from the
 * instance metadata service or App Service's identity endpoint.
 *
 * ```
 *  IMDS (VM, VMSS, the sandbox):
 *   app ── GET {endpoint}/metadata/identity/oauth2/token?api-version=2018-02-01
 *              &resource=R[&client_id|object_id|msi_res_id]   Metadata: true ──► IMDS
 *  App Service, Functions, Container Apps (IDENTITY_ENDPOINT, IDENTITY_HEADER set):
 *   app ── GET {IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=R
 *              [&client_id|principal_id|mi_res_id]  X-IDENTITY-HEADER: {IDENTITY_HEADER} ──►
 *  app ◄── {"access_token","expires_on":"<epoch>","resource",...}
 * ```
 *
 * A managed identity lives in one tenant; a request's tenant is ignored. One
 * scope per request (its resource is the scope minus "/.default").
 */
class ManagedIdentityCredential final : public TokenCredential
{
public:
    explicit ManagedIdentityCredential(ManagedIdentityOptions options);

    [[nodiscard]] QString name() const override;
    [[nodiscard]] QFuture<Result<AccessToken>>
    getToken(const TokenRequestContext &request) override;

    /// True when the App Service identity endpoint will be used.
    [[nodiscard]] bool usesAppService() const;
    /// The request getToken() would send for @p scope (for tests and the journal's view).
    [[nodiscard]] Result<HttpRequest> buildRequest(const QString &scope) const;

private:
    ManagedIdentityOptions m_options;
};

} // namespace vl

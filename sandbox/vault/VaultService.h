// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Faults.h"
#include "ServiceContext.h"
#include "access/Operations.h"
#include "http/HttpServer.h"

namespace vl::access {
struct OperationRequest;
} // namespace vl::access

namespace vl::sandbox {

/// A request to one vault, recognised and authorized, ready to run.
struct VaultCall
{
    const HttpRequest &request;
    VaultRecord &vault;
    access::ClassifiedRequest operation;
    QString origin; ///< https://127.0.0.1:Vn, the base of every id
    QString apiVersion;
    bool emptyPage = false; ///< fault: answer list calls with an empty page and a nextLink
};

/**
 * @brief The Key Vault data plane, for every vault origin.
 *
 * ```
 *  request ─► no bearer token? ─► 401 + WWW-Authenticate (body and api-version unread)
 *     ├─► api-version known? ─no─► 400 BadParameter
 *     ├─► a data-plane operation? ─no─► 404
 *     ├─► access engine: firewall, token validation, access policy or RBAC, object state
 *     └─► the operation (secrets, keys, certificates)
 * ```
 * Every answer carries x-ms-request-id, the echoed x-ms-client-request-id and
 * x-ms-keyvault-network-info with the client address the firewall saw.
 */
class VaultService
{
public:
    VaultService(ServiceContext &context, Faults &faults);

    HttpResponse handle(VaultRecord &vault, const HttpRequest &request, Delivery &delivery);

    /// api-versions the data plane accepts (SANDBOX.md).
    static const QStringList &supportedApiVersions();

private:
    HttpResponse run(VaultCall &call);

    ServiceContext &m_context;
    Faults &m_faults;
};

/// `{"error":{"code":..,"message":..[,"innererror":{"code":..}]}}` with @p status.
[[nodiscard]] HttpResponse vaultError(int status, const QString &code, const QString &message,
                                      const QString &innerCode = {});

/// The secret operations (SecretOperations.cpp).
namespace SecretOperations {
[[nodiscard]] HttpResponse run(VaultCall &call, ServiceContext &context);
/// Facts the access engine's operation stage needs (enabled state of the version).
[[nodiscard]] std::optional<bool> enabledFact(const VaultCall &call);
} // namespace SecretOperations

/// The key operations (KeyOperations.cpp, KeyCryptoOperations.cpp).
namespace KeyOperations {
[[nodiscard]] HttpResponse run(VaultCall &call, ServiceContext &context);
/// Facts the access engine needs about the key version named: asymmetric (public-key
/// operations with keys/read in RBAC vaults), enabled, and its key_ops.
void addFacts(const VaultCall &call, access::OperationRequest &request);
} // namespace KeyOperations

/// The certificate operations (CertificateOperations.cpp and its companions).
namespace CertificateOperations {
[[nodiscard]] HttpResponse run(VaultCall &call, ServiceContext &context);
/**
 * Before a secret operation: the secrets that back certificates get their key id, and
 * writes to them are refused as the service refuses them (403, SecretManagedByKeyVault).
 */
[[nodiscard]] std::optional<HttpResponse> beforeSecretOperation(VaultCall &call);
} // namespace CertificateOperations

} // namespace vl::sandbox

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Faults.h"
#include "ServiceContext.h"
#include "access/AccessEngine.h"
#include "http/HttpServer.h"

#include <QStringList>

#include <functional>
#include <optional>

namespace vl::sandbox {

/// A Resource Manager request that passed authentication, ready to route.
struct ArmCall
{
    const HttpRequest &request;
    QStringList segments; ///< path segments, percent-decoded
    access::Caller caller;
    QString apiVersion;
};

/**
 * @brief Azure Resource Manager for the sandbox: subscriptions, tenants, resource
 * groups, Microsoft.KeyVault/vaults (with access policies, the firewall and
 * private endpoint connections), Microsoft.Authorization role assignments and
 * definitions, the generic resource listing and the Resource Graph vault query.
 *
 * ```
 *  request ─► bearer token valid for Resource Manager? ─no─► 401 InvalidAuthenticationToken…
 *     ├─► api-version known for the resource type? ─no─► 400
 *     ├─► RBAC: the caller holds the action at the scope? ─no─► 403 AuthorizationFailed
 *     └─► the operation
 * ```
 * Authorization is the access engine's (`AccessEngine::authorizeManagement`), with
 * the same role definitions and assignments the Key Vault data plane reads.
 */
class ArmService
{
public:
    /// Opens the data-plane origin of a vault created through Resource Manager.
    using VaultOpener = std::function<bool(VaultRecord &)>;

    ArmService(ServiceContext &context, Faults &faults, VaultOpener opener);

    /// Requests under /subscriptions, /tenants and /providers; nothing for other paths.
    [[nodiscard]] std::optional<HttpResponse> handle(const HttpRequest &request,
                                                     Delivery &delivery);

    /// The audiences Resource Manager accepts.
    static bool isArmAudience(const QString &audience);

private:
    HttpResponse route(ArmCall &call);
    HttpResponse subscriptions(ArmCall &call);
    HttpResponse tenants(ArmCall &call);
    HttpResponse resourceGroups(ArmCall &call, const QString &subscription);
    HttpResponse resources(ArmCall &call, const QString &subscription);
    HttpResponse vaults(ArmCall &call);
    HttpResponse authorization(ArmCall &call, const QString &scope, const QStringList &rest);
    /// `{vaultId}/privateEndpointConnections[/{name}]`; @p rest is what follows the type.
    HttpResponse privateEndpointConnections(ArmCall &call, const QString &vaultId,
                                            const QString &group, const QStringList &rest);
    /// `POST /providers/Microsoft.ResourceGraph/resources`: the vault inventory query.
    HttpResponse resourceGraph(ArmCall &call);

    /// Nothing when allowed; else the 403 AuthorizationFailed answer.
    [[nodiscard]] std::optional<HttpResponse>
    authorize(const ArmCall &call, const QString &action, const QString &scope,
              const access::ConditionAttributes &attributes = {}) const;
    [[nodiscard]] bool allowed(const ArmCall &call, const QString &action,
                               const QString &scope) const;
    [[nodiscard]] access::RbacContext rbacContext(const QString &scope) const;

    ServiceContext &m_context;
    Faults &m_faults;
    VaultOpener m_openVault;
};

/// `{"error":{"code":..,"message":..}}` in Resource Manager's shape.
[[nodiscard]] HttpResponse armError(int status, const QString &code, const QString &message);

} // namespace vl::sandbox

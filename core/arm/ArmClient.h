// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "arm/ArmRequests.h"
#include "arm/ResourceGraph.h"
#include "arm/ResourceTypes.h"
#include "arm/RoleTypes.h"
#include "arm/Vault.h"
#include "http/ClientCall.h"
#include "util/Result.h"

#include <QCoreApplication>
#include <QFuture>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <memory>
#include <optional>

namespace vl::arm {

/// The api-versions ArmClient sends (PROTOCOL.md §0: the newest stable of each).
namespace ApiVersion {
inline constexpr QLatin1StringView Subscriptions{"2022-12-01"};  ///< tenants, subscriptions
inline constexpr QLatin1StringView ResourceGroups{"2024-03-01"}; ///< Microsoft.Resources
inline constexpr QLatin1StringView KeyVault{"2026-02-01"};       ///< Microsoft.KeyVault
inline constexpr QLatin1StringView Authorization{"2022-04-01"};  ///< Microsoft.Authorization
inline constexpr QLatin1StringView ResourceGraph{"2024-04-01"};  ///< Microsoft.ResourceGraph
} // namespace ApiVersion

/// Which role assignments a scope listing returns.
enum class RoleAssignmentFilter {
    AtScopeAndAbove, ///< `$filter=atScope()`: the scope's own and inherited assignments
    All,             ///< no filter: at, above and below the scope
};

/**
 * @brief The Azure Resource Manager client: tenants, subscriptions, resource
 * groups, Key Vault vaults (read, PATCH, incremental access-policy updates,
 * private endpoint connections), Azure RBAC role assignments and definitions,
 * and the Resource Graph vault inventory across subscriptions.
 *
 * ```
 *  ArmClient ──request (Service::ResourceManager, ARM scope)──► HttpPipeline
 *            ◄── Result<T>: the parsed answer, or an AzureError ──
 *  (403 AuthorizationFailed -> AzureError::Kind::Rbac with action and scope;
 *   404 ResourceNotFound -> Kind::NotFound)
 * ```
 *
 * Every call returns `QFuture<Result<T>>` and never a failed future; receive
 * it with vl::onFinished(). Lists answer one Page at a time: pass the page's
 * nextLink back to the same call for the next one. A nextLink is followed
 * only when it points at the Resource Manager endpoint the client was made
 * with, so the token never travels to another host. The client holds no
 * state besides its pipeline, endpoint and scope; copies are cheap.
 */
class ArmClient
{
    Q_DECLARE_TR_FUNCTIONS(vl::arm::ArmClient)

public:
    /// The public cloud's Resource Manager scope.
    [[nodiscard]] static QString defaultScope();

    /**
     * @param pipeline the authenticated pipeline (one per credential)
     * @param endpoint Resource Manager, e.g. `https://management.azure.com/`
     * @param scope the token scope for Resource Manager in that cloud
     */
    ArmClient(std::shared_ptr<HttpPipeline> pipeline, QUrl endpoint,
              QString scope = defaultScope());

    [[nodiscard]] const QUrl &endpoint() const { return m_endpoint; }
    [[nodiscard]] const QString &scope() const { return m_scope; }

    /// @name Tenants, subscriptions and resource groups
    /// @{
    [[nodiscard]] QFuture<Result<Page<Tenant>>> listTenants(const QUrl &nextLink = {}) const;
    [[nodiscard]] QFuture<Result<Page<Subscription>>>
    listSubscriptions(const QUrl &nextLink = {}) const;
    [[nodiscard]] QFuture<Result<Subscription>>
    getSubscription(const QString &subscriptionId) const;
    [[nodiscard]] QFuture<Result<Page<ResourceGroup>>>
    listResourceGroups(const QString &subscriptionId, const QUrl &nextLink = {}) const;
    /// @}

    /// @name Key Vault vaults
    /// Vaults are named by their full resource id
    /// (`/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{name}`).
    /// @{
    [[nodiscard]] QFuture<Result<Page<Vault>>> listVaults(const QString &subscriptionId,
                                                          const QUrl &nextLink = {}) const;
    [[nodiscard]] QFuture<Result<Page<Vault>>> listVaults(const QString &subscriptionId,
                                                          const QString &resourceGroup,
                                                          const QUrl &nextLink = {}) const;
    [[nodiscard]] QFuture<Result<Vault>> getVault(const QString &vaultId) const;
    /// PATCH: changes only what @p patch sets; answers the updated vault.
    [[nodiscard]] QFuture<Result<Vault>> updateVault(const QString &vaultId,
                                                     const VaultPatchParameters &patch) const;
    /**
     * `PUT .../accessPolicies/{add|replace|remove}` with @p entries (at most 16).
     * The answer echoes the entries sent, not the vault's list: read the vault for that.
     */
    [[nodiscard]] QFuture<Result<VaultAccessPolicyParameters>>
    updateAccessPolicies(const QString &vaultId, AccessPolicyOperation operation,
                         const QList<AccessPolicyEntry> &entries) const;
    [[nodiscard]] QFuture<Result<Page<PrivateEndpointConnection>>>
    listPrivateEndpointConnections(const QString &vaultId, const QUrl &nextLink = {}) const;
    /**
     * Sets the connection's `privateLinkServiceConnectionState` to @p status
     * (Approved, Rejected or Disconnected) with @p description. With @p etag the
     * service refuses the change when the connection changed in between.
     */
    [[nodiscard]] QFuture<Result<PrivateEndpointConnection>>
    setPrivateEndpointConnectionStatus(const QString &vaultId, const QString &connectionName,
                                       const QString &status, const QString &description,
                                       const std::optional<QString> &etag = std::nullopt) const;
    [[nodiscard]] QFuture<Result<PrivateEndpointConnection>>
    approvePrivateEndpointConnection(const QString &vaultId, const QString &connectionName,
                                     const QString &description,
                                     const std::optional<QString> &etag = std::nullopt) const;
    [[nodiscard]] QFuture<Result<PrivateEndpointConnection>>
    rejectPrivateEndpointConnection(const QString &vaultId, const QString &connectionName,
                                    const QString &description,
                                    const std::optional<QString> &etag = std::nullopt) const;
    /// @}

    /// @name Azure RBAC (scopes are resource ids, or "/" for the root)
    /// @{
    [[nodiscard]] QFuture<Result<Page<RoleAssignment>>>
    listRoleAssignments(const QString &scope,
                        RoleAssignmentFilter filter = RoleAssignmentFilter::AtScopeAndAbove,
                        const QUrl &nextLink = {}) const;
    /// The principal's assignments at, above and below @p scope (`principalId eq '{id}'`).
    [[nodiscard]] QFuture<Result<Page<RoleAssignment>>>
    listRoleAssignmentsForPrincipal(const QString &scope, const QString &principalId,
                                    const QUrl &nextLink = {}) const;
    /// Role definitions assignable at @p scope; with @p roleName only that role.
    [[nodiscard]] QFuture<Result<Page<RoleDefinition>>>
    listRoleDefinitions(const QString &scope, const QString &roleName = {},
                        const QUrl &nextLink = {}) const;
    /// A role definition by its full id
    /// (`[/subscriptions/{s}]/providers/Microsoft.Authorization/roleDefinitions/{guid}`).
    [[nodiscard]] QFuture<Result<RoleDefinition>>
    getRoleDefinition(const QString &roleDefinitionId) const;
    /**
     * The caller's own effective permissions at @p scope
     * (`GET {scope}/providers/Microsoft.Authorization/permissions`): one entry per
     * role the caller holds there, directly or through a group, at or above the scope.
     */
    [[nodiscard]] QFuture<Result<Page<RolePermission>>>
    listPermissions(const QString &scope, const QUrl &nextLink = {}) const;
    /// Creates an assignment at @p scope, named @p assignmentName or a new GUID.
    [[nodiscard]] QFuture<Result<RoleAssignment>>
    createRoleAssignment(const QString &scope, const RoleAssignmentCreateParameters &parameters,
                         const QString &assignmentName = {}) const;
    /// Deletes the assignment with this full id; succeeds when it is already gone.
    [[nodiscard]] QFuture<Result<Done>> deleteRoleAssignment(const QString &roleAssignmentId) const;
    /// @}

    /// @name Azure Resource Graph
    /// @{
    /// Any Resource Graph query, one page.
    [[nodiscard]] QFuture<Result<ResourceGraphResponse>>
    queryResources(const ResourceGraphRequest &request) const;
    /**
     * One page of the vault inventory (ResourceGraphSerializer::vaultInventoryQuery())
     * across @p subscriptions; pass the page's skipToken back for the next one.
     * @p pageSize 0 leaves the page size to the service.
     */
    [[nodiscard]] QFuture<Result<VaultSummaryPage>> queryVaults(const QStringList &subscriptions,
                                                                const QString &skipToken = {},
                                                                int pageSize = 0) const;
    /// Every vault in @p subscriptions, following `$skipToken` to the last page.
    [[nodiscard]] QFuture<Result<QList<VaultSummary>>>
    listAllVaults(const QStringList &subscriptions, int pageSize = 0) const;
    /// @}

private:
    /// The endpoint with @p path (an ARM id or route, starting with '/') and @p query.
    [[nodiscard]] QUrl url(const QString &path, QUrlQuery query) const;
    /// A nextLink to follow, or an error when it leaves the endpoint's origin.
    [[nodiscard]] Result<QUrl> followable(const QUrl &nextLink, QLatin1StringView apiVersion) const;
    [[nodiscard]] HttpRequest request(const QByteArray &method, const QUrl &url,
                                      const QString &operation) const;
    [[nodiscard]] HttpRequest jsonRequest(const QByteArray &method, const QUrl &url,
                                          const QString &operation, const QJsonObject &body) const;
    template<typename T>
    [[nodiscard]] QFuture<Result<Page<T>>>
    getPage(const QUrl &first, const QUrl &nextLink, QLatin1StringView apiVersion,
            const QString &operation, T (*parse)(const QJsonObject &)) const;
    template<typename T>
    [[nodiscard]] QFuture<Result<T>> send(HttpRequest request,
                                          T (*parse)(const QJsonObject &)) const;

    std::shared_ptr<HttpPipeline> m_pipeline;
    QUrl m_endpoint;
    QString m_scope;
};

} // namespace vl::arm

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SandboxOptions.h"
#include "state/SandboxState.h"
#include "util/Clock.h"

#include <optional>

namespace vl::sandbox {

/// Well-known identifiers of the demo seed, fixed so that documentation and tests can name them.
namespace DemoIds {
inline const QString ContosoTenant = QStringLiteral("7f3c1a52-4e8b-4d1c-9a6e-2b5d8c0e1f34");
inline const QString FabrikamTenant = QStringLiteral("b2e4d6f8-1a3c-4e5f-8a7b-9c0d1e2f3a4b");
inline const QString ProductionSubscription =
    QStringLiteral("5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
inline const QString DevelopmentSubscription =
    QStringLiteral("6b2e3d4c-5f6a-4b7c-9d8e-0f1a2b3c4d5e");
inline const QString Alice = QStringLiteral("a11ce000-0000-4000-8000-000000000001");
inline const QString Dave = QStringLiteral("da7e0000-0000-4000-8000-000000000002");
inline const QString Erin = QStringLiteral("e4170000-0000-4000-8000-000000000003");
inline const QString Carol = QStringLiteral("ca401000-0000-4000-8000-000000000004");
inline const QString Developers = QStringLiteral("9d000000-0000-4000-8000-000000000010");
inline const QString Auditors = QStringLiteral("9a000000-0000-4000-8000-000000000011");
inline const QString CiPipelineApp = QStringLiteral("c1c1c1c1-0000-4000-8000-000000000020");
inline const QString CiPipeline = QStringLiteral("c1000000-0000-4000-8000-000000000021");
inline const QString ReportingApp = QStringLiteral("4e4e4e4e-0000-4000-8000-000000000022");
inline const QString Reporting = QStringLiteral("4e000000-0000-4000-8000-000000000023");
inline const QString WebAppClient = QStringLiteral("3eb00000-0000-4000-8000-000000000030");
inline const QString WebApp = QStringLiteral("3eb0a000-0000-4000-8000-000000000031");
inline const QString BackupService = QStringLiteral("bac00000-0000-4000-8000-000000000040");
inline const QString BackupServiceApp = QStringLiteral("bac0a000-0000-4000-8000-000000000041");
inline const QString FormerContractor = QStringLiteral("f0000000-0000-4000-8000-000000000050");
inline const QString PublicClient = QStringLiteral("0ca7e5a1-7e50-4d1e-9a5b-6c7d8e9f0a1b");
/// The Azure CLI's public client id (PROTOCOL.md §1.10).
inline const QString AzureCli = QStringLiteral("04b07795-8ddb-461a-bbee-02f9e1bf7b46");
inline const QString DefaultClientAddress = QStringLiteral("203.0.113.10");
} // namespace DemoIds

/**
 * @brief Builds the sandbox's starting state.
 *
 * - `empty`: the Contoso tenant with its administrator, the automation service
 *   principal, one subscription and one open access-policy vault with nothing in it;
 * - `demo`: the story a demo needs (see DESIGN.md and the README): two tenants with
 *   a guest, users with different rights, groups, service principals, a managed
 *   identity, two subscriptions and vaults covering both permission models, the
 *   firewall, private endpoints, and secrets in every state;
 * - `large:N`: `empty` plus N secrets in its vault, for benchmarks.
 */
class Seed
{
public:
    [[nodiscard]] static std::optional<SandboxState>
    build(const SandboxOptions &options, const Clock &clock, QString *error = nullptr);
};

} // namespace vl::sandbox

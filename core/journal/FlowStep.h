// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/Verdict.h"
#include "http/AzureError.h"
#include "http/HttpTypes.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace vl {

/**
 * @brief The stages of a request as the flow inspector draws them.
 *
 * Key Vault data-plane calls go through the seven stages
 * ```
 *  Token ─► Challenge ─► Call ─► Firewall ─► TokenValidation ─► Authorization ─► Operation
 * ```
 * Resource Manager calls: Token ─► ResourceManager ─► Authorization ─► Operation;
 * Graph calls: Token ─► Graph ─► Authorization ─► Operation;
 * Entra ID and managed identity token calls: TokenRequest ─► Operation.
 */
enum class FlowStage {
    Token,           ///< the app held or got a token for the call's resource and tenant
    Challenge,       ///< Key Vault's 401 challenge named the tenant and resource for the token
    Call,            ///< the request reached the service and an HTTP answer came back
    Firewall,        ///< the vault's network rules let the client in
    TokenValidation, ///< the vault accepted the token (signature, audience, issuer, lifetime)
    Authorization,   ///< an access policy or a role assignment allows the operation
    Operation,       ///< the service carried the operation out
    ResourceManager, ///< Resource Manager answered and accepted the call's token
    Graph,           ///< Microsoft Graph answered and accepted the call's token
    TokenRequest,    ///< the token request reached Entra ID or the managed identity endpoint
};

/// Passed, Failed, Skipped (not applicable or not needed) or Unknown (no evidence):
/// the access engine's vocabulary.
using FlowOutcome = access::Outcome;

/**
 * @brief What would fix a failed stage, with what the app needs to offer the
 * fix in one click, and a sentence for the user.
 */
struct Remedy
{
    enum class Kind {
        None,                        ///< nothing the app can do; `text` may still advise
        AddClientAddress,            ///< add `address` to the firewall of `vault`
        GrantAccessPolicyPermission, ///< grant `principalId` `permission` on `vault`
        AssignRole,                  ///< assign `roleName` to `principalId` at `scope`
        SignInToTenant,              ///< get a token from `tenantId`
        SignInAgain,                 ///< get a fresh token (expired, revoked, wrong resource)
        EnablePublicAccess,          ///< enable public network access on `vault`
        UsePrivateEndpoint,          ///< connect through an approved private endpoint of `vault`
    };

    Kind kind = Kind::None;
    QString text;             ///< one translated sentence; may be set when kind is None
    QString address;          ///< AddClientAddress: the client address the vault saw
    QString vault;            ///< the vault's name, when known
    QString principalId;      ///< GrantAccessPolicyPermission, AssignRole: the caller's object id
    QString permission;       ///< GrantAccessPolicyPermission: "secrets get"-style
    QString action;           ///< AssignRole: the refused data action or action
    QString scope;            ///< AssignRole: where the action was refused
    QString roleDefinitionId; ///< AssignRole: the suggested built-in role's GUID (may be empty)
    QString roleName;         ///< AssignRole: the suggested built-in role's name (may be empty)
    QString tenantId;         ///< SignInToTenant

    [[nodiscard]] bool isActionable() const { return kind != Kind::None; }
};

/// One stage, its outcome, and what it was decided from.
struct FlowStep
{
    FlowStage stage = FlowStage::Call;
    FlowOutcome outcome = FlowOutcome::Unknown;
    QString summary; ///< one translated sentence: what happened at this stage
    /// What decided it: the status, codes, headers ("name: value") and the
    /// service's message quoted; never a secret (the record is redacted).
    QStringList evidence;
    Remedy remedy; ///< on a failed stage, when a fix is known
};

/// A request explained stage by stage.
struct FlowExplanation
{
    Service service = Service::Other;
    QList<FlowStep> steps; ///< every stage of the service's flow, in order
    AzureError error;      ///< what the explanation was made from
    /// A later attempt of the same request that carried a token the vault accepted after
    /// this one was challenged (an anonymous 401, or a token refused for its tenant or
    /// age); 0: none.
    quint64 answeredBy = 0;

    [[nodiscard]] const FlowStep *step(FlowStage stage) const;
    /// The first failed stage, or nullptr.
    [[nodiscard]] const FlowStep *failedStep() const;
    /// The failed stage's remedy, or a remedy of kind None.
    [[nodiscard]] Remedy remedy() const;
    [[nodiscard]] FlowOutcome outcome(FlowStage stage) const;
};

/// The stages of @p service's flow, in order.
[[nodiscard]] QList<FlowStage> flowStages(Service service);
/// The stage's name for the user ("Token validation"), translated.
[[nodiscard]] QString flowStageName(FlowStage stage);
/// A stable English identifier ("tokenValidation") for logs, tests and export.
[[nodiscard]] QString flowStageId(FlowStage stage);
/// A stable English identifier ("assignRole") of a remedy kind.
[[nodiscard]] QString remedyKindId(Remedy::Kind kind);

} // namespace vl

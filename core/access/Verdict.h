// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace vl::access {

/// The stages of the Key Vault flow the engine decides, in the service's order.
enum class Stage { Firewall, TokenValidation, Authorization, Operation };

enum class Outcome {
    Passed,
    Failed,
    Skipped, ///< not reached, or not applicable to this request
    Unknown, ///< the engine was not given the facts to decide
};

/// Which rule decided a stage: lets the app explain and link the fix.
enum class Rule {
    None,
    // Firewall
    PrivateEndpointApproved,
    PrivateEndpointNotApproved,
    PublicAccessDisabled,
    TrustedServiceBypass,
    DefaultActionAllow,
    IpRule,
    VirtualNetworkRule,
    NoMatchingNetworkRule,
    // Token
    TokenMissing,
    TokenMalformed,
    TokenSignatureInvalid,
    TokenExpired,
    TokenNotYetValid,
    TokenAudienceInvalid,
    TokenIssuerInvalid,
    TokenValid,
    // Authorization
    AccessPolicyGrants,
    AccessPolicyMissingPermission,
    RbacAssignmentGrants,
    RbacNoAssignment,
    // Operation
    ObjectDisabled,
    KeyOperationNotPermitted,
    OperationAllowed,
};

struct StageVerdict
{
    Stage stage;
    Outcome outcome = Outcome::Unknown;
    Rule rule = Rule::None;
    QString detail;  ///< English, for the journal; the app turns `rule` into translated text
    QString matched; ///< the rule, policy entry (object id) or assignment id that decided it
};

/// The service's answer to a request it refuses.
struct Denial
{
    int status = 403;
    QString code;               ///< error.code
    QString innerCode;          ///< error.innererror.code, may be empty
    QString message;            ///< error.message, in the service's words
    QByteArray wwwAuthenticate; ///< set on 401 answers

    /// `{"error":{"code":...,"message":...,"innererror":{"code":...}}}`
    [[nodiscard]] QJsonObject toJson() const;
};

/// The engine's decision for one request, stage by stage.
struct Verdict
{
    QList<StageVerdict> stages; ///< always the four stages, in order
    std::optional<Denial> denial;

    [[nodiscard]] bool allowed() const { return !denial.has_value(); }
    [[nodiscard]] const StageVerdict &stage(Stage s) const;
};

[[nodiscard]] QString stageName(Stage stage);
[[nodiscard]] QString outcomeName(Outcome outcome);

} // namespace vl::access

// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/AccessEngine.h"

#include "access/AccessPolicyEvaluator.h"
#include "access/FirewallEvaluator.h"
#include "access/TokenEvaluator.h"

using namespace Qt::StringLiterals;

namespace vl::access {
namespace {

StageVerdict skipped(Stage stage, const QString &why)
{
    return {stage, Outcome::Skipped, Rule::None, why, {}};
}

/// The operation's own permission word in the service's messages ("get", "decrypt", ...).
QString operationVerb(const OperationInfo &info)
{
    return info.permissions.value(0);
}

StageResult evaluateOperation(const OperationInfo &info, const OperationRequest &request)
{
    if (!request.objectEnabled && !request.keyOperations)
        return {{Stage::Operation,
                 Outcome::Unknown,
                 Rule::None,
                 u"The object's state was not known to the engine"_s,
                 {}},
                std::nullopt};
    if (request.objectEnabled == false && info.operation == DataOperation::GetSecret)
        return {{Stage::Operation,
                 Outcome::Failed,
                 Rule::ObjectDisabled,
                 u"The secret is disabled"_s,
                 {}},
                Denial{403,
                       u"Forbidden"_s,
                       u"SecretDisabled"_s,
                       u"Operation get is not allowed on a disabled secret."_s,
                       {}}};
    static const QList<DataOperation> cryptoOps{DataOperation::Encrypt, DataOperation::Decrypt,
                                                DataOperation::Sign,    DataOperation::Verify,
                                                DataOperation::WrapKey, DataOperation::UnwrapKey};
    if (request.keyOperations && cryptoOps.contains(info.operation)
        && !request.keyOperations->contains(operationVerb(info), Qt::CaseInsensitive)) {
        return {{Stage::Operation,
                 Outcome::Failed,
                 Rule::KeyOperationNotPermitted,
                 u"The key's key_ops do not include "_s + operationVerb(info),
                 {}},
                Denial{403,
                       u"Forbidden"_s,
                       u"KeyOperationForbidden"_s,
                       u"Operation "_s + operationVerb(info) + u" is not permitted on this key."_s,
                       {}}};
    }
    return {{Stage::Operation,
             Outcome::Passed,
             Rule::OperationAllowed,
             u"Nothing in the object's state stops the operation"_s,
             {}},
            std::nullopt};
}

StageResult evaluateRbac(const VaultContext &vault, const Caller &caller, const OperationInfo &info,
                         const OperationRequest &request, const VaultLabel &label)
{
    const QString resource = AccessEngine::rbacResource(vault.vault, request);
    RbacDecision d = RbacEvaluator::checkDataAction(vault.rbac, caller, info.dataAction, resource);
    QString grantedBy = info.dataAction;
    if (!d.allowed && info.asymmetricReadSuffices && request.asymmetricKey) {
        grantedBy = u"Microsoft.KeyVault/vaults/keys/read"_s;
        d = RbacEvaluator::checkDataAction(vault.rbac, caller, grantedBy, resource);
    }
    if (d.allowed)
        return {{Stage::Authorization, Outcome::Passed, Rule::RbacAssignmentGrants,
                 u"Role '%1' assigned at %2 grants %3"_s.arg(d.roleName, d.scope, grantedBy),
                 d.assignmentId},
                std::nullopt};
    return {{Stage::Authorization,
             Outcome::Failed,
             Rule::RbacNoAssignment,
             u"No role assignment grants %1 on %2"_s.arg(info.dataAction, resource),
             {}},
            RbacEvaluator::dataPlaneDenial(caller, info.dataAction, resource, label)};
}

} // namespace

QString AccessEngine::rbacResource(const arm::Vault &vault, const OperationRequest &request)
{
    const OperationInfo &info = Operations::info(request.operation);
    if (!info.targetsObject || request.objectName.isEmpty())
        return vault.id;
    return vault.id + u'/' + wireName(info.kind) + u'/' + request.objectName;
}

Verdict AccessEngine::evaluate(const VaultContext &vault, const Caller &caller,
                               const Arrival &arrival, const OperationRequest &request,
                               qint64 nowSecs)
{
    const OperationInfo &info = Operations::info(request.operation);
    const VaultLabel label{vault.vault.name, vault.vault.location.value_or(QString())};
    const QString tenant = vault.vault.properties.tenantId;
    Verdict verdict;

    // The service challenges an anonymous request before anything else.
    if (!caller.token.present) {
        const StageResult token = evaluateToken(caller.token, tenant, vault.authorityHost, nowSecs);
        verdict.stages = {
            skipped(Stage::Firewall, u"Anonymous requests are challenged before the firewall"_s),
            token.verdict, skipped(Stage::Authorization, u"Not reached"_s),
            skipped(Stage::Operation, u"Not reached"_s)};
        verdict.denial = token.denial;
        return verdict;
    }

    const StageResult firewall = evaluateFirewall(vault.vault.properties, label, arrival, caller);
    verdict.stages.append(firewall.verdict);
    if (firewall.denial) {
        verdict.stages += {skipped(Stage::TokenValidation, u"Not reached"_s),
                           skipped(Stage::Authorization, u"Not reached"_s),
                           skipped(Stage::Operation, u"Not reached"_s)};
        verdict.denial = firewall.denial;
        return verdict;
    }

    const StageResult token = evaluateToken(caller.token, tenant, vault.authorityHost, nowSecs);
    verdict.stages.append(token.verdict);
    if (token.denial) {
        verdict.stages += {skipped(Stage::Authorization, u"Not reached"_s),
                           skipped(Stage::Operation, u"Not reached"_s)};
        verdict.denial = token.denial;
        return verdict;
    }

    const StageResult authz =
        vault.vault.properties.usesRbac()
            ? evaluateRbac(vault, caller, info, request, label)
            : evaluateAccessPolicies(
                vault.vault.properties.accessPolicies.value_or(QList<arm::AccessPolicyEntry>{}),
                caller, info, label);
    verdict.stages.append(authz.verdict);
    if (authz.denial) {
        verdict.stages.append(skipped(Stage::Operation, u"Not reached"_s));
        verdict.denial = authz.denial;
        return verdict;
    }

    const StageResult operation = evaluateOperation(info, request);
    verdict.stages.append(operation.verdict);
    verdict.denial = operation.denial;
    return verdict;
}

std::optional<Denial> AccessEngine::authorizeManagement(const RbacContext &rbac,
                                                        const Caller &caller, const QString &action,
                                                        const QString &scope,
                                                        const ConditionAttributes &attributes)
{
    if (RbacEvaluator::checkAction(rbac, caller, action, scope, attributes).allowed)
        return std::nullopt;
    return RbacEvaluator::managementDenial(caller, action, scope);
}

} // namespace vl::access

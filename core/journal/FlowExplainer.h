// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/RoleCatalogue.h"
#include "journal/FlowStep.h"
#include "journal/RequestRecord.h"

#include <QCoreApplication>
#include <QList>

namespace vl {

/**
 * @brief Turns a journaled exchange, or text pasted from another tool, into
 * the stages of its flow, each Passed, Failed, Skipped or Unknown, with the
 * evidence and, on the failed stage, a remedy.
 *
 * Key Vault (the service checks in this order, as the access engine does):
 * ```
 *  Token ─► Challenge ─► Call ─► Firewall ─► TokenValidation ─► Authorization ─► Operation
 *   │         │            │        │              │                  │              │
 *   │     401 + WWW-Auth.  │   403 ForbiddenBy-  401 AKV100xx     403 ForbiddenBy-  404, 409,
 *   │     (answered, or    │   Firewall/        (SignInToTenant,  Policy (grant)    403 Secret-
 *   │     cached: skipped) │   Connection       SignInAgain)      / Rbac (assign)   Disabled …
 *   │                  network error            (add address)
 * ```
 * A stage after the failed one is Unknown: it was not reached, so nothing
 * says how it would have gone. A 2xx answer is evidence that every stage
 * passed: the request got through the firewall, the token was accepted and an
 * access policy or role assignment allowed it. A 404 or 409 comes after
 * authorization. An anonymous first request (how clients learn the vault's
 * tenant) is challenged before the firewall: later stages are Skipped.
 *
 * Resource Manager and Graph: Token ─► ResourceManager|Graph (answer, token
 * accepted) ─► Authorization (RBAC; AuthorizationFailed names the action and
 * scope) ─► Operation. Entra ID and managed identity: TokenRequest ─► Operation
 * (the grant, refused with an AADSTS code).
 *
 * Remedies: AddClientAddress for a firewall denial, EnablePublicAccess or
 * UsePrivateEndpoint when public access is disabled, GrantAccessPolicyPermission
 * with the permission the denial names, AssignRole with the least privileged
 * built-in role that allows the refused action (from the role catalogue),
 * SignInToTenant for a token from the wrong tenant, SignInAgain for an expired
 * or rejected token.
 */
class FlowExplainer
{
    Q_DECLARE_TR_FUNCTIONS(vl::FlowExplainer)

public:
    /// @p catalogue supplies the role suggested by an AssignRole remedy; it must outlive this.
    explicit FlowExplainer(
        const access::RoleCatalogue &catalogue = access::RoleCatalogue::builtIn());

    /**
     * Explains @p record. @p exchange may hold the other records sent under the
     * same client request id (the journal's exchange(); @p record itself may be
     * among them): the anonymous 401 whose challenge was answered, earlier
     * attempts that were retried.
     */
    [[nodiscard]] FlowExplanation explain(const RequestRecord &record,
                                          const QList<RequestRecord> &exchange = {}) const;

    /// Explains text pasted from another tool (see AzureError::fromText), stage by
    /// stage; a stage is Unknown where the text holds no evidence about it.
    [[nodiscard]] FlowExplanation explainText(const QString &text) const;

    /// Explains an error of a call to @p service, with no record (Unknown where
    /// the error holds no evidence).
    [[nodiscard]] FlowExplanation explainError(const AzureError &error, Service service) const;

    /// The service an error most likely came from, by its codes and message;
    /// Key Vault when nothing tells.
    [[nodiscard]] static Service guessService(const AzureError &error);

private:
    const access::RoleCatalogue *m_catalogue;
};

} // namespace vl

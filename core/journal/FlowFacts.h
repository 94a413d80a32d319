// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/RoleCatalogue.h"
#include "journal/FlowStep.h"
#include "journal/RequestRecord.h"

#include <optional>

/**
 * @file
 * What the flow explainer decides from, and the stage builders it shares
 * (FlowExplainer.cpp, FlowStages.cpp, FlowRemedies.cpp). Internal to the core library.
 */
namespace vl::flow {

/// How far a request got, as its answer shows.
enum class Reach {
    Nothing,       ///< no evidence at all (pasted text that says nothing recognisable)
    NoAnswer,      ///< no HTTP answer: network error or cancelled
    Anonymous,     ///< Key Vault's answer to a request sent without a token: the challenge
    Firewall,      ///< refused by the vault's firewall
    Token,         ///< the token was refused (401 with a token)
    Authorization, ///< refused by access policy or RBAC
    Operation,     ///< authorized, then the operation failed (404, 409, object state)
    Unsure,        ///< refused where the answer does not say (429, 5xx, 400, unknown path)
    Success,       ///< a 2xx answer
};

/// Everything the stage builders read.
struct Facts
{
    Service service = Service::Other;
    AzureError error;
    bool fromText = false;
    int status = 0;
    bool answered = false; ///< an HTTP answer came (for text: the service spoke)
    qint64 durationMs = 0;
    int attempt = 1;
    quint64 recordId = 0;
    std::optional<TokenInfo> token;
    std::optional<ChallengeInfo> challenge;
    bool sentAuthorization = false; ///< an Authorization header was sent (value redacted)
    QByteArray networkInfo;         ///< x-ms-keyvault-network-info
    QByteArray rbacAssignment;      ///< x-ms-keyvault-rbac-assignment-id
    QByteArray retryAfter;          ///< Retry-After
    quint64 challengeRecordId = 0;  ///< an earlier anonymous 401 of the same exchange
    QByteArray challengeHeader;     ///< its WWW-Authenticate
    quint64 answeredById = 0;       ///< a later attempt with a token (this one was a 401)
    bool answerAccepted = false;    ///< that attempt's token was accepted (it got past a 401)
    QStringList earlierAttempts;    ///< "#12: HTTP 429" of earlier retried attempts
    QString tokenTenant;            ///< Entra ID: the tenant in the token endpoint's path
    Reach reach = Reach::Nothing;
};

/// A claim of the token (oid, tid, appid, aud, ...), or empty.
[[nodiscard]] QString claim(const Facts &facts, QLatin1StringView name);
/// The message, quoted, its lines kept.
[[nodiscard]] QString quote(const QString &message);
/// Status, codes, the quoted message and the request id: the error's evidence.
[[nodiscard]] QStringList errorEvidence(const Facts &facts);

[[nodiscard]] FlowStep makeStep(FlowStage stage, FlowOutcome outcome, const QString &summary,
                                const QStringList &evidence = {});

/// The Token stage of Key Vault, Resource Manager and Graph.
[[nodiscard]] FlowStep tokenStep(const Facts &facts);
/// The stage that says whether an answer came (Call, ResourceManager, Graph, TokenRequest).
[[nodiscard]] FlowStep answerStep(const Facts &facts, FlowStage stage);
/// The Operation stage, from the reach and the error.
[[nodiscard]] FlowStep operationStep(const Facts &facts);

[[nodiscard]] QList<FlowStep> keyVaultSteps(const Facts &facts,
                                            const access::RoleCatalogue &catalogue);
[[nodiscard]] QList<FlowStep> managementSteps(const Facts &facts,
                                              const access::RoleCatalogue &catalogue);
[[nodiscard]] QList<FlowStep> identitySteps(const Facts &facts);

// Remedies (FlowRemedies.cpp).
[[nodiscard]] Remedy addClientAddress(const Facts &facts);
[[nodiscard]] Remedy publicAccess(const Facts &facts);
[[nodiscard]] Remedy grantPermission(const Facts &facts);
[[nodiscard]] Remedy assignRole(const Facts &facts, const access::RoleCatalogue &catalogue,
                                bool dataAction);
[[nodiscard]] Remedy signInToTenant(const QString &tenantId, bool vault);
[[nodiscard]] Remedy signInAgain(const QString &why);
/// The remedy of a refused token request (AADSTS codes), or none; @p tenant: the tenant
/// it was sent to, when known.
[[nodiscard]] Remedy tokenRequestRemedy(const AzureError &error, const QString &tenant = {});

} // namespace vl::flow

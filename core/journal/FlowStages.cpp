// SPDX-License-Identifier: GPL-3.0-or-later
#include "journal/FlowExplainer.h"
#include "journal/FlowFacts.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace vl::flow {
namespace {

QString networkInfoAddress(const Facts &f)
{
    static const QRegularExpression addr(u"addr=([^;]+)"_s);
    const auto m = addr.match(QString::fromLatin1(f.networkInfo));
    return m.hasMatch() ? m.captured(1).trimmed() : QString();
}

QString principalOf(const Facts &f)
{
    if (!f.error.callerObjectId.isEmpty())
        return f.error.callerObjectId;
    return claim(f, "oid"_L1);
}

QStringList challengeEvidence(const QByteArray &header, const QString &tenant,
                              const QString &resource)
{
    QStringList out;
    if (!header.isEmpty())
        out.append(u"WWW-Authenticate: "_s + QString::fromUtf8(header));
    if (!tenant.isEmpty())
        out.append(u"tenant: "_s + tenant);
    if (!resource.isEmpty())
        out.append(u"resource: "_s + resource);
    return out;
}

FlowStep challengeStep(const Facts &f)
{
    const FlowStage stage = FlowStage::Challenge;
    if (f.challenge) {
        const ChallengeInfo &c = *f.challenge;
        QStringList evidence = challengeEvidence(c.wwwAuthenticate, c.tenantId, c.resource);
        if (f.challengeRecordId)
            evidence.append(
                FlowExplainer::tr("the challenge: record #%1").arg(f.challengeRecordId));
        if (c.origin == ChallengeInfo::Origin::Cached)
            return makeStep(stage, FlowOutcome::Skipped,
                            FlowExplainer::tr(
                                "The vault's challenge was already known: the token went with the "
                                "first request"),
                            evidence);
        return makeStep(stage, FlowOutcome::Passed,
                        FlowExplainer::tr(
                            "The vault's 401 challenge named tenant %1 and resource %2; the token "
                            "was asked for them")
                            .arg(c.tenantId, c.resource),
                        evidence);
    }
    if (f.reach == Reach::Anonymous) {
        const QByteArray &header = f.error.wwwAuthenticate;
        const QString tenant = f.error.expectedTenantId;
        QStringList evidence = errorEvidence(f);
        evidence += challengeEvidence(header, tenant, {});
        if (header.isEmpty() && !f.fromText)
            return makeStep(
                stage, FlowOutcome::Failed,
                FlowExplainer::tr("Key Vault answered 401 without a WWW-Authenticate challenge"),
                evidence);
        if (f.answeredById)
            return makeStep(
                stage, FlowOutcome::Passed,
                FlowExplainer::tr("The vault challenged the request sent without a token; the next "
                                  "attempt (record #%1) answered with a token")
                    .arg(f.answeredById),
                evidence);
        FlowStep s =
            makeStep(stage, FlowOutcome::Failed,
                     tenant.isEmpty()
                         ? FlowExplainer::tr("The vault's challenge was not answered with a token")
                         : FlowExplainer::tr(
                               "The vault's challenge was not answered with a token from tenant %1")
                               .arg(tenant),
                     evidence);
        if (!tenant.isEmpty()) {
            s.remedy = signInToTenant(tenant, true);
        } else {
            s.remedy.text = FlowExplainer::tr(
                "Get a token for the tenant the vault's WWW-Authenticate challenge "
                "names, for the resource https://vault.azure.net");
        }
        return s;
    }
    if (f.challengeRecordId)
        return makeStep(
            stage, FlowOutcome::Passed,
            FlowExplainer::tr("The vault's challenge (record #%1) was answered with a token")
                .arg(f.challengeRecordId),
            challengeEvidence(f.challengeHeader, {}, {}));
    if (f.fromText)
        return makeStep(stage, FlowOutcome::Unknown,
                        FlowExplainer::tr("The text does not show the challenge"));
    if (f.token || f.sentAuthorization)
        return makeStep(
            stage, FlowOutcome::Skipped,
            FlowExplainer::tr("No challenge was needed: the token went with the first request"));
    return makeStep(stage, FlowOutcome::Unknown, FlowExplainer::tr("No challenge is recorded"));
}

/// Evidence that a later stage was reached, which the service does only past the firewall.
QString reachedPastFirewall(Reach reach)
{
    switch (reach) {
    case Reach::Token:
        return FlowExplainer::tr(
            "the vault looked at the token, which it does only past its firewall");
    case Reach::Authorization:
        return FlowExplainer::tr(
            "the vault looked at the caller's permissions, which it does only past its firewall");
    default:
        return FlowExplainer::tr(
            "the vault acted on the request, which it does only past its firewall");
    }
}

FlowStep firewallStep(const Facts &f)
{
    const FlowStage stage = FlowStage::Firewall;
    const QString seen = networkInfoAddress(f);
    switch (f.reach) {
    case Reach::Anonymous:
        return makeStep(stage, FlowOutcome::Skipped,
                        FlowExplainer::tr("Anonymous requests are challenged before the firewall"));
    case Reach::Nothing:
    case Reach::NoAnswer:
        return makeStep(stage, FlowOutcome::Unknown, FlowExplainer::tr("Not reached"));
    case Reach::Unsure:
        return makeStep(stage, FlowOutcome::Unknown, FlowExplainer::tr("The answer does not say"));
    case Reach::Firewall: {
        QStringList evidence = errorEvidence(f);
        if (!f.networkInfo.isEmpty())
            evidence.append(u"x-ms-keyvault-network-info: "_s + QString::fromLatin1(f.networkInfo));
        if (f.error.kind == AzureError::Kind::Connection) {
            FlowStep s = makeStep(
                stage, FlowOutcome::Failed,
                FlowExplainer::tr("Public network access to the vault is disabled and the "
                                  "request did not come through an approved private endpoint"),
                evidence);
            s.remedy = publicAccess(f);
            return s;
        }
        const QString address = f.error.clientAddress.isEmpty() ? seen : f.error.clientAddress;
        FlowStep s = makeStep(
            stage, FlowOutcome::Failed,
            address.isEmpty()
                ? FlowExplainer::tr("The vault's firewall does not let the client address in")
                : FlowExplainer::tr("The vault's firewall does not let client address %1 in")
                      .arg(address),
            evidence);
        s.remedy = addClientAddress(f);
        return s;
    }
    case Reach::Token:
    case Reach::Authorization:
    case Reach::Operation:
    case Reach::Success:
        break;
    }
    QStringList evidence;
    if (!f.networkInfo.isEmpty())
        evidence.append(u"x-ms-keyvault-network-info: "_s + QString::fromLatin1(f.networkInfo));
    evidence.append(reachedPastFirewall(f.reach));
    return makeStep(stage, FlowOutcome::Passed,
                    seen.isEmpty()
                        ? FlowExplainer::tr("The request got through the firewall")
                        : FlowExplainer::tr("The firewall let client address %1 in").arg(seen),
                    evidence);
}

FlowStep tokenValidationStep(const Facts &f)
{
    const FlowStage stage = FlowStage::TokenValidation;
    QStringList claims;
    for (const QLatin1StringView c : {"aud"_L1, "tid"_L1, "iss"_L1})
        if (const QString v = claim(f, c); !v.isEmpty())
            claims.append(QString(c + u": "_s + v));
    switch (f.reach) {
    case Reach::Anonymous:
        return makeStep(
            stage, FlowOutcome::Skipped,
            FlowExplainer::tr("No token was sent: the vault answered with its challenge"));
    case Reach::Nothing:
    case Reach::NoAnswer:
    case Reach::Firewall:
        return makeStep(stage, FlowOutcome::Unknown, FlowExplainer::tr("Not reached"));
    case Reach::Unsure:
        return makeStep(stage, FlowOutcome::Unknown, FlowExplainer::tr("The answer does not say"));
    case Reach::Authorization:
    case Reach::Operation:
    case Reach::Success:
        return makeStep(stage, FlowOutcome::Passed,
                        FlowExplainer::tr("Key Vault accepted the token"), claims);
    case Reach::Token:
        break;
    }
    const AzureError &e = f.error;
    QStringList evidence = errorEvidence(f);
    if (!e.wwwAuthenticate.isEmpty())
        evidence.append(u"WWW-Authenticate: "_s + QString::fromUtf8(e.wwwAuthenticate));
    evidence += claims;
    FlowStep s = makeStep(stage, FlowOutcome::Failed,
                          FlowExplainer::tr("Key Vault refused the token"), evidence);
    const QString &m = e.message;
    const bool wrongTenant =
        m.contains("AKV10032"_L1)
        || (!e.expectedTenantId.isEmpty() && !e.callerTenantId.isEmpty()
            && e.expectedTenantId.compare(e.callerTenantId, Qt::CaseInsensitive));
    if (wrongTenant) {
        s.summary =
            FlowExplainer::tr("The token comes from tenant %1; the vault belongs to tenant %2")
                .arg(e.callerTenantId, e.expectedTenantId);
        s.remedy = signInToTenant(e.expectedTenantId, true);
    } else if (m.contains("TokenExpired"_L1) || m.contains("expired"_L1, Qt::CaseInsensitive)) {
        s.summary = FlowExplainer::tr("The token has expired");
        s.remedy = signInAgain(s.summary);
    } else if (m.contains("AKV10022"_L1) || m.contains("Invalid audience"_L1)) {
        s.summary = FlowExplainer::tr("The token was issued for another resource, not Key Vault");
        s.remedy = signInAgain(s.summary);
    } else if (m.contains("AKV10046"_L1) || m.contains("signature"_L1, Qt::CaseInsensitive)) {
        s.summary = FlowExplainer::tr(
            "The token's signature does not verify against the tenant's published keys");
        s.remedy = signInAgain(s.summary);
    } else if (m.contains("well-formed"_L1)) {
        s.summary = FlowExplainer::tr("The bearer token is not a well-formed token");
        s.remedy = signInAgain(s.summary);
    } else if (e.wwwAuthenticate.contains("insufficient_claims")) {
        s.summary = FlowExplainer::tr(
            "The vault asks for a token with more claims (continuous access evaluation)");
        s.remedy = signInAgain(s.summary);
    } else {
        s.remedy = signInAgain(s.summary);
    }
    if (f.answerAccepted) {
        // The next attempt's token was accepted: nothing is left to fix.
        s.remedy = Remedy{};
        s.remedy.text =
            wrongTenant
                ? FlowExplainer::tr("The vault's challenge named tenant %1; the next attempt "
                                    "(record #%2) carried a token from it and was accepted")
                      .arg(e.expectedTenantId)
                      .arg(f.answeredById)
                : FlowExplainer::tr(
                      "The next attempt (record #%1) carried a new token and was accepted")
                      .arg(f.answeredById);
    }
    return s;
}

FlowStep authorizationStep(const Facts &f, const access::RoleCatalogue &catalogue)
{
    const FlowStage stage = FlowStage::Authorization;
    const bool vault = f.service == Service::KeyVault;
    switch (f.reach) {
    case Reach::Anonymous:
        return makeStep(stage, FlowOutcome::Skipped,
                        FlowExplainer::tr("Not reached: the request was challenged"));
    case Reach::Nothing:
    case Reach::NoAnswer:
    case Reach::Firewall:
    case Reach::Token:
        return makeStep(stage, FlowOutcome::Unknown, FlowExplainer::tr("Not reached"));
    case Reach::Unsure:
        return makeStep(stage, FlowOutcome::Unknown, FlowExplainer::tr("The answer does not say"));
    case Reach::Operation:
        return makeStep(
            stage, FlowOutcome::Passed,
            vault ? FlowExplainer::tr(
                "Allowed: Key Vault looks at the object only after authorizing the caller")
                  : FlowExplainer::tr(
                        "Allowed: %1 looks the resource up only after authorizing the caller")
                        .arg(serviceName(f.service)),
            {u"HTTP %1"_s.arg(f.status)});
    case Reach::Success:
        if (!f.rbacAssignment.isEmpty())
            return makeStep(
                stage, FlowOutcome::Passed,
                FlowExplainer::tr("Role assignment %1 allows the operation")
                    .arg(QString::fromLatin1(f.rbacAssignment)),
                {u"x-ms-keyvault-rbac-assignment-id: "_s + QString::fromLatin1(f.rbacAssignment)});
        return makeStep(
            stage, FlowOutcome::Passed,
            vault ? FlowExplainer::tr("An access policy or a role assignment allows the operation")
                  : FlowExplainer::tr("The caller is allowed the operation"),
            {u"HTTP %1"_s.arg(f.status)});
    case Reach::Authorization:
        break;
    }
    const AzureError &e = f.error;
    QStringList evidence = errorEvidence(f);
    const QString principal = principalOf(f);
    if (!principal.isEmpty())
        evidence.append(u"oid: "_s + principal);
    if (!e.callerAppId.isEmpty())
        evidence.append(u"appid: "_s + e.callerAppId);
    if (!e.decisionReason.isEmpty())
        evidence.append(u"DecisionReason: "_s + e.decisionReason);
    FlowStep s = makeStep(stage, FlowOutcome::Failed, {}, evidence);
    if (e.kind == AzureError::Kind::Policy
        && e.message.contains("first party service"_L1, Qt::CaseInsensitive)) {
        // A Microsoft service calling on the caller's behalf, not the caller itself.
        s.summary = FlowExplainer::tr("Key Vault refused a Microsoft first-party service");
        s.remedy.text = FlowExplainer::tr(
            "Allow that Microsoft service in the vault's settings (for example access for "
            "Resource Manager template deployment, or trusted Microsoft services), or call the "
            "vault with an identity of your own");
    } else if (e.kind == AzureError::Kind::Policy) {
        s.summary =
            FlowExplainer::tr("No access policy of vault %1 grants %2 the permission %3")
                .arg(e.vaultName.isEmpty() ? FlowExplainer::tr("(this vault)") : e.vaultName,
                     principal.isEmpty() ? FlowExplainer::tr("the caller") : principal,
                     e.missingPermission.isEmpty() ? FlowExplainer::tr("it needs")
                                                   : e.missingPermission);
        s.remedy = grantPermission(f);
    } else if (f.service == Service::Graph) {
        s.summary = FlowExplainer::tr(
            "Microsoft Graph refused: the app or the signed-in user lacks the directory "
            "permission");
        s.remedy.text = FlowExplainer::tr(
            "An administrator must consent to the app's Microsoft Graph permission "
            "(Directory.Read.All), or give the signed-in user a directory role that "
            "can read these objects");
    } else {
        s.summary = vault
                        ? FlowExplainer::tr("No role assignment grants %1 the data action %2 on %3")
                              .arg(principal, e.action, e.scope)
                        : FlowExplainer::tr("No role assignment grants %1 the action %2 over %3")
                              .arg(principal, e.action, e.scope);
        s.remedy = assignRole(f, catalogue, vault);
    }
    return s;
}

FlowStep managementServiceStep(const Facts &f, FlowStage stage)
{
    if (f.reach != Reach::Token)
        return answerStep(f, stage);
    const AzureError &e = f.error;
    QStringList evidence = errorEvidence(f);
    if (!e.wwwAuthenticate.isEmpty())
        evidence.append(u"WWW-Authenticate: "_s + QString::fromUtf8(e.wwwAuthenticate));
    FlowStep s =
        makeStep(stage, FlowOutcome::Failed,
                 FlowExplainer::tr("%1 refused the token").arg(serviceName(f.service)), evidence);
    const QString code = e.code.toLower();
    if (code == "invalidauthenticationtokentenant"_L1
        || (!e.expectedTenantId.isEmpty() && !e.callerTenantId.isEmpty()
            && e.expectedTenantId.compare(e.callerTenantId, Qt::CaseInsensitive))) {
        s.summary = FlowExplainer::tr(
                        "The token comes from tenant %1; the subscription belongs to tenant %2")
                        .arg(e.callerTenantId, e.expectedTenantId);
        s.remedy = signInToTenant(e.expectedTenantId, false);
    } else if (code == "expiredauthenticationtoken"_L1
               || e.message.contains("expired"_L1, Qt::CaseInsensitive)) {
        s.summary = FlowExplainer::tr("The token has expired");
        s.remedy = signInAgain(s.summary);
    } else if (e.message.contains("audience"_L1, Qt::CaseInsensitive)) {
        s.summary = FlowExplainer::tr("The token was issued for another resource");
        s.remedy = signInAgain(s.summary);
    } else {
        s.remedy = signInAgain(s.summary);
    }
    return s;
}

} // namespace

QList<FlowStep> keyVaultSteps(const Facts &f, const access::RoleCatalogue &catalogue)
{
    return {tokenStep(f),    challengeStep(f),       answerStep(f, FlowStage::Call),
            firewallStep(f), tokenValidationStep(f), authorizationStep(f, catalogue),
            operationStep(f)};
}

QList<FlowStep> managementSteps(const Facts &f, const access::RoleCatalogue &catalogue)
{
    const FlowStage stage =
        f.service == Service::Graph ? FlowStage::Graph : FlowStage::ResourceManager;
    return {tokenStep(f), managementServiceStep(f, stage), authorizationStep(f, catalogue),
            operationStep(f)};
}

} // namespace vl::flow

// SPDX-License-Identifier: GPL-3.0-or-later
#include "journal/FlowExplainer.h"

#include "journal/FlowFacts.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace vl {
namespace flow {
namespace {

bool isGenericNotFound(const AzureError &e)
{
    // The vault did not recognise the path: nothing says what was checked before.
    return e.code.compare("NotFound"_L1, Qt::CaseInsensitive) == 0
           || e.code.compare("SubscriptionNotFound"_L1, Qt::CaseInsensitive) == 0;
}

Reach reachOf(const Facts &f)
{
    using Kind = AzureError::Kind;
    const Kind kind = f.error.kind;
    if (kind == Kind::Network || kind == Kind::Cancelled)
        return Reach::NoAnswer;
    if (!f.fromText && !f.answered)
        return Reach::NoAnswer;
    if (f.service == Service::KeyVault && kind == Kind::Unauthenticated) {
        const bool anonymous = f.fromText ? f.error.message.contains("AKV10000"_L1)
                                          : (!f.token && !f.sentAuthorization && f.status == 401);
        if (anonymous)
            return Reach::Anonymous;
    }
    switch (kind) {
    case Kind::None:
        return f.fromText ? Reach::Nothing : Reach::Success;
    case Kind::Firewall:
    case Kind::Connection:
        return Reach::Firewall;
    case Kind::Unauthenticated:
        return Reach::Token;
    case Kind::Policy:
    case Kind::Rbac:
        return Reach::Authorization;
    case Kind::NotFound:
        return isGenericNotFound(f.error) ? Reach::Unsure : Reach::Operation;
    case Kind::Conflict:
        return Reach::Operation;
    case Kind::Throttled:
    case Kind::Server:
    case Kind::Malformed:
        return Reach::Unsure;
    case Kind::Network:
    case Kind::Cancelled:
        break;
    }
    return Reach::NoAnswer;
}

bool isServiceKind(AzureError::Kind kind)
{
    return kind != AzureError::Kind::None && kind != AzureError::Kind::Network
           && kind != AzureError::Kind::Cancelled;
}

QString tokenSummary(const TokenInfo &t)
{
    const QString source = tokenSourceName(t.source);
    const QString scopes = t.scopes.join(u' ');
    if (t.credential.isEmpty())
        return FlowExplainer::tr("A token for %1 came from the %2").arg(scopes, source);
    return FlowExplainer::tr("A token for %1 came from the %2 (%3)")
        .arg(scopes, source, t.credential);
}

} // namespace

QString claim(const Facts &facts, QLatin1StringView name)
{
    if (!facts.token)
        return {};
    const QJsonValue v = facts.token->claims.value(name);
    if (v.isArray()) {
        QStringList parts;
        for (const QJsonValue &item : v.toArray())
            parts.append(item.toString());
        return parts.join(u' ');
    }
    return v.toString();
}

QString quote(const QString &message)
{
    QString text = message;
    text.replace("\r\n"_L1, "\n"_L1);
    text = text.trimmed();
    if (text.size() > 2000)
        text = text.left(2000) + u'…';
    return u'“' + text + u'”';
}

QStringList errorEvidence(const Facts &f)
{
    QStringList out;
    const AzureError &e = f.error;
    if (f.status > 0)
        out.append(u"HTTP %1"_s.arg(f.status));
    if (!e.code.isEmpty())
        out.append(u"error.code: "_s + e.code);
    if (!e.innerCode.isEmpty())
        out.append((e.innerCode.startsWith("AADSTS"_L1) ? u"AADSTS: "_s : u"innererror.code: "_s)
                   + e.innerCode);
    if (!e.message.isEmpty())
        out.append(quote(e.message));
    if (!e.requestId.isEmpty())
        out.append(u"x-ms-request-id: "_s + e.requestId);
    return out;
}

FlowStep makeStep(FlowStage stage, FlowOutcome outcome, const QString &summary,
                  const QStringList &evidence)
{
    FlowStep s;
    s.stage = stage;
    s.outcome = outcome;
    s.summary = summary;
    s.evidence = evidence;
    return s;
}

FlowStep tokenStep(const Facts &f)
{
    if (f.token) {
        QStringList evidence{u"source: "_s + tokenSourceName(f.token->source)};
        if (!f.token->credential.isEmpty())
            evidence.append(u"credential: "_s + f.token->credential);
        for (const QLatin1StringView c : {"aud"_L1, "tid"_L1, "oid"_L1, "appid"_L1, "upn"_L1})
            if (const QString v = claim(f, c); !v.isEmpty())
                evidence.append(QString(c + u": "_s + v));
        if (f.token->expiresOn.isValid())
            evidence.append(u"expires: "_s + f.token->expiresOn.toUTC().toString(Qt::ISODate));
        return makeStep(FlowStage::Token, FlowOutcome::Passed, tokenSummary(*f.token), evidence);
    }
    if (f.reach == Reach::Anonymous
        || (!f.fromText && f.service == Service::KeyVault && !f.sentAuthorization
            && f.status == 0)) {
        return makeStep(
            FlowStage::Token, FlowOutcome::Skipped,
            FlowExplainer::tr("Sent without a token first, as Key Vault clients do, to learn the "
                              "vault's tenant from its challenge"));
    }
    if (f.sentAuthorization)
        return makeStep(FlowStage::Token, FlowOutcome::Passed,
                        FlowExplainer::tr("A bearer token was sent"),
                        {u"Authorization: REDACTED"_s});
    if (f.fromText
        && (f.reach == Reach::Token || f.reach == Reach::Authorization
            || f.reach == Reach::Operation)) {
        return makeStep(FlowStage::Token, FlowOutcome::Passed,
                        FlowExplainer::tr("A token was sent: the service read it"),
                        {FlowExplainer::tr("implied by the later stages")});
    }
    return makeStep(FlowStage::Token, FlowOutcome::Unknown,
                    FlowExplainer::tr("Nothing says how the token was had"));
}

FlowStep answerStep(const Facts &f, FlowStage stage)
{
    const QString service = serviceName(f.service);
    if (f.reach == Reach::NoAnswer) {
        if (f.error.kind == AzureError::Kind::Cancelled)
            return makeStep(stage, FlowOutcome::Failed,
                            FlowExplainer::tr("The request was cancelled"),
                            {quote(f.error.message)});
        return makeStep(
            stage, FlowOutcome::Failed,
            FlowExplainer::tr("No answer came from %1: the connection failed").arg(service),
            {quote(f.error.message)});
    }
    if (f.fromText) {
        if (!f.answered)
            return makeStep(stage, FlowOutcome::Unknown,
                            FlowExplainer::tr("The text does not show an answer"));
        QStringList evidence;
        if (f.status > 0)
            evidence.append(u"HTTP %1"_s.arg(f.status));
        if (!f.error.requestId.isEmpty())
            evidence.append(u"x-ms-request-id: "_s + f.error.requestId);
        return makeStep(stage, FlowOutcome::Passed, FlowExplainer::tr("%1 answered").arg(service),
                        evidence);
    }
    QStringList evidence{u"HTTP %1"_s.arg(f.status)};
    if (!f.error.requestId.isEmpty())
        evidence.append(u"x-ms-request-id: "_s + f.error.requestId);
    if (f.attempt > 1)
        evidence.append(FlowExplainer::tr("attempt %1").arg(f.attempt));
    for (const QString &earlier : f.earlierAttempts)
        evidence.append(FlowExplainer::tr("retried after %1").arg(earlier));
    return makeStep(stage, FlowOutcome::Passed,
                    FlowExplainer::tr("%1 answered HTTP %2 in %n ms", nullptr,
                                      f.durationMs > 0 ? int(f.durationMs) : 0)
                        .arg(service)
                        .arg(f.status),
                    evidence);
}

FlowStep operationStep(const Facts &f)
{
    using Kind = AzureError::Kind;
    const FlowStage stage = FlowStage::Operation;
    switch (f.reach) {
    case Reach::Success:
        return makeStep(stage, FlowOutcome::Passed,
                        FlowExplainer::tr("The operation succeeded (HTTP %1)").arg(f.status),
                        {u"HTTP %1"_s.arg(f.status)});
    case Reach::Operation:
    case Reach::Unsure:
        break;
    case Reach::Anonymous:
        return makeStep(stage, FlowOutcome::Skipped,
                        FlowExplainer::tr("Not reached: the request was challenged"));
    case Reach::Nothing:
    case Reach::NoAnswer:
    case Reach::Firewall:
    case Reach::Token:
    case Reach::Authorization:
        return makeStep(stage, FlowOutcome::Unknown, FlowExplainer::tr("Not reached"));
    }
    FlowStep s = makeStep(stage, FlowOutcome::Failed, {}, errorEvidence(f));
    switch (f.error.kind) {
    case Kind::NotFound:
        s.summary = FlowExplainer::tr("Not found: the object, resource or path does not exist");
        break;
    case Kind::Conflict:
        s.summary = FlowExplainer::tr("The object's state does not allow the operation");
        if (f.error.innerCode.compare("ObjectIsDeletedButRecoverable"_L1, Qt::CaseInsensitive) == 0
            || f.error.message.contains("deleted but recoverable"_L1)) {
            s.summary = FlowExplainer::tr(
                "The name belongs to a deleted object that can still be recovered");
            s.remedy.text =
                FlowExplainer::tr("Recover the deleted object, or purge it to reuse its name");
        }
        break;
    case Kind::Throttled:
        s.summary = FlowExplainer::tr("Throttled: the service received too many requests");
        if (!f.retryAfter.isEmpty()) {
            s.evidence.append(u"Retry-After: "_s + QString::fromLatin1(f.retryAfter));
            s.remedy.text = FlowExplainer::tr("Wait %1 seconds before trying again")
                                .arg(QString::fromLatin1(f.retryAfter));
        } else {
            s.remedy.text = FlowExplainer::tr("Wait a little before trying again");
        }
        break;
    case Kind::Server:
        s.summary = FlowExplainer::tr("The service failed (HTTP %1)").arg(f.status);
        s.remedy.text = FlowExplainer::tr("Try again later");
        break;
    case Kind::Malformed:
        s.summary = FlowExplainer::tr("The service refused the request as malformed");
        break;
    default:
        s.summary = FlowExplainer::tr("The operation failed");
        break;
    }
    return s;
}

QList<FlowStep> identitySteps(const Facts &f)
{
    const FlowStage request =
        f.service == Service::Other ? FlowStage::Call : FlowStage::TokenRequest;
    QList<FlowStep> steps{answerStep(f, request)};
    if (f.reach == Reach::Nothing) {
        steps.append(makeStep(FlowStage::Operation, FlowOutcome::Unknown,
                              FlowExplainer::tr("Nothing in the text says what happened")));
        return steps;
    }
    if (f.service == Service::Other || f.reach == Reach::NoAnswer || f.reach == Reach::Success) {
        FlowStep op = operationStep(f);
        if (f.reach == Reach::Success && f.service != Service::Other)
            op.summary = FlowExplainer::tr("A token was issued");
        steps.append(op);
        return steps;
    }
    if (f.error.kind != AzureError::Kind::Unauthenticated) {
        steps.append(operationStep(f));
        return steps;
    }
    const QString code = f.error.code.toLower();
    if (code == "authorization_pending"_L1 || code == "slow_down"_L1) {
        steps.append(makeStep(FlowStage::Operation, FlowOutcome::Skipped,
                              FlowExplainer::tr("Waiting for the sign-in to be approved"),
                              errorEvidence(f)));
        return steps;
    }
    FlowStep op =
        makeStep(FlowStage::Operation, FlowOutcome::Failed,
                 FlowExplainer::tr("%1 refused to issue a token").arg(serviceName(f.service)),
                 errorEvidence(f));
    op.remedy = tokenRequestRemedy(f.error, f.tokenTenant);
    steps.append(op);
    return steps;
}

} // namespace flow

FlowExplainer::FlowExplainer(const access::RoleCatalogue &catalogue)
    : m_catalogue(&catalogue)
{}

Service FlowExplainer::guessService(const AzureError &e)
{
    const QString codes = e.code + u' ' + e.innerCode;
    static const QRegularExpression keyVault(
        u"ForbiddenBy|AKV\\d|SecretNotFound|KeyNotFound|CertificateNotFound|SecretDisabled|KeyOperationForbidden|ObjectIsDeletedButRecoverable|BadParameter|Throttled|key vault|Vault: "_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression arm(
        u"AuthorizationFailed|AuthenticationFailed|InvalidAuthenticationToken|ExpiredAuthenticationToken|ResourceNotFound|ResourceGroupNotFound|SubscriptionNotFound|ConflictError|VaultAlreadyExists|RoleAssignment|InvalidApiVersionParameter"_s);
    static const QRegularExpression graph(u"Authorization_RequestDenied|^Request_|\\sRequest_"_s);
    if (keyVault.match(codes).hasMatch() || keyVault.match(e.message).hasMatch())
        return Service::KeyVault;
    if (graph.match(codes).hasMatch())
        return Service::Graph;
    // Resource Manager's own sentences, for a message pasted without its code.
    static const QRegularExpression armMessage(
        u"does not have authorization to perform action|associated with this subscription|access token expiry UTC time|obtained for wrong audience or resource"_s);
    if (arm.match(codes).hasMatch() || armMessage.match(e.message).hasMatch())
        return Service::ResourceManager;
    if (e.innerCode.startsWith("AADSTS"_L1) || e.message.contains("AADSTS"_L1)
        || (!e.code.isEmpty() && e.code == e.code.toLower() && e.code.contains(u'_')))
        return Service::EntraId;
    return Service::KeyVault;
}

FlowExplanation FlowExplainer::explain(const RequestRecord &record,
                                       const QList<RequestRecord> &exchange) const
{
    flow::Facts f;
    f.service = record.service;
    f.error = record.error;
    if (!record.hasHttpAnswer() && f.error.kind == AzureError::Kind::None)
        f.error = AzureError::network(record.networkError);
    if (f.error.message.isEmpty() && !record.hasHttpAnswer())
        f.error.message = record.networkError;
    f.status = record.status;
    f.answered = record.hasHttpAnswer();
    f.durationMs = record.durationMs;
    f.attempt = record.attempt;
    f.recordId = record.id;
    f.token = record.token;
    f.challenge = record.challenge;
    f.sentAuthorization = !headerValue(record.requestHeaders, "Authorization").isEmpty();
    f.networkInfo = record.responseHeader("x-ms-keyvault-network-info");
    f.rbacAssignment = record.responseHeader("x-ms-keyvault-rbac-assignment-id");
    f.retryAfter = record.responseHeader("Retry-After");
    if (f.error.wwwAuthenticate.isEmpty())
        f.error.wwwAuthenticate = record.responseHeader("WWW-Authenticate");

    for (const RequestRecord &other : exchange) {
        if (other.id == record.id)
            continue;
        const bool anonymous401 = other.status == 401 && !other.token
                                  && headerValue(other.requestHeaders, "Authorization").isEmpty();
        if (other.id < record.id) {
            if (anonymous401) {
                f.challengeRecordId = other.id;
                f.challengeHeader = other.responseHeader("WWW-Authenticate");
            } else {
                f.earlierAttempts.append(u"#%1: %2"_s.arg(other.id).arg(
                    other.hasHttpAnswer() ? u"HTTP %1"_s.arg(other.status) : other.networkError));
            }
        } else if (other.token && f.answeredById == 0) {
            f.answeredById = other.id;
            f.answerAccepted = other.hasHttpAnswer() && other.status != 401;
        }
    }
    if (record.service == Service::EntraId) {
        // /{tenant}/oauth2/v2.0/token: a tenant of its own, not a multi-tenant alias.
        const QStringList path = record.url.path().split(u'/', Qt::SkipEmptyParts);
        static const QStringList aliases{u"common"_s, u"organizations"_s, u"consumers"_s,
                                         u"adfs"_s};
        if (path.size() >= 2 && path.at(1) == "oauth2"_L1
            && !aliases.contains(path.first(), Qt::CaseInsensitive))
            f.tokenTenant = path.first();
    }
    f.reach = flow::reachOf(f);

    FlowExplanation out;
    out.service = f.service;
    out.error = f.error;
    // A 401 whose challenge the next attempt answered with a token the vault accepted.
    if (record.status == 401 && f.answerAccepted)
        out.answeredBy = f.answeredById;
    switch (f.service) {
    case Service::KeyVault:
        out.steps = flow::keyVaultSteps(f, *m_catalogue);
        break;
    case Service::ResourceManager:
    case Service::Graph:
        out.steps = flow::managementSteps(f, *m_catalogue);
        break;
    case Service::EntraId:
    case Service::ManagedIdentity:
    case Service::Other:
        out.steps = flow::identitySteps(f);
        break;
    }
    return out;
}

FlowExplanation FlowExplainer::explainError(const AzureError &error, Service service) const
{
    flow::Facts f;
    f.service = service;
    f.error = error;
    f.fromText = true;
    f.status = error.status;
    // A service's error, recognised as such, is an answer.
    f.answered = error.status > 0 || flow::isServiceKind(error.kind);
    f.reach = flow::reachOf(f);

    FlowExplanation out;
    out.service = service;
    out.error = error;
    switch (service) {
    case Service::KeyVault:
        out.steps = flow::keyVaultSteps(f, *m_catalogue);
        break;
    case Service::ResourceManager:
    case Service::Graph:
        out.steps = flow::managementSteps(f, *m_catalogue);
        break;
    case Service::EntraId:
    case Service::ManagedIdentity:
    case Service::Other:
        out.steps = flow::identitySteps(f);
        break;
    }
    return out;
}

FlowExplanation FlowExplainer::explainText(const QString &text) const
{
    const AzureError error = AzureError::fromText(text);
    return explainError(error, guessService(error));
}

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/AzureError.h"
#include "http/AzureErrorParsing.h"

#include <QHash>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace vl {
namespace {

using Kind = AzureError::Kind;

QRegularExpression pattern(const QString &text)
{
    return QRegularExpression(text, QRegularExpression::CaseInsensitiveOption);
}

/// Captures group @p group of the first match of @p re in @p text, or an empty string.
QString capture(const QRegularExpression &re, const QString &text, int group = 1)
{
    const QRegularExpressionMatch m = re.match(text);
    return m.hasMatch() ? m.captured(group).trimmed() : QString();
}

void setIfEmpty(QString &field, const QString &value)
{
    if (field.isEmpty() && !value.isEmpty())
        field = value;
}

bool isGuid(const QString &text)
{
    static const QRegularExpression guid(
        u"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"_s,
        QRegularExpression::CaseInsensitiveOption);
    return guid.match(text).hasMatch();
}

/// Codes whose meaning does not depend on the status (compared lower-case).
const QHash<QString, Kind> &kindsByCode()
{
    static const QHash<QString, Kind> kinds{
        // Key Vault
        {u"forbiddenbyfirewall"_s, Kind::Firewall},
        {u"forbiddenbyconnection"_s, Kind::Connection},
        {u"forbiddenbypolicy"_s, Kind::Policy},
        {u"accessdenied"_s, Kind::Policy},
        {u"forbiddenbyrbac"_s, Kind::Rbac},
        {u"unauthorized"_s, Kind::Unauthenticated},
        {u"secretdisabled"_s, Kind::Conflict},
        {u"keydisabled"_s, Kind::Conflict},
        {u"keyexpired"_s, Kind::Conflict},
        {u"keynotyetvalid"_s, Kind::Conflict},
        {u"keyoperationforbidden"_s, Kind::Conflict},
        {u"objectisdeletedbutrecoverable"_s, Kind::Conflict},
        {u"conflict"_s, Kind::Conflict},
        {u"throttled"_s, Kind::Throttled},
        {u"badparameter"_s, Kind::Malformed},
        // Resource Manager
        {u"authorizationfailed"_s, Kind::Rbac},
        {u"linkedauthorizationfailed"_s, Kind::Rbac},
        {u"invalidauthenticationtoken"_s, Kind::Unauthenticated},
        {u"invalidauthenticationtokentenant"_s, Kind::Unauthenticated},
        {u"invalidauthenticationtokenaudience"_s, Kind::Unauthenticated},
        {u"expiredauthenticationtoken"_s, Kind::Unauthenticated},
        {u"authenticationfailed"_s, Kind::Unauthenticated},
        {u"conflicterror"_s, Kind::Conflict},
        {u"vaultalreadyexists"_s, Kind::Conflict},
        {u"roleassignmentexists"_s, Kind::Conflict},
        {u"toomanyrequests"_s, Kind::Throttled},
        {u"internalservererror"_s, Kind::Server},
        {u"internalerror"_s, Kind::Server},
        {u"serviceunavailable"_s, Kind::Server},
        {u"gatewaytimeout"_s, Kind::Server},
        {u"badrequest"_s, Kind::Malformed},
        {u"invalidrequestcontent"_s, Kind::Malformed},
        {u"invalidapiversionparameter"_s, Kind::Malformed},
        {u"missingapiversionparameter"_s, Kind::Malformed},
        // Graph
        {u"authorization_requestdenied"_s, Kind::Rbac},
        {u"request_badrequest"_s, Kind::Malformed},
        {u"request_unsupportedquery"_s, Kind::Malformed},
        // OAuth (Entra ID, managed identity)
        {u"temporarily_unavailable"_s, Kind::Server},
    };
    return kinds;
}

std::optional<Kind> kindOfCode(const QString &code)
{
    if (code.isEmpty())
        return std::nullopt;
    const QString lower = code.toLower();
    const auto it = kindsByCode().constFind(lower);
    if (it != kindsByCode().constEnd())
        return *it;
    if (lower.endsWith("notfound"_L1))
        return Kind::NotFound;
    // Any other OAuth error (invalid_grant, interaction_required, ...): no token.
    static const QRegularExpression oauth(u"^[a-z]+(_[a-z0-9]+)+$"_s);
    if (oauth.match(code).hasMatch())
        return Kind::Unauthenticated;
    return std::nullopt;
}

struct MessageRule
{
    Kind kind;
    QRegularExpression re;
};

/// Messages that say which stage refused, whatever the code.
const QList<MessageRule> &decisiveMessages()
{
    static const QList<MessageRule> rules{
        {Kind::Firewall, pattern(u"Client address is not authorized|not allowed by NSP rules"_s)},
        {Kind::Connection, pattern(u"Public network access is disabled"_s)},
        {Kind::Policy,
         pattern(
             u"does not have \\w+ \\w+ permission on key vault|is not enabled in this key vault's access policy"_s)},
        {Kind::Rbac,
         pattern(
             u"Caller is not authorized to perform action on resource|not allowed by RBAC|does not have authorization to perform action|does not have permission to perform action|Insufficient privileges to complete the operation"_s)},
        {Kind::Unauthenticated,
         pattern(
             u"AKV100\\d\\d|AADSTS\\d+|\\[TokenExpired\\]|Error validating token|Request is missing a Bearer|access token is from the wrong issuer|access token expiry UTC time|obtained for wrong audience or resource|Access token (is empty|validation failure)|Lifetime validation failed|CredentialUnavailableError|ClientAuthenticationError|AuthenticationRequiredError|failed to retrieve a token"_s)},
        {Kind::Conflict,
         pattern(
             u"is not allowed on a disabled|is not permitted on this key|is not allowed on an expired key|is not allowed on a key that is not yet valid|deleted but recoverable state"_s)},
    };
    return rules;
}

/// Messages that hint at a kind when nothing says the status (pasted text).
const QList<MessageRule> &hintingMessages()
{
    static const QList<MessageRule> rules{
        {Kind::Throttled, pattern(u"too many requests|throttl"_s)},
        {Kind::Network,
         pattern(
             u"connection refused|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EAI_AGAIN|Name or service not known|No such host is known|getaddrinfo|Host not found|timed out|Connection reset|Remote host closed|SSL handshake failed|certificate verify failed|Failed to establish a new connection|Network is unreachable|Temporary failure in name resolution"_s)},
        {Kind::NotFound, pattern(u"was not found|could not be found|does not exist|not found"_s)},
        {Kind::Conflict, pattern(u"already exists"_s)},
        {Kind::Server, pattern(u"service is temporarily unavailable|internal server error"_s)},
        {Kind::Cancelled, pattern(u"operation (was )?cancell?ed"_s)},
    };
    return rules;
}

Kind kindOfStatus(int status)
{
    if (status >= 200 && status < 400)
        return Kind::None;
    switch (status) {
    case 401:
        return Kind::Unauthenticated;
    case 403:
        return Kind::Rbac;
    case 404:
    case 410:
        return Kind::NotFound;
    case 409:
    case 412:
        return Kind::Conflict;
    case 429:
        return Kind::Throttled;
    case 408:
        return Kind::Server;
    default:
        break;
    }
    if (status >= 500)
        return Kind::Server;
    return Kind::Malformed;
}

} // namespace

namespace errorparsing {

QString tenantFromUrl(const QString &url)
{
    static const QRegularExpression tenant(u"^\\s*https?://[^/\\s]+/([^/\\s,'\"]+)"_s);
    return capture(tenant, url);
}

Kind classify(const AzureError &error)
{
    // The inner code is the more specific one (Forbidden / ForbiddenByPolicy).
    if (const auto kind = kindOfCode(error.innerCode);
        kind && !error.innerCode.startsWith("AADSTS"_L1))
        return *kind;
    if (const auto kind = kindOfCode(error.code))
        return *kind;
    for (const MessageRule &rule : decisiveMessages())
        if (rule.re.match(error.message).hasMatch() || rule.re.match(error.innerCode).hasMatch())
            return rule.kind;
    if (error.status > 0)
        return kindOfStatus(error.status);
    for (const MessageRule &rule : hintingMessages())
        if (rule.re.match(error.message).hasMatch())
            return rule.kind;
    return Kind::None;
}

} // namespace errorparsing

void AzureError::extractEvidence()
{
    const QString &m = message;

    // The caller, as Key Vault writes it:
    // appid=..;oid=..;[numgroups=..;]iss=https://sts.windows.net/{tid}/
    static const QRegularExpression appid(u"\\bappid=([^;'\\s]+)"_s);
    static const QRegularExpression oid(u"\\boid=([^;'\\s]+)"_s);
    static const QRegularExpression iss(u"\\biss=(https?://[^;'\\s]+)"_s);
    static const QRegularExpression tid(u"\\btid=([^;'\\s]+)"_s);
    setIfEmpty(callerAppId, capture(appid, m));
    setIfEmpty(callerObjectId, capture(oid, m));
    setIfEmpty(callerTenantId, errorparsing::tenantFromUrl(capture(iss, m)));
    setIfEmpty(callerTenantId, capture(tid, m));

    // The vault: "Vault: kv;location=westeurope" or "on key vault 'kv;location=westeurope'".
    static const QRegularExpression vaultLine(u"\\bVault: ([^;\\s]+)"_s);
    static const QRegularExpression vaultQuoted(pattern(u"key vault '([^;'\\s]+)"_s));
    setIfEmpty(vaultName, capture(vaultLine, m));
    setIfEmpty(vaultName, capture(vaultQuoted, m));

    // Access policy: "does not have secrets get permission on key vault".
    static const QRegularExpression permission(
        pattern(u"does not have (\\w+) (\\w+) permission on key vault"_s));
    if (const auto p = permission.match(m); p.hasMatch() && missingPermission.isEmpty())
        missingPermission = p.captured(1).toLower() + u' ' + p.captured(2).toLower();
    // The portal's wording: The operation "List" is not enabled in this key vault's access policy.
    static const QRegularExpression portalPermission(
        pattern(u"operation \"(\\w+)\" is not enabled in this key vault's access policy"_s));
    setIfEmpty(missingPermission, capture(portalPermission, m).toLower());

    // Firewall: "Client address: 203.0.113.7" (maybe "from unknown subnet").
    static const QRegularExpression address(u"Client address: ([0-9A-Fa-f:.]+[0-9A-Fa-f])"_s);
    setIfEmpty(clientAddress, capture(address, m));

    // Key Vault RBAC: Action: '...' Resource: '...' DecisionReason: '...'.
    static const QRegularExpression rbacAction(u"\\bAction: '([^']+)'"_s);
    static const QRegularExpression rbacResource(u"\\bResource: '([^']+)'"_s);
    static const QRegularExpression reason(u"DecisionReason: '([^']*)'"_s);
    static const QRegularExpression deny(u"DenyAssignmentId: ([^\\s]+)"_s);
    setIfEmpty(action, capture(rbacAction, m));
    setIfEmpty(scope, capture(rbacResource, m));
    if (decisionReason.isEmpty()) {
        decisionReason = capture(reason, m);
        const QString denyId = capture(deny, m);
        if (!denyId.isEmpty() && denyId.compare("null"_L1, Qt::CaseInsensitive) != 0)
            decisionReason = decisionReason.isEmpty()
                                 ? denyId
                                 : QString(decisionReason + u" ("_s + denyId + u')');
    }

    // Resource Manager: The client '{name}' with object id '{oid}' does not have
    // authorization to perform action '{action}' over scope '{scope}' ...
    static const QRegularExpression armClient(u"The client '([^']*)' with object id '([^']*)'"_s);
    if (const auto c = armClient.match(m); c.hasMatch()) {
        setIfEmpty(callerName, c.captured(1));
        setIfEmpty(callerObjectId, c.captured(2));
        if (isGuid(c.captured(1)) && c.captured(1).compare(c.captured(2), Qt::CaseInsensitive))
            setIfEmpty(callerAppId, c.captured(1));
    }
    static const QRegularExpression armAction(
        u"authorization to perform action '([^']+)' over scope '([^']+)'"_s);
    static const QRegularExpression linkedAction(
        u"does not have permission to perform action(?:\\(s\\))? '([^']+)' on the linked scope(?:\\(s\\))? '([^']+)'"_s);
    for (const QRegularExpression *re : {&linkedAction, &armAction}) {
        if (const auto a = re->match(m); a.hasMatch()) {
            setIfEmpty(action, a.captured(1));
            setIfEmpty(scope, a.captured(2));
        }
    }

    // Wrong tenant. Key Vault: "AKV10032: Invalid issuer. Expected one of
    // https://sts.windows.net/{t1}/, found https://sts.windows.net/{t2}/."
    static const QRegularExpression issuer(
        u"Expected one of (https?://[^\\s,]+).*?, found (https?://[^\\s,]+?)\\.?(?:\\s|$)"_s,
        QRegularExpression::DotMatchesEverythingOption);
    if (const auto i = issuer.match(m); i.hasMatch()) {
        setIfEmpty(expectedTenantId, errorparsing::tenantFromUrl(i.captured(1)));
        const QString found = errorparsing::tenantFromUrl(i.captured(2));
        if (!found.isEmpty())
            callerTenantId = found;
    }
    // Resource Manager: "from the wrong issuer '{iss}'. It must match the tenant '{iss}'".
    static const QRegularExpression armTenant(
        u"wrong issuer '([^']+)'\\. It must match the tenant '([^']+)'"_s);
    if (const auto t = armTenant.match(m); t.hasMatch()) {
        const QString found = errorparsing::tenantFromUrl(t.captured(1));
        if (!found.isEmpty())
            callerTenantId = found;
        setIfEmpty(expectedTenantId, errorparsing::tenantFromUrl(t.captured(2)));
    }
    // Key Vault's challenge names the vault's tenant.
    static const QRegularExpression authority(u"authorization(?:_uri)?=\"([^\"]*)\""_s);
    if (!wwwAuthenticate.isEmpty())
        setIfEmpty(expectedTenantId, errorparsing::tenantFromUrl(
                                         capture(authority, QString::fromUtf8(wwwAuthenticate))));

    // Entra ID: "AADSTS70011: ..." when error_codes was not there.
    static const QRegularExpression aadsts(u"\\b(AADSTS\\d+)"_s);
    setIfEmpty(innerCode, capture(aadsts, m));
}

} // namespace vl

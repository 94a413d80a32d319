// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccessFixtures.h"
#include "ErrorTestSupport.h"
#include "TestData.h"
#include "http/AzureError.h"
#include "http/HttpTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

namespace {

const QString Sub = u"5b1f9c3e-2d4a-4e6f-8a9b-0c1d2e3f4a5b"_s;
const QString Caller = u"appid="_s + AppId + u";oid="_s + AliceId
                       + u";iss=https://sts.windows.net/"_s + TenantId + u"/"_s;

QByteArray keyVaultBody(const QString &code, const QString &message, const QString &inner = {})
{
    QJsonObject error{{u"code"_s, code}, {u"message"_s, message}};
    if (!inner.isEmpty())
        error.insert("innererror"_L1, QJsonObject{{u"code"_s, inner}});
    return QJsonDocument(QJsonObject{{u"error"_s, error}}).toJson(QJsonDocument::Compact);
}

QByteArray oauthBody(const QString &error, int code, const QString &description)
{
    return QJsonDocument(
               QJsonObject{
                   {u"error"_s, error},
                   {u"error_description"_s,
                    u"AADSTS%1: %2\r\nTrace ID: 0a1b2c3d-0000-4000-8000-000000000001\r\nCorrelation ID: 0a1b2c3d-0000-4000-8000-000000000002\r\nTimestamp: 2026-01-15 09:00:00Z"_s
                        .arg(code)
                        .arg(description)},
                   {u"error_codes"_s, QJsonArray{code}},
                   {u"timestamp"_s, u"2026-01-15 09:00:00Z"_s},
                   {u"trace_id"_s, u"0a1b2c3d-0000-4000-8000-000000000001"_s},
                   {u"correlation_id"_s, u"0a1b2c3d-0000-4000-8000-000000000002"_s},
                   {u"error_uri"_s,
                    u"https://login.microsoftonline.com/error?code=%1"_s.arg(code)}})
        .toJson(QJsonDocument::Compact);
}

HttpHeaders parseHeaders(const QByteArray &text)
{
    HttpHeaders headers;
    for (const QByteArray &line : text.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return headers;
}

} // namespace

/// AzureError::fromParts and fromResponse on every error body the services are known to send.
class TestAzureError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromParts_data();
    void fromParts();
    void recordedChallenge();
    void requestIds_data();
    void requestIds();
    void networkErrors_data();
    void networkErrors();
    void successIsNoError();
    void summaryNamesKindCodesAndFirstLine();
    void kindNamesAreDistinct();
};

void TestAzureError::fromParts_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("innerCode");
    QTest::addColumn<QStringList>("evidence");

    const QString policyMessage =
        u"The user, group or application 'appid=%1;oid=%2;numgroups=3;iss=https://sts.windows.net/%3/' does not have secrets list permission on key vault 'kv-contoso-prod;location=westeurope'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287"_s
            .arg(AppId, AliceId, TenantId);
    const QStringList policyEvidence{
        u"callerAppId="_s + AppId, u"callerObjectId="_s + AliceId, u"callerTenantId="_s + TenantId,
        u"vaultName=kv-contoso-prod"_s, u"missingPermission=secrets list"_s};
    const QStringList callerEvidence{u"callerAppId="_s + AppId, u"callerObjectId="_s + AliceId,
                                     u"callerTenantId="_s + TenantId};
    const QString resource =
        u"/subscriptions/"_s + Sub
        + u"/resourcegroups/rg-apps/providers/microsoft.keyvault/vaults/kv-contoso-apps/secrets/payments-api-key"_s;

    // Key Vault (PROTOCOL.md §4.7, §4.8).
    QTest::newRow("401 AKV10000 challenge")
        << 401
        << QByteArray("WWW-Authenticate: Bearer authorization=\"https://login.windows.net/"
                      + TenantId.toLatin1() + "\", resource=\"https://vault.azure.net\"")
        << keyVaultBody(u"Unauthorized"_s, u"AKV10000: Request is missing a Bearer or PoP token."_s)
        << int(Kind::Unauthenticated) << u"Unauthorized"_s << QString()
        << QStringList{u"expectedTenantId="_s + TenantId};
    QTest::newRow("401 AKV10032 wrong tenant")
        << 401 << QByteArray()
        << keyVaultBody(
               u"Unauthorized"_s,
               u"AKV10032: Invalid issuer. Expected one of https://sts.windows.net/%1/, found https://sts.windows.net/%2/."_s
                   .arg(TenantId, OtherTenantId))
        << int(Kind::Unauthenticated) << u"Unauthorized"_s << QString()
        << QStringList{u"callerTenantId="_s + OtherTenantId, u"expectedTenantId="_s + TenantId};
    QTest::newRow("403 policy AccessDenied")
        << 403 << QByteArray() << keyVaultBody(u"Forbidden"_s, policyMessage, u"AccessDenied"_s)
        << int(Kind::Policy) << u"Forbidden"_s << u"AccessDenied"_s << policyEvidence;
    QTest::newRow("403 policy ForbiddenByPolicy, keys encrypt")
        << 403 << QByteArray()
        << keyVaultBody(
               u"Forbidden"_s,
               u"The user, group or application '%1' does not have keys encrypt permission on key vault 'kv-contoso-prod;location=westeurope'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287"_s
                   .arg(Caller),
               u"ForbiddenByPolicy"_s)
        << int(Kind::Policy) << u"Forbidden"_s << u"ForbiddenByPolicy"_s
        << (callerEvidence
            + QStringList{u"vaultName=kv-contoso-prod"_s, u"missingPermission=keys encrypt"_s});
    QTest::newRow("403 policy, older code ForbiddenByPolicy")
        << 403 << QByteArray() << keyVaultBody(u"ForbiddenByPolicy"_s, policyMessage)
        << int(Kind::Policy) << u"ForbiddenByPolicy"_s << QString() << policyEvidence;
    QTest::newRow("403 RBAC")
        << 403 << QByteArray()
        << keyVaultBody(
               u"Forbidden"_s,
               u"Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: "_s
                   + Caller
                   + u"\r\nAction: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'\r\nResource: '"_s
                   + resource
                   + u"'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: 'DeniedWithNoValidRBAC' \r\nVault: kv-contoso-apps;location=westeurope\r\n"_s,
               u"ForbiddenByRbac"_s)
        << int(Kind::Rbac) << u"Forbidden"_s << u"ForbiddenByRbac"_s
        << (callerEvidence
            + QStringList{u"vaultName=kv-contoso-apps"_s,
                          u"action=Microsoft.KeyVault/vaults/secrets/getSecret/action"_s,
                          u"scope="_s + resource, u"decisionReason=DeniedWithNoValidRBAC"_s});
    const QString firewall =
        u"Client address is not authorized and caller is not a trusted service.\r\nClient address: 203.0.113.7\r\nCaller: "_s
        + Caller + u"\r\nVault: kv-contoso-prod;location=westeurope"_s;
    const QStringList firewallEvidence =
        callerEvidence
        + QStringList{u"clientAddress=203.0.113.7"_s, u"vaultName=kv-contoso-prod"_s};
    QTest::newRow("403 firewall") << 403 << QByteArray()
                                  << keyVaultBody(u"Forbidden"_s, firewall,
                                                  u"ForbiddenByFirewall"_s)
                                  << int(Kind::Firewall) << u"Forbidden"_s
                                  << u"ForbiddenByFirewall"_s << firewallEvidence;
    QTest::newRow("403 firewall, unknown subnet")
        << 403 << QByteArray()
        << keyVaultBody(
               u"Forbidden"_s,
               QString(firewall).replace(u"203.0.113.7"_s, u"203.0.113.7 from unknown subnet"_s),
               u"ForbiddenByFirewall"_s)
        << int(Kind::Firewall) << u"Forbidden"_s << u"ForbiddenByFirewall"_s << firewallEvidence;
    QTest::newRow("403 firewall, NSP")
        << 403 << QByteArray()
        << keyVaultBody(
               u"Forbidden"_s,
               u"Request was not allowed by NSP rules and the client address is not authorized and caller was ignored because bypass is set to None\r\nClient address: 203.0.113.7\r\nCaller: "_s
                   + Caller + u"\r\nVault: kv-contoso-prod;location=westeurope"_s,
               u"ForbiddenByFirewall"_s)
        << int(Kind::Firewall) << u"Forbidden"_s << u"ForbiddenByFirewall"_s << firewallEvidence;
    QTest::newRow("403 firewall, address from the network-info header")
        << 403
        << QByteArray("x-ms-keyvault-network-info: "
                      "conn_type=Ipv4;addr=198.51.100.4;act_addr_fam=InterNetwork;")
        << keyVaultBody(u"Forbidden"_s, u"Client address is not authorized."_s,
                        u"ForbiddenByFirewall"_s)
        << int(Kind::Firewall) << u"Forbidden"_s << u"ForbiddenByFirewall"_s
        << QStringList{u"clientAddress=198.51.100.4"_s};
    QTest::newRow("403 connection")
        << 403 << QByteArray()
        << keyVaultBody(
               u"Forbidden"_s,
               u"Public network access is disabled and request is not from a trusted service nor via an approved private link.\r\nCaller: "_s
                   + Caller + u"\r\nVault: kv-contoso-private;location=westeurope"_s,
               u"ForbiddenByConnection"_s)
        << int(Kind::Connection) << u"Forbidden"_s << u"ForbiddenByConnection"_s
        << (callerEvidence + QStringList{u"vaultName=kv-contoso-private"_s});
    QTest::newRow("403 SecretDisabled")
        << 403 << QByteArray()
        << keyVaultBody(u"Forbidden"_s, u"Operation get is not allowed on a disabled secret."_s,
                        u"SecretDisabled"_s)
        << int(Kind::Conflict) << u"Forbidden"_s << u"SecretDisabled"_s << QStringList();
    QTest::newRow("403 KeyOperationForbidden")
        << 403 << QByteArray()
        << keyVaultBody(u"Forbidden"_s, u"Operation decrypt is not permitted on this key."_s,
                        u"KeyOperationForbidden"_s)
        << int(Kind::Conflict) << u"Forbidden"_s << u"KeyOperationForbidden"_s << QStringList();
    QTest::newRow("403 AccessDenied, first party")
        << 403 << QByteArray()
        << keyVaultBody(u"Forbidden"_s, u"Access denied to first party service."_s,
                        u"AccessDenied"_s)
        << int(Kind::Policy) << u"Forbidden"_s << u"AccessDenied"_s << QStringList();
    const QString notFound =
        u"A %1 with (name/id) payments-api-key was not found in this key vault. If you recently deleted this %1 you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182"_s;
    for (const auto &[code, word] :
         {std::pair{u"SecretNotFound"_s, u"secret"_s}, std::pair{u"KeyNotFound"_s, u"key"_s},
          std::pair{u"CertificateNotFound"_s, u"certificate"_s}})
        QTest::addRow("404 %s", qPrintable(code))
            << 404 << QByteArray() << keyVaultBody(code, notFound.arg(word)) << int(Kind::NotFound)
            << code << QString() << QStringList();
    QTest::newRow("409 deleted but recoverable")
        << 409 << QByteArray()
        << keyVaultBody(
               u"Conflict"_s,
               u"Secret payments-api-key is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged."_s,
               u"ObjectIsDeletedButRecoverable"_s)
        << int(Kind::Conflict) << u"Conflict"_s << u"ObjectIsDeletedButRecoverable"_s
        << QStringList();
    QTest::newRow("409 being recovered")
        << 409 << QByteArray()
        << keyVaultBody(u"Conflict"_s, u"Key is currently being recovered."_s)
        << int(Kind::Conflict) << u"Conflict"_s << QString() << QStringList();
    QTest::newRow("429 throttled")
        << 429 << QByteArray("Retry-After: 10")
        << keyVaultBody(
               u"Throttled"_s,
               u"Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached"_s)
        << int(Kind::Throttled) << u"Throttled"_s << QString() << QStringList();
    QTest::newRow("400 bad parameter")
        << 400 << QByteArray()
        << keyVaultBody(u"BadParameter"_s, u"The 'api-version' query parameter is required."_s)
        << int(Kind::Malformed) << u"BadParameter"_s << QString() << QStringList();
    QTest::newRow("404 unknown path")
        << 404 << QByteArray()
        << keyVaultBody(u"NotFound"_s,
                        u"The requested resource or operation does not exist: GET /nothing"_s)
        << int(Kind::NotFound) << u"NotFound"_s << QString() << QStringList();

    // Resource Manager (PROTOCOL.md §5.6) and the sandbox's own texts.
    QTest::newRow("401 ARM wrong tenant")
        << 401 << QByteArray()
        << keyVaultBody(
               u"InvalidAuthenticationTokenTenant"_s,
               u"The access token is from the wrong issuer 'https://sts.windows.net/%1/'. It must match the tenant 'https://sts.windows.net/%2/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/%2' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later."_s
                   .arg(OtherTenantId, TenantId))
        << int(Kind::Unauthenticated) << u"InvalidAuthenticationTokenTenant"_s << QString()
        << QStringList{u"callerTenantId="_s + OtherTenantId, u"expectedTenantId="_s + TenantId};
    const QByteArray armChallenge =
        "WWW-Authenticate: Bearer authorization_uri=\"https://login.windows.net/\", "
        "error=\"invalid_token\", error_description=\"The access token is invalid.\"";
    QTest::newRow("401 ARM invalid token")
        << 401 << armChallenge
        << keyVaultBody(u"InvalidAuthenticationToken"_s, u"The access token is invalid."_s)
        << int(Kind::Unauthenticated) << u"InvalidAuthenticationToken"_s << QString()
        << QStringList();
    QTest::newRow("401 ARM no body, challenge only")
        << 401 << armChallenge << QByteArray() << int(Kind::Unauthenticated) << u"invalid_token"_s
        << QString() << QStringList();
    QTest::newRow("401 ARM missing header")
        << 401 << QByteArray()
        << keyVaultBody(u"AuthenticationFailed"_s,
                        u"Authentication failed. The 'Authorization' header is missing."_s)
        << int(Kind::Unauthenticated) << u"AuthenticationFailed"_s << QString() << QStringList();
    QTest::newRow("401 ARM expired")
        << 401 << QByteArray()
        << keyVaultBody(
               u"ExpiredAuthenticationToken"_s,
               u"The access token expiry UTC time '1/15/2026 9:00:00 AM' is earlier than current UTC time '1/15/2026 10:00:00 AM'."_s)
        << int(Kind::Unauthenticated) << u"ExpiredAuthenticationToken"_s << QString()
        << QStringList();
    const QString scope =
        u"/subscriptions/"_s + Sub
        + u"/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults/kv-contoso-apps"_s;
    QTest::newRow("403 AuthorizationFailed, user")
        << 403 << QByteArray()
        << keyVaultBody(
               u"AuthorizationFailed"_s,
               u"The client 'erin@contoso.example' with object id '%1' does not have authorization to perform action 'Microsoft.KeyVault/vaults/write' over scope '%2' or the scope is invalid. If access was recently granted, please refresh your credentials."_s
                   .arg(AliceId, scope))
        << int(Kind::Rbac) << u"AuthorizationFailed"_s << QString()
        << QStringList{u"callerName=erin@contoso.example"_s, u"callerObjectId="_s + AliceId,
                       u"action=Microsoft.KeyVault/vaults/write"_s, u"scope="_s + scope};
    QTest::newRow("403 AuthorizationFailed, application")
        << 403 << QByteArray()
        << keyVaultBody(
               u"AuthorizationFailed"_s,
               u"The client '%1' with object id '%2' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/write' over scope '%3' or the scope is invalid. If access was recently granted, please refresh your credentials."_s
                   .arg(AppId, BobId, scope))
        << int(Kind::Rbac) << u"AuthorizationFailed"_s << QString()
        << QStringList{
               u"callerName="_s + AppId, u"callerAppId="_s + AppId, u"callerObjectId="_s + BobId,
               u"action=Microsoft.Authorization/roleAssignments/write"_s, u"scope="_s + scope};
    QTest::newRow("403 LinkedAuthorizationFailed")
        << 403 << QByteArray()
        << keyVaultBody(
               u"LinkedAuthorizationFailed"_s,
               u"The client '%1' with object id '%1' has permission to perform action 'Microsoft.KeyVault/vaults/write' on scope '%2'; however, it does not have permission to perform action 'Microsoft.Network/virtualNetworks/subnets/joinViaServiceEndpoint/action' on the linked scope(s) '/subscriptions/%3/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/apps' or the linked scope(s) are invalid."_s
                   .arg(AliceId, scope, Sub))
        << int(Kind::Rbac) << u"LinkedAuthorizationFailed"_s << QString()
        << QStringList{
               u"callerName="_s + AliceId, u"callerObjectId="_s + AliceId,
               u"action=Microsoft.Network/virtualNetworks/subnets/joinViaServiceEndpoint/action"_s,
               u"scope=/subscriptions/"_s + Sub
                   + u"/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/apps"_s};
    QTest::newRow("404 ResourceNotFound")
        << 404 << QByteArray()
        << keyVaultBody(
               u"ResourceNotFound"_s,
               u"The Resource 'Microsoft.KeyVault/vaults/kv-x' under resource group 'rg-apps' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix"_s)
        << int(Kind::NotFound) << u"ResourceNotFound"_s << QString() << QStringList();
    QTest::newRow("404 ResourceGroupNotFound")
        << 404 << QByteArray()
        << keyVaultBody(u"ResourceGroupNotFound"_s, u"Resource group 'rg-x' could not be found."_s)
        << int(Kind::NotFound) << u"ResourceGroupNotFound"_s << QString() << QStringList();
    QTest::newRow("404 SubscriptionNotFound")
        << 404 << QByteArray()
        << keyVaultBody(u"SubscriptionNotFound"_s, u"The subscription 'x' could not be found."_s)
        << int(Kind::NotFound) << u"SubscriptionNotFound"_s << QString() << QStringList();
    QTest::newRow("409 ConflictError")
        << 409 << QByteArray()
        << keyVaultBody(
               u"ConflictError"_s,
               u"A vault with the same name already exists in deleted state. You need to either recover or purge existing key vault. Follow this link https://go.microsoft.com/fwlink/?linkid=2149745 for more information on soft delete."_s)
        << int(Kind::Conflict) << u"ConflictError"_s << QString() << QStringList();
    QTest::newRow("409 RoleAssignmentExists")
        << 409 << QByteArray()
        << keyVaultBody(u"RoleAssignmentExists"_s, u"The role assignment already exists."_s)
        << int(Kind::Conflict) << u"RoleAssignmentExists"_s << QString() << QStringList();
    QTest::newRow("400 InvalidApiVersionParameter")
        << 400 << QByteArray()
        << keyVaultBody(
               u"InvalidApiVersionParameter"_s,
               u"The api-version '1999-01-01' is invalid. The supported versions are '2026-02-01'."_s)
        << int(Kind::Malformed) << u"InvalidApiVersionParameter"_s << QString() << QStringList();
    QTest::newRow("400 PrincipalNotFound")
        << 400 << QByteArray()
        << keyVaultBody(u"PrincipalNotFound"_s,
                        u"Principal 0000 does not exist in the directory 1111."_s)
        << int(Kind::NotFound) << u"PrincipalNotFound"_s << QString() << QStringList();
    QTest::newRow("404 InvalidResourceType")
        << 404 << QByteArray()
        << keyVaultBody(u"InvalidResourceType"_s, u"The resource type could not be found."_s)
        << int(Kind::NotFound) << u"InvalidResourceType"_s << QString() << QStringList();
    QTest::newRow("405 MethodNotAllowed")
        << 405 << QByteArray()
        << keyVaultBody(u"MethodNotAllowed"_s, u"The method is not allowed."_s)
        << int(Kind::Malformed) << u"MethodNotAllowed"_s << QString() << QStringList();
    QTest::newRow("429 ARM throttled")
        << 429 << QByteArray("Retry-After: 17")
        << keyVaultBody(
               u"TooManyRequests"_s,
               u"The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00. For more information, see - https://aka.ms/srpthrottlinglimits"_s)
        << int(Kind::Throttled) << u"TooManyRequests"_s << QString() << QStringList();
    QTest::newRow("500 InternalServerError")
        << 500 << QByteArray() << keyVaultBody(u"InternalServerError"_s, u"Boom."_s)
        << int(Kind::Server) << u"InternalServerError"_s << QString() << QStringList();
    QTest::newRow("503 ServiceUnavailable")
        << 503 << QByteArray()
        << keyVaultBody(u"ServiceUnavailable"_s, u"The service is temporarily unavailable."_s)
        << int(Kind::Server) << u"ServiceUnavailable"_s << QString() << QStringList();

    // Microsoft Graph.
    QTest::newRow("403 Graph Authorization_RequestDenied")
        << 403 << QByteArray()
        << QByteArray(
               R"({"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation.","innerError":{"date":"2026-01-15T09:00:00","request-id":"9e1f0c2d-0000-4000-8000-000000000001","client-request-id":"9e1f0c2d-0000-4000-8000-000000000002"}}})")
        << int(Kind::Rbac) << u"Authorization_RequestDenied"_s << QString() << QStringList();
    QTest::newRow("404 Graph Request_ResourceNotFound")
        << 404 << QByteArray()
        << keyVaultBody(
               u"Request_ResourceNotFound"_s,
               u"Resource 'x' does not exist or one of its queried reference-property objects are not present."_s)
        << int(Kind::NotFound) << u"Request_ResourceNotFound"_s << QString() << QStringList();
    QTest::newRow("401 Graph empty token")
        << 401 << QByteArray()
        << keyVaultBody(u"InvalidAuthenticationToken"_s, u"Access token is empty."_s)
        << int(Kind::Unauthenticated) << u"InvalidAuthenticationToken"_s << QString()
        << QStringList();
    QTest::newRow("400 Graph unsupported query")
        << 400 << QByteArray()
        << keyVaultBody(u"Request_UnsupportedQuery"_s, u"Unsupported query."_s)
        << int(Kind::Malformed) << u"Request_UnsupportedQuery"_s << QString() << QStringList();

    // Entra ID (PROTOCOL.md §1.6) and the managed identity endpoint.
    struct Aad
    {
        int status;
        const char *error;
        int code;
        const char *text;
        Kind kind;
    };
    const QList<Aad> aad{
        {400, "invalid_scope", 70011,
         "The provided value for the input parameter 'scope' is not valid.", Kind::Unauthenticated},
        {401, "invalid_client", 7000215,
         "Invalid client secret provided. Ensure the secret being sent in the request is the "
         "client secret value, not the client secret ID.",
         Kind::Unauthenticated},
        {400, "invalid_grant", 50076,
         "Due to a configuration change made by your administrator, or because you moved to a new "
         "location, you must use multi-factor authentication.",
         Kind::Unauthenticated},
        {400, "invalid_grant", 70008,
         "The provided authorization code or refresh token has expired due to inactivity.",
         Kind::Unauthenticated},
        {400, "unauthorized_client", 700016,
         "Application with identifier 'x' was not found in the directory 'Contoso'.",
         Kind::Unauthenticated},
        {400, "invalid_request", 90002, "Tenant 'x' not found.", Kind::Unauthenticated},
        {400, "authorization_pending", 70016,
         "OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
         Kind::Unauthenticated},
        {400, "expired_token", 70019, "Verification code expired.", Kind::Unauthenticated},
        {400, "bad_verification_code", 70018, "Your request was not recognized.",
         Kind::Unauthenticated},
        {503, "temporarily_unavailable", 50001, "The service is temporarily unavailable.",
         Kind::Server},
    };
    for (const Aad &a : aad)
        QTest::addRow("%d %s AADSTS%d", a.status, a.error, a.code)
            << a.status << QByteArray()
            << oauthBody(QString::fromLatin1(a.error), a.code, QString::fromLatin1(a.text))
            << int(a.kind) << QString::fromLatin1(a.error) << u"AADSTS%1"_s.arg(a.code)
            << QStringList();
    QTest::newRow("400 IMDS identity not found")
        << 400 << QByteArray()
        << QByteArray(R"({"error":"invalid_request","error_description":"Identity not found"})")
        << int(Kind::Unauthenticated) << u"invalid_request"_s << QString() << QStringList();

    // Answers that are not JSON.
    QTest::newRow("502 HTML page")
        << 502 << QByteArray("Content-Type: text/html")
        << QByteArray("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>")
        << int(Kind::Server) << QString() << QString() << QStringList();
    QTest::newRow("500 empty") << 500 << QByteArray() << QByteArray() << int(Kind::Server)
                               << QString() << QString() << QStringList();
    QTest::newRow("403 plain text") << 403 << QByteArray() << QByteArray("Forbidden")
                                    << int(Kind::Rbac) << QString() << QString() << QStringList();
    QTest::newRow("404 truncated JSON")
        << 404 << QByteArray() << QByteArray(R"({"error":{"code":"SecretNotFo)")
        << int(Kind::NotFound) << QString() << QString() << QStringList();
}

void TestAzureError::fromParts()
{
    QFETCH(int, status);
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    QFETCH(QString, code);
    QFETCH(QString, innerCode);
    QFETCH(QStringList, evidence);

    const AzureError e = AzureError::fromParts(status, parseHeaders(headers), body);
    QCOMPARE(int(e.kind), kind);
    QCOMPARE(e.status, status);
    QCOMPARE(e.code, code);
    QCOMPARE(e.innerCode, innerCode);
    QVERIFY(compareEvidence(e, evidence));
    QVERIFY(e.isError());
    if (!body.isEmpty() && kind != int(Kind::Server))
        QVERIFY2(!e.message.isEmpty(), "the message is kept");
}

void TestAzureError::recordedChallenge()
{
    // The first exchange of a recorded Python SDK session: the anonymous PUT and its 401.
    const QJsonObject recording =
        readJsonObject(u"errors/python-secrets-challenge-recording.json"_s);
    const QJsonObject entry = recording.value("Entries"_L1).toArray().first().toObject();
    QCOMPARE(entry.value("StatusCode"_L1).toInt(), 401);
    HttpHeaders headers;
    const QJsonObject responseHeaders = entry.value("ResponseHeaders"_L1).toObject();
    for (auto it = responseHeaders.begin(); it != responseHeaders.end(); ++it)
        headers.append({it.key().toLatin1(), it.value().toString().toUtf8()});
    const QByteArray body =
        QJsonDocument(entry.value("ResponseBody"_L1).toObject()).toJson(QJsonDocument::Compact);

    const AzureError e = AzureError::fromParts(401, headers, body);
    QCOMPARE(e.kind, Kind::Unauthenticated);
    QCOMPARE(e.code, u"Unauthorized"_s);
    QCOMPARE(e.message, u"AKV10000: Request is missing a Bearer or PoP token."_s);
    QCOMPARE(e.expectedTenantId, u"00000000-0000-0000-0000-000000000000"_s);
    QVERIFY(e.wwwAuthenticate.startsWith("Bearer authorization="));
    QVERIFY(e.clientAddress.isEmpty()); // only a firewall denial names it
}

void TestAzureError::requestIds_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("requestId");
    QTest::addColumn<QString>("clientRequestId");

    QTest::newRow("Key Vault headers")
        << QByteArray("x-ms-request-id: r-1\nx-ms-client-request-id: c-1")
        << keyVaultBody(u"Forbidden"_s, u"x"_s) << u"r-1"_s << u"c-1"_s;
    QTest::newRow("Graph headers") << QByteArray("request-id: r-2\nclient-request-id: c-2")
                                   << keyVaultBody(u"Forbidden"_s, u"x"_s) << u"r-2"_s << u"c-2"_s;
    QTest::newRow("Graph innerError")
        << QByteArray()
        << QByteArray(
               R"({"error":{"code":"Authorization_RequestDenied","message":"m","innerError":{"request-id":"r-3","client-request-id":"c-3"}}})")
        << u"r-3"_s << u"c-3"_s;
    QTest::newRow("Entra ID trace and correlation ids")
        << QByteArray() << oauthBody(u"invalid_grant"_s, 50076, u"MFA"_s)
        << u"0a1b2c3d-0000-4000-8000-000000000001"_s << u"0a1b2c3d-0000-4000-8000-000000000002"_s;
    QTest::newRow("headers win over the body")
        << QByteArray("x-ms-request-id: r-4") << oauthBody(u"invalid_grant"_s, 50076, u"MFA"_s)
        << u"r-4"_s << u"0a1b2c3d-0000-4000-8000-000000000002"_s;
}

void TestAzureError::requestIds()
{
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, body);
    const AzureError e = AzureError::fromParts(403, parseHeaders(headers), body);
    QTEST(e.requestId, "requestId");
    QTEST(e.clientRequestId, "clientRequestId");
}

void TestAzureError::networkErrors_data()
{
    QTest::addColumn<int>("networkError");
    QTest::addColumn<int>("kind");
    QTest::newRow("refused") << int(QNetworkReply::ConnectionRefusedError) << int(Kind::Network);
    QTest::newRow("host not found") << int(QNetworkReply::HostNotFoundError) << int(Kind::Network);
    QTest::newRow("TLS") << int(QNetworkReply::SslHandshakeFailedError) << int(Kind::Network);
    QTest::newRow("timeout") << int(QNetworkReply::TimeoutError) << int(Kind::Network);
    QTest::newRow("cancelled") << int(QNetworkReply::OperationCanceledError)
                               << int(Kind::Cancelled);
}

void TestAzureError::networkErrors()
{
    QFETCH(int, networkError);
    HttpResponse r;
    r.networkError = QNetworkReply::NetworkError(networkError);
    r.networkErrorString = u"Connection refused"_s;
    r.context.clientRequestId = u"c-9"_s;
    const AzureError e = AzureError::fromResponse(r);
    QTEST(int(e.kind), "kind");
    QCOMPARE(e.status, 0);
    QCOMPARE(e.message, u"Connection refused"_s);
    QCOMPARE(e.clientRequestId, u"c-9"_s);

    r.networkErrorString.clear();
    QVERIFY(!AzureError::fromResponse(r).message.isEmpty());
}

void TestAzureError::successIsNoError()
{
    for (int status : {200, 201, 202, 204, 302}) {
        HttpResponse r;
        r.status = status;
        r.headers = {{"x-ms-request-id", "r-5"}};
        r.body = keyVaultBody(u"Forbidden"_s, u"ignored"_s);
        const AzureError e = AzureError::fromResponse(r);
        QCOMPARE(e.kind, Kind::None);
        QVERIFY(!e.isError());
        QVERIFY(e.code.isEmpty());
        QCOMPARE(e.requestId, u"r-5"_s);
    }
}

void TestAzureError::summaryNamesKindCodesAndFirstLine()
{
    const AzureError e = AzureError::fromParts(
        403, {},
        keyVaultBody(u"Forbidden"_s,
                     u"Client address is not authorized.\r\nClient address: 203.0.113.7"_s,
                     u"ForbiddenByFirewall"_s));
    const QString s = e.summary();
    QVERIFY2(s.startsWith(AzureError::kindName(Kind::Firewall)), qPrintable(s));
    QVERIFY(s.contains(u"HTTP 403"_s));
    QVERIFY(s.contains(u"Forbidden/ForbiddenByFirewall"_s));
    QVERIFY(s.contains(u"Client address is not authorized."_s));
    QVERIFY(!s.contains(u'\n'));
    QVERIFY(!s.contains(u"203.0.113.7"_s)); // only the first line
    QCOMPARE(AzureError().summary(), AzureError::kindName(Kind::None));
    QCOMPARE(AzureError::make(Kind::Cancelled, u"stopped"_s).summary(),
             AzureError::kindName(Kind::Cancelled) + u": stopped"_s);
}

void TestAzureError::kindNamesAreDistinct()
{
    QSet<QString> names;
    for (int k = int(Kind::None); k <= int(Kind::Cancelled); ++k) {
        const QString name = AzureError::kindName(Kind(k));
        QVERIFY(!name.isEmpty());
        names.insert(name);
    }
    QCOMPARE(names.size(), int(Kind::Cancelled) + 1);
}

QTEST_GUILESS_MAIN(TestAzureError)
#include "tst_azureerror.moc"

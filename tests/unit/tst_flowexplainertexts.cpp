// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestData.h"
#include "journal/FlowExplainer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;

namespace {

const QString Tenant = u"7f3c1a52-4e8b-4d1c-9a6e-2b5d8c0e1f34"_s;
const QString OtherTenant = u"b2e4d6f8-1a3c-4e5f-8a7b-9c0d1e2f3a4b"_s;
const QString Oid = u"e4170000-0000-4000-8000-000000000003"_s;
const QString App = u"0ca7e5a1-7e50-4d1e-9a5b-6c7d8e9f0a1b"_s;
const QString Caller = u"appid="_s + App + u";oid="_s + Oid
                       + u";numgroups=2;iss=https://sts.windows.net/"_s + Tenant + u"/"_s;
const QString Scope =
    u"/subscriptions/5b1f9c3e-2d4a-4e6f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults/kv-contoso-apps"_s;

QByteArray kvError(const QString &code, const QString &message, const QString &inner = {})
{
    QJsonObject e{{u"code"_s, code}, {u"message"_s, message}};
    if (!inner.isEmpty())
        e.insert("innererror"_L1, QJsonObject{{u"code"_s, inner}});
    return QJsonDocument(QJsonObject{{u"error"_s, e}}).toJson(QJsonDocument::Compact);
}

QByteArray oauthError(const char *error, int code, const QString &text)
{
    return QJsonDocument(
               QJsonObject{{u"error"_s, QString::fromLatin1(error)},
                           {u"error_description"_s,
                            u"AADSTS%1: %2\r\nTrace ID: 2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6e\r\n"
                            "Correlation ID: 8f9a0b1c-2d3e-4f5a-8b6c-7d8e9f0a1b2d\r\n"
                            "Timestamp: 2026-01-15 09:00:01Z"_s.arg(code)
                                .arg(text)},
                           {u"error_codes"_s, QJsonArray{code}}})
        .toJson(QJsonDocument::Compact);
}

/// A redacted record of a call to @p service answered @p status with @p body,
/// sent with a token (and a known challenge for Key Vault), as the pipeline sends them.
RequestRecord makeRecord(Service service, int status, const QByteArray &body)
{
    HttpRequest request;
    request.url =
        service == Service::ResourceManager
            ? QUrl(u"https://management.azure.com"_s + Scope + u"?api-version=2026-02-01"_s)
            : QUrl(u"https://kv-contoso-apps.vault.azure.net/secrets/db?api-version=7.6"_s);
    request.context.service = service;
    request.context.operation = u"call"_s;
    request.context.clientRequestId = u"crid"_s;
    if (service != Service::EntraId) {
        request.setHeader("Authorization", "Bearer eyJ.x.y");
        TokenInfo t;
        t.source = TokenSource::MemoryCache;
        t.credential = u"browser sign-in"_s;
        t.claims = QJsonObject{{u"oid"_s, Oid}, {u"tid"_s, Tenant}, {u"appid"_s, App}};
        request.context.token = t;
    }
    if (service == Service::KeyVault) {
        ChallengeInfo c;
        c.origin = ChallengeInfo::Origin::Cached;
        c.tenantId = Tenant;
        c.resource = u"https://vault.azure.net"_s;
        request.context.challenge = c;
    }
    HttpResponse response;
    response.status = status;
    response.body = body;
    response.durationMs = 12;
    if (service == Service::KeyVault)
        setHeaderValue(response.headers, "x-ms-keyvault-network-info",
                       "conn_type=Ipv4;addr=203.0.113.10;act_addr_fam=InterNetwork;");
    if (status == 401 && service == Service::KeyVault)
        setHeaderValue(response.headers, "WWW-Authenticate",
                       "Bearer authorization=\"https://login.microsoftonline.com/"
                           + Tenant.toLatin1() + "\", resource=\"https://vault.azure.net\"");
    return RequestRecord::capture(request, response);
}

QString remedyField(const Remedy &r, const QString &name)
{
    const QHash<QString, QString> fields{
        {u"address"_s, r.address},         {u"vault"_s, r.vault},
        {u"principalId"_s, r.principalId}, {u"permission"_s, r.permission},
        {u"action"_s, r.action},           {u"scope"_s, r.scope},
        {u"roleName"_s, r.roleName},       {u"roleDefinitionId"_s, r.roleDefinitionId},
        {u"tenantId"_s, r.tenantId}};
    return fields.value(name);
}

/// Checks the failed stage, that its evidence quotes @p evidence, and the remedy.
void checkExplanation(const FlowExplanation &e, const QString &stage, const QString &evidence,
                      const QString &remedy, const QStringList &fields)
{
    const FlowStep *failed = e.failedStep();
    QVERIFY2(failed, "no stage failed");
    QCOMPARE(flowStageId(failed->stage), stage);
    const QString quoted = failed->evidence.join(u'\n');
    QVERIFY2(quoted.contains(evidence, Qt::CaseInsensitive),
             qPrintable(u"evidence lacks '%1':\n%2"_s.arg(evidence, quoted)));
    QCOMPARE(remedyKindId(e.remedy().kind), remedy);
    for (const QString &pair : fields)
        QCOMPARE(remedyField(e.remedy(), pair.section(u'=', 0, 0)), pair.section(u'=', 1));
    if (e.remedy().isActionable())
        QVERIFY(!e.remedy().text.isEmpty());
}

QString readText(const QString &name)
{
    QFile f(test::testDataPath(u"errors/text/"_s + name));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

/**
 * FlowExplainer on every error text PROTOCOL.md quotes (§1.6 AADSTS codes, §4.7
 * challenge, §4.8 Key Vault errors, §5.6 Resource Manager errors) and on texts
 * pasted from other tools: the failed stage, the evidence it quotes, the remedy.
 */
class TestFlowExplainerTexts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keyVault_data();
    void keyVault();
    void resourceManager_data();
    void resourceManager();
    void entraId_data();
    void entraId();
    void pasted_data();
    void pasted();
    void tokenRequestToAnotherTenant();
};

namespace {
void addColumns()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("stage");
    QTest::addColumn<QString>("evidence");
    QTest::addColumn<QString>("remedy");
    QTest::addColumn<QStringList>("fields");
}

void run(Service service)
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, stage);
    QFETCH(QString, evidence);
    QFETCH(QString, remedy);
    QFETCH(QStringList, fields);
    const FlowExplainer explainer;
    checkExplanation(explainer.explain(makeRecord(service, status, body)), stage, evidence, remedy,
                     fields);
    if (QTest::currentTestFailed())
        return;
    // The same body pasted on its own names the same failed stage and remedy.
    const FlowExplanation pasted = explainer.explainText(QString::fromUtf8(body));
    QVERIFY(pasted.failedStep());
    QCOMPARE(flowStageId(pasted.failedStep()->stage), stage);
    QCOMPARE(remedyKindId(pasted.remedy().kind), remedy);
}
} // namespace

void TestFlowExplainerTexts::keyVault_data()
{
    addColumns();
    const QString vaultOn =
        u"key vault 'kv-contoso-prod;location=westeurope'. For help resolving "
        "this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287"_s;
    const auto policy = [&](const QString &permission) {
        return u"The user, group or application '%1' does not have %2 permission on %3"_s.arg(
            Caller, permission, vaultOn);
    };
    const QStringList grant{u"principalId="_s + Oid, u"vault=kv-contoso-prod"_s};

    QTest::newRow("AKV10032 wrong issuer")
        << 401
        << kvError(u"Unauthorized"_s,
                   u"AKV10032: Invalid issuer. Expected one of https://sts.windows.net/%1/, found "
                   "https://sts.windows.net/%2/."_s.arg(Tenant, OtherTenant))
        << u"tokenValidation"_s << u"AKV10032"_s << u"signInToTenant"_s
        << QStringList{u"tenantId="_s + Tenant};
    QTest::newRow("AKV10022 wrong audience")
        << 401
        << kvError(u"Unauthorized"_s,
                   u"AKV10022: Invalid audience. Expected "
                   "https://vault.azure.net, found: https://management.azure.com/."_s)
        << u"tokenValidation"_s << u"AKV10022"_s << u"signInAgain"_s << QStringList();
    QTest::newRow("AKV10046 signature")
        << 401
        << kvError(u"Unauthorized"_s, u"AKV10046: Unable to resolve the key used for signature "
                                      "validation. EncodedJwtHeader: 'eyJhbGciOiJSUzI1NiJ9'."_s)
        << u"tokenValidation"_s << u"AKV10046"_s << u"signInAgain"_s << QStringList();
    QTest::newRow("token expired")
        << 401
        << kvError(u"Unauthorized"_s, u"[TokenExpired] Error validating token: 'S2S12086'."_s)
        << u"tokenValidation"_s << u"TokenExpired"_s << u"signInAgain"_s << QStringList();
    QTest::newRow("policy AccessDenied secrets list")
        << 403 << kvError(u"Forbidden"_s, policy(u"secrets list"_s), u"AccessDenied"_s)
        << u"authorization"_s << u"does not have secrets list permission"_s
        << u"grantAccessPolicyPermission"_s << (QStringList(grant) << u"permission=secrets list"_s);
    QTest::newRow("policy ForbiddenByPolicy secrets purge")
        << 403 << kvError(u"Forbidden"_s, policy(u"secrets purge"_s), u"ForbiddenByPolicy"_s)
        << u"authorization"_s << u"ForbiddenByPolicy"_s << u"grantAccessPolicyPermission"_s
        << (QStringList(grant) << u"permission=secrets purge"_s);
    QTest::newRow("policy keys encrypt")
        << 403 << kvError(u"Forbidden"_s, policy(u"keys encrypt"_s), u"ForbiddenByPolicy"_s)
        << u"authorization"_s << u"keys encrypt"_s << u"grantAccessPolicyPermission"_s
        << (QStringList(grant) << u"permission=keys encrypt"_s);
    QTest::newRow("RBAC certificates")
        << 403
        << kvError(
               u"Forbidden"_s,
               u"Caller is not authorized to perform action on resource.\r\nIf role assignments, "
               "deny assignments or role definitions were changed recently, please observe "
               "propagation time.\r\nCaller: %1\r\nAction: "
               "'Microsoft.KeyVault/vaults/certificates/read'\r\nResource: '%2/certificates/web'"
               "\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: "
               "'DeniedWithNoValidRBAC' \r\nVault: kv-contoso-apps;location=westeurope\r\n"_s.arg(
                   Caller, Scope.toLower()),
               u"ForbiddenByRbac"_s)
        << u"authorization"_s << u"DeniedWithNoValidRBAC"_s << u"assignRole"_s
        << QStringList{u"principalId="_s + Oid,
                       u"action=Microsoft.KeyVault/vaults/certificates/read"_s,
                       u"roleName=Key Vault Certificate User"_s, u"scope="_s + Scope.toLower(),
                       u"vault=kv-contoso-apps"_s};
    const QString firewallTail =
        u"\r\nCaller: %1\r\nVault: kv-contoso-prod;location=westeurope"_s.arg(Caller);
    QTest::newRow("firewall")
        << 403
        << kvError(u"Forbidden"_s,
                   u"Client address is not authorized and caller is not a trusted service.\r\n"
                   "Client address: 192.0.2.77"_s
                       + firewallTail,
                   u"ForbiddenByFirewall"_s)
        << u"firewall"_s << u"192.0.2.77"_s << u"addClientAddress"_s
        << QStringList{u"address=192.0.2.77"_s, u"vault=kv-contoso-prod"_s};
    QTest::newRow("firewall unknown subnet")
        << 403
        << kvError(u"Forbidden"_s,
                   u"Client address is not authorized and caller is not a trusted service.\r\n"
                   "Client address: 198.51.100.200 from unknown subnet"_s
                       + firewallTail,
                   u"ForbiddenByFirewall"_s)
        << u"firewall"_s << u"198.51.100.200"_s << u"addClientAddress"_s
        << QStringList{u"address=198.51.100.200"_s, u"vault=kv-contoso-prod"_s};
    QTest::newRow("firewall NSP")
        << 403
        << kvError(u"Forbidden"_s,
                   u"Request was not allowed by NSP rules and the client address is not "
                   "authorized and caller was ignored because bypass is set to None\r\n"
                   "Client address: 192.0.2.8"_s
                       + firewallTail,
                   u"ForbiddenByFirewall"_s)
        << u"firewall"_s << u"NSP rules"_s << u"addClientAddress"_s
        << QStringList{u"address=192.0.2.8"_s, u"vault=kv-contoso-prod"_s};
    QTest::newRow("public access disabled")
        << 403
        << kvError(u"Forbidden"_s,
                   u"Public network access is disabled and request is not from a trusted service "
                   "nor via an approved private link.\r\nCaller: %1\r\nVault: "
                   "kv-contoso-private;location=westeurope"_s.arg(Caller),
                   u"ForbiddenByConnection"_s)
        << u"firewall"_s << u"ForbiddenByConnection"_s << u"enablePublicAccess"_s
        << QStringList{u"vault=kv-contoso-private"_s};
    QTest::newRow("secret disabled")
        << 403
        << kvError(u"Forbidden"_s, u"Operation get is not allowed on a disabled secret."_s,
                   u"SecretDisabled"_s)
        << u"operation"_s << u"SecretDisabled"_s << u"none"_s << QStringList();
    QTest::newRow("key operation forbidden")
        << 403
        << kvError(u"Forbidden"_s, u"Operation decrypt is not permitted on this key."_s,
                   u"KeyOperationForbidden"_s)
        << u"operation"_s << u"KeyOperationForbidden"_s << u"none"_s << QStringList();
    QTest::newRow("first party access denied")
        << 403
        << kvError(u"Forbidden"_s, u"Access denied to first party service."_s, u"AccessDenied"_s)
        << u"authorization"_s << u"first party service"_s << u"none"_s << QStringList();
    const QString recover =
        u" was not found in this key vault. If you recently deleted this %1 you may be able to "
        "recover it using the correct recovery command. For help resolving this issue, please "
        "see https://go.microsoft.com/fwlink/?linkid=2125182"_s;
    QTest::newRow("secret not found")
        << 404
        << kvError(u"SecretNotFound"_s,
                   u"A secret with (name/id) db/0a1b"_s + recover.arg(u"secret"_s))
        << u"operation"_s << u"SecretNotFound"_s << u"none"_s << QStringList();
    QTest::newRow("key not found")
        << 404 << kvError(u"KeyNotFound"_s, u"A key with (name/id) k"_s + recover.arg(u"key"_s))
        << u"operation"_s << u"KeyNotFound"_s << u"none"_s << QStringList();
    QTest::newRow("certificate not found")
        << 404
        << kvError(u"CertificateNotFound"_s,
                   u"A certificate with (name/id) web"_s + recover.arg(u"certificate"_s))
        << u"operation"_s << u"CertificateNotFound"_s << u"none"_s << QStringList();
    QTest::newRow("deleted but recoverable")
        << 409
        << kvError(u"Conflict"_s,
                   u"Secret db is currently in a deleted but recoverable state, and its name "
                   "cannot be reused; in this state, the secret can only be recovered or purged."_s,
                   u"ObjectIsDeletedButRecoverable"_s)
        << u"operation"_s << u"ObjectIsDeletedButRecoverable"_s << u"none"_s << QStringList();
    QTest::newRow("being recovered")
        << 409 << kvError(u"Conflict"_s, u"Key is currently being recovered."_s) << u"operation"_s
        << u"being recovered"_s << u"none"_s << QStringList();
    QTest::newRow("throttled") << 429
                               << kvError(
                                      u"Throttled"_s,
                                      u"Request was not processed because too many requests were "
                                      "received. Reason: VaultRequestTypeLimitReached"_s)
                               << u"operation"_s << u"VaultRequestTypeLimitReached"_s << u"none"_s
                               << QStringList();
    QTest::newRow("bad parameter")
        << 400 << kvError(u"BadParameter"_s, u"The request URI contains an invalid name: a_b"_s)
        << u"operation"_s << u"BadParameter"_s << u"none"_s << QStringList();
}

void TestFlowExplainerTexts::keyVault()
{
    run(Service::KeyVault);
}

void TestFlowExplainerTexts::resourceManager_data()
{
    addColumns();
    QTest::newRow("AuthorizationFailed")
        << 403
        << kvError(
               u"AuthorizationFailed"_s,
               u"The client 'erin@contoso.example' with object id '%1' does not have "
               "authorization to perform action "
               "'Microsoft.KeyVault/vaults/accessPolicies/write' over scope '%2' or the scope "
               "is invalid. If access was recently granted, please refresh your credentials."_s.arg(
                   Oid, Scope))
        << u"authorization"_s << u"AuthorizationFailed"_s << u"assignRole"_s
        << QStringList{u"principalId="_s + Oid,
                       u"action=Microsoft.KeyVault/vaults/accessPolicies/write"_s,
                       u"roleName=Key Vault Contributor"_s, u"scope="_s + Scope};
    QTest::newRow("InvalidAuthenticationTokenTenant")
        << 401
        << kvError(u"InvalidAuthenticationTokenTenant"_s,
                   u"The access token is from the wrong issuer 'https://sts.windows.net/%1/'. It "
                   "must match the tenant 'https://sts.windows.net/%2/' associated with this "
                   "subscription. Please use the authority (URL) 'https://login.windows.net/%2' to "
                   "get the token."_s.arg(OtherTenant, Tenant))
        << u"resourceManager"_s << u"InvalidAuthenticationTokenTenant"_s << u"signInToTenant"_s
        << QStringList{u"tenantId="_s + Tenant};
    QTest::newRow("InvalidAuthenticationToken")
        << 401 << kvError(u"InvalidAuthenticationToken"_s, u"The access token is invalid."_s)
        << u"resourceManager"_s << u"InvalidAuthenticationToken"_s << u"signInAgain"_s
        << QStringList();
    QTest::newRow("wrong audience")
        << 401
        << kvError(u"InvalidAuthenticationToken"_s,
                   u"The access token has been obtained for wrong audience or resource "
                   "'https://vault.azure.net'. It should exactly match with one of the allowed "
                   "audiences 'https://management.azure.com/'."_s)
        << u"resourceManager"_s << u"wrong audience"_s << u"signInAgain"_s << QStringList();
    QTest::newRow("ExpiredAuthenticationToken")
        << 401
        << kvError(u"ExpiredAuthenticationToken"_s,
                   u"The access token expiry UTC time '1/15/2026 8:00:00 AM' is earlier than "
                   "current UTC time '1/15/2026 9:00:00 AM'."_s)
        << u"resourceManager"_s << u"ExpiredAuthenticationToken"_s << u"signInAgain"_s
        << QStringList();
    QTest::newRow("AuthenticationFailed")
        << 401
        << kvError(u"AuthenticationFailed"_s,
                   u"Authentication failed. The 'Authorization' header is missing."_s)
        << u"resourceManager"_s << u"AuthenticationFailed"_s << u"signInAgain"_s << QStringList();
    QTest::newRow("ResourceNotFound")
        << 404
        << kvError(u"ResourceNotFound"_s,
                   u"The Resource 'Microsoft.KeyVault/vaults/kv-x' under resource group 'rg-apps' "
                   "was not found. For more details please go to "
                   "https://aka.ms/ARMResourceNotFoundFix"_s)
        << u"operation"_s << u"ResourceNotFound"_s << u"none"_s << QStringList();
    QTest::newRow("ConflictError deleted vault")
        << 409
        << kvError(u"ConflictError"_s,
                   u"A vault with the same name already exists in deleted state. You need to "
                   "either recover or purge existing key vault."_s)
        << u"operation"_s << u"ConflictError"_s << u"none"_s << QStringList();
}

void TestFlowExplainerTexts::resourceManager()
{
    run(Service::ResourceManager);
}

void TestFlowExplainerTexts::entraId_data()
{
    addColumns();
    struct Row
    {
        const char *error;
        int code;
        const char *remedy;
    };
    // PROTOCOL.md §1.6: the AADSTS codes a client meets, and what fixes them.
    const QList<Row> rows{
        {"invalid_grant", 50076, "signInAgain"},
        {"interaction_required", 50079, "signInAgain"},
        {"interaction_required", 50072, "signInAgain"},
        {"consent_required", 65001, "signInAgain"},
        {"unauthorized_client", 700016, "none"},
        {"invalid_client", 7000215, "none"},
        {"access_denied", 53003, "none"},
        {"login_required", 50058, "signInAgain"},
        {"invalid_grant", 50173, "signInAgain"},
        {"invalid_grant", 700082, "signInAgain"},
        {"invalid_grant", 70008, "signInAgain"},
        {"invalid_grant", 70043, "signInAgain"},
        {"invalid_grant", 54005, "signInAgain"},
        {"invalid_grant", 501481, "signInAgain"},
        {"invalid_client", 700025, "none"},
        {"invalid_request", 50194, "none"},
        {"invalid_grant", 50020, "none"},
        {"invalid_request", 90002, "none"},
        {"invalid_resource", 500011, "none"},
        {"invalid_client", 700024, "none"},
        {"invalid_scope", 70011, "none"},
    };
    for (const Row &r : rows) {
        const QString aadsts = u"AADSTS%1"_s.arg(r.code);
        QTest::newRow(qPrintable(aadsts))
            << (r.code == 7000215 ? 401 : 400) << oauthError(r.error, r.code, u"described."_s)
            << u"operation"_s << aadsts << QString::fromLatin1(r.remedy) << QStringList();
    }
}

void TestFlowExplainerTexts::entraId()
{
    run(Service::EntraId);
}

void TestFlowExplainerTexts::tokenRequestToAnotherTenant()
{
    // AADSTS50020 from a tenant's own token endpoint: sign in to that tenant.
    const QString fabrikam = u"b2e4d6f8-1a3c-4e5f-8a7b-9c0d1e2f3a4b"_s;
    const auto refused = [](const QString &tenant) {
        HttpRequest request;
        request.url =
            QUrl(u"https://login.microsoftonline.com/"_s + tenant + u"/oauth2/v2.0/token"_s);
        request.method = "POST";
        request.context.service = Service::EntraId;
        request.context.clientRequestId = u"crid"_s;
        HttpResponse response;
        response.status = 400;
        response.body =
            oauthError("invalid_grant", 50020, u"User account does not exist in tenant."_s);
        return FlowExplainer().explain(RequestRecord::capture(request, response));
    };
    const FlowExplanation named = refused(fabrikam);
    QVERIFY(named.failedStep());
    QCOMPARE(named.remedy().kind, Remedy::Kind::SignInToTenant);
    QCOMPARE(named.remedy().tenantId, fabrikam);
    QVERIFY(named.remedy().text.contains(fabrikam));
    // An alias names no tenant to sign in to: advice only.
    const FlowExplanation alias = refused(u"organizations"_s);
    QVERIFY(alias.failedStep());
    QCOMPARE(alias.remedy().kind, Remedy::Kind::None);
    QVERIFY(!alias.remedy().text.isEmpty());
}

void TestFlowExplainerTexts::pasted_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("stage");
    QTest::addColumn<QString>("evidence");
    QTest::addColumn<QString>("remedy");
    QTest::addColumn<QStringList>("fields");
    QTest::newRow(".NET policy") << readText(u"dotnet-policy.txt"_s) << u"authorization"_s
                                 << u"keys decrypt"_s << u"grantAccessPolicyPermission"_s
                                 << QStringList{
                                        u"principalId=c1000000-0000-4000-8000-000000000021"_s,
                                        u"permission=keys decrypt"_s, u"vault=kv-contoso-prod"_s};
    QTest::newRow("JS firewall") << readText(u"js-resterror-firewall.txt"_s) << u"firewall"_s
                                 << u"198.51.100.23"_s << u"addClientAddress"_s
                                 << QStringList{u"address=198.51.100.23"_s,
                                                u"vault=kv-contoso-prod"_s};
    QTest::newRow("PowerShell policy")
        << readText(u"powershell-policy.txt"_s) << u"authorization"_s << u"secrets list"_s
        << u"grantAccessPolicyPermission"_s
        << QStringList{u"principalId=a11ce000-0000-4000-8000-000000000001"_s,
                       u"permission=secrets list"_s};
    QTest::newRow("portal policy")
        << readText(u"portal-policy.txt"_s) << u"authorization"_s << u"access policy"_s
        << u"grantAccessPolicyPermission"_s << QStringList();
    QTest::newRow("portal RBAC") << readText(u"portal-rbac.txt"_s) << u"authorization"_s
                                 << u"not allowed by RBAC"_s << u"assignRole"_s << QStringList();
    QTest::newRow("Python AADSTS700016")
        << readText(u"python-identity-aadsts.txt"_s) << u"operation"_s << u"AADSTS700016"_s
        << u"none"_s << QStringList();
    QTest::newRow("bare AKV10032")
        << u"AKV10032: Invalid issuer. Expected one of https://sts.windows.net/%1/, found "
           "https://sts.windows.net/%2/."_s.arg(Tenant, OtherTenant)
        << u"tokenValidation"_s << u"AKV10032"_s << u"signInToTenant"_s
        << QStringList{u"tenantId="_s + Tenant};
    QTest::newRow("bare AuthorizationFailed")
        << u"(AuthorizationFailed) The client 'dave@contoso.example' with object id '%1' does not "
           "have authorization to perform action 'Microsoft.KeyVault/vaults/write' over scope "
           "'%2' or the scope is invalid. If access was recently granted, please refresh your "
           "credentials.\nCode: AuthorizationFailed"_s.arg(Oid, Scope)
        << u"authorization"_s << u"Microsoft.KeyVault/vaults/write"_s << u"assignRole"_s
        << QStringList{u"principalId="_s + Oid, u"roleName=Key Vault Contributor"_s};
}

void TestFlowExplainerTexts::pasted()
{
    QFETCH(QString, text);
    QFETCH(QString, stage);
    QFETCH(QString, evidence);
    QFETCH(QString, remedy);
    QFETCH(QStringList, fields);
    QVERIFY(!text.isEmpty());
    checkExplanation(FlowExplainer().explainText(text), stage, evidence, remedy, fields);
}

QTEST_GUILESS_MAIN(TestFlowExplainerTexts)
#include "tst_flowexplainertexts.moc"

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
const QString Caller =
    u"appid="_s + App + u";oid="_s + Oid + u";iss=https://sts.windows.net/"_s + Tenant + u"/"_s;
const QString VaultId =
    u"/subscriptions/5b1f9c3e-2d4a-4e6f-8a9b-0c1d2e3f4a5b/resourcegroups/rg-apps/providers/microsoft.keyvault/vaults/kv-contoso-apps"_s;

enum Challenge { NoChallenge = -1, Answered = 0, Cached = 1 };

QByteArray error(const QString &code, const QString &message, const QString &inner = {})
{
    QJsonObject e{{u"code"_s, code}, {u"message"_s, message}};
    if (!inner.isEmpty())
        e.insert("innererror"_L1, QJsonObject{{u"code"_s, inner}});
    return QJsonDocument(QJsonObject{{u"error"_s, e}}).toJson(QJsonDocument::Compact);
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

RequestRecord makeRecord(Service service, int status, const QByteArray &body,
                         const QByteArray &headers, bool token, int challenge,
                         const QString &clientRequestId = u"crid"_s)
{
    HttpRequest request;
    request.url = QUrl(u"https://kv-contoso-apps.vault.azure.net/secrets/db?api-version=7.6"_s);
    request.context.service = service;
    request.context.operation = u"get secret"_s;
    request.context.clientRequestId = clientRequestId;
    if (token) {
        request.setHeader("Authorization", "Bearer eyJ.x.y");
        TokenInfo t;
        t.source = TokenSource::RefreshToken;
        t.credential = u"browser sign-in"_s;
        t.scopes = {u"https://vault.azure.net/.default"_s};
        t.claims = QJsonObject{{u"oid"_s, Oid},
                               {u"tid"_s, Tenant},
                               {u"appid"_s, App},
                               {u"aud"_s, u"https://vault.azure.net"_s}};
        request.context.token = t;
    }
    if (challenge != NoChallenge) {
        ChallengeInfo c;
        c.origin =
            challenge == Answered ? ChallengeInfo::Origin::Answered : ChallengeInfo::Origin::Cached;
        c.tenantId = Tenant;
        c.resource = u"https://vault.azure.net"_s;
        c.wwwAuthenticate = "Bearer authorization=\"https://login.microsoftonline.com/"
                            + Tenant.toLatin1() + "\", resource=\"https://vault.azure.net\"";
        request.context.challenge = c;
    }
    HttpResponse response;
    response.status = status;
    response.body = body;
    response.headers = parseHeaders(headers);
    response.durationMs = 30;
    if (status == 0) {
        response.networkError = QNetworkReply::ConnectionRefusedError;
        response.networkErrorString = u"Connection refused"_s;
    }
    return RequestRecord::capture(request, response);
}

QString letters(const FlowExplanation &e)
{
    QString out;
    for (const FlowStep &s : e.steps) {
        switch (s.outcome) {
        case FlowOutcome::Passed:
            out += u'P';
            break;
        case FlowOutcome::Failed:
            out += u'F';
            break;
        case FlowOutcome::Skipped:
            out += u'S';
            break;
        case FlowOutcome::Unknown:
            out += u'U';
            break;
        }
    }
    return out;
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

bool checkRemedy(const Remedy &r, const QString &kind, const QStringList &fields)
{
    if (remedyKindId(r.kind) != kind) {
        qWarning("remedy %s, expected %s", qPrintable(remedyKindId(r.kind)), qPrintable(kind));
        return false;
    }
    for (const QString &pair : fields) {
        const QString name = pair.section(u'=', 0, 0);
        const QString want = pair.section(u'=', 1);
        if (remedyField(r, name) != want) {
            qWarning("remedy %s: got '%s', expected '%s'", qPrintable(name),
                     qPrintable(remedyField(r, name)), qPrintable(want));
            return false;
        }
    }
    return true;
}

QString readText(const QString &name)
{
    QFile f(test::testDataPath(u"errors/text/"_s + name));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

/// FlowExplainer: records and pasted texts explained stage by stage, with remedies.
class TestFlowExplainer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void records_data();
    void records();
    void stagesFollowTheService();
    void challengeAnsweredInTheExchange();
    void retriesAreEvidence();
    void failedStageCarriesEvidence();
    void texts_data();
    void texts();
    void guessService_data();
    void guessService();
};

void TestFlowExplainer::records_data()
{
    QTest::addColumn<int>("service");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<bool>("token");
    QTest::addColumn<int>("challenge");
    QTest::addColumn<QString>("outcomes");
    QTest::addColumn<QString>("remedy");
    QTest::addColumn<QStringList>("fields");

    const int kv = int(Service::KeyVault);
    const QByteArray netInfo =
        "x-ms-keyvault-network-info: conn_type=Ipv4;addr=203.0.113.10;act_addr_fam=InterNetwork;";
    const QByteArray challengeHeader =
        "WWW-Authenticate: Bearer authorization=\"https://login.microsoftonline.com/"
        + Tenant.toLatin1() + "\", resource=\"https://vault.azure.net\"";

    QTest::newRow("KV 200, cached challenge")
        << kv << 200 << QByteArray(R"({"value":"x"})") << netInfo << true << int(Cached)
        << u"PSPPPPP"_s << u"none"_s << QStringList();
    QTest::newRow("KV 200, answered challenge")
        << kv << 200 << QByteArray() << netInfo << true << int(Answered) << u"PPPPPPP"_s
        << u"none"_s << QStringList();
    QTest::newRow("KV anonymous 401, not answered")
        << kv << 401
        << error(u"Unauthorized"_s, u"AKV10000: Request is missing a Bearer or PoP token."_s)
        << challengeHeader << false << int(NoChallenge) << u"SFPSSSS"_s << u"signInToTenant"_s
        << QStringList{u"tenantId="_s + Tenant};
    QTest::newRow("KV anonymous 401 without a challenge")
        << kv << 401
        << error(u"Unauthorized"_s, u"AKV10000: Request is missing a Bearer or PoP token."_s)
        << QByteArray() << false << int(NoChallenge) << u"SFPSSSS"_s << u"none"_s << QStringList();
    QTest::newRow("KV 401 wrong tenant")
        << kv << 401
        << error(
               u"Unauthorized"_s,
               u"AKV10032: Invalid issuer. Expected one of https://sts.windows.net/%1/, found https://sts.windows.net/%2/."_s
                   .arg(Tenant, OtherTenant))
        << challengeHeader << true << int(Answered) << u"PPPPFUU"_s << u"signInToTenant"_s
        << QStringList{u"tenantId="_s + Tenant};
    QTest::newRow("KV 401 expired")
        << kv << 401
        << error(u"Unauthorized"_s, u"[TokenExpired] Error validating token: 'S2S12086'."_s)
        << challengeHeader << true << int(Cached) << u"PSPPFUU"_s << u"signInAgain"_s
        << QStringList();
    QTest::newRow("KV 403 firewall")
        << kv << 403
        << error(
               u"Forbidden"_s,
               u"Client address is not authorized and caller is not a trusted service.\r\nClient address: 192.0.2.55\r\nCaller: "_s
                   + Caller + u"\r\nVault: kv-contoso-prod;location=westeurope"_s,
               u"ForbiddenByFirewall"_s)
        << QByteArray("x-ms-keyvault-network-info: "
                      "conn_type=Ipv4;addr=192.0.2.55;act_addr_fam=InterNetwork;")
        << true << int(Cached) << u"PSPFUUU"_s << u"addClientAddress"_s
        << QStringList{u"address=192.0.2.55"_s, u"vault=kv-contoso-prod"_s};
    const QByteArray connection = error(
        u"Forbidden"_s,
        u"Public network access is disabled and request is not from a trusted service nor via an approved private link.\r\nCaller: "_s
            + Caller + u"\r\nVault: kv-contoso-private;location=westeurope"_s,
        u"ForbiddenByConnection"_s);
    QTest::newRow("KV 403 public access disabled")
        << kv << 403 << connection << netInfo << true << int(Cached) << u"PSPFUUU"_s
        << u"enablePublicAccess"_s << QStringList{u"vault=kv-contoso-private"_s};
    QTest::newRow("KV 403 private endpoint not approved")
        << kv << 403 << connection
        << QByteArray("x-ms-keyvault-network-info: "
                      "conn_type=Ipv4;addr=10.0.0.4;act_addr_fam=InterNetwork;")
        << true << int(Cached) << u"PSPFUUU"_s << u"usePrivateEndpoint"_s
        << QStringList{u"vault=kv-contoso-private"_s};
    QTest::newRow("KV 403 access policy")
        << kv << 403
        << error(
               u"Forbidden"_s,
               u"The user, group or application '%1' does not have secrets get permission on key vault 'kv-contoso-prod;location=westeurope'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287"_s
                   .arg(Caller),
               u"ForbiddenByPolicy"_s)
        << netInfo << true << int(Cached) << u"PSPPPFU"_s << u"grantAccessPolicyPermission"_s
        << QStringList{u"principalId="_s + Oid, u"permission=secrets get"_s,
                       u"vault=kv-contoso-prod"_s};
    QTest::newRow("KV 403 RBAC")
        << kv << 403
        << error(
               u"Forbidden"_s,
               u"Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: "_s
                   + Caller
                   + u"\r\nAction: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'\r\nResource: '"_s
                   + VaultId
                   + u"/secrets/db'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: 'DeniedWithNoValidRBAC' \r\nVault: kv-contoso-apps;location=westeurope\r\n"_s,
               u"ForbiddenByRbac"_s)
        << netInfo << true << int(Answered) << u"PPPPPFU"_s << u"assignRole"_s
        << QStringList{u"principalId="_s + Oid,
                       u"action=Microsoft.KeyVault/vaults/secrets/getSecret/action"_s,
                       u"roleName=Key Vault Secrets User"_s,
                       u"roleDefinitionId=4633458b-17de-408a-b874-0445c86b69e6"_s,
                       u"scope="_s + VaultId,
                       u"vault=kv-contoso-apps"_s};
    QTest::newRow("KV 404 after authorization")
        << kv << 404
        << error(u"SecretNotFound"_s,
                 u"A secret with (name/id) db was not found in this key vault."_s)
        << netInfo << true << int(Cached) << u"PSPPPPF"_s << u"none"_s << QStringList();
    QTest::newRow("KV 404 unknown path")
        << kv << 404
        << error(u"NotFound"_s, u"The requested resource or operation does not exist: GET /x"_s)
        << netInfo << true << int(Cached) << u"PSPUUUF"_s << u"none"_s << QStringList();
    QTest::newRow("KV 403 disabled secret")
        << kv << 403
        << error(u"Forbidden"_s, u"Operation get is not allowed on a disabled secret."_s,
                 u"SecretDisabled"_s)
        << netInfo << true << int(Cached) << u"PSPPPPF"_s << u"none"_s << QStringList();
    QTest::newRow("KV 409 deleted but recoverable")
        << kv << 409
        << error(u"Conflict"_s, u"Secret db is currently in a deleted but recoverable state."_s,
                 u"ObjectIsDeletedButRecoverable"_s)
        << netInfo << true << int(Cached) << u"PSPPPPF"_s << u"none"_s << QStringList();
    QTest::newRow("KV 429")
        << kv << 429
        << error(u"Throttled"_s,
                 u"Request was not processed because too many requests were received."_s)
        << QByteArray("Retry-After: 3") << true << int(Cached) << u"PSPUUUF"_s << u"none"_s
        << QStringList();
    QTest::newRow("KV 500") << kv << 500 << QByteArray() << QByteArray() << true << int(Cached)
                            << u"PSPUUUF"_s << u"none"_s << QStringList();
    QTest::newRow("KV network error") << kv << 0 << QByteArray() << QByteArray() << true
                                      << int(Cached) << u"PSFUUUU"_s << u"none"_s << QStringList();
    QTest::newRow("KV anonymous request, network error")
        << kv << 0 << QByteArray() << QByteArray() << false << int(NoChallenge) << u"SUFUUUU"_s
        << u"none"_s << QStringList();

    const int arm = int(Service::ResourceManager);
    QTest::newRow("ARM 200") << arm << 200 << QByteArray() << QByteArray() << true
                             << int(NoChallenge) << u"PPPP"_s << u"none"_s << QStringList();
    const QString scope =
        u"/subscriptions/5b1f9c3e-2d4a-4e6f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults/kv-contoso-apps"_s;
    QTest::newRow("ARM 403 AuthorizationFailed")
        << arm << 403
        << error(
               u"AuthorizationFailed"_s,
               u"The client 'erin@contoso.example' with object id '%1' does not have authorization to perform action 'Microsoft.KeyVault/vaults/write' over scope '%2' or the scope is invalid. If access was recently granted, please refresh your credentials."_s
                   .arg(Oid, scope))
        << QByteArray() << true << int(NoChallenge) << u"PPFU"_s << u"assignRole"_s
        << QStringList{u"principalId="_s + Oid, u"action=Microsoft.KeyVault/vaults/write"_s,
                       u"roleName=Key Vault Contributor"_s, u"scope="_s + scope};
    QTest::newRow("ARM 401 wrong tenant")
        << arm << 401
        << error(
               u"InvalidAuthenticationTokenTenant"_s,
               u"The access token is from the wrong issuer 'https://sts.windows.net/%1/'. It must match the tenant 'https://sts.windows.net/%2/' associated with this subscription."_s
                   .arg(OtherTenant, Tenant))
        << QByteArray() << true << int(NoChallenge) << u"PFUU"_s << u"signInToTenant"_s
        << QStringList{u"tenantId="_s + Tenant};
    QTest::newRow("ARM 404") << arm << 404
                             << error(u"ResourceNotFound"_s, u"The Resource 'x' was not found."_s)
                             << QByteArray() << true << int(NoChallenge) << u"PPPF"_s << u"none"_s
                             << QStringList();
    QTest::newRow("ARM network error")
        << arm << 0 << QByteArray() << QByteArray() << true << int(NoChallenge) << u"PFUU"_s
        << u"none"_s << QStringList();
    QTest::newRow("Graph 403") << int(Service::Graph) << 403
                               << error(u"Authorization_RequestDenied"_s,
                                        u"Insufficient privileges to complete the operation."_s)
                               << QByteArray() << true << int(NoChallenge) << u"PPFU"_s << u"none"_s
                               << QStringList();

    const int entra = int(Service::EntraId);
    const auto oauth = [](const char *error, int code) {
        return QJsonDocument(QJsonObject{{u"error"_s, QString::fromLatin1(error)},
                                         {u"error_description"_s, u"AADSTS%1: text"_s.arg(code)},
                                         {u"error_codes"_s, QJsonArray{code}}})
            .toJson(QJsonDocument::Compact);
    };
    QTest::newRow("Entra 200") << entra << 200 << QByteArray() << QByteArray() << false
                               << int(NoChallenge) << u"PP"_s << u"none"_s << QStringList();
    QTest::newRow("Entra MFA required")
        << entra << 400 << oauth("invalid_grant", 50076) << QByteArray() << false
        << int(NoChallenge) << u"PF"_s << u"signInAgain"_s << QStringList();
    QTest::newRow("Entra bad secret")
        << entra << 401 << oauth("invalid_client", 7000215) << QByteArray() << false
        << int(NoChallenge) << u"PF"_s << u"none"_s << QStringList();
    QTest::newRow("Entra pending")
        << entra << 400 << oauth("authorization_pending", 70016) << QByteArray() << false
        << int(NoChallenge) << u"PS"_s << u"none"_s << QStringList();
    QTest::newRow("managed identity network error")
        << int(Service::ManagedIdentity) << 0 << QByteArray() << QByteArray() << false
        << int(NoChallenge) << u"FU"_s << u"none"_s << QStringList();
}

void TestFlowExplainer::records()
{
    QFETCH(int, service);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, headers);
    QFETCH(bool, token);
    QFETCH(int, challenge);
    QFETCH(QString, remedy);
    QFETCH(QStringList, fields);

    const RequestRecord record =
        makeRecord(Service(service), status, body, headers, token, challenge);
    const FlowExplanation e = FlowExplainer().explain(record);
    QTEST(letters(e), "outcomes");
    QCOMPARE(e.service, Service(service));
    QVERIFY(checkRemedy(e.remedy(), remedy, fields));
    if (e.remedy().isActionable())
        QVERIFY(!e.remedy().text.isEmpty());
    for (const FlowStep &s : e.steps)
        QVERIFY2(!s.summary.isEmpty(), qPrintable(flowStageId(s.stage)));
    // A failed stage comes with its evidence; only one stage fails.
    int failed = 0;
    for (const FlowStep &s : e.steps) {
        if (s.outcome == FlowOutcome::Failed) {
            ++failed;
            QVERIFY2(!s.evidence.isEmpty(), qPrintable(flowStageId(s.stage)));
        }
    }
    QVERIFY(failed <= 1);
    if (status >= 200 && status < 300)
        QCOMPARE(failed, 0);
}

void TestFlowExplainer::stagesFollowTheService()
{
    const QList<QPair<Service, int>> expected{
        {Service::KeyVault, 7}, {Service::ResourceManager, 4}, {Service::Graph, 4},
        {Service::EntraId, 2},  {Service::ManagedIdentity, 2}, {Service::Other, 2}};
    for (const auto &[service, count] : expected) {
        const FlowExplanation e = FlowExplainer().explain(
            makeRecord(service, 200, {}, {}, service != Service::EntraId, NoChallenge));
        QCOMPARE(e.steps.size(), count);
        QList<FlowStage> stages;
        for (const FlowStep &s : e.steps)
            stages.append(s.stage);
        QCOMPARE(stages, flowStages(service));
    }
    QCOMPARE(flowStages(Service::KeyVault).at(4), FlowStage::TokenValidation);
    QCOMPARE(flowStages(Service::ResourceManager).at(1), FlowStage::ResourceManager);
    QCOMPARE(flowStages(Service::Graph).at(1), FlowStage::Graph);
    QCOMPARE(flowStages(Service::EntraId).at(0), FlowStage::TokenRequest);
}

void TestFlowExplainer::challengeAnsweredInTheExchange()
{
    const QByteArray challengeHeader =
        "WWW-Authenticate: Bearer authorization=\"https://login.microsoftonline.com/"
        + Tenant.toLatin1() + "\", resource=\"https://vault.azure.net\"";
    RequestRecord first = makeRecord(
        Service::KeyVault, 401,
        error(u"Unauthorized"_s, u"AKV10000: Request is missing a Bearer or PoP token."_s),
        challengeHeader, false, NoChallenge);
    first.id = 7;
    RequestRecord second = makeRecord(Service::KeyVault, 200, {}, {}, true, NoChallenge);
    second.id = 9;
    const QList<RequestRecord> exchange{first, second};

    // The anonymous request: its challenge was answered by the next attempt.
    const FlowExplanation a = FlowExplainer().explain(first, exchange);
    QCOMPARE(letters(a), u"SPPSSSS"_s);
    QVERIFY(a.step(FlowStage::Challenge)->summary.contains(u"#9"_s));
    QVERIFY(!a.failedStep());

    // The answered request: the challenge passed, with the 401 as evidence.
    const FlowExplanation b = FlowExplainer().explain(second, exchange);
    QCOMPARE(letters(b), u"PPPPPPP"_s);
    const FlowStep *challenge = b.step(FlowStage::Challenge);
    QVERIFY(challenge->summary.contains(u"#7"_s));
    QVERIFY(challenge->evidence.join(u'\n').contains(u"WWW-Authenticate: Bearer authorization="_s));
}

void TestFlowExplainer::retriesAreEvidence()
{
    RequestRecord throttled =
        makeRecord(Service::KeyVault, 429, error(u"Throttled"_s, u"Too many requests."_s),
                   "Retry-After: 2", true, Cached);
    throttled.id = 3;
    RequestRecord ok = makeRecord(Service::KeyVault, 200, {}, {}, true, Cached);
    ok.id = 4;
    ok.attempt = 2;
    const FlowExplanation e = FlowExplainer().explain(ok, {throttled, ok});
    const QString call = e.step(FlowStage::Call)->evidence.join(u'\n');
    QVERIFY2(call.contains(u"#3: HTTP 429"_s), qPrintable(call));
    QCOMPARE(letters(e), u"PSPPPPP"_s);

    const FlowExplanation t = FlowExplainer().explain(throttled);
    QVERIFY(t.step(FlowStage::Operation)->evidence.contains(u"Retry-After: 2"_s));
    QVERIFY(!t.step(FlowStage::Operation)->remedy.text.isEmpty());
}

void TestFlowExplainer::failedStageCarriesEvidence()
{
    const RequestRecord r = makeRecord(
        Service::KeyVault, 403,
        error(
            u"Forbidden"_s,
            u"Client address is not authorized and caller is not a trusted service.\r\nClient address: 192.0.2.55\r\nCaller: "_s
                + Caller + u"\r\nVault: kv-contoso-prod;location=westeurope"_s,
            u"ForbiddenByFirewall"_s),
        "x-ms-keyvault-network-info: "
        "conn_type=Ipv4;addr=192.0.2.55;act_addr_fam=InterNetwork;\nx-ms-request-id: req-42",
        true, Cached);
    const FlowStep *firewall = FlowExplainer().explain(r).step(FlowStage::Firewall);
    QVERIFY(firewall);
    const QString evidence = firewall->evidence.join(u'\n');
    QVERIFY(evidence.contains(u"HTTP 403"_s));
    QVERIFY(evidence.contains(u"innererror.code: ForbiddenByFirewall"_s));
    QVERIFY(evidence.contains(u"x-ms-keyvault-network-info: conn_type=Ipv4;addr=192.0.2.55"_s));
    QVERIFY(evidence.contains(u"x-ms-request-id: req-42"_s));
    QVERIFY(evidence.contains(u"“Client address is not authorized"_s));
    QVERIFY(firewall->summary.contains(u"192.0.2.55"_s));
    QVERIFY(firewall->remedy.text.contains(u"192.0.2.55"_s));
    QVERIFY(firewall->remedy.text.contains(u"kv-contoso-prod"_s));
}

void TestFlowExplainer::texts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("service");
    QTest::addColumn<QString>("outcomes");
    QTest::addColumn<QString>("remedy");
    QTest::addColumn<QStringList>("fields");

    const int kv = int(Service::KeyVault);
    QTest::newRow("CLI firewall") << readText(u"cli-firewall.txt"_s) << kv << u"UUPFUUU"_s
                                  << u"addClientAddress"_s
                                  << QStringList{u"address=192.0.2.55"_s,
                                                 u"vault=kv-contoso-prod"_s};
    QTest::newRow("Python policy")
        << readText(u"python-policy.txt"_s) << kv << u"PUPPPFU"_s
        << u"grantAccessPolicyPermission"_s
        << QStringList{u"principalId=e4170000-0000-4000-8000-000000000003"_s,
                       u"permission=secrets get"_s, u"vault=kv-contoso-prod"_s};
    QTest::newRow("CLI RBAC") << readText(u"cli-rbac.txt"_s) << kv << u"PUPPPFU"_s
                              << u"assignRole"_s
                              << QStringList{u"roleName=Key Vault Secrets User"_s,
                                             u"principalId=e4170000-0000-4000-8000-000000000003"_s};
    QTest::newRow(".NET wrong tenant")
        << readText(u"dotnet-akv10032.txt"_s) << kv << u"PUPPFUU"_s << u"signInToTenant"_s
        << QStringList{u"tenantId="_s + Tenant};
    QTest::newRow("bare connection")
        << readText(u"bare-connection.txt"_s) << kv << u"UUPFUUU"_s << u"enablePublicAccess"_s
        << QStringList{u"vault=kv-contoso-private"_s};
    QTest::newRow("CLI Resource Manager")
        << readText(u"cli-arm-authorizationfailed.txt"_s) << int(Service::ResourceManager)
        << u"PPFU"_s << u"assignRole"_s
        << QStringList{u"roleName=Key Vault Contributor"_s,
                       u"action=Microsoft.KeyVault/vaults/write"_s};
    QTest::newRow("MSAL") << readText(u"msal-invalid-client.txt"_s) << int(Service::EntraId)
                          << u"PF"_s << u"none"_s << QStringList();
    QTest::newRow("JSON not found") << readText(u"json-secretnotfound.txt"_s) << kv << u"PUPPPPF"_s
                                    << u"none"_s << QStringList();
    QTest::newRow("AKV10000") << u"AKV10000: Request is missing a Bearer or PoP token."_s << kv
                              << u"SFPSSSS"_s << u"none"_s << QStringList();
    QTest::newRow("connection refused") << readText(u"curl-connection-refused.txt"_s) << kv
                                        << u"UUFUUUU"_s << u"none"_s << QStringList();
    QTest::newRow("nothing") << readText(u"unrelated.txt"_s) << kv << u"UUUUUUU"_s << u"none"_s
                             << QStringList();
}

void TestFlowExplainer::texts()
{
    QFETCH(QString, text);
    QFETCH(int, service);
    QFETCH(QString, remedy);
    QFETCH(QStringList, fields);
    QVERIFY(!text.isEmpty());
    const FlowExplanation e = FlowExplainer().explainText(text);
    QCOMPARE(int(e.service), service);
    QTEST(letters(e), "outcomes");
    QVERIFY(checkRemedy(e.remedy(), remedy, fields));
}

void TestFlowExplainer::guessService_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("service");
    QTest::newRow("Key Vault inner code")
        << readText(u"cli-firewall.txt"_s) << int(Service::KeyVault);
    QTest::newRow("Resource Manager")
        << readText(u"cli-arm-authorizationfailed.txt"_s) << int(Service::ResourceManager);
    QTest::newRow("Graph")
        << u"{\"error\":{\"code\":\"Authorization_RequestDenied\",\"message\":\"Insufficient privileges to complete the operation.\"}}"_s
        << int(Service::Graph);
    QTest::newRow("Entra ID") << readText(u"python-identity-aadsts.txt"_s) << int(Service::EntraId);
    QTest::newRow("nothing") << u"hello"_s << int(Service::KeyVault);
}

void TestFlowExplainer::guessService()
{
    QFETCH(QString, text);
    QTEST(int(FlowExplainer::guessService(AzureError::fromText(text))), "service");
}

QTEST_GUILESS_MAIN(TestFlowExplainer)
#include "tst_flowexplainer.moc"

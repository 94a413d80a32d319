// SPDX-License-Identifier: GPL-3.0-or-later
#include "ErrorTestSupport.h"
#include "TestData.h"
#include "http/AzureError.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

namespace {

const QString Contoso = u"7f3c1a52-4e8b-4d1c-9a6e-2b5d8c0e1f34"_s;
const QString Fabrikam = u"b2e4d6f8-1a3c-4e5f-8a7b-9c0d1e2f3a4b"_s;
const QString Erin = u"e4170000-0000-4000-8000-000000000003"_s;
const QString Dave = u"da7e0000-0000-4000-8000-000000000002"_s;
const QString Alice = u"a11ce000-0000-4000-8000-000000000001"_s;
const QString CiApp = u"c1c1c1c1-0000-4000-8000-000000000020"_s;
const QString CiPipeline = u"c1000000-0000-4000-8000-000000000021"_s;
const QString AzureCli = u"04b07795-8ddb-461a-bbee-02f9e1bf7b46"_s;

QString readText(const QString &name)
{
    QFile f(testDataPath(u"errors/text/"_s + name));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

} // namespace

/// AzureError::fromText on what people paste: SDK exceptions, CLI output, portal messages.
class TestAzureErrorText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pastedFiles_data();
    void pastedFiles();
    void shortTexts_data();
    void shortTexts();
    void emptyTextIsNoError();
    void messageKeepsAllLinesOfAnSdkText();
    void hugeAndBrokenTextsAreBounded();
};

void TestAzureErrorText::pastedFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("innerCode");
    QTest::addColumn<QString>("requestId");
    QTest::addColumn<QStringList>("evidence");

    const QString iss = u"callerTenantId="_s + Contoso;
    QTest::newRow("Python HttpResponseError")
        << u"python-policy.txt"_s << int(Kind::Policy) << 0 << u"Forbidden"_s << u"AccessDenied"_s
        << QString()
        << QStringList{u"callerAppId="_s + AzureCli, u"callerObjectId="_s + Erin, iss,
                       u"vaultName=kv-contoso-prod"_s, u"missingPermission=secrets get"_s};
    QTest::newRow("Azure CLI, firewall (CRLF)")
        << u"cli-firewall.txt"_s << int(Kind::Firewall) << 0 << u"Forbidden"_s
        << u"ForbiddenByFirewall"_s << QString()
        << QStringList{u"callerAppId="_s + AzureCli, u"callerObjectId="_s + Dave, iss,
                       u"vaultName=kv-contoso-prod"_s, u"clientAddress=192.0.2.55"_s};
    QTest::newRow("Azure CLI, RBAC")
        << u"cli-rbac.txt"_s << int(Kind::Rbac) << 0 << u"Forbidden"_s << u"ForbiddenByRbac"_s
        << QString()
        << QStringList{
               u"callerAppId="_s + AzureCli,
               u"callerObjectId="_s + Erin,
               iss,
               u"vaultName=kv-contoso-apps"_s,
               u"action=Microsoft.KeyVault/vaults/secrets/getSecret/action"_s,
               u"scope=/subscriptions/5b1f9c3e-2d4a-4e6f-8a9b-0c1d2e3f4a5b/resourcegroups/rg-apps/providers/microsoft.keyvault/vaults/kv-contoso-apps/secrets/payments-api-key"_s,
               u"decisionReason=DeniedWithNoValidRBAC"_s};
    QTest::newRow("Azure CLI, Resource Manager")
        << u"cli-arm-authorizationfailed.txt"_s << int(Kind::Rbac) << 0 << u"AuthorizationFailed"_s
        << QString() << QString()
        << QStringList{
               u"callerName=erin@contoso.example"_s, u"callerObjectId="_s + Erin,
               u"action=Microsoft.KeyVault/vaults/write"_s,
               u"scope=/subscriptions/5b1f9c3e-2d4a-4e6f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults/kv-contoso-apps"_s};
    QTest::newRow(".NET RequestFailedException")
        << u"dotnet-policy.txt"_s << int(Kind::Policy) << 403 << u"Forbidden"_s
        << u"ForbiddenByPolicy"_s << u"0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a"_s
        << QStringList{u"callerAppId="_s + CiApp, u"callerObjectId="_s + CiPipeline, iss,
                       u"vaultName=kv-contoso-prod"_s, u"missingPermission=keys decrypt"_s};
    QTest::newRow(".NET, wrong tenant")
        << u"dotnet-akv10032.txt"_s << int(Kind::Unauthenticated) << 401 << u"Unauthorized"_s
        << QString() << u"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"_s
        << QStringList{u"callerTenantId="_s + Fabrikam, u"expectedTenantId="_s + Contoso};
    QTest::newRow("JavaScript RestError")
        << u"js-resterror-firewall.txt"_s << int(Kind::Firewall) << 403 << u"Forbidden"_s
        << u"ForbiddenByFirewall"_s << u"7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d"_s
        << QStringList{u"callerAppId="_s + CiApp, u"callerObjectId="_s + CiPipeline, iss,
                       u"vaultName=kv-contoso-prod"_s, u"clientAddress=198.51.100.23"_s};
    QTest::newRow("PowerShell") << u"powershell-policy.txt"_s << int(Kind::Policy) << 403
                                << u"Forbidden"_s << QString() << QString()
                                << QStringList{
                                       u"callerAppId=1950a258-227b-4e31-a9cf-717495945fc2"_s,
                                       u"callerObjectId="_s + Alice, iss,
                                       u"vaultName=kv-contoso-prod"_s,
                                       u"missingPermission=secrets list"_s};
    QTest::newRow("portal, RBAC") << u"portal-rbac.txt"_s << int(Kind::Rbac) << 0 << QString()
                                  << QString() << QString() << QStringList();
    QTest::newRow("portal, access policy")
        << u"portal-policy.txt"_s << int(Kind::Policy) << 0 << QString() << QString() << QString()
        << QStringList{u"missingPermission=list"_s};
    QTest::newRow("bare message, public access disabled")
        << u"bare-connection.txt"_s << int(Kind::Connection) << 0 << QString() << QString()
        << QString()
        << QStringList{u"callerAppId="_s + CiApp, u"callerObjectId="_s + CiPipeline, iss,
                       u"vaultName=kv-contoso-private"_s};
    QTest::newRow("MSAL, invalid client secret")
        << u"msal-invalid-client.txt"_s << int(Kind::Unauthenticated) << 0 << u"invalid_client"_s
        << u"AADSTS7000215"_s << u"2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d"_s << QStringList();
    QTest::newRow("Python identity")
        << u"python-identity-aadsts.txt"_s << int(Kind::Unauthenticated) << 0 << QString()
        << u"AADSTS700016"_s << u"2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6e"_s << QStringList();
    QTest::newRow("JSON body") << u"json-secretnotfound.txt"_s << int(Kind::NotFound) << 0
                               << u"SecretNotFound"_s << QString() << QString() << QStringList();
    QTest::newRow("curl, refused") << u"curl-connection-refused.txt"_s << int(Kind::Network) << 0
                                   << QString() << QString() << QString() << QStringList();
    QTest::newRow("nothing recognisable") << u"unrelated.txt"_s << int(Kind::None) << 0 << QString()
                                          << QString() << QString() << QStringList();
}

void TestAzureErrorText::pastedFiles()
{
    QFETCH(QString, file);
    QFETCH(int, kind);
    QFETCH(QStringList, evidence);
    const QString text = readText(file);
    QVERIFY2(!text.isEmpty(), qPrintable(file));
    const AzureError e = AzureError::fromText(text);
    QCOMPARE(int(e.kind), kind);
    QTEST(e.status, "status");
    QTEST(e.code, "code");
    QTEST(e.innerCode, "innerCode");
    QTEST(e.requestId, "requestId");
    QVERIFY(compareEvidence(e, evidence));
    QVERIFY(!e.message.isEmpty());
    QVERIFY2(!e.message.startsWith(u"ERROR:"_s), qPrintable(e.message));
}

void TestAzureErrorText::shortTexts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    QTest::newRow("AKV10000") << u"AKV10000: Request is missing a Bearer or PoP token."_s
                              << int(Kind::Unauthenticated) << 0 << QString();
    QTest::newRow("token expired") << u"[TokenExpired] Error validating token: 'S2S12086'."_s
                                   << int(Kind::Unauthenticated) << 0 << QString();
    QTest::newRow("secret disabled") << u"Operation get is not allowed on a disabled secret."_s
                                     << int(Kind::Conflict) << 0 << QString();
    QTest::newRow("deleted but recoverable")
        << u"Secret x is currently in a deleted but recoverable state, and its name cannot be reused."_s
        << int(Kind::Conflict) << 0 << QString();
    QTest::newRow("throttled")
        << u"Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached"_s
        << int(Kind::Throttled) << 0 << QString();
    QTest::newRow("not found, bare")
        << u"Resource group 'rg-x' could not be found."_s << int(Kind::NotFound) << 0 << QString();
    QTest::newRow("Python requests 403")
        << u"403 Client Error: Forbidden for url: https://kv.vault.azure.net/secrets?api-version=7.4"_s
        << int(Kind::Rbac) << 403 << QString();
    QTest::newRow(".NET HttpClient 404")
        << u"Response status code does not indicate success: 404 (Not Found)."_s
        << int(Kind::NotFound) << 404 << QString();
    QTest::newRow("HTTP status line")
        << u"HTTP/1.1 503 Service Unavailable"_s << int(Kind::Server) << 503 << QString();
    QTest::newRow("OAuth JSON")
        << u"{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS50173: The provided grant has expired due to it being revoked.\",\"error_codes\":[50173]}"_s
        << int(Kind::Unauthenticated) << 0 << u"invalid_grant"_s;
    QTest::newRow("ODataV3 error")
        << u"{\"odata.error\":{\"code\":\"Request_ResourceNotFound\",\"message\":{\"lang\":\"en\",\"value\":\"Resource 'x' does not exist.\"}}}"_s
        << int(Kind::NotFound) << 0 << u"Request_ResourceNotFound"_s;
    QTest::newRow("JSON with leading prose")
        << u"The call failed with this answer: {\"error\":{\"code\":\"Forbidden\",\"message\":\"Client address is not authorized and caller is not a trusted service.\\r\\nClient address: 203.0.113.9\",\"innererror\":{\"code\":\"ForbiddenByFirewall\"}}} -- end"_s
        << int(Kind::Firewall) << 0 << u"Forbidden"_s;
    QTest::newRow("name resolution")
        << u"ServiceRequestError: <urllib3.connection.HTTPSConnection object at 0x7f>: Failed to establish a new connection: [Errno -2] Name or service not known"_s
        << int(Kind::Network) << 0 << QString();
}

void TestAzureErrorText::shortTexts()
{
    QFETCH(QString, text);
    const AzureError e = AzureError::fromText(text);
    QTEST(int(e.kind), "kind");
    QTEST(e.status, "status");
    QTEST(e.code, "code");
}

void TestAzureErrorText::emptyTextIsNoError()
{
    for (const QString &text : {QString(), u"   \n\t "_s}) {
        const AzureError e = AzureError::fromText(text);
        QCOMPARE(e.kind, Kind::None);
        QVERIFY(e.message.isEmpty());
    }
}

void TestAzureErrorText::messageKeepsAllLinesOfAnSdkText()
{
    const AzureError e = AzureError::fromText(readText(u"cli-rbac.txt"_s));
    QVERIFY(e.message.startsWith(u"Caller is not authorized to perform action on resource."_s));
    QVERIFY(e.message.contains(u"DecisionReason: 'DeniedWithNoValidRBAC'"_s));
    QVERIFY(!e.message.contains(u"Inner error"_s));
    QVERIFY(!e.message.contains(u"Code: Forbidden"_s));
}

void TestAzureErrorText::hugeAndBrokenTextsAreBounded()
{
    QString braces(100000, u'{');
    braces += u"\"error\":\"x\"}"_s;
    const AzureError a = AzureError::fromText(braces);
    QVERIFY(a.message.size() <= 256 * 1024);
    const QString unbalanced = u"{\"error\":{\"code\":\"Forbidden\""_s + QString(5000, u'[');
    QCOMPARE(AzureError::fromText(unbalanced).kind, Kind::None);
}

QTEST_GUILESS_MAIN(TestAzureErrorText)
#include "tst_azureerrortext.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeClock.h"
#include "SandboxFixture.h"
#include "auth/Base64Url.h"
#include "state/Seed.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using namespace vl::sandbox::DemoIds;

/// Every denial of the Key Vault data plane, as the sandbox answers it over HTTPS.
class TestSandboxAccess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void accessPolicyDenial();
    void accessPolicyThroughAGroup();
    void firewallDenialNamesTheClientAddress();
    void publicAccessDisabled();
    void rbacVault();
    void managedIdentityWithObjectScope();
    void badTokens_data();
    void badTokens();
    void tokenFromAnotherTenant();
    void expiredToken();

private:
    std::unique_ptr<SandboxFixture> m_sandbox;
};

void TestSandboxAccess::initTestCase()
{
    m_sandbox = std::make_unique<SandboxFixture>();
    QVERIFY2(m_sandbox->isRunning(), qPrintable(m_sandbox->startError()));
}

void TestSandboxAccess::accessPolicyDenial()
{
    const QByteArray erin = m_sandbox->userToken(u"erin@contoso.example"_s);
    QVERIFY(!erin.isEmpty());
    // Erin's group may list secrets in the production vault, not read them.
    HttpReply r =
        m_sandbox->http().get(m_sandbox->vaultUrl(u"kv-contoso-prod"_s, u"/secrets"_s), erin);
    QCOMPARE(r.status, 200);
    r = m_sandbox->http().get(
        m_sandbox->vaultUrl(u"kv-contoso-prod"_s, u"/secrets/sql-connection-string"_s), erin);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorCode(), u"Forbidden"_s);
    QCOMPARE(r.innerErrorCode(), u"ForbiddenByPolicy"_s);
    QCOMPARE(
        r.errorMessage(),
        u"The user, group or application 'appid="_s + PublicClient + u";oid="_s + Erin
            + u";numgroups=1;iss=https://sts.windows.net/"_s + ContosoTenant
            + u"/' does not have secrets get permission on key vault 'kv-contoso-prod;location=westeurope'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287"_s);
}

void TestSandboxAccess::accessPolicyThroughAGroup()
{
    const QByteArray dave = m_sandbox->userToken(u"dave@contoso.example"_s);
    HttpReply r = m_sandbox->http().get(
        m_sandbox->vaultUrl(u"kv-contoso-prod"_s, u"/secrets/sql-connection-string"_s), dave);
    QCOMPARE(r.status, 200);
    r = m_sandbox->http().sendJson("PUT",
                                   m_sandbox->vaultUrl(u"kv-contoso-prod"_s, u"/secrets/new-one"_s),
                                   QJsonObject{{u"value"_s, u"v"_s}}, dave);
    QCOMPARE(r.status, 403);
    QVERIFY(r.errorMessage().contains(u"does not have secrets set permission"_s));
}

void TestSandboxAccess::firewallDenialNamesTheClientAddress()
{
    sandbox::SandboxOptions options;
    options.clientAddress = u"192.0.2.55"_s;
    SandboxFixture outside(options);
    QVERIFY2(outside.isRunning(), qPrintable(outside.startError()));
    const QByteArray token = outside.automationToken();
    HttpReply r = outside.http().get(outside.vaultUrl(u"kv-contoso-prod"_s, u"/secrets"_s), token);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.innerErrorCode(), u"ForbiddenByFirewall"_s);
    QCOMPARE(
        r.errorMessage(),
        u"Client address is not authorized and caller is not a trusted service.\r\nClient address: 192.0.2.55\r\nCaller: appid="_s
            + CiPipelineApp + u";oid="_s + CiPipeline + u";iss=https://sts.windows.net/"_s
            + ContosoTenant + u"/\r\nVault: kv-contoso-prod;location=westeurope"_s);
    QCOMPARE(r.header("x-ms-keyvault-network-info"),
             QByteArray("conn_type=Ipv4;addr=192.0.2.55;act_addr_fam=InterNetwork;"));
    // The open development vault lets the same caller in.
    r = outside.http().get(outside.vaultUrl(u"kv-contoso-dev"_s, u"/secrets"_s), token);
    QCOMPARE(r.status, 200);
    // The anonymous challenge still comes before the firewall.
    r = outside.http().get(outside.vaultUrl(u"kv-contoso-prod"_s, u"/secrets"_s));
    QCOMPARE(r.status, 401);
}

void TestSandboxAccess::publicAccessDisabled()
{
    const QByteArray token = m_sandbox->automationToken();
    const HttpReply r =
        m_sandbox->http().get(m_sandbox->vaultUrl(u"kv-contoso-private"_s, u"/secrets"_s), token);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.innerErrorCode(), u"ForbiddenByConnection"_s);
    QVERIFY(r.errorMessage().startsWith(u"Public network access is disabled"_s));
}

void TestSandboxAccess::rbacVault()
{
    const QByteArray erin = m_sandbox->userToken(u"erin@contoso.example"_s);
    // Key Vault Reader (through the auditors group, at the resource group): metadata only.
    HttpReply r =
        m_sandbox->http().get(m_sandbox->vaultUrl(u"kv-contoso-apps"_s, u"/secrets"_s), erin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("value"_L1).toArray().size(), 2);
    QVERIFY(!r.header("x-ms-keyvault-rbac-assignment-id").isEmpty());
    r = m_sandbox->http().get(
        m_sandbox->vaultUrl(u"kv-contoso-apps"_s, u"/secrets/payments-api-key"_s), erin);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.innerErrorCode(), u"ForbiddenByRbac"_s);
    QVERIFY(
        r.errorMessage().startsWith(u"Caller is not authorized to perform action on resource."_s));
    QVERIFY(r.errorMessage().contains(
        u"Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'"_s));
    QVERIFY(r.errorMessage().contains(
        u"/resourcegroups/rg-apps/providers/microsoft.keyvault/vaults/kv-contoso-apps/secrets/payments-api-key'"_s));
    // The access policies of an RBAC vault do not count: Dave's developer group is
    // Secrets Officer there, which is what lets him write.
    const QByteArray dave = m_sandbox->userToken(u"dave@contoso.example"_s);
    r = m_sandbox->http().sendJson(
        "PUT", m_sandbox->vaultUrl(u"kv-contoso-apps"_s, u"/secrets/from-dave"_s),
        QJsonObject{{u"value"_s, u"v"_s}}, dave);
    QCOMPARE(r.status, 200);
}

void TestSandboxAccess::managedIdentityWithObjectScope()
{
    QUrl imds(
        m_sandbox->config().value("imdsEndpoint"_L1).toString()
        + u"/metadata/identity/oauth2/token/?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net&client_id="_s
        + WebAppClient);
    const HttpReply t = m_sandbox->http().send("GET", imds, {}, {{"Metadata", "true"}});
    QCOMPARE(t.status, 200);
    const QByteArray token = t.json().value("access_token"_L1).toString().toLatin1();
    HttpReply r = m_sandbox->http().get(
        m_sandbox->vaultUrl(u"kv-contoso-apps"_s, u"/secrets/web-app-client-secret"_s), token);
    QCOMPARE(r.status, 200);
    r = m_sandbox->http().get(
        m_sandbox->vaultUrl(u"kv-contoso-apps"_s, u"/secrets/payments-api-key"_s), token);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.innerErrorCode(), u"ForbiddenByRbac"_s);
    // In the production vault, the identity's access policy allows get.
    r = m_sandbox->http().get(
        m_sandbox->vaultUrl(u"kv-contoso-prod"_s, u"/secrets/service-bus-connection"_s), token);
    QCOMPARE(r.status, 200);
}

void TestSandboxAccess::badTokens_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("messageStart");
    SandboxFixture &s = *m_sandbox;
    const QByteArray good = s.automationToken();
    QByteArray tampered = good;
    const qsizetype dot = tampered.indexOf('.');
    // Change one character of the claims: the signature no longer matches.
    tampered[dot + 5] = tampered[dot + 5] == 'A' ? 'B' : 'A';
    QTest::newRow("garbage") << QByteArray(
        "not-a-jwt") << u"Error validating token: the bearer token is not a well-formed JWT."_s;
    QTest::newRow("tampered") << tampered << u"AKV10046: Unable to resolve the key"_s;
    QTest::newRow("Resource Manager audience")
        << s.automationToken(u"https://management.azure.com/.default"_s)
        << u"AKV10022: Invalid audience. Expected https://vault.azure.net, found: https://management.azure.com."_s;
}

void TestSandboxAccess::badTokens()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, messageStart);
    QVERIFY(!token.isEmpty());
    const HttpReply r =
        m_sandbox->http().get(m_sandbox->vaultUrl(u"kv-contoso-dev"_s, u"/secrets"_s), token);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), u"Unauthorized"_s);
    QVERIFY2(r.errorMessage().startsWith(messageStart), qPrintable(r.errorMessage()));
    QVERIFY(r.header("WWW-Authenticate").startsWith("Bearer authorization="));
}

void TestSandboxAccess::tokenFromAnotherTenant()
{
    // Carol, a Fabrikam user, signs in to her home tenant; Contoso's vault refuses it.
    const QByteArray carol = m_sandbox->userToken(u"carol@fabrikam.example"_s);
    QVERIFY(!carol.isEmpty());
    const HttpReply r =
        m_sandbox->http().get(m_sandbox->vaultUrl(u"kv-contoso-dev"_s, u"/secrets"_s), carol);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorMessage(),
             u"AKV10032: Invalid issuer. Expected one of https://sts.windows.net/"_s + ContosoTenant
                 + u"/, found https://sts.windows.net/"_s + FabrikamTenant + u"/."_s);
    // Her refresh token gets a Contoso token, where she is a guest: that one works.
    const QString refresh = m_sandbox->lastTokenAnswer().value("refresh_token"_L1).toString();
    const HttpReply guest = m_sandbox->http().postForm(
        m_sandbox->apiUrl(u"/"_s + ContosoTenant + u"/oauth2/v2.0/token"_s),
        {{u"grant_type"_s, u"refresh_token"_s},
         {u"client_id"_s, PublicClient},
         {u"refresh_token"_s, refresh},
         {u"scope"_s, u"https://vault.azure.net/.default offline_access"_s}});
    QCOMPARE(guest.status, 200);
    const QByteArray contosoToken = guest.json().value("access_token"_L1).toString().toLatin1();
    QCOMPARE(m_sandbox->http()
                 .get(m_sandbox->vaultUrl(u"kv-contoso-dev"_s, u"/secrets"_s), contosoToken)
                 .status,
             200);
}

void TestSandboxAccess::expiredToken()
{
    FakeClock clock(QDateTime::currentDateTimeUtc());
    SandboxFixture timed({}, clock);
    QVERIFY2(timed.isRunning(), qPrintable(timed.startError()));
    const QByteArray token = timed.automationToken();
    QCOMPARE(timed.http().get(timed.vaultUrl(u"kv-contoso-dev"_s, u"/secrets"_s), token).status,
             200);
    clock.advance(2 * 3600);
    const HttpReply r = timed.http().get(timed.vaultUrl(u"kv-contoso-dev"_s, u"/secrets"_s), token);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorMessage(), u"[TokenExpired] Error validating token: 'S2S12086'."_s);
}

QTEST_GUILESS_MAIN(TestSandboxAccess)
#include "tst_sandboxaccess.moc"

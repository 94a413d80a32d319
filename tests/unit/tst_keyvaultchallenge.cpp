// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/CloudProfile.h"
#include "auth/KeyVaultChallenge.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;

/// Reading a vault's 401 challenge and checking its resource against the vault.
class TestKeyVaultChallenge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromHeader_data();
    void fromHeader();
    void rejected_data();
    void rejected();
    void fromHeadersJoinsEveryLine();
    void claimsAreDecoded_data();
    void claimsAreDecoded();
    void verifyResource_data();
    void verifyResource();
    void verifyForProfile_data();
    void verifyForProfile();
    void toInfo();
};

void TestKeyVaultChallenge::fromHeader_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("authorityHost");
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("scope");

    QTest::newRow("public cloud")
        << R"(Bearer authorization="https://login.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47", resource="https://vault.azure.net")"_ba
        << u"https://login.windows.net"_s << u"72f988bf-86f1-41af-91ab-2d7cd011db47"_s
        << u"https://vault.azure.net"_s << u"https://vault.azure.net/.default"_s;
    QTest::newRow("sandbox")
        << R"(Bearer authorization="https://127.0.0.1:8443/11111111-2222-3333-4444-555555555555", resource="https://vault.azure.net")"_ba
        << u"https://127.0.0.1:8443"_s << u"11111111-2222-3333-4444-555555555555"_s
        << u"https://vault.azure.net"_s << u"https://vault.azure.net/.default"_s;
    QTest::newRow("authorization_uri and scope")
        << R"(Bearer authorization_uri="https://login.microsoftonline.com/contoso.example", scope="https://vault.azure.net/.default")"_ba
        << u"https://login.microsoftonline.com"_s << u"contoso.example"_s << QString()
        << u"https://vault.azure.net/.default"_s;
    QTest::newRow("scope wins over resource")
        << R"(Bearer authorization="https://a.example/t", resource="https://vault.azure.net", scope="https://vault.azure.net/user_impersonation")"_ba
        << u"https://a.example"_s << u"t"_s << u"https://vault.azure.net"_s
        << u"https://vault.azure.net/user_impersonation"_s;
    QTest::newRow("trailing slash after the tenant")
        << R"(Bearer authorization="https://login.windows.net/tid/", resource="https://vault.azure.net")"_ba
        << u"https://login.windows.net"_s << u"tid"_s << u"https://vault.azure.net"_s
        << u"https://vault.azure.net/.default"_s;
    QTest::newRow("another challenge first")
        << R"(PoP nonce="n", Bearer authorization="https://a.example/t",resource="https://vault.azure.cn")"_ba
        << u"https://a.example"_s << u"t"_s << u"https://vault.azure.cn"_s
        << u"https://vault.azure.cn/.default"_s;
    QTest::newRow("sovereign")
        << R"(Bearer authorization="https://login.microsoftonline.us/t", resource="https://vault.usgovcloudapi.net")"_ba
        << u"https://login.microsoftonline.us"_s << u"t"_s << u"https://vault.usgovcloudapi.net"_s
        << u"https://vault.usgovcloudapi.net/.default"_s;
}

void TestKeyVaultChallenge::fromHeader()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, authorityHost);
    QFETCH(QString, tenant);
    QFETCH(QString, resource);
    QFETCH(QString, scope);
    const Result<KeyVaultChallenge> c = KeyVaultChallenge::fromHeader(header);
    QVERIFY2(c.ok(), qPrintable(c.error().message));
    QCOMPARE(c->authorityHost.toString(), authorityHost);
    QCOMPARE(c->tenantId, tenant);
    QCOMPARE(c->resource, resource);
    QCOMPARE(c->scope, scope);
    QCOMPARE(c->header, header);
    QVERIFY(c->authority.toString().startsWith(authorityHost));
}

void TestKeyVaultChallenge::rejected_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("empty") << QByteArray() << u"no Bearer challenge"_s;
    QTest::newRow("basic only") << R"(Basic realm="x")"_ba << u"no Bearer challenge"_s;
    QTest::newRow("no authority") << R"(Bearer resource="https://vault.azure.net")"_ba
                                  << u"no usable authority"_s;
    QTest::newRow("authority not a URL")
        << R"(Bearer authorization="not a url", resource="https://vault.azure.net")"_ba
        << u"no usable authority"_s;
    QTest::newRow("authority of another scheme")
        << R"(Bearer authorization="ftp://login/t", resource="https://vault.azure.net")"_ba
        << u"no usable authority"_s;
    QTest::newRow("no tenant")
        << R"(Bearer authorization="https://login.windows.net/", resource="https://vault.azure.net")"_ba
        << u"names no tenant"_s;
    QTest::newRow("no resource nor scope")
        << R"(Bearer authorization="https://login/t")"_ba << u"neither a resource nor a scope"_s;
}

void TestKeyVaultChallenge::rejected()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, messagePart);
    const Result<KeyVaultChallenge> c = KeyVaultChallenge::fromHeader(header);
    QVERIFY(!c.ok());
    QCOMPARE(c.error().kind, AzureError::Kind::Malformed);
    QVERIFY2(c.error().message.contains(messagePart), qPrintable(c.error().message));
}

void TestKeyVaultChallenge::fromHeadersJoinsEveryLine()
{
    const HttpHeaders headers{
        {"Content-Type", "application/json"},
        {"WWW-Authenticate", R"(Basic realm="x")"},
        {"www-authenticate", R"(Bearer authorization="https://a.example/t", resource="r://v")"}};
    const Result<KeyVaultChallenge> c = KeyVaultChallenge::fromHeaders(headers);
    QVERIFY(c.ok());
    QCOMPARE(c->tenantId, u"t"_s);
    const QByteArray joined =
        R"(Basic realm="x", Bearer authorization="https://a.example/t", resource="r://v")"_ba;
    QCOMPARE(c->header, joined);
}

void TestKeyVaultChallenge::claimsAreDecoded_data()
{
    QTest::addColumn<QString>("claims");
    QTest::addColumn<QString>("expected");
    const QString json = uR"({"access_token":{"nbf":{"essential":true,"value":"1700000000"}}})"_s;
    QTest::newRow("base64") << QString::fromLatin1(json.toUtf8().toBase64()) << json;
    QTest::newRow("base64url unpadded") << QString::fromLatin1(
        json.toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
                                        << json;
    QTest::newRow("plain JSON") << json << json;
    QTest::newRow("not base64 JSON: kept") << u"abc!"_s << u"abc!"_s;
}

void TestKeyVaultChallenge::claimsAreDecoded()
{
    QFETCH(QString, claims);
    QFETCH(QString, expected);
    QByteArray quoted = claims.toUtf8();
    quoted.replace('"', "\\\"");
    const QByteArray header =
        R"(Bearer authorization="https://login/t", resource="https://vault.azure.net", error="insufficient_claims", claims=")"
        + quoted + '"';
    const Result<KeyVaultChallenge> c = KeyVaultChallenge::fromHeader(header);
    QVERIFY(c.ok());
    QCOMPARE(c->claims, expected);
    QCOMPARE(c->error, u"insufficient_claims"_s);
}

void TestKeyVaultChallenge::verifyResource_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("vault");
    QTest::addColumn<bool>("ok");
    QTest::newRow("vault") << u"https://vault.azure.net"_s << u"https://kv1.vault.azure.net/"_s
                           << true;
    QTest::newRow("scope form") << u"https://vault.azure.net/.default"_s
                                << u"https://kv1.vault.azure.net"_s << true;
    QTest::newRow("case") << u"https://VAULT.azure.net"_s << u"https://KV1.Vault.Azure.Net/"_s
                          << true;
    QTest::newRow("managed HSM") << u"https://managedhsm.azure.net"_s
                                 << u"https://hsm1.managedhsm.azure.net/"_s << true;
    QTest::newRow("china") << u"https://vault.azure.cn"_s << u"https://kv.vault.azure.cn"_s << true;
    QTest::newRow("other cloud") << u"https://vault.azure.cn"_s << u"https://kv.vault.azure.net"_s
                                 << false;
    QTest::newRow("not at a label boundary")
        << u"https://vault.azure.net"_s << u"https://evilvault.azure.net"_s << false;
    QTest::newRow("the resource host itself")
        << u"https://vault.azure.net"_s << u"https://vault.azure.net"_s << false;
    QTest::newRow("another service")
        << u"https://management.azure.com"_s << u"https://kv1.vault.azure.net"_s << false;
    QTest::newRow("suffix as a prefix")
        << u"https://vault.azure.net"_s << u"https://vault.azure.net.evil.example"_s << false;
    QTest::newRow("sandbox vault (verification would fail)")
        << u"https://vault.azure.net"_s << u"https://127.0.0.1:8444/"_s << false;
    QTest::newRow("resource not a URL") << u"vault"_s << u"https://kv1.vault.azure.net"_s << false;
}

void TestKeyVaultChallenge::verifyResource()
{
    QFETCH(QString, resource);
    QFETCH(QString, vault);
    QFETCH(bool, ok);
    const Result<Done> r = KeyVaultChallenge::verifyResource(resource, QUrl(vault));
    QCOMPARE(r.ok(), ok);
    if (!ok) {
        QCOMPARE(r.error().kind, AzureError::Kind::Unauthenticated);
        QVERIFY(!r.error().message.isEmpty());
    }
}

void TestKeyVaultChallenge::verifyForProfile_data()
{
    QTest::addColumn<bool>("sandbox");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("vault");
    QTest::addColumn<bool>("ok");
    QTest::newRow("azure, right vault")
        << false << u"https://vault.azure.net"_s << u"https://kv.vault.azure.net/"_s << true;
    QTest::newRow("azure, vault at 127.0.0.1")
        << false << u"https://vault.azure.net"_s << u"https://127.0.0.1:9000/"_s << false;
    QTest::newRow("sandbox, key vault audience")
        << true << u"https://vault.azure.net"_s << u"https://127.0.0.1:9000/"_s << true;
    QTest::newRow("sandbox, audience with a slash")
        << true << u"https://vault.azure.net/"_s << u"https://127.0.0.1:9000/"_s << true;
    QTest::newRow("sandbox, asks for a Resource Manager token")
        << true << u"https://management.azure.com"_s << u"https://127.0.0.1:9000/"_s << false;
    QTest::newRow("sandbox, asks for a Graph token")
        << true << u"https://graph.microsoft.com"_s << u"https://127.0.0.1:9000/"_s << false;
}

void TestKeyVaultChallenge::verifyForProfile()
{
    QFETCH(bool, sandbox);
    QFETCH(QString, resource);
    QFETCH(QString, vault);
    QFETCH(bool, ok);
    CloudProfile profile = CloudProfile::azurePublic();
    if (sandbox) {
        // Only the switch matters here; the rest of the sandbox profile has its own test.
        profile.kind = CloudProfile::Kind::Sandbox;
        profile.verifyChallengeResource = false;
    }
    const Result<KeyVaultChallenge> c = KeyVaultChallenge::fromHeader(
        "Bearer authorization=\"https://login/t\", resource=\"" + resource.toUtf8() + '"');
    QVERIFY(c.ok());
    const Result<Done> r = c->verifyFor(QUrl(vault), profile);
    QCOMPARE(r.ok(), ok);
    if (!ok)
        QVERIFY2(r.error().message.contains(QUrl(resource).host()), qPrintable(r.error().message));
}

void TestKeyVaultChallenge::toInfo()
{
    const QByteArray header =
        R"(Bearer authorization="https://login.windows.net/tid", resource="https://vault.azure.net")"_ba;
    const Result<KeyVaultChallenge> c = KeyVaultChallenge::fromHeader(header);
    QVERIFY(c.ok());
    const ChallengeInfo info = c->toInfo(ChallengeInfo::Origin::Cached);
    QCOMPARE(info.origin, ChallengeInfo::Origin::Cached);
    QCOMPARE(info.wwwAuthenticate, header);
    QCOMPARE(info.authority, u"https://login.windows.net/tid"_s);
    QCOMPARE(info.tenantId, u"tid"_s);
    QCOMPARE(info.resource, u"https://vault.azure.net"_s);
}

QTEST_GUILESS_MAIN(TestKeyVaultChallenge)
#include "tst_keyvaultchallenge.moc"

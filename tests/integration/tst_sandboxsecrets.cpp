// SPDX-License-Identifier: GPL-3.0-or-later
#include "SandboxFixture.h"
#include "state/Seed.h"

#include <QJsonArray>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

/// The Key Vault data plane of the sandbox, secrets, over real HTTPS.
class TestSandboxSecrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void anonymousRequestIsChallenged();
    void everyAnswerCarriesTheServiceHeaders();
    void apiVersions_data();
    void apiVersions();
    void setGetUpdateAndVersions();
    void pagingFollowsNextLinks();
    void emptyPagesKeepANextLink();
    void softDeleteRecoverAndPurge();
    void purgeProtectionRefusesPurge();
    void backupAndRestore();
    void badRequests_data();
    void badRequests();
    void disabledSecretIsForbidden();
    void missingSecretIs404();

private:
    std::unique_ptr<SandboxFixture> m_sandbox;
    QByteArray m_token;
};

void TestSandboxSecrets::initTestCase()
{
    m_sandbox = std::make_unique<SandboxFixture>();
    QVERIFY2(m_sandbox->isRunning(), qPrintable(m_sandbox->startError()));
    m_token = m_sandbox->automationToken();
    QVERIFY(!m_token.isEmpty());
}

void TestSandboxSecrets::anonymousRequestIsChallenged()
{
    // The SDKs send their first request without a token and without its body.
    const HttpReply r = m_sandbox->http().send(
        "PUT", m_sandbox->vaultUrl(u"kv-contoso-dev"_s, u"/secrets/probe"_s, u"2025-07-01"_s), {},
        {{"Content-Type", "application/json"}});
    QCOMPARE(r.status, 401);
    QCOMPARE(r.header("WWW-Authenticate"), QByteArray("Bearer authorization=\"")
                                               + m_sandbox->api().toUtf8() + '/'
                                               + sandbox::DemoIds::ContosoTenant.toUtf8()
                                               + "\", resource=\"https://vault.azure.net\"");
    QCOMPARE(r.errorCode(), u"Unauthorized"_s);
    QCOMPARE(r.errorMessage(), u"AKV10000: Request is missing a Bearer or PoP token."_s);
    // Even with an unknown api-version, the challenge comes first.
    const HttpReply bad = m_sandbox->http().get(
        m_sandbox->vaultUrl(u"kv-contoso-dev"_s, u"/secrets"_s, u"1999-01-01"_s));
    QCOMPARE(bad.status, 401);
}

void TestSandboxSecrets::everyAnswerCarriesTheServiceHeaders()
{
    const HttpReply r = m_sandbox->http().send(
        "GET", m_sandbox->vaultUrl(u"kv-contoso-dev"_s, u"/secrets"_s), {},
        {{"Authorization", "Bearer " + m_token}, {"x-ms-client-request-id", "3f2c5d9e-test"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("x-ms-client-request-id"), QByteArray("3f2c5d9e-test"));
    QCOMPARE(r.header("x-ms-request-id").size(), 36);
    QCOMPARE(r.header("x-ms-keyvault-network-info"),
             QByteArray("conn_type=Ipv4;addr=203.0.113.10;act_addr_fam=InterNetwork;"));
    QVERIFY(r.header("Content-Type").startsWith("application/json"));
}

void TestSandboxSecrets::apiVersions_data()
{
    QTest::addColumn<QString>("apiVersion");
    QTest::addColumn<int>("status");
    for (const char *v : {"7.3", "7.4", "7.5", "7.6", "2025-07-01", "2026-04-01"})
        QTest::newRow(v) << QString::fromLatin1(v) << 200;
    QTest::newRow("7.2 is too old") << u"7.2"_s << 400;
    QTest::newRow("unknown") << u"2099-01-01"_s << 400;
    QTest::newRow("missing") << QString() << 400;
}

void TestSandboxSecrets::apiVersions()
{
    QFETCH(QString, apiVersion);
    QFETCH(int, status);
    const HttpReply r = m_sandbox->http().get(
        m_sandbox->vaultUrl(u"kv-contoso-dev"_s, u"/secrets"_s, apiVersion), m_token);
    QCOMPARE(r.status, status);
    if (status == 400)
        QCOMPARE(r.errorCode(), u"BadParameter"_s);
}

void TestSandboxSecrets::setGetUpdateAndVersions()
{
    auto url = [&](const QString &path) {
        return m_sandbox->vaultUrl(u"kv-contoso-dev"_s, path);
    };
    HttpReply r = m_sandbox->http().sendJson(
        "PUT", url(u"/secrets/api-key"_s),
        QJsonObject{{u"value"_s, u"first"_s},
                    {u"contentType"_s, u"text/plain"_s},
                    {u"tags"_s, QJsonObject{{u"team"_s, u"payments"_s}}}},
        m_token);
    QCOMPARE(r.status, 200);
    const QJsonObject first = r.json();
    QCOMPARE(first.value("value"_L1).toString(), u"first"_s);
    const QString firstId = first.value("id"_L1).toString();
    QVERIFY(
        firstId.startsWith(m_sandbox->vaultOrigin(u"kv-contoso-dev"_s) + u"/secrets/api-key/"_s));
    QCOMPARE(firstId.section(u'/', -1).size(), 32);
    QCOMPARE(first[u"attributes"_s][u"recoveryLevel"_s].toString(), u"Recoverable+Purgeable"_s);
    QCOMPARE(first[u"attributes"_s][u"recoverableDays"_s].toInt(), 90);

    r = m_sandbox->http().sendJson("PUT", url(u"/secrets/API-KEY"_s),
                                   QJsonObject{{u"value"_s, u"second"_s}}, m_token);
    QCOMPARE(r.status, 200);
    const QString secondVersion = r.json().value("id"_L1).toString().section(u'/', -1);

    // Latest, with and without the trailing slash; a named version.
    r = m_sandbox->http().get(url(u"/secrets/api-key/"_s), m_token);
    QCOMPARE(r.json().value("value"_L1).toString(), u"second"_s);
    r = m_sandbox->http().get(url(u"/secrets/api-key"_s), m_token);
    QCOMPARE(r.json().value("value"_L1).toString(), u"second"_s);
    r = m_sandbox->http().get(url(u"/secrets/api-key/"_s + firstId.section(u'/', -1)), m_token);
    QCOMPARE(r.json().value("value"_L1).toString(), u"first"_s);
    QCOMPARE(r.json()[u"tags"_s][u"team"_s].toString(), u"payments"_s);

    // Update changes attributes and tags, never the value, and answers without it.
    r = m_sandbox->http().sendJson(
        "PATCH", url(u"/secrets/api-key/"_s + secondVersion),
        QJsonObject{{u"attributes"_s, QJsonObject{{u"enabled"_s, false}, {u"exp"_s, 1893456000}}},
                    {u"tags"_s, QJsonObject{{u"rotated"_s, u"yes"_s}}}},
        m_token);
    QCOMPARE(r.status, 200);
    QVERIFY(!r.json().contains("value"_L1));
    QCOMPARE(r.json()[u"attributes"_s][u"enabled"_s].toBool(), false);
    QCOMPARE(r.json()[u"attributes"_s][u"exp"_s].toInteger(), 1893456000);

    r = m_sandbox->http().get(url(u"/secrets/api-key/versions"_s), m_token);
    QCOMPARE(r.status, 200);
    const QJsonArray versions = r.json().value("value"_L1).toArray();
    QCOMPARE(versions.size(), 2);
    for (const QJsonValue &v : versions)
        QVERIFY(!v.toObject().contains("value"_L1));
    QVERIFY(r.json().value("nextLink"_L1).isNull());

    // Versions of a secret that does not exist: an empty list, not a 404.
    r = m_sandbox->http().get(url(u"/secrets/nothing-here/versions"_s), m_token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("value"_L1).toArray().size(), 0);

    // The list shows the secret once, version-less, without its value.
    r = m_sandbox->http().get(url(u"/secrets"_s), m_token);
    bool listed = false;
    for (const QJsonValue &v : r.json().value("value"_L1).toArray()) {
        QVERIFY(!v.toObject().contains("value"_L1));
        listed = listed
                 || v.toObject().value("id"_L1).toString()
                        == m_sandbox->vaultOrigin(u"kv-contoso-dev"_s) + u"/secrets/api-key"_s;
    }
    QVERIFY(listed);
}

void TestSandboxSecrets::pagingFollowsNextLinks()
{
    sandbox::SandboxOptions options;
    options.seed = sandbox::SandboxOptions::Seed::Large;
    options.largeCount = 60;
    SandboxFixture large(options);
    QVERIFY2(large.isRunning(), qPrintable(large.startError()));
    const QByteArray token = large.automationToken();
    QUrl url = large.vaultUrl(u"kv-contoso-prod"_s, u"/secrets"_s);
    QUrlQuery q(url);
    q.addQueryItem(u"maxresults"_s, u"7"_s);
    url.setQuery(q);
    QStringList names;
    int pages = 0;
    while (url.isValid() && pages < 100) {
        const HttpReply r = large.http().get(url, token);
        QCOMPARE(r.status, 200);
        const QJsonArray value = r.json().value("value"_L1).toArray();
        QVERIFY(value.size() <= 7);
        for (const QJsonValue &v : value)
            names.append(v.toObject().value("id"_L1).toString().section(u'/', -1));
        ++pages;
        const QJsonValue next = r.json().value("nextLink"_L1);
        url = next.isNull() ? QUrl() : QUrl(next.toString());
        if (!next.isNull()) {
            QVERIFY(next.toString().contains(u"maxresults=7"_s));
            QVERIFY(next.toString().contains(u"$skiptoken="_s));
        }
    }
    QCOMPARE(pages, 9);
    QCOMPARE(names.size(), 60);
    QCOMPARE(names.first(), u"secret-000000"_s);
    QCOMPARE(names.last(), u"secret-000059"_s);
    QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), 60);

    // Default page size is 25; more than 25 is refused.
    HttpReply r = large.http().get(large.vaultUrl(u"kv-contoso-prod"_s, u"/secrets"_s), token);
    QCOMPARE(r.json().value("value"_L1).toArray().size(), 25);
    url = large.vaultUrl(u"kv-contoso-prod"_s, u"/secrets"_s);
    q = QUrlQuery(url);
    q.addQueryItem(u"maxresults"_s, u"26"_s);
    url.setQuery(q);
    r = large.http().get(url, token);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"BadParameter"_s);
}

void TestSandboxSecrets::emptyPagesKeepANextLink()
{
    const HttpReply fault = m_sandbox->http().sendJson(
        "POST", m_sandbox->apiUrl(u"/sandbox/faults"_s),
        QJsonObject{
            {u"faults"_s, QJsonArray{QJsonObject{{u"kind"_s, u"emptyPage"_s}, {u"count"_s, 1}}}}});
    QCOMPARE(fault.status, 200);
    HttpReply r =
        m_sandbox->http().get(m_sandbox->vaultUrl(u"kv-contoso-prod"_s, u"/secrets"_s), m_token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("value"_L1).toArray().size(), 0);
    const QString next = r.json().value("nextLink"_L1).toString();
    QVERIFY(!next.isEmpty());
    r = m_sandbox->http().get(QUrl(next), m_token);
    QVERIFY(r.json().value("value"_L1).toArray().size() > 0);
}

void TestSandboxSecrets::softDeleteRecoverAndPurge()
{
    auto url = [&](const QString &path) {
        return m_sandbox->vaultUrl(u"kv-contoso-dev"_s, path);
    };
    QCOMPARE(m_sandbox->http()
                 .sendJson("PUT", url(u"/secrets/short-lived"_s), QJsonObject{{u"value"_s, u"x"_s}},
                           m_token)
                 .status,
             200);
    HttpReply r = m_sandbox->http().send("DELETE", url(u"/secrets/short-lived"_s), {},
                                         {{"Authorization", "Bearer " + m_token}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("recoveryId"_L1).toString(),
             m_sandbox->vaultOrigin(u"kv-contoso-dev"_s) + u"/deletedsecrets/short-lived"_s);
    QVERIFY(r.json().value("scheduledPurgeDate"_L1).toInteger()
            > r.json().value("deletedDate"_L1).toInteger());

    // Gone from the list and from get; its name cannot be reused.
    QCOMPARE(m_sandbox->http().get(url(u"/secrets/short-lived"_s), m_token).status, 404);
    r = m_sandbox->http().sendJson("PUT", url(u"/secrets/short-lived"_s),
                                   QJsonObject{{u"value"_s, u"y"_s}}, m_token);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.innerErrorCode(), u"ObjectIsDeletedButRecoverable"_s);
    QVERIFY(r.errorMessage().startsWith(
        u"Secret short-lived is currently in a deleted but recoverable state"_s));

    r = m_sandbox->http().get(url(u"/deletedsecrets/short-lived"_s), m_token);
    QCOMPARE(r.status, 200);
    r = m_sandbox->http().send("POST", url(u"/deletedsecrets/short-lived/recover"_s), {},
                               {{"Authorization", "Bearer " + m_token}});
    QCOMPARE(r.status, 200);
    QCOMPARE(m_sandbox->http().get(url(u"/secrets/short-lived"_s), m_token).status, 200);
    QCOMPARE(m_sandbox->http().get(url(u"/deletedsecrets/short-lived"_s), m_token).status, 404);

    m_sandbox->http().send("DELETE", url(u"/secrets/short-lived"_s), {},
                           {{"Authorization", "Bearer " + m_token}});
    r = m_sandbox->http().send("DELETE", url(u"/deletedsecrets/short-lived"_s), {},
                               {{"Authorization", "Bearer " + m_token}});
    QCOMPARE(r.status, 204);
    QCOMPARE(m_sandbox->http().get(url(u"/deletedsecrets/short-lived"_s), m_token).status, 404);
    QCOMPARE(m_sandbox->http()
                 .sendJson("PUT", url(u"/secrets/short-lived"_s), QJsonObject{{u"value"_s, u"z"_s}},
                           m_token)
                 .status,
             200);
}

void TestSandboxSecrets::purgeProtectionRefusesPurge()
{
    // The demo's production vault has purge protection and a soft-deleted secret.
    const HttpReply list = m_sandbox->http().get(
        m_sandbox->vaultUrl(u"kv-contoso-prod"_s, u"/deletedsecrets"_s), m_token);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.json().value("value"_L1).toArray().size(), 1);
    const HttpReply r = m_sandbox->http().send(
        "DELETE",
        m_sandbox->vaultUrl(u"kv-contoso-prod"_s, u"/deletedsecrets/temp-migration-password"_s), {},
        {{"Authorization", "Bearer " + m_token}});
    QCOMPARE(r.status, 403);
    QVERIFY(r.errorMessage().contains(u"purge protection is enabled"_s));
    QCOMPARE(list.json()[u"value"_s][0][u"attributes"_s][u"recoveryLevel"_s].toString(),
             u"Recoverable"_s);
}

void TestSandboxSecrets::backupAndRestore()
{
    auto url = [&](const QString &path) {
        return m_sandbox->vaultUrl(u"kv-contoso-dev"_s, path);
    };
    m_sandbox->http().sendJson("PUT", url(u"/secrets/backed-up"_s),
                               QJsonObject{{u"value"_s, u"keep me"_s}}, m_token);
    HttpReply r = m_sandbox->http().send("POST", url(u"/secrets/backed-up/backup"_s), {},
                                         {{"Authorization", "Bearer " + m_token}});
    QCOMPARE(r.status, 200);
    const QString blob = r.json().value("value"_L1).toString();
    QVERIFY(blob.size() > 20);
    // Restoring over an existing secret is a conflict.
    r = m_sandbox->http().sendJson("POST", url(u"/secrets/restore"_s),
                                   QJsonObject{{u"value"_s, blob}}, m_token);
    QCOMPARE(r.status, 409);
    m_sandbox->http().send("DELETE", url(u"/secrets/backed-up"_s), {},
                           {{"Authorization", "Bearer " + m_token}});
    m_sandbox->http().send("DELETE", url(u"/deletedsecrets/backed-up"_s), {},
                           {{"Authorization", "Bearer " + m_token}});
    r = m_sandbox->http().sendJson("POST", url(u"/secrets/restore"_s),
                                   QJsonObject{{u"value"_s, blob}}, m_token);
    QCOMPARE(r.status, 200);
    r = m_sandbox->http().get(url(u"/secrets/backed-up"_s), m_token);
    QCOMPARE(r.json().value("value"_L1).toString(), u"keep me"_s);
    r = m_sandbox->http().sendJson("POST", url(u"/secrets/restore"_s),
                                   QJsonObject{{u"value"_s, u"bm90IGEgYmFja3Vw"_s}}, m_token);
    QCOMPARE(r.status, 400);
}

void TestSandboxSecrets::badRequests_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("malformed JSON")
        << u"/secrets/ok-name"_s << QByteArray("{\"value\":") << u"JSON"_s;
    QTest::newRow("value missing") << u"/secrets/ok-name"_s << QByteArray("{}") << u"value"_s;
    QTest::newRow("value not a string")
        << u"/secrets/ok-name"_s << QByteArray("{\"value\":5}") << u"value"_s;
    QTest::newRow("invalid name") << u"/secrets/bad_name"_s << QByteArray("{\"value\":\"v\"}")
                                  << u"bad_name"_s;
    QTest::newRow("name too long")
        << u"/secrets/"_s + QString(128, u'a') << QByteArray("{\"value\":\"v\"}") << u"127"_s;
    QTest::newRow("too many tags")
        << u"/secrets/ok-name"_s
        << QByteArray("{\"value\":\"v\",\"tags\":{\"a\":\"1\",\"b\":\"1\",\"c\":\"1\",\"d\":\"1\","
                      "\"e\":\"1\",\"f\":\"1\",\"g\":\"1\",\"h\":\"1\",\"i\":\"1\",\"j\":\"1\","
                      "\"k\":\"1\",\"l\":\"1\",\"m\":\"1\",\"n\":\"1\",\"o\":\"1\",\"p\":\"1\"}}")
        << u"15 tags"_s;
    QTest::newRow("value over 25 KB")
        << u"/secrets/ok-name"_s << QByteArray("{\"value\":\"") + QByteArray(26 * 1024, 'x') + "\"}"
        << u"25 KB"_s;
    QTest::newRow("body over 1 MiB")
        << u"/secrets/ok-name"_s
        << QByteArray("{\"value\":\"") + QByteArray(1100 * 1024, 'x') + "\"}" << u"too large"_s;
    QTest::newRow("nbf after exp")
        << u"/secrets/ok-name"_s
        << QByteArray("{\"value\":\"v\",\"attributes\":{\"nbf\":200,\"exp\":100}}") << u"nbf"_s;
}

void TestSandboxSecrets::badRequests()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, messagePart);
    const HttpReply r = m_sandbox->http().send(
        "PUT", m_sandbox->vaultUrl(u"kv-contoso-dev"_s, path), body,
        {{"Authorization", "Bearer " + m_token}, {"Content-Type", "application/json"}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"BadParameter"_s);
    QVERIFY2(r.errorMessage().contains(messagePart), qPrintable(r.errorMessage()));
}

void TestSandboxSecrets::disabledSecretIsForbidden()
{
    const HttpReply r = m_sandbox->http().get(
        m_sandbox->vaultUrl(u"kv-contoso-prod"_s, u"/secrets/feature-flags-signing-key"_s),
        m_token);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorCode(), u"Forbidden"_s);
    QCOMPARE(r.innerErrorCode(), u"SecretDisabled"_s);
    QCOMPARE(r.errorMessage(), u"Operation get is not allowed on a disabled secret."_s);
}

void TestSandboxSecrets::missingSecretIs404()
{
    const HttpReply r = m_sandbox->http().get(
        m_sandbox->vaultUrl(u"kv-contoso-dev"_s, u"/secrets/does-not-exist"_s), m_token);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), u"SecretNotFound"_s);
    QVERIFY(r.errorMessage().startsWith(
        u"A secret with (name/id) does-not-exist was not found in this key vault."_s));
}

QTEST_GUILESS_MAIN(TestSandboxSecrets)
#include "tst_sandboxsecrets.moc"

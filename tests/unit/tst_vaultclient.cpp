// SPDX-License-Identifier: GPL-3.0-or-later
// VaultClient against a scripted transport: what every call sends (method, path, query,
// body, context) and how it reads answers, good and bad.
#include "vault/VaultClient.h"

#include "ScriptedTransport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrlQuery>

#include <functional>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::vault;
using vl::test::ScriptedTransport;

namespace {

const QUrl Vault(u"https://kv-test.vault.azure.net/"_s);
const QString SecretId =
    u"https://kv-test.vault.azure.net/secrets/s1/0123456789abcdef0123456789abcdef"_s;
const QString KeyId = u"https://kv-test.vault.azure.net/keys/k1/0123456789abcdef0123456789abcdef"_s;
const QString CertificateId =
    u"https://kv-test.vault.azure.net/certificates/c1/0123456789abcdef0123456789abcdef"_s;

/// Starts a call and waits for its result; true when it succeeded.
using Call = std::function<bool(const VaultClient &)>;

template<typename T>
Result<T> wait(const QFuture<Result<T>> &future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 5000))
        qFatal("the call did not finish");
    return future.result();
}

template<typename T>
bool succeeds(const QFuture<Result<T>> &future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 5000))
        return false;
    return future.result().ok();
}

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

const QJsonObject SecretBody{{u"id"_s, SecretId}, {u"value"_s, u"v"_s}};
const QJsonObject DeletedSecretBody{
    {u"id"_s, SecretId}, {u"recoveryId"_s, u"https://kv-test.vault.azure.net/deletedsecrets/s1"_s}};
const QJsonObject KeyBody{{u"key"_s, QJsonObject{{u"kid"_s, KeyId}, {u"kty"_s, u"EC"_s}}}};
const QJsonObject DeletedKeyBody{
    {u"key"_s, QJsonObject{{u"kid"_s, KeyId}}},
    {u"recoveryId"_s, u"https://kv-test.vault.azure.net/deletedkeys/k1"_s}};
const QJsonObject CertificateBody{{u"id"_s, CertificateId}, {u"cer"_s, u"MIIB"_s}};
const QJsonObject DeletedCertificateBody{
    {u"id"_s, CertificateId},
    {u"recoveryId"_s, u"https://kv-test.vault.azure.net/deletedcertificates/c1"_s}};
const QJsonObject OperationBody{
    {u"id"_s, u"https://kv-test.vault.azure.net/certificates/c1/pending"_s},
    {u"status"_s, u"inProgress"_s}};
const QJsonObject PolicyBody{
    {u"id"_s, u"https://kv-test.vault.azure.net/certificates/c1/policy"_s}};
const QJsonObject RotationBody{
    {u"id"_s, u"https://kv-test.vault.azure.net/keys/k1/rotationpolicy"_s}};
const QJsonObject PageBody{{u"value"_s, QJsonArray{}}, {u"nextLink"_s, QJsonValue::Null}};
const QJsonObject BackupBody{{u"value"_s, u"QmFja3Vw"_s}};

} // namespace

Q_DECLARE_METATYPE(Call)

class TestVaultClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scope();
    void requests_data();
    void requests();
    void maxResults();
    void nextLinkStaysOnTheVault_data();
    void nextLinkStaysOnTheVault();
    void errorsAreParsed();
    void answersThatAreNotObjectsAreMalformed_data();
    void answersThatAreNotObjectsAreMalformed();
    void invalidNamesSendNothing();

private:
    struct Setup
    {
        std::shared_ptr<ScriptedTransport> transport = std::make_shared<ScriptedTransport>();
        VaultClient client{
            std::make_shared<HttpPipeline>(std::vector<std::shared_ptr<HttpPolicy>>{}, transport),
            Vault};
    };
};

void TestVaultClient::scope()
{
    QCOMPARE(VaultClient::defaultScope(), u"https://vault.azure.net/.default"_s);
    QCOMPARE(VaultClient::scopeForAudience(u"https://vault.azure.cn/"_s),
             u"https://vault.azure.cn/.default"_s);
    Setup s;
    s.client.setScope(VaultClient::scopeForAudience(u"https://vault.usgovcloudapi.net"_s));
    s.transport->answer(200, {}, json(PageBody));
    QVERIFY(succeeds(s.client.listSecrets()));
    QCOMPARE(s.transport->requests().first().context.scopes,
             QStringList{u"https://vault.usgovcloudapi.net/.default"_s});
}

void TestVaultClient::requests_data()
{
    QTest::addColumn<Call>("call");
    QTest::addColumn<QJsonObject>("answer");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonObject>("body"); ///< empty: no body
    QTest::addColumn<bool>("secret");
    QTest::addColumn<QString>("operation");

    SecretSetParameters set;
    set.value = u"hunter2"_s;
    SecretUpdateParameters update;
    update.contentType = u"text/plain"_s;
    KeyCreateParameters create;
    create.kty = u"EC"_s;
    create.curve = u"P-256"_s;
    KeyUpdateParameters keyUpdate;
    keyUpdate.keyOps = QStringList{u"sign"_s};
    KeyRotationPolicy rotation;
    rotation.expiryTime = u"P1Y"_s;
    rotation.id = u"https://kv-test.vault.azure.net/keys/k1/rotationpolicy"_s;
    CertificateImportParameters import;
    import.value = u"MIIK"_s;
    import.password = u"pw"_s;
    CertificateCreateParameters certificate;
    IssuerParameters issuer;
    issuer.name = u"Self"_s;
    certificate.policy.issuer = issuer;
    CertificateUpdateParameters certificateUpdate;
    certificateUpdate.tags = Tags{{u"a"_s, u"b"_s}};
    CertificatePolicy policy;
    policy.id = u"ignored"_s;
    X509Properties x509;
    x509.validityMonths = 6;
    policy.x509Properties = x509;
    const BackupBlob blob{"QmFja3Vw"};
    const QJsonObject none;

    auto row = [](const char *tag, Call call, const QJsonObject &answer, const char *method,
                  const QString &path, const QJsonObject &body, bool secret, const char *op) {
        QTest::newRow(tag) << call << answer << QByteArray(method) << path << body << secret
                           << QString::fromLatin1(op);
    };
    // Secrets
    row(
        "listSecrets", [](const VaultClient &c) { return succeeds(c.listSecrets()); }, PageBody,
        "GET", u"/secrets"_s, none, false, "list secrets");
    row(
        "listSecretVersions",
        [](const VaultClient &c) { return succeeds(c.listSecretVersions(u"s1"_s)); }, PageBody,
        "GET", u"/secrets/s1/versions"_s, none, false, "list secret versions");
    row(
        "getSecret latest", [](const VaultClient &c) { return succeeds(c.getSecret(u"s1"_s)); },
        SecretBody, "GET", u"/secrets/s1/"_s, none, true, "get secret");
    row(
        "getSecret version",
        [](const VaultClient &c) { return succeeds(c.getSecret(u"s1"_s, u"abc"_s)); }, SecretBody,
        "GET", u"/secrets/s1/abc"_s, none, true, "get secret");
    row(
        "setSecret", [set](const VaultClient &c) { return succeeds(c.setSecret(u"s1"_s, set)); },
        SecretBody, "PUT", u"/secrets/s1"_s, QJsonObject{{u"value"_s, u"hunter2"_s}}, true,
        "set secret");
    row(
        "updateSecret",
        [update](const VaultClient &c) {
            return succeeds(c.updateSecret(u"s1"_s, u"v1"_s, update));
        },
        SecretBody, "PATCH", u"/secrets/s1/v1"_s, QJsonObject{{u"contentType"_s, u"text/plain"_s}},
        false, "update secret");
    row(
        "deleteSecret", [](const VaultClient &c) { return succeeds(c.deleteSecret(u"s1"_s)); },
        DeletedSecretBody, "DELETE", u"/secrets/s1"_s, none, false, "delete secret");
    row(
        "listDeletedSecrets", [](const VaultClient &c) { return succeeds(c.listDeletedSecrets()); },
        PageBody, "GET", u"/deletedsecrets"_s, none, false, "list deleted secrets");
    row(
        "getDeletedSecret",
        [](const VaultClient &c) { return succeeds(c.getDeletedSecret(u"s1"_s)); },
        DeletedSecretBody, "GET", u"/deletedsecrets/s1"_s, none, false, "get deleted secret");
    row(
        "recoverDeletedSecret",
        [](const VaultClient &c) { return succeeds(c.recoverDeletedSecret(u"s1"_s)); }, SecretBody,
        "POST", u"/deletedsecrets/s1/recover"_s, none, false, "recover deleted secret");
    row(
        "purgeDeletedSecret",
        [](const VaultClient &c) { return succeeds(c.purgeDeletedSecret(u"s1"_s)); }, none,
        "DELETE", u"/deletedsecrets/s1"_s, none, false, "purge deleted secret");
    row(
        "backupSecret", [](const VaultClient &c) { return succeeds(c.backupSecret(u"s1"_s)); },
        BackupBody, "POST", u"/secrets/s1/backup"_s, none, true, "back up secret");
    row(
        "restoreSecret", [blob](const VaultClient &c) { return succeeds(c.restoreSecret(blob)); },
        SecretBody, "POST", u"/secrets/restore"_s, QJsonObject{{u"value"_s, u"QmFja3Vw"_s}}, true,
        "restore secret");
    // Keys
    row(
        "listKeys", [](const VaultClient &c) { return succeeds(c.listKeys()); }, PageBody, "GET",
        u"/keys"_s, none, false, "list keys");
    row(
        "listKeyVersions",
        [](const VaultClient &c) { return succeeds(c.listKeyVersions(u"k1"_s)); }, PageBody, "GET",
        u"/keys/k1/versions"_s, none, false, "list key versions");
    row(
        "getKey", [](const VaultClient &c) { return succeeds(c.getKey(u"k1"_s)); }, KeyBody, "GET",
        u"/keys/k1/"_s, none, false, "get key");
    row(
        "createKey",
        [create](const VaultClient &c) { return succeeds(c.createKey(u"k1"_s, create)); }, KeyBody,
        "POST", u"/keys/k1/create"_s, QJsonObject{{u"kty"_s, u"EC"_s}, {u"crv"_s, u"P-256"_s}},
        false, "create key");
    row(
        "updateKey",
        [keyUpdate](const VaultClient &c) { return succeeds(c.updateKey(u"k1"_s, {}, keyUpdate)); },
        KeyBody, "PATCH", u"/keys/k1/"_s, QJsonObject{{u"key_ops"_s, QJsonArray{u"sign"_s}}}, false,
        "update key");
    row(
        "deleteKey", [](const VaultClient &c) { return succeeds(c.deleteKey(u"k1"_s)); },
        DeletedKeyBody, "DELETE", u"/keys/k1"_s, none, false, "delete key");
    row(
        "listDeletedKeys", [](const VaultClient &c) { return succeeds(c.listDeletedKeys()); },
        PageBody, "GET", u"/deletedkeys"_s, none, false, "list deleted keys");
    row(
        "getDeletedKey", [](const VaultClient &c) { return succeeds(c.getDeletedKey(u"k1"_s)); },
        DeletedKeyBody, "GET", u"/deletedkeys/k1"_s, none, false, "get deleted key");
    row(
        "recoverDeletedKey",
        [](const VaultClient &c) { return succeeds(c.recoverDeletedKey(u"k1"_s)); }, KeyBody,
        "POST", u"/deletedkeys/k1/recover"_s, none, false, "recover deleted key");
    row(
        "purgeDeletedKey",
        [](const VaultClient &c) { return succeeds(c.purgeDeletedKey(u"k1"_s)); }, none, "DELETE",
        u"/deletedkeys/k1"_s, none, false, "purge deleted key");
    row(
        "backupKey", [](const VaultClient &c) { return succeeds(c.backupKey(u"k1"_s)); },
        BackupBody, "POST", u"/keys/k1/backup"_s, none, true, "back up key");
    row(
        "restoreKey", [blob](const VaultClient &c) { return succeeds(c.restoreKey(blob)); },
        KeyBody, "POST", u"/keys/restore"_s, QJsonObject{{u"value"_s, u"QmFja3Vw"_s}}, true,
        "restore key");
    row(
        "rotateKey", [](const VaultClient &c) { return succeeds(c.rotateKey(u"k1"_s)); }, KeyBody,
        "POST", u"/keys/k1/rotate"_s, none, false, "rotate key");
    row(
        "getKeyRotationPolicy",
        [](const VaultClient &c) { return succeeds(c.getKeyRotationPolicy(u"k1"_s)); },
        RotationBody, "GET", u"/keys/k1/rotationpolicy"_s, none, false, "get key rotation policy");
    row(
        "setKeyRotationPolicy",
        [rotation](const VaultClient &c) {
            return succeeds(c.setKeyRotationPolicy(u"k1"_s, rotation));
        },
        RotationBody, "PUT", u"/keys/k1/rotationpolicy"_s,
        QJsonObject{{u"attributes"_s, QJsonObject{{u"expiryTime"_s, u"P1Y"_s}}}}, false,
        "set key rotation policy");
    // Certificates
    row(
        "listCertificates", [](const VaultClient &c) { return succeeds(c.listCertificates()); },
        PageBody, "GET", u"/certificates"_s, none, false, "list certificates");
    row(
        "listCertificateVersions",
        [](const VaultClient &c) { return succeeds(c.listCertificateVersions(u"c1"_s)); }, PageBody,
        "GET", u"/certificates/c1/versions"_s, none, false, "list certificate versions");
    row(
        "getCertificate", [](const VaultClient &c) { return succeeds(c.getCertificate(u"c1"_s)); },
        CertificateBody, "GET", u"/certificates/c1/"_s, none, false, "get certificate");
    row(
        "importCertificate",
        [import](const VaultClient &c) { return succeeds(c.importCertificate(u"c1"_s, import)); },
        CertificateBody, "POST", u"/certificates/c1/import"_s,
        QJsonObject{{u"value"_s, u"MIIK"_s}, {u"pwd"_s, u"pw"_s}}, true, "import certificate");
    row(
        "createCertificate",
        [certificate](const VaultClient &c) {
            return succeeds(c.createCertificate(u"c1"_s, certificate));
        },
        OperationBody, "POST", u"/certificates/c1/create"_s,
        QJsonObject{{u"policy"_s, QJsonObject{{u"issuer"_s, QJsonObject{{u"name"_s, u"Self"_s}}}}}},
        false, "create certificate");
    row(
        "updateCertificate",
        [certificateUpdate](const VaultClient &c) {
            return succeeds(c.updateCertificate(u"c1"_s, u"v1"_s, certificateUpdate));
        },
        CertificateBody, "PATCH", u"/certificates/c1/v1"_s,
        QJsonObject{{u"tags"_s, QJsonObject{{u"a"_s, u"b"_s}}}}, false, "update certificate");
    row(
        "getCertificatePolicy",
        [](const VaultClient &c) { return succeeds(c.getCertificatePolicy(u"c1"_s)); }, PolicyBody,
        "GET", u"/certificates/c1/policy"_s, none, false, "get certificate policy");
    row(
        "updateCertificatePolicy",
        [policy](const VaultClient &c) {
            return succeeds(c.updateCertificatePolicy(u"c1"_s, policy));
        },
        PolicyBody, "PATCH", u"/certificates/c1/policy"_s,
        QJsonObject{{u"x509_props"_s, QJsonObject{{u"validity_months"_s, 6}}}}, false,
        "update certificate policy");
    row(
        "getCertificateOperation",
        [](const VaultClient &c) { return succeeds(c.getCertificateOperation(u"c1"_s)); },
        OperationBody, "GET", u"/certificates/c1/pending"_s, none, false,
        "get certificate operation");
    row(
        "cancelCertificateOperation",
        [](const VaultClient &c) { return succeeds(c.cancelCertificateOperation(u"c1"_s)); },
        OperationBody, "PATCH", u"/certificates/c1/pending"_s,
        QJsonObject{{u"cancellation_requested"_s, true}}, false, "cancel certificate operation");
    row(
        "deleteCertificateOperation",
        [](const VaultClient &c) { return succeeds(c.deleteCertificateOperation(u"c1"_s)); },
        OperationBody, "DELETE", u"/certificates/c1/pending"_s, none, false,
        "delete certificate operation");
    row(
        "deleteCertificate",
        [](const VaultClient &c) { return succeeds(c.deleteCertificate(u"c1"_s)); },
        DeletedCertificateBody, "DELETE", u"/certificates/c1"_s, none, false, "delete certificate");
    row(
        "listDeletedCertificates",
        [](const VaultClient &c) { return succeeds(c.listDeletedCertificates()); }, PageBody, "GET",
        u"/deletedcertificates"_s, none, false, "list deleted certificates");
    row(
        "getDeletedCertificate",
        [](const VaultClient &c) { return succeeds(c.getDeletedCertificate(u"c1"_s)); },
        DeletedCertificateBody, "GET", u"/deletedcertificates/c1"_s, none, false,
        "get deleted certificate");
    row(
        "recoverDeletedCertificate",
        [](const VaultClient &c) { return succeeds(c.recoverDeletedCertificate(u"c1"_s)); },
        CertificateBody, "POST", u"/deletedcertificates/c1/recover"_s, none, false,
        "recover deleted certificate");
    row(
        "purgeDeletedCertificate",
        [](const VaultClient &c) { return succeeds(c.purgeDeletedCertificate(u"c1"_s)); }, none,
        "DELETE", u"/deletedcertificates/c1"_s, none, false, "purge deleted certificate");
    row(
        "backupCertificate",
        [](const VaultClient &c) { return succeeds(c.backupCertificate(u"c1"_s)); }, BackupBody,
        "POST", u"/certificates/c1/backup"_s, none, true, "back up certificate");
    // The next page of each kind of list (the nextLink's own api-version is replaced).
    const auto next = [](const char *path) {
        return QUrl(u"https://kv-test.vault.azure.net:443"_s + QLatin1StringView(path)
                    + u"?api-version=7.6"_s);
    };
    row(
        "listSecretsNext",
        [next](const VaultClient &c) { return succeeds(c.listSecretsNext(next("/secrets"))); },
        PageBody, "GET", u"/secrets"_s, none, false, "list secrets");
    row(
        "listDeletedSecretsNext",
        [next](const VaultClient &c) {
            return succeeds(c.listDeletedSecretsNext(next("/deletedsecrets")));
        },
        PageBody, "GET", u"/deletedsecrets"_s, none, false, "list deleted secrets");
    row(
        "listKeysNext",
        [next](const VaultClient &c) {
            return succeeds(c.listKeysNext(next("/keys/k1/versions")));
        },
        PageBody, "GET", u"/keys/k1/versions"_s, none, false, "list keys");
    row(
        "listDeletedKeysNext",
        [next](const VaultClient &c) {
            return succeeds(c.listDeletedKeysNext(next("/deletedkeys")));
        },
        PageBody, "GET", u"/deletedkeys"_s, none, false, "list deleted keys");
    row(
        "listCertificatesNext",
        [next](const VaultClient &c) {
            return succeeds(c.listCertificatesNext(next("/certificates")));
        },
        PageBody, "GET", u"/certificates"_s, none, false, "list certificates");
    row(
        "listDeletedCertificatesNext",
        [next](const VaultClient &c) {
            return succeeds(c.listDeletedCertificatesNext(next("/deletedcertificates")));
        },
        PageBody, "GET", u"/deletedcertificates"_s, none, false, "list deleted certificates");
    row(
        "restoreCertificate",
        [blob](const VaultClient &c) { return succeeds(c.restoreCertificate(blob)); },
        CertificateBody, "POST", u"/certificates/restore"_s,
        QJsonObject{{u"value"_s, u"QmFja3Vw"_s}}, true, "restore certificate");
}

void TestVaultClient::requests()
{
    QFETCH(Call, call);
    QFETCH(QJsonObject, answer);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QJsonObject, body);
    QFETCH(bool, secret);
    QFETCH(QString, operation);

    Setup s;
    if (answer.isEmpty())
        s.transport->answer(204);
    else
        s.transport->answer(200, {{"Content-Type", "application/json"}}, json(answer));
    QVERIFY(call(s.client));
    QCOMPARE(s.transport->requests().size(), 1);
    const HttpRequest &r = s.transport->requests().first();
    QCOMPARE(r.method, method);
    QCOMPARE(r.url.scheme(), u"https"_s);
    QCOMPARE(r.url.host(), Vault.host());
    QCOMPARE(r.url.path(), path);
    QCOMPARE(r.url.query(), u"api-version=2025-07-01"_s);
    QCOMPARE(r.context.service, Service::KeyVault);
    QCOMPARE(r.context.scopes, QStringList{u"https://vault.azure.net/.default"_s});
    QCOMPARE(r.context.operation, operation);
    QCOMPARE(r.context.bodyIsSecret, secret);
    if (body.isEmpty()) {
        QVERIFY(r.body.isEmpty());
    } else {
        QCOMPARE(QJsonDocument::fromJson(r.body).object(), body);
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    }
}

void TestVaultClient::maxResults()
{
    Setup s;
    s.transport->answer(200, {}, json(PageBody));
    QVERIFY(succeeds(s.client.listKeyVersions(u"k1"_s, 7)));
    const QUrlQuery query(s.transport->requests().first().url);
    QCOMPARE(query.queryItemValue(u"maxresults"_s), u"7"_s);
    QCOMPARE(query.queryItemValue(u"api-version"_s), u"2025-07-01"_s);
}

void TestVaultClient::nextLinkStaysOnTheVault_data()
{
    QTest::addColumn<QString>("nextLink");
    QTest::addColumn<QString>("sent");
    const QString token = u"eyJOZXh0TWFya2VyIjoiMiE4OCFNREF3In0"_s;
    QTest::newRow("as the service writes it")
        << u"https://kv-test.vault.azure.net:443/secrets?api-version=7.2&$skiptoken="_s + token
               + u"&maxresults=1"_s
        << u"https://kv-test.vault.azure.net/secrets?$skiptoken="_s + token
               + u"&maxresults=1&api-version=2025-07-01"_s;
    QTest::newRow("another host")
        << u"https://attacker.example/secrets?$skiptoken=abc"_s
        << u"https://kv-test.vault.azure.net/secrets?$skiptoken=abc&api-version=2025-07-01"_s;
    QTest::newRow("encoded api-version name")
        << u"https://kv-test.vault.azure.net/keys?api%2Dversion=7.0&$skiptoken=a%2Bb"_s
        << u"https://kv-test.vault.azure.net/keys?$skiptoken=a%2Bb&api-version=2025-07-01"_s;
}

void TestVaultClient::nextLinkStaysOnTheVault()
{
    QFETCH(QString, nextLink);
    QFETCH(QString, sent);
    Setup s;
    s.transport->answer(200, {}, json(PageBody));
    QVERIFY(succeeds(s.client.listSecretsNext(QUrl(nextLink))));
    const HttpRequest &r = s.transport->requests().first();
    QCOMPARE(r.url.toString(QUrl::FullyEncoded), sent);
    QCOMPARE(r.context.operation, u"list secrets"_s);
}

void TestVaultClient::errorsAreParsed()
{
    Setup s;
    s.transport->answer(
        404, {{"x-ms-request-id", "req-1"}},
        R"({"error":{"code":"SecretNotFound","message":"A secret with (name/id) s1 was not found in this key vault."}})");
    const auto r = wait(s.client.getSecret(u"s1"_s));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, AzureError::Kind::NotFound);
    QCOMPARE(r.error().code, u"SecretNotFound"_s);
    QCOMPARE(r.error().requestId, u"req-1"_s);

    s.transport->answer(
        409, {},
        R"({"error":{"code":"Conflict","message":"Secret s1 is currently in a deleted but recoverable state.","innererror":{"code":"ObjectIsDeletedButRecoverable"}}})");
    const auto conflict =
        wait(s.client.setSecret(u"s1"_s, SecretSetParameters{u"v"_s, {}, {}, {}}));
    QCOMPARE(conflict.error().kind, AzureError::Kind::Conflict);
    QCOMPARE(conflict.error().innerCode, u"ObjectIsDeletedButRecoverable"_s);
}

void TestVaultClient::answersThatAreNotObjectsAreMalformed_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not JSON") << "<html>gateway</html>"_ba;
    QTest::newRow("array") << "[]"_ba;
    QTest::newRow("an object of another kind") << R"({"value":[]})"_ba;
}

void TestVaultClient::answersThatAreNotObjectsAreMalformed()
{
    QFETCH(QByteArray, body);
    Setup s;
    s.transport->answer(200, {}, body);
    s.transport->answer(200, {}, body);
    s.transport->answer(200, {}, body);
    const auto secret = wait(s.client.getSecret(u"s1"_s));
    QVERIFY(!secret.ok());
    QCOMPARE(secret.error().kind, AzureError::Kind::Malformed);
    QCOMPARE(secret.error().status, 200);
    const auto key = wait(s.client.getKey(u"k1"_s));
    QCOMPARE(key.error().kind, AzureError::Kind::Malformed);
    const auto backup = wait(s.client.backupKey(u"k1"_s));
    QCOMPARE(backup.error().kind, AzureError::Kind::Malformed);
}

void TestVaultClient::invalidNamesSendNothing()
{
    Setup s;
    for (const QString &name : {QString(), u"a/b"_s, u"."_s, u".."_s}) {
        QCOMPARE(wait(s.client.getSecret(name)).error().kind, AzureError::Kind::Malformed);
        QCOMPARE(wait(s.client.deleteKey(name)).error().kind, AzureError::Kind::Malformed);
        QCOMPARE(wait(s.client.importCertificate(name, {})).error().kind,
                 AzureError::Kind::Malformed);
        QCOMPARE(wait(s.client.getCertificate(u"c1"_s, u"x/y"_s)).error().kind,
                 AzureError::Kind::Malformed);
    }
    const auto link = wait(s.client.listKeysNext(QUrl()));
    QCOMPARE(link.error().kind, AzureError::Kind::Malformed);
    QVERIFY(s.transport->requests().isEmpty());
}

QTEST_GUILESS_MAIN(TestVaultClient)
#include "tst_vaultclient.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClientFixture.h"
#include "auth/AzureCliCredential.h"
#include "auth/ClientCertificateCredential.h"
#include "auth/ClientSecretCredential.h"
#include "auth/EnvironmentCredential.h"
#include "auth/Jwt.h"
#include "auth/ManagedIdentityCredential.h"
#include "crypto/Certificate.h"
#include "crypto/KeyPair.h"

#include <QFile>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

namespace {

const QString VaultScope = u"https://vault.azure.net/.default"_s;

TokenRequestContext scope(const QString &s)
{
    TokenRequestContext ctx;
    ctx.scopes = {s};
    return ctx;
}

/// A self-signed RSA certificate and its key as PEM, made with the sandbox's crypto.
struct AppCertificate
{
    sandbox::KeyPair key;
    QByteArray der;
    QByteArray pem;
};

std::optional<AppCertificate> makeCertificate(const QString &subject)
{
    const auto key = sandbox::KeyPair::generateRsa(2048);
    if (!key)
        return std::nullopt;
    sandbox::CertificateRequest request;
    request.subject = subject;
    request.notBefore = QDateTime::currentDateTimeUtc().addDays(-1);
    request.notAfter = QDateTime::currentDateTimeUtc().addDays(30);
    const auto info = sandbox::Certificates::createSelfSigned(*key, request);
    if (!info)
        return std::nullopt;
    sandbox::CertificateBundle bundle;
    bundle.certificate = *info;
    bundle.key = *key;
    return AppCertificate{*key, info->der, sandbox::Certificates::exportPem(bundle)};
}

/// A stand-in for `az` that prints the token it finds in FAKE_AZ_TOKEN.
const QByteArray FakeAz = R"(#!/bin/sh
printf '%s\n' "$@" > "$ARGS_FILE"
printf '{"accessToken":"%s","expires_on":%s,"tokenType":"Bearer"}\n' "$FAKE_AZ_TOKEN" "$FAKE_AZ_EXPIRES_ON"
)"_ba;

} // namespace

/// The non-interactive credentials against the sandbox's Entra ID and IMDS.
class TestSandboxCredentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void clientSecret_data();
    void clientSecret();
    void clientSecretTokenOpensTheVault();
    void wrongSecret();
    void unknownTenant();
    void certificate_data();
    void certificate();
    void unregisteredCertificate();
    void managedIdentity_data();
    void managedIdentity();
    void unknownManagedIdentity();
    void azureCliWithAFakeAz();
    void azureCliNotSignedIn();
    void environment_data();
    void environment();
    void noSecretInTheJournal();

private:
    Result<AccessToken> get(TokenCredential &credential, const TokenRequestContext &ctx);
    /// Decodes @p token and checks tid, appid and aud (and oid when given).
    void verifyClaims(const AccessToken &token, const QString &appId, const QString &audience,
                      const QString &objectId = {});
    CredentialOptions options();

    std::unique_ptr<ClientFixture> m_fixture;
    QJsonObject m_automation; ///< servicePrincipals[0]
    QJsonObject m_identity;   ///< managedIdentities[0]
    QString m_tenant;
    QString m_secret;
    std::optional<AppCertificate> m_certificate;
    QTemporaryDir m_dir;
};

void TestSandboxCredentials::initTestCase()
{
    m_fixture = std::make_unique<ClientFixture>();
    QVERIFY2(m_fixture->isRunning(), qPrintable(m_fixture->sandbox().startError()));
    const QJsonObject config = m_fixture->sandbox().config();
    m_automation = config.value("servicePrincipals"_L1).toArray().first().toObject();
    m_identity = config.value("managedIdentities"_L1).toArray().first().toObject();
    m_tenant = m_fixture->sandbox().tenantId();
    m_secret = m_automation.value("clientSecret"_L1).toString();
    QVERIFY(!m_tenant.isEmpty() && !m_secret.isEmpty());
    QVERIFY(!m_identity.value("clientId"_L1).toString().isEmpty());
    QVERIFY(m_dir.isValid());

    // Register a certificate on the automation identity, as an app registration holds it:
    // its public key, and the thumbprint the assertion's x5t names.
    m_certificate = makeCertificate(u"CN=ci-pipeline"_s);
    QVERIFY(m_certificate);
    const Result<ClientCertificate> parsed = ClientCertificate::fromPem(m_certificate->pem);
    QVERIFY(parsed.ok());
    bool registered = false;
    for (sandbox::Principal &p : m_fixture->sandbox().sandbox().state().directory.principals) {
        if (p.objectId == m_automation.value("objectId"_L1).toString()) {
            p.certificatePublicKeyPem = m_certificate->key.publicKeyPem();
            p.certificateThumbprint = QString::fromLatin1(parsed->thumbprintSha1());
            registered = true;
        }
    }
    QVERIFY(registered);
}

CredentialOptions TestSandboxCredentials::options()
{
    CredentialOptions o;
    o.pipeline = m_fixture->identityPipeline();
    o.authorityHost = QUrl(m_fixture->sandbox().config().value("authorityHost"_L1).toString());
    return o;
}

Result<AccessToken> TestSandboxCredentials::get(TokenCredential &credential,
                                                const TokenRequestContext &ctx)
{
    return ClientFixture::await(credential.getToken(ctx), 60000);
}

void TestSandboxCredentials::verifyClaims(const AccessToken &token, const QString &appId,
                                          const QString &audience, const QString &objectId)
{
    const Result<TokenClaims> claims = Jwt::claims(token.token);
    QVERIFY2(claims.ok(), qPrintable(claims.error().message));
    QCOMPARE(claims->tenantId, m_tenant);
    QCOMPARE(claims->appId, appId);
    QCOMPARE(claims->audience, audience);
    if (!objectId.isEmpty())
        QCOMPARE(claims->objectId, objectId);
    QVERIFY(claims->isAppOnly());
    QVERIFY(claims->issuer.contains(m_tenant));
    QVERIFY(claims->expiresOn > QDateTime::currentDateTimeUtc().addSecs(60));
    // The expiry the credential reports is the token's own (to the second).
    QVERIFY(qAbs(token.expiresOn.secsTo(claims->expiresOn)) <= 2);
}

void TestSandboxCredentials::clientSecret_data()
{
    QTest::addColumn<QString>("scope");
    QTest::addColumn<QString>("audience");
    QTest::newRow("Key Vault") << VaultScope << u"https://vault.azure.net"_s;
    QTest::newRow("Resource Manager")
        << u"https://management.azure.com/.default"_s << u"https://management.azure.com"_s;
    QTest::newRow("Resource Manager, classic resource")
        << u"https://management.core.windows.net//.default"_s
        << u"https://management.core.windows.net/"_s;
    QTest::newRow("Graph") << u"https://graph.microsoft.com/.default"_s
                           << u"https://graph.microsoft.com"_s;
}

void TestSandboxCredentials::clientSecret()
{
    QFETCH(QString, scope);
    QFETCH(QString, audience);
    ClientSecretCredential credential(m_tenant, m_automation.value("appId"_L1).toString(), m_secret,
                                      options());
    const Result<AccessToken> token = get(credential, ::scope(scope));
    QVERIFY2(token.ok(), qPrintable(token.error().summary()));
    QCOMPARE(token->source, TokenSource::ClientCredential);
    verifyClaims(*token, m_automation.value("appId"_L1).toString(), audience,
                 m_automation.value("objectId"_L1).toString());
}

void TestSandboxCredentials::clientSecretTokenOpensTheVault()
{
    auto credential = std::make_shared<ClientSecretCredential>(
        m_tenant, m_automation.value("appId"_L1).toString(), m_secret, options());
    const std::shared_ptr<HttpPipeline> pipeline = m_fixture->pipelineFor(credential);
    HttpRequest request;
    request.url = m_fixture->vaultUri(u"kv-contoso-dev"_s).resolved(QUrl(u"secrets"_s));
    request.url.setQuery(u"api-version=7.6"_s);
    request.context.service = Service::KeyVault;
    request.context.operation = u"list secrets"_s;
    request.context.scopes = {VaultScope};
    const HttpResponse response = ClientFixture::await(pipeline->send(request), 60000);
    QVERIFY2(response.status == 200, response.body.constData());
    QVERIFY(response.context.token.has_value());
    QCOMPARE(response.context.token->source, TokenSource::ClientCredential);
}

void TestSandboxCredentials::wrongSecret()
{
    ClientSecretCredential credential(m_tenant, m_automation.value("appId"_L1).toString(),
                                      u"not-the-secret"_s, options());
    const Result<AccessToken> token = get(credential, scope(VaultScope));
    QVERIFY(!token.ok());
    QCOMPARE(token.error().kind, AzureError::Kind::Unauthenticated);
    QCOMPARE(token.error().status, 401);
    QCOMPARE(token.error().code, u"invalid_client"_s);
    QCOMPARE(token.error().innerCode, u"AADSTS7000215"_s);
    QVERIFY(token.error().message.startsWith("AADSTS7000215: Invalid client secret"_L1));
    QVERIFY(!token.error().requestId.isEmpty());
    QVERIFY(!token.error().summary().contains("not-the-secret"_L1));
}

void TestSandboxCredentials::unknownTenant()
{
    ClientSecretCredential credential(u"00000000-0000-4000-8000-0000000000ff"_s,
                                      m_automation.value("appId"_L1).toString(), m_secret,
                                      options());
    const Result<AccessToken> token = get(credential, scope(VaultScope));
    QVERIFY(!token.ok());
    QCOMPARE(token.error().kind, AzureError::Kind::Unauthenticated);
    QCOMPARE(token.error().innerCode, u"AADSTS90002"_s);
}

void TestSandboxCredentials::certificate_data()
{
    QTest::addColumn<int>("algorithm");
    QTest::addColumn<bool>("chain");
    QTest::newRow("RS256 with x5t") << int(ClientCertificate::Algorithm::Rs256) << false;
    QTest::newRow("PS256 with x5t#S256 and x5c")
        << int(ClientCertificate::Algorithm::Ps256) << true;
}

void TestSandboxCredentials::certificate()
{
    QFETCH(int, algorithm);
    QFETCH(bool, chain);
    const QString path = m_dir.filePath(u"ci-pipeline.pem"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(m_certificate->pem);
    file.close();
    ClientAssertionSettings settings;
    settings.algorithm = ClientCertificate::Algorithm(algorithm);
    settings.sendCertificateChain = chain;
    const auto credential = ClientCertificateCredential::fromFile(
        m_tenant, m_automation.value("appId"_L1).toString(), path, {}, options(), settings);
    QVERIFY2(credential.ok(), qPrintable(credential.error().message));
    const Result<AccessToken> token = get(**credential, scope(VaultScope));
    QVERIFY2(token.ok(), qPrintable(token.error().summary()));
    QCOMPARE(token->source, TokenSource::Certificate);
    verifyClaims(*token, m_automation.value("appId"_L1).toString(), u"https://vault.azure.net"_s,
                 m_automation.value("objectId"_L1).toString());
    // appidacr 2: the sandbox saw a certificate, not a secret.
    QCOMPARE(Jwt::claims(token->token)->raw.value("appidacr"_L1).toString(), u"2"_s);
}

void TestSandboxCredentials::unregisteredCertificate()
{
    const std::optional<AppCertificate> other = makeCertificate(u"CN=someone-else"_s);
    QVERIFY(other);
    const Result<ClientCertificate> parsed = ClientCertificate::fromPem(other->pem);
    QVERIFY(parsed.ok());
    ClientCertificateCredential credential(m_tenant, m_automation.value("appId"_L1).toString(),
                                           *parsed, options());
    const Result<AccessToken> token = get(credential, scope(VaultScope));
    QVERIFY(!token.ok());
    QCOMPARE(token.error().kind, AzureError::Kind::Unauthenticated);
    QCOMPARE(token.error().code, u"invalid_client"_s);
    QCOMPARE(token.error().innerCode, u"AADSTS700027"_s);
}

void TestSandboxCredentials::managedIdentity_data()
{
    QTest::addColumn<int>("idKind");
    QTest::addColumn<QString>("scope");
    QTest::addColumn<QString>("audience");
    QTest::newRow("by client id, Key Vault") << int(ManagedIdentityOptions::IdKind::ClientId)
                                             << VaultScope << u"https://vault.azure.net"_s;
    QTest::newRow("by object id, Resource Manager")
        << int(ManagedIdentityOptions::IdKind::ObjectId)
        << u"https://management.azure.com/.default"_s << u"https://management.azure.com"_s;
}

void TestSandboxCredentials::managedIdentity()
{
    QFETCH(int, idKind);
    QFETCH(QString, scope);
    QFETCH(QString, audience);
    ManagedIdentityOptions o;
    o.pipeline = m_fixture->identityPipeline();
    o.endpoint = QUrl(m_fixture->sandbox().config().value("imdsEndpoint"_L1).toString());
    o.idKind = ManagedIdentityOptions::IdKind(idKind);
    o.id = m_identity
               .value(o.idKind == ManagedIdentityOptions::IdKind::ClientId ? "clientId"_L1
                                                                           : "objectId"_L1)
               .toString();
    ManagedIdentityCredential credential(o);
    const Result<AccessToken> token = get(credential, ::scope(scope));
    QVERIFY2(token.ok(), qPrintable(token.error().summary()));
    QCOMPARE(token->source, TokenSource::ManagedIdentity);
    verifyClaims(*token, m_identity.value("clientId"_L1).toString(), audience,
                 m_identity.value("objectId"_L1).toString());
}

void TestSandboxCredentials::unknownManagedIdentity()
{
    ManagedIdentityOptions o;
    o.pipeline = m_fixture->identityPipeline();
    o.endpoint = QUrl(m_fixture->sandbox().config().value("imdsEndpoint"_L1).toString());
    o.idKind = ManagedIdentityOptions::IdKind::ClientId;
    o.id = u"00000000-0000-4000-8000-0000000000aa"_s;
    ManagedIdentityCredential credential(o);
    const Result<AccessToken> token = get(credential, scope(VaultScope));
    QVERIFY(!token.ok());
    QCOMPARE(token.error().kind, AzureError::Kind::Unauthenticated);
    QCOMPARE(token.error().status, 400);
    QVERIFY2(token.error().message.contains("Identity not found"_L1),
             qPrintable(token.error().message));
}

void TestSandboxCredentials::azureCliWithAFakeAz()
{
    // The fake CLI answers with a real sandbox token, as a signed-in CLI would.
    const QByteArray real = m_fixture->sandbox().automationToken(VaultScope);
    QVERIFY(!real.isEmpty());
    const QString az = m_dir.filePath(u"az"_s);
    QFile file(az);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(FakeAz);
    file.close();
    QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    AzureCliOptions o;
    o.program = az;
    o.tenantId = m_tenant;
    o.environment.insert(u"ARGS_FILE"_s, m_dir.filePath(u"args.txt"_s));
    o.environment.insert(u"FAKE_AZ_TOKEN"_s, QString::fromLatin1(real));
    o.environment.insert(u"FAKE_AZ_EXPIRES_ON"_s,
                         QString::number(Jwt::claims(real)->expiresOn.toSecsSinceEpoch()));
    AzureCliCredential credential(o);
    const Result<AccessToken> token = get(credential, scope(VaultScope));
    QVERIFY2(token.ok(), qPrintable(token.error().summary()));
    QCOMPARE(token->source, TokenSource::AzureCli);
    verifyClaims(*token, m_automation.value("appId"_L1).toString(), u"https://vault.azure.net"_s);
    QFile args(m_dir.filePath(u"args.txt"_s));
    QVERIFY(args.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(args.readAll()).split(u'\n', Qt::SkipEmptyParts),
             (QStringList{u"account"_s, u"get-access-token"_s, u"--output"_s, u"json"_s,
                          u"--scope"_s, VaultScope, u"--tenant"_s, m_tenant}));
}

void TestSandboxCredentials::azureCliNotSignedIn()
{
    const QString az = QStandardPaths::findExecutable(u"az"_s);
    if (az.isEmpty())
        QSKIP("The Azure CLI is not installed here.");
    // A fresh configuration directory: certainly no account signed in.
    QTemporaryDir config;
    AzureCliOptions o;
    o.program = az;
    o.timeout = std::chrono::seconds(90);
    o.environment.insert(u"AZURE_CONFIG_DIR"_s, config.path());
    o.environment.insert(u"AZURE_CORE_COLLECT_TELEMETRY"_s, u"false"_s);
    AzureCliCredential credential(o);
    const Result<AccessToken> token =
        ClientFixture::await(credential.getToken(scope(VaultScope)), 100000);
    QVERIFY(!token.ok());
    QCOMPARE(token.error().kind, AzureError::Kind::Unauthenticated);
    QCOMPARE(token.error().code, u"AzureCliNotSignedIn"_s);
    QVERIFY2(token.error().message.contains("az login"_L1), qPrintable(token.error().message));
}

void TestSandboxCredentials::environment_data()
{
    QTest::addColumn<bool>("useCertificate");
    QTest::addColumn<int>("source");
    QTest::newRow("secret") << false << int(TokenSource::ClientCredential);
    QTest::newRow("certificate") << true << int(TokenSource::Certificate);
}

void TestSandboxCredentials::environment()
{
    QFETCH(bool, useCertificate);
    QFETCH(int, source);
    const QString path = m_dir.filePath(u"env.pem"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(m_certificate->pem);
    file.close();
    QProcessEnvironment env;
    env.insert(u"AZURE_TENANT_ID"_s, m_tenant);
    env.insert(u"AZURE_CLIENT_ID"_s, m_automation.value("appId"_L1).toString());
    env.insert(u"AZURE_AUTHORITY_HOST"_s,
               m_fixture->sandbox().config().value("authorityHost"_L1).toString());
    if (useCertificate)
        env.insert(u"AZURE_CLIENT_CERTIFICATE_PATH"_s, path);
    else
        env.insert(u"AZURE_CLIENT_SECRET"_s, m_secret);
    CredentialOptions o;
    o.pipeline = m_fixture->identityPipeline(); // the authority host comes from the environment
    EnvironmentCredential credential(o, env);
    QVERIFY2(credential.isAvailable(), qPrintable(credential.unavailableReason()));
    const Result<AccessToken> token = get(credential, scope(VaultScope));
    QVERIFY2(token.ok(), qPrintable(token.error().summary()));
    QCOMPARE(int(token->source), source);
    verifyClaims(*token, m_automation.value("appId"_L1).toString(), u"https://vault.azure.net"_s,
                 m_automation.value("objectId"_L1).toString());
}

void TestSandboxCredentials::noSecretInTheJournal()
{
    // Everything above went through journaled pipelines: neither the client secret nor a
    // token may appear in what the journal kept.
    const QList<RequestRecord> &records = m_fixture->journal().records();
    QVERIFY(!records.isEmpty());
    const QByteArray secret = m_secret.toUtf8();
    int tokenCalls = 0;
    for (const RequestRecord &r : records) {
        if (r.operation == "get token"_L1)
            ++tokenCalls;
        QVERIFY(!r.url.toString().toUtf8().contains(secret));
        QVERIFY(!r.responseBody.contains(secret));
        QVERIFY(!r.responseBody.contains("access_token"));
        for (const auto &[name, value] : r.requestHeaders + r.responseHeaders)
            QVERIFY2(!value.contains(secret) && !value.startsWith("Bearer ey"), name.constData());
    }
    QVERIFY(tokenCalls > 0);
}

QTEST_GUILESS_MAIN(TestSandboxCredentials)
#include "tst_sandboxcredentials.moc"

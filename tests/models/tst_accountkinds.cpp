// SPDX-License-Identifier: GPL-3.0-or-later
// The account manager's accounts without a refresh token, against the sandbox
// through the app's Session: a service principal with a certificate, a managed
// identity (the sandbox's IMDS) and the Azure CLI (a stand-in `az` on PATH).
#include "SessionFixture.h"
#include "auth/AppRegistration.h"
#include "auth/ClientCertificate.h"
#include "auth/ClientSecretCredential.h"
#include "auth/Jwt.h"
#include "crypto/Certificate.h"
#include "crypto/KeyPair.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

namespace {

/// A stand-in for `az` that prints the token kept in the file FAKE_AZ_TOKEN_FILE.
const QByteArray FakeAz = R"sh(#!/bin/sh
printf '{"accessToken":"%s","expires_on":%s,"tokenType":"Bearer"}\n' "$(cat "$FAKE_AZ_TOKEN_FILE")" "$(($(date +%s) + 3600))"
)sh"_ba;

/// A self-signed certificate and its key as PEM, registered on the automation identity.
std::optional<QByteArray> registerCertificate(SessionFixture &f)
{
    const auto key = sandbox::KeyPair::generateRsa(2048);
    if (!key)
        return std::nullopt;
    sandbox::CertificateRequest request;
    request.subject = u"CN=ci-pipeline"_s;
    request.notBefore = QDateTime::currentDateTimeUtc().addDays(-1);
    request.notAfter = QDateTime::currentDateTimeUtc().addDays(30);
    const auto info = sandbox::Certificates::createSelfSigned(*key, request);
    if (!info)
        return std::nullopt;
    sandbox::CertificateBundle bundle;
    bundle.certificate = *info;
    bundle.key = *key;
    const QByteArray pem = sandbox::Certificates::exportPem(bundle);
    const auto parsed = ClientCertificate::fromPem(pem);
    if (!parsed.ok())
        return std::nullopt;
    const QString appId = f.sandbox()
                              .config()
                              .value("servicePrincipals"_L1)
                              .toArray()
                              .first()
                              .toObject()
                              .value("objectId"_L1)
                              .toString();
    for (sandbox::Principal &p : f.sandbox().sandbox().state().directory.principals) {
        if (p.objectId == appId) {
            p.certificatePublicKeyPem = key->publicKeyPem();
            p.certificateThumbprint = QString::fromLatin1(parsed->thumbprintSha1());
            return pem;
        }
    }
    return std::nullopt;
}

QString settingsText(SessionFixture &f)
{
    f.settings().sync();
    QFile file(f.settings().fileName());
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

/// A second Session on the same settings and keychain, as the next start of the app.
std::unique_ptr<Session> restarted(SessionFixture &f)
{
    SessionOptions o;
    o.clouds = {f.cloud()};
    o.secrets = std::shared_ptr<SecretStore>(&f.secrets(), [](SecretStore *) {});
    o.settings = &f.settings();
    o.openBrowser = [](const QUrl &) {
    };
    auto session = std::make_unique<Session>(std::move(o));
    const auto restored = ClientFixture::await(session->accounts().restore());
    if (!restored.ok())
        qWarning("restore: %s", qPrintable(restored.error().summary()));
    return session;
}

Result<AccessToken> armToken(Session &session, const QString &accountId, const CloudProfile &cloud)
{
    auto credential = session.accounts().credential(accountId);
    if (!credential)
        return AzureError::make(AzureError::Kind::NotFound, u"no credential"_s);
    TokenRequestContext ctx;
    ctx.scopes = {cloud.armScope()};
    return ClientFixture::await(credential->getToken(ctx), 30000);
}

} // namespace

class tst_AccountKinds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kindNames_data();
    void kindNames();
    void certificatePrincipal();
    void badCertificate();
    void managedIdentity();
    void unknownManagedIdentity();
    void azureCli();
    void azureCliMissing();
    void clientIdPrecedence_data();
    void clientIdPrecedence();
    void registrationCommand();
    void setClientId();
};

void tst_AccountKinds::kindNames_data()
{
    QTest::addColumn<CredentialKind>("kind");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("purpose");
    QTest::addColumn<bool>("user");
    QTest::newRow("certificate") << CredentialKind::ClientCertificate << u"client-certificate"_s
                                 << u"client-certificate"_s << false;
    QTest::newRow("managed identity")
        << CredentialKind::ManagedIdentity << u"managed-identity"_s << QString() << false;
    QTest::newRow("azure cli") << CredentialKind::AzureCli << u"azure-cli"_s << QString() << false;
    QTest::newRow("browser") << CredentialKind::Browser << u"browser"_s << u"refresh-token"_s
                             << true;
}

void tst_AccountKinds::kindNames()
{
    QFETCH(CredentialKind, kind);
    QFETCH(QString, name);
    QFETCH(QString, purpose);
    QFETCH(bool, user);
    QCOMPARE(credentialKindName(kind), name);
    bool ok = false;
    QCOMPARE(credentialKindFromName(name, &ok), kind);
    QVERIFY(ok);
    Account a;
    a.credential = kind;
    QCOMPARE(a.secretPurpose(), purpose);
    QCOMPARE(a.isUser(), user);
    QCOMPARE(a.hasStoredSecret(), !purpose.isEmpty());
}

void tst_AccountKinds::certificatePrincipal()
{
    SessionFixture f;
    QVERIFY(f.isRunning());
    const auto pem = registerCertificate(f);
    QVERIFY(pem);
    const QJsonObject principal =
        f.sandbox().config().value("servicePrincipals"_L1).toArray().first().toObject();
    CertificatePrincipalRequest request;
    request.cloud = f.cloud().name;
    request.tenantId = f.sandbox().tenantId();
    request.clientId = principal.value("appId"_L1).toString();
    request.certificate = *pem;
    QSignalSpy added(&f.session().accounts(), &AccountManager::accountAdded);
    const auto account =
        ClientFixture::await(f.session().accounts().addServicePrincipal(request), 60000);
    QVERIFY2(account.ok(), qPrintable(account.error().summary()));
    QCOMPARE(account->credential, CredentialKind::ClientCertificate);
    QCOMPARE(account->displayName, u"ci-pipeline"_s);
    QCOMPARE(account->homeTenantId, f.sandbox().tenantId());
    QVERIFY(!account->objectId.isEmpty());
    QCOMPARE(added.size(), 1);

    // The certificate and key are in the keychain, not in the settings.
    const QString key = SecretKey{account->cloud, account->id, u"client-certificate"_s}.toString();
    QVERIFY(f.secrets().entries.contains(key));
    const QString settings = settingsText(f);
    QVERIFY(settings.contains(u"client-certificate"_s));
    QVERIFY(!settings.contains(u"PRIVATE KEY"_s));
    QVERIFY(!settings.contains(QString::fromLatin1(pem->toBase64().left(40))));

    // The account works, and again after a restart.
    auto vault = f.session().vault(account->id, {}, f.vaultUri(u"kv-contoso-prod"_s));
    QVERIFY(vault);
    const auto secrets = ClientFixture::await(vault->listSecrets());
    QVERIFY2(secrets.ok(), qPrintable(secrets.error().summary()));
    auto next = restarted(f);
    QCOMPARE(next->accounts().accounts().size(), 1);
    QVERIFY(!next->accounts().needsSignIn(account->id));
    const auto token = armToken(*next, account->id, f.cloud());
    QVERIFY2(token.ok(), qPrintable(token.error().summary()));
    QCOMPARE(token->source, TokenSource::Certificate);

    // Sign-out removes the keychain entry.
    QVERIFY(ClientFixture::await(next->accounts().signOut(account->id)).ok());
    QVERIFY(!f.secrets().entries.contains(key));
}

void tst_AccountKinds::badCertificate()
{
    SessionFixture f;
    QVERIFY(f.isRunning());
    CertificatePrincipalRequest request;
    request.cloud = f.cloud().name;
    request.tenantId = f.sandbox().tenantId();
    request.clientId = u"00000000-0000-4000-8000-000000000001"_s;
    request.certificate = "not a certificate"_ba;
    const auto account =
        ClientFixture::await(f.session().accounts().addServicePrincipal(request), 60000);
    QVERIFY(!account.ok());
    QVERIFY(f.session().accounts().accounts().isEmpty());
    QVERIFY(f.secrets().entries.isEmpty());
}

void tst_AccountKinds::managedIdentity()
{
    SessionFixture f;
    QVERIFY(f.isRunning());
    const QJsonObject identity =
        f.sandbox().config().value("managedIdentities"_L1).toArray().first().toObject();
    ManagedIdentityRequest request;
    request.cloud = f.cloud().name;
    request.clientId = identity.value("clientId"_L1).toString();
    request.displayName = identity.value("displayName"_L1).toString();
    const auto account =
        ClientFixture::await(f.session().accounts().addManagedIdentity(request), 60000);
    QVERIFY2(account.ok(), qPrintable(account.error().summary()));
    QCOMPARE(account->credential, CredentialKind::ManagedIdentity);
    QCOMPARE(account->objectId, identity.value("objectId"_L1).toString());
    QCOMPARE(account->homeTenantId, f.sandbox().tenantId());
    QCOMPARE(account->userName, request.clientId);
    QVERIFY(account->id.endsWith(u".managed-identity"_s));
    QVERIFY(account->tenant(f.sandbox().tenantId()));
    QVERIFY(f.secrets().entries.isEmpty()); // nothing secret to keep

    auto next = restarted(f);
    QCOMPARE(next->accounts().accounts().size(), 1);
    QCOMPARE(next->accounts().accounts().first().clientId, request.clientId);
    const auto token = armToken(*next, account->id, f.cloud());
    QVERIFY2(token.ok(), qPrintable(token.error().summary()));
    QCOMPARE(token->source, TokenSource::ManagedIdentity);
    QVERIFY(ClientFixture::await(next->accounts().signOut(account->id)).ok());
    QVERIFY(next->accounts().accounts().isEmpty());
}

void tst_AccountKinds::unknownManagedIdentity()
{
    SessionFixture f;
    QVERIFY(f.isRunning());
    ManagedIdentityRequest request;
    request.cloud = f.cloud().name;
    request.clientId = u"00000000-0000-4000-8000-0000000000aa"_s;
    const auto account =
        ClientFixture::await(f.session().accounts().addManagedIdentity(request), 60000);
    QVERIFY(!account.ok());
    QVERIFY(f.session().accounts().accounts().isEmpty());
}

void tst_AccountKinds::azureCli()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile az(dir.filePath(u"az"_s));
    QVERIFY(az.open(QIODevice::WriteOnly));
    az.write(FakeAz);
    az.close();
    QVERIFY(az.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    const QString tokenFile = dir.filePath(u"token"_s);
    const QByteArray oldPath = qgetenv("PATH");
    qputenv("PATH", QFile::encodeName(dir.path()) + ':' + oldPath);
    qputenv("FAKE_AZ_TOKEN_FILE", QFile::encodeName(tokenFile));
    auto restore = qScopeGuard([&] {
        qputenv("PATH", oldPath);
        qunsetenv("FAKE_AZ_TOKEN_FILE");
    });

    SessionFixture f;
    QVERIFY(f.isRunning());
    // What `az` answers: a token of the automation identity, as if it had run `az login`.
    const QJsonObject principal =
        f.sandbox().config().value("servicePrincipals"_L1).toArray().first().toObject();
    CredentialOptions o;
    o.pipeline = f.session().identityPipeline();
    o.authorityHost = f.cloud().authorityHost;
    ClientSecretCredential secret(f.sandbox().tenantId(), principal.value("appId"_L1).toString(),
                                  principal.value("clientSecret"_L1).toString(), o);
    TokenRequestContext ctx;
    ctx.scopes = {f.cloud().armScope()};
    const auto cliToken = ClientFixture::await(secret.getToken(ctx));
    QVERIFY(cliToken.ok());
    QFile file(tokenFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(cliToken->token);
    file.close();

    AzureCliRequest request;
    request.cloud = f.cloud().name;
    const auto account =
        ClientFixture::await(f.session().accounts().addAzureCliAccount(request), 60000);
    QVERIFY2(account.ok(), qPrintable(account.error().summary()));
    QCOMPARE(account->credential, CredentialKind::AzureCli);
    QCOMPARE(account->homeTenantId, f.sandbox().tenantId());
    QCOMPARE(account->objectId, principal.value("objectId"_L1).toString());
    QVERIFY(account->id.endsWith(u".azure-cli"_s));
    QVERIFY(f.secrets().entries.isEmpty());
    // The tenants came from Resource Manager.
    const auto listed = f.session().accounts().account(account->id);
    QVERIFY(listed);
    QVERIFY(listed->tenant(f.sandbox().tenantId()));

    auto next = restarted(f);
    QCOMPARE(next->accounts().accounts().size(), 1);
    const auto token = armToken(*next, account->id, f.cloud());
    QVERIFY2(token.ok(), qPrintable(token.error().summary()));
    QCOMPARE(token->source, TokenSource::AzureCli);
}

void tst_AccountKinds::azureCliMissing()
{
    const QByteArray oldPath = qgetenv("PATH");
    QTemporaryDir empty;
    qputenv("PATH", QFile::encodeName(empty.path()));
    auto restore = qScopeGuard([&] { qputenv("PATH", oldPath); });
    SessionFixture f;
    QVERIFY(f.isRunning());
    AzureCliRequest request;
    request.cloud = f.cloud().name;
    const auto account =
        ClientFixture::await(f.session().accounts().addAzureCliAccount(request), 60000);
    QVERIFY(!account.ok());
    QCOMPARE(account.error().kind, AzureError::Kind::Unauthenticated);
    QVERIFY(f.session().accounts().accounts().isEmpty());
}

void tst_AccountKinds::clientIdPrecedence_data()
{
    QTest::addColumn<QString>("settings");
    QTest::addColumn<QString>("commandLine");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("expected");
    QTest::newRow("command line wins") << u"s"_s << u"c"_s << u"e"_s << u"c"_s;
    QTest::newRow("environment next") << u"s"_s << QString() << u"e"_s << u"e"_s;
    QTest::newRow("settings last") << u"s"_s << QString() << QString() << u"s"_s;
    QTest::newRow("blank is unset") << u" s "_s << u"  "_s << u" "_s << u"s"_s;
    QTest::newRow("none") << QString() << QString() << QString() << QString();
}

void tst_AccountKinds::clientIdPrecedence()
{
    QFETCH(QString, settings);
    QFETCH(QString, commandLine);
    QFETCH(QString, environment);
    QFETCH(QString, expected);
    QProcessEnvironment env;
    if (!environment.isNull())
        env.insert(u"AZURE_CLIENT_ID"_s, environment);
    QCOMPARE(AppRegistration::resolveClientId(settings, commandLine, env), expected);
}

void tst_AccountKinds::registrationCommand()
{
    const QString command = AppRegistration::azAppCreateCommand();
    QVERIFY(command.startsWith(u"az ad app create --display-name VaultLens"_s));
    QVERIFY(command.contains(u"--public-client-redirect-uris http://localhost http://127.0.0.1"_s));
    QVERIFY(command.contains(u"--is-fallback-public-client true"_s));
    for (const auto &p : AppRegistration::permissions()) {
        QVERIFY(AppRegistration::isValidClientId(p.scopeId));
        if (!p.optional)
            QVERIFY2(command.contains(p.scopeId), qPrintable(p.scope));
    }
    QVERIFY(command.contains(u"41094075-9dad-400e-a0bd-54e686782033"_s));
    QVERIFY(command.contains(u"cfa8b339-82a2-471a-a3c9-0fc0be7a4093"_s));
    QVERIFY(AppRegistration::isValidClientId(QString(AppRegistration::AzureCliClientId)));
    QVERIFY(!AppRegistration::isValidClientId(u"not-a-guid"_s));
}

void tst_AccountKinds::setClientId()
{
    SessionFixture f;
    QVERIFY(f.isRunning());
    QVERIFY(f.session().accounts().clientId().isEmpty());
    f.session().accounts().setClientId(u"11111111-2222-3333-4444-555555555555"_s);
    QCOMPARE(f.session().accounts().clientId(), u"11111111-2222-3333-4444-555555555555"_s);
    // The sandbox brings its own registration: a sign-in there is unaffected.
    const auto account = f.signIn();
    QVERIFY2(account.ok(), qPrintable(account.error().summary()));
    QCOMPARE(account->clientId, f.cloud().publicClientId);
}

QTEST_MAIN(tst_AccountKinds)
#include "tst_accountkinds.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeClock.h"
#include "ScriptedTransport.h"
#include "TestCertificates.h"
#include "auth/ClientCertificateCredential.h"
#include "crypto/Jwt.h"

#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

/// The certificate credential's token requests.
class TestClientCertificateCredential : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void sendsASignedAssertion_data();
    void sendsASignedAssertion();
    void errorsAreUnauthenticated();
    void fromFile();

private:
    std::optional<TestCertificate> m_cert;
    std::shared_ptr<ScriptedTransport> m_transport;
    FakeClock m_clock{QDateTime::currentDateTimeUtc()};
    CredentialOptions m_options;
};

void TestClientCertificateCredential::initTestCase()
{
    m_cert = makeCertificate(u"CN=ci-pipeline"_s);
    QVERIFY(m_cert);
}

void TestClientCertificateCredential::init()
{
    m_transport = std::make_shared<ScriptedTransport>();
    m_options = {};
    m_options.pipeline =
        std::make_shared<HttpPipeline>(std::vector<std::shared_ptr<HttpPolicy>>{}, m_transport);
    m_options.authorityHost = QUrl(u"https://127.0.0.1:8443"_s);
    m_options.clock = &m_clock;
}

void TestClientCertificateCredential::sendsASignedAssertion_data()
{
    QTest::addColumn<int>("algorithm");
    QTest::addColumn<bool>("chain");
    QTest::newRow("RS256") << int(ClientCertificate::Algorithm::Rs256) << false;
    QTest::newRow("PS256 with x5c") << int(ClientCertificate::Algorithm::Ps256) << true;
}

void TestClientCertificateCredential::sendsASignedAssertion()
{
    QFETCH(int, algorithm);
    QFETCH(bool, chain);
    Result<ClientCertificate> certificate = ClientCertificate::fromPem(m_cert->pem);
    QVERIFY(certificate.ok());
    ClientAssertionSettings settings;
    settings.algorithm = ClientCertificate::Algorithm(algorithm);
    settings.sendCertificateChain = chain;
    ClientCertificateCredential credential(u"tid"_s, u"app-id"_s, *certificate, m_options,
                                           settings);
    QCOMPARE(credential.name(), u"client certificate"_s);
    m_transport->answer(200, {{"Content-Type", "application/json"}},
                        R"({"token_type":"Bearer","expires_in":600,"access_token":"a.b.c"})"_ba);
    TokenRequestContext ctx;
    ctx.scopes = {u"https://management.azure.com/.default"_s};
    const QFuture<Result<AccessToken>> f = credential.getToken(ctx);
    QTRY_VERIFY_WITH_TIMEOUT(f.isFinished(), 5000);
    QVERIFY2(f.result().ok(), qPrintable(f.result().error().message));
    QCOMPARE(f.result()->source, TokenSource::Certificate);
    QCOMPARE(f.result()->expiresOn, m_clock.now().addSecs(600));

    QCOMPARE(m_transport->requests().size(), 1);
    const HttpRequest &r = m_transport->requests().first();
    const QUrlQuery form(QString::fromLatin1(r.body));
    const auto field = [&](const QString &name) {
        return form.queryItemValue(name, QUrl::FullyDecoded);
    };
    QCOMPARE(r.url.toString(), u"https://127.0.0.1:8443/tid/oauth2/v2.0/token"_s);
    QCOMPARE(field(u"grant_type"_s), u"client_credentials"_s);
    QCOMPARE(field(u"client_id"_s), u"app-id"_s);
    QCOMPARE(field(u"scope"_s), u"https://management.azure.com/.default"_s);
    QCOMPARE(field(u"client_assertion_type"_s),
             u"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"_s);
    QVERIFY(!form.hasQueryItem(u"client_secret"_s));
    QVERIFY(r.context.bodyIsSecret);
    const auto assertion = sandbox::Jwt::decode(field(u"client_assertion"_s).toLatin1());
    QVERIFY(assertion);
    QVERIFY(sandbox::Jwt::verify(*assertion,
                                 *sandbox::KeyPair::fromPublicKeyPem(m_cert->certificatePem)));
    QCOMPARE(assertion->claims.value("aud"_L1).toString(), r.url.toString());
    QCOMPARE(assertion->claims.value("iss"_L1).toString(), u"app-id"_s);
    QCOMPARE(qint64(assertion->claims.value("nbf"_L1).toDouble()),
             m_clock.now().toSecsSinceEpoch());
    QCOMPARE(assertion->header.contains("x5c"_L1), chain);
}

void TestClientCertificateCredential::errorsAreUnauthenticated()
{
    ClientCertificateCredential credential(u"tid"_s, u"app-id"_s,
                                           *ClientCertificate::fromPem(m_cert->pem), m_options);
    m_transport->answer(
        401, {{"Content-Type", "application/json"}},
        R"({"error":"invalid_client","error_description":"AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application.","error_codes":[700027]})"_ba);
    TokenRequestContext ctx;
    ctx.scopes = {u"https://vault.azure.net/.default"_s};
    const QFuture<Result<AccessToken>> f = credential.getToken(ctx);
    QTRY_VERIFY_WITH_TIMEOUT(f.isFinished(), 5000);
    QVERIFY(!f.result().ok());
    QCOMPARE(f.result().error().kind, AzureError::Kind::Unauthenticated);
    QCOMPARE(f.result().error().innerCode, u"AADSTS700027"_s);

    // Without a certificate nothing is sent.
    ClientCertificateCredential empty(u"tid"_s, u"app-id"_s, ClientCertificate(), m_options);
    const QFuture<Result<AccessToken>> g = empty.getToken(ctx);
    QVERIFY(g.isFinished() && !g.result().ok());
    QCOMPARE(m_transport->requests().size(), 1);
}

void TestClientCertificateCredential::fromFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"app.pem"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(encryptedPem(*m_cert, "pw"_ba));
    f.close();
    const auto ok = ClientCertificateCredential::fromFile(u"t"_s, u"a"_s, path, "pw"_ba, m_options);
    QVERIFY(ok.ok());
    QCOMPARE((*ok)->certificate().certificateDer(), m_cert->bundle.certificate.der);
    const auto wrong =
        ClientCertificateCredential::fromFile(u"t"_s, u"a"_s, path, "no"_ba, m_options);
    QVERIFY(!wrong.ok());
    QVERIFY(wrong.error().message.contains("password"_L1));
}

QTEST_GUILESS_MAIN(TestClientCertificateCredential)
#include "tst_clientcertificatecredential.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScriptedTransport.h"
#include "TestCertificates.h"
#include "auth/ClientCertificateCredential.h"
#include "auth/ClientSecretCredential.h"
#include "auth/EnvironmentCredential.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

/// The environment credential: which variables make which credential.
class TestEnvironmentCredential : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void chooses_data();
    void chooses();
    void authorityHostFromTheEnvironment_data();
    void authorityHostFromTheEnvironment();
    void unavailableAnswersWithTheReason();

private:
    QProcessEnvironment environment(const QStringList &assignments) const;

    QTemporaryDir m_dir;
    QString m_pem;
    QString m_pfx;
    std::shared_ptr<ScriptedTransport> m_transport;
    CredentialOptions m_options;
};

void TestEnvironmentCredential::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const std::optional<TestCertificate> cert = makeCertificate(u"CN=env"_s);
    QVERIFY(cert);
    m_pem = m_dir.filePath(u"app.pem"_s);
    m_pfx = m_dir.filePath(u"app.pfx"_s);
    QFile pem(m_pem);
    QVERIFY(pem.open(QIODevice::WriteOnly));
    pem.write(cert->pem);
    QFile pfx(m_pfx);
    QVERIFY(pfx.open(QIODevice::WriteOnly));
    pfx.write(protectedPfx(*cert, "pfx-pass"_ba));
}

void TestEnvironmentCredential::init()
{
    m_transport = std::make_shared<ScriptedTransport>();
    m_options = {};
    m_options.pipeline =
        std::make_shared<HttpPipeline>(std::vector<std::shared_ptr<HttpPolicy>>{}, m_transport);
}

QProcessEnvironment TestEnvironmentCredential::environment(const QStringList &assignments) const
{
    QProcessEnvironment env;
    for (QString a : assignments) {
        a.replace("$PEM"_L1, m_pem).replace("$PFX"_L1, m_pfx);
        env.insert(a.section(u'=', 0, 0), a.section(u'=', 1));
    }
    return env;
}

void TestEnvironmentCredential::chooses_data()
{
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("kind"); ///< "secret", "certificate" or "" (unavailable)
    QTest::addColumn<QString>("reasonPart");
    const QStringList ids{u"AZURE_TENANT_ID=tid"_s, u"AZURE_CLIENT_ID=app"_s};
    QTest::newRow("secret") << QStringList(ids + QStringList{u"AZURE_CLIENT_SECRET=s"_s})
                            << u"secret"_s << QString();
    QTest::newRow("PEM certificate")
        << QStringList(ids + QStringList{u"AZURE_CLIENT_CERTIFICATE_PATH=$PEM"_s})
        << u"certificate"_s << QString();
    QTest::newRow("PFX certificate with its password")
        << QStringList(ids
                       + QStringList{u"AZURE_CLIENT_CERTIFICATE_PATH=$PFX"_s,
                                     u"AZURE_CLIENT_CERTIFICATE_PASSWORD=pfx-pass"_s})
        << u"certificate"_s << QString();
    QTest::newRow("secret wins over certificate") << QStringList(
        ids + QStringList{u"AZURE_CLIENT_SECRET=s"_s, u"AZURE_CLIENT_CERTIFICATE_PATH=$PEM"_s})
                                                  << u"secret"_s << QString();
    QTest::newRow("nothing set") << QStringList() << QString() << u"AZURE_TENANT_ID"_s;
    QTest::newRow("no tenant") << QStringList{u"AZURE_CLIENT_ID=app"_s, u"AZURE_CLIENT_SECRET=s"_s}
                               << QString() << u"AZURE_TENANT_ID not set"_s;
    QTest::newRow("no secret nor certificate")
        << ids << QString() << u"AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH"_s;
    QTest::newRow("certificate file missing")
        << QStringList(ids + QStringList{u"AZURE_CLIENT_CERTIFICATE_PATH=/nonexistent.pem"_s})
        << QString() << u"cannot be read"_s;
    QTest::newRow("PFX without its password")
        << QStringList(ids + QStringList{u"AZURE_CLIENT_CERTIFICATE_PATH=$PFX"_s}) << QString()
        << u"password"_s;
}

void TestEnvironmentCredential::chooses()
{
    QFETCH(QStringList, env);
    QFETCH(QString, kind);
    QFETCH(QString, reasonPart);
    const EnvironmentCredential credential(m_options, environment(env));
    QCOMPARE(credential.isAvailable(), !kind.isEmpty());
    if (kind == "secret"_L1) {
        const auto *inner = dynamic_cast<ClientSecretCredential *>(credential.inner().get());
        QVERIFY(inner);
        QCOMPARE(inner->tenantId(), u"tid"_s);
        QCOMPARE(inner->clientId(), u"app"_s);
        QCOMPARE(credential.name(), u"environment (client secret)"_s);
    } else if (kind == "certificate"_L1) {
        QVERIFY(dynamic_cast<ClientCertificateCredential *>(credential.inner().get()));
        QCOMPARE(credential.name(), u"environment (client certificate)"_s);
    } else {
        QVERIFY(!credential.inner());
        QVERIFY2(credential.unavailableReason().contains(reasonPart),
                 qPrintable(credential.unavailableReason()));
    }
}

void TestEnvironmentCredential::authorityHostFromTheEnvironment_data()
{
    QTest::addColumn<QString>("authority");
    QTest::addColumn<QString>("url");
    QTest::newRow("default") << QString()
                             << u"https://login.microsoftonline.com/tid/oauth2/v2.0/token"_s;
    QTest::newRow("URL") << u"https://login.microsoftonline.us"_s
                         << u"https://login.microsoftonline.us/tid/oauth2/v2.0/token"_s;
    QTest::newRow("bare host") << u"login.chinacloudapi.cn"_s
                               << u"https://login.chinacloudapi.cn/tid/oauth2/v2.0/token"_s;
    QTest::newRow("sandbox") << u"https://127.0.0.1:8443"_s
                             << u"https://127.0.0.1:8443/tid/oauth2/v2.0/token"_s;
}

void TestEnvironmentCredential::authorityHostFromTheEnvironment()
{
    QFETCH(QString, authority);
    QFETCH(QString, url);
    QStringList env{u"AZURE_TENANT_ID=tid"_s, u"AZURE_CLIENT_ID=app"_s, u"AZURE_CLIENT_SECRET=s"_s};
    if (!authority.isEmpty())
        env.append(u"AZURE_AUTHORITY_HOST="_s + authority);
    EnvironmentCredential credential(m_options, environment(env));
    m_transport->answer(200, {}, R"({"access_token":"a.b.c","expires_in":3599})"_ba);
    TokenRequestContext ctx;
    ctx.scopes = {u"https://vault.azure.net/.default"_s};
    const QFuture<Result<AccessToken>> f = credential.getToken(ctx);
    QTRY_VERIFY_WITH_TIMEOUT(f.isFinished(), 5000);
    QVERIFY(f.result().ok());
    QCOMPARE(f.result()->source, TokenSource::ClientCredential);
    QCOMPARE(m_transport->requests().size(), 1);
    QCOMPARE(m_transport->requests().first().url.toString(), url);
    const QUrlQuery form(QString::fromLatin1(m_transport->requests().first().body));
    QCOMPARE(form.queryItemValue(u"client_secret"_s), u"s"_s);
}

void TestEnvironmentCredential::unavailableAnswersWithTheReason()
{
    EnvironmentCredential credential(m_options, QProcessEnvironment());
    QCOMPARE(credential.name(), u"environment"_s);
    TokenRequestContext ctx;
    ctx.scopes = {u"https://vault.azure.net/.default"_s};
    const QFuture<Result<AccessToken>> f = credential.getToken(ctx);
    QVERIFY(f.isFinished());
    QVERIFY(!f.result().ok());
    QCOMPARE(f.result().error().kind, AzureError::Kind::Unauthenticated);
    QCOMPARE(f.result().error().message, credential.unavailableReason());
    QVERIFY(m_transport->requests().isEmpty());
}

QTEST_GUILESS_MAIN(TestEnvironmentCredential)
#include "tst_environmentcredential.moc"

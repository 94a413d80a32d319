// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/CloudProfile.h"
#include "crypto/Pki.h"

#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;

namespace {

CloudProfile cloudNamed(const QString &name)
{
    for (const CloudProfile &p : CloudProfile::azureClouds())
        if (p.name == name)
            return p;
    return {};
}

} // namespace

/// The clouds' endpoints (PROTOCOL.md §2) and the sandbox's profile (SANDBOX.md).
class TestCloudProfile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void azureClouds_data();
    void azureClouds();
    void scopes_data();
    void scopes();
    void isVaultHost_data();
    void isVaultHost();
    void azureNeverTrustsAnExtraCa();
    void sandboxFromConfig();
    void sandboxVaultHosts_data();
    void sandboxVaultHosts();
    void sandboxTls_data();
    void sandboxTls();
    void sandboxConfigErrors_data();
    void sandboxConfigErrors();

private:
    QJsonObject sandboxConfig() const;

    QTemporaryDir m_dir;
    QString m_caPath;
    QSslCertificate m_ca;
};

void TestCloudProfile::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const std::optional<sandbox::TlsMaterial> tls = sandbox::Pki::create();
    QVERIFY(tls);
    m_caPath = m_dir.filePath(u"ca.pem"_s);
    QFile f(m_caPath);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(tls->caCertificatePem);
    f.close();
    m_ca = QSslCertificate(tls->caCertificatePem, QSsl::Pem);
    QVERIFY(!m_ca.isNull());
}

QJsonObject TestCloudProfile::sandboxConfig() const
{
    return QJsonObject{
        {u"apiOrigin"_s, u"https://127.0.0.1:50001"_s},
        {u"browserOrigin"_s, u"http://127.0.0.1:50002"_s},
        {u"caCertificate"_s, m_caPath},
        {u"authorityHost"_s, u"https://127.0.0.1:50001"_s},
        {u"resourceManager"_s, u"https://127.0.0.1:50001/"_s},
        {u"graph"_s, u"https://127.0.0.1:50001/"_s},
        {u"imdsEndpoint"_s, u"http://127.0.0.1:50002"_s},
        {u"audiences"_s, QJsonObject{{u"arm"_s, u"https://management.azure.com"_s},
                                     {u"vault"_s, u"https://vault.azure.net"_s},
                                     {u"graph"_s, u"https://graph.microsoft.com"_s}}},
        {u"publicClientId"_s, u"11111111-0000-4000-8000-00000000c11e"_s}};
}

void TestCloudProfile::azureClouds_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    auto row = [](const char *name, const char *field, const QString &value) {
        QTest::addRow("%s %s", name, field)
            << QString::fromLatin1(name) << QString::fromLatin1(field) << value;
    };
    row("AzureCloud", "authority", u"https://login.microsoftonline.com"_s);
    row("AzureCloud", "arm", u"https://management.azure.com/"_s);
    row("AzureCloud", "armAudience", u"https://management.core.windows.net/"_s);
    row("AzureCloud", "vaultSuffix", u".vault.azure.net"_s);
    row("AzureCloud", "vaultAudience", u"https://vault.azure.net"_s);
    row("AzureCloud", "hsmSuffix", u".managedhsm.azure.net"_s);
    row("AzureCloud", "graph", u"https://graph.microsoft.com/"_s);
    row("AzureCloud", "graphAudience", u"https://graph.microsoft.com"_s);
    row("AzureCloud", "portal", u"https://portal.azure.com"_s);
    row("AzureChinaCloud", "authority", u"https://login.chinacloudapi.cn"_s);
    row("AzureChinaCloud", "arm", u"https://management.chinacloudapi.cn"_s);
    row("AzureChinaCloud", "armAudience", u"https://management.core.chinacloudapi.cn/"_s);
    row("AzureChinaCloud", "vaultSuffix", u".vault.azure.cn"_s);
    row("AzureChinaCloud", "vaultAudience", u"https://vault.azure.cn"_s);
    row("AzureChinaCloud", "hsmSuffix", u".managedhsm.azure.cn"_s);
    row("AzureChinaCloud", "graph", u"https://microsoftgraph.chinacloudapi.cn"_s);
    row("AzureChinaCloud", "graphAudience", u"https://microsoftgraph.chinacloudapi.cn"_s);
    row("AzureChinaCloud", "portal", u"https://portal.azure.cn"_s);
    row("AzureUSGovernment", "authority", u"https://login.microsoftonline.us"_s);
    row("AzureUSGovernment", "arm", u"https://management.usgovcloudapi.net/"_s);
    row("AzureUSGovernment", "armAudience", u"https://management.core.usgovcloudapi.net/"_s);
    row("AzureUSGovernment", "vaultSuffix", u".vault.usgovcloudapi.net"_s);
    row("AzureUSGovernment", "vaultAudience", u"https://vault.usgovcloudapi.net"_s);
    row("AzureUSGovernment", "hsmSuffix", u".managedhsm.usgovcloudapi.net"_s);
    row("AzureUSGovernment", "graph", u"https://graph.microsoft.us/"_s);
    row("AzureUSGovernment", "graphAudience", u"https://graph.microsoft.us"_s);
    row("AzureUSGovernment", "portal", u"https://portal.azure.us"_s);
}

void TestCloudProfile::azureClouds()
{
    QFETCH(QString, name);
    QFETCH(QString, field);
    QFETCH(QString, value);
    const CloudProfile p = cloudNamed(name);
    QCOMPARE(p.name, name);
    QVERIFY(p.kind != CloudProfile::Kind::Sandbox);
    QVERIFY(p.verifyChallengeResource);
    QVERIFY(!p.displayName.isEmpty());
    QCOMPARE(p.imdsEndpoint, QUrl(u"http://169.254.169.254"_s));
    const QHash<QString, QString> fields{{u"authority"_s, p.authorityHost.toString()},
                                         {u"arm"_s, p.resourceManager.toString()},
                                         {u"armAudience"_s, p.resourceManagerAudience},
                                         {u"vaultSuffix"_s, p.vaultDnsSuffix},
                                         {u"vaultAudience"_s, p.vaultAudience},
                                         {u"hsmSuffix"_s, p.managedHsmDnsSuffix},
                                         {u"graph"_s, p.graph.toString()},
                                         {u"graphAudience"_s, p.graphAudience},
                                         {u"portal"_s, p.portal.toString()}};
    QVERIFY(fields.contains(field));
    QCOMPARE(fields.value(field), value);
}

void TestCloudProfile::scopes_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("arm");
    QTest::addColumn<QString>("vault");
    QTest::addColumn<QString>("graph");
    QTest::newRow("public") << u"AzureCloud"_s << u"https://management.core.windows.net//.default"_s
                            << u"https://vault.azure.net/.default"_s
                            << u"https://graph.microsoft.com/.default"_s;
    QTest::newRow("china") << u"AzureChinaCloud"_s
                           << u"https://management.core.chinacloudapi.cn//.default"_s
                           << u"https://vault.azure.cn/.default"_s
                           << u"https://microsoftgraph.chinacloudapi.cn/.default"_s;
    QTest::newRow("us gov") << u"AzureUSGovernment"_s
                            << u"https://management.core.usgovcloudapi.net//.default"_s
                            << u"https://vault.usgovcloudapi.net/.default"_s
                            << u"https://graph.microsoft.us/.default"_s;
}

void TestCloudProfile::scopes()
{
    QFETCH(QString, name);
    QFETCH(QString, arm);
    QFETCH(QString, vault);
    QFETCH(QString, graph);
    const CloudProfile p = cloudNamed(name);
    QCOMPARE(p.armScope(), arm);
    QCOMPARE(p.vaultScope(), vault);
    QCOMPARE(p.graphScope(), graph);
}

void TestCloudProfile::isVaultHost_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("vault");
    QTest::addColumn<bool>("hsm");
    QTest::newRow("vault") << u"AzureCloud"_s << u"https://kv1.vault.azure.net/"_s << true << false;
    QTest::newRow("case") << u"AzureCloud"_s << u"https://KV1.Vault.Azure.Net"_s << true << false;
    QTest::newRow("suffix alone") << u"AzureCloud"_s << u"https://vault.azure.net/"_s << false
                                  << false;
    QTest::newRow("http") << u"AzureCloud"_s << u"http://kv1.vault.azure.net/"_s << false << false;
    QTest::newRow("another cloud's vault")
        << u"AzureCloud"_s << u"https://kv1.vault.azure.cn/"_s << false << false;
    QTest::newRow("china vault") << u"AzureChinaCloud"_s << u"https://kv1.vault.azure.cn/"_s << true
                                 << false;
    QTest::newRow("hsm") << u"AzureCloud"_s << u"https://h1.managedhsm.azure.net/"_s << false
                         << true;
    QTest::newRow("lookalike") << u"AzureCloud"_s << u"https://kv1.vault.azure.net.evil.example/"_s
                               << false << false;
    QTest::newRow("loopback") << u"AzureCloud"_s << u"https://127.0.0.1:8443/"_s << false << false;
}

void TestCloudProfile::isVaultHost()
{
    QFETCH(QString, name);
    QFETCH(QString, url);
    QFETCH(bool, vault);
    QFETCH(bool, hsm);
    const CloudProfile p = cloudNamed(name);
    QCOMPARE(p.isVaultHost(QUrl(url)), vault);
    QCOMPARE(p.isManagedHsmHost(QUrl(url)), hsm);
}

void TestCloudProfile::azureNeverTrustsAnExtraCa()
{
    CloudProfile p = CloudProfile::azurePublic();
    // Even a profile that somehow carries certificates adds them only for the sandbox.
    p.extraCaCertificates = {m_ca};
    p.trustedHosts = {u"127.0.0.1"_s};
    QVERIFY(!p.trustsExtraCaFor(QUrl(u"https://127.0.0.1:1/"_s)));
    QVERIFY(!p.tlsFor(QUrl(u"https://127.0.0.1:1/"_s)).caCertificates().contains(m_ca));
    QCOMPARE(p.tlsFor(QUrl(u"https://kv.vault.azure.net/"_s)).peerVerifyMode(),
             QSslConfiguration::defaultConfiguration().peerVerifyMode());
}

void TestCloudProfile::sandboxFromConfig()
{
    const Result<CloudProfile> r = CloudProfile::fromSandboxConfig(sandboxConfig());
    QVERIFY2(r.ok(), qPrintable(r.error().message));
    const CloudProfile &p = r.value();
    QCOMPARE(p.kind, CloudProfile::Kind::Sandbox);
    QVERIFY(!p.verifyChallengeResource);
    QCOMPARE(p.authorityHost, QUrl(u"https://127.0.0.1:50001"_s));
    QCOMPARE(p.resourceManager, QUrl(u"https://127.0.0.1:50001/"_s));
    QCOMPARE(p.graph, QUrl(u"https://127.0.0.1:50001/"_s));
    QCOMPARE(p.imdsEndpoint, QUrl(u"http://127.0.0.1:50002"_s));
    QCOMPARE(p.apiOrigin, QUrl(u"https://127.0.0.1:50001"_s));
    QCOMPARE(p.browserOrigin, QUrl(u"http://127.0.0.1:50002"_s));
    QCOMPARE(p.publicClientId, u"11111111-0000-4000-8000-00000000c11e"_s);
    QCOMPARE(p.armScope(), u"https://management.azure.com/.default"_s);
    QCOMPARE(p.vaultScope(), u"https://vault.azure.net/.default"_s);
    QCOMPARE(p.graphScope(), u"https://graph.microsoft.com/.default"_s);
    QCOMPARE(p.trustedHosts, (QStringList{u"127.0.0.1"_s, u"localhost"_s}));
    QCOMPARE(p.extraCaCertificates, QList<QSslCertificate>{m_ca});
}

void TestCloudProfile::sandboxVaultHosts_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("vault");
    QTest::newRow("vault origin") << u"https://127.0.0.1:50010/"_s << true;
    QTest::newRow("localhost") << u"https://localhost:50011/"_s << true;
    QTest::newRow("the API origin") << u"https://127.0.0.1:50001/"_s << false;
    QTest::newRow("plain http") << u"http://127.0.0.1:50010/"_s << false;
    QTest::newRow("another host") << u"https://192.0.2.1:50010/"_s << false;
    QTest::newRow("an Azure vault") << u"https://kv.vault.azure.net/"_s << false;
}

void TestCloudProfile::sandboxVaultHosts()
{
    QFETCH(QString, url);
    QFETCH(bool, vault);
    const Result<CloudProfile> r = CloudProfile::fromSandboxConfig(sandboxConfig());
    QVERIFY(r.ok());
    QCOMPARE(r->isVaultHost(QUrl(url)), vault);
}

void TestCloudProfile::sandboxTls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("trusted");
    QTest::newRow("api origin") << u"https://127.0.0.1:50001/x"_s << true;
    QTest::newRow("a vault") << u"https://127.0.0.1:50010/secrets"_s << true;
    QTest::newRow("localhost") << u"https://LOCALHOST:50010/"_s << true;
    QTest::newRow("azure login") << u"https://login.microsoftonline.com/t"_s << false;
    QTest::newRow("other loopback address") << u"https://127.0.0.2:50001/"_s << false;
    QTest::newRow("plain http") << u"http://127.0.0.1:50002/"_s << false;
    QTest::newRow("lookalike host") << u"https://127.0.0.1.example/"_s << false;
}

void TestCloudProfile::sandboxTls()
{
    QFETCH(QString, url);
    QFETCH(bool, trusted);
    const Result<CloudProfile> r = CloudProfile::fromSandboxConfig(sandboxConfig());
    QVERIFY(r.ok());
    QCOMPARE(r->trustsExtraCaFor(QUrl(url)), trusted);
    const QSslConfiguration tls = r->tlsFor(QUrl(url));
    QCOMPARE(tls.caCertificates().contains(m_ca), trusted);
    QCOMPARE(tls.peerVerifyMode(), QSslConfiguration::defaultConfiguration().peerVerifyMode());
    QVERIFY(tls.peerVerifyMode() != QSslSocket::VerifyNone);
}

void TestCloudProfile::sandboxConfigErrors_data()
{
    QTest::addColumn<QString>("remove");
    QTest::addColumn<QString>("caPath");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("no apiOrigin") << u"apiOrigin"_s << QString() << u"apiOrigin"_s;
    QTest::newRow("no graph") << u"graph"_s << QString() << u"graph"_s;
    QTest::newRow("no caCertificate") << u"caCertificate"_s << QString() << u"caCertificate"_s;
    QTest::newRow("CA file missing")
        << QString() << u"/nonexistent/ca.pem"_s << u"cannot be read"_s;
    QTest::newRow("CA file not PEM") << QString() << u"notpem"_s << u"no PEM certificate"_s;
}

void TestCloudProfile::sandboxConfigErrors()
{
    QFETCH(QString, remove);
    QFETCH(QString, caPath);
    QFETCH(QString, messagePart);
    QJsonObject config = sandboxConfig();
    if (!remove.isEmpty())
        config.remove(remove);
    if (caPath == "notpem"_L1) {
        caPath = m_dir.filePath(u"not.pem"_s);
        QFile f(caPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hello");
    }
    if (!caPath.isEmpty())
        config.insert("caCertificate"_L1, caPath);
    const Result<CloudProfile> r = CloudProfile::fromSandboxConfig(config);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, AzureError::Kind::Malformed);
    QVERIFY2(r.error().message.contains(messagePart), qPrintable(r.error().message));
}

QTEST_GUILESS_MAIN(TestCloudProfile)
#include "tst_cloudprofile.moc"

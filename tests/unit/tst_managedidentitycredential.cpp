// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeClock.h"
#include "ScriptedTransport.h"
#include "auth/ManagedIdentityCredential.h"

#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

namespace {

TokenRequestContext scope(const QString &s)
{
    TokenRequestContext ctx;
    ctx.scopes = {s};
    return ctx;
}

} // namespace

/// Managed identity: IMDS and App Service requests, answers and errors.
class TestManagedIdentityCredential : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void requests_data();
    void requests();
    void readsTheAnswer();
    void errors_data();
    void errors();
    void noEndpointMeansNoManagedIdentity();
    void oneScopeOnly();

private:
    ManagedIdentityOptions options(const QUrl &endpoint = {}) const;
    Result<AccessToken> get(ManagedIdentityCredential &credential, const QString &s);

    std::shared_ptr<ScriptedTransport> m_transport;
    FakeClock m_clock;
};

void TestManagedIdentityCredential::init()
{
    m_transport = std::make_shared<ScriptedTransport>();
}

ManagedIdentityOptions TestManagedIdentityCredential::options(const QUrl &endpoint) const
{
    ManagedIdentityOptions o;
    o.pipeline =
        std::make_shared<HttpPipeline>(std::vector<std::shared_ptr<HttpPolicy>>{}, m_transport);
    o.endpoint = endpoint;
    o.environment = QProcessEnvironment();
    o.clock = &m_clock;
    return o;
}

Result<AccessToken> TestManagedIdentityCredential::get(ManagedIdentityCredential &credential,
                                                       const QString &s)
{
    const QFuture<Result<AccessToken>> f = credential.getToken(scope(s));
    if (!QTest::qWaitFor([&] { return f.isFinished(); }, 5000))
        return AzureError::make(AzureError::Kind::Cancelled, u"timed out"_s);
    return f.result();
}

void TestManagedIdentityCredential::requests_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<bool>("appService");
    QTest::addColumn<int>("idKind");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("url"); ///< without the query
    QTest::addColumn<QString>("apiVersion");
    QTest::addColumn<QString>("selector"); ///< "name=value", or empty
    const int system = int(ManagedIdentityOptions::IdKind::SystemAssigned);
    const int client = int(ManagedIdentityOptions::IdKind::ClientId);
    const int object = int(ManagedIdentityOptions::IdKind::ObjectId);
    const int resource = int(ManagedIdentityOptions::IdKind::ResourceId);
    const QString rid =
        u"/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/web-app"_s;
    QTest::newRow("IMDS, system assigned")
        << QString() << false << system << QString()
        << u"http://169.254.169.254/metadata/identity/oauth2/token"_s << u"2018-02-01"_s
        << QString();
    QTest::newRow("IMDS, client id") << QString() << false << client << u"c-1"_s
                                     << u"http://169.254.169.254/metadata/identity/oauth2/token"_s
                                     << u"2018-02-01"_s << u"client_id=c-1"_s;
    QTest::newRow("IMDS, object id") << QString() << false << object << u"o-1"_s
                                     << u"http://169.254.169.254/metadata/identity/oauth2/token"_s
                                     << u"2018-02-01"_s << u"object_id=o-1"_s;
    QTest::newRow("IMDS, resource id") << QString() << false << resource << rid
                                       << u"http://169.254.169.254/metadata/identity/oauth2/token"_s
                                       << u"2018-02-01"_s << QString(u"msi_res_id="_s + rid);
    QTest::newRow("sandbox endpoint") << u"http://127.0.0.1:50002/"_s << false << client << u"c-1"_s
                                      << u"http://127.0.0.1:50002/metadata/identity/oauth2/token"_s
                                      << u"2018-02-01"_s << u"client_id=c-1"_s;
    QTest::newRow("App Service, system assigned")
        << QString() << true << system << QString() << u"http://127.0.0.1:41741/msi/token"_s
        << u"2019-08-01"_s << QString();
    QTest::newRow("App Service, object id")
        << QString() << true << object << u"o-1"_s << u"http://127.0.0.1:41741/msi/token"_s
        << u"2019-08-01"_s << u"principal_id=o-1"_s;
    QTest::newRow("App Service, resource id")
        << QString() << true << resource << rid << u"http://127.0.0.1:41741/msi/token"_s
        << u"2019-08-01"_s << QString(u"mi_res_id="_s + rid);
    QTest::newRow("an explicit endpoint wins over App Service")
        << u"http://127.0.0.1:50002"_s << true << system << QString()
        << u"http://127.0.0.1:50002/metadata/identity/oauth2/token"_s << u"2018-02-01"_s
        << QString();
}

void TestManagedIdentityCredential::requests()
{
    QFETCH(QString, endpoint);
    QFETCH(bool, appService);
    QFETCH(int, idKind);
    QFETCH(QString, id);
    QFETCH(QString, url);
    QFETCH(QString, apiVersion);
    QFETCH(QString, selector);
    ManagedIdentityOptions o = options(QUrl(endpoint));
    o.idKind = ManagedIdentityOptions::IdKind(idKind);
    o.id = id;
    if (appService) {
        o.environment.insert(u"IDENTITY_ENDPOINT"_s, u"http://127.0.0.1:41741/msi/token"_s);
        o.environment.insert(u"IDENTITY_HEADER"_s, u"h-secret"_s);
    }
    ManagedIdentityCredential credential(o);
    const bool usesAppService = appService && endpoint.isEmpty();
    QCOMPARE(credential.usesAppService(), usesAppService);
    m_transport->answer(200, {}, R"({"access_token":"t","expires_on":"1768471200"})"_ba);
    QVERIFY(get(credential, u"https://vault.azure.net/.default"_s).ok());

    QCOMPARE(m_transport->requests().size(), 1);
    const HttpRequest &r = m_transport->requests().first();
    QCOMPARE(r.method, "GET"_ba);
    QCOMPARE(r.url.adjusted(QUrl::RemoveQuery).toString(), url);
    const QUrlQuery query(r.url);
    QCOMPARE(query.queryItemValue(u"api-version"_s), apiVersion);
    QCOMPARE(query.queryItemValue(u"resource"_s, QUrl::FullyDecoded), u"https://vault.azure.net"_s);
    QVERIFY(r.url.toEncoded().contains("resource=https%3A%2F%2Fvault.azure.net"));
    const QStringList selectors{u"client_id"_s, u"object_id"_s, u"msi_res_id"_s, u"principal_id"_s,
                                u"mi_res_id"_s};
    for (const QString &name : selectors) {
        const bool expected = selector.startsWith(name + u'=');
        QCOMPARE(query.hasQueryItem(name), expected);
        if (expected)
            QCOMPARE(name + u'=' + query.queryItemValue(name, QUrl::FullyDecoded), selector);
    }
    QCOMPARE(r.header("Metadata"), usesAppService ? QByteArray() : "true"_ba);
    QCOMPARE(r.header("X-IDENTITY-HEADER"), usesAppService ? "h-secret"_ba : QByteArray());
    QCOMPARE(r.context.service, Service::ManagedIdentity);
    QCOMPARE(r.context.operation, u"get token"_s);
    QVERIFY(r.context.bodyIsSecret);
}

void TestManagedIdentityCredential::readsTheAnswer()
{
    ManagedIdentityCredential credential(options(QUrl(u"http://127.0.0.1:50002"_s)));
    QCOMPARE(credential.name(), u"managed identity"_s);
    m_transport->answer(
        200, {{"Content-Type", "application/json"}},
        R"({"access_token":"a.b.c","client_id":"c","expires_in":"86399","expires_on":"1768471200","ext_expires_in":"86399","not_before":"1768384800","resource":"https://vault.azure.net","token_type":"Bearer"})"_ba);
    const Result<AccessToken> t = get(credential, u"https://vault.azure.net/.default"_s);
    QVERIFY2(t.ok(), qPrintable(t.error().message));
    QCOMPARE(t->token, "a.b.c"_ba);
    QCOMPARE(t->source, TokenSource::ManagedIdentity);
    QCOMPARE(t->expiresOn, QDateTime::fromSecsSinceEpoch(1768471200, Qt::UTC));
}

void TestManagedIdentityCredential::errors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("code");
    const int unauthenticated = int(AzureError::Kind::Unauthenticated);
    QTest::newRow("identity not found")
        << 400 << R"({"error":"invalid_request","error_description":"Identity not found"})"_ba
        << unauthenticated << u"invalid_request"_s;
    QTest::newRow("no metadata header")
        << 400
        << R"({"error":"bad_request_102","error_description":"Required metadata header not specified"})"_ba
        << unauthenticated << u"bad_request_102"_s;
    QTest::newRow("IMDS unavailable")
        << 500 << R"({"error":"unknown"})"_ba << int(AzureError::Kind::Server) << QString();
}

void TestManagedIdentityCredential::errors()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    QFETCH(QString, code);
    ManagedIdentityCredential credential(options(QUrl(u"http://127.0.0.1:50002"_s)));
    m_transport->answer(status, {{"Content-Type", "application/json"}}, body);
    const Result<AccessToken> t = get(credential, u"https://vault.azure.net/.default"_s);
    QVERIFY(!t.ok());
    QCOMPARE(int(t.error().kind), kind);
    QCOMPARE(t.error().status, status);
    if (!code.isEmpty())
        QCOMPARE(t.error().code, code);
}

void TestManagedIdentityCredential::noEndpointMeansNoManagedIdentity()
{
    ManagedIdentityCredential credential(options());
    m_transport->drop(QNetworkReply::ConnectionRefusedError);
    const Result<AccessToken> t = get(credential, u"https://vault.azure.net/.default"_s);
    QVERIFY(!t.ok());
    QCOMPARE(t.error().kind, AzureError::Kind::Unauthenticated);
    QVERIFY2(t.error().message.contains("169.254.169.254"_L1), qPrintable(t.error().message));
    QVERIFY(t.error().message.contains("managed identity"_L1));
}

void TestManagedIdentityCredential::oneScopeOnly()
{
    ManagedIdentityOptions o = options();
    ManagedIdentityCredential credential(o);
    TokenRequestContext two;
    two.scopes = {u"https://vault.azure.net/.default"_s, u"https://graph.microsoft.com/.default"_s};
    const QFuture<Result<AccessToken>> f = credential.getToken(two);
    QVERIFY(f.isFinished() && !f.result().ok());
    o.idKind = ManagedIdentityOptions::IdKind::ClientId; // without an id
    ManagedIdentityCredential noId(o);
    const QFuture<Result<AccessToken>> g = noId.getToken(scope(u"https://vault.azure.net"_s));
    QVERIFY(g.isFinished() && !g.result().ok());
    QVERIFY(m_transport->requests().isEmpty());
}

QTEST_GUILESS_MAIN(TestManagedIdentityCredential)
#include "tst_managedidentitycredential.moc"

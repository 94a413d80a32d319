// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeClock.h"
#include "SandboxFixture.h"
#include "crypto/Jwt.h"
#include "state/Seed.h"

#include <QJsonArray>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using namespace vl::sandbox::DemoIds;

namespace {

const QString GraphScope = u"https://graph.microsoft.com/.default"_s;
const QString Orla = u"0a1a0000-0000-4000-8000-000000000060"_s;
const QString Engineering = u"9e000000-0000-4000-8000-000000000061"_s;
const QString Gone = u"90e00000-0000-4000-8000-000000000062"_s;
const QString Unknown = u"00000000-0000-4000-8000-00000000abcd"_s;

QStringList idsOf(const QJsonArray &value)
{
    QStringList ids;
    for (const QJsonValue &v : value)
        ids.append(v.toObject().value("id"_L1).toString());
    return ids;
}

QStringList namesOf(const QJsonArray &value)
{
    QStringList names;
    for (const QJsonValue &v : value)
        names.append(v.toObject().value("displayName"_L1).toString());
    return names;
}

QJsonObject byId(const QJsonArray &value, const QString &id)
{
    for (const QJsonValue &v : value)
        if (v.toObject().value("id"_L1).toString() == id)
            return v.toObject();
    return {};
}

} // namespace

/// The sandbox's Microsoft Graph: name resolution and search, over real HTTPS.
class TestSandboxGraph : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tokensAreForGraph_data();
    void tokensAreForGraph();
    void me_data();
    void me();
    void meNeedsAUser_data();
    void meNeedsAUser();
    void getByIds_data();
    void getByIds();
    void getByIdsErrors_data();
    void getByIdsErrors();
    void startsWith_data();
    void startsWith();
    void unsupportedFilters_data();
    void unsupportedFilters();
    void top_data();
    void top();
    void search_data();
    void search();
    void oneObject_data();
    void oneObject();
    void transitiveMemberOf_data();
    void transitiveMemberOf();
    void guests();
    void unauthorized_data();
    void unauthorized();
    void expiredToken();
    void unknownSegment();

private:
    [[nodiscard]] SandboxFixture &s() { return *m_sandbox; }
    [[nodiscard]] QUrl graph(const QString &path, const QString &query = {}) const;
    [[nodiscard]] QByteArray token(const QString &who) const;
    [[nodiscard]] HttpReply getByIdsRequest(const QJsonObject &body, const QByteArray &bearer);

    std::unique_ptr<SandboxFixture> m_sandbox;
    QMap<QString, QByteArray> m_tokens;
};

void TestSandboxGraph::initTestCase()
{
    m_sandbox = std::make_unique<SandboxFixture>();
    QVERIFY2(m_sandbox->isRunning(), qPrintable(m_sandbox->startError()));

    // A few more directory objects, added before any token is checked: a name with a
    // quote, a group inside a group, and a deleted user.
    auto &principals = s().sandbox().state().directory.principals;
    sandbox::Principal orla;
    orla.kind = sandbox::PrincipalKind::User;
    orla.objectId = Orla;
    orla.tenantId = ContosoTenant;
    orla.userPrincipalName = u"orla@contoso.example"_s;
    orla.displayName = u"Orla O'Neil"_s;
    principals.append(orla);
    sandbox::Principal engineering;
    engineering.kind = sandbox::PrincipalKind::Group;
    engineering.objectId = Engineering;
    engineering.tenantId = ContosoTenant;
    engineering.displayName = u"All Engineering"_s;
    engineering.members = {Developers};
    principals.append(engineering);
    sandbox::Principal gone = orla;
    gone.objectId = Gone;
    gone.userPrincipalName = u"gone@contoso.example"_s;
    gone.displayName = u"Gone Gallagher"_s;
    gone.deleted = true;
    principals.append(gone);

    m_tokens.insert(u"app"_s, s().automationToken(GraphScope));
    m_tokens.insert(u"alice"_s, s().userToken(u"alice@contoso.example"_s, GraphScope));
    m_tokens.insert(u"dave"_s, s().userToken(u"dave@contoso.example"_s, GraphScope));
    // Carol signs in at home (Fabrikam), then gets a Contoso token as a guest.
    m_tokens.insert(u"carol at home"_s, s().userToken(u"carol@fabrikam.example"_s, GraphScope));
    const HttpReply guest = s().http().postForm(
        s().apiUrl(u"/"_s + ContosoTenant + u"/oauth2/v2.0/token"_s),
        {{u"grant_type"_s, u"refresh_token"_s},
         {u"client_id"_s, PublicClient},
         {u"refresh_token"_s, s().lastTokenAnswer().value("refresh_token"_L1).toString()},
         {u"scope"_s, GraphScope + u" openid profile offline_access"_s}});
    QCOMPARE(guest.status, 200);
    m_tokens.insert(u"carol in Contoso"_s,
                    guest.json().value("access_token"_L1).toString().toLatin1());
    const HttpReply mi = s().http().send(
        "GET",
        QUrl(
            s().config().value("imdsEndpoint"_L1).toString()
            + u"/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fgraph.microsoft.com&client_id="_s
            + WebAppClient),
        {}, {{"Metadata", "true"}});
    QCOMPARE(mi.status, 200);
    m_tokens.insert(u"managed identity"_s,
                    mi.json().value("access_token"_L1).toString().toLatin1());
    m_tokens.insert(u"vault"_s, s().automationToken());
    for (auto it = m_tokens.cbegin(); it != m_tokens.cend(); ++it)
        QVERIFY2(!it.value().isEmpty(), qPrintable(it.key()));
}

QUrl TestSandboxGraph::graph(const QString &path, const QString &query) const
{
    QUrl url = m_sandbox->apiUrl(path);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

QByteArray TestSandboxGraph::token(const QString &who) const
{
    return m_tokens.value(who);
}

HttpReply TestSandboxGraph::getByIdsRequest(const QJsonObject &body, const QByteArray &bearer)
{
    return s().http().sendJson("POST", graph(u"/v1.0/directoryObjects/getByIds"_s), body, bearer);
}

void TestSandboxGraph::tokensAreForGraph_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("oid");
    QTest::newRow("app") << u"app"_s << ContosoTenant << CiPipeline;
    QTest::newRow("user") << u"alice"_s << ContosoTenant << Alice;
    QTest::newRow("guest") << u"carol in Contoso"_s << ContosoTenant << Carol;
    QTest::newRow("guest at home") << u"carol at home"_s << FabrikamTenant << Carol;
    QTest::newRow("managed identity") << u"managed identity"_s << ContosoTenant << WebApp;
}

void TestSandboxGraph::tokensAreForGraph()
{
    QFETCH(QString, who);
    QFETCH(QString, tenant);
    QFETCH(QString, oid);
    const auto jwt = sandbox::Jwt::decode(token(who));
    QVERIFY(jwt);
    QCOMPARE(jwt->claims.value("aud"_L1).toString(), u"https://graph.microsoft.com"_s);
    QCOMPARE(jwt->claims.value("tid"_L1).toString(), tenant);
    QCOMPARE(jwt->claims.value("oid"_L1).toString(), oid);
}

void TestSandboxGraph::me_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("upn");
    QTest::addColumn<QString>("userType");
    QTest::newRow("member") << u"alice"_s << u"/v1.0/me"_s << Alice << u"alice@contoso.example"_s
                            << u"Member"_s;
    QTest::newRow("beta") << u"dave"_s << u"/beta/me"_s << Dave << u"dave@contoso.example"_s
                          << u"Member"_s;
    QTest::newRow("guest") << u"carol in Contoso"_s << u"/v1.0/me"_s << Carol
                           << u"carol_fabrikam.example#EXT#@contoso.example"_s << u"Guest"_s;
    QTest::newRow("guest at home") << u"carol at home"_s << u"/v1.0/me"_s << Carol
                                   << u"carol@fabrikam.example"_s << u"Member"_s;
}

void TestSandboxGraph::me()
{
    QFETCH(QString, who);
    QFETCH(QString, path);
    QFETCH(QString, id);
    QFETCH(QString, upn);
    QFETCH(QString, userType);
    const HttpReply r = s().http().get(graph(path), token(who));
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("Content-Type").startsWith("application/json"));
    const QJsonObject o = r.json();
    QCOMPARE(o.value("id"_L1).toString(), id);
    QCOMPARE(o.value("userPrincipalName"_L1).toString(), upn);
    QCOMPARE(o.value("userType"_L1).toString(), userType);
    QVERIFY(!o.value("displayName"_L1).toString().isEmpty());
    QCOMPARE(o.value("@odata.context"_L1).toString(), u"https://graph.microsoft.com/"_s
                                                          + path.section(u'/', 1, 1)
                                                          + u"/$metadata#users/$entity"_s);
}

void TestSandboxGraph::meNeedsAUser_data()
{
    QTest::addColumn<QString>("who");
    QTest::newRow("service principal") << u"app"_s;
    QTest::newRow("managed identity") << u"managed identity"_s;
}

void TestSandboxGraph::meNeedsAUser()
{
    QFETCH(QString, who);
    const HttpReply r = s().http().get(graph(u"/v1.0/me"_s), token(who));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"BadRequest"_s);
    QCOMPARE(r.errorMessage(), u"/me request is only valid with delegated authentication flow."_s);
}

void TestSandboxGraph::getByIds_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QJsonArray>("types"); ///< empty: no types member
    QTest::addColumn<QStringList>("expected");
    const QStringList mixed{Alice, Developers, Unknown, CiPipeline, WebApp, Carol, Gone};
    QTest::newRow("users, groups, service principals; unknown and deleted left out")
        << u"app"_s << mixed << QJsonArray{}
        << QStringList{Alice, Developers, CiPipeline, WebApp, Carol};
    QTest::newRow("a user's token") << u"dave"_s << mixed << QJsonArray{}
                                    << QStringList{Alice, Developers, CiPipeline, WebApp, Carol};
    QTest::newRow("types: user") << u"app"_s << mixed << QJsonArray{u"user"_s}
                                 << QStringList{Alice, Carol};
    QTest::newRow("types: group and servicePrincipal")
        << u"app"_s << mixed << QJsonArray{u"group"_s, u"servicePrincipal"_s}
        << QStringList{Developers, CiPipeline, WebApp};
    QTest::newRow("types are case-insensitive")
        << u"app"_s << mixed << QJsonArray{u"ServicePrincipal"_s}
        << QStringList{CiPipeline, WebApp};
    QTest::newRow("upper-case ids") << u"app"_s << QStringList{Alice.toUpper(), Erin}
                                    << QJsonArray{} << QStringList{Alice, Erin};
    QTest::newRow("no ids") << u"app"_s << QStringList{} << QJsonArray{} << QStringList{};
    // Fabrikam's directory holds Carol, not Contoso's objects.
    QTest::newRow("another tenant's token")
        << u"carol at home"_s << mixed << QJsonArray{} << QStringList{Carol};
}

void TestSandboxGraph::getByIds()
{
    QFETCH(QString, who);
    QFETCH(QStringList, ids);
    QFETCH(QJsonArray, types);
    QFETCH(QStringList, expected);
    QJsonObject body{{u"ids"_s, QJsonArray::fromStringList(ids)}};
    if (!types.isEmpty())
        body.insert("types"_L1, types);
    const HttpReply r = getByIdsRequest(body, token(who));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("@odata.context"_L1).toString(),
             u"https://graph.microsoft.com/v1.0/$metadata#directoryObjects"_s);
    const QJsonArray value = r.json().value("value"_L1).toArray();
    QCOMPARE(idsOf(value), expected);

    // Each object carries its type and what a name resolver shows.
    for (const QJsonValue &v : value) {
        const QJsonObject o = v.toObject();
        const QString id = o.value("id"_L1).toString();
        const QString type = o.value("@odata.type"_L1).toString();
        QVERIFY(!o.value("displayName"_L1).toString().isEmpty());
        if (id == Alice || id == Carol || id == Erin) {
            QCOMPARE(type, u"#microsoft.graph.user"_s);
            QVERIFY(!o.value("userPrincipalName"_L1).toString().isEmpty());
        } else if (id == Developers) {
            QCOMPARE(type, u"#microsoft.graph.group"_s);
            QCOMPARE(o.value("displayName"_L1).toString(), u"Developers"_s);
            QCOMPARE(o.value("securityEnabled"_L1).toBool(), true);
        } else if (id == CiPipeline) {
            QCOMPARE(type, u"#microsoft.graph.servicePrincipal"_s);
            QCOMPARE(o.value("appId"_L1).toString(), CiPipelineApp);
            QCOMPARE(o.value("servicePrincipalType"_L1).toString(), u"Application"_s);
        } else if (id == WebApp) {
            // A managed identity's object id resolves to a service principal.
            QCOMPARE(type, u"#microsoft.graph.servicePrincipal"_s);
            QCOMPARE(o.value("appId"_L1).toString(), WebAppClient);
            QCOMPARE(o.value("servicePrincipalType"_L1).toString(), u"ManagedIdentity"_s);
        } else {
            QFAIL(qPrintable(u"unexpected object "_s + id));
        }
    }
}

void TestSandboxGraph::getByIdsErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QStringList many;
    for (int i = 0; i < 1001; ++i)
        many.append(QUuid::createUuid().toString(QUuid::WithoutBraces));
    QTest::newRow("no ids") << QByteArray(R"({"types":["user"]})")
                            << u"The 'ids' property is required."_s;
    QTest::newRow("ids not an array")
        << QByteArray(R"({"ids":"a11ce000"})") << u"The 'ids' property is required."_s;
    QTest::newRow("more than 1000 ids")
        << QJsonDocument(QJsonObject{{u"ids"_s, QJsonArray::fromStringList(many)}})
               .toJson(QJsonDocument::Compact)
        << u"The number of ids is more than the allowed limit of 1000."_s;
}

void TestSandboxGraph::getByIdsErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    const HttpReply r = s().http().send(
        "POST", graph(u"/v1.0/directoryObjects/getByIds"_s), body,
        {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + token(u"app"_s)}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"Request_BadRequest"_s);
    QCOMPARE(r.errorMessage(), message);
}

void TestSandboxGraph::startsWith_data()
{
    QTest::addColumn<QString>("collection");
    QTest::addColumn<QString>("filter"); ///< as the client writes it, before encoding
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("users, a") << u"users"_s << u"startswith(displayName,'a')"_s
                              << QStringList{u"Alice Ahmed"_s};
    QTest::newRow("case-insensitive")
        << u"users"_s << u"startswith(displayName,'ALI')"_s << QStringList{u"Alice Ahmed"_s};
    QTest::newRow("spaces around the arguments")
        << u"users"_s << u"startswith( displayName , 'da' )"_s << QStringList{u"Dave Duarte"_s};
    QTest::newRow("a prefix with a space")
        << u"users"_s << u"startswith(displayName,'Erin E')"_s << QStringList{u"Erin Eriksen"_s};
    QTest::newRow("a quote, written twice")
        << u"users"_s << u"startswith(displayName,'Orla O''N')"_s << QStringList{u"Orla O'Neil"_s};
    QTest::newRow("the guest is in the tenant's directory")
        << u"users"_s << u"startswith(displayName,'carol')"_s << QStringList{u"Carol Chen"_s};
    QTest::newRow("by user principal name")
        << u"users"_s << u"startswith(userPrincipalName,'dave@')"_s
        << QStringList{u"Dave Duarte"_s};
    QTest::newRow("empty prefix: every user, the deleted one left out")
        << u"users"_s << u"startswith(displayName,'')"_s
        << QStringList{u"Alice Ahmed"_s, u"Dave Duarte"_s, u"Erin Eriksen"_s, u"Carol Chen"_s,
                       u"Orla O'Neil"_s};
    QTest::newRow("no filter: every user")
        << u"users"_s << QString()
        << QStringList{u"Alice Ahmed"_s, u"Dave Duarte"_s, u"Erin Eriksen"_s, u"Carol Chen"_s,
                       u"Orla O'Neil"_s};
    QTest::newRow("nothing matches")
        << u"users"_s << u"startswith(displayName,'zz')"_s << QStringList{};
    QTest::newRow("groups") << u"groups"_s << u"startswith(displayName,'dev')"_s
                            << QStringList{u"Developers"_s};
    QTest::newRow("groups, second word is no match")
        << u"groups"_s << u"startswith(displayName,'Auditors')"_s << QStringList{};
    QTest::newRow("service principals")
        << u"servicePrincipals"_s << u"startswith(displayName,'ci-')"_s
        << QStringList{u"ci-pipeline"_s};
    QTest::newRow("managed identities are service principals")
        << u"servicePrincipals"_s << u"startswith(displayName,'web')"_s
        << QStringList{u"web-app"_s};
    QTest::newRow("users are not service principals")
        << u"servicePrincipals"_s << u"startswith(displayName,'alice')"_s << QStringList{};
}

void TestSandboxGraph::startsWith()
{
    QFETCH(QString, collection);
    QFETCH(QString, filter);
    QFETCH(QStringList, expected);
    // Clients percent-encode the query, the $ of $filter included.
    const QString query =
        filter.isEmpty()
            ? QString()
            : QString(u"%24filter="_s + QString::fromLatin1(QUrl::toPercentEncoding(filter)));
    const HttpReply r = s().http().get(graph(u"/v1.0/"_s + collection, query), token(u"alice"_s));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("@odata.context"_L1).toString(),
             u"https://graph.microsoft.com/v1.0/$metadata#"_s + collection);
    QCOMPARE(namesOf(r.json().value("value"_L1).toArray()), expected);
}

void TestSandboxGraph::unsupportedFilters_data()
{
    QTest::addColumn<QString>("filter");
    QTest::newRow("endswith") << u"endswith(displayName,'e')"_s;
    QTest::newRow("contains") << u"contains(displayName,'li')"_s;
    QTest::newRow("another property") << u"startswith(jobTitle,'Dev')"_s;
    QTest::newRow("an unescaped quote") << u"startswith(displayName,'O'Neil')"_s;
    QTest::newRow("no closing parenthesis") << u"startswith(displayName,'a'"_s;
    QTest::newRow("two clauses") << u"startswith(displayName,'a') or startswith(displayName,'d')"_s;
    QTest::newRow("garbage") << u"give me everyone"_s;
}

void TestSandboxGraph::unsupportedFilters()
{
    QFETCH(QString, filter);
    const HttpReply r =
        s().http().get(graph(u"/v1.0/users"_s,
                             u"$filter="_s + QString::fromLatin1(QUrl::toPercentEncoding(filter))),
                       token(u"app"_s));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"Request_UnsupportedQuery"_s);
    QVERIFY(!r.json().contains("value"_L1));
}

void TestSandboxGraph::top_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("$top=1") << u"$top=1"_s << 200 << QStringList{u"Alice Ahmed"_s};
    QTest::newRow("$top=2 with a filter") << u"$filter=startswith(displayName,'')&$top=2"_s << 200
                                          << QStringList{u"Alice Ahmed"_s, u"Dave Duarte"_s};
    QTest::newRow("$top larger than the list")
        << u"$top=999"_s << 200
        << QStringList{u"Alice Ahmed"_s, u"Dave Duarte"_s, u"Erin Eriksen"_s, u"Carol Chen"_s,
                       u"Orla O'Neil"_s};
    QTest::newRow("$top=0") << u"$top=0"_s << 400 << QStringList{};
    QTest::newRow("$top=1000") << u"$top=1000"_s << 400 << QStringList{};
    QTest::newRow("$top not a number") << u"$top=ten"_s << 400 << QStringList{};
}

void TestSandboxGraph::top()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(QStringList, expected);
    const HttpReply r = s().http().get(graph(u"/v1.0/users"_s, query), token(u"app"_s));
    QCOMPARE(r.status, status);
    if (status == 200) {
        QCOMPARE(namesOf(r.json().value("value"_L1).toArray()), expected);
    } else {
        QCOMPARE(r.errorCode(), u"Request_BadRequest"_s);
        QVERIFY(r.errorMessage().startsWith(u"Invalid page size specified"_s));
    }
}

void TestSandboxGraph::search_data()
{
    QTest::addColumn<QString>("collection");
    QTest::addColumn<QString>("search");
    QTest::addColumn<bool>("consistencyLevel");
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("a word of the name") << u"users"_s << u"\"displayName:eriksen\""_s << true << 200
                                        << QStringList{u"Erin Eriksen"_s};
    QTest::newRow("a word's start") << u"groups"_s << u"\"displayName:aud\""_s << true << 200
                                    << QStringList{u"Security Auditors"_s};
    QTest::newRow("after a hyphen") << u"servicePrincipals"_s << u"\"displayName:pipe\""_s << true
                                    << 200 << QStringList{u"ci-pipeline"_s};
    QTest::newRow("two clauses joined by OR")
        << u"users"_s << u"\"displayName:dave\" OR \"mail:alice\""_s << true << 200
        << QStringList{u"Alice Ahmed"_s, u"Dave Duarte"_s};
    QTest::newRow("no match") << u"users"_s << u"\"displayName:zebra\""_s << true << 200
                              << QStringList{};
    QTest::newRow("without ConsistencyLevel")
        << u"users"_s << u"\"displayName:dave\""_s << false << 400 << QStringList{};
    QTest::newRow("not a property:text clause")
        << u"users"_s << u"dave"_s << true << 400 << QStringList{};
}

void TestSandboxGraph::search()
{
    QFETCH(QString, collection);
    QFETCH(QString, search);
    QFETCH(bool, consistencyLevel);
    QFETCH(int, status);
    QFETCH(QStringList, expected);
    const QUrl url = graph(u"/v1.0/"_s + collection,
                           u"$search="_s + QString::fromLatin1(QUrl::toPercentEncoding(search))
                               + u"&$count=true"_s);
    QList<QPair<QByteArray, QByteArray>> headers{{"Authorization", "Bearer " + token(u"app"_s)}};
    if (consistencyLevel)
        headers.append(qMakePair(QByteArray("ConsistencyLevel"), QByteArray("eventual")));
    const HttpReply r = s().http().send("GET", url, {}, headers);
    QCOMPARE(r.status, status);
    if (status != 200) {
        QCOMPARE(r.errorCode(), u"Request_UnsupportedQuery"_s);
        return;
    }
    QCOMPARE(namesOf(r.json().value("value"_L1).toArray()), expected);
    QCOMPARE(r.json().value("@odata.count"_L1).toInt(), expected.size());
}

void TestSandboxGraph::oneObject_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("context");
    QTest::newRow("user") << QString(u"/v1.0/users/"_s + Dave) << 200 << Dave << u"users/$entity"_s;
    QTest::newRow("user by UPN") << u"/v1.0/users/erin@contoso.example"_s << 200 << Erin
                                 << u"users/$entity"_s;
    QTest::newRow("guest by its #EXT# UPN")
        << u"/v1.0/users/carol_fabrikam.example%23EXT%23@contoso.example"_s << 200 << Carol
        << u"users/$entity"_s;
    QTest::newRow("group") << QString(u"/v1.0/groups/"_s + Auditors) << 200 << Auditors
                           << u"groups/$entity"_s;
    QTest::newRow("service principal") << QString(u"/v1.0/servicePrincipals/"_s + Reporting) << 200
                                       << Reporting << u"servicePrincipals/$entity"_s;
    QTest::newRow("managed identity") << QString(u"/v1.0/servicePrincipals/"_s + WebApp) << 200
                                      << WebApp << u"servicePrincipals/$entity"_s;
    QTest::newRow("a group is not a user")
        << QString(u"/v1.0/users/"_s + Developers) << 404 << QString() << QString();
    QTest::newRow("a user is not a service principal")
        << QString(u"/v1.0/servicePrincipals/"_s + Alice) << 404 << QString() << QString();
    QTest::newRow("unknown id") << QString(u"/v1.0/users/"_s + Unknown) << 404 << QString()
                                << QString();
    QTest::newRow("deleted user") << QString(u"/v1.0/users/"_s + Gone) << 404 << QString()
                                  << QString();
}

void TestSandboxGraph::oneObject()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, id);
    QFETCH(QString, context);
    const HttpReply r = s().http().get(QUrl(s().api() + path), token(u"alice"_s));
    QCOMPARE(r.status, status);
    if (status == 404) {
        QCOMPARE(r.errorCode(), u"Request_ResourceNotFound"_s);
        QVERIFY(r.errorMessage().startsWith(u"Resource '"_s));
        return;
    }
    QCOMPARE(r.json().value("id"_L1).toString(), id);
    QCOMPARE(r.json().value("@odata.context"_L1).toString(),
             u"https://graph.microsoft.com/v1.0/$metadata#"_s + context);
}

void TestSandboxGraph::transitiveMemberOf_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QStringList>("groups");
    // Developers is a member of All Engineering, so its members are too.
    QTest::newRow("dave") << Dave << QStringList{Developers, Engineering};
    QTest::newRow("the guest") << Carol << QStringList{Developers, Engineering};
    QTest::newRow("erin") << Erin << QStringList{Auditors};
    QTest::newRow("alice, in no group") << Alice << QStringList{};
    QTest::newRow("a group's own groups") << Developers << QStringList{Engineering};
}

void TestSandboxGraph::transitiveMemberOf()
{
    QFETCH(QString, id);
    QFETCH(QStringList, groups);
    const QString collection = id == Developers ? u"groups"_s : u"users"_s;
    const HttpReply r = s().http().get(
        graph(u"/v1.0/"_s + collection + u"/"_s + id + u"/transitiveMemberOf"_s), token(u"app"_s));
    QCOMPARE(r.status, 200);
    const QJsonArray value = r.json().value("value"_L1).toArray();
    QStringList found = idsOf(value);
    found.sort();
    groups.sort();
    QCOMPARE(found, groups);
    for (const QJsonValue &v : value)
        QCOMPARE(v.toObject().value("@odata.type"_L1).toString(), u"#microsoft.graph.group"_s);
}

void TestSandboxGraph::guests()
{
    // In Contoso, Carol is a guest: userType Guest and the #EXT# form of her UPN.
    HttpReply r = s().http().get(graph(u"/v1.0/users"_s), token(u"app"_s));
    QCOMPARE(r.status, 200);
    QJsonObject carol = byId(r.json().value("value"_L1).toArray(), Carol);
    QCOMPARE(carol.value("userType"_L1).toString(), u"Guest"_s);
    QCOMPARE(carol.value("userPrincipalName"_L1).toString(),
             u"carol_fabrikam.example#EXT#@contoso.example"_s);
    QCOMPARE(carol.value("mail"_L1).toString(), u"carol@fabrikam.example"_s);
    QCOMPARE(byId(r.json().value("value"_L1).toArray(), Alice).value("userType"_L1).toString(),
             u"Member"_s);
    // The same object in getByIds.
    r = getByIdsRequest(QJsonObject{{u"ids"_s, QJsonArray{Carol}}}, token(u"alice"_s));
    QCOMPARE(r.status, 200);
    carol = r.json().value("value"_L1).toArray().first().toObject();
    QCOMPARE(carol.value("userType"_L1).toString(), u"Guest"_s);
    QVERIFY(carol.value("userPrincipalName"_L1).toString().contains(u"#EXT#"_s));
    // In her home tenant's directory she is a member, and the only user.
    r = s().http().get(graph(u"/v1.0/users"_s), token(u"carol at home"_s));
    QCOMPARE(r.status, 200);
    const QJsonArray home = r.json().value("value"_L1).toArray();
    QCOMPARE(idsOf(home), QStringList{Carol});
    QCOMPARE(home.first().toObject().value("userType"_L1).toString(), u"Member"_s);
    QCOMPARE(home.first().toObject().value("userPrincipalName"_L1).toString(),
             u"carol@fabrikam.example"_s);
    // Contoso's groups and service principals are not in Fabrikam's directory.
    r = s().http().get(graph(u"/v1.0/groups"_s), token(u"carol at home"_s));
    QCOMPARE(r.status, 200);
    QVERIFY(r.json().value("value"_L1).toArray().isEmpty());
}

void TestSandboxGraph::unauthorized_data()
{
    QTest::addColumn<QByteArray>("bearer"); ///< empty: no Authorization header
    QTest::addColumn<QString>("message");
    const QByteArray good = token(u"alice"_s);
    QByteArray tampered = good;
    const qsizetype dot = tampered.indexOf('.');
    tampered[dot + 5] = tampered[dot + 5] == 'A' ? 'B' : 'A';
    QTest::newRow("no token") << QByteArray() << u"Access token is empty."_s;
    QTest::newRow("Key Vault token")
        << token(u"vault"_s) << u"Access token validation failure. Invalid audience."_s;
    QTest::newRow("Resource Manager token")
        << s().automationToken(u"https://management.azure.com/.default"_s)
        << u"Access token validation failure. Invalid audience."_s;
    QTest::newRow("tampered") << tampered
                              << u"Access token validation failure. Invalid signature."_s;
    QTest::newRow("not a JWT") << QByteArray("not-a-jwt")
                               << u"CompactToken parsing failed with error code: 80049217"_s;
}

void TestSandboxGraph::unauthorized()
{
    QFETCH(QByteArray, bearer);
    QFETCH(QString, message);
    for (const QString &path : {u"/v1.0/me"_s, u"/v1.0/users"_s}) {
        const HttpReply r = s().http().get(graph(path), bearer);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), u"InvalidAuthenticationToken"_s);
        QCOMPARE(r.errorMessage(), message);
        QVERIFY(!r.json().contains("value"_L1));
    }
    const HttpReply r = getByIdsRequest(QJsonObject{{u"ids"_s, QJsonArray{Alice}}}, bearer);
    QCOMPARE(r.status, 401);
}

void TestSandboxGraph::expiredToken()
{
    FakeClock clock(QDateTime::currentDateTimeUtc());
    SandboxFixture timed({}, clock);
    QVERIFY2(timed.isRunning(), qPrintable(timed.startError()));
    const QByteArray token = timed.automationToken(GraphScope);
    QCOMPARE(timed.http().get(timed.apiUrl(u"/v1.0/users"_s), token).status, 200);
    clock.advance(3599 + 4 * 60); // within the five minutes of clock skew
    QCOMPARE(timed.http().get(timed.apiUrl(u"/v1.0/users"_s), token).status, 200);
    clock.advance(2 * 60);
    const HttpReply r = timed.http().get(timed.apiUrl(u"/v1.0/users"_s), token);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), u"InvalidAuthenticationToken"_s);
    QCOMPARE(r.errorMessage(), u"Lifetime validation failed, the token is expired."_s);
}

void TestSandboxGraph::unknownSegment()
{
    const HttpReply r = s().http().get(graph(u"/v1.0/applications"_s), token(u"app"_s));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"BadRequest"_s);
    QCOMPARE(r.errorMessage(), u"Resource not found for the segment 'applications'."_s);
}

QTEST_GUILESS_MAIN(TestSandboxGraph)
#include "tst_sandboxgraph.moc"

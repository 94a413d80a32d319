// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/PrincipalSerializer.h"

#include "TestData.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl::graph;

namespace {

QString dump(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
}

QStringList fixtureFiles()
{
    const QDir dir(vl::test::testDataPath(u"graph"_s));
    return dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name);
}

QJsonObject fixture(const QString &file)
{
    return vl::test::readJsonObject(u"graph/"_s + file);
}

QJsonObject responseBody(const QString &file)
{
    return fixture(file).value("response"_L1).toObject().value("body"_L1).toObject();
}

/// The kind a request implies for untyped items: the entity set its path names
/// (`/me` is a user), as GraphClient passes it.
PrincipalKind impliedBy(const QString &requestUrl)
{
    const QString path = QUrl(requestUrl).path();
    if (path.endsWith("/me"_L1))
        return PrincipalKind::User;
    const QStringList segments = path.split(u'/', Qt::SkipEmptyParts);
    if (segments.size() == 2) // /v1.0/{set}
        return kindFromCollection(segments.at(1));
    return PrincipalKind::Unknown;
}

QList<PrincipalKind> kindsOf(const QList<Principal> &principals)
{
    QList<PrincipalKind> kinds;
    for (const Principal &p : principals)
        kinds.append(p.kind);
    return kinds;
}

} // namespace

Q_DECLARE_METATYPE(vl::graph::PrincipalKind)

/// PrincipalSerializer against the Graph payloads in tests/data/graph.
class TestGraphSerializer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTrip_data();
    void roundTrip();
    void fixtureKinds_data();
    void fixtureKinds();
    void getByIdsRequest();
    void getByIdsAnswer();
    void searchAnswers();
    void kindFromType_data();
    void kindFromType();
    void kindFromContext_data();
    void kindFromContext();
    void impliedKind_data();
    void impliedKind();
    void nullsStayInExtra();
    void nextLink_data();
    void nextLink();
    void count_data();
    void count();
    void malformedCollections_data();
    void malformedCollections();
    void requestRoundTrip_data();
    void requestRoundTrip();
    void writesCanonicalMembers();
    void helpers();
};

void TestGraphSerializer::initTestCase()
{
    QVERIFY2(fixtureFiles().size() >= 10,
             qPrintable(u"missing fixtures in "_s + vl::test::testDataPath(u"graph"_s)));
    // The Graph fixture of the shared set is among them.
    QVERIFY(fixtureFiles().contains(u"directoryObjects-getByIds.TRANSCRIBED.json"_s));
}

void TestGraphSerializer::roundTrip_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("implied");
    QTest::addColumn<bool>("collection");
    int rows = 0;
    for (const QString &file : fixtureFiles()) {
        const QJsonObject body = responseBody(file);
        QVERIFY2(!body.isEmpty(), qPrintable(file));
        const int implied =
            int(impliedBy(fixture(file).value("request"_L1).toObject().value("url"_L1).toString()));
        const bool collection = body.value("value"_L1).isArray();
        QTest::newRow(qPrintable(file)) << body << implied << collection;
        ++rows;
        // Each item of a collection alone, too.
        const QJsonArray value = body.value("value"_L1).toArray();
        for (qsizetype i = 0; i < value.size(); ++i) {
            QTest::newRow(qPrintable(u"%1/value[%2]"_s.arg(file).arg(i)))
                << value.at(i).toObject() << implied << false;
            ++rows;
        }
    }
    // 10 files; items: getByIds 2, users 2+1+2, groups 2+2, service principals 1,
    // memberships 1+1.
    QCOMPARE(rows, 24);
}

void TestGraphSerializer::roundTrip()
{
    QFETCH(QJsonObject, body);
    QFETCH(int, implied);
    QFETCH(bool, collection);
    const auto kind = PrincipalKind(implied);
    if (collection) {
        const PrincipalCollection once = PrincipalSerializer::collectionFromJson(body, kind);
        const QJsonObject written = PrincipalSerializer::toJson(once);
        QVERIFY2(written == body,
                 qPrintable(u"expected:\n"_s + dump(body) + u"\nactual:\n"_s + dump(written)));
        QCOMPARE(PrincipalSerializer::collectionFromJson(written, kind), once);
        QCOMPARE(once.value.size(), body.value("value"_L1).toArray().size());
        // Every item modelled: nothing Graph sent as a name landed in extra.
        for (const Principal &p : once.value) {
            QVERIFY(!p.extra.contains("displayName"_L1));
            QVERIFY(!p.extra.contains("@odata.type"_L1));
        }
    } else {
        const Principal once = PrincipalSerializer::principalFromJson(body, kind);
        const QJsonObject written = PrincipalSerializer::toJson(once);
        QVERIFY2(written == body,
                 qPrintable(u"expected:\n"_s + dump(body) + u"\nactual:\n"_s + dump(written)));
        QCOMPARE(PrincipalSerializer::principalFromJson(written, kind), once);
        QCOMPARE(once.displayName, body.value("displayName"_L1).toString());
        QCOMPARE(once.id, body.value("id"_L1).toString());
    }
}

void TestGraphSerializer::fixtureKinds_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QList<PrincipalKind>>("kinds");
    QTest::addColumn<QStringList>("labels");
    using K = PrincipalKind;
    QTest::newRow("getByIds") << u"directoryObjects-getByIds.TRANSCRIBED.json"_s
                              << QList<K>{K::User, K::User}
                              << QStringList{u"Trevor Jones"_s, u"Billy Smith"_s};
    QTest::newRow("users") << u"users-list.TRANSCRIBED.json"_s << QList<K>{K::User, K::User}
                           << QStringList{u"Conf Room Adams"_s, u"MOD Administrator"_s};
    QTest::newRow("users, startswith")
        << u"users-startswith-count.TRANSCRIBED.json"_s << QList<K>{K::User} << QStringList{u"a"_s};
    QTest::newRow("users, $search")
        << u"users-search-or.TRANSCRIBED.json"_s << QList<K>{K::User, K::User}
        << QStringList{u"Oscar Ward"_s, u"contosoAdmin1"_s};
    QTest::newRow("groups") << u"groups-list.TRANSCRIBED.json"_s << QList<K>{K::Group, K::Group}
                            << QStringList{u"Golf Assist"_s, u"Golf Discussion"_s};
    QTest::newRow("groups, $select")
        << u"groups-select-count.TRANSCRIBED.json"_s << QList<K>{K::Group, K::Group}
        << QStringList{u"Contoso Group 1"_s, u"Contoso Group 2"_s};
    QTest::newRow("service principals") << u"servicePrincipals-list.TRANSCRIBED.json"_s
                                        << QList<K>{K::ServicePrincipal} << QStringList{u"foo"_s};
    QTest::newRow("memberships") << u"user-transitiveMemberOf.TRANSCRIBED.json"_s
                                 << QList<K>{K::Group} << QStringList{u"All_Contoso_Licensing"_s};
    QTest::newRow("memberships, cast to groups")
        << u"user-transitiveMemberOf-search.TRANSCRIBED.json"_s << QList<K>{K::Group}
        << QStringList{u"Contoso-tier Query Notification"_s};
}

void TestGraphSerializer::fixtureKinds()
{
    QFETCH(QString, file);
    QFETCH(QList<PrincipalKind>, kinds);
    QFETCH(QStringList, labels);
    const QString url = fixture(file).value("request"_L1).toObject().value("url"_L1).toString();
    const PrincipalCollection c =
        PrincipalSerializer::collectionFromJson(responseBody(file), impliedBy(url));
    QCOMPARE(kindsOf(c.value), kinds);
    QStringList found;
    for (const Principal &p : c.value) {
        found.append(p.label());
        QVERIFY(p.isResolved());
    }
    QCOMPARE(found, labels);
}

void TestGraphSerializer::getByIdsRequest()
{
    const QJsonObject request =
        fixture(u"directoryObjects-getByIds.TRANSCRIBED.json"_s).value("request"_L1).toObject();
    QCOMPARE(request.value("url"_L1).toString(),
             u"https://graph.microsoft.com/v1.0/directoryObjects/getByIds"_s);
    const QJsonObject body = request.value("body"_L1).toObject();
    const GetByIdsRequest r = PrincipalSerializer::getByIdsRequestFromJson(body);
    QCOMPARE(r.ids, (QStringList{u"84b80893-8749-40a3-97b7-68513b600544"_s,
                                 u"5d6059b6-368d-45f8-91e1-8e07d485f1d0"_s}));
    QVERIFY(r.types);
    QCOMPARE(*r.types, QStringList{u"user"_s});
    QVERIFY(r.extra.isEmpty());
    QCOMPARE(PrincipalSerializer::toJson(r), body);
}

void TestGraphSerializer::getByIdsAnswer()
{
    const PrincipalCollection c = PrincipalSerializer::collectionFromJson(
        responseBody(u"directoryObjects-getByIds.TRANSCRIBED.json"_s));
    QCOMPARE(c.context, u"https://graph.microsoft.com/v1.0/$metadata#directoryObjects"_s);
    QVERIFY(!c.count);
    QVERIFY(c.nextLink.isEmpty());
    QVERIFY(!c.toPage().hasMore());
    QCOMPARE(c.value.size(), 2);
    const Principal &trevor = c.value.first();
    QCOMPARE(trevor.odataType, u"#microsoft.graph.user"_s);
    QCOMPARE(trevor.kind, PrincipalKind::User);
    QCOMPARE(trevor.id, u"84b80893-8749-40a3-97b7-68513b600544"_s);
    QCOMPARE(trevor.extra.value("accountEnabled"_L1), QJsonValue(true));
    QVERIFY(!trevor.isGuest());
}

void TestGraphSerializer::searchAnswers()
{
    // $filter with $count: the count is the total; the guest's UPN has the #EXT# form.
    PrincipalCollection c = PrincipalSerializer::collectionFromJson(
        responseBody(u"users-startswith-count.TRANSCRIBED.json"_s), PrincipalKind::User);
    QCOMPARE(c.count, std::optional<qint64>(1));
    QCOMPARE(c.value.first().userPrincipalName, u"a_contoso.com#EXT#@microsoft.onmicrosoft.com"_s);
    QVERIFY(c.value.first().id.isEmpty()); // the documentation leaves it out
    QCOMPARE(c.value.first().extra.value("mailNickname"_L1).toString(), u"a_contoso.com#EXT#"_s);

    // $search: the count (7) is more than the page holds.
    c = PrincipalSerializer::collectionFromJson(responseBody(u"users-search-or.TRANSCRIBED.json"_s),
                                                PrincipalKind::User);
    QCOMPARE(c.count, std::optional<qint64>(7));
    QCOMPARE(c.value.size(), 2);
    QCOMPARE(c.value.at(1).mail, u"'contosoadmin1@fabrikam.com"_s);

    // $select narrows the context, which still names the entity set.
    c = PrincipalSerializer::collectionFromJson(
        responseBody(u"groups-select-count.TRANSCRIBED.json"_s));
    QCOMPARE(c.context, u"https://graph.microsoft.com/v1.0/$metadata#groups(id,displayName)"_s);
    QCOMPARE(kindsOf(c.value), (QList<PrincipalKind>{PrincipalKind::Group, PrincipalKind::Group}));
}

void TestGraphSerializer::kindFromType_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("servicePrincipalType");
    QTest::addColumn<PrincipalKind>("kind");
    using K = PrincipalKind;
    QTest::newRow("user") << u"#microsoft.graph.user"_s << QString() << K::User;
    QTest::newRow("group") << u"#microsoft.graph.group"_s << QString() << K::Group;
    QTest::newRow("service principal")
        << u"#microsoft.graph.servicePrincipal"_s << u"Application"_s << K::ServicePrincipal;
    QTest::newRow("managed identity")
        << u"#microsoft.graph.servicePrincipal"_s << u"ManagedIdentity"_s << K::ManagedIdentity;
    QTest::newRow("legacy service principal")
        << u"#microsoft.graph.servicePrincipal"_s << u"Legacy"_s << K::ServicePrincipal;
    QTest::newRow("application") << u"#microsoft.graph.application"_s << QString()
                                 << K::Application;
    QTest::newRow("without #") << u"microsoft.graph.group"_s << QString() << K::Group;
    QTest::newRow("other case") << u"#Microsoft.Graph.User"_s << QString() << K::User;
    QTest::newRow("directory role")
        << u"#microsoft.graph.directoryRole"_s << QString() << K::Unknown;
    QTest::newRow("device") << u"#microsoft.graph.device"_s << QString() << K::Unknown;
    QTest::newRow("another namespace") << u"#other.user"_s << QString() << K::Unknown;
    QTest::newRow("empty") << QString() << QString() << K::Unknown;
    // servicePrincipalType refines only a service principal.
    QTest::newRow("a user is no managed identity")
        << u"#microsoft.graph.user"_s << u"ManagedIdentity"_s << K::User;
}

void TestGraphSerializer::kindFromType()
{
    QFETCH(QString, type);
    QFETCH(QString, servicePrincipalType);
    QFETCH(PrincipalKind, kind);
    QCOMPARE(kindFromOdataType(type, servicePrincipalType), kind);
    QJsonObject o{{u"id"_s, u"9e000000-0000-4000-8000-000000000001"_s}};
    if (!type.isEmpty())
        o.insert("@odata.type"_L1, type);
    if (!servicePrincipalType.isEmpty())
        o.insert("servicePrincipalType"_L1, servicePrincipalType);
    // The type wins over what the caller implied.
    QCOMPARE(PrincipalSerializer::principalFromJson(o, type.isEmpty() ? PrincipalKind::Unknown
                                                                      : PrincipalKind::Group)
                 .kind,
             kind);
}

void TestGraphSerializer::kindFromContext_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<PrincipalKind>("kind");
    using K = PrincipalKind;
    const QString m = u"https://graph.microsoft.com/v1.0/$metadata#"_s;
    QTest::newRow("users") << QString(m + u"users"_s) << K::User;
    QTest::newRow("one user") << QString(m + u"users/$entity"_s) << K::User;
    QTest::newRow("selected") << QString(m + u"users(displayName,id)/$entity"_s) << K::User;
    QTest::newRow("groups") << QString(m + u"groups(id,displayName)"_s) << K::Group;
    QTest::newRow("service principals")
        << QString(m + u"servicePrincipals"_s) << K::ServicePrincipal;
    QTest::newRow("applications") << QString(m + u"applications"_s) << K::Application;
    QTest::newRow("directory objects") << QString(m + u"directoryObjects"_s) << K::Unknown;
    QTest::newRow("beta") << u"https://graph.microsoft.com/beta/$metadata#groups"_s << K::Group;
    QTest::newRow("no fragment") << u"https://graph.microsoft.com/v1.0/$metadata"_s << K::Unknown;
    QTest::newRow("empty") << QString() << K::Unknown;
}

void TestGraphSerializer::kindFromContext()
{
    QFETCH(QString, context);
    QFETCH(PrincipalKind, kind);
    QCOMPARE(vl::graph::kindFromContext(context), kind);
    // An entity's own context implies its kind; a collection's implies its items'.
    const QJsonObject entity{{u"@odata.context"_s, context}, {u"displayName"_s, u"x"_s}};
    QCOMPARE(PrincipalSerializer::principalFromJson(entity).kind, kind);
    const QJsonObject list{{u"@odata.context"_s, context},
                           {u"value"_s, QJsonArray{QJsonObject{{u"displayName"_s, u"x"_s}}}}};
    QCOMPARE(PrincipalSerializer::collectionFromJson(list).value.first().kind, kind);
}

void TestGraphSerializer::impliedKind_data()
{
    QTest::addColumn<PrincipalKind>("implied");
    QTest::addColumn<QString>("servicePrincipalType");
    QTest::addColumn<PrincipalKind>("kind");
    using K = PrincipalKind;
    QTest::newRow("users") << K::User << QString() << K::User;
    QTest::newRow("service principals") << K::ServicePrincipal << QString() << K::ServicePrincipal;
    QTest::newRow("a managed identity among them")
        << K::ServicePrincipal << u"ManagedIdentity"_s << K::ManagedIdentity;
    QTest::newRow("managed identities listed, an application found")
        << K::ManagedIdentity << u"Application"_s << K::ServicePrincipal;
    QTest::newRow("nothing implied") << K::Unknown << QString() << K::Unknown;
}

void TestGraphSerializer::impliedKind()
{
    QFETCH(PrincipalKind, implied);
    QFETCH(QString, servicePrincipalType);
    QFETCH(PrincipalKind, kind);
    QJsonObject o{{u"id"_s, u"9e000000-0000-4000-8000-000000000002"_s}, {u"displayName"_s, u"x"_s}};
    if (!servicePrincipalType.isEmpty())
        o.insert("servicePrincipalType"_L1, servicePrincipalType);
    const Principal p = PrincipalSerializer::principalFromJson(o, implied);
    QCOMPARE(p.kind, kind);
    QVERIFY(p.odataType.isEmpty());
    QCOMPARE(p.isResolved(), kind != PrincipalKind::Unknown);
    // No type is invented on the way back.
    QCOMPARE(PrincipalSerializer::toJson(p), o);
}

void TestGraphSerializer::nullsStayInExtra()
{
    const QJsonObject o{{u"id"_s, u"4562bcc8-c436-4f95-b7c0-4f8ce89dca5e"_s},
                        {u"displayName"_s, u""_s},
                        {u"mail"_s, QJsonValue::Null},
                        {u"userType"_s, 5},
                        {u"appId"_s, QJsonArray{u"a"_s}}};
    const Principal p = PrincipalSerializer::principalFromJson(o, PrincipalKind::User);
    QVERIFY(p.displayName.isEmpty());
    QVERIFY(p.mail.isEmpty());
    QVERIFY(p.userType.isEmpty());
    QVERIFY(p.appId.isEmpty());
    QCOMPARE(p.extra.size(), 4);
    QVERIFY(p.extra.value("mail"_L1).isNull());
    QCOMPARE(PrincipalSerializer::toJson(p), o);
    QCOMPARE(p.label(), p.id);
}

void TestGraphSerializer::nextLink_data()
{
    QTest::addColumn<QString>("link");
    QTest::addColumn<QString>("encoded"); ///< what the request line would carry
    QTest::newRow("skiptoken")
        << u"https://graph.microsoft.com/v1.0/users?$top=5&$skiptoken=X%274453707D6633B9%27"_s
        << u"https://graph.microsoft.com/v1.0/users?$top=5&$skiptoken=X%274453707D6633B9%27"_s;
    QTest::newRow("search kept in the link")
        << u"https://graph.microsoft.com/v1.0/users?$search=%22displayName:wa%22&$count=true&$skiptoken=RFNwdAI"_s
        << u"https://graph.microsoft.com/v1.0/users?$search=%22displayName:wa%22&$count=true&$skiptoken=RFNwdAI"_s;
    QTest::newRow("sandbox origin")
        << u"https://127.0.0.1:8443/v1.0/groups?$top=1&$skiptoken=abc"_s
        << u"https://127.0.0.1:8443/v1.0/groups?$top=1&$skiptoken=abc"_s;
}

void TestGraphSerializer::nextLink()
{
    QFETCH(QString, link);
    QFETCH(QString, encoded);
    const QJsonObject body{
        {u"@odata.context"_s, u"https://graph.microsoft.com/v1.0/$metadata#users"_s},
        {u"@odata.nextLink"_s, link},
        {u"value"_s, QJsonArray{QJsonObject{{u"id"_s, u"6ea91a8d-e32e-41a1-b7bd-d2d185eed0e0"_s},
                                            {u"displayName"_s, u"Conf Room Adams"_s}}}}};
    const PrincipalCollection c = PrincipalSerializer::collectionFromJson(body);
    QCOMPARE(c.nextLink, link);
    QCOMPARE(PrincipalSerializer::toJson(c), body);
    const vl::Page<Principal> page = c.toPage();
    QVERIFY(page.hasMore());
    QCOMPARE(QString::fromLatin1(page.nextLink.toEncoded()), encoded);
    QCOMPARE(page.items.size(), 1);
    QCOMPARE(page.items.first().kind, PrincipalKind::User);
}

void TestGraphSerializer::count_data()
{
    QTest::addColumn<QJsonValue>("count");
    QTest::addColumn<bool>("modelled");
    QTest::newRow("integer") << QJsonValue(893) << true;
    QTest::newRow("zero") << QJsonValue(0) << true;
    QTest::newRow("large") << QJsonValue(qint64(1) << 40) << true;
    QTest::newRow("fraction") << QJsonValue(1.5) << false;
    QTest::newRow("string") << QJsonValue(u"7"_s) << false;
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << false;
}

void TestGraphSerializer::count()
{
    QFETCH(QJsonValue, count);
    QFETCH(bool, modelled);
    const QJsonObject body{{u"@odata.count"_s, count}, {u"value"_s, QJsonArray{}}};
    const PrincipalCollection c = PrincipalSerializer::collectionFromJson(body);
    QCOMPARE(c.count.has_value(), modelled);
    if (modelled)
        QCOMPARE(double(*c.count), count.toDouble());
    QCOMPARE(c.extra.contains("@odata.count"_L1), !modelled);
    QCOMPARE(PrincipalSerializer::toJson(c), body);
}

void TestGraphSerializer::malformedCollections_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<bool>("valueInExtra");
    QTest::newRow("value not an array") << QJsonObject{{u"value"_s, 5}} << true;
    QTest::newRow("value with a string") << QJsonObject{{u"value"_s, QJsonArray{u"x"_s}}} << true;
    QTest::newRow("value with null")
        << QJsonObject{{u"value"_s, QJsonArray{QJsonObject{}, QJsonValue::Null}}} << true;
    QTest::newRow("empty value") << QJsonObject{{u"value"_s, QJsonArray{}}} << false;
    QTest::newRow("nextLink not a string")
        << QJsonObject{{u"@odata.nextLink"_s, 1}, {u"value"_s, QJsonArray{}}} << false;
}

void TestGraphSerializer::malformedCollections()
{
    QFETCH(QJsonObject, body);
    QFETCH(bool, valueInExtra);
    const PrincipalCollection c = PrincipalSerializer::collectionFromJson(body);
    QVERIFY(c.value.isEmpty());
    QCOMPARE(c.extra.contains("value"_L1), valueInExtra);
    QVERIFY(c.nextLink.isEmpty());
    QVERIFY(!c.toPage().hasMore());
    QCOMPARE(PrincipalSerializer::toJson(c), body);
}

void TestGraphSerializer::requestRoundTrip_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<bool>("hasTypes");
    QTest::newRow("ids only") << QJsonObject{{u"ids"_s, QJsonArray{u"a"_s, u"b"_s}}}
                              << QStringList{u"a"_s, u"b"_s} << false;
    QTest::newRow("empty types") << QJsonObject{{u"ids"_s, QJsonArray{u"a"_s}},
                                                {u"types"_s, QJsonArray{}}}
                                 << QStringList{u"a"_s} << true;
    QTest::newRow("ids with a number")
        << QJsonObject{{u"ids"_s, QJsonArray{u"a"_s, 1}}} << QStringList{} << false;
    QTest::newRow("unknown member")
        << QJsonObject{{u"ids"_s, QJsonArray{}}, {u"select"_s, u"id"_s}} << QStringList{} << false;
}

void TestGraphSerializer::requestRoundTrip()
{
    QFETCH(QJsonObject, body);
    QFETCH(QStringList, ids);
    QFETCH(bool, hasTypes);
    const GetByIdsRequest r = PrincipalSerializer::getByIdsRequestFromJson(body);
    QCOMPARE(r.ids, ids);
    QCOMPARE(r.types.has_value(), hasTypes);
    QCOMPARE(PrincipalSerializer::toJson(r), body);
    QCOMPARE(PrincipalSerializer::getByIdsRequestFromJson(PrincipalSerializer::toJson(r)), r);
}

void TestGraphSerializer::writesCanonicalMembers()
{
    Principal p;
    p.id = u"0a1a0000-0000-4000-8000-000000000001"_s;
    p.odataType = odataTypeOf(PrincipalKind::ManagedIdentity);
    p.displayName = u"web-app"_s;
    p.appId = u"0a1a0000-0000-4000-8000-000000000002"_s;
    p.servicePrincipalType = u"ManagedIdentity"_s;
    const QJsonObject o = PrincipalSerializer::toJson(p);
    QCOMPARE(o, (QJsonObject{{u"@odata.type"_s, u"#microsoft.graph.servicePrincipal"_s},
                             {u"id"_s, p.id},
                             {u"displayName"_s, u"web-app"_s},
                             {u"appId"_s, p.appId},
                             {u"servicePrincipalType"_s, u"ManagedIdentity"_s}}));
    p.kind = PrincipalKind::ManagedIdentity;
    QCOMPARE(PrincipalSerializer::principalFromJson(o), p);
    // A member modelled above wins over the same member in extra.
    p.extra.insert("displayName"_L1, u"stale"_s);
    QCOMPARE(PrincipalSerializer::toJson(p).value("displayName"_L1).toString(), u"web-app"_s);
}

void TestGraphSerializer::helpers()
{
    using K = PrincipalKind;
    QCOMPARE(getByIdsTypeOf(K::ManagedIdentity), u"servicePrincipal"_s);
    QCOMPARE(collectionOf(K::ServicePrincipal), u"servicePrincipals"_s);
    QCOMPARE(collectionOf(K::Unknown), QString());
    QCOMPARE(odataTypeOf(K::Group), u"#microsoft.graph.group"_s);
    QCOMPARE(armPrincipalTypeOf(K::ManagedIdentity), u"ServicePrincipal"_s);
    QCOMPARE(armPrincipalTypeOf(K::User), u"User"_s);
    QCOMPARE(armPrincipalTypeOf(K::Application), QString());
    QCOMPARE(kindFromCollection(u"groups"_s), K::Group);
    QCOMPARE(kindFromCollection(u"directoryObjects"_s), K::Unknown);
    for (K kind :
         {K::Unknown, K::User, K::Group, K::ServicePrincipal, K::ManagedIdentity, K::Application})
        QVERIFY(!kindName(kind).isEmpty());

    const Principal gone = Principal::unresolved(u"00000000-0000-4000-8000-00000000abcd"_s);
    QVERIFY(!gone.isResolved());
    QCOMPARE(gone.label(), gone.id);
    Principal guest;
    guest.kind = K::User;
    guest.userType = u"Guest"_s;
    guest.userPrincipalName = u"carol_fabrikam.example#EXT#@contoso.example"_s;
    QVERIFY(guest.isGuest());
    QCOMPARE(guest.label(), guest.userPrincipalName);
    guest.kind = K::Group;
    QVERIFY(!guest.isGuest());
}

QTEST_GUILESS_MAIN(TestGraphSerializer)
#include "tst_graphserializer.moc"

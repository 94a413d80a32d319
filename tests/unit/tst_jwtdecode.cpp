// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/Base64Url.h"
#include "auth/Jwt.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;

namespace {

QByteArray part(const QJsonObject &o)
{
    return base64UrlEncode(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QByteArray token(const QJsonObject &payload,
                 const QJsonObject &header = {{u"typ"_s, u"JWT"_s}, {u"alg"_s, u"RS256"_s}})
{
    return part(header) + '.' + part(payload) + '.' + base64UrlEncode("not checked"_ba);
}

QDateTime utc(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
}

} // namespace

/// Decoding Entra ID access tokens without verifying them.
class TestJwtDecode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appToken();
    void userToken();
    void v2NamesAreFolded();
    void managedIdentityToken();
    void audienceArray();
    void datesAsStringsAndFractions_data();
    void datesAsStringsAndFractions();
    void headerIsKept();
    void malformed_data();
    void malformed();
    void isAppOnly_data();
    void isAppOnly();
};

void TestJwtDecode::appToken()
{
    const QJsonObject payload{
        {u"aud"_s, u"https://vault.azure.net"_s},
        {u"iss"_s, u"https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/"_s},
        {u"iat"_s, 1700000000},
        {u"nbf"_s, 1700000000},
        {u"exp"_s, 1700003600},
        {u"appid"_s, u"d5b1f7f0-1111-4c3a-9d7e-2b1c2f0e9a01"_s},
        {u"appidacr"_s, u"1"_s},
        {u"idtyp"_s, u"app"_s},
        {u"oid"_s, u"0a1b2c3d-0000-4000-8000-000000000001"_s},
        {u"roles"_s, QJsonArray{u"Secrets.Read"_s}},
        {u"tid"_s, u"72f988bf-86f1-41af-91ab-2d7cd011db47"_s},
        {u"ver"_s, u"1.0"_s}};
    const Result<TokenClaims> c = Jwt::claims(token(payload));
    QVERIFY2(c.ok(), qPrintable(c.error().message));
    QCOMPARE(c->audience, u"https://vault.azure.net"_s);
    QCOMPARE(c->audiences, QStringList{u"https://vault.azure.net"_s});
    QCOMPARE(c->issuer, u"https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/"_s);
    QCOMPARE(c->tenantId, u"72f988bf-86f1-41af-91ab-2d7cd011db47"_s);
    QCOMPARE(c->objectId, u"0a1b2c3d-0000-4000-8000-000000000001"_s);
    QCOMPARE(c->appId, u"d5b1f7f0-1111-4c3a-9d7e-2b1c2f0e9a01"_s);
    QCOMPARE(c->roles, QStringList{u"Secrets.Read"_s});
    QVERIFY(c->scopes.isEmpty());
    QCOMPARE(c->idType, u"app"_s);
    QCOMPARE(c->version, u"1.0"_s);
    QCOMPARE(c->issuedAt, utc(1700000000));
    QCOMPARE(c->notBefore, utc(1700000000));
    QCOMPARE(c->expiresOn, utc(1700003600));
    QCOMPARE(c->expiresOn.timeSpec(), Qt::UTC);
    QCOMPARE(c->raw, payload);
    QVERIFY(c->isAppOnly());
}

void TestJwtDecode::userToken()
{
    const QJsonObject payload{{u"aud"_s, u"https://management.core.windows.net/"_s},
                              {u"upn"_s, u"alice@contoso.example"_s},
                              {u"unique_name"_s, u"live.com#alice@example.org"_s},
                              {u"name"_s, u"Alice Example"_s},
                              {u"scp"_s, u"user_impersonation  Other.Scope"_s},
                              {u"exp"_s, 1700003600}};
    const Result<TokenClaims> c = Jwt::claims(token(payload));
    QVERIFY(c.ok());
    QCOMPARE(c->userName, u"alice@contoso.example"_s); // upn wins over unique_name
    QCOMPARE(c->name, u"Alice Example"_s);
    QCOMPARE(c->scopes, (QStringList{u"user_impersonation"_s, u"Other.Scope"_s}));
    QVERIFY(!c->isAppOnly());
    QVERIFY(!c->notBefore.isValid());
}

void TestJwtDecode::v2NamesAreFolded()
{
    const Result<TokenClaims> c =
        Jwt::claims(token({{u"azp"_s, u"client"_s},
                           {u"preferred_username"_s, u"bob@contoso.example"_s},
                           {u"ver"_s, u"2.0"_s}}));
    QVERIFY(c.ok());
    QCOMPARE(c->appId, u"client"_s);
    QCOMPARE(c->userName, u"bob@contoso.example"_s);
    const Result<TokenClaims> legacy = Jwt::claims(token({{u"unique_name"_s, u"carol"_s}}));
    QVERIFY(legacy.ok());
    QCOMPARE(legacy->userName, u"carol"_s);
}

void TestJwtDecode::managedIdentityToken()
{
    const QString mirid =
        u"/subscriptions/s/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/web-app"_s;
    const Result<TokenClaims> c = Jwt::claims(token({{u"xms_mirid"_s, mirid}}));
    QVERIFY(c.ok());
    QCOMPARE(c->managedIdentityResourceId, mirid);
}

void TestJwtDecode::audienceArray()
{
    const Result<TokenClaims> c =
        Jwt::claims(token({{u"aud"_s, QJsonArray{u"https://a"_s, 7, u"https://b"_s, u""_s}}}));
    QVERIFY(c.ok());
    QCOMPARE(c->audience, u"https://a"_s);
    QCOMPARE(c->audiences, (QStringList{u"https://a"_s, u"https://b"_s}));
}

void TestJwtDecode::datesAsStringsAndFractions_data()
{
    QTest::addColumn<QJsonValue>("exp");
    QTest::addColumn<QDateTime>("expected");
    QTest::newRow("integer") << QJsonValue(1700000000) << utc(1700000000);
    QTest::newRow("fraction") << QJsonValue(1700000000.75) << utc(1700000000);
    QTest::newRow("numeric string") << QJsonValue(u"1700000000"_s) << utc(1700000000);
    QTest::newRow("text") << QJsonValue(u"tomorrow"_s) << QDateTime();
    QTest::newRow("negative") << QJsonValue(-5) << QDateTime();
    QTest::newRow("too large") << QJsonValue(1e300) << QDateTime();
    QTest::newRow("bool") << QJsonValue(true) << QDateTime();
}

void TestJwtDecode::datesAsStringsAndFractions()
{
    QFETCH(QJsonValue, exp);
    QFETCH(QDateTime, expected);
    const Result<TokenClaims> c = Jwt::claims(token({{u"exp"_s, exp}}));
    QVERIFY(c.ok());
    QCOMPARE(c->expiresOn, expected);
}

void TestJwtDecode::headerIsKept()
{
    const QJsonObject header{{u"typ"_s, u"JWT"_s},
                             {u"alg"_s, u"RS256"_s},
                             {u"kid"_s, u"key-1"_s},
                             {u"x5t"_s, u"key-1"_s}};
    const Result<DecodedJwt> d = Jwt::decode(token({{u"tid"_s, u"t"_s}}, header));
    QVERIFY(d.ok());
    QCOMPARE(d->header, header);
    QCOMPARE(d->claims.tenantId, u"t"_s);
}

void TestJwtDecode::malformed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("messagePart");
    const QByteArray header = part({{u"alg"_s, u"RS256"_s}});
    const QByteArray payload = part({{u"tid"_s, u"t"_s}});
    QTest::newRow("empty") << QByteArray() << u"empty"_s;
    QTest::newRow("spaces") << "   "_ba << u"empty"_s;
    QTest::newRow("one part") << "abc"_ba << u"fewer than three"_s;
    QTest::newRow("two parts") << QByteArray(header + '.' + payload) << u"fewer than three"_s;
    QTest::newRow("encrypted (five parts)") << "a.b.c.d.e"_ba << u"more than three"_s;
    QTest::newRow("empty header") << QByteArray('.' + payload + ".sig") << u"header is empty"_s;
    QTest::newRow("header not base64url")
        << QByteArray("ab*d." + payload + ".sig") << u"header is not base64url"_s;
    QTest::newRow("payload with standard base64 characters")
        << QByteArray(header + ".a+b/.sig") << u"payload is not base64url"_s;
    QTest::newRow("payload not JSON")
        << QByteArray(header + '.' + base64UrlEncode("hello") + ".sig")
        << u"payload is not a JSON object"_s;
    QTest::newRow("payload a JSON array")
        << QByteArray(header + '.' + base64UrlEncode("[1,2]") + ".sig")
        << u"payload is not a JSON object"_s;
    QTest::newRow("signature not base64url")
        << QByteArray(header + '.' + payload + ".s!g") << u"signature"_s;
    QTest::newRow("impossible base64 length")
        << QByteArray(header + ".abcde.sig") << u"payload is not base64url"_s;
}

void TestJwtDecode::malformed()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, messagePart);
    const Result<DecodedJwt> d = Jwt::decode(input);
    QVERIFY(!d.ok());
    QCOMPARE(d.error().kind, AzureError::Kind::Malformed);
    QVERIFY2(d.error().message.contains(messagePart), qPrintable(d.error().message));
}

void TestJwtDecode::isAppOnly_data()
{
    QTest::addColumn<QJsonObject>("payload");
    QTest::addColumn<bool>("appOnly");
    QTest::newRow("idtyp app") << QJsonObject{{u"idtyp"_s, u"app"_s}} << true;
    QTest::newRow("idtyp user") << QJsonObject{{u"idtyp"_s, u"user"_s}} << false;
    QTest::newRow("roles only") << QJsonObject{{u"roles"_s, QJsonArray{u"r"_s}}} << true;
    QTest::newRow("scp") << QJsonObject{{u"scp"_s, u"user_impersonation"_s}} << false;
    QTest::newRow("upn") << QJsonObject{{u"upn"_s, u"a@b"_s}} << false;
}

void TestJwtDecode::isAppOnly()
{
    QFETCH(QJsonObject, payload);
    QFETCH(bool, appOnly);
    const Result<TokenClaims> c = Jwt::claims(token(payload));
    QVERIFY(c.ok());
    QCOMPARE(c->isAppOnly(), appOnly);
}

QTEST_GUILESS_MAIN(TestJwtDecode)
#include "tst_jwtdecode.moc"

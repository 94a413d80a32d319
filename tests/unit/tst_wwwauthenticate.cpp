// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/WwwAuthenticate.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;

namespace {

/// "Scheme[token68]{name=value|name=value}; Next{...}": one line per parse, easy to compare.
QString describe(const QList<AuthChallenge> &challenges)
{
    QStringList out;
    for (const AuthChallenge &c : challenges) {
        QString s = c.scheme;
        if (!c.token68.isEmpty())
            s += u'[' + c.token68 + u']';
        QStringList params;
        for (const auto &[name, value] : c.parameters)
            params.append(name + u'=' + value);
        if (!params.isEmpty())
            s += u'{' + params.join(u'|') + u'}';
        out.append(s);
    }
    return out.join("; "_L1);
}

} // namespace

/// The RFC 7235 challenge-list parser, lenient as servers require.
class TestWwwAuthenticate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void severalHeaderLines();
    void parameterLookupIgnoresCase();
    void findPicksTheScheme();
    void garbageNeverCrashes_data();
    void garbageNeverCrashes();
    void randomBytesNeverCrash();
};

void TestWwwAuthenticate::parse_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("expected");

    QTest::newRow("key vault (wire format)")
        << R"(Bearer authorization="https://login.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47", resource="https://vault.azure.net")"_ba
        << u"Bearer{authorization=https://login.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47|resource=https://vault.azure.net}"_s;
    QTest::newRow("comma without a space")
        << R"(Bearer authorization="https://a/t",resource="https://vault.azure.net")"_ba
        << u"Bearer{authorization=https://a/t|resource=https://vault.azure.net}"_s;
    QTest::newRow("spaces only between parameters")
        << R"(Bearer authorization="https://a/t" resource="https://vault.azure.net")"_ba
        << u"Bearer{authorization=https://a/t|resource=https://vault.azure.net}"_s;
    QTest::newRow("authorization_uri and scope")
        << R"(Bearer authorization_uri="https://login.microsoftonline.com/t", scope="https://vault.azure.net/.default")"_ba
        << u"Bearer{authorization_uri=https://login.microsoftonline.com/t|scope=https://vault.azure.net/.default}"_s;
    QTest::newRow("CAE claims challenge")
        << R"(Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnt9fQ==")"_ba
        << u"Bearer{realm=|authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize|error=insufficient_claims|claims=eyJhY2Nlc3NfdG9rZW4iOnt9fQ==}"_s;
    QTest::newRow("error and description")
        << R"(Bearer error="invalid_token", error_description="The access token expired")"_ba
        << u"Bearer{error=invalid_token|error_description=The access token expired}"_s;
    QTest::newRow("token values, not quoted") << "Bearer realm=example, error=invalid_token"_ba
                                              << u"Bearer{realm=example|error=invalid_token}"_s;
    QTest::newRow("unquoted URL value")
        << "Bearer authorization=https://a/t?x=1"_ba << u"Bearer{authorization=https://a/t?x=1}"_s;
    QTest::newRow("escapes in quoted strings")
        << R"(Basic realm="say \"hi\" \\ there")"_ba << uR"(Basic{realm=say "hi" \ there})"_s;
    QTest::newRow("comma inside a quoted string")
        << R"(Bearer error_description="a, b, c", error="x")"_ba
        << u"Bearer{error_description=a, b, c|error=x}"_s;
    QTest::newRow("two challenges")
        << R"(Basic realm="simple", Bearer authorization="https://a/t", resource="r")"_ba
        << u"Basic{realm=simple}; Bearer{authorization=https://a/t|resource=r}"_s;
    QTest::newRow("three, one bare") << R"(Negotiate, PoP nonce="n", Bearer resource="r")"_ba
                                     << u"Negotiate; PoP{nonce=n}; Bearer{resource=r}"_s;
    QTest::newRow("token68") << "Negotiate YIIBeAYGKwYBBQUCoIIBbDCCAWig=="_ba
                             << u"Negotiate[YIIBeAYGKwYBBQUCoIIBbDCCAWig==]"_s;
    QTest::newRow("token68 then another challenge") << "NTLM TlRMTVNTUAACAAAA, Basic realm=\"x\""_ba
                                                    << u"NTLM[TlRMTVNTUAACAAAA]; Basic{realm=x}"_s;
    QTest::newRow("token68 with one =") << "Negotiate abc="_ba << u"Negotiate[abc=]"_s;
    QTest::newRow("names lower-cased, values kept")
        << R"(bearer Authorization="https://A/T", RESOURCE="R")"_ba
        << u"bearer{authorization=https://A/T|resource=R}"_s;
    QTest::newRow("spaces around =")
        << R"(Bearer resource = "r" , scope= "s")"_ba << u"Bearer{resource=r|scope=s}"_s;
    QTest::newRow("empty list elements")
        << R"(, ,Bearer resource="r",, ,)"_ba << u"Bearer{resource=r}"_s;
    QTest::newRow("supportspop") << R"(Bearer resource="r", supportspop="true")"_ba
                                 << u"Bearer{resource=r|supportspop=true}"_s;
    QTest::newRow("unterminated quoted string")
        << R"(Bearer resource="https://vault)"_ba << u"Bearer{resource=https://vault}"_s;
    QTest::newRow("utf-8 in a quoted value")
        << "Bearer error_description=\"caf\xc3\xa9\""_ba << u"Bearer{error_description=café}"_s;
    QTest::newRow("tabs as spaces") << "Bearer\tresource=\"r\""_ba << u"Bearer{resource=r}"_s;
    QTest::newRow("empty") << ""_ba << QString();
    QTest::newRow("only separators") << " ,  , "_ba << QString();
    QTest::newRow("junk glued to the scheme")
        << R"(Bearer"x", Basic realm="y")"_ba << u"Basic{realm=y}"_s;
    QTest::newRow("junk before a challenge")
        << R"(="x", Bearer resource="r")"_ba << u"Bearer{resource=r}"_s;
    QTest::newRow("second scheme without a comma is junk")
        << R"(Basic realm="a" Bearer x)"_ba << u"Basic{realm=a}"_s;
    QTest::newRow("parameter with nothing after =")
        << "Bearer resource="_ba << u"Bearer[resource=]"_s;
}

void TestWwwAuthenticate::parse()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, expected);
    QCOMPARE(describe(WwwAuthenticate::parse(QByteArrayView(header))), expected);
}

void TestWwwAuthenticate::severalHeaderLines()
{
    const QList<AuthChallenge> all = WwwAuthenticate::parse(
        QList<QByteArray>{"Basic realm=\"a\""_ba, "Bearer resource=\"r\", scope=\"s\""_ba});
    QCOMPARE(describe(all), u"Basic{realm=a}; Bearer{resource=r|scope=s}"_s);
}

void TestWwwAuthenticate::parameterLookupIgnoresCase()
{
    const QList<AuthChallenge> all =
        WwwAuthenticate::parse(QByteArrayView("Bearer Resource=\"r\", empty=\"\""));
    QCOMPARE(all.size(), 1);
    QVERIFY(all[0].isScheme(u"BEARER"));
    QCOMPARE(all[0].parameter(u"RESOURCE"), u"r"_s);
    QVERIFY(all[0].hasParameter(u"empty"));
    QVERIFY(all[0].parameter(u"empty").isEmpty());
    QVERIFY(!all[0].hasParameter(u"scope"));
}

void TestWwwAuthenticate::findPicksTheScheme()
{
    const QList<AuthChallenge> all =
        WwwAuthenticate::parse(QByteArrayView("PoP nonce=\"n\", Bearer resource=\"r\""));
    const AuthChallenge *bearer = WwwAuthenticate::find(all, u"bearer");
    QVERIFY(bearer);
    QCOMPARE(bearer->parameter(u"resource"), u"r"_s);
    QVERIFY(!WwwAuthenticate::find(all, u"Basic"));
}

void TestWwwAuthenticate::garbageNeverCrashes_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("quotes") << "\"\"\"\"\""_ba;
    QTest::newRow("backslash at the end") << "Bearer a=\"\\"_ba;
    QTest::newRow("equals") << "====,===="_ba;
    QTest::newRow("nul bytes") << QByteArray("Bearer\0a=\"\0\"", 12);
    QTest::newRow("high bytes") << "\xff\xfe Bearer \x80=\x81"_ba;
    QTest::newRow("long") << QByteArray(100000, 'a') + "=" + QByteArray(1000, '"');
}

void TestWwwAuthenticate::garbageNeverCrashes()
{
    QFETCH(QByteArray, header);
    const QList<AuthChallenge> all = WwwAuthenticate::parse(QByteArrayView(header));
    for (const AuthChallenge &c : all)
        QVERIFY(!c.scheme.isEmpty());
}

void TestWwwAuthenticate::randomBytesNeverCrash()
{
    // Inputs built from the characters the grammar cares about, in random order.
    static const QByteArray alphabet = "Bearer a=\",\\ \t=/+"_ba;
    QRandomGenerator generator(20260115);
    for (int i = 0; i < 5000; ++i) {
        QByteArray header;
        const int length = generator.bounded(40);
        for (int j = 0; j < length; ++j)
            header.append(alphabet.at(generator.bounded(int(alphabet.size()))));
        const QList<AuthChallenge> all = WwwAuthenticate::parse(QByteArrayView(header));
        for (const AuthChallenge &c : all)
            QVERIFY2(!c.scheme.isEmpty(), header.constData());
    }
}

QTEST_GUILESS_MAIN(TestWwwAuthenticate)
#include "tst_wwwauthenticate.moc"

// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/Base64Url.h"
#include "auth/Pkce.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;

/// PKCE verifiers and challenges (RFC 7636) and the OAuth state.
class TestPkce : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rfc7636AppendixB();
    void generate_data();
    void generate();
    void verifiersDiffer();
    void isValidVerifier_data();
    void isValidVerifier();
    void randomState_data();
    void randomState();
};

void TestPkce::rfc7636AppendixB()
{
    // RFC 7636, appendix B: the octets, the verifier and the S256 challenge.
    const QByteArray octets =
        QByteArray::fromHex("7418dfb49799e0254ffa607dd8adbbba16d4254d69d6bff05b5805585384"
                            "8d79"_ba);
    QCOMPARE(octets.size(), 32);
    const QByteArray verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_ba;
    QCOMPARE(base64UrlEncode(octets), verifier);
    QCOMPARE(Pkce::challengeFor(verifier), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"_ba);
    QVERIFY(Pkce::isValidVerifier(verifier));
    QCOMPARE(Pkce::method.toByteArray(), "S256"_ba);
}

void TestPkce::generate_data()
{
    QTest::addColumn<int>("asked");
    QTest::addColumn<int>("length");
    QTest::newRow("default") << -1 << 64;
    QTest::newRow("minimum") << 43 << 43;
    QTest::newRow("maximum") << 128 << 128;
    QTest::newRow("too short: clamped") << 10 << 43;
    QTest::newRow("too long: clamped") << 500 << 128;
    QTest::newRow("odd") << 97 << 97;
}

void TestPkce::generate()
{
    QFETCH(int, asked);
    QFETCH(int, length);
    const Pkce pkce = asked < 0 ? Pkce::generate() : Pkce::generate(asked);
    QCOMPARE(pkce.verifier.size(), length);
    QVERIFY(Pkce::isValidVerifier(pkce.verifier));
    QCOMPARE(pkce.challenge, Pkce::challengeFor(pkce.verifier));
    QCOMPARE(pkce.challenge.size(), 43); // 32 bytes of SHA-256, unpadded
}

void TestPkce::verifiersDiffer()
{
    QSet<QByteArray> seen;
    for (int i = 0; i < 200; ++i)
        seen.insert(Pkce::generate(43).verifier);
    QCOMPARE(seen.size(), 200);
}

void TestPkce::isValidVerifier_data()
{
    QTest::addColumn<QByteArray>("verifier");
    QTest::addColumn<bool>("valid");
    QTest::newRow("43 unreserved") << QByteArray(43, 'a') << true;
    QTest::newRow("all unreserved kinds")
        << "ABCXYZabcxyz0189-._~ABCXYZabcxyz0189-._~abc"_ba << true;
    QTest::newRow("42") << QByteArray(42, 'a') << false;
    QTest::newRow("128") << QByteArray(128, 'Z') << true;
    QTest::newRow("129") << QByteArray(129, 'Z') << false;
    QTest::newRow("plus") << QByteArray(42, 'a') + '+' << false;
    QTest::newRow("slash") << QByteArray(42, 'a') + '/' << false;
    QTest::newRow("equals") << QByteArray(42, 'a') + '=' << false;
    QTest::newRow("space") << QByteArray(42, 'a') + ' ' << false;
}

void TestPkce::isValidVerifier()
{
    QFETCH(QByteArray, verifier);
    QFETCH(bool, valid);
    QCOMPARE(Pkce::isValidVerifier(verifier), valid);
}

void TestPkce::randomState_data()
{
    QTest::addColumn<int>("bytes");
    QTest::addColumn<int>("minimumDecoded");
    QTest::newRow("default: 256 bits") << -1 << 32;
    QTest::newRow("asked for too little: 128 bits") << 4 << 16;
    QTest::newRow("24 bytes") << 24 << 24;
}

void TestPkce::randomState()
{
    QFETCH(int, bytes);
    QFETCH(int, minimumDecoded);
    const QByteArray a = bytes < 0 ? Pkce::randomState() : Pkce::randomState(bytes);
    const QByteArray b = bytes < 0 ? Pkce::randomState() : Pkce::randomState(bytes);
    QVERIFY(a != b);
    const std::optional<QByteArray> decoded = base64UrlDecode(a);
    QVERIFY(decoded);
    QCOMPARE(decoded->size(), minimumDecoded);
    QVERIFY(!a.contains('=') && !a.contains('+') && !a.contains('/'));
}

QTEST_GUILESS_MAIN(TestPkce)
#include "tst_pkce.moc"

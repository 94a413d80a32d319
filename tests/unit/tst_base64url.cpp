// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/Base64Url.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using vl::base64UrlDecode;
using vl::base64UrlEncode;

class TestBase64Url : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encode_data();
    void encode();
    void decode_data();
    void decode();
    void roundTrip();
};

void TestBase64Url::encode_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("encoded");

    // RFC 4648 §10 test vectors, without the padding (RFC 7515 §2).
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("f") << "f"_ba
                       << "Zg"_ba;
    QTest::newRow("fo") << "fo"_ba
                        << "Zm8"_ba;
    QTest::newRow("foo") << "foo"_ba
                         << "Zm9v"_ba;
    QTest::newRow("foob") << "foob"_ba
                          << "Zm9vYg"_ba;
    QTest::newRow("fooba") << "fooba"_ba
                           << "Zm9vYmE"_ba;
    QTest::newRow("foobar") << "foobar"_ba
                            << "Zm9vYmFy"_ba;
    // The two characters that differ from base64: '+' -> '-', '/' -> '_'.
    QTest::newRow("url alphabet") << QByteArray::fromHex("fbff") << "-_8"_ba;
    QTest::newRow("62 and 63") << QByteArray::fromHex("fbefbe") << "----"_ba;
    QTest::newRow("all ones") << QByteArray::fromHex("ffffff") << "____"_ba;
    // RFC 7515 appendix C example.
    QTest::newRow("rfc 7515 C") << QByteArray::fromHex("03ecffe0c1") << "A-z_4ME"_ba;
}

void TestBase64Url::encode()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, encoded);
    QCOMPARE(base64UrlEncode(data), encoded);
}

void TestBase64Url::decode_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("decoded");

    QTest::newRow("empty") << QByteArray() << true << QByteArray();
    QTest::newRow("unpadded 1") << "Zg"_ba << true << "f"_ba;
    QTest::newRow("unpadded 2") << "Zm8"_ba << true << "fo"_ba;
    QTest::newRow("no padding needed") << "Zm9v"_ba << true << "foo"_ba;
    QTest::newRow("padded 2") << "Zg=="_ba << true << "f"_ba;
    QTest::newRow("padded 1") << "Zm8="_ba << true << "fo"_ba;
    QTest::newRow("url alphabet") << "-_8"_ba << true << QByteArray::fromHex("fbff");
    QTest::newRow("rfc 7515 C") << "A-z_4ME"_ba << true << QByteArray::fromHex("03ecffe0c1");

    QTest::newRow("length 4n+1") << "Zm9vY"_ba << false << QByteArray();
    QTest::newRow("single char") << "Z"_ba << false << QByteArray();
    QTest::newRow("plus") << "Zm9+"_ba << false << QByteArray();
    QTest::newRow("slash") << "Zm9/"_ba << false << QByteArray();
    QTest::newRow("space") << "Zm 9v"_ba << false << QByteArray();
    QTest::newRow("newline") << "Zm9v\nYg"_ba << false << QByteArray();
    QTest::newRow("dot") << "Zm9v.Yg"_ba << false << QByteArray();
    QTest::newRow("short padding") << "Zg="_ba << false << QByteArray();
    QTest::newRow("too much padding") << "Zg==="_ba << false << QByteArray();
    QTest::newRow("three pads") << "Z==="_ba << false << QByteArray();
    QTest::newRow("padding only") << "===="_ba << false << QByteArray();
    QTest::newRow("padding inside") << "Zg==Zg=="_ba << false << QByteArray();
    QTest::newRow("non-ascii") << "Zm9v\xc3\xa9"_ba << false << QByteArray();
    QTest::newRow("nul") << QByteArray("Zm\0v", 4) << false << QByteArray();
}

void TestBase64Url::decode()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(QByteArray, decoded);
    const std::optional<QByteArray> result = base64UrlDecode(text);
    QCOMPARE(result.has_value(), valid);
    if (valid)
        QCOMPARE(*result, decoded);
}

void TestBase64Url::roundTrip()
{
    QRandomGenerator rng(20240601); // fixed seed: a failure can be reproduced
    for (int length = 0; length < 200; ++length) {
        QByteArray data(length, Qt::Uninitialized);
        for (char &c : data)
            c = char(rng.bounded(256));
        const QByteArray encoded = base64UrlEncode(data);
        QVERIFY2(!encoded.contains('=') && !encoded.contains('+') && !encoded.contains('/'),
                 encoded.constData());
        QCOMPARE(encoded.size(), (length * 4 + 2) / 3);
        const std::optional<QByteArray> decoded = base64UrlDecode(encoded);
        QVERIFY(decoded);
        QCOMPARE(*decoded, data);
        // The padded form of the same data decodes too.
        const std::optional<QByteArray> padded =
            base64UrlDecode(data.toBase64(QByteArray::Base64UrlEncoding));
        QVERIFY(padded);
        QCOMPARE(*padded, data);
    }
}

QTEST_GUILESS_MAIN(TestBase64Url)
#include "tst_base64url.moc"

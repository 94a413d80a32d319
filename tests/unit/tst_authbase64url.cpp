// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/AccessToken.h"
#include "auth/Base64Url.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;

/// The core's base64url codec (JWT parts, PKCE) and the token source names.
class TestAuthBase64Url : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encode_data();
    void encode();
    void decode_data();
    void decode();
    void tokenSourceNames_data();
    void tokenSourceNames();
};

void TestAuthBase64Url::encode_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("encoded");
    // RFC 4648 §10 vectors, in the URL alphabet without padding.
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("f") << "f"_ba
                       << "Zg"_ba;
    QTest::newRow("fo") << "fo"_ba
                        << "Zm8"_ba;
    QTest::newRow("foo") << "foo"_ba
                         << "Zm9v"_ba;
    QTest::newRow("foob") << "foob"_ba
                          << "Zm9vYg"_ba;
    QTest::newRow("url alphabet") << "\xfb\xff\xbf"_ba
                                  << "-_-_"_ba;
}

void TestAuthBase64Url::encode()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, encoded);
    QCOMPARE(base64UrlEncode(data), encoded);
    const std::optional<QByteArray> back = base64UrlDecode(encoded);
    QVERIFY(back);
    QCOMPARE(*back, data);
}

void TestAuthBase64Url::decode_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("decoded");
    QTest::newRow("padded") << "Zm8="_ba << true << "fo"_ba;
    QTest::newRow("double padding") << "Zg=="_ba << true << "f"_ba;
    QTest::newRow("unpadded") << "Zg"_ba << true << "f"_ba;
    QTest::newRow("wrong padding") << "Zm8=="_ba << false << QByteArray();
    QTest::newRow("three =") << "Z==="_ba << false << QByteArray();
    QTest::newRow("padding in the middle") << "Zg==Zg"_ba << false << QByteArray();
    QTest::newRow("standard alphabet") << "+/+/"_ba << false << QByteArray();
    QTest::newRow("impossible length") << "Zm9vY"_ba << false << QByteArray();
    QTest::newRow("space") << "Zm 8"_ba << false << QByteArray();
    QTest::newRow("nul") << QByteArray("Zm\0"
                                       "8",
                                       4)
                         << false << QByteArray();
}

void TestAuthBase64Url::decode()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, ok);
    QFETCH(QByteArray, decoded);
    const std::optional<QByteArray> r = base64UrlDecode(text);
    QCOMPARE(r.has_value(), ok);
    if (ok)
        QCOMPARE(*r, decoded);
}

void TestAuthBase64Url::tokenSourceNames_data()
{
    QTest::addColumn<int>("source");
    QTest::addColumn<QString>("name");
    QTest::newRow("none") << int(TokenSource::None) << u"none"_s;
    QTest::newRow("memory") << int(TokenSource::MemoryCache) << u"memory cache"_s;
    QTest::newRow("refresh") << int(TokenSource::RefreshToken) << u"refresh token"_s;
    QTest::newRow("interactive") << int(TokenSource::Interactive) << u"interactive"_s;
    QTest::newRow("device") << int(TokenSource::DeviceCode) << u"device code"_s;
    QTest::newRow("client") << int(TokenSource::ClientCredential) << u"client credential"_s;
    QTest::newRow("certificate") << int(TokenSource::Certificate) << u"certificate"_s;
    QTest::newRow("managed") << int(TokenSource::ManagedIdentity) << u"managed identity"_s;
    QTest::newRow("cli") << int(TokenSource::AzureCli) << u"Azure CLI"_s;
}

void TestAuthBase64Url::tokenSourceNames()
{
    QFETCH(int, source);
    QFETCH(QString, name);
    QCOMPARE(tokenSourceName(TokenSource(source)), name);
}

QTEST_GUILESS_MAIN(TestAuthBase64Url)
#include "tst_authbase64url.moc"

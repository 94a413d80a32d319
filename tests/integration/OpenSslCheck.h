// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Checks of the sandbox's signatures that do not use its crypto code: public keys are
// written as DER from the JWK members alone, and the openssl command verifies.

#include <QByteArray>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace vl::test::OpenSslCheck {

using namespace Qt::StringLiterals;

/// The bytes of a base64url JWK member.
inline QByteArray member(const QJsonObject &jwk, QLatin1StringView name)
{
    return QByteArray::fromBase64(jwk.value(name).toString().toLatin1(),
                                  QByteArray::Base64UrlEncoding);
}

// A minimal DER writer, so that the public keys checked with the openssl CLI are built
// from the JWK alone, without the sandbox's crypto code (X.690 §8.1, §8.3).
inline QByteArray tlv(char tag, const QByteArray &content)
{
    QByteArray length;
    if (content.size() < 0x80) {
        length.append(char(content.size()));
    } else {
        QByteArray digits;
        for (qsizetype n = content.size(); n > 0; n >>= 8)
            digits.prepend(char(n & 0xff));
        length = char(0x80 | digits.size()) + digits;
    }
    return tag + length + content;
}

inline QByteArray derInteger(QByteArray bigEndian)
{
    while (bigEndian.size() > 1 && bigEndian.at(0) == 0)
        bigEndian.remove(0, 1);
    if (quint8(bigEndian.at(0)) & 0x80)
        bigEndian.prepend('\0');
    return tlv(0x02, bigEndian);
}

inline QByteArray pem(const QByteArray &der)
{
    QByteArray out = "-----BEGIN PUBLIC KEY-----\n";
    const QByteArray b64 = der.toBase64();
    for (qsizetype i = 0; i < b64.size(); i += 64)
        out += b64.mid(i, 64) + '\n';
    return out + "-----END PUBLIC KEY-----\n";
}

/// SubjectPublicKeyInfo PEM of an RSA JWK (RFC 8017 A.1.1, RFC 5280 §4.1.2.7).
inline QByteArray rsaPublicPem(const QJsonObject &jwk)
{
    const QByteArray algorithm =
        tlv(0x30, QByteArray::fromHex("06092a864886f70d010101") + QByteArray::fromHex("0500"));
    const QByteArray key =
        tlv(0x30, derInteger(member(jwk, "n"_L1)) + derInteger(member(jwk, "e"_L1)));
    return pem(tlv(0x30, algorithm + tlv(0x03, '\0' + key)));
}

/// SubjectPublicKeyInfo PEM of a P-256 JWK (RFC 5480 §2).
inline QByteArray p256PublicPem(const QJsonObject &jwk)
{
    const QByteArray algorithm = tlv(0x30, QByteArray::fromHex("06072a8648ce3d0201")
                                               + QByteArray::fromHex("06082a8648ce3d030107"));
    const QByteArray point = '\x04' + member(jwk, "x"_L1) + member(jwk, "y"_L1);
    return pem(tlv(0x30, algorithm + tlv(0x03, '\0' + point)));
}

/// A JWS ECDSA signature (R||S) as the DER ECDSA-Sig-Value OpenSSL reads.
inline QByteArray ecdsaDer(const QByteArray &raw)
{
    const qsizetype half = raw.size() / 2;
    return tlv(0x30, derInteger(raw.left(half)) + derInteger(raw.mid(half)));
}

/// Runs `openssl dgst -sha256 -verify pub.pem -signature sig.bin data.bin` in @p dir.
inline bool opensslVerifies(const QString &openssl, const QTemporaryDir &dir)
{
    QProcess process;
    process.setWorkingDirectory(dir.path());
    process.start(openssl, {u"dgst"_s, u"-sha256"_s, u"-verify"_s, u"pub.pem"_s, u"-signature"_s,
                            u"sig.bin"_s, u"data.bin"_s});
    if (!process.waitForFinished(30000))
        return false;
    const QByteArray output = process.readAllStandardOutput();
    return process.exitCode() == 0 && output.contains("Verified OK");
}

inline bool writeFile(const QTemporaryDir &dir, const QString &file, const QByteArray &bytes)
{
    QFile f(dir.filePath(file));
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace vl::test::OpenSslCheck

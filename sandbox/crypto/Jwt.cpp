// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/Jwt.h"

#include "auth/Base64Url.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace vl::sandbox {

namespace {

std::optional<QJsonObject> decodeObject(const QByteArray &part)
{
    const std::optional<QByteArray> json = base64UrlDecode(part);
    if (!json)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

// A JSON string literal for @p text, escaped as QJsonDocument escapes it.
QByteArray jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2); // drop '[' and ']'
}

} // namespace

QByteArray Jwt::signRs256(const QJsonObject &claims, const KeyPair &key, const QString &kid)
{
    // Written by hand to keep Entra ID's member order (QJsonObject sorts its keys).
    const QByteArray header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":"_ba % jsonString(kid)
                              % ",\"x5t\":"_ba % jsonString(kid) % "}"_ba;
    const QByteArray payload = QJsonDocument(claims).toJson(QJsonDocument::Compact);
    const QByteArray signingInput =
        base64UrlEncode(header) % '.' % base64UrlEncode(payload); // RFC 7515 §7.1
    const std::optional<QByteArray> signature = key.signData(u"RS256"_s, signingInput);
    if (!signature)
        return {};
    return signingInput % '.' % base64UrlEncode(*signature);
}

std::optional<DecodedJwt> Jwt::decode(const QByteArray &token)
{
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return std::nullopt; // five parts would be JWE (RFC 7516), not supported
    for (const QByteArray &part : parts) {
        if (part.isEmpty())
            return std::nullopt; // includes the unsecured "header.payload." form
    }
    std::optional<QJsonObject> header = decodeObject(parts.at(0));
    std::optional<QJsonObject> claims = decodeObject(parts.at(1));
    std::optional<QByteArray> signature = base64UrlDecode(parts.at(2));
    if (!header || !claims || !signature || signature->isEmpty())
        return std::nullopt;
    DecodedJwt jwt;
    jwt.header = std::move(*header);
    jwt.claims = std::move(*claims);
    jwt.signingInput = parts.at(0) % '.' % parts.at(1);
    jwt.signature = std::move(*signature);
    jwt.encodedHeader = parts.at(0);
    return jwt;
}

bool Jwt::verify(const DecodedJwt &jwt, const KeyPair &key)
{
    if (key.isNull())
        return false;
    // Only the asymmetric JWS algorithms (RFC 7518 §3.1); "none" and the HMAC ones fail
    // closed, and KeyPair refuses an algorithm that does not fit the key's type or curve.
    static const QStringList allowed{u"RS256"_s, u"RS384"_s, u"RS512"_s, u"PS256"_s, u"PS384"_s,
                                     u"PS512"_s, u"ES256"_s, u"ES384"_s, u"ES512"_s, u"ES256K"_s};
    const QJsonValue alg = jwt.header.value("alg"_L1);
    if (!alg.isString() || !allowed.contains(alg.toString()))
        return false;
    // RFC 7515 §4.1.11: extensions listed in "crit" must be understood; none are.
    if (jwt.header.contains("crit"_L1))
        return false;
    return key.verifyData(alg.toString(), jwt.signingInput, jwt.signature);
}

} // namespace vl::sandbox

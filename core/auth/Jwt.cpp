// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/Jwt.h"

#include "auth/Base64Url.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

using namespace Qt::StringLiterals;

namespace vl {
namespace {

AzureError malformed(const QString &message)
{
    AzureError e;
    e.kind = AzureError::Kind::Malformed;
    e.message = message;
    return e;
}

/// A NumericDate claim (seconds, possibly fractional, or a numeric string) as UTC.
QDateTime dateClaim(const QJsonValue &v)
{
    double seconds = 0;
    if (v.isDouble()) {
        seconds = v.toDouble();
    } else if (v.isString()) {
        bool ok = false;
        seconds = v.toString().toDouble(&ok);
        if (!ok)
            return {};
    } else {
        return {};
    }
    // Far outside any token's lifetime: not a date a token could carry.
    if (!std::isfinite(seconds) || seconds < 0 || seconds > 253402300799.0)
        return {};
    return QDateTime::fromSecsSinceEpoch(qint64(seconds), Qt::UTC);
}

QStringList stringsOf(const QJsonValue &v)
{
    QStringList out;
    if (v.isString()) {
        out = v.toString().split(u' ', Qt::SkipEmptyParts);
    } else if (v.isArray()) {
        for (const QJsonValue &item : v.toArray())
            if (item.isString() && !item.toString().isEmpty())
                out.append(item.toString());
    }
    return out;
}

QString firstString(const QJsonObject &o, std::initializer_list<QLatin1StringView> keys)
{
    for (const QLatin1StringView key : keys) {
        const QString value = o.value(key).toString();
        if (!value.isEmpty())
            return value;
    }
    return {};
}

Result<QJsonObject> decodePart(QByteArrayView encoded, const QString &part)
{
    if (encoded.isEmpty())
        return malformed(
            QCoreApplication::translate("vl::Jwt", "The token's %1 is empty.").arg(part));
    const std::optional<QByteArray> json = base64UrlDecode(encoded);
    if (!json)
        return malformed(
            QCoreApplication::translate("vl::Jwt", "The token's %1 is not base64url.").arg(part));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(*json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return malformed(
            QCoreApplication::translate("vl::Jwt", "The token's %1 is not a JSON object.")
                .arg(part));
    return doc.object();
}

} // namespace

bool TokenClaims::isAppOnly() const
{
    if (!idType.isEmpty())
        return idType.compare("app"_L1, Qt::CaseInsensitive) == 0;
    return scopes.isEmpty() && userName.isEmpty();
}

namespace Jwt {

TokenClaims claimsFromJson(const QJsonObject &payload)
{
    TokenClaims c;
    c.raw = payload;
    const QJsonValue aud = payload.value("aud"_L1);
    c.audiences = aud.isArray()                                 ? stringsOf(aud)
                  : aud.isString() && !aud.toString().isEmpty() ? QStringList{aud.toString()}
                                                                : QStringList{};
    c.audience = c.audiences.value(0);
    c.issuer = payload.value("iss"_L1).toString();
    c.tenantId = payload.value("tid"_L1).toString();
    c.objectId = payload.value("oid"_L1).toString();
    c.appId = firstString(payload, {"appid"_L1, "azp"_L1});
    c.userName = firstString(payload, {"upn"_L1, "preferred_username"_L1, "unique_name"_L1});
    c.name = payload.value("name"_L1).toString();
    c.scopes = stringsOf(payload.value("scp"_L1));
    c.roles = stringsOf(payload.value("roles"_L1));
    c.idType = payload.value("idtyp"_L1).toString();
    c.version = payload.value("ver"_L1).toString();
    c.managedIdentityResourceId = payload.value("xms_mirid"_L1).toString();
    c.expiresOn = dateClaim(payload.value("exp"_L1));
    c.notBefore = dateClaim(payload.value("nbf"_L1));
    c.issuedAt = dateClaim(payload.value("iat"_L1));
    return c;
}

Result<DecodedJwt> decode(QByteArrayView token)
{
    QByteArrayView t = token.trimmed();
    if (t.isEmpty())
        return malformed(QCoreApplication::translate("vl::Jwt", "The token is empty."));
    // A JWE has five parts; a JWS three. Anything else is not a token we can read.
    const qsizetype first = t.indexOf('.');
    const qsizetype second = first < 0 ? -1 : t.indexOf('.', first + 1);
    if (first < 0 || second < 0)
        return malformed(QCoreApplication::translate(
            "vl::Jwt", "The token is not a JWT: it has fewer than three parts."));
    if (t.indexOf('.', second + 1) >= 0)
        return malformed(QCoreApplication::translate(
            "vl::Jwt", "The token is not a signed JWT: it has more than three parts "
                       "(an encrypted token cannot be read)."));
    Result<QJsonObject> header =
        decodePart(t.first(first), QCoreApplication::translate("vl::Jwt", "header"));
    if (!header)
        return header.error();
    Result<QJsonObject> payload = decodePart(t.sliced(first + 1, second - first - 1),
                                             QCoreApplication::translate("vl::Jwt", "payload"));
    if (!payload)
        return payload.error();
    // The signature is not checked, but it must at least be base64url.
    if (!base64UrlDecode(t.sliced(second + 1)))
        return malformed(
            QCoreApplication::translate("vl::Jwt", "The token's signature is not base64url."));
    return DecodedJwt{std::move(header).value(), claimsFromJson(payload.value())};
}

Result<TokenClaims> claims(QByteArrayView token)
{
    Result<DecodedJwt> decoded = decode(token);
    if (!decoded)
        return decoded.error();
    return std::move(decoded).value().claims;
}

} // namespace Jwt
} // namespace vl

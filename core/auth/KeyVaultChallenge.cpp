// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/KeyVaultChallenge.h"

#include "auth/CloudProfile.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace vl {
namespace {

AzureError failure(AzureError::Kind kind, const QString &message)
{
    AzureError e;
    e.kind = kind;
    e.status = 401;
    e.message = message;
    return e;
}

/// A claims challenge is base64 JSON; keep it as sent when it is not.
QString decodeClaims(const QString &claims)
{
    if (claims.isEmpty() || claims.startsWith(u'{'))
        return claims;
    for (const auto encoding : {QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding}) {
        const auto decoded = QByteArray::fromBase64Encoding(
            claims.toLatin1(), encoding | QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(decoded.decoded, &error);
        if (error.error == QJsonParseError::NoError && doc.isObject())
            return QString::fromUtf8(decoded.decoded);
    }
    return claims;
}

/// The last non-empty path segment ("https://login/tid/" gives "tid").
QString lastSegment(const QUrl &url)
{
    const QStringList parts = url.path().split(u'/', Qt::SkipEmptyParts);
    return parts.isEmpty() ? QString() : parts.last();
}

} // namespace

Result<KeyVaultChallenge> KeyVaultChallenge::fromChallenges(const QList<AuthChallenge> &challenges,
                                                            const QByteArray &header)
{
    const AuthChallenge *bearer = WwwAuthenticate::find(challenges, u"Bearer");
    if (!bearer)
        return failure(AzureError::Kind::Malformed,
                       QCoreApplication::translate(
                           "vl::KeyVaultChallenge",
                           "The vault's 401 answer has no Bearer challenge in WWW-Authenticate."));
    KeyVaultChallenge c;
    c.header = header;
    c.authorizationUri = bearer->parameter(u"authorization");
    if (c.authorizationUri.isEmpty())
        c.authorizationUri = bearer->parameter(u"authorization_uri");
    if (c.authorizationUri.isEmpty())
        c.authorizationUri = bearer->parameter(u"authorization_url");
    c.resource = bearer->parameter(u"resource");
    c.scope = bearer->parameter(u"scope");
    c.claims = decodeClaims(bearer->parameter(u"claims"));
    c.error = bearer->parameter(u"error");
    c.errorDescription = bearer->parameter(u"error_description");

    c.authority = QUrl(c.authorizationUri, QUrl::StrictMode);
    if (c.authorizationUri.isEmpty() || !c.authority.isValid() || c.authority.host().isEmpty()
        || (c.authority.scheme() != "https"_L1 && c.authority.scheme() != "http"_L1))
        return failure(
            AzureError::Kind::Malformed,
            QCoreApplication::translate(
                "vl::KeyVaultChallenge",
                "The vault's challenge names no usable authority (authorization=\"%1\").")
                .arg(c.authorizationUri));
    c.authorityHost = c.authority.adjusted(QUrl::RemovePath | QUrl::RemoveQuery
                                           | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    c.tenantId = lastSegment(c.authority);
    if (c.tenantId.isEmpty())
        return failure(
            AzureError::Kind::Malformed,
            QCoreApplication::translate("vl::KeyVaultChallenge",
                                        "The vault's challenge authority %1 names no tenant.")
                .arg(c.authorizationUri));
    if (c.scope.isEmpty() && c.resource.isEmpty())
        return failure(AzureError::Kind::Malformed,
                       QCoreApplication::translate(
                           "vl::KeyVaultChallenge",
                           "The vault's challenge names neither a resource nor a scope."));
    if (c.scope.isEmpty())
        c.scope = CloudProfile::scopeFor(c.resource);
    return c;
}

Result<KeyVaultChallenge> KeyVaultChallenge::fromHeader(const QByteArray &header)
{
    return fromChallenges(WwwAuthenticate::parse(QByteArrayView(header)), header);
}

Result<KeyVaultChallenge> KeyVaultChallenge::fromHeaders(const HttpHeaders &headers)
{
    QList<QByteArray> values;
    for (const auto &[name, value] : headers)
        if (name.compare("WWW-Authenticate", Qt::CaseInsensitive) == 0)
            values.append(value);
    return fromChallenges(WwwAuthenticate::parse(values), values.join(", "));
}

QString KeyVaultChallenge::requestedResource() const
{
    if (!resource.isEmpty())
        return resource;
    return scope.endsWith("/.default"_L1) ? scope.chopped(9) : scope;
}

Result<Done> KeyVaultChallenge::verifyResource(const QString &challengeResource,
                                               const QUrl &vaultUrl)
{
    const QUrl resourceUrl(challengeResource, QUrl::StrictMode);
    const QString resourceHost = resourceUrl.host().toLower();
    if (!resourceUrl.isValid() || resourceHost.isEmpty())
        return failure(AzureError::Kind::Unauthenticated,
                       QCoreApplication::translate("vl::KeyVaultChallenge",
                                                   "The vault's challenge contains an invalid "
                                                   "resource or scope '%1'.")
                           .arg(challengeResource));
    const QString vaultHost = vaultUrl.host().toLower();
    if (!vaultHost.endsWith(QString(u'.' + resourceHost)))
        return failure(
            AzureError::Kind::Unauthenticated,
            QCoreApplication::translate(
                "vl::KeyVaultChallenge",
                "The challenge resource '%1' does not match the vault's host '%2': a token "
                "for it is not sent there. Check the vault URL, or turn off challenge "
                "resource verification only for a cloud whose vaults are not under the "
                "resource's domain.")
                .arg(resourceHost, vaultHost));
    return Done{};
}

Result<Done> KeyVaultChallenge::verifyFor(const QUrl &vaultUrl, const CloudProfile &profile) const
{
    if (profile.verifyChallengeResource)
        return verifyResource(requestedResource(), vaultUrl);
    auto normalised = [](QString s) {
        while (s.endsWith(u'/'))
            s.chop(1);
        return s.toLower();
    };
    if (normalised(requestedResource()) != normalised(profile.vaultAudience))
        return failure(AzureError::Kind::Unauthenticated,
                       QCoreApplication::translate(
                           "vl::KeyVaultChallenge",
                           "The challenge resource '%1' is not the Key Vault audience '%2' of "
                           "the cloud %3: a token for it is not sent to the vault.")
                           .arg(requestedResource(), profile.vaultAudience, profile.displayName));
    return Done{};
}

ChallengeInfo KeyVaultChallenge::toInfo(ChallengeInfo::Origin origin) const
{
    ChallengeInfo info;
    info.origin = origin;
    info.wwwAuthenticate = header;
    info.authority = authorizationUri;
    info.tenantId = tenantId;
    info.resource = resource.isEmpty() ? scope : resource;
    return info;
}

} // namespace vl

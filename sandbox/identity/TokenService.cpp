// SPDX-License-Identifier: GPL-3.0-or-later
#include "identity/TokenService.h"

#include "auth/Base64Url.h"
#include "crypto/Jwt.h"

#include <QRandomGenerator>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace vl::sandbox {

TokenService::TokenService(const SandboxState &state, const Clock &clock)
    : m_state(state)
    , m_clock(clock)
{}

QString TokenService::resourceFromScope(const QString &scope)
{
    // Several scopes may be given ("https://vault.azure.net/.default openid profile"):
    // the resource is the first one that is not an OpenID scope.
    static const QString graph = u"https://graph.microsoft.com"_s;
    for (const QString &s : scope.split(u' ', Qt::SkipEmptyParts)) {
        if (s == "openid"_L1 || s == "profile"_L1 || s == "offline_access"_L1 || s == "email"_L1)
            continue;
        if (s.endsWith("/.default"_L1))
            return s.chopped(9);
        // A scope without a resource URI ("User.Read", "Directory.Read.All") is Graph's.
        if (!s.contains("://"_L1))
            return graph;
        const qsizetype slash = s.lastIndexOf(u'/');
        return slash > s.indexOf("://"_L1) + 2 ? s.left(slash) : s;
    }
    // Only OpenID scopes: Entra ID issues a token for Graph (its userinfo endpoint).
    return graph;
}

IssuedToken TokenService::issue(const Tenant &tenant, const Principal &principal,
                                const QString &resource, const QString &clientId,
                                const QString &scopes,
                                std::optional<ClientAuthentication> authentication) const
{
    const qint64 now = m_clock.nowSecsSinceEpoch();
    const bool user = principal.isUser();
    if (!authentication)
        authentication = user ? ClientAuthentication::None
                         : principal.kind == PrincipalKind::ManagedIdentity
                             ? ClientAuthentication::Certificate
                             : ClientAuthentication::Secret;
    QJsonObject claims{
        {u"aud"_s, resource},
        {u"iss"_s, access::Caller::stsIssuer(tenant.id)},
        {u"iat"_s, double(now)},
        {u"nbf"_s, double(now)},
        {u"exp"_s, double(now + Lifetime)},
        {u"tid"_s, tenant.id},
        {u"oid"_s, principal.objectId},
        {u"sub"_s, principal.objectId},
        {u"appid"_s, clientId},
        {u"appidacr"_s, QString::number(int(*authentication))},
        {u"idtyp"_s, user ? u"user"_s : u"app"_s},
        {u"ver"_s, u"1.0"_s},
        {u"uti"_s, QString::fromLatin1(base64UrlEncode(QUuid::createUuid().toRfc4122()))},
    };
    if (user) {
        claims.insert("upn"_L1, principal.userPrincipalName);
        claims.insert("unique_name"_L1, principal.userPrincipalName);
        claims.insert("name"_L1, principal.displayName);
        claims.insert("scp"_L1, scopes.isEmpty() ? u"user_impersonation"_s : scopes);
    }
    if (principal.kind == PrincipalKind::ManagedIdentity)
        claims.insert("xms_mirid"_L1, principal.displayName);
    IssuedToken t;
    t.accessToken = Jwt::signRs256(claims, tenant.signingKey, tenant.keyId);
    t.resource = resource;
    t.issuedAt = now;
    t.expiresOn = now + Lifetime;
    return t;
}

VerifiedToken TokenService::verify(const QByteArray &authorization) const
{
    VerifiedToken v;
    const QByteArray header = authorization.trimmed();
    if (header.isEmpty() || !header.startsWith("Bearer ")) {
        v.facts.present = false;
        return v;
    }
    const QByteArray token = header.mid(7).trimmed();
    if (auto it = m_cache.constFind(token); it != m_cache.constEnd()) {
        // Only the costly checks are cached; the directory object is looked up each
        // time, as the directory may have changed (and moved) since.
        VerifiedToken cached = *it;
        cached.principal = m_state.directory.principal(cached.claims.value("oid"_L1).toString());
        return cached;
    }

    const auto jwt = Jwt::decode(token);
    if (!jwt) {
        v.facts.wellFormed = false;
        return v;
    }
    v.claims = jwt->claims;
    v.facts.encodedHeader = QString::fromLatin1(jwt->encodedHeader);
    v.facts.audience = jwt->claims.value("aud"_L1).toString();
    v.facts.issuer = jwt->claims.value("iss"_L1).toString();
    v.facts.tenantId = jwt->claims.value("tid"_L1).toString();
    v.facts.notBefore = qint64(jwt->claims.value("nbf"_L1).toDouble());
    v.facts.expiresOn = qint64(jwt->claims.value("exp"_L1).toDouble());
    const Tenant *tenant = m_state.directory.tenant(v.facts.tenantId);
    const QString kid = jwt->header.value("kid"_L1).toString();
    v.facts.signatureValid =
        tenant && kid == tenant->keyId && Jwt::verify(*jwt, tenant->signingKey);
    if (m_cache.size() > 4096)
        m_cache.clear();
    m_cache.insert(token, v);
    v.principal = m_state.directory.principal(jwt->claims.value("oid"_L1).toString());
    return v;
}

access::Caller VerifiedToken::caller(const Directory &directory) const
{
    access::Caller c;
    c.objectId = claims.value("oid"_L1).toString();
    c.applicationId = claims.value("appid"_L1).toString(claims.value("azp"_L1).toString());
    c.tenantId = claims.value("tid"_L1).toString();
    c.issuer = claims.value("iss"_L1).toString();
    c.displayName = claims.value("upn"_L1).toString();
    if (principal) {
        c.kind = principal->kind == PrincipalKind::ManagedIdentity
                     ? access::Caller::Kind::ManagedIdentity
                 : principal->isUser() ? access::Caller::Kind::User
                                       : access::Caller::Kind::ServicePrincipal;
        c.trustedService = principal->trustedService;
        if (c.displayName.isEmpty())
            c.displayName = principal->appId;
        if (facts.signatureValid)
            c.groupIds = directory.transitiveGroups(c.objectId);
    }
    c.token = facts;
    return c;
}

} // namespace vl::sandbox

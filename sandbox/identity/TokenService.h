// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/Caller.h"
#include "state/SandboxState.h"
#include "util/Clock.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace vl::sandbox {

/// An access token the sandbox issued.
struct IssuedToken
{
    QByteArray accessToken;
    QString resource; ///< the `aud`
    qint64 issuedAt = 0;
    qint64 expiresOn = 0;
    [[nodiscard]] qint64 expiresIn() const { return expiresOn - issuedAt; }
};

/// What the sandbox learned from a bearer token.
struct VerifiedToken
{
    access::TokenFacts facts;
    QJsonObject claims;
    const Principal *principal = nullptr; ///< the directory object of `oid`, if any

    /// The engine's view of the caller (groups resolved from the directory).
    [[nodiscard]] access::Caller caller(const Directory &directory) const;
};

/**
 * @brief Issues and checks the sandbox's access tokens.
 *
 * Tokens are RS256 JWTs signed with the tenant's key (published in its JWKS), in
 * the v1.0 shape Resource Manager and Key Vault accept: `iss`
 * `https://sts.windows.net/{tid}/`, `aud`, `tid`, `oid`, `sub`, `appid`,
 * `appidacr`, `idtyp`, `iat`, `nbf`, `exp`, `ver` 1.0, and for users `upn`,
 * `unique_name`, `name` and `scp`. Lifetime: one hour, less a second, as Entra ID's
 * default answers (`expires_in` 3599).
 */
class TokenService
{
public:
    /// How the client proved who it is: the `appidacr` claim (PROTOCOL.md §1.8).
    enum class ClientAuthentication {
        None = 0,       ///< "0": a public client (user tokens)
        Secret = 1,     ///< "1": a client secret
        Certificate = 2 ///< "2": a certificate (client assertion); managed identities too
    };

    TokenService(const SandboxState &state, const Clock &clock);

    /// A token for @p principal; without @p authentication, users get "0", managed
    /// identities "2" and service principals "1".
    [[nodiscard]] IssuedToken
    issue(const Tenant &tenant, const Principal &principal, const QString &resource,
          const QString &clientId, const QString &scopes = {},
          std::optional<ClientAuthentication> authentication = std::nullopt) const;

    /// Checks an `Authorization` header value ("Bearer <jwt>"); never fails, it reports.
    [[nodiscard]] VerifiedToken verify(const QByteArray &authorization) const;

    /// `https://vault.azure.net/.default` -> `https://vault.azure.net`;
    /// `https://management.core.windows.net//.default` -> `https://management.core.windows.net/`;
    /// Graph's short scopes (`User.Read`) and OpenID scopes alone -> `https://graph.microsoft.com`,
    /// as Entra ID answers them.
    [[nodiscard]] static QString resourceFromScope(const QString &scope);

    /// Forgets verified tokens (after a reset).
    void clearCache() { m_cache.clear(); }

    static constexpr qint64 Lifetime = 3599;

private:
    const SandboxState &m_state;
    const Clock &m_clock;
    mutable QHash<QByteArray, VerifiedToken> m_cache; ///< signature checks are the costly part
};

} // namespace vl::sandbox

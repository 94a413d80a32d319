// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/WwwAuthenticate.h"
#include "http/HttpTypes.h"
#include "util/Result.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace vl {

struct CloudProfile;

/**
 * @brief What a vault's 401 says about how to get a token for it
 * (PROTOCOL.md §4.7).
 *
 * ```
 *  app ── request without a token ──────────────────► vault
 *  app ◄── 401 WWW-Authenticate: Bearer authorization="<authority>/<tenant>",
 *                                resource="https://vault.azure.net"
 *  app: tenant = last path segment, scope = resource + "/.default" (or scope),
 *       the resource's host must be a DNS parent of the vault's host
 *  app ── token request for (tenant, scope) ────────► Entra ID
 *  app ── request again with the bearer token ──────► vault
 * ```
 */
struct KeyVaultChallenge
{
    QByteArray header;        ///< the WWW-Authenticate value(s) as received
    QString authorizationUri; ///< `authorization` or `authorization_uri`, as sent
    QUrl authority;           ///< the same as a URL: authority host + tenant
    QUrl authorityHost;       ///< scheme, host and port of the authority
    QString tenantId;         ///< the authority's last path segment
    QString resource;         ///< `resource`, empty when only a scope was sent
    QString scope;            ///< `scope`, or `resource` + "/.default"
    QString claims;           ///< a CAE claims challenge, base64-decoded when it was encoded
    QString error;            ///< `error` (e.g. "insufficient_claims")
    QString errorDescription; ///< `error_description`

    /**
     * The Bearer challenge among @p challenges. A Malformed error when there is
     * no Bearer challenge, no authority, no tenant in it, or neither resource nor scope.
     */
    [[nodiscard]] static Result<KeyVaultChallenge>
    fromChallenges(const QList<AuthChallenge> &challenges, const QByteArray &header = {});
    /// fromChallenges() of a parsed header value.
    [[nodiscard]] static Result<KeyVaultChallenge> fromHeader(const QByteArray &header);
    /// fromChallenges() of every WWW-Authenticate header of an answer.
    [[nodiscard]] static Result<KeyVaultChallenge> fromHeaders(const HttpHeaders &headers);

    /**
     * The SDKs' check (`verifyChallengeResource`): the host of
     * @p challengeResource (a resource or scope URI) must be a DNS suffix of
     * @p vaultUrl's host at a label boundary: `vault.azure.net` for
     * `kv.vault.azure.net`. An Unauthenticated error explains a mismatch.
     */
    [[nodiscard]] static Result<Done> verifyResource(const QString &challengeResource,
                                                     const QUrl &vaultUrl);
    /**
     * The check @p profile asks for: verifyResource() when
     * CloudProfile::verifyChallengeResource is set; otherwise (the sandbox) the
     * challenge's resource must be exactly the profile's vault audience, so a
     * token for anything else is never sent to the vault's host.
     */
    [[nodiscard]] Result<Done> verifyFor(const QUrl &vaultUrl, const CloudProfile &profile) const;

    /// The resource this challenge asks a token for: `resource`, or `scope` minus "/.default".
    [[nodiscard]] QString requestedResource() const;
    /// What the journal keeps of this challenge.
    [[nodiscard]] ChallengeInfo toInfo(ChallengeInfo::Origin origin) const;
};

} // namespace vl

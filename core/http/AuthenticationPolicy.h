// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/KeyVaultChallenge.h"
#include "http/HttpPipeline.h"

#include <QHash>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace vl {

class TokenCredential;

/**
 * @brief What each vault answered to an unauthenticated request: the authority
 * and resource its tokens must come from. Later requests to the same vault
 * carry a token at once. Shared by the pipelines of one account.
 */
class ChallengeCache
{
public:
    using Entry = KeyVaultChallenge;

    [[nodiscard]] std::optional<Entry> find(const QUrl &vault) const;
    void insert(const QUrl &vault, const Entry &entry);
    void remove(const QUrl &vault);
    [[nodiscard]] int size() const { return int(m_entries.size()); }

    /// The cache key: scheme, host and port of @p url.
    [[nodiscard]] static QString keyFor(const QUrl &url);

private:
    QHash<QString, Entry> m_entries;
};

struct CloudProfile;

/// Checks a challenge against the vault that sent it, before any token goes there.
using ChallengeVerifier = std::function<Result<Done>(const KeyVaultChallenge &, const QUrl &vault)>;

/// The check @p profile asks for (see KeyVaultChallenge::verifyFor).
[[nodiscard]] ChallengeVerifier challengeVerifierFor(const CloudProfile &profile);

/**
 * @brief Gets a token from the credential and puts it on the request.
 *
 * Resource Manager and Graph requests carry a token for their scope at once.
 * Key Vault requests follow the challenge protocol that the Azure SDKs
 * implement:
 *
 * @code
 *   VaultLens                     Key Vault                 Entra ID
 *      | -- request, no token, no body -->|                     |
 *      | <-- 401 WWW-Authenticate: Bearer authorization=".../{tenant}", resource="..."
 *      |   verify resource against the vault host; cache per vault
 *      | -- token request for {resource}/.default in {tenant} --------------->|
 *      | <--------------------------------------------------------- token ----|
 *      | -- request + Authorization: Bearer ... -->|
 *      | <-- answer ------------------------------|
 * @endcode
 *
 * With the challenge cached, the token goes with the first request. A 401 to
 * a request that carried a token (AKV10032: the token is from another tenant;
 * or an expired token) is answered once: the challenge is read again, the
 * cache updated, and a token for the challenged tenant is asked for.
 */
class AuthenticationPolicy final : public HttpPolicy
{
public:
    AuthenticationPolicy(std::shared_ptr<TokenCredential> credential,
                         std::shared_ptr<ChallengeCache> challenges,
                         ChallengeVerifier verifier = {});
    ///< a null verifier applies the Azure SDKs' rule (KeyVaultChallenge::verifyResource)
    [[nodiscard]] QFuture<HttpResponse> send(HttpRequest request, const Next &next) override;

private:
    std::shared_ptr<TokenCredential> m_credential;
    std::shared_ptr<ChallengeCache> m_challenges;
    ChallengeVerifier m_verifier;
};

} // namespace vl

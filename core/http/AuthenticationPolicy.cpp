// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/AuthenticationPolicy.h"

#include "auth/CloudProfile.h"
#include "auth/Jwt.h"
#include "auth/TokenCredential.h"
#include "util/Future.h"

#include <memory>

using namespace Qt::StringLiterals;

namespace vl {

namespace {

HttpResponse stopped(const HttpRequest &request, AzureError error,
                     const HttpResponse *last = nullptr)
{
    HttpResponse response = last ? *last : HttpResponse{};
    response.context = request.context;
    error.clientRequestId = request.context.clientRequestId;
    if (last && error.status == 0)
        error.status = last->status;
    response.failure = std::move(error);
    return response;
}

/// One request through the policy; keeps itself alive through its callbacks.
class AuthRun final : public std::enable_shared_from_this<AuthRun>
{
public:
    AuthRun(std::shared_ptr<TokenCredential> credential, std::shared_ptr<ChallengeCache> challenges,
            ChallengeVerifier verifier, HttpRequest request, HttpPolicy::Next next)
        : m_credential(std::move(credential))
        , m_challenges(std::move(challenges))
        , m_verifier(std::move(verifier))
        , m_request(std::move(request))
        , m_next(std::move(next))
    {}

    QFuture<HttpResponse> start()
    {
        if (m_request.context.service != Service::KeyVault) {
            sendWithToken(m_request.context.scopes, m_request.context.tenantId, false);
        } else if (const auto entry = m_challenges->find(m_request.url)) {
            m_request.context.challenge = entry->toInfo(ChallengeInfo::Origin::Cached);
            sendWithToken({entry->scope}, entry->tenantId, false);
        } else {
            sendForChallenge();
        }
        return m_promise.future();
    }

private:
    /// The first request to an unknown vault: no token, and no body to send twice.
    void sendForChallenge()
    {
        HttpRequest bare = m_request;
        bare.body.clear();
        removeHeader(bare.headers, "Authorization");
        m_next(std::move(bare)).then([self = shared_from_this()](const HttpResponse &response) {
            if (response.status != 401) {
                self->m_promise.finish(response);
                return;
            }
            self->answerChallenge(response, false);
        });
    }

    /// Reads the challenge in a 401, verifies and caches it, and sends again with a token.
    void answerChallenge(const HttpResponse &response, bool forceRefresh)
    {
        const Result<KeyVaultChallenge> challenge =
            KeyVaultChallenge::fromHeaders(response.headers);
        if (!challenge) {
            // A 401 without a usable challenge goes back as it came: its own error
            // body says more than "no challenge" would.
            m_promise.finish(response);
            return;
        }
        const Result<Done> verified =
            m_verifier
                ? m_verifier(*challenge, m_request.url)
                : KeyVaultChallenge::verifyResource(challenge->requestedResource(), m_request.url);
        if (!verified) {
            m_promise.finish(stopped(m_request, verified.error(), &response));
            return;
        }
        m_challenges->insert(m_request.url, *challenge);
        m_request.context.challenge = challenge->toInfo(ChallengeInfo::Origin::Answered);
        sendWithToken({challenge->scope}, challenge->tenantId, forceRefresh);
    }

    void sendWithToken(const QStringList &scopes, const QString &tenantId, bool forceRefresh)
    {
        TokenRequestContext ask;
        ask.scopes = scopes;
        ask.tenantId = tenantId;
        ask.forceRefresh = forceRefresh;
        m_credential->getToken(ask).then(
            [self = shared_from_this(), ask](const Result<AccessToken> &token) {
                self->tokenArrived(ask, token);
            });
    }

    void tokenArrived(const TokenRequestContext &ask, const Result<AccessToken> &token)
    {
        if (!token) {
            // No token for the tenant a remembered challenge names: the vault may have
            // moved since. Ask the vault again, once, before giving up.
            if (m_request.context.challenge
                && m_request.context.challenge->origin == ChallengeInfo::Origin::Cached
                && !m_reauthenticated) {
                m_reauthenticated = true;
                m_challenges->remove(m_request.url);
                m_request.context.challenge.reset();
                sendForChallenge();
                return;
            }
            m_promise.finish(stopped(m_request, token.error()));
            return;
        }
        HttpRequest request = m_request;
        request.setHeader("Authorization"_ba, "Bearer " + token->token);
        TokenInfo info;
        info.source = token->source;
        info.credential = token->credential;
        info.scopes = ask.scopes;
        info.tenantId = ask.tenantId;
        info.expiresOn = token->expiresOn;
        if (const auto claims = Jwt::claims(token->token))
            info.claims = claims->raw;
        request.context.token = info;
        m_next(std::move(request)).then([self = shared_from_this()](const HttpResponse &response) {
            self->answered(response);
        });
    }

    void answered(const HttpResponse &response)
    {
        // A vault that refuses a token it was sent gets one more try, for the tenant
        // its challenge names now (AKV10032) or with a fresh token (expiry, revocation).
        if (response.status == 401 && m_request.context.service == Service::KeyVault
            && !m_reauthenticated) {
            m_reauthenticated = true;
            m_challenges->remove(m_request.url);
            answerChallenge(response, true);
            return;
        }
        m_promise.finish(response);
    }

    std::shared_ptr<TokenCredential> m_credential;
    std::shared_ptr<ChallengeCache> m_challenges;
    ChallengeVerifier m_verifier;
    HttpRequest m_request;
    HttpPolicy::Next m_next;
    SharedPromise<HttpResponse> m_promise;
    bool m_reauthenticated = false;
};

} // namespace

std::optional<ChallengeCache::Entry> ChallengeCache::find(const QUrl &vault) const
{
    const auto it = m_entries.constFind(keyFor(vault));
    if (it == m_entries.constEnd())
        return std::nullopt;
    return *it;
}

void ChallengeCache::insert(const QUrl &vault, const Entry &entry)
{
    m_entries.insert(keyFor(vault), entry);
}

void ChallengeCache::remove(const QUrl &vault)
{
    m_entries.remove(keyFor(vault));
}

QString ChallengeCache::keyFor(const QUrl &url)
{
    return url.scheme().toLower() + "://"_L1 + url.host().toLower() + u':'
           + QString::number(url.port(443));
}

ChallengeVerifier challengeVerifierFor(const CloudProfile &profile)
{
    return [profile](const KeyVaultChallenge &challenge, const QUrl &vault) {
        return challenge.verifyFor(vault, profile);
    };
}

AuthenticationPolicy::AuthenticationPolicy(std::shared_ptr<TokenCredential> credential,
                                           std::shared_ptr<ChallengeCache> challenges,
                                           ChallengeVerifier verifier)
    : m_credential(std::move(credential))
    , m_challenges(challenges ? std::move(challenges) : std::make_shared<ChallengeCache>())
    , m_verifier(std::move(verifier))
{}

QFuture<HttpResponse> AuthenticationPolicy::send(HttpRequest request, const Next &next)
{
    if (request.context.scopes.isEmpty() && request.context.service != Service::KeyVault)
        return next(std::move(request));
    return std::make_shared<AuthRun>(m_credential, m_challenges, m_verifier, std::move(request),
                                     next)
        ->start();
}

} // namespace vl

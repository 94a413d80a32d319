// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/AccessToken.h"
#include "http/AzureError.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QNetworkReply>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace vl {

/// The service a request goes to; the journal and the flow explainer sort by it.
enum class Service {
    Other,
    EntraId,
    ResourceManager,
    KeyVault,
    Graph,
    ManagedIdentity,
};

/// A stable English name ("Key Vault", "Resource Manager", ...).
[[nodiscard]] QString serviceName(Service service);

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

/// The first value of header @p name (case-insensitive), or an empty array.
[[nodiscard]] QByteArray headerValue(const HttpHeaders &headers, QByteArrayView name);
/// Replaces every header @p name (case-insensitive) with one of value @p value.
void setHeaderValue(HttpHeaders &headers, const QByteArray &name, const QByteArray &value);
/// Removes every header @p name (case-insensitive).
void removeHeader(HttpHeaders &headers, QByteArrayView name);

/**
 * @brief The Key Vault challenge answered before an attempt, as the
 * authentication policy saw it (for the journal and the flow explainer).
 */
struct ChallengeInfo
{
    enum class Origin {
        Answered, ///< a 401 with WWW-Authenticate came back and was answered
        Cached,   ///< the vault's challenge was known, the token went at once
    };
    Origin origin = Origin::Answered;
    QByteArray wwwAuthenticate; ///< the header as received (holds no secret)
    QString authority;          ///< authorization URI from the challenge
    QString tenantId;           ///< the tenant the challenge names
    QString resource;           ///< resource or scope from the challenge
};

/**
 * @brief What the policies know about a request beyond its bytes.
 *
 * The client fills service, operation, scopes and tenant; the policies add
 * the client request id, the attempt number, the token's provenance and the
 * challenge. Nothing here is secret: the token itself travels only in the
 * Authorization header.
 */
struct RequestContext
{
    Service service = Service::Other;
    QString operation;              ///< what the call does, in words ("list secrets")
    QStringList scopes;             ///< token scopes; empty: the request is not authenticated
    QString tenantId;               ///< tenant to ask the token for; empty: the credential's own
    bool idempotent = false;        ///< safe to resend after a dropped connection
    QString clientRequestId;        ///< set by the client-request-id policy
    int attempt = 1;                ///< set by the retry policy, from 1
    std::optional<TokenInfo> token; ///< set by the authentication policy
    std::optional<ChallengeInfo> challenge; ///< set by the authentication policy
    bool bodyIsSecret = false;              ///< the request or answer body may carry a secret value
};

/// One HTTP request travelling through the pipeline.
struct HttpRequest
{
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    HttpHeaders headers;
    QByteArray body;
    RequestContext context;

    [[nodiscard]] QByteArray header(QByteArrayView name) const
    {
        return headerValue(headers, name);
    }
    void setHeader(const QByteArray &name, const QByteArray &value)
    {
        setHeaderValue(headers, name, value);
    }
    /// GET, HEAD, PUT, DELETE and OPTIONS are; other methods only when the client says so.
    [[nodiscard]] bool isIdempotent() const;
};

/// The answer to one HttpRequest, or the network error that stood in for it.
struct HttpResponse
{
    int status = 0; ///< 0: no HTTP answer came (see networkError)
    HttpHeaders headers;
    QByteArray body;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorString;
    QDateTime started;      ///< when the last attempt was sent (UTC)
    qint64 durationMs = 0;  ///< of the last attempt
    RequestContext context; ///< the request's context as it was sent
    /// Set when a policy stopped the request on this side (no token could be had, a
    /// challenge failed verification); status is then that of the last answer, if any.
    AzureError failure;

    [[nodiscard]] QByteArray header(QByteArrayView name) const
    {
        return headerValue(headers, name);
    }
    [[nodiscard]] bool hasHttpAnswer() const { return status > 0; }
    [[nodiscard]] bool isSuccess() const { return status >= 200 && status < 300; }
};

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace vl {

struct HttpResponse;

/**
 * @brief Why a call to Entra ID, Resource Manager, Key Vault or Graph failed,
 * parsed from the status, the error codes and the message.
 *
 * The kind says which stage of the flow failed; the detail fields carry the
 * evidence the flow explainer and the remedies need (the client address of a
 * firewall denial, the principal and missing permission of an access policy
 * denial, the action of an RBAC denial, the tenant of a wrong-tenant token).
 */
struct AzureError
{
    enum class Kind {
        None,            ///< no error
        Network,         ///< no HTTP answer: DNS, TLS, refused, timed out, dropped
        Unauthenticated, ///< 401, or a token could not be had (invalid_grant, ...)
        Firewall,        ///< 403 ForbiddenByFirewall: the client address is not allowed
        Connection,      ///< 403 ForbiddenByConnection: public access disabled / private link
        Policy,          ///< 403 ForbiddenByPolicy: an access policy lacks the permission
        Rbac,            ///< 403 ForbiddenByRbac or AuthorizationFailed: no role allows the action
        NotFound,        ///< 404
        Conflict,        ///< 409, 412, or the object's state refuses (403 SecretDisabled, ...)
        Throttled,       ///< 429
        Server,          ///< 5xx
        Malformed,       ///< the answer could not be read, or 400 bad parameter
        Cancelled,       ///< the caller cancelled
    };

    Kind kind = Kind::None;
    int status = 0;             ///< HTTP status, 0 when there was no answer
    QString code;               ///< error.code, or the OAuth `error`
    QString innerCode;          ///< error.innererror.code (Key Vault), or "AADSTS70011"
    QString message;            ///< the service's message, or the network error text
    QString requestId;          ///< x-ms-request-id (or the Entra ID trace id)
    QString clientRequestId;    ///< x-ms-client-request-id sent
    QByteArray wwwAuthenticate; ///< the WWW-Authenticate header of a 401 (holds no secret)

    // Evidence parsed from the message, when present.
    QString clientAddress;     ///< Firewall: "Client address: 203.0.113.7"
    QString callerObjectId;    ///< Policy/Rbac: the caller's oid
    QString callerAppId;       ///< Policy/Rbac: the caller's appid
    QString callerTenantId;    ///< the caller's tid, or the token's tenant (AKV10032)
    QString callerName;        ///< AuthorizationFailed: the client's UPN or application id
    QString expectedTenantId;  ///< AKV10032: the vault's tenant
    QString vaultName;         ///< Policy: "Vault: kv-name;location=..."
    QString missingPermission; ///< Policy: "secrets get"-style permission, kind and name
    QString action;            ///< Rbac: the data action or Resource Manager action
    QString scope;             ///< Rbac (AuthorizationFailed): the scope
    QString decisionReason;    ///< Rbac: "DeniedWithNoValidRBAC" (and a deny assignment's id)

    [[nodiscard]] bool isError() const { return kind != Kind::None; }

    /// Parses a finished exchange (status, headers, body) into an error; kind None for 2xx/3xx.
    [[nodiscard]] static AzureError fromResponse(const HttpResponse &response);
    /// Parses the parts of an answer.
    [[nodiscard]] static AzureError fromParts(int status,
                                              const QList<QPair<QByteArray, QByteArray>> &headers,
                                              const QByteArray &body);
    /**
     * Parses text pasted from another tool: a JSON body, an SDK exception (Python and the
     * Azure CLI's "(Code) message / Code: / Message: / Inner error: {...}", .NET's
     * "Status: 403 (Forbidden) / ErrorCode: / Content: {...} / Headers:", JavaScript's
     * RestError), a PowerShell or portal message, or a bare service message. Kind None
     * when nothing in it is recognised; status 0 when the text does not say.
     */
    [[nodiscard]] static AzureError fromText(const QString &text);
    /// An error for a network failure with no HTTP answer.
    [[nodiscard]] static AzureError network(const QString &message);
    /// An error of @p kind with @p message, for failures found on this side.
    [[nodiscard]] static AzureError make(Kind kind, const QString &message);

    /// "Firewall", "Access policy", ...: the kind in words (translated).
    [[nodiscard]] static QString kindName(Kind kind);
    /// One line for a banner or a log: kind, code and message (never a secret).
    [[nodiscard]] QString summary() const;
    /// Fills the evidence fields (client address, caller, vault, permission, action,
    /// scope, tenants) from `message` and `wwwAuthenticate`; fields already set are kept.
    void extractEvidence();
};

} // namespace vl

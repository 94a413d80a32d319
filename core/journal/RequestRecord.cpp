// SPDX-License-Identifier: GPL-3.0-or-later
#include "journal/RequestRecord.h"

#include "http/AzureErrorParsing.h"
#include "journal/Redaction.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace vl {
namespace {

constexpr qsizetype MaxKeptBody = 64 * 1024;

RequestContext mergedContext(const RequestContext &request, const RequestContext &response)
{
    RequestContext c = request;
    if (c.service == Service::Other)
        c.service = response.service;
    if (c.operation.isEmpty())
        c.operation = response.operation;
    if (c.clientRequestId.isEmpty())
        c.clientRequestId = response.clientRequestId;
    if (!c.token)
        c.token = response.token;
    if (!c.challenge)
        c.challenge = response.challenge;
    if (c.attempt < response.attempt)
        c.attempt = response.attempt;
    c.bodyIsSecret = c.bodyIsSecret || response.bodyIsSecret;
    return c;
}

/// A service's error document: the only body the journal keeps.
bool isErrorBody(int status, const QByteArray &body)
{
    if (status < 400 || body.isEmpty() || body.size() > MaxKeptBody)
        return false;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject())
        return false;
    AzureError probe;
    return errorparsing::readErrorDocument(probe, doc.object());
}

void scrubError(AzureError &e, const QByteArrayList &secrets)
{
    if (secrets.isEmpty())
        return;
    for (QString *field :
         {&e.code, &e.innerCode, &e.message, &e.requestId, &e.clientRequestId, &e.clientAddress,
          &e.callerObjectId, &e.callerAppId, &e.callerTenantId, &e.callerName, &e.expectedTenantId,
          &e.vaultName, &e.missingPermission, &e.action, &e.scope, &e.decisionReason})
        *field = redaction::scrub(*field, secrets);
    e.wwwAuthenticate = redaction::scrub(QString::fromUtf8(e.wwwAuthenticate), secrets).toUtf8();
}

} // namespace

RequestRecord RequestRecord::capture(const HttpRequest &request, const HttpResponse &response)
{
    const RequestContext context = mergedContext(request.context, response.context);
    const QByteArrayList secrets = redaction::secretsOf(request);

    RequestRecord r;
    r.started =
        response.started.isValid() ? response.started.toUTC() : QDateTime::currentDateTimeUtc();
    r.durationMs = response.durationMs;
    r.service = context.service;
    r.operation = context.operation;
    r.method = request.method;
    r.url = redaction::url(request.url);
    r.status = response.status;
    r.requestHeaders = redaction::headers(request.headers);
    r.responseHeaders = redaction::headers(response.headers);
    r.clientRequestId = context.clientRequestId;
    if (r.clientRequestId.isEmpty())
        r.clientRequestId = QString::fromUtf8(request.header("x-ms-client-request-id"));
    r.attempt = context.attempt;
    r.token = context.token;
    r.challenge = context.challenge;

    if (!response.hasHttpAnswer()) {
        QString text = response.networkErrorString;
        // Qt's messages quote the URL: quote the redacted one instead.
        for (const auto format : {QUrl::FullyEncoded, QUrl::PrettyDecoded})
            text.replace(request.url.toString(format), r.url.toString(format));
        text.replace(request.url.toDisplayString(), r.url.toDisplayString());
        r.networkError = redaction::scrub(text, secrets);
    }

    r.error = AzureError::fromResponse(response);
    if (r.error.clientRequestId.isEmpty())
        r.error.clientRequestId = r.clientRequestId;
    if (!response.hasHttpAnswer())
        r.error.message = r.networkError;
    scrubError(r.error, secrets);

    if (r.error.isError() && isErrorBody(response.status, response.body)
        && !redaction::containsAny(response.body, secrets))
        r.responseBody = response.body;
    return r;
}

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/IdentityRequests.h"

#include "util/Future.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace vl::identity {
namespace {

/// The first line of an Entra ID description: its Trace ID, Correlation ID and
/// Timestamp lines are kept in the error's own fields.
QString firstLine(const QString &description)
{
    const qsizetype end = description.indexOf(QRegularExpression(u"[\r\n]"_s));
    return (end < 0 ? description : description.left(end)).trimmed();
}

} // namespace

QByteArray formEncode(const FormFields &fields)
{
    QByteArray out;
    for (const auto &[name, value] : fields) {
        if (!out.isEmpty())
            out.append('&');
        out.append(QUrl::toPercentEncoding(name));
        out.append('=');
        out.append(QUrl::toPercentEncoding(value));
    }
    return out;
}

bool isValidTenantId(const QString &tenantId)
{
    static const QRegularExpression valid(u"^[A-Za-z0-9._-]+$"_s);
    return valid.match(tenantId).hasMatch() && tenantId != "."_L1 && tenantId != ".."_L1;
}

AzureError unauthenticated(const QString &message)
{
    return AzureError::make(AzureError::Kind::Unauthenticated, message);
}

Result<QString> resolveTenant(const QString &ownTenant, const QString &requested,
                              const QStringList &allowed, const QString &credentialName)
{
    if (requested.isEmpty() || requested.compare(ownTenant, Qt::CaseInsensitive) == 0
        || ownTenant.compare("adfs"_L1, Qt::CaseInsensitive) == 0)
        return ownTenant;
    const bool permitted =
        allowed.contains(u"*"_s) || allowed.contains(requested, Qt::CaseInsensitive);
    if (!permitted)
        return unauthenticated(
            QCoreApplication::translate(
                "vl::identity",
                "The %1 credential is set up for tenant %2 and is not allowed to get tokens for "
                "tenant %3. Add %3 to its additionally allowed tenants, or sign in to that tenant.")
                .arg(credentialName, ownTenant, requested));
    return requested;
}

Result<QUrl> tokenEndpoint(const QUrl &authorityHost, const QString &tenantId)
{
    if (!authorityHost.isValid() || authorityHost.host().isEmpty()
        || authorityHost.scheme() != "https"_L1)
        return unauthenticated(QCoreApplication::translate(
                                   "vl::identity", "The authority host '%1' is not an https URL.")
                                   .arg(authorityHost.toString()));
    if (!isValidTenantId(tenantId))
        return unauthenticated(
            QCoreApplication::translate(
                "vl::identity",
                "'%1' is not a valid tenant id: use the tenant's GUID or one of its domains.")
                .arg(tenantId));
    QUrl url = authorityHost;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u'/' + tenantId + "/oauth2/v2.0/token"_L1);
    url.setQuery(QString());
    return url;
}

HttpRequest tokenRequest(const QUrl &endpoint, const FormFields &form)
{
    HttpRequest request;
    request.method = "POST"_ba;
    request.url = endpoint;
    request.body = formEncode(form);
    request.setHeader("Content-Type"_ba, "application/x-www-form-urlencoded;charset=utf-8"_ba);
    request.setHeader("Accept"_ba, "application/json"_ba);
    request.context.service = Service::EntraId;
    request.context.operation = u"get token"_s;
    request.context.bodyIsSecret = true;
    // A token request changes nothing: sending it again after a dropped connection is safe.
    request.context.idempotent = true;
    return request;
}

std::optional<QDateTime> parseExpiresOn(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double seconds = value.toDouble();
        if (!std::isfinite(seconds) || seconds <= 0 || seconds > 253402300799.0)
            return std::nullopt;
        return QDateTime::fromSecsSinceEpoch(qint64(seconds), Qt::UTC);
    }
    if (!value.isString())
        return std::nullopt;
    const QString text = value.toString().trimmed();
    bool numeric = false;
    const double seconds = text.toDouble(&numeric);
    if (numeric)
        return parseExpiresOn(QJsonValue(seconds));
    // ISO 8601, and App Service's older "MM/dd/yyyy HH:mm:ss +00:00".
    QDateTime date = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!date.isValid())
        date = QDateTime::fromString(text, u"MM/dd/yyyy HH:mm:ss t"_s);
    if (!date.isValid()) {
        QString withoutOffset = text;
        withoutOffset.remove(QRegularExpression(u"\\s*[+-]\\d\\d:\\d\\d$"_s));
        date = QDateTime::fromString(withoutOffset, u"M/d/yyyy H:mm:ss"_s);
        if (date.isValid())
            date.setTimeSpec(Qt::UTC);
    }
    if (!date.isValid())
        return std::nullopt;
    return date.toUTC();
}

AzureError tokenError(const HttpResponse &response)
{
    if (response.failure.isError())
        return response.failure;
    if (!response.hasHttpAnswer()) {
        AzureError e = AzureError::network(
            response.networkErrorString.isEmpty()
                ? QCoreApplication::translate("vl::identity",
                                              "The identity endpoint %1 did not answer.")
                      .arg(response.context.operation)
                : response.networkErrorString);
        e.clientRequestId = response.context.clientRequestId;
        return e;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(response.body);
    const QJsonObject o = doc.object();
    const QString oauthError = o.value("error"_L1).toString();
    if (oauthError.isEmpty() || response.status == 429 || response.status >= 500) {
        AzureError e = AzureError::fromResponse(response);
        if (e.kind == AzureError::Kind::None || e.kind == AzureError::Kind::Malformed)
            e.kind = response.status >= 500 ? AzureError::Kind::Server
                                            : AzureError::Kind::Unauthenticated;
        return e;
    }
    const QString description = o.value("error_description"_L1).toString();
    AzureError e = unauthenticated(description.isEmpty() ? oauthError : firstLine(description));
    e.status = response.status;
    e.code = oauthError;
    const QJsonArray codes = o.value("error_codes"_L1).toArray();
    if (!codes.isEmpty() && codes.first().isDouble()) {
        e.innerCode = u"AADSTS"_s + QString::number(codes.first().toInteger());
    } else {
        static const QRegularExpression aadsts(u"\\b(AADSTS\\d+)"_s);
        e.innerCode = aadsts.match(description).captured(1);
    }
    e.requestId = o.value("trace_id"_L1).toString();
    if (e.requestId.isEmpty())
        e.requestId = QString::fromLatin1(response.header("x-ms-request-id"));
    e.clientRequestId = response.context.clientRequestId;
    if (e.clientRequestId.isEmpty())
        e.clientRequestId = o.value("correlation_id"_L1).toString();
    return e;
}

Result<AccessToken> readTokenAnswer(const HttpResponse &response, const QDateTime &now,
                                    TokenSource source, const QString &credentialName)
{
    if (!response.isSuccess() || response.failure.isError())
        return tokenError(response);
    const QJsonObject o = QJsonDocument::fromJson(response.body).object();
    const QString token = o.value("access_token"_L1).toString();
    if (token.isEmpty()) {
        AzureError e = AzureError::make(
            AzureError::Kind::Malformed,
            QCoreApplication::translate(
                "vl::identity", "The identity endpoint answered %1 without an access token.")
                .arg(response.status));
        e.status = response.status;
        return e;
    }
    AccessToken t;
    t.token = token.toUtf8();
    t.source = source;
    t.credential = credentialName;
    if (const auto on = parseExpiresOn(o.value("expires_on"_L1))) {
        t.expiresOn = *on;
    } else {
        const QJsonValue in = o.value("expires_in"_L1);
        const double seconds = in.isString() ? in.toString().toDouble() : in.toDouble();
        if (!(seconds > 0) || !std::isfinite(seconds)) {
            AzureError e = AzureError::make(
                AzureError::Kind::Malformed,
                QCoreApplication::translate(
                    "vl::identity",
                    "The identity endpoint's answer says neither expires_on nor expires_in."));
            e.status = response.status;
            return e;
        }
        t.expiresOn = now.toUTC().addSecs(qint64(seconds));
    }
    return t;
}

QFuture<Result<AccessToken>> requestToken(const CredentialOptions &options, HttpRequest request,
                                          TokenSource source, const QString &credentialName)
{
    if (!options.pipeline)
        return readyFuture(Result<AccessToken>(unauthenticated(
            QCoreApplication::translate("vl::identity",
                                        "The %1 credential has no pipeline to reach the identity "
                                        "endpoint.")
                .arg(credentialName))));
    const Clock *clock = &options.clockOrSystem();
    return options.pipeline->send(std::move(request))
        .then([clock, source, credentialName](const HttpResponse &response) {
            return readTokenAnswer(response, clock->now(), source, credentialName);
        });
}

} // namespace vl::identity

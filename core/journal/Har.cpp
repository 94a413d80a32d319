// SPDX-License-Identifier: GPL-3.0-or-later
#include "journal/Har.h"

#include "auth/Jwt.h"
#include "journal/FlowExplainer.h"
#include "journal/RequestJournal.h"
#include "journal/RequestRecordSerializer.h"
#include "util/Json.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace vl::har {
namespace {

/// The translation context of the archive's messages.
struct HarText
{
    Q_DECLARE_TR_FUNCTIONS(vl::har)
};

constexpr auto HttpVersion = "HTTP/1.1"_L1;
constexpr auto ContextKey = "_vaultlens"_L1;

QString statusText(int status)
{
    switch (status) {
    case 200:
        return u"OK"_s;
    case 201:
        return u"Created"_s;
    case 202:
        return u"Accepted"_s;
    case 204:
        return u"No Content"_s;
    case 302:
        return u"Found"_s;
    case 304:
        return u"Not Modified"_s;
    case 400:
        return u"Bad Request"_s;
    case 401:
        return u"Unauthorized"_s;
    case 403:
        return u"Forbidden"_s;
    case 404:
        return u"Not Found"_s;
    case 405:
        return u"Method Not Allowed"_s;
    case 409:
        return u"Conflict"_s;
    case 412:
        return u"Precondition Failed"_s;
    case 429:
        return u"Too Many Requests"_s;
    case 500:
        return u"Internal Server Error"_s;
    case 502:
        return u"Bad Gateway"_s;
    case 503:
        return u"Service Unavailable"_s;
    case 504:
        return u"Gateway Timeout"_s;
    default:
        return {};
    }
}

// ---- export -------------------------------------------------------------------------------

QJsonArray headersJson(const HttpHeaders &headers)
{
    QJsonArray out;
    for (const auto &[name, value] : headers)
        out.append(QJsonObject{{u"name"_s, QString::fromLatin1(name)},
                               {u"value"_s, QString::fromUtf8(value)}});
    return out;
}

QJsonArray queryJson(const QUrl &url)
{
    QJsonArray out;
    const QUrlQuery query(url);
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded))
        out.append(QJsonObject{{u"name"_s, name}, {u"value"_s, value}});
    return out;
}

QJsonObject contextJson(const RequestRecord &r)
{
    QJsonObject o{
        {u"id"_s, QString::number(r.id)},
        {u"service"_s, serviceName(r.service)},
        {u"attempt"_s, r.attempt},
        {u"durationMs"_s, r.durationMs},
        {u"error"_s, journaljson::toJson(r.error)},
    };
    if (!r.operation.isEmpty())
        o.insert("operation"_L1, r.operation);
    if (!r.clientRequestId.isEmpty())
        o.insert("clientRequestId"_L1, r.clientRequestId);
    if (!r.networkError.isEmpty())
        o.insert("networkError"_L1, r.networkError);
    if (r.token)
        o.insert("token"_L1, journaljson::toJson(*r.token));
    if (r.challenge)
        o.insert("challenge"_L1, journaljson::toJson(*r.challenge));
    return o;
}

QJsonObject entryJson(const RequestRecord &r)
{
    const QJsonObject request{
        {u"method"_s, QString::fromLatin1(r.method)},
        {u"url"_s, r.url.toString(QUrl::FullyEncoded)},
        {u"httpVersion"_s, HttpVersion},
        {u"headers"_s, headersJson(r.requestHeaders)},
        {u"queryString"_s, queryJson(r.url)},
        {u"cookies"_s, QJsonArray()},
        {u"headersSize"_s, -1},
        {u"bodySize"_s, -1},
    };

    QJsonObject content{{u"mimeType"_s, QString::fromUtf8(r.responseHeader("Content-Type"))}};
    bool sizeKnown = false;
    const qint64 length = r.responseHeader("Content-Length").toLongLong(&sizeKnown);
    content.insert("size"_L1, sizeKnown ? length : qint64(r.responseBody.size()));
    if (!r.responseBody.isEmpty())
        content.insert("text"_L1, QString::fromUtf8(r.responseBody));

    QJsonObject response{
        {u"status"_s, r.status},
        {u"statusText"_s, statusText(r.status)},
        {u"httpVersion"_s, r.hasHttpAnswer() ? QString(HttpVersion) : QString()},
        {u"headers"_s, headersJson(r.responseHeaders)},
        {u"cookies"_s, QJsonArray()},
        {u"content"_s, content},
        {u"redirectURL"_s, QString()},
        {u"headersSize"_s, -1},
        {u"bodySize"_s, -1},
    };
    if (!r.hasHttpAnswer() && !r.networkError.isEmpty())
        response.insert("_error"_L1, r.networkError); // as browsers write a failed request

    return QJsonObject{
        {u"startedDateTime"_s, r.started.toUTC().toString(Qt::ISODateWithMs)},
        {u"time"_s, r.durationMs},
        {u"request"_s, request},
        {u"response"_s, response},
        {u"cache"_s, QJsonObject()},
        {u"timings"_s, QJsonObject{{u"send"_s, 0}, {u"wait"_s, r.durationMs}, {u"receive"_s, 0}}},
        {ContextKey, contextJson(r)},
    };
}

// ---- import -------------------------------------------------------------------------------

HttpHeaders headersFrom(const QJsonValue &value)
{
    HttpHeaders out;
    for (const QJsonValue &h : value.toArray()) {
        const QJsonObject o = h.toObject();
        const QString name = o.value("name"_L1).toString();
        if (!name.isEmpty())
            out.append({name.toLatin1(), o.value("value"_L1).toString().toUtf8()});
    }
    return out;
}

std::optional<Service> serviceFromName(const QString &name)
{
    for (const Service s : {Service::Other, Service::EntraId, Service::ResourceManager,
                            Service::KeyVault, Service::Graph, Service::ManagedIdentity})
        if (serviceName(s).compare(name, Qt::CaseInsensitive) == 0)
            return s;
    return std::nullopt;
}

TokenSource tokenSourceFromName(const QString &name)
{
    for (int i = int(TokenSource::None); i <= int(TokenSource::AzureCli); ++i)
        if (tokenSourceName(TokenSource(i)).compare(name, Qt::CaseInsensitive) == 0)
            return TokenSource(i);
    return TokenSource::None;
}

AzureError::Kind kindFromId(const QString &id)
{
    for (int i = int(AzureError::Kind::None); i <= int(AzureError::Kind::Cancelled); ++i)
        if (journaljson::kindId(AzureError::Kind(i)) == id)
            return AzureError::Kind(i);
    return AzureError::Kind::Malformed;
}

QDateTime dateFrom(const QJsonValue &value)
{
    QDateTime d = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!d.isValid())
        d = QDateTime::fromString(value.toString(), Qt::ISODate);
    return d.isValid() ? d.toUTC() : QDateTime();
}

TokenInfo tokenFrom(const QJsonObject &o)
{
    TokenInfo t;
    t.source = tokenSourceFromName(o.value("source"_L1).toString());
    t.credential = o.value("credential"_L1).toString();
    t.scopes = json::stringList(o.value("scopes"_L1));
    t.tenantId = o.value("tenantId"_L1).toString();
    t.expiresOn = dateFrom(o.value("expiresOn"_L1));
    t.claims = o.value("claims"_L1).toObject();
    return t;
}

ChallengeInfo challengeFrom(const QJsonObject &o)
{
    ChallengeInfo c;
    c.origin = o.value("origin"_L1).toString() == "cached"_L1 ? ChallengeInfo::Origin::Cached
                                                              : ChallengeInfo::Origin::Answered;
    c.wwwAuthenticate = o.value("wwwAuthenticate"_L1).toString().toUtf8();
    c.authority = o.value("authority"_L1).toString();
    c.tenantId = o.value("tenantId"_L1).toString();
    c.resource = o.value("resource"_L1).toString();
    return c;
}

AzureError errorFrom(const QJsonObject &o)
{
    AzureError e;
    e.kind = kindFromId(o.value("kind"_L1).toString());
    e.status = o.value("status"_L1).toInt();
    const std::pair<QLatin1StringView, QString *> fields[] = {
        {"code"_L1, &e.code},
        {"innerCode"_L1, &e.innerCode},
        {"message"_L1, &e.message},
        {"requestId"_L1, &e.requestId},
        {"clientRequestId"_L1, &e.clientRequestId},
        {"clientAddress"_L1, &e.clientAddress},
        {"callerObjectId"_L1, &e.callerObjectId},
        {"callerAppId"_L1, &e.callerAppId},
        {"callerTenantId"_L1, &e.callerTenantId},
        {"callerName"_L1, &e.callerName},
        {"expectedTenantId"_L1, &e.expectedTenantId},
        {"vaultName"_L1, &e.vaultName},
        {"missingPermission"_L1, &e.missingPermission},
        {"action"_L1, &e.action},
        {"scope"_L1, &e.scope},
        {"decisionReason"_L1, &e.decisionReason},
    };
    for (const auto &[key, field] : fields)
        *field = o.value(key).toString();
    e.wwwAuthenticate = o.value("wwwAuthenticate"_L1).toString().toUtf8();
    return e;
}

QByteArray bodyFrom(const QJsonObject &content)
{
    const QString text = content.value("text"_L1).toString();
    if (content.value("encoding"_L1).toString().compare("base64"_L1, Qt::CaseInsensitive) == 0)
        return QByteArray::fromBase64(text.toLatin1());
    return text.toUtf8();
}

QByteArray postDataFrom(const QJsonObject &request)
{
    const QJsonObject post = request.value("postData"_L1).toObject();
    if (post.contains("text"_L1))
        return post.value("text"_L1).toString().toUtf8();
    // Form parameters, as a browser may list them instead of the text.
    QUrlQuery form;
    for (const QJsonValue &p : post.value("params"_L1).toArray())
        form.addQueryItem(p.toObject().value("name"_L1).toString(),
                          p.toObject().value("value"_L1).toString());
    return form.toString(QUrl::FullyEncoded).toUtf8();
}

/// What a browser's archive tells of the bearer token a request carried: its decoded
/// claims, never the token itself.
std::optional<TokenInfo> tokenOfHeader(const QByteArray &authorization)
{
    const QByteArray value = authorization.trimmed();
    if (!value.startsWith("Bearer ") && !value.startsWith("bearer "))
        return std::nullopt;
    TokenInfo t;
    t.credential = HarText::tr("recorded in an HTTP archive");
    if (const Result<TokenClaims> claims = Jwt::claims(value.mid(7).trimmed()); claims.ok()) {
        t.claims = claims->raw;
        t.expiresOn = claims->expiresOn;
        t.tenantId = t.claims.value("tid"_L1).toString();
        if (const QString aud = t.claims.value("aud"_L1).toString(); !aud.isEmpty())
            t.scopes = {QString(aud + u"/.default"_s)};
    }
    return t;
}

Result<RequestRecord> recordFrom(const QJsonObject &entry, int index)
{
    const QJsonObject requestJson = entry.value("request"_L1).toObject();
    const QJsonObject responseJson = entry.value("response"_L1).toObject();
    const QUrl url(requestJson.value("url"_L1).toString(), QUrl::StrictMode);
    if (requestJson.isEmpty() || !url.isValid() || url.isEmpty())
        return AzureError::make(
            AzureError::Kind::Malformed,
            HarText::tr("Entry %1 of the archive has no request with a valid URL").arg(index + 1));
    const QJsonObject context = entry.value(ContextKey).toObject();
    const bool ours = entry.value(ContextKey).isObject();

    // Rebuild the exchange as the pipeline had it, and capture it as the journal does:
    // the same redaction, the same reading of the answer.
    HttpRequest request;
    request.method = requestJson.value("method"_L1).toString(u"GET"_s).toLatin1();
    request.url = url;
    request.headers = headersFrom(requestJson.value("headers"_L1));
    request.body = postDataFrom(requestJson);
    RequestContext &c = request.context;
    c.service = serviceFromName(context.value("service"_L1).toString()).value_or(Service::Other);
    c.operation = context.value("operation"_L1).toString();
    c.clientRequestId = context.value("clientRequestId"_L1).toString();
    c.attempt = std::max(1, context.value("attempt"_L1).toInt(1));
    if (context.value("token"_L1).isObject())
        c.token = tokenFrom(context.value("token"_L1).toObject());
    if (context.value("challenge"_L1).isObject())
        c.challenge = challengeFrom(context.value("challenge"_L1).toObject());
    // A browser's archive may carry secret bodies: treat them all as such.
    c.bodyIsSecret = !ours;
    if (!ours) {
        c.token = tokenOfHeader(request.header("Authorization"));
        for (const QByteArrayView name : {"x-ms-client-request-id", "client-request-id"})
            if (c.clientRequestId.isEmpty())
                c.clientRequestId = QString::fromUtf8(request.header(name));
    }

    HttpResponse response;
    response.status = std::max(0, responseJson.value("status"_L1).toInt());
    response.headers = headersFrom(responseJson.value("headers"_L1));
    response.body = bodyFrom(responseJson.value("content"_L1).toObject());
    response.started = dateFrom(entry.value("startedDateTime"_L1));
    const QJsonValue duration = context.value("durationMs"_L1);
    response.durationMs =
        duration.isDouble()
            ? duration.toInteger()
            : qint64(std::llround(std::max(0.0, entry.value("time"_L1).toDouble())));
    const AzureError stored = context.value("error"_L1).isObject()
                                  ? errorFrom(context.value("error"_L1).toObject())
                                  : AzureError();
    if (response.status == 0) {
        response.networkErrorString = context.value("networkError"_L1).toString();
        if (response.networkErrorString.isEmpty())
            response.networkErrorString = responseJson.value("_error"_L1).toString();
        response.networkError = stored.kind == AzureError::Kind::Cancelled
                                    ? QNetworkReply::OperationCanceledError
                                    : QNetworkReply::UnknownNetworkError;
    }

    RequestRecord r = RequestRecord::capture(request, response);
    r.id = quint64(index) + 1;
    if (!ours) {
        r.service = serviceOfUrl(r.url);
        if (r.service == Service::Other && r.error.isError())
            r.service = FlowExplainer::guessService(r.error);
    } else if (stored.kind != AzureError::Kind::None || r.error.kind == AzureError::Kind::None) {
        // The error as parsed from the whole answer, when the archive kept it; the
        // answer's body is kept only when it is an error document.
        r.error = stored;
        if (r.error.clientRequestId.isEmpty())
            r.error.clientRequestId = r.clientRequestId;
    }
    return r;
}

} // namespace

Service serviceOfUrl(const QUrl &url)
{
    const QString host = url.host().toLower();
    const QString path = url.path();
    const auto under = [&host](QLatin1StringView domain) {
        return host == domain || host.endsWith(QString(u'.' + domain));
    };
    if (host.contains(".vault."_L1) || host.contains(".vaultcore."_L1)
        || host.contains(".managedhsm."_L1))
        return Service::KeyVault;
    if (host.startsWith("management."_L1) || under("management.azure.com"_L1))
        return Service::ResourceManager;
    if (host.startsWith("login."_L1) || under("login.microsoftonline.com"_L1))
        return Service::EntraId;
    if (host.startsWith("graph."_L1) || under("graph.microsoft.com"_L1))
        return Service::Graph;
    if (host == "169.254.169.254"_L1 || path.startsWith("/metadata/identity"_L1)
        || path.startsWith("/msi/token"_L1))
        return Service::ManagedIdentity;
    if (path.startsWith("/secrets"_L1) || path.startsWith("/keys"_L1)
        || path.startsWith("/certificates"_L1) || path.startsWith("/deletedsecrets"_L1)
        || path.startsWith("/deletedkeys"_L1) || path.startsWith("/deletedcertificates"_L1))
        return Service::KeyVault;
    if (path.startsWith("/subscriptions"_L1) || path.startsWith("/providers/"_L1)
        || path.startsWith("/tenants"_L1))
        return Service::ResourceManager;
    if (path.contains("/oauth2/"_L1))
        return Service::EntraId;
    if (path.startsWith("/v1.0/"_L1) || path.startsWith("/beta/"_L1))
        return Service::Graph;
    return Service::Other;
}

QJsonObject exportHar(const QList<RequestRecord> &records, const QString &creatorVersion)
{
    QJsonArray entries;
    for (const RequestRecord &r : records)
        entries.append(entryJson(r));
    return QJsonObject{
        {u"log"_s,
         QJsonObject{
             {u"version"_s, u"1.2"_s},
             {u"creator"_s,
              QJsonObject{{u"name"_s, u"VaultLens"_s}, {u"version"_s, creatorVersion}}},
             {u"pages"_s, QJsonArray()},
             {u"entries"_s, entries},
         }},
    };
}

Result<QList<RequestRecord>> importHar(const QByteArray &json)
{
    const auto malformed = [](const QString &message) {
        return AzureError::make(AzureError::Kind::Malformed, message);
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return malformed(HarText::tr("The file is not JSON: %1 (at byte %2)")
                             .arg(parseError.errorString())
                             .arg(parseError.offset));
    if (!doc.isObject() || !doc.object().value("log"_L1).isObject())
        return malformed(HarText::tr("The file is not an HTTP archive (HAR): it has no log"));
    const QJsonObject log = doc.object().value("log"_L1).toObject();
    const QString version = log.value("version"_L1).toString();
    if (version != "1.2"_L1 && version != "1.1"_L1)
        return malformed(version.isEmpty()
                             ? HarText::tr("The HTTP archive does not say its version")
                             : HarText::tr("The HTTP archive is of version %1; versions 1.1 "
                                           "and 1.2 can be read")
                                   .arg(version));
    if (!log.value("entries"_L1).isArray())
        return malformed(HarText::tr("The HTTP archive has no entries"));

    QList<RequestRecord> out;
    const QJsonArray entries = log.value("entries"_L1).toArray();
    out.reserve(entries.size());
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (!entries.at(i).isObject())
            return malformed(HarText::tr("Entry %1 of the archive is not an object").arg(i + 1));
        Result<RequestRecord> record = recordFrom(entries.at(i).toObject(), int(i));
        if (!record.ok())
            return record.error();
        out.append(std::move(*record));
    }
    return out;
}

bool exportHarFile(const RequestJournal &journal, const QString &path, QString *error)
{
    const QJsonObject har = exportHar(journal.records(), QCoreApplication::applicationVersion());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(QJsonDocument(har).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

Result<QList<RequestRecord>> importHarFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return AzureError::make(AzureError::Kind::Malformed,
                                HarText::tr("Could not read %1: %2").arg(path, file.errorString()));
    return importHar(file.readAll());
}

} // namespace vl::har

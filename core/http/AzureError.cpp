// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/AzureError.h"

#include "http/AzureErrorParsing.h"
#include "http/HttpTypes.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace vl {
namespace {

constexpr qsizetype MaxMessageLength = 4000;

QString headerText(const HttpHeaders &headers, QByteArrayView name)
{
    return QString::fromUtf8(headerValue(headers, name)).trimmed();
}

/// A JSON value that is a string, or the `value` of an OData `{"lang","value"}` message.
QString textOf(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isObject())
        return value.toObject().value("value"_L1).toString();
    return {};
}

QJsonValue anyCase(const QJsonObject &object, QLatin1StringView lower, QLatin1StringView upper)
{
    const QJsonValue v = object.value(lower);
    return v.isUndefined() ? object.value(upper) : v;
}

/// The readable part of a body that is not JSON: an HTML page's title, or the text.
QString plainText(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(64 * 1024));
    static const QRegularExpression title(u"<title>([^<]*)</title>"_s,
                                          QRegularExpression::CaseInsensitiveOption);
    if (const auto m = title.match(text); m.hasMatch())
        return m.captured(1).simplified();
    if (text.contains("<html"_L1, Qt::CaseInsensitive))
        return {};
    text = text.trimmed();
    return text.left(MaxMessageLength);
}

void readInnerErrors(AzureError &error, const QJsonObject &errorObject)
{
    QJsonObject inner = anyCase(errorObject, "innererror"_L1, "innerError"_L1).toObject();
    for (int depth = 0; !inner.isEmpty() && depth < 8; ++depth) {
        const QString code = errorparsing::codeOf(inner);
        if (error.innerCode.isEmpty() && !code.isEmpty())
            error.innerCode = code;
        // Graph puts its request ids here.
        if (error.requestId.isEmpty())
            error.requestId = inner.value("request-id"_L1).toString();
        if (error.clientRequestId.isEmpty())
            error.clientRequestId = inner.value("client-request-id"_L1).toString();
        inner = anyCase(inner, "innererror"_L1, "innerError"_L1).toObject();
    }
}

void readErrorObject(AzureError &error, const QJsonObject &o)
{
    if (error.code.isEmpty())
        error.code = errorparsing::codeOf(o);
    if (error.message.isEmpty())
        error.message = textOf(anyCase(o, "message"_L1, "Message"_L1)).left(MaxMessageLength);
    readInnerErrors(error, o);
    // Resource Manager: the details of a generic error carry the specific one.
    const QJsonArray details = o.value("details"_L1).toArray();
    for (const QJsonValue &d : details) {
        const QJsonObject detail = d.toObject();
        const QString code = errorparsing::codeOf(detail);
        if (error.innerCode.isEmpty() && !code.isEmpty() && code != error.code)
            error.innerCode = code;
        if (error.message.isEmpty())
            error.message = textOf(detail.value("message"_L1)).left(MaxMessageLength);
    }
}

void readOAuthError(AzureError &error, const QJsonObject &o)
{
    if (error.code.isEmpty())
        error.code = o.value("error"_L1).toString();
    if (error.message.isEmpty())
        error.message = o.value("error_description"_L1).toString().left(MaxMessageLength);
    if (error.innerCode.isEmpty()) {
        const QJsonArray codes = o.value("error_codes"_L1).toArray();
        if (!codes.isEmpty() && codes.first().isDouble())
            error.innerCode = u"AADSTS"_s + QString::number(codes.first().toInteger());
    }
    if (error.requestId.isEmpty())
        error.requestId = o.value("trace_id"_L1).toString();
    if (error.clientRequestId.isEmpty())
        error.clientRequestId = o.value("correlation_id"_L1).toString();
}

void readChallenge(AzureError &error)
{
    if (error.wwwAuthenticate.isEmpty())
        return;
    const QString challenge = QString::fromUtf8(error.wwwAuthenticate);
    static const QRegularExpression param(uR"re((\w+)="([^"]*)")re"_s);
    for (auto it = param.globalMatch(challenge); it.hasNext();) {
        const auto m = it.next();
        const QString name = m.captured(1).toLower();
        if (name == "error"_L1 && error.code.isEmpty())
            error.code = m.captured(2);
        else if (name == "error_description"_L1 && error.message.isEmpty())
            error.message = m.captured(2);
    }
}

/// The translation context of the kinds' names and messages.
struct AzureErrorText
{
    Q_DECLARE_TR_FUNCTIONS(vl::AzureError)
};

} // namespace

namespace errorparsing {

QString codeOf(const QJsonObject &object)
{
    return anyCase(object, "code"_L1, "Code"_L1).toString();
}

bool readErrorDocument(AzureError &error, const QJsonObject &object)
{
    const QJsonValue e = object.value("error"_L1);
    if (e.isObject()) {
        readErrorObject(error, e.toObject());
        return true;
    }
    if (e.isString()) {
        readOAuthError(error, object);
        return true;
    }
    const QJsonValue odata = object.value("odata.error"_L1);
    if (odata.isObject()) {
        readErrorObject(error, odata.toObject());
        return true;
    }
    if (!anyCase(object, "code"_L1, "Code"_L1).isUndefined()
        || !anyCase(object, "message"_L1, "Message"_L1).isUndefined()) {
        readErrorObject(error, object);
        return true;
    }
    return false;
}

int statusFromReason(const QString &reason)
{
    static const QHash<QString, int> statuses{
        {u"badrequest"_s, 400},       {u"unauthorized"_s, 401},
        {u"forbidden"_s, 403},        {u"notfound"_s, 404},
        {u"methodnotallowed"_s, 405}, {u"requesttimeout"_s, 408},
        {u"conflict"_s, 409},         {u"preconditionfailed"_s, 412},
        {u"toomanyrequests"_s, 429},  {u"internalservererror"_s, 500},
        {u"badgateway"_s, 502},       {u"serviceunavailable"_s, 503},
        {u"gatewaytimeout"_s, 504},
    };
    QString key = reason.toLower();
    key.remove(u' ');
    return statuses.value(key, 0);
}

} // namespace errorparsing

AzureError AzureError::fromResponse(const HttpResponse &response)
{
    AzureError error;
    if (!response.hasHttpAnswer()) {
        const QString text = response.networkErrorString.isEmpty()
                                 ? AzureErrorText::tr("No answer came from the service")
                                 : response.networkErrorString;
        error = response.networkError == QNetworkReply::OperationCanceledError
                    ? make(Kind::Cancelled, text)
                    : network(text);
    } else {
        error = fromParts(response.status, response.headers, response.body);
    }
    if (error.clientRequestId.isEmpty())
        error.clientRequestId = response.context.clientRequestId;
    return error;
}

AzureError AzureError::fromParts(int status, const QList<QPair<QByteArray, QByteArray>> &headers,
                                 const QByteArray &body)
{
    AzureError error;
    error.status = status;
    error.requestId = headerText(headers, "x-ms-request-id");
    if (error.requestId.isEmpty())
        error.requestId = headerText(headers, "request-id");
    error.clientRequestId = headerText(headers, "x-ms-client-request-id");
    if (error.clientRequestId.isEmpty())
        error.clientRequestId = headerText(headers, "client-request-id");
    if (status >= 200 && status < 400)
        return error;
    error.wwwAuthenticate = headerValue(headers, "WWW-Authenticate");

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()
        || !errorparsing::readErrorDocument(error, document.object()))
        error.message = plainText(body);
    readChallenge(error);
    if (status <= 0 && error.message.isEmpty())
        error.message = AzureErrorText::tr("No answer came from the service");
    error.extractEvidence();
    error.kind = status <= 0 ? Kind::Network : errorparsing::classify(error);

    // The address the vault saw, when its firewall message does not name it.
    if ((error.kind == Kind::Firewall || error.kind == Kind::Connection)
        && error.clientAddress.isEmpty()) {
        static const QRegularExpression addr(u"addr=([^;]+)"_s);
        const auto m = addr.match(headerText(headers, "x-ms-keyvault-network-info"));
        if (m.hasMatch())
            error.clientAddress = m.captured(1).trimmed();
    }
    return error;
}

AzureError AzureError::network(const QString &message)
{
    return make(Kind::Network, message);
}

AzureError AzureError::make(Kind kind, const QString &message)
{
    AzureError error;
    error.kind = kind;
    error.message = message;
    return error;
}

QString AzureError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return AzureErrorText::tr("No error");
    case Kind::Network:
        return AzureErrorText::tr("Network");
    case Kind::Unauthenticated:
        return AzureErrorText::tr("Authentication");
    case Kind::Firewall:
        return AzureErrorText::tr("Firewall");
    case Kind::Connection:
        return AzureErrorText::tr("Public network access");
    case Kind::Policy:
        return AzureErrorText::tr("Access policy");
    case Kind::Rbac:
        return AzureErrorText::tr("Azure RBAC");
    case Kind::NotFound:
        return AzureErrorText::tr("Not found");
    case Kind::Conflict:
        return AzureErrorText::tr("Conflict");
    case Kind::Throttled:
        return AzureErrorText::tr("Throttled");
    case Kind::Server:
        return AzureErrorText::tr("Service error");
    case Kind::Malformed:
        return AzureErrorText::tr("Bad request or answer");
    case Kind::Cancelled:
        return AzureErrorText::tr("Cancelled");
    }
    return {};
}

QString AzureError::summary() const
{
    if (kind == Kind::None)
        return kindName(kind);
    QStringList facts;
    if (status > 0)
        facts.append(u"HTTP %1"_s.arg(status));
    if (!code.isEmpty())
        facts.append(innerCode.isEmpty() ? code : QString(code + u'/' + innerCode));
    else if (!innerCode.isEmpty())
        facts.append(innerCode);
    QString line = kindName(kind);
    if (!facts.isEmpty())
        line += u" ("_s + facts.join(", "_L1) + u')';
    const QString first = message.section(u'\n', 0, 0).trimmed();
    if (!first.isEmpty())
        line += u": "_s + first.left(300);
    return line;
}

} // namespace vl

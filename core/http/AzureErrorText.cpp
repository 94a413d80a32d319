// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/AzureError.h"
#include "http/AzureErrorParsing.h"

#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace vl {
namespace {

constexpr qsizetype MaxTextLength = 256 * 1024;
constexpr int MaxJsonAttempts = 64;

struct JsonSpan
{
    qsizetype start = 0;
    QJsonObject object;
};

/// The end (one past the closing brace) of the JSON object starting at @p start, or -1.
qsizetype matchingBrace(const QString &text, qsizetype start)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = start; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inString) {
            if (c == u'\\')
                ++i;
            else if (c == u'"')
                inString = false;
            continue;
        }
        if (c == u'"')
            inString = true;
        else if (c == u'{')
            ++depth;
        else if (c == u'}' && --depth == 0)
            return i + 1;
    }
    return -1;
}

/// Every JSON object embedded in @p text, outermost first, in order.
QList<JsonSpan> jsonObjects(const QString &text)
{
    QList<JsonSpan> spans;
    int attempts = 0;
    qsizetype from = 0;
    while (attempts < MaxJsonAttempts) {
        const qsizetype start = text.indexOf(u'{', from);
        if (start < 0)
            break;
        ++attempts;
        const qsizetype end = matchingBrace(text, start);
        if (end < 0)
            break;
        QJsonParseError error;
        const QJsonDocument doc =
            QJsonDocument::fromJson(text.mid(start, end - start).toUtf8(), &error);
        if (error.error == QJsonParseError::NoError && doc.isObject()) {
            spans.append({start, doc.object()});
            from = end;
        } else {
            from = start + 1;
        }
    }
    return spans;
}

QRegularExpression pattern(const QString &text)
{
    return QRegularExpression(text, QRegularExpression::CaseInsensitiveOption
                                        | QRegularExpression::MultilineOption);
}

QString capture(const QRegularExpression &re, const QString &text, int group = 1)
{
    const QRegularExpressionMatch m = re.match(text);
    return m.hasMatch() ? m.captured(group).trimmed() : QString();
}

void setIfEmpty(QString &field, const QString &value)
{
    if (field.isEmpty() && !value.isEmpty())
        field = value;
}

/// A JSON object printed after "Inner error:" (Python, Azure CLI) is the innererror.
bool isInnerError(const QString &text, qsizetype start)
{
    const QString before = text.left(start).trimmed();
    return before.endsWith("Inner error:"_L1, Qt::CaseInsensitive)
           || before.endsWith("InnerError:"_L1, Qt::CaseInsensitive);
}

void readJsonParts(AzureError &error, const QString &text)
{
    for (const JsonSpan &span : jsonObjects(text)) {
        const QJsonObject &o = span.object;
        if (isInnerError(text, span.start)) {
            setIfEmpty(error.innerCode, errorparsing::codeOf(o));
            continue;
        }
        // JavaScript's RestError:
        // {"name":"RestError","code":..,"statusCode":..,"details":{"error":..}}
        const int statusCode = o.value("statusCode"_L1).toInt();
        if (error.status == 0 && statusCode >= 100 && statusCode <= 599)
            error.status = statusCode;
        const QJsonObject details = o.value("details"_L1).toObject();
        if (!details.isEmpty() && errorparsing::readErrorDocument(error, details))
            continue;
        if (o.value("name"_L1).toString() == "RestError"_L1) {
            setIfEmpty(error.code, o.value("code"_L1).toString());
            continue;
        }
        errorparsing::readErrorDocument(error, o);
    }
}

/// The message after "Message:" up to the next labelled part of an SDK's text.
QString labelledMessage(const QString &text)
{
    static const QRegularExpression start(pattern(u"^\\s*(?:Error)?Message:[ \\t]*"_s));
    const QRegularExpressionMatch m = start.match(text);
    if (!m.hasMatch())
        return {};
    QString rest = text.mid(m.capturedEnd());
    static const QRegularExpression end(pattern(
        u"^\\s*(?:Inner ?error|Target|Additional ?Information|Exception Details|Status(?:Code)?|ErrorCode|Code|Content|Headers|ReasonPhrase)\\s*:"_s));
    const QRegularExpressionMatch e = end.match(rest);
    if (e.hasMatch())
        rest.truncate(e.capturedStart());
    return rest.trimmed();
}

/// "(Code) message" (Python, Azure CLI), up to the "Code:" line that follows it.
void readParenthesised(AzureError &error, const QString &text)
{
    static const QRegularExpression head(
        pattern(u"^\\s*(?:ERROR:\\s*)?\\((\\w+)\\)[ \\t]*([^\\n]*)"_s));
    const QRegularExpressionMatch m = head.match(text);
    if (!m.hasMatch())
        return;
    setIfEmpty(error.code, m.captured(1));
    if (!error.message.isEmpty())
        return;
    QString rest = text.mid(m.capturedStart(2));
    static const QRegularExpression end(pattern(u"^\\s*(?:Code|Message|Inner ?error)\\s*:"_s));
    const QRegularExpressionMatch e = end.match(rest);
    if (e.hasMatch())
        rest.truncate(e.capturedStart());
    error.message = rest.trimmed();
}

void readStatus(AzureError &error, const QString &text)
{
    if (error.status != 0)
        return;
    static const QList<QRegularExpression> numeric{
        pattern(u"^\\s*Status(?:\\s*Code)?\\s*:\\s*(\\d{3})\\b"_s),
        pattern(u"\"?statusCode\"?\\s*[:=]\\s*(\\d{3})\\b"_s),
        pattern(u"\\bHTTP/\\d(?:\\.\\d)?\\s+(\\d{3})\\b"_s),
        pattern(u"status code:? (\\d{3})\\b"_s),
        pattern(u"does not indicate success: (\\d{3})\\b"_s),
        pattern(u"\\b(\\d{3}) (?:Client|Server) Error\\b"_s),
    };
    for (const QRegularExpression &re : numeric) {
        const int status = capture(re, text).toInt();
        if (status >= 100 && status <= 599) {
            error.status = status;
            return;
        }
    }
    // PowerShell: Operation returned an invalid status code 'Forbidden'
    static const QRegularExpression named(pattern(u"invalid status code '(\\w+)'"_s));
    error.status = errorparsing::statusFromReason(capture(named, text));
}

void readHeaderLines(AzureError &error, const QString &text)
{
    static const QRegularExpression requestId(
        pattern(u"\\bx-ms-request-id\"?\\s*[:=]\\s*\"?([0-9A-Za-z-]+)"_s));
    static const QRegularExpression clientRequestId(
        pattern(u"\\bx-ms-client-request-id\"?\\s*[:=]\\s*\"?([0-9A-Za-z-]+)"_s));
    static const QRegularExpression traceId(pattern(u"\\bTrace ID:\\s*([0-9A-Za-z-]+)"_s));
    static const QRegularExpression correlationId(
        pattern(u"\\bCorrelation ID:\\s*([0-9A-Za-z-]+)"_s));
    static const QRegularExpression challenge(
        pattern(u"^\\s*WWW-Authenticate\\s*:\\s*(Bearer\\b[^\\r\\n]*)"_s));
    static const QRegularExpression networkInfo(
        pattern(u"x-ms-keyvault-network-info\"?\\s*[:=]\\s*\"?[^\\r\\n]*?\\baddr=([^;\\s\"]+)"_s));
    setIfEmpty(error.requestId, capture(requestId, text));
    setIfEmpty(error.requestId, capture(traceId, text));
    setIfEmpty(error.clientRequestId, capture(clientRequestId, text));
    setIfEmpty(error.clientRequestId, capture(correlationId, text));
    if (error.wwwAuthenticate.isEmpty())
        error.wwwAuthenticate = capture(challenge, text).toUtf8();
    if (error.clientAddress.isEmpty()) {
        // Only the firewall's evidence; any other kind ignores it.
        const QString address = capture(networkInfo, text);
        if (!address.isEmpty())
            error.clientAddress = address;
    }
}

void readCodes(AzureError &error, const QString &text)
{
    static const QRegularExpression labelledCode(
        pattern(u"^\\s*(?:Error)?Code\\s*:\\s*\"?([A-Za-z_][\\w.]*)"_s));
    setIfEmpty(error.code, capture(labelledCode, text));
    // MSAL: "invalid_client: Error(s): 7000215 ..." and other OAuth error names.
    static const QRegularExpression oauth(
        u"\\b(invalid_client|invalid_grant|invalid_request|invalid_scope|invalid_resource|unauthorized_client|unsupported_grant_type|interaction_required|consent_required|login_required|access_denied|expired_token|authorization_pending|authorization_declined|temporarily_unavailable)\\b"_s);
    setIfEmpty(error.code, capture(oauth, text));
    // Key Vault's inner codes, named anywhere.
    static const QRegularExpression inner(
        u"\\b(ForbiddenBy(?:Firewall|Connection|Policy|Rbac))\\b"_s);
    setIfEmpty(error.innerCode, capture(inner, text));
}

} // namespace

AzureError AzureError::fromText(const QString &input)
{
    AzureError error;
    QString text = input.left(MaxTextLength);
    text.replace("\r\n"_L1, "\n"_L1);
    text = text.trimmed();
    if (text.isEmpty())
        return error;

    readJsonParts(error, text);
    readStatus(error, text);
    setIfEmpty(error.message, labelledMessage(text));
    readParenthesised(error, text);
    readCodes(error, text);
    readHeaderLines(error, text);

    if (error.message.isEmpty()) {
        // A bare message: drop a tool's "ERROR: " prefix.
        static const QRegularExpression prefix(pattern(u"^(?:ERROR|Error|error):\\s*"_s));
        error.message = text;
        error.message.remove(prefix);
    }
    const QString address = error.clientAddress;
    error.clientAddress.clear();
    error.extractEvidence();
    error.kind = errorparsing::classify(error);
    if (error.kind == Kind::Firewall || error.kind == Kind::Connection)
        setIfEmpty(error.clientAddress, address);
    return error;
}

} // namespace vl

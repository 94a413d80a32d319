// SPDX-License-Identifier: GPL-3.0-or-later
#include "journal/Redaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace vl::redaction {
namespace {

constexpr qsizetype MinimumSecretLength = 4;

bool equalsAny(QByteArrayView name, std::initializer_list<QByteArrayView> names)
{
    for (QByteArrayView n : names)
        if (name.compare(n, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

bool isUrlHeader(QByteArrayView name)
{
    return equalsAny(name, {"location", "azure-asyncoperation", "content-location"});
}

void addSecret(QByteArrayList &secrets, const QByteArray &value)
{
    if (value.size() >= MinimumSecretLength && !secrets.contains(value))
        secrets.append(value);
}

/// Every string value in @p value, recursively (keys are names, not secrets).
void collectStrings(const QJsonValue &value, QByteArrayList &out)
{
    if (value.isString()) {
        addSecret(out, value.toString().toUtf8());
    } else if (value.isArray()) {
        for (const QJsonValue &v : value.toArray())
            collectStrings(v, out);
    } else if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            collectStrings(it.value(), out);
    }
}

/// The string values of members that hold secrets or private key material.
void collectSecretMembers(const QJsonValue &value, QByteArrayList &out)
{
    static const QStringList secretMembers{u"value"_s, u"pwd"_s, u"password"_s, u"d"_s,
                                           u"p"_s,     u"q"_s,   u"dp"_s,       u"dq"_s,
                                           u"qi"_s,    u"k"_s,   u"t"_s,        u"client_secret"_s};
    if (value.isArray()) {
        for (const QJsonValue &v : value.toArray())
            collectSecretMembers(v, out);
    } else if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (secretMembers.contains(it.key(), Qt::CaseInsensitive))
                collectStrings(it.value(), out);
            else
                collectSecretMembers(it.value(), out);
        }
    }
}

/// The forms a secret may take inside a JSON document.
QByteArrayList variants(const QByteArray &secret)
{
    QByteArrayList forms{secret};
    QByteArray escaped =
        QJsonDocument(QJsonArray{QString::fromUtf8(secret)}).toJson(QJsonDocument::Compact);
    escaped = escaped.mid(2, escaped.size() - 4); // ["..."]
    if (escaped != secret)
        forms.append(escaped);
    if (escaped.contains('/')) {
        QByteArray slashes = escaped;
        forms.append(slashes.replace("/", "\\/"));
    }
    const QByteArray encoded = QUrl::toPercentEncoding(QString::fromUtf8(secret));
    if (encoded != secret)
        forms.append(encoded);
    return forms;
}

/// A header that carries a credential: its value must not appear anywhere in a record.
bool isCredentialHeader(QByteArrayView name)
{
    const QByteArray lower = name.toByteArray().toLower();
    for (const char *word : {"auth", "token", "secret", "key", "cookie", "identity", "signature",
                             "password", "assertion"})
        if (lower.contains(word))
            return true;
    return false;
}

} // namespace

bool isAllowedHeader(QByteArrayView name)
{
    if (name.size() > 15
        && QByteArrayView(name.data(), 15).compare("x-ms-ratelimit-", Qt::CaseInsensitive) == 0)
        return true;
    return equalsAny(name, {"accept",
                            "azure-asyncoperation",
                            "cache-control",
                            "client-request-id",
                            "consistencylevel",
                            "content-encoding",
                            "content-length",
                            "content-location",
                            "content-type",
                            "date",
                            "etag",
                            "expires",
                            "if-match",
                            "if-none-match",
                            "location",
                            "metadata",
                            "pragma",
                            "request-id",
                            "retry-after",
                            "retry-after-ms",
                            "strict-transport-security",
                            "user-agent",
                            "www-authenticate",
                            "x-content-type-options",
                            "x-ms-ags-diagnostic",
                            "x-ms-client-request-id",
                            "x-ms-correlation-request-id",
                            "x-ms-ests-server",
                            "x-ms-keyvault-network-info",
                            "x-ms-keyvault-rbac-assignment-id",
                            "x-ms-keyvault-rbac-cache",
                            "x-ms-keyvault-region",
                            "x-ms-keyvault-service-version",
                            "x-ms-request-id",
                            "x-ms-retry-after-ms",
                            "x-ms-return-client-request-id",
                            "x-ms-routing-request-id"});
}

bool isAllowedQueryParameter(const QString &name)
{
    static const QStringList allowed{
        u"api-version"_s, u"maxresults"_s,   u"$skiptoken"_s, u"$skip"_s,
        u"$top"_s,        u"$filter"_s,      u"$select"_s,    u"$expand"_s,
        u"$orderby"_s,    u"$count"_s,       u"$search"_s,    u"$format"_s,
        u"resource"_s,    u"client_id"_s,    u"object_id"_s,  u"msi_res_id"_s,
        u"mi_res_id"_s,   u"principal_id"_s, u"tenantid"_s,   u"client-request-id"_s,
        u"timeout"_s,     u"operation"_s};
    return allowed.contains(name, Qt::CaseInsensitive);
}

HttpHeaders headers(const HttpHeaders &headers)
{
    HttpHeaders out;
    out.reserve(headers.size());
    for (const auto &[name, value] : headers) {
        if (!isAllowedHeader(name))
            out.append({name, Redacted.toByteArray()});
        else if (isUrlHeader(name))
            out.append({name, url(QUrl::fromEncoded(value)).toEncoded()});
        else
            out.append({name, value});
    }
    return out;
}

QUrl url(const QUrl &original)
{
    QUrl u = original;
    u.setUserInfo({});
    u.setFragment({});
    if (!u.hasQuery())
        return u;
    // Split by hand: QUrlQuery would re-encode what it does not need to.
    const QByteArrayList pairs = original.query(QUrl::FullyEncoded).toLatin1().split('&');
    QByteArrayList kept;
    for (const QByteArray &pair : pairs) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const QByteArray name = eq < 0 ? pair : pair.left(eq);
        const QString decoded = QUrl::fromPercentEncoding(QByteArray(name).replace('+', ' '));
        if (isAllowedQueryParameter(decoded) || eq < 0)
            kept.append(pair);
        else
            kept.append(name + '=' + Redacted.toByteArray());
    }
    u.setQuery(QString::fromLatin1(kept.join('&')), QUrl::StrictMode);
    return u;
}

QByteArrayList secretsOf(const HttpRequest &request)
{
    QByteArrayList secrets;
    for (const auto &[name, value] : request.headers) {
        if (isAllowedHeader(name) || !isCredentialHeader(name))
            continue;
        addSecret(secrets, value);
        if (name.compare("authorization", Qt::CaseInsensitive) == 0) {
            const qsizetype space = value.indexOf(' ');
            if (space > 0)
                addSecret(secrets, value.mid(space + 1).trimmed());
        }
    }
    const QUrlQuery query(request.url);
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded))
        if (!isAllowedQueryParameter(name))
            addSecret(secrets, value.toUtf8());

    const QByteArray &body = request.body;
    if (body.isEmpty())
        return secrets;
    const QJsonDocument json = QJsonDocument::fromJson(body);
    if (json.isObject() || json.isArray()) {
        const QJsonValue root =
            json.isObject() ? QJsonValue(json.object()) : QJsonValue(json.array());
        if (request.context.bodyIsSecret)
            collectStrings(root, secrets);
        else
            collectSecretMembers(root, secrets);
        return secrets;
    }
    if (request.context.bodyIsSecret)
        addSecret(secrets, body);
    // A form: the credential fields of a token request.
    static const QStringList credentialFields{
        u"client_secret"_s, u"client_assertion"_s, u"refresh_token"_s, u"code"_s,
        u"code_verifier"_s, u"device_code"_s,      u"password"_s,      u"assertion"_s,
        u"access_token"_s,  u"id_token"_s};
    const QUrlQuery form(QString::fromUtf8(body));
    for (const auto &[name, value] : form.queryItems(QUrl::FullyDecoded)) {
        if (credentialFields.contains(name, Qt::CaseInsensitive)) {
            QString plain = value;
            addSecret(secrets, plain.replace(u'+', u' ').toUtf8());
            addSecret(secrets, value.toUtf8());
        }
    }
    return secrets;
}

bool containsAny(QByteArrayView data, const QByteArrayList &secrets)
{
    for (const QByteArray &secret : secrets)
        for (const QByteArray &form : variants(secret))
            if (data.contains(form))
                return true;
    return false;
}

QString scrub(QString text, const QByteArrayList &secrets)
{
    for (const QByteArray &secret : secrets)
        for (const QByteArray &form : variants(secret))
            text.replace(QString::fromUtf8(form), QString::fromLatin1(Redacted));
    return text;
}

} // namespace vl::redaction

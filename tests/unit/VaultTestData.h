// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The Key Vault data-plane payloads under tests/data/vault: the REST API spec examples
// (7.5/ and 7.6/) and SDK recordings (recordings/), sorted by what each body is.

#include "TestData.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

#include <cmath>

namespace vl::test::vaultdata {

using namespace Qt::StringLiterals;

/// What a response body is, by the operation that answered it.
inline QString kindOfOperation(const QString &operation)
{
    static const QList<std::pair<QString, QStringList>> kinds{
        {u"SecretBundle"_s,
         {u"SetSecret"_s, u"GetSecret"_s, u"UpdateSecret"_s, u"RecoverDeletedSecret"_s,
          u"RestoreSecret"_s}},
        {u"DeletedSecret"_s, {u"DeleteSecret"_s, u"GetDeletedSecret"_s}},
        {u"SecretPage"_s, {u"GetSecrets"_s, u"GetSecretVersions"_s}},
        {u"DeletedSecretPage"_s, {u"GetDeletedSecrets"_s}},
        {u"Backup"_s, {u"BackupSecret"_s}},
        {u"NoContent"_s, {u"PurgeDeletedSecret"_s}},
        {u"KeyBundle"_s, {u"CreateKey"_s, u"GetKey"_s}},
        {u"KeyPage"_s, {u"GetKeys"_s, u"GetKeyVersions"_s}},
        {u"CertificateBundle"_s, {u"GetCertificate"_s}},
        {u"CertificatePolicy"_s, {u"GetCertificatePolicy"_s}},
        {u"CertificatePage"_s, {u"GetCertificates"_s, u"GetCertificateVersions"_s}},
    };
    for (const auto &[kind, operations] : kinds)
        if (operations.contains(operation))
            return kind;
    return {};
}

/// What a recorded 2xx answer is, from its method and URL (secrets only are recorded).
inline QString kindOfRecordedCall(const QString &method, const QUrl &url)
{
    const QStringList path = url.path().split(u'/', Qt::SkipEmptyParts);
    if (path.value(0) != "secrets"_L1)
        return {};
    if (method == "PUT"_L1 && path.size() == 2)
        return u"SecretBundle"_s;
    if (method == "GET"_L1 && path.size() == 3 && path[2] == "versions"_L1)
        return u"SecretPage"_s;
    if (method == "GET"_L1 && (path.size() == 2 || path.size() == 3))
        return u"SecretBundle"_s;
    return {};
}

/// One payload: a row tag, the body, and (for examples) the request body sent.
struct Payload
{
    QString tag;
    QString kind;
    QJsonObject body;
    QJsonObject request; ///< `parameters.parameters` of an example, when it has one
    QString operation;   ///< the example's operation, e.g. "SetSecret"
};

/// The example files under tests/data/vault/{7.5,7.6}, as "7.5/GetKey-example.json".
inline QStringList exampleFiles()
{
    QStringList out;
    for (const QString &version : {u"7.5"_s, u"7.6"_s}) {
        const QDir dir(testDataPath(u"vault/"_s + version));
        for (const QString &file : dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name))
            out.append(version + u'/' + file);
    }
    return out;
}

/// The recording files under tests/data/vault/recordings.
inline QStringList recordingFiles()
{
    const QDir dir(testDataPath(u"vault/recordings"_s));
    QStringList out;
    for (const QString &file : dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name))
        out.append(u"recordings/"_s + file);
    return out;
}

/// "GetKey" for "7.5/GetKey-example.json".
inline QString operationOf(const QString &exampleFile)
{
    QString base = QFileInfo(exampleFile).fileName();
    base.chop(qsizetype(sizeof("-example.json") - 1));
    return base;
}

/// Every 2xx JSON-object body of the examples and recordings.
inline QList<Payload> allPayloads()
{
    QList<Payload> out;
    for (const QString &file : exampleFiles()) {
        const QJsonObject example = readJsonObject(u"vault/"_s + file);
        const QString operation = operationOf(file);
        const QJsonObject request =
            example.value("parameters"_L1).toObject().value("parameters"_L1).toObject();
        const QJsonObject responses = example.value("responses"_L1).toObject();
        for (auto it = responses.begin(); it != responses.end(); ++it) {
            const QJsonValue body = it.value().toObject().value("body"_L1);
            if (!body.isObject())
                continue;
            out.append({file + u'/' + it.key(), kindOfOperation(operation), body.toObject(),
                        request, operation});
        }
    }
    for (const QString &file : recordingFiles()) {
        const QJsonArray entries = readJsonObject(u"vault/"_s + file).value("Entries"_L1).toArray();
        for (qsizetype i = 0; i < entries.size(); ++i) {
            const QJsonObject entry = entries.at(i).toObject();
            const int status = entry.value("StatusCode"_L1).toInt();
            const QJsonValue body = entry.value("ResponseBody"_L1);
            if (status < 200 || status >= 300 || !body.isObject())
                continue;
            const QUrl url(entry.value("RequestUri"_L1).toString());
            if (!url.host().contains("vault"_L1))
                continue; // identity traffic
            const QString kind =
                kindOfRecordedCall(entry.value("RequestMethod"_L1).toString(), url);
            out.append({u"%1/Entries[%2]"_s.arg(file).arg(i), kind, body.toObject(),
                        entry.value("RequestBody"_L1).toObject(), QString()});
        }
    }
    return out;
}

/// The payloads of @p kind.
inline QList<Payload> payloadsOf(const QString &kind)
{
    QList<Payload> out;
    for (const Payload &p : allPayloads())
        if (p.kind == kind)
            out.append(p);
    return out;
}

/// A body under tests/data/vault/synthesized: a shape from the spec's definitions that no
/// example shows (deleted keys, rotation policies, certificate operations, ...).
inline QJsonObject synthesized(const QString &name)
{
    return readJsonObject(u"vault/synthesized/"_s + name + u".json"_s);
}

/// @p v with every fractional number truncated, as the serializers read times.
inline QJsonValue truncatedNumbers(const QJsonValue &v)
{
    if (v.isDouble())
        return QJsonValue(qint64(std::trunc(v.toDouble())));
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue &item : v.toArray())
            out.append(truncatedNumbers(item));
        return out;
    }
    if (v.isObject()) {
        QJsonObject out;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            out.insert(it.key(), truncatedNumbers(it.value()));
        return out;
    }
    return v;
}

inline QString dump(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
}

} // namespace vl::test::vaultdata

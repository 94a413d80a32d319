// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The templates VaultClient's parts share (VaultClient*.cpp only; not a public header).

#include "util/Future.h"
#include "vault/VaultClient.h"

namespace vl::vault {
namespace detail {

/// False for an answer that lacks what identifies it (a 2xx body of the wrong kind).
template<typename T>
bool isComplete(const T &)
{
    return true;
}
inline bool isComplete(const SecretBundle &b)
{
    return !b.properties.id.isEmpty();
}
inline bool isComplete(const DeletedSecret &d)
{
    return !d.properties.id.isEmpty() || d.deletion.recoveryId.has_value();
}
inline bool isComplete(const KeyBundle &b)
{
    return !b.id().isEmpty();
}
inline bool isComplete(const DeletedKey &d)
{
    return !d.key.id().isEmpty() || d.deletion.recoveryId.has_value();
}
inline bool isComplete(const CertificateBundle &b)
{
    return !b.properties.id.isEmpty();
}
inline bool isComplete(const DeletedCertificate &d)
{
    return !d.certificate.properties.id.isEmpty() || d.deletion.recoveryId.has_value();
}
inline bool isComplete(const BackupBlob &b)
{
    return !b.value.isEmpty();
}

/// A Malformed error for a 2xx answer to @p what that is not what was asked for.
AzureError incompleteAnswer(const HttpResponse &response, const QString &what);

} // namespace detail

template<typename T>
QFuture<Result<T>> VaultClient::refused(const AzureError &error)
{
    return readyFuture(Result<T>(error));
}

template<typename T>
QFuture<Result<T>> VaultClient::send(HttpRequest request, T (*parse)(const QJsonObject &)) const
{
    const QString what = request.context.operation;
    return sendAndParse<T>(*m_pipeline, std::move(request),
                           [parse, what](const HttpResponse &response) -> Result<T> {
                               const Result<QJsonObject> body = jsonBody(response, what);
                               if (!body)
                                   return body.error();
                               T value = parse(*body);
                               if (!detail::isComplete(value))
                                   return detail::incompleteAnswer(response, what);
                               return value;
                           });
}

template<typename T>
QFuture<Result<Page<T>>> VaultClient::getPage(const QUrl &url, const QString &operation,
                                              Page<T> (*parse)(const QJsonObject &)) const
{
    return send<Page<T>>(request("GET", url, operation), parse);
}

template<typename T>
QFuture<Result<Page<T>>> VaultClient::nextPage(const QUrl &nextLink, const QString &operation,
                                               Page<T> (*parse)(const QJsonObject &)) const
{
    const Result<QUrl> link = followable(nextLink);
    if (!link)
        return refused<Page<T>>(link.error());
    return getPage<T>(*link, operation, parse);
}

} // namespace vl::vault

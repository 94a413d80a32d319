// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/HttpTypes.h"

using namespace Qt::StringLiterals;

namespace vl {

QString serviceName(Service service)
{
    switch (service) {
    case Service::EntraId:
        return u"Microsoft Entra ID"_s;
    case Service::ResourceManager:
        return u"Resource Manager"_s;
    case Service::KeyVault:
        return u"Key Vault"_s;
    case Service::Graph:
        return u"Microsoft Graph"_s;
    case Service::ManagedIdentity:
        return u"Managed identity"_s;
    case Service::Other:
        break;
    }
    return u"Other"_s;
}

QByteArray headerValue(const HttpHeaders &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void removeHeader(HttpHeaders &headers, QByteArrayView name)
{
    headers.removeIf([name](const QPair<QByteArray, QByteArray> &header) {
        return header.first.compare(name, Qt::CaseInsensitive) == 0;
    });
}

void setHeaderValue(HttpHeaders &headers, const QByteArray &name, const QByteArray &value)
{
    removeHeader(headers, name);
    headers.append({name, value});
}

bool HttpRequest::isIdempotent() const
{
    static const QList<QByteArray> idempotentMethods = {"GET"_ba, "HEAD"_ba, "PUT"_ba, "DELETE"_ba,
                                                        "OPTIONS"_ba};
    return context.idempotent || idempotentMethods.contains(method.toUpper());
}

} // namespace vl

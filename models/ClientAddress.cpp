// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClientAddress.h"

#include "journal/RequestJournal.h"

using namespace Qt::StringLiterals;

namespace vl {

QString addressFromNetworkInfo(QByteArrayView header)
{
    const QList<QByteArray> parts = header.toByteArray().split(';');
    for (const QByteArray &part : parts) {
        const QByteArray trimmed = part.trimmed();
        if (trimmed.toLower().startsWith("addr="))
            return QString::fromLatin1(trimmed.mid(5)).trimmed();
    }
    return {};
}

QString observedClientAddress(const RequestJournal &journal, const QUrl &vaultUri)
{
    const QString host = vaultUri.host().toLower();
    const int port = vaultUri.port();
    const QList<RequestRecord> &records = journal.records();
    for (auto it = records.crbegin(); it != records.crend(); ++it) {
        if (it->service != Service::KeyVault)
            continue;
        if (!host.isEmpty() && (it->url.host().toLower() != host || it->url.port() != port))
            continue;
        if (!it->error.clientAddress.isEmpty())
            return it->error.clientAddress;
        const QString address =
            addressFromNetworkInfo(it->responseHeader("x-ms-keyvault-network-info"));
        if (!address.isEmpty())
            return address;
    }
    return {};
}

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServiceContext.h"

#include <QUuid>

namespace vl::sandbox {

QString ServiceContext::clientAddress(const HttpRequest &request) const
{
    if (!state.clientAddress.isEmpty())
        return state.clientAddress;
    bool ok = false;
    const quint32 v4 = request.peer.toIPv4Address(&ok);
    return ok ? QHostAddress(v4).toString() : request.peer.toString();
}

QByteArray newRequestId()
{
    return QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

} // namespace vl::sandbox

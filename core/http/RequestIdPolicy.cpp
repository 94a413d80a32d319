// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/RequestIdPolicy.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace vl {

QFuture<HttpResponse> RequestIdPolicy::send(HttpRequest request, const Next &next)
{
    QByteArray id = request.header("x-ms-client-request-id");
    if (id.isEmpty()) {
        id = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        request.setHeader("x-ms-client-request-id"_ba, id);
    }
    request.context.clientRequestId = QString::fromLatin1(id);
    return next(std::move(request));
}

} // namespace vl

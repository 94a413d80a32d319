// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: AzureError::fromParts, fromText and RequestRecord::capture on
// arbitrary answers. Input: two bytes of status (big-endian, modulo 600), then header
// lines ("name: value") up to an empty line, then the body. The whole input is also
// parsed as pasted text.
#include "http/AzureError.h"
#include "http/HttpTypes.h"
#include "journal/RequestRecord.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace vl;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

HttpHeaders parseHeaders(const QByteArray &text)
{
    HttpHeaders headers;
    for (const QByteArray &line : text.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return headers;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 2)
        return 0;
    const int status = ((int(data[0]) << 8) | int(data[1])) % 600;
    const QByteArray rest(reinterpret_cast<const char *>(data) + 2, qsizetype(size - 2));
    const qsizetype split = rest.indexOf("\n\n");
    const HttpHeaders headers = parseHeaders(split < 0 ? QByteArray() : rest.left(split));
    const QByteArray body = split < 0 ? rest : rest.mid(split + 2);

    const AzureError e = AzureError::fromParts(status, headers, body);
    check(e.status == status);
    if (status == 0)
        check(e.kind == AzureError::Kind::Network);
    else if (status >= 200 && status < 400)
        check(e.kind == AzureError::Kind::None);
    else
        check(e.kind != AzureError::Kind::None);
    check(!e.summary().isEmpty());

    const AzureError t = AzureError::fromText(QString::fromUtf8(rest));
    check(t.status >= 0 && t.status < 600);
    check(!t.summary().isEmpty());

    HttpRequest request;
    request.url = QUrl(QString::fromUtf8(body.left(200)));
    request.headers = headers;
    request.body = body;
    HttpResponse response;
    response.status = status;
    response.headers = headers;
    response.body = body;
    const RequestRecord r = RequestRecord::capture(request, response);
    check(r.status == status);
    for (const auto &[name, value] : r.requestHeaders)
        check(name.compare("Authorization", Qt::CaseInsensitive) != 0 || value == "REDACTED");
    return 0;
}

// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/Base64Url.h"

namespace vl {

QByteArray base64UrlEncode(QByteArrayView data)
{
    return data.toByteArray().toBase64(QByteArray::Base64UrlEncoding
                                       | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> base64UrlDecode(QByteArrayView text)
{
    QByteArray body = text.toByteArray();
    // Padding is optional, but only at the end and only as much as the length allows.
    qsizetype padding = 0;
    while (body.endsWith('=')) {
        body.chop(1);
        ++padding;
    }
    if (padding > 2 || body.size() % 4 == 1 || (padding > 0 && (body.size() + padding) % 4 != 0))
        return std::nullopt;
    for (const char c : std::as_const(body)) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '_';
        if (!ok)
            return std::nullopt;
    }
    auto decoded = QByteArray::fromBase64Encoding(
        body, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return decoded.decoded;
}

} // namespace vl

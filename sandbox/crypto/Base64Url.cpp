// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/Base64Url.h"

namespace vl::sandbox {

QByteArray base64UrlEncode(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> base64UrlDecode(const QByteArray &text)
{
    // RFC 4648 §5 alphabet only; '=' padding is accepted at the end when it makes the
    // length a multiple of four (RFC 7515 §2 omits it, other encoders keep it).
    qsizetype length = text.size();
    if (length % 4 == 0) {
        for (int i = 0; i < 2 && length > 0 && text.at(length - 1) == '='; ++i)
            --length;
    }
    if (length % 4 == 1)
        return std::nullopt;
    for (qsizetype i = 0; i < length; ++i) {
        const char c = text.at(i);
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '_';
        if (!ok)
            return std::nullopt;
    }
    QByteArray padded = text.left(length);
    padded.append((4 - length % 4) % 4, '=');
    auto result = QByteArray::fromBase64Encoding(
        padded, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return std::move(result.decoded);
}

} // namespace vl::sandbox

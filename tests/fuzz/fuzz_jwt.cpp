// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: Jwt::decode and the base64url codec on arbitrary tokens.
#include "auth/Base64Url.h"
#include "auth/Jwt.h"

#include <QByteArray>
#include <QJsonDocument>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

/// An invariant the code documents; a violation is a finding, reported as a crash.
void check(bool condition)
{
    if (!condition)
        std::abort();
}

QByteArray part(const QJsonObject &o)
{
    return vl::base64UrlEncode(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));

    // The codec: whatever decodes encodes to text that decodes to the same bytes.
    if (const auto decoded = vl::base64UrlDecode(input)) {
        const QByteArray encoded = vl::base64UrlEncode(*decoded);
        check(!encoded.contains('=') && !encoded.contains('+') && !encoded.contains('/'));
        check(vl::base64UrlDecode(encoded) == decoded);
    }

    const vl::Result<vl::DecodedJwt> jwt = vl::Jwt::decode(input);
    if (!jwt) {
        check(jwt.error().kind == vl::AzureError::Kind::Malformed);
        check(!jwt.error().message.isEmpty());
        return 0;
    }
    // A token rebuilt from what was read reads the same.
    const QByteArray rebuilt = part(jwt->header) + '.' + part(jwt->claims.raw) + ".c2ln";
    const vl::Result<vl::DecodedJwt> again = vl::Jwt::decode(rebuilt);
    check(again.ok());
    check(again->header == jwt->header);
    check(again->claims.raw == jwt->claims.raw);
    check(again->claims.tenantId == jwt->claims.tenantId);
    check(again->claims.expiresOn == jwt->claims.expiresOn);
    check(jwt->claims.audiences.isEmpty() || jwt->claims.audience == jwt->claims.audiences.first());
    if (jwt->claims.expiresOn.isValid())
        check(jwt->claims.expiresOn.timeSpec() == Qt::UTC);
    (void)jwt->claims.isAppOnly();
    return 0;
}

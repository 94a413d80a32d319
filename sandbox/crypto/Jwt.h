// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/KeyPair.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>

namespace vl::sandbox {

/// A decoded compact JWS (header.payload.signature), not yet verified.
struct DecodedJwt
{
    QJsonObject header;
    QJsonObject claims;
    QByteArray signingInput; ///< "base64url(header).base64url(payload)" as received
    QByteArray signature;    ///< raw bytes
    QByteArray encodedHeader;
};

class Jwt
{
public:
    /// Signs @p claims with RS256; the header carries typ JWT, alg RS256, kid and x5t = @p kid.
    [[nodiscard]] static QByteArray signRs256(const QJsonObject &claims, const KeyPair &key,
                                              const QString &kid);
    /// Splits and decodes a compact JWT; nothing when it is not three base64url JSON parts.
    [[nodiscard]] static std::optional<DecodedJwt> decode(const QByteArray &token);
    /// Verifies @p jwt's signature with @p key using the header's alg (RS256 or PS256 ...).
    [[nodiscard]] static bool verify(const DecodedJwt &jwt, const KeyPair &key);
};

} // namespace vl::sandbox

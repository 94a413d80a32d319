// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <optional>

namespace vl::sandbox {

/// base64url without padding (RFC 7515 §2), as JWTs and JWKs use it.
[[nodiscard]] QByteArray base64UrlEncode(const QByteArray &data);
/// Decodes base64url with or without padding; nothing on invalid input.
[[nodiscard]] std::optional<QByteArray> base64UrlDecode(const QByteArray &text);

} // namespace vl::sandbox

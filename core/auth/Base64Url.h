// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace vl {

/// RFC 4648 §5 base64url without padding, as JWTs and PKCE use it.
[[nodiscard]] QByteArray base64UrlEncode(QByteArrayView data);

/**
 * @brief Decodes base64url (padding optional). Nothing when @p text holds a
 * character outside the alphabet, padding in the middle, or an impossible length.
 */
[[nodiscard]] std::optional<QByteArray> base64UrlDecode(QByteArrayView text);

} // namespace vl

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/KeyPair.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace vl::sandbox {

/**
 * @brief Builds a key pair from a JSON Web Key with its private members, as Key
 * Vault's import (`PUT /keys/{name}`, keys.json JsonWebKey) receives it.
 *
 * RSA (RFC 7518 §6.3): `n`, `e`, `d`, and the CRT members `p`, `q`, `dp`, `dq`, `qi`
 * (all or none of them). EC (§6.2): `crv` (P-256, P-384, P-521, P-256K), `x`, `y`, `d`.
 * Members are base64url. `kty` may carry Key Vault's `-HSM` suffix. The key is checked
 * (the private half must match the public one) before it is returned.
 */
class JwkImport
{
public:
    [[nodiscard]] static std::optional<KeyPair> privateKey(const QJsonObject &jwk,
                                                           QString *error = nullptr);

    /// A JWK with the private members of @p key (the inverse, for tests and tools).
    [[nodiscard]] static QJsonObject privateJwk(const KeyPair &key);
};

} // namespace vl::sandbox

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace vl {

/**
 * @brief Proof Key for Code Exchange (RFC 7636) and the OAuth `state`, for the
 * browser sign-in.
 *
 * ```
 *  app: verifier = random, challenge = BASE64URL(SHA256(verifier))
 *  app ── authorize?code_challenge=challenge&code_challenge_method=S256&state=s ──► Entra ID
 *  app ◄── redirect_uri?code=c&state=s (state compared) ─────────────────────────── browser
 *  app ── token: code=c&code_verifier=verifier ──► Entra ID (checks the hash) ──► tokens
 * ```
 */
struct Pkce
{
    QByteArray verifier;  ///< 43..128 characters of [A-Za-z0-9-._~]
    QByteArray challenge; ///< BASE64URL(SHA256(verifier)), unpadded
    static constexpr QByteArrayView method = "S256";

    static constexpr int MinVerifierLength = 43;
    static constexpr int MaxVerifierLength = 128;

    /**
     * A fresh verifier of @p length characters (clamped to 43..128) from the
     * system's CSPRNG, and its S256 challenge.
     */
    [[nodiscard]] static Pkce generate(int length = 64);
    /// The S256 challenge of @p verifier.
    [[nodiscard]] static QByteArray challengeFor(QByteArrayView verifier);
    /// True when @p verifier has an allowed length and only unreserved characters.
    [[nodiscard]] static bool isValidVerifier(QByteArrayView verifier);
    /// A random `state` of @p bytes bytes (at least 16, i.e. 128 bits), base64url.
    [[nodiscard]] static QByteArray randomState(int bytes = 32);
};

} // namespace vl

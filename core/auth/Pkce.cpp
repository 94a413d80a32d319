// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/Pkce.h"

#include "auth/Base64Url.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <algorithm>

namespace vl {
namespace {

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    QRandomGenerator *generator = QRandomGenerator::system();
    for (char &b : bytes)
        b = char(generator->bounded(256));
    return bytes;
}

} // namespace

Pkce Pkce::generate(int length)
{
    length = std::clamp(length, MinVerifierLength, MaxVerifierLength);
    // Every base64url character carries 6 random bits: 43 characters hold 258 bits.
    const QByteArray encoded = base64UrlEncode(randomBytes((length * 3 + 3) / 4));
    Pkce pkce;
    pkce.verifier = encoded.left(length);
    pkce.challenge = challengeFor(pkce.verifier);
    return pkce;
}

QByteArray Pkce::challengeFor(QByteArrayView verifier)
{
    return base64UrlEncode(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256));
}

bool Pkce::isValidVerifier(QByteArrayView verifier)
{
    if (verifier.size() < MinVerifierLength || verifier.size() > MaxVerifierLength)
        return false;
    return std::all_of(verifier.begin(), verifier.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
               || c == '-' || c == '.' || c == '_' || c == '~';
    });
}

QByteArray Pkce::randomState(int bytes)
{
    return base64UrlEncode(randomBytes(std::max(bytes, 16)));
}

} // namespace vl

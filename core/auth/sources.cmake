# SPDX-License-Identifier: GPL-3.0-or-later
# Sign-in primitives: token names, WWW-Authenticate and the Key Vault challenge,
# JWT decoding, PKCE, cloud profiles.
target_sources(vaultlens_core PRIVATE
    auth/AccessToken.h auth/AccessToken.cpp
    auth/TokenCredential.h
    auth/Base64Url.h auth/Base64Url.cpp
    auth/Jwt.h auth/Jwt.cpp
    auth/Pkce.h auth/Pkce.cpp
    auth/WwwAuthenticate.h auth/WwwAuthenticate.cpp
    auth/KeyVaultChallenge.h auth/KeyVaultChallenge.cpp
    auth/CloudProfile.h auth/CloudProfile.cpp
)

# SPDX-License-Identifier: GPL-3.0-or-later
# Sources of sandbox/crypto, relative to sandbox/.
set(VAULTLENS_SANDBOX_CRYPTO_SOURCES
    crypto/KeyPair.h crypto/KeyPair.cpp
    crypto/Jwt.h crypto/Jwt.cpp
    crypto/Pki.h crypto/Pki.cpp
    crypto/Certificate.h crypto/Certificate.cpp
    crypto/OpenSslUtil.h crypto/OpenSslUtil.cpp
    crypto/JwkImport.h crypto/JwkImport.cpp
    crypto/CertificateRequests.h crypto/CertificateRequests.cpp
)

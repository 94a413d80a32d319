# SPDX-License-Identifier: GPL-3.0-or-later
# Signed-in accounts: the browser and device code sign-ins, refresh tokens, the
# in-memory token cache, the keychain store and the account manager.
find_package(Qt6 6.4 REQUIRED COMPONENTS NetworkAuth)
target_sources(vaultlens_core PRIVATE
    auth/SecretStore.h
    auth/KeychainStore.h auth/KeychainStore.cpp
    auth/TokenCache.h auth/TokenCache.cpp
    auth/CachingCredential.h auth/CachingCredential.cpp
    auth/PublicClient.h auth/PublicClient.cpp
    auth/RefreshTokenCredential.h auth/RefreshTokenCredential.cpp
    auth/BrowserSignIn.h auth/BrowserSignIn.cpp
    auth/InteractiveBrowserCredential.h auth/InteractiveBrowserCredential.cpp
    auth/DeviceCodeCredential.h auth/DeviceCodeCredential.cpp
    auth/Account.h
    auth/AccountSerializer.h auth/AccountSerializer.cpp
    auth/AccountStore.h auth/AccountStore.cpp
    auth/AccountManager.h auth/AccountManager.cpp
    auth/AccountManagerPrivate.h auth/AccountManagerApps.cpp
    auth/AppRegistration.h auth/AppRegistration.cpp
)
# The loopback listener of the browser sign-in (QOAuthHttpServerReplyHandler).
target_link_libraries(vaultlens_core PRIVATE Qt6::NetworkAuth)

# SPDX-License-Identifier: GPL-3.0-or-later
# Sign-in primitives (core/auth/sources.cmake).
vaultlens_add_test(tst_wwwauthenticate LABEL unit SOURCES tst_wwwauthenticate.cpp LIBS vaultlens_core)
vaultlens_add_test(tst_keyvaultchallenge LABEL unit SOURCES tst_keyvaultchallenge.cpp LIBS vaultlens_core)
vaultlens_add_test(tst_jwtdecode LABEL unit SOURCES tst_jwtdecode.cpp LIBS vaultlens_core)
vaultlens_add_test(tst_pkce LABEL unit SOURCES tst_pkce.cpp LIBS vaultlens_core)
vaultlens_add_test(tst_authbase64url LABEL unit SOURCES tst_authbase64url.cpp LIBS vaultlens_core)
vaultlens_add_test(tst_cloudprofile LABEL unit SOURCES tst_cloudprofile.cpp LIBS vaultlens_core vaultlens_sandbox)

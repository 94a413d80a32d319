# SPDX-License-Identifier: GPL-3.0-or-later
# Tests of sandbox/crypto.
vaultlens_add_test(tst_base64url LABEL unit SOURCES tst_base64url.cpp LIBS vaultlens_core)
vaultlens_add_test(tst_keypair LABEL unit SOURCES tst_keypair.cpp LIBS vaultlens_sandbox)
vaultlens_add_test(tst_jwt LABEL unit SOURCES tst_jwt.cpp LIBS vaultlens_sandbox)
vaultlens_add_test(tst_pki LABEL unit SOURCES tst_pki.cpp LIBS vaultlens_sandbox Qt6::Network)
vaultlens_add_test(tst_certificates LABEL unit SOURCES tst_certificates.cpp LIBS vaultlens_sandbox)

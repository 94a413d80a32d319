# SPDX-License-Identifier: GPL-3.0-or-later
# The keys and certificates of the sandbox's Key Vault data plane.
vaultlens_add_test(tst_sandboxkeys LABEL integration SOURCES tst_sandboxkeys.cpp OpenSslCheck.h LIBS vaultlens_sandbox)
vaultlens_add_test(tst_sandboxcertificates LABEL integration SOURCES tst_sandboxcertificates.cpp LIBS vaultlens_sandbox)

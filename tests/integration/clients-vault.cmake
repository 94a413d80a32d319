# SPDX-License-Identifier: GPL-3.0-or-later
# VaultClient against the sandbox's Key Vault data plane, through the app's real pipeline.
foreach(kind secrets keys certificates)
    vaultlens_add_test(tst_vaultclient${kind} LABEL integration
                       SOURCES tst_vaultclient${kind}.cpp VaultClientTesting.h
                       LIBS vaultlens_sandbox)
endforeach()

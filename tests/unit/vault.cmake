# SPDX-License-Identifier: GPL-3.0-or-later
# The Key Vault data plane: identifiers, object types and their JSON mapping.
vaultlens_add_test(tst_vaultobjectid LABEL unit
    SOURCES tst_vaultobjectid.cpp VaultTestData.h LIBS vaultlens_core)
vaultlens_add_test(tst_vaultobjectserializer LABEL unit
    SOURCES tst_vaultobjectserializer.cpp VaultTestData.h LIBS vaultlens_core)
vaultlens_add_test(tst_vaultsecretserializer LABEL unit
    SOURCES tst_vaultsecretserializer.cpp VaultTestData.h LIBS vaultlens_core)
vaultlens_add_test(tst_vaultkeyserializer LABEL unit
    SOURCES tst_vaultkeyserializer.cpp VaultTestData.h LIBS vaultlens_core)
vaultlens_add_test(tst_vaultcertificateserializer LABEL unit
    SOURCES tst_vaultcertificateserializer.cpp VaultTestData.h LIBS vaultlens_core)
# VaultClient against a scripted transport: every call's request and answer handling.
vaultlens_add_test(tst_vaultclient LABEL unit SOURCES tst_vaultclient.cpp LIBS vaultlens_core)

# SPDX-License-Identifier: GPL-3.0-or-later
# The Key Vault data plane: object types, their JSON mapping, and the client.
target_sources(vaultlens_core PRIVATE
    vault/ObjectId.h vault/ObjectId.cpp
    vault/VaultObject.h
    vault/Secret.h
    vault/Key.h
    vault/Certificate.h
    vault/ObjectSerializer.h vault/ObjectSerializer.cpp
    vault/SecretSerializer.h vault/SecretSerializer.cpp
    vault/KeySerializer.h vault/KeySerializer.cpp
    vault/CertificateSerializer.h vault/CertificateSerializer.cpp
    vault/VaultClient.h vault/VaultClient.cpp vault/VaultClientCommon.h
    vault/VaultClientSecrets.cpp vault/VaultClientKeys.cpp vault/VaultClientCertificates.cpp
)

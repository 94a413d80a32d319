# SPDX-License-Identifier: GPL-3.0-or-later
# The non-interactive credentials: client secret, client certificate, managed
# identity, Azure CLI and the environment.
target_sources(vaultlens_core PRIVATE
    auth/CredentialOptions.h
    auth/IdentityRequests.h auth/IdentityRequests.cpp
    auth/ClientSecretCredential.h auth/ClientSecretCredential.cpp
    auth/ClientCertificate.h auth/ClientCertificate.cpp
    auth/ClientCertificateCredential.h auth/ClientCertificateCredential.cpp
    auth/ManagedIdentityCredential.h auth/ManagedIdentityCredential.cpp
    auth/AzureCliCredential.h auth/AzureCliCredential.cpp
    auth/EnvironmentCredential.h auth/EnvironmentCredential.cpp
)

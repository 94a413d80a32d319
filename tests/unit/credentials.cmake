# SPDX-License-Identifier: GPL-3.0-or-later
# The non-interactive credentials (core/auth/credentials.cmake). The certificate tests
# make their certificates with the sandbox's crypto, an independent writer.
vaultlens_add_test(tst_identityrequests LABEL unit SOURCES tst_identityrequests.cpp LIBS vaultlens_core)
vaultlens_add_test(tst_clientsecretcredential LABEL unit SOURCES tst_clientsecretcredential.cpp LIBS vaultlens_core)
vaultlens_add_test(tst_clientcertificate LABEL unit SOURCES tst_clientcertificate.cpp TestCertificates.h LIBS vaultlens_core vaultlens_sandbox)
vaultlens_add_test(tst_clientcertificatecredential LABEL unit SOURCES tst_clientcertificatecredential.cpp TestCertificates.h LIBS vaultlens_core vaultlens_sandbox)
vaultlens_add_test(tst_managedidentitycredential LABEL unit SOURCES tst_managedidentitycredential.cpp LIBS vaultlens_core)
vaultlens_add_test(tst_azureclicredential LABEL unit SOURCES tst_azureclicredential.cpp LIBS vaultlens_core)
vaultlens_add_test(tst_environmentcredential LABEL unit SOURCES tst_environmentcredential.cpp TestCertificates.h LIBS vaultlens_core vaultlens_sandbox)

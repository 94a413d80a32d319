# SPDX-License-Identifier: GPL-3.0-or-later
# The request pipeline's policies, each alone against a scripted transport.
vaultlens_add_test(tst_retrypolicy LABEL unit SOURCES tst_retrypolicy.cpp LIBS vaultlens_core)
vaultlens_add_test(tst_authenticationpolicy LABEL unit SOURCES tst_authenticationpolicy.cpp LIBS vaultlens_core)

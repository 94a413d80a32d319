# SPDX-License-Identifier: GPL-3.0-or-later
# The sandbox's identity (Entra ID, IMDS) and Microsoft Graph endpoints, over real HTTP(S).
vaultlens_add_test(tst_sandboxidentity LABEL integration SOURCES tst_sandboxidentity.cpp LIBS vaultlens_sandbox)
vaultlens_add_test(tst_sandboxgraph LABEL integration SOURCES tst_sandboxgraph.cpp LIBS vaultlens_sandbox)

# SPDX-License-Identifier: GPL-3.0-or-later
# The non-interactive credentials against the sandbox's Entra ID and managed identity endpoint.
vaultlens_add_test(tst_sandboxcredentials LABEL integration SOURCES tst_sandboxcredentials.cpp LIBS vaultlens_sandbox)

# SPDX-License-Identifier: GPL-3.0-or-later
# The request pipeline end to end against the sandbox.
vaultlens_add_test(tst_pipelinesandbox LABEL integration SOURCES tst_pipelinesandbox.cpp LIBS vaultlens_sandbox)
# Sign in, open a vault, list its secrets: the requests the journal shows.
vaultlens_add_test(tst_signinscenario LABEL integration SOURCES tst_signinscenario.cpp LIBS vaultlens_sandbox)

# SPDX-License-Identifier: GPL-3.0-or-later
# The request pipeline end to end against the sandbox.
vaultlens_add_test(tst_pipelinesandbox LABEL integration SOURCES tst_pipelinesandbox.cpp LIBS vaultlens_sandbox)

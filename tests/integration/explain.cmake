# SPDX-License-Identifier: GPL-3.0-or-later
# Every denial the sandbox produces, explained stage by stage.
vaultlens_add_test(tst_sandboxdenials LABEL integration SOURCES tst_sandboxdenials.cpp LIBS vaultlens_sandbox)

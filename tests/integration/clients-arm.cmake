# SPDX-License-Identifier: GPL-3.0-or-later
# ArmClient against the sandbox, through the app's real pipeline.
vaultlens_add_test(tst_armclient LABEL integration SOURCES tst_armclient.cpp LIBS vaultlens_sandbox)

# SPDX-License-Identifier: GPL-3.0-or-later
# GraphClient against the sandbox's Microsoft Graph, through the app's real pipeline.
vaultlens_add_test(tst_graphclient LABEL integration SOURCES tst_graphclient.cpp LIBS vaultlens_sandbox)

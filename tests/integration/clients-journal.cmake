# SPDX-License-Identifier: GPL-3.0-or-later
# The journal and the flow explainer on real exchanges with the sandbox.
vaultlens_add_test(tst_journalflow LABEL integration SOURCES tst_journalflow.cpp LIBS vaultlens_sandbox)

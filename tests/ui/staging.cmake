# SPDX-License-Identifier: GPL-3.0-or-later
vaultlens_add_test(tst_reviewchanges LABEL ui SOURCES tst_reviewchanges.cpp LIBS vaultlens_ui)

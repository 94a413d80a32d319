# SPDX-License-Identifier: GPL-3.0-or-later
vaultlens_add_test(tst_concealedclipboard LABEL models SOURCES tst_concealedclipboard.cpp LIBS vaultlens_models)
vaultlens_add_test(tst_secretvalidation LABEL models SOURCES tst_secretvalidation.cpp LIBS vaultlens_models)

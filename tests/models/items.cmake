# SPDX-License-Identifier: GPL-3.0-or-later
vaultlens_add_test(tst_vaultitemmodel LABEL models SOURCES tst_vaultitemmodel.cpp LIBS vaultlens_sessiontestsupport)
vaultlens_add_test(tst_vaultitemfilter LABEL models SOURCES tst_vaultitemfilter.cpp LIBS vaultlens_models)

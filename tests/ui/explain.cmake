# SPDX-License-Identifier: GPL-3.0-or-later
vaultlens_add_test(tst_explainerror LABEL ui SOURCES tst_explainerror.cpp LIBS vaultlens_sessiontestsupport vaultlens_ui)

# SPDX-License-Identifier: GPL-3.0-or-later
vaultlens_add_test(tst_accesspolicyeditor LABEL ui SOURCES tst_accesspolicyeditor.cpp LIBS vaultlens_sessiontestsupport vaultlens_ui)

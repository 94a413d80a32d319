# SPDX-License-Identifier: GPL-3.0-or-later
vaultlens_add_test(tst_itemlistview LABEL ui SOURCES tst_itemlistview.cpp LIBS vaultlens_sessiontestsupport vaultlens_ui)

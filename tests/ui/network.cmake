# SPDX-License-Identifier: GPL-3.0-or-later
vaultlens_add_test(tst_networkeditor LABEL ui SOURCES tst_networkeditor.cpp LIBS vaultlens_sessiontestsupport vaultlens_ui)

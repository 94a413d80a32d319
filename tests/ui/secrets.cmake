# SPDX-License-Identifier: GPL-3.0-or-later
vaultlens_add_test(tst_secreteditordialog LABEL ui SOURCES tst_secreteditordialog.cpp LIBS vaultlens_ui)
vaultlens_add_test(tst_secretdetails LABEL ui SOURCES tst_secretdetails.cpp LIBS vaultlens_sessiontestsupport vaultlens_ui)

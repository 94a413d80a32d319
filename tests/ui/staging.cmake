# SPDX-License-Identifier: GPL-3.0-or-later
vaultlens_add_test(tst_reviewchanges LABEL ui SOURCES tst_reviewchanges.cpp LIBS vaultlens_ui)
vaultlens_add_test(tst_accessview LABEL ui SOURCES tst_accessview.cpp
    LIBS vaultlens_sessiontestsupport vaultlens_ui)
vaultlens_add_test(tst_accessdemo LABEL ui SOURCES tst_accessdemo.cpp
    LIBS vaultlens_sessiontestsupport vaultlens_ui)

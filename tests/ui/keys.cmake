# SPDX-License-Identifier: GPL-3.0-or-later
vaultlens_add_test(tst_keydetails LABEL ui SOURCES tst_keydetails.cpp
    LIBS vaultlens_sessiontestsupport vaultlens_ui)

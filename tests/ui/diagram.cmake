# SPDX-License-Identifier: GPL-3.0-or-later
vaultlens_add_test(tst_flowdiagram LABEL ui SOURCES tst_flowdiagram.cpp
    LIBS vaultlens_sessiontestsupport vaultlens_ui)
vaultlens_add_test(tst_tokenpanel LABEL ui SOURCES tst_tokenpanel.cpp
    LIBS vaultlens_sessiontestsupport vaultlens_ui)

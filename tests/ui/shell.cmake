# SPDX-License-Identifier: GPL-3.0-or-later
vaultlens_add_test(tst_mainwindow LABEL ui SOURCES tst_mainwindow.cpp
    LIBS vaultlens_sessiontestsupport vaultlens_ui)

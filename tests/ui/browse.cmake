# SPDX-License-Identifier: GPL-3.0-or-later
vaultlens_add_test(tst_navigationpanel LABEL ui SOURCES tst_navigationpanel.cpp
    LIBS vaultlens_sessiontestsupport vaultlens_ui)

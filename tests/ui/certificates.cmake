# SPDX-License-Identifier: GPL-3.0-or-later
vaultlens_add_test(tst_certificatedetails LABEL ui SOURCES tst_certificatedetails.cpp
    LIBS vaultlens_sessiontestsupport vaultlens_ui)

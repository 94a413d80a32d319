# SPDX-License-Identifier: GPL-3.0-or-later
vaultlens_add_test(tst_navigationmodel LABEL models SOURCES tst_navigationmodel.cpp
    LIBS vaultlens_sessiontestsupport)
vaultlens_add_test(tst_recentvaults LABEL models SOURCES tst_recentvaults.cpp
    LIBS vaultlens_testsupport vaultlens_models)

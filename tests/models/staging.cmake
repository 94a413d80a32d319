# SPDX-License-Identifier: GPL-3.0-or-later
vaultlens_add_test(tst_principaldirectory LABEL models SOURCES tst_principaldirectory.cpp
    LIBS vaultlens_sessiontestsupport)
vaultlens_add_test(tst_permissionmodelswitch LABEL models SOURCES tst_permissionmodelswitch.cpp
    LIBS vaultlens_sessiontestsupport)
vaultlens_add_test(tst_requestreplay LABEL models SOURCES tst_requestreplay.cpp
    LIBS vaultlens_sessiontestsupport)

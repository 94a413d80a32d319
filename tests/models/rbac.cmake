# SPDX-License-Identifier: GPL-3.0-or-later
vaultlens_add_test(tst_roleassignmentmodel LABEL models SOURCES tst_roleassignmentmodel.cpp
    LIBS vaultlens_sessiontestsupport)

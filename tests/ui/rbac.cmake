# SPDX-License-Identifier: GPL-3.0-or-later
vaultlens_add_test(tst_roleassignmenteditor LABEL ui SOURCES tst_roleassignmenteditor.cpp
    LIBS vaultlens_sessiontestsupport vaultlens_ui)

# SPDX-License-Identifier: GPL-3.0-or-later
vaultlens_add_test(tst_flowinspector LABEL ui SOURCES tst_flowinspector.cpp
    LIBS vaultlens_sessiontestsupport vaultlens_ui)

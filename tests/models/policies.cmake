# SPDX-License-Identifier: GPL-3.0-or-later
vaultlens_add_test(tst_accesspolicymodel LABEL models SOURCES tst_accesspolicymodel.cpp LIBS vaultlens_sessiontestsupport)

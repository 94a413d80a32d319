# SPDX-License-Identifier: GPL-3.0-or-later
vaultlens_add_test(tst_networkrulesmodel LABEL models SOURCES tst_networkrulesmodel.cpp LIBS vaultlens_sessiontestsupport)

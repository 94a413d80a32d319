# SPDX-License-Identifier: GPL-3.0-or-later
# The request journal as a table, and as HAR, over real exchanges with the sandbox.
vaultlens_add_test(tst_journalmodel LABEL models SOURCES tst_journalmodel.cpp LIBS vaultlens_sessiontestsupport)
vaultlens_add_test(tst_harsession LABEL models SOURCES tst_harsession.cpp LIBS vaultlens_sessiontestsupport)

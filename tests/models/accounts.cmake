# SPDX-License-Identifier: GPL-3.0-or-later
# Accounts: the account model, and the account manager's certificate, managed
# identity and Azure CLI accounts, on the sandbox through the app's Session.
vaultlens_add_test(tst_accountmodel LABEL models SOURCES tst_accountmodel.cpp
                   LIBS vaultlens_sessiontestsupport)
vaultlens_add_test(tst_accountkinds LABEL models SOURCES tst_accountkinds.cpp
                   LIBS vaultlens_sessiontestsupport)

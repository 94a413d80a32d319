# SPDX-License-Identifier: GPL-3.0-or-later
# Accounts: token cache, public client, browser and device code sign-in, account store
# and manager (core/auth/accounts.cmake). No network beyond 127.0.0.1, no keychain.
foreach(name tokencache publicclient browsersignin devicecodecredential accountstore accountmanager)
    vaultlens_add_test(tst_${name} LABEL unit SOURCES tst_${name}.cpp
                       LIBS vaultlens_core)
endforeach()

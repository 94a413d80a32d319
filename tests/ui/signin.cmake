# SPDX-License-Identifier: GPL-3.0-or-later
# Signing in: the sign-in dialog (with the app registration guide) and the accounts dock.
foreach(name signindialog signinpanel)
    vaultlens_add_test(tst_${name} LABEL ui SOURCES tst_${name}.cpp
                       LIBS vaultlens_sessiontestsupport vaultlens_ui)
endforeach()

# SPDX-License-Identifier: GPL-3.0-or-later
# Accounts against the real things: the keychain (gnome-keyring in the test command's
# private D-Bus session) and the sandbox's sign-in pages, token endpoint and ARM.
vaultlens_add_test(tst_keychainstore LABEL integration SOURCES tst_keychainstore.cpp
                   LIBS vaultlens_core qt6keychain)
vaultlens_add_test(tst_keychainunavailable LABEL integration SOURCES tst_keychainunavailable.cpp
                   LIBS vaultlens_core qt6keychain)
foreach(name interactivesignin devicecodesignin accountsandbox)
    vaultlens_add_test(tst_${name} LABEL integration SOURCES tst_${name}.cpp
                       LIBS vaultlens_sandbox)
endforeach()

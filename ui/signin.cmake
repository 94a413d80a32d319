# SPDX-License-Identifier: GPL-3.0-or-later
# Signing in: the sign-in dialog, the app registration guide and the accounts dock.
target_sources(vaultlens_ui PRIVATE
    signin/SignInDialog.h signin/SignInDialog.cpp
    signin/AppRegistrationGuide.h signin/AppRegistrationGuide.cpp
    signin/AccountPanel.h signin/AccountPanel.cpp
    signin/ClientIdSettings.h
)

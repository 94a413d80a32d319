# SPDX-License-Identifier: GPL-3.0-or-later
# The window's frame: the open vault, the welcome page, the theme.
target_sources(vaultlens_ui PRIVATE
    shell/FirstPaint.h
    shell/Theme.h shell/Theme.cpp
    shell/VaultView.h shell/VaultView.cpp
    shell/WelcomePage.h shell/WelcomePage.cpp
)

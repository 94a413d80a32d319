# SPDX-License-Identifier: GPL-3.0-or-later
# Navigation: the left dock with the vault tree, pinned and recent vaults.
target_sources(vaultlens_ui PRIVATE
    browse/NavigationPanel.h browse/NavigationPanel.cpp
    browse/OpenVaultDialog.h browse/OpenVaultDialog.cpp
)

# SPDX-License-Identifier: GPL-3.0-or-later
# Navigation: the tree of accounts, tenants, subscriptions, groups and vaults;
# pinned and recent vaults.
target_sources(vaultlens_models PRIVATE
    VaultLocation.h VaultLocation.cpp
    NavigationModel.h NavigationModel_p.h NavigationModel.cpp NavigationLoad.cpp
    NavigationIcons.h NavigationIcons.cpp
    RecentVaults.h RecentVaults.cpp
)

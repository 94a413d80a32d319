# SPDX-License-Identifier: GPL-3.0-or-later
# The lazy, paged lists of a vault's secrets, keys and certificates.
target_sources(vaultlens_models PRIVATE
    VaultItem.h
    VaultItemSource.h VaultItemSource.cpp
    VaultItemModel.h VaultItemModel.cpp
    VaultItemFilter.h VaultItemFilter.cpp
    ItemExport.h ItemExport.cpp
)

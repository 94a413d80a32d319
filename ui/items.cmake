# SPDX-License-Identifier: GPL-3.0-or-later
# The list of a vault's secrets, keys or certificates.
target_sources(vaultlens_ui PRIVATE
    items/ItemListView.h items/ItemListView.cpp
)

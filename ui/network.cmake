# SPDX-License-Identifier: GPL-3.0-or-later
# The vault firewall editor.
target_sources(vaultlens_ui PRIVATE
    network/NetworkEditor.h network/NetworkEditor.cpp
)

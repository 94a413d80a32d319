# SPDX-License-Identifier: GPL-3.0-or-later
# The signed-in accounts and their tenants (switchable on and off).
target_sources(vaultlens_models PRIVATE
    AccountModel.h AccountModel.cpp
)

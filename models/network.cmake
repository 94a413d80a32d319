# SPDX-License-Identifier: GPL-3.0-or-later
# The vault firewall as a staged editor: access mode, bypass, IP and virtual
# network rules, private endpoint connections.
target_sources(vaultlens_models PRIVATE
    NetworkRuleTables.h NetworkRuleTables.cpp
    NetworkRulesModel.h NetworkRulesModel.cpp NetworkRulesApply.cpp
)

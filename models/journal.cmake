# SPDX-License-Identifier: GPL-3.0-or-later
target_sources(vaultlens_models PRIVATE
    JournalModel.h JournalModel.cpp
)

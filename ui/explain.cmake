# SPDX-License-Identifier: GPL-3.0-or-later
target_sources(vaultlens_ui PRIVATE
    flow/ExplainErrorDialog.h flow/ExplainErrorDialog.cpp
)

# SPDX-License-Identifier: GPL-3.0-or-later
target_sources(vaultlens_models PRIVATE
    AccessPolicyFormat.h AccessPolicyFormat.cpp
    AccessPolicyModel.h AccessPolicyModel.cpp AccessPolicyApply.cpp
)

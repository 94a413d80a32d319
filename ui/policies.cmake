# SPDX-License-Identifier: GPL-3.0-or-later
target_sources(vaultlens_ui PRIVATE
    access/PrincipalPicker.h access/PrincipalPicker.cpp
    access/AccessPolicyDialog.h access/AccessPolicyDialog.cpp
    access/AccessPolicyEditor.h access/AccessPolicyEditor.cpp
)

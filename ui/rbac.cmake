# SPDX-License-Identifier: GPL-3.0-or-later
# Azure RBAC: the vault's role assignments, the assign dialog and the role viewer.
target_sources(vaultlens_ui PRIVATE
    access/RoleAssignmentEditor.h access/RoleAssignmentEditor.cpp
    access/AssignRoleDialog.h access/AssignRoleDialog.cpp
    access/RoleDefinitionDialog.h access/RoleDefinitionDialog.cpp
)

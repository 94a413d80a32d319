# SPDX-License-Identifier: GPL-3.0-or-later
# Azure RBAC: the role assignments that apply to a vault, staged and applied.
target_sources(vaultlens_models PRIVATE
    RoleAssignmentModel.h RoleAssignmentModel_p.h RoleAssignmentModel.cpp RoleAssignmentApply.cpp
    RoleAssignmentTable.h RoleAssignmentTable.cpp
)

# SPDX-License-Identifier: GPL-3.0-or-later
# The review of staged changes, and the vault's Access tab that hosts the editors.
target_sources(vaultlens_ui PRIVATE
    widgets/StagedChangesBar.h widgets/StagedChangesBar.cpp
    widgets/ReviewChangesDialog.h widgets/ReviewChangesDialog.cpp
    access/AccessView.h access/AccessView.cpp
    access/PermissionModelDialog.h access/PermissionModelDialog.cpp
)

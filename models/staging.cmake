# SPDX-License-Identifier: GPL-3.0-or-later
# What the access and networking editors share: staged changes, the principals
# behind object ids, and the client address the vaults saw.
target_sources(vaultlens_models PRIVATE
    StagedChanges.h
    PrincipalDirectory.h PrincipalDirectory.cpp
    ClientAddress.h ClientAddress.cpp
    PermissionModelSwitch.h PermissionModelSwitch.cpp
)

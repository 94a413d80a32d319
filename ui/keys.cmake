# SPDX-License-Identifier: GPL-3.0-or-later
# Keys: the details pane and its dialogs.
target_sources(vaultlens_ui PRIVATE
    keys/CreateKeyDialog.h keys/CreateKeyDialog.cpp
    keys/RotationPolicyDialog.h keys/RotationPolicyDialog.cpp
    keys/KeyDetails.h keys/KeyDetails.cpp keys/KeyActions.cpp
)

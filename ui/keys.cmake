# SPDX-License-Identifier: GPL-3.0-or-later
# Keys: the details pane, its dialogs, and what the certificates pane shares with it.
target_sources(vaultlens_ui PRIVATE
    keys/DetailsSupport.h keys/DetailsSupport.cpp
    keys/DetailsPane.h keys/DetailsPane.cpp
    keys/ValidityDateEdit.h keys/ValidityDateEdit.cpp
    keys/CreateKeyDialog.h keys/CreateKeyDialog.cpp
    keys/RotationPolicyDialog.h keys/RotationPolicyDialog.cpp
    keys/KeyDetails.h keys/KeyDetails.cpp keys/KeyActions.cpp
)

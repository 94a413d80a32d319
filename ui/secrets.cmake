# SPDX-License-Identifier: GPL-3.0-or-later
# The details pane of a secret and its editor.
target_sources(vaultlens_ui PRIVATE
    secrets/TagEditor.h secrets/TagEditor.cpp
    secrets/SecretEditorDialog.h secrets/SecretEditorDialog.cpp
    secrets/SecretDetails.h secrets/SecretDetails.cpp secrets/SecretDetailsActions.cpp
)

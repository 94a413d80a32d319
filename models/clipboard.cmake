# SPDX-License-Identifier: GPL-3.0-or-later
# Concealed clipboard copies and the service's rules for secrets.
target_sources(vaultlens_models PRIVATE
    ConcealedClipboard.h ConcealedClipboard.cpp
    SecretValidation.h SecretValidation.cpp
)

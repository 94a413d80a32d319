# SPDX-License-Identifier: GPL-3.0-or-later
# The Key Vault data-plane serializers: every fromJson fed arbitrary JSON.
vaultlens_add_fuzzer(fuzz_vaultserializers)

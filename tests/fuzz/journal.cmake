# SPDX-License-Identifier: GPL-3.0-or-later
# Error parsing (service answers and pasted text), the journal's redaction and the flow explainer.
vaultlens_add_fuzzer(fuzz_errors)
vaultlens_add_fuzzer(fuzz_explainer)

# SPDX-License-Identifier: GPL-3.0-or-later
# The sign-in parsers: WWW-Authenticate challenges and JWTs.
vaultlens_add_fuzzer(fuzz_wwwauthenticate)
vaultlens_add_fuzzer(fuzz_jwt)

# SPDX-License-Identifier: GPL-3.0-or-later
# Microsoft Graph: PrincipalSerializer (objects, collections, getByIds requests) and
# the query pieces GraphClient builds.
vaultlens_add_fuzzer(fuzz_graphjson)

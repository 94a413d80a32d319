# SPDX-License-Identifier: GPL-3.0-or-later
# The Resource Manager serializers of core/arm (tenants, subscriptions, resource groups,
# private endpoint connections, list pages, request bodies, Resource Graph).
vaultlens_add_fuzzer(fuzz_armjson)

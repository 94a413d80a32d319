#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The Azure CLI (Debian's azure-cli) against the sandbox: register the sandbox as a
# cloud with the AD FS authority shape (the only one MSAL Python signs in to without
# instance discovery), sign in as the automation service principal, then show a
# vault, add an access policy and add a firewall rule.
#   azure-cli.sh <vaultlens-sandbox binary>
set -uo pipefail
sandbox_bin=$1
command -v az >/dev/null || { echo "azure-cli: 'az' is not installed" >&2; exit 1; }

work=$(mktemp -d)
cleanup() {
  [ -n "${pid:-}" ] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }
  rm -rf "$work"
}
trap cleanup EXIT
"$sandbox_bin" --seed demo --state "$work/state" --print-config >"$work/config.json" 2>"$work/sandbox.log" &
pid=$!
for _ in $(seq 100); do [ -s "$work/config.json" ] && break; sleep 0.1; done
[ -s "$work/config.json" ] || { cat "$work/sandbox.log" >&2; exit 1; }

field() { python3 -c "import json,sys; c=json.load(open('$work/config.json')); print($1)"; }
api=$(field "c['apiOrigin']")
tenant=$(field "c['tenants'][0]['id']")
app=$(field "c['servicePrincipals'][0]['appId']")
secret=$(field "c['servicePrincipals'][0]['clientSecret']")
other=$(field "c['servicePrincipals'][1]['objectId']")
vault_uri=$(field "c['vaults'][0]['vaultUri']")
export AZURE_CONFIG_DIR="$work/az" REQUESTS_CA_BUNDLE="$work/state/ca.pem" AZURE_CORE_COLLECT_TELEMETRY=false

passed=0
failed=0
check() { # check <description> <python expression over `out` (the command's JSON output)> <command...>
  local what=$1 expr=$2
  shift 2
  local out
  if out=$("$@" 2>"$work/stderr") && python3 -c "import json,sys; out=json.loads(sys.argv[1] or 'null'); sys.exit(0 if ($expr) else 1)" "$out"; then
    echo "ok - $what"
    passed=$((passed + 1))
  else
    echo "not ok - $what"
    echo "  output: $out"
    sed 's/^/  stderr: /' "$work/stderr"
    failed=$((failed + 1))
  fi
}

az cloud register -n VaultLensSandbox --endpoint-active-directory "$api/adfs" \
  --endpoint-active-directory-resource-id "https://management.core.windows.net/" \
  --endpoint-resource-manager "$api/" --endpoint-active-directory-graph-resource-id "https://graph.windows.net/" \
  --suffix-keyvault-dns ".vault.azure.net" >/dev/null 2>&1
az cloud set -n VaultLensSandbox >/dev/null 2>&1

check "az login as a service principal lists the subscriptions" \
  "len(out) == 2 and all(s['tenantId'] == '$tenant' for s in out)" \
  az login --service-principal -u "$app" -p "$secret" --tenant "$tenant" -o json
check "az keyvault show" \
  "out['name'] == 'kv-contoso-prod' and out['properties']['vaultUri'] == '$vault_uri'" \
  az keyvault show -n kv-contoso-prod -o json
check "az keyvault set-policy adds an access policy" \
  "any(p['objectId'] == '$other' and sorted(p['permissions']['secrets']) == ['get', 'list'] for p in out['properties']['accessPolicies'])" \
  az keyvault set-policy -n kv-contoso-prod --object-id "$other" --secret-permissions get list -o json
check "az keyvault network-rule add adds an IP rule, normalised to /32" \
  "'192.0.2.77/32' in [r['value'] for r in out['properties']['networkAcls']['ipRules']]" \
  az keyvault network-rule add -n kv-contoso-prod --ip-address 192.0.2.77 -o json
check "the changes are stored" \
  "'192.0.2.77/32' in [r['value'] for r in out['properties']['networkAcls']['ipRules']] and any(p['objectId'] == '$other' for p in out['properties']['accessPolicies'])" \
  az keyvault show -n kv-contoso-prod -o json
check "az rest reaches the data plane with a Key Vault token" \
  "any(i['id'].endswith('/secrets/sql-connection-string') for i in out['value'])" \
  az rest --resource https://vault.azure.net --url "${vault_uri}secrets?api-version=7.4" -o json

echo "azure-cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Measures the sandbox's throughput for authenticated Key Vault GETs over HTTPS with
# keep-alive (wrk, loopback only), and prints requests per second.
#   scripts/bench-sandbox.sh [seconds] [connections]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-10}
connections=${2:-32}
command -v wrk >/dev/null || { apt-get install -y -q --no-install-recommends wrk >/dev/null; }
[ -x "$root/build/sandbox/vaultlens-sandbox" ] || { cmake --preset default >/dev/null && cmake --build --preset default; }

work=$(mktemp -d)
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
"$root/build/sandbox/vaultlens-sandbox" --seed demo --state "$work/state" --print-config >"$work/config.json" 2>/dev/null &
pid=$!
for _ in $(seq 100); do [ -s "$work/config.json" ] && break; sleep 0.1; done
field() { python3 -c "import json; c=json.load(open('$work/config.json')); print($1)"; }
api=$(field "c['apiOrigin']")
tenant=$(field "c['tenants'][0]['id']")
app=$(field "c['servicePrincipals'][0]['appId']")
secret=$(field "c['servicePrincipals'][0]['clientSecret']")
vault=$(field "[v for v in c['vaults'] if v['name'] == 'kv-contoso-dev'][0]['vaultUri']")
token=$(curl -s --cacert "$work/state/ca.pem" -d "grant_type=client_credentials&client_id=$app&client_secret=$secret&scope=https://vault.azure.net/.default" \
  "$api/$tenant/oauth2/v2.0/token" | python3 -c "import json,sys; print(json.load(sys.stdin)['access_token'])")
url="${vault}secrets/dev-database-password?api-version=7.6"
status=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$work/state/ca.pem" -H "Authorization: Bearer $token" "$url")
[ "$status" = 200 ] || { echo "bench: the warm-up request answered $status" >&2; exit 1; }
echo "bench: GET secret, authenticated, HTTPS keep-alive, $connections connections, ${seconds}s, $(nproc) cores"
wrk -t2 -c"$connections" -d"${seconds}s" -H "Authorization: Bearer $token" "$url" | tee "$work/wrk.txt"
rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
echo "bench: sandbox throughput ${rps} requests/s"

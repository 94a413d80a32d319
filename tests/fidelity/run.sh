#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the official Azure SDK for JavaScript against a fresh sandbox:
#   run.sh <vaultlens-sandbox binary> [test files...]
# The sandbox's CA must be known to Node.js before it starts (NODE_EXTRA_CA_CERTS),
# so the sandbox is started first and the tests get its config in SANDBOX_CONFIG.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
sandbox_bin=$1
shift
[ -d "$here/node_modules/@azure/identity" ] || (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

state=$(mktemp -d)
cleanup() {
  if [ -n "${pid:-}" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$state"
}
trap cleanup EXIT
"$sandbox_bin" --seed demo --state "$state/main" --print-config >"$state/config.json" 2>"$state/sandbox.log" &
pid=$!
for _ in $(seq 100); do
  [ -s "$state/config.json" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$state/sandbox.log" >&2; exit 1; }
  sleep 0.1
done
[ -s "$state/config.json" ] || { echo "fidelity: the sandbox did not start" >&2; exit 1; }

export SANDBOX_CONFIG="$state/config.json"
export SANDBOX_BINARY="$sandbox_bin"
export SANDBOX_STATE="$state/main"
export NODE_EXTRA_CA_CERTS="$state/main/ca.pem"
cd "$here"
if [ $# -eq 0 ]; then
  set -- *.test.mjs
fi
status=0
node --test --test-concurrency=1 "$@" || status=$?
exit $status

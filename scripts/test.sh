#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, checks formatting, builds and runs every test.
#   scripts/test.sh [--preset default|asan|nogui] [extra ctest arguments]
# Tests run under the offscreen platform, inside a private D-Bus session with a
# throwaway, unlocked gnome-keyring, so keychain tests use a real Secret Service.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

preset=default
if [ "${1:-}" = "--preset" ]; then
  preset=$2
  shift 2
fi

start=$(date +%s)
scripts/install-deps.sh
scripts/check-format.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -m 700 "$tmp/runtime" "$tmp/data" "$tmp/config"
export XDG_RUNTIME_DIR="$tmp/runtime" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"
export QT_QPA_PLATFORM=offscreen
case "$preset" in
  default) builddir=build ;;
  *) builddir=build-$preset ;;
esac
status=0
dbus-run-session -- bash -c '
  eval "$(printf %s vaultlens-ci | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
  export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
  ctest --test-dir "$0" --output-on-failure "${@}"' "$builddir" "$@" || status=$?
echo "test: preset $preset finished in $(( $(date +%s) - start )) s"
exit $status

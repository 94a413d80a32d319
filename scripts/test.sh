#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, checks formatting, builds and runs every test.
#   scripts/test.sh [--preset default|asan|nogui] [--no-fuzz] [extra ctest arguments]
# Tests run under the offscreen platform, inside a private D-Bus session with a
# throwaway, unlocked gnome-keyring, so keychain tests use a real Secret Service.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

preset=default
fuzz=1
while [ $# -gt 0 ]; do
  case "$1" in
    --preset) preset=$2; shift 2 ;;
    --no-fuzz) fuzz=0; shift ;;
    *) break ;;
  esac
done

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
  ctest --test-dir "$0" --output-on-failure --parallel "$(nproc)" "${@}"' "$builddir" "$@" || status=$?

# A short smoke of every libFuzzer target (clang, ASan, UBSan): the parsers must
# survive a few seconds of generated input on every run.
if [ "$fuzz" = 1 ] && [ "$status" = 0 ]; then
  CXX=clang++ cmake --preset fuzz -DVAULTLENS_FUZZ_SECONDS=5 >/dev/null
  cmake --build --preset fuzz
  ctest --test-dir build-fuzz -L fuzz --output-on-failure --parallel "$(nproc)" || status=$?
fi
echo "test: preset $preset finished in $(( $(date +%s) - start )) s"
exit $status

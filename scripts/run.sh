#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds VaultLens and launches it on its embedded sandbox.
#   scripts/run.sh [extra vaultlens arguments]
# On a desktop the app uses the session's keychain. On a bare machine (no D-Bus
# session) it gets a private session bus with a throwaway, unlocked keyring, and a
# virtual display (Xvfb) when there is no display.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default --target vaultlens
app=(build/app/vaultlens --sandbox "$@")
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "run: no display found; starting under Xvfb (screenshots: vaultlens --grab file.png)" >&2
  app=(xvfb-run -a -s "-screen 0 1280x800x24" "${app[@]}")
fi
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  echo "run: no D-Bus session; using a private one with a throwaway keyring" >&2
  exec dbus-run-session -- bash -c '
    eval "$(printf %s vaultlens | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
    exec "$@"' bash "${app[@]}"
fi
exec "${app[@]}"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds VaultLens and launches it on its embedded sandbox.
#   scripts/run.sh [extra vaultlens arguments]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "run: no display found; starting under Xvfb (screenshots: vaultlens --grab file.png)" >&2
  exec xvfb-run -a -s "-screen 0 1280x800x24" build/app/vaultlens --sandbox "$@"
fi
exec build/app/vaultlens --sandbox "$@"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what building, running and testing VaultLens needs on Debian 12.
# Packages already present are left alone; run as root (or with sudo available).
set -euo pipefail

PACKAGES=(
  g++ cmake ninja-build pkg-config dpkg-dev clang clang-format libclang-rt-14-dev
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-httpserver-dev qt6-websockets-dev qt6-networkauth-dev qt6-svg-dev qtkeychain-qt6-dev
  libqt6svg6 qt6-qpa-plugins libgl-dev libssl-dev libxkbcommon-dev
  libsecret-1-0 gnome-keyring dbus dbus-bin fonts-dejavu-core openssl curl ca-certificates
  xvfb xauth
  azure-cli
)
# Node.js runs the fidelity tests with the official Azure SDK for JavaScript (Node 20 or
# later: the machine image has it; Debian's own nodejs package is only a fallback).
command -v node >/dev/null || PACKAGES+=(nodejs npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: everything is installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  SUDO=sudo
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}"

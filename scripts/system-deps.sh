#!/usr/bin/env bash
# Installs the Debian packages KoKoMa needs (gettext for translations, chromium for browser tests).
# Only installs what is missing; uses sudo when not root.
set -euo pipefail
declare -A probe=([gettext]=msgfmt [chromium]=chromium)
missing=()
for package in "$@"; do
  command -v "${probe[$package]:-$package}" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

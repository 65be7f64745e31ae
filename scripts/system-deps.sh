#!/usr/bin/env bash
# Installs the Debian packages KoKoMa needs (gettext for translations, chromium for browser tests,
# pango and the DejaVu fonts for WeasyPrint's PDFs). Only installs what is missing; uses sudo when
# not root.
set -euo pipefail
# package → how to tell it is there: a command name, or "lib:<soname>" for a shared library,
# or "file:<path>" for data such as fonts.
declare -A probe=(
  [gettext]=msgfmt
  [chromium]=chromium
  [libpango-1.0-0]=lib:libpango-1.0.so.0
  [libpangoft2-1.0-0]=lib:libpangoft2-1.0.so.0
  [fonts-dejavu-core]=file:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
)
present() {
  local test="${probe[$1]:-$1}"
  case "$test" in
    lib:*) ldconfig -p 2>/dev/null | grep -F "${test#lib:}" >/dev/null ;;
    file:*) [ -e "${test#file:}" ] ;;
    *) command -v "$test" >/dev/null 2>&1 ;;
  esac
}
missing=()
for package in "$@"; do
  present "$package" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

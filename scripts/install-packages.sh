#!/usr/bin/env bash
# Installs the named Debian packages that are not installed yet (with sudo unless root), with the packages they
# depend on and nothing else: no recommended packages, no apt-get upgrade. (apt-get still upgrades an installed
# library when a new package depends on a newer version of it, e.g. zlib1g for zlib1g-dev.) Does nothing if all
# are installed.
#   scripts/install-packages.sh PACKAGE...
set -euo pipefail
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

#!/usr/bin/env bash
# Installs the Debian packages Sesame needs to build and test, only those missing.
# Usage: scripts/install-deps.sh [build|test]
set -euo pipefail
want=(libargon2-dev pkg-config)
if [ "${1:-build}" = test ]; then
    want+=(postgresql chromium chromium-driver nginx)
fi
missing=()
for package in "${want[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

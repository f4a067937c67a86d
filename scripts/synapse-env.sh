#!/usr/bin/env bash
# Creates .venv-synapse with a real Synapse for the end-to-end suite against a homeserver, installs
# nginx (Debian) when it is missing, once each, and prints the venv's path.
set -euo pipefail
cd "$(dirname "$0")/.."
SYNAPSE_REQUIREMENT="matrix-synapse==1.163.2"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
apt_packages=()
python3 -c "import ensurepip, venv" >/dev/null 2>&1 || apt_packages+=(python3-venv)
dpkg -s nginx >/dev/null 2>&1 || apt_packages+=(nginx)
if [ ${#apt_packages[@]} -gt 0 ]; then
    # The tests run nginx as a subprocess with their own config; the distribution's service is not needed.
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${apt_packages[@]}" >&2
fi
stamp=.venv-synapse/.requirements
if [ ! -x .venv-synapse/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$SYNAPSE_REQUIREMENT" ]; then
    python3 -m venv .venv-synapse
    .venv-synapse/bin/pip install -q --disable-pip-version-check "$SYNAPSE_REQUIREMENT" >&2
    echo "$SYNAPSE_REQUIREMENT" > "$stamp"
fi
echo "$PWD/.venv-synapse"

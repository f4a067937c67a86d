#!/usr/bin/env bash
# Creates .venv with the end-to-end test tools (e2e/requirements.txt), once, and prints its path.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq python3-venv >/dev/null
fi
stamp=.venv/.requirements
if [ ! -x .venv/bin/python ] || ! cmp -s e2e/requirements.txt "$stamp"; then
    python3 -m venv .venv
    .venv/bin/pip install -q --disable-pip-version-check -r e2e/requirements.txt >&2
    cp e2e/requirements.txt "$stamp"
fi
echo "$PWD/.venv"

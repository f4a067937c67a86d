#!/usr/bin/env bash
# Screenshots of every page at desktop and phone width into docs/screenshots/ (headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh test
swift build --product sesame
venv=$(scripts/python-env.sh)
SESAME_BIN="$PWD/.build/debug/sesame" "$venv/bin/python" e2e/screenshots.py "$@"

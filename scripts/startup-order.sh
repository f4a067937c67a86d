#!/usr/bin/env bash
# Rewrites linker/startup-order.txt, the functions `sesame server` runs from launch to its first
# answer on /health, which the linker places side by side (see `serverLinkerFlags` in Package.swift):
# code run at start-up then fills a few 64 kB blocks instead of touching most of the binary.
# Run it on a release build now and then; names that no longer exist are ignored by the linker,
# so a stale list only costs some idle memory, never correctness.
#
# usage: scripts/startup-order.sh [path/to/release/sesame]   (needs valgrind; installed if missing)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/.build/release/sesame}
[ -x "$BIN" ] || { echo "no binary at $BIN; run make release first" >&2; exit 1; }
if ! command -v valgrind >/dev/null; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends valgrind >/dev/null
fi
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
# Debian 12's valgrind (3.19) cannot read the DWARF 5 of a Swift 6 release build and gives up;
# the symbol table is all this needs, so run a copy without the debug sections.
objcopy --strip-debug "$BIN" "$work/sesame"
BIN=$work/sesame
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$work/sesame.yaml" <<YAML
data_directory: $work
http:
  public_base: http://127.0.0.1:$port/
  listeners:
    - name: web
      binds:
        - address: "127.0.0.1:$port"
database:
  uri: "sqlite:$work/sesame.db"
YAML
# A first start creates the database and keys; the recorded start is the usual one, on an existing database.
for run in first recorded; do
    if [ "$run" = recorded ]; then
        SESAME_CONFIG=$work/sesame.yaml valgrind -q --tool=callgrind --demangle=no \
            --callgrind-out-file="$work/callgrind.out" "$BIN" server >"$work/server.log" 2>&1 &
    else
        SESAME_CONFIG=$work/sesame.yaml "$BIN" server >"$work/server.log" 2>&1 &
    fi
    pid=$!
    for _ in $(seq 600); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break
        kill -0 "$pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
        sleep 0.2
    done
    kill -INT "$pid"; wait "$pid" || true
done
# Every function callgrind saw, once, in the order it first appears in the profile.
python3 - "$work/callgrind.out" >"$ROOT/linker/startup-order.txt" <<'PY'
import re, sys
seen = {}
for line in open(sys.argv[1]):
    if line.startswith(("fn=", "cfn=")):
        name = re.sub(r"^\(\d+\)\s*", "", line.split("=", 1)[1].strip())
        name = re.sub(r"'\d+$", "", name)
        if name and not name.startswith("0x"):
            seen.setdefault(name, None)
print("\n".join(seen))
PY
echo "linker/startup-order.txt: $(wc -l <"$ROOT/linker/startup-order.txt") functions" >&2

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
if ! command -v valgrind >/dev/null || ! command -v objcopy >/dev/null; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends valgrind binutils >/dev/null
fi
work=$(mktemp -d)
pid=""
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
# Debian 12's valgrind (3.19) cannot read the DWARF 5 of a Swift 6 release build and gives up;
# the symbol table is all this needs, so run a copy without the debug sections.
objcopy --strip-debug "$BIN" "$work/sesame"
BIN=$work/sesame
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# record ENGINE DATABASE_URI: starts the server twice on that database (the first start creates
# the schema and keys; the recorded one is the usual start, on an existing database) and leaves
# callgrind's profile of the second in $work/ENGINE.out.
record() {
    local engine=$1 uri=$2
    mkdir -p "$work/$engine"
    cat >"$work/$engine/sesame.yaml" <<YAML
data_directory: $work/$engine
http:
  public_base: http://127.0.0.1:$port/
  listeners:
    - name: web
      binds:
        - address: "127.0.0.1:$port"
database:
  uri: "$uri"
YAML
    for run in first recorded; do
        if [ "$run" = recorded ]; then
            SESAME_CONFIG=$work/$engine/sesame.yaml valgrind -q --tool=callgrind --demangle=no \
                --callgrind-out-file="$work/$engine.out" "$BIN" server >"$work/server.log" 2>&1 &
        else
            SESAME_CONFIG=$work/$engine/sesame.yaml "$BIN" server >"$work/server.log" 2>&1 &
        fi
        pid=$!
        for _ in $(seq 600); do
            curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break
            kill -0 "$pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
            sleep 0.2
        done
        kill -INT "$pid"; wait "$pid" || true
    done
}
record sqlite "sqlite:$work/sqlite/sesame.db"
profiles=("$work/sqlite.out")
# PostgreSQL's start runs other code (PostgresNIO, its pool); recorded too when a server can be
# started here (scripts/test-postgres.sh), so that start is as compact. Its functions go after
# SQLite's, the default engine.
if admin=$("$ROOT/scripts/test-postgres.sh" start 2>/dev/null); then
    PGOPTIONS=--client-min-messages=warning psql -q "$admin" -c "DROP DATABASE IF EXISTS sesame_startup_order" -c "CREATE DATABASE sesame_startup_order" >/dev/null
    record postgresql "${admin%/postgres}/sesame_startup_order"
    profiles+=("$work/postgresql.out")
else
    echo "PostgreSQL could not be started: the list covers the SQLite start only" >&2
fi
# Every function callgrind saw, once, in the order it first appears in the profiles.
python3 - "${profiles[@]}" >"$ROOT/linker/startup-order.txt" <<'PY'
import re, sys
seen = {}
for path in sys.argv[1:]:
    for line in open(path):
        if line.startswith(("fn=", "cfn=")):
            name = re.sub(r"^\(\d+\)\s*", "", line.split("=", 1)[1].strip())
            name = re.sub(r"'\d+$", "", name)
            if name and not name.startswith("0x"):
                seen.setdefault(name, None)
print("\n".join(seen))
PY
echo "linker/startup-order.txt: $(wc -l <"$ROOT/linker/startup-order.txt") functions" >&2

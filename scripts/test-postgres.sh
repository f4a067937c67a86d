#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the tests on 127.0.0.1:55432 (its own data folder,
# fsync off) unless one already answers there, and prints the URL to use.
# Usage: scripts/test-postgres.sh start|stop
set -euo pipefail
port=55432
datadir=${SESAME_TEST_PGDATA:-/tmp/sesame-test-pg}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }

# PostgreSQL refuses to run as root: run it as the postgres user when we are root.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
start)
    if ! "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port"; then
        if [ ! -f "$datadir/PG_VERSION" ]; then
            rm -rf "$datadir"
            mkdir -p "$datadir"
            [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$datadir"
            as_owner "$bindir/initdb" -D "$datadir" -U postgres -A trust >/dev/null
        fi
        as_owner "$bindir/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w \
            -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500" \
            start >/dev/null
    fi
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
stop)
    as_owner "$bindir/pg_ctl" -D "$datadir" -m fast stop >/dev/null 2>&1 || true
    ;;
esac

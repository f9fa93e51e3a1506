#!/usr/bin/env bash
# A throwaway PostgreSQL for the storage tests, from the distribution's binaries (/usr/lib/postgresql/*/bin):
# a fresh cluster in a temporary folder, listening only on 127.0.0.1 at a free port, its socket in that folder.
# PostgreSQL refuses to run as root, so under root the server runs as the unprivileged user `vanstest`.
#
#   eval "$(scripts/postgres-test.sh start)"     # exports VANS_TEST_POSTGRES_URL and VANS_TEST_POSTGRES_DIR
#   scripts/postgres-test.sh stop "$VANS_TEST_POSTGRES_DIR"
#   scripts/postgres-test.sh run swift test --filter StorageTests   # start, run the command, stop
set -euo pipefail

die() { echo "postgres-test: $*" >&2; exit 1; }

bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] || die "no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)"
    echo "$dir"
}

free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
        return
    fi
    local port
    for _ in $(seq 50); do
        port=$((20000 + RANDOM % 40000))
        # A refused connection means nothing listens there.
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
    done
    die "no free port found"
}

# Runs a command as the server's user: ourselves, or `vanstest` when we are root.
as_server_user() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u vanstest -- "$@"; else "$@"; fi
}

start() {
    local bin dir port
    bin=$(bindir)
    if [ "$(id -u)" -eq 0 ] && ! id vanstest >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin vanstest
    fi
    dir=$(mktemp -d "${TMPDIR:-/tmp}/vans-postgres.XXXXXX")
    mkdir -p "$dir/socket"
    [ "$(id -u)" -eq 0 ] && chown -R vanstest "$dir"
    # No locale: byte-order collation, as SQLite compares text, so both engines sort alike.
    as_server_user "$bin/initdb" --pgdata="$dir/data" --username=vans --auth=trust --encoding=UTF8 --no-locale \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    port=$(free_port)
    # fsync off: the data is thrown away, and the tests should not wait on the disk.
    as_server_user "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir/socket -c fsync=off \
            -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
        || { cat "$dir/server.log" >&2; die "the server did not start"; }
    echo "export VANS_TEST_POSTGRES_URL='postgres://vans@127.0.0.1:$port/postgres?sslmode=disable'"
    echo "export VANS_TEST_POSTGRES_DIR='$dir'"
}

stop() {
    local dir=${1:-${VANS_TEST_POSTGRES_DIR:-}}
    [ -n "$dir" ] && [ -d "$dir/data" ] || die "stop: no server folder given"
    as_server_user "$(bindir)/pg_ctl" --pgdata="$dir/data" --mode=immediate --wait stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}

case "${1:-}" in
    start) start ;;
    stop) stop "${2:-}" ;;
    run)
        shift
        eval "$(start)"
        trap 'stop "$VANS_TEST_POSTGRES_DIR"' EXIT
        echo "postgres-test: $VANS_TEST_POSTGRES_URL" >&2
        "$@"
        ;;
    *) die "usage: $0 start | stop DIR | run COMMAND…" ;;
esac

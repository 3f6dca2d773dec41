#!/usr/bin/env bash
# A private PostgreSQL server for tests and load runs: Debian's packages, a cluster in a
# state folder, listening on 127.0.0.1 only on a free port, one database, password auth.
# Idempotent (a second `start` reuses the running server) and stoppable.
#
#   scripts/postgres.sh [start]   # install if missing, init, start, create db; print the URL
#   scripts/postgres.sh url       # print the URL of the running server (exit 1 if down)
#   scripts/postgres.sh status    # "running on PORT" or "stopped" (stderr), exit 0/3
#   scripts/postgres.sh stop      # fast shutdown
#   scripts/postgres.sh destroy   # stop and delete the state folder
#
# stdout carries ONLY the DATABASE_URL (postgresql+psycopg://...); messages go to stderr.
# Run as root, the cluster belongs to the `postgres` system user (created by the package).
# Settings (environment): QUIZAPP_PG_DIR (state folder, default /tmp/quizapp-postgres-UID),
# QUIZAPP_PG_DB (database name, default quizapp_test), QUIZAPP_PG_PORT (preferred port).
set -euo pipefail

STATE=${QUIZAPP_PG_DIR:-/tmp/quizapp-postgres-$(id -u)}
DB=${QUIZAPP_PG_DB:-quizapp_test}
SUPERUSER=postgres
DATA=$STATE/data

log() { printf '[postgres] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && printf '%s\n' "$dir"
}

ensure_installed() {
  if [ -n "$(pg_bindir)" ]; then return; fi
  [ "$(id -u)" = 0 ] || die "PostgreSQL is not installed; run as root or: apt-get install -y postgresql"
  log "installing Debian's postgresql (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  [ -n "$(pg_bindir)" ] || die "postgresql installed but no /usr/lib/postgresql/*/bin/initdb found"
}

# Run a command as the cluster owner (the postgres user when we are root).
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    (cd / && runuser -u "$SUPERUSER" -- "$@")
  else
    (cd / && "$@")
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local port
  for port in ${QUIZAPP_PG_PORT:-} $(seq 54329 54529); do
    if ! port_in_use "$port"; then
      printf '%s\n' "$port"
      return
    fi
  done
  die "no free port in 54329-54529"
}

is_running() { [ -d "$DATA" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

url() {
  printf 'postgresql+psycopg://%s:%s@127.0.0.1:%s/%s\n' \
    "$SUPERUSER" "$(cat "$STATE/password")" "$(cat "$STATE/port")" "$DB"
}

init_cluster() {
  [ -f "$DATA/PG_VERSION" ] && return
  log "initialising a cluster in $DATA"
  mkdir -p "$STATE"
  chmod 700 "$STATE"
  (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$STATE/password")
  if [ "$(id -u)" = 0 ]; then
    id "$SUPERUSER" >/dev/null 2>&1 || die "no '$SUPERUSER' user (is the postgresql package installed?)"
    chown -R "$SUPERUSER:" "$STATE"
  fi
  as_owner "$BIN/initdb" -D "$DATA" -U "$SUPERUSER" --auth=scram-sha-256 \
    --pwfile="$STATE/password" --encoding=UTF8 --locale=C.UTF-8 >"$STATE/initdb.log" 2>&1 \
    || { cat "$STATE/initdb.log" >&2; die "initdb failed"; }
}

start() {
  ensure_installed
  BIN=$(pg_bindir)
  init_cluster
  if ! is_running; then
    local port
    port=$(free_port)
    printf '%s\n' "$port" >"$STATE/port"
    log "starting on 127.0.0.1:$port"
    as_owner "$BIN/pg_ctl" -D "$DATA" -l "$STATE/server.log" -w -t 60 \
      -o "-k $STATE -h 127.0.0.1 -p $port -c max_connections=200" start >&2 \
      || { tail -n 20 "$STATE/server.log" >&2; die "pg_ctl start failed"; }
  fi
  local port
  port=$(cat "$STATE/port")
  export PGPASSWORD
  PGPASSWORD=$(cat "$STATE/password")
  local exists
  exists=$("$BIN/psql" -h 127.0.0.1 -p "$port" -U "$SUPERUSER" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$DB'")
  if [ "$exists" != 1 ]; then
    log "creating database $DB"
    "$BIN/createdb" -h 127.0.0.1 -p "$port" -U "$SUPERUSER" "$DB"
  fi
  url
}

main() {
  local command=${1:-start}
  case "$command" in
    start) start ;;
    url | status | stop | destroy)
      BIN=$(pg_bindir) || die "PostgreSQL is not installed"
      case "$command" in
        url) is_running || die "not running"; url ;;
        status)
          if is_running; then log "running on port $(cat "$STATE/port")"; else log "stopped"; exit 3; fi
          ;;
        stop) if is_running; then as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2; fi ;;
        destroy)
          if is_running; then as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2; fi
          rm -rf "$STATE"
          ;;
      esac
      ;;
    *) die "usage: $0 [start|url|status|stop|destroy]" ;;
  esac
}

main "$@"

#!/usr/bin/env bash
# Installs (Debian packages) and starts the servers the tests use, on loopback only:
# PostgreSQL and Redis (the Celery broker of the worker tests).
# Prints the environment the tests need; source its output: eval "$(bash scripts/services.sh)".
# `bash scripts/services.sh stop` stops the private PostgreSQL and the Redis it started.
set -euo pipefail
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
as_pg() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
PGPORT=${TIDINGS_TEST_PGPORT:-54329}
PGDATA=${TMPDIR:-/tmp}/tidings-test-pg
if [ "${1:-}" = stop ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$PGBIN" ] && [ -f "$PGDATA/postmaster.pid" ]; then
    as_pg "$PGBIN/pg_ctl -D $PGDATA -m fast -w stop" >&2
  else
    echo "no private PostgreSQL is running from $PGDATA" >&2
  fi
  redis-cli -h 127.0.0.1 -p "${TIDINGS_TEST_REDISPORT:-63799}" shutdown nosave >/dev/null 2>&1 || true
  exit 0
fi
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/redis-server ] || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_start() {
  as_pg "$PGBIN/pg_ctl -D $PGDATA -l $PGDATA/server.log -w \
    -o '-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off' start" >&2
}
if ! as_pg "$PGBIN/pg_isready -q -h 127.0.0.1 -p $PGPORT"; then
  # A cluster left by an earlier run is started again (its databases kept, benchmark
  # ones included); a missing or unusable one is made anew.
  if ! { [ "$(cat "$PGDATA/PG_VERSION" 2>/dev/null)" = "$(basename "$(dirname "$PGBIN")")" ] \
      && rm -f "$PGDATA/postmaster.pid" && pg_start; }; then
    rm -rf "$PGDATA"
    mkdir -p "$PGDATA"
    [ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
    as_pg "$PGBIN/initdb -D $PGDATA -A trust -U postgres" >&2
    pg_start
  fi
  echo "export TIDINGS_TEST_PG_STARTED=1"
fi
as_pg "$PGBIN/psql -q -h 127.0.0.1 -p $PGPORT -U postgres -tc \
  \"SELECT 1 FROM pg_database WHERE datname='tidings_test'\"" | grep -q 1 \
  || as_pg "$PGBIN/createdb -h 127.0.0.1 -p $PGPORT -U postgres tidings_test" >&2
echo "export TIDINGS_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:$PGPORT/tidings_test"
REDISPORT=${TIDINGS_TEST_REDISPORT:-63799}
if ! redis-cli -h 127.0.0.1 -p "$REDISPORT" ping >/dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port "$REDISPORT" --daemonize yes --save '' \
    --appendonly no --dir "${TMPDIR:-/tmp}" >&2
  for _ in $(seq 50); do redis-cli -h 127.0.0.1 -p "$REDISPORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  echo "export TIDINGS_TEST_REDIS_STARTED=1"
fi
echo "export TIDINGS_TEST_REDIS_URL=redis://127.0.0.1:$REDISPORT/0"

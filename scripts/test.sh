#!/usr/bin/env bash
# Installs everything (Python packages, PostgreSQL, Redis, Chromium) and runs the whole test suite.
# Whatever the tests start is stopped when they end: pytest runs in a process group of its own,
# which is ended afterwards (servers, multiprocessing helpers), and the PostgreSQL and Redis
# that services.sh started for this run are stopped (ones already running are left alone).
set -euo pipefail
cd "$(dirname "$0")/.."
TIDINGS_EXTRAS=test bash scripts/setup.sh
eval "$(bash scripts/services.sh)"
.venv/bin/ruff check src tests benchmarks
setsid .venv/bin/python -m pytest "$@" <&0 &
tests=$!
trap 'kill -INT -- "-$tests" 2>/dev/null || true' INT TERM
status=0
wait "$tests" || status=$?
while kill -0 "$tests" 2>/dev/null; do wait "$tests" || status=$?; done
trap - INT TERM
kill -TERM -- "-$tests" 2>/dev/null || true
if [ -n "${TIDINGS_TEST_PG_STARTED:-}" ]; then bash scripts/services.sh stop; fi
if [ -n "${TIDINGS_TEST_REDIS_STARTED:-}" ]; then
  redis-cli -h 127.0.0.1 -p "${TIDINGS_TEST_REDISPORT:-63799}" shutdown nosave >/dev/null 2>&1 || true
fi
exit "$status"

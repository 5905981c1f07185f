#!/usr/bin/env bash
# Installs everything (Python packages, PostgreSQL, Chromium) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
TIDINGS_EXTRAS=test bash scripts/setup.sh
eval "$(bash scripts/services.sh)"
.venv/bin/ruff check src tests benchmarks
exec .venv/bin/python -m pytest "$@"
